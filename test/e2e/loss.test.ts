import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson } from '../helpers/cli';

const CS231N = ['loss', 'svm', '--scores', '3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1', '--labels', '0,1,2'];

/** Bad input: exit 2, one line on stderr naming the flag, nothing on stdout, no stack trace. */
function expectUsageError(args: string[], pattern: RegExp): void {
  const r = dlnotes(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('dlnotes loss svm', () => {
  it("works CS231n's example, every margin shown", () => {
    const r = dlnotes(CS231N);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('j=1: max(0, 5.1 − 3.2 + 1) = max(0, 2.9) = 2.9');
    expect(r.stdout).toContain('L_2 = 0 + 0 = 0');
    expect(r.stdout).toContain('L_3 = 6.3 + 6.6 = 12.9');
    expect(r.stdout).toContain('L = 5.26667');
    expect(r.stdout).toContain('nn.MultiMarginLoss');
  });
  it('speaks JSON: loss and losses', () => {
    const { code, data } = dlnotesJson<{ loss: number; losses: number[]; pytorch_multi_margin_loss: number }>(CS231N);
    expect(code).toBe(0);
    expect(data.losses).toEqual([2.9, 0, 12.9]);
    expect(data.loss).toBeCloseTo(5.266666666666667, 12);
    expect(data.pytorch_multi_margin_loss).toBeCloseTo(15.8 / 9, 12);
  });
  it('checks answers: exit 0 when right, 1 with the worked solution when wrong', () => {
    expect(dlnotes([...CS231N, '--answer', '5.27']).code).toBe(0);
    expect(dlnotes([...CS231N, '--answer', 'loss1=2.9, loss3=12.9']).code).toBe(0);
    const wrong = dlnotes([...CS231N, '--answer', 'loss=5.2']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('the answer is 5.267');
    expect(wrong.stdout).toContain('L_3 = 6.3 + 6.6 = 12.9');
  });
  it('adds L2 regularization with its gradient and the weight_decay equivalent', () => {
    const args = ['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '0', '--reg', 'l2', '--lambda', '0.1', '--weights', '0.2,-0.5; 1.5,1.3'];
    const { data } = dlnotesJson<{ loss: number; data_loss: number; reg: { r: number; penalty: number; grad: number[][]; pytorch_weight_decay: number } }>(args);
    expect(data.data_loss).toBe(2.9);
    expect(data.reg.r).toBe(4.23);
    expect(data.loss).toBe(3.323);
    expect(data.reg.grad).toEqual([[0.04, -0.1], [0.3, 0.26]]);
    expect(data.reg.pytorch_weight_decay).toBe(0.2);
    expect(dlnotes([...args, '--answer', 'total=3.32, r=4.23']).code).toBe(0);
    expect(dlnotes(args).stdout).toContain('weight_decay = 2λ = 0.2');
  });
  it("answers the notes' Q1-Q5", () => {
    const r = dlnotes(['loss', 'svm', '--questions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Q5');
    expect(r.stdout).toContain('L_i = 2.9 + 1 = 3.9');
  });
  it.each([
    [['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '3'], /^dlnotes: --label: label 1 is 3; labels are class indices 0\.\.2/],
    [['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--labels', '0,1'], /--labels: 2 labels for 1 sample/],
    [['loss', 'svm', '--scores', '3.2,5.1,-1.7'], /--label is required/],
    [['loss', 'svm', '--scores', '', '--label', '0'], /--scores: .*empty/],
    [['loss', 'svm', '--scores', '1,2', '--label', '0', '--delta', '-1'], /--delta: must be greater than 0/],
    [['loss', 'svm', '--scores', '1,2; 3', '--labels', '0,1'], /--scores: row 2 has 1 values/],
    [['loss', 'hinge'], /unknown loss "hinge"/],
    [['loss', 'svm', '--scores', '1,2', '--label', '0', '--reg', 'l2', '--lambda', '0.1'], /--weights is required/],
  ])('bad input %j exits 2 with one line', (args, pattern) => expectUsageError(args, pattern));
});

describe('dlnotes loss softmax', () => {
  const CAT = ['loss', 'softmax', '--scores', '3.2,5.1,-1.7', '--label', '0'];
  it('gives probabilities and −ln p_y (natural log)', () => {
    const r = dlnotes(CAT);
    expect(r.stdout).toContain('p = e^s / Σ e^s = [0.129983, 0.86905, 0.000967926]');
    expect(r.stdout).toContain('= 2.04036');
    const { data } = dlnotesJson<{ loss: number; losses: number[]; probs: number[][] }>(CAT);
    expect(data.loss).toBeCloseTo(2.04035515280017, 12);
    expect(data.probs[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(data.losses).toHaveLength(1);
  });
  it('checks p_y and the loss', () => {
    expect(dlnotes([...CAT, '--answer', '2.04']).code).toBe(0);
    expect(dlnotes([...CAT, '--answer', 'py=0.13']).code).toBe(0);
    expect(dlnotes([...CAT, '--answer', '0.89']).code).toBe(1); // the log10 slip
  });
  it('with --json and --answer folds the verdicts into the JSON', () => {
    const { code, data } = dlnotesJson<{ answer: { correct: boolean } }>([...CAT, '--answer', '2.5']);
    expect(code).toBe(1);
    expect(data.answer.correct).toBe(false);
  });
  it('rejects SVM-only flags', () => expectUsageError([...CAT, '--delta', '2'], /--delta and --squared belong to the SVM loss/));
});

describe('dlnotes loss --init-check', () => {
  it('gives (C−1)Δ and ln C', () => {
    const both = dlnotes(['loss', '--init-check', '--classes', '10']);
    expect(both.stdout).toContain('L ≈ (C − 1)·Δ = 9 × 1 = 9');
    expect(both.stdout).toContain('ln 10 = 2.30259');
    expect(dlnotesJson<{ loss: number }>(['loss', 'softmax', '--init-check', '--classes', '10']).data.loss).toBeCloseTo(Math.log(10), 14);
    expect(dlnotes(['loss', 'svm', '--init-check', '--classes', '10', '--answer', '9']).code).toBe(0);
  });
  it('needs --classes >= 2', () => expectUsageError(['loss', '--init-check', '--classes', '1'], /--classes: expected an integer >= 2/));
});

describe('dlnotes loss kl / ce / reg', () => {
  it('KL with the identity H(P,Q) = H(P) + KL', () => {
    const r = dlnotes(['loss', 'kl', '--p', '0.2,0.8', '--q', '0.5,0.5']);
    expect(r.stdout).toContain('D_KL(P‖Q) = 0.192745');
    expect(r.stdout).toContain('0.693147 = 0.500402 + 0.192745');
    const { data } = dlnotesJson<{ loss: number; losses: number[]; entropy: number[]; cross_entropy: number[] }>(['loss', 'kl', '--p', '0.2,0.8', '--q', '0.5,0.5']);
    expect(data.loss).toBeCloseTo(0.19274475702175753, 14);
    expect(data.cross_entropy[0]).toBeCloseTo(Math.LN2, 14);
  });
  it('cross-entropy of several rows averages them', () => {
    const { data } = dlnotesJson<{ loss: number; losses: number[] }>(['loss', 'ce', '--p', '1,0; 0,1', '--q', '0.5,0.5; 0.25,0.75']);
    expect(data.losses[0]).toBeCloseTo(Math.LN2, 14);
    expect(data.losses[1]).toBeCloseTo(-Math.log(0.75), 14);
    expect(data.loss).toBeCloseTo((Math.LN2 - Math.log(0.75)) / 2, 14);
  });
  it('normalises on request', () => {
    expect(dlnotesJson<{ loss: number }>(['loss', 'kl', '--p', '1,4', '--q', '1,1', '--normalize']).data.loss).toBeCloseTo(0.19274475702175753, 14);
  });
  it.each([
    [['loss', 'kl', '--p', '0.2,0.7', '--q', '0.5,0.5'], /--p: the distribution sums to 0\.9, not 1/],
    [['loss', 'kl', '--p', '0.2,0.8', '--q', '0.3,0.3,0.4'], /--q: P has 2 outcomes but Q has 3/],
    [['loss', 'kl', '--p', '-0.2,1.2', '--q', '0.5,0.5'], /--p: .*negative/],
    [['loss', 'kl', '--p', '0.2,0.8'], /--p and --q are required/],
  ])('bad input %j exits 2', (args, pattern) => expectUsageError(args, pattern));
  it('regularization alone', () => {
    const { data } = dlnotesJson<{ loss: number; r: number; grad: number[][] }>(['loss', 'reg', '--reg', 'l1', '--lambda', '0.5', '--weights', '1,-2,0']);
    expect(data).toMatchObject({ loss: 1.5, r: 3, grad: [[0.5, -0.5, 0]] });
    expect(dlnotes(['loss', 'reg', '--reg', 'l2', '--lambda', '0.1', '--weights', '1,2', '--data-loss', '1', '--answer', 'loss=1.5']).code).toBe(0);
  });
});
