/**
 * Naming the slip (issue 14) through the built binary: --answer in text and
 * JSON, a homework file whose wrong answers are each a different slip, a
 * drill whose review log records the slip ids, stats listing them, drill
 * --slips drawing for them, and hand-written questions' known wrong answers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng, seedFrom } from '../../src/core/random';
import { GENERATORS } from '../../src/quiz/generators/index';
import { dlnotes, dlnotesJson, ROOT } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const BANK = join(ROOT, 'test', 'fixtures', 'slips-bank');
const HOMEWORK = join(ROOT, 'test', 'fixtures', 'homework', 'slips.yaml');
const NOW = '2025-03-05T10:00';

function envFor(home: string): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '' };
}

interface Check { key?: string; ok: boolean; slip?: { id: string; text: string }; slips?: Array<{ id: string }> }

describe('--answer names the slip', () => {
  it('text: the verdict says which slip, in the student\'s language', () => {
    const r = dlnotes(['conv', '--h', '32', '--f', '5', '--p', '2', '--answer', '31', '--lang', 'en'], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(1);
    // 80 columns: the verdict wraps, continuing under the text after "✗ ".
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '✗ output size H\': you said 31, the answer is 32 — looks like the "+1" was left',
      '  out: (32 − 5 + 2·2)/1 = 31, then + 1 = 32',
    ]);
    const wide = dlnotes(['conv', '--h', '32', '--f', '5', '--p', '2', '--answer', '31', '--lang', 'en'], { env: { COLUMNS: '120' } });
    expect(wide.stdout.split('\n')[0]).toBe('✗ output size H\': you said 31, the answer is 32 — looks like the "+1" was left out: (32 − 5 + 2·2)/1 = 31, then + 1 = 32');
    const zh = dlnotes(['params', 'conv', '--f', '5', '--c', '3', '--k', '10', '--answer', '750', '--lang', 'zh'], { env: { COLUMNS: '80' } });
    // CJK counts two columns.
    expect(zh.stdout.split('\n').slice(0, 2)).toEqual(['✗ 参数量：你的答案 750，正确答案 760 —— 看起来忘了偏置：750 个权重，再加 10 个偏', '  置 = 760']);
  });

  it('the slip sentence fits a narrow terminal', () => {
    const r = dlnotes(['optim', 'adam', '--grads', '0.5,0.5', '--lr', '0.1', '--answer', '-0.741', '--lang', 'en'], { env: { COLUMNS: '60' } });
    const verdict = r.stdout.slice(0, r.stdout.indexOf('\n\n')).split('\n');
    expect(verdict.join(' ').replace(/ +/g, ' ')).toContain('— looks like the bias correction was skipped, m/(√v + ε) instead of m̂/(√v̂ + ε) (giving -0.741187)');
    for (const l of verdict) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('JSON: answer.checks[i].slip = {id, text}; absent on a right answer and when nothing matched', () => {
    const { code, data } = dlnotesJson<{ answer: { correct: boolean; checks: Check[] } }>(['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '0', '--answer', 'loss=3.9, loss1=2.9', '--lang', 'en']);
    expect(code).toBe(1);
    expect(data.answer.checks[0]!.slip).toEqual({ id: 'svm-counted-correct-class', text: 'looks like the j = y term was summed too: it always adds max(0, Δ) = 1, giving 3.9; the sum runs over j ≠ y only: 2.9' });
    expect(data.answer.checks[1]!.ok).toBe(true);
    expect(data.answer.checks[1]!.slip).toBeUndefined();
    const none = dlnotesJson<{ answer: { checks: Check[] } }>(['pool', '--h', '112', '--f', '3', '--s', '2', '--p', '1', '--answer', '40']);
    expect(none.data.answer.checks[0]!.slip).toBeUndefined();
  });
});

describe('--answer names the slips of schedules and k-NN', () => {
  it('lr: a milestone taken one epoch late; knn: the vote with the other distance, in JSON', () => {
    const lr = dlnotes(['lr', 'step', '--lr', '0.1', '--milestones', '30,60,90', '--at', '30', '--answer', '0.1', '--lang', 'en'], { env: { COLUMNS: '80' } });
    expect(lr.code).toBe(1);
    expect(lr.stdout.split('\n').slice(0, 3)).toEqual([
      '✗ lr at t = 30: you said 0.1, the answer is 0.01 — looks like the epochs were',
      '  counted from 1 (or the change taken one epoch late): 0.1 is the value at t =',
      '  29; PyTorch counts from t = 0, and at t = 30 lr = 0.01',
    ]);
    const { code, data } = dlnotesJson<{ answer: { checks: Check[] } }>(['knn', '--train', '3,0; 2,2', '--labels', '0,1', '--query', '0,0', '--answer', '0', '--lang', 'zh']);
    expect(code).toBe(1);
    expect(data.answer.checks[0]!.slip).toEqual({ id: 'knn-wrong-metric', text: '看起来用了 L1 距离：按它选出的近邻投票得 0；按 L2 投票得 1' });
  });
});

describe('box decode: the missing exp() is named on w and h alone', () => {
  // anchor (0,0,100,100), t = (0, 0, 0.5, 0.5): w = h = exp(0.5)·100 = 164.87; without exp 0.5·100 = 50.
  it('--answer w=…,h=… names the slip on each, in both languages and JSON', () => {
    const args = ['box', 'decode', '--anchor', '0,0,100,100', '--t', '0,0,0.5,0.5', '--answer', 'w=50,h=50'];
    const r = dlnotes([...args, '--lang', 'en'], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '✗ box width: you said 50, the answer is 164.9 — looks like exp() was left out: w',
      '  = tw·wa = 50; w = exp(tw)·wa = 164.872',
    ]);
    expect(dlnotes([...args, '--lang', 'zh'], { env: { COLUMNS: '80' } }).stdout).toContain('看起来漏了 exp()：h = th·ha = 50；');
    const { data } = dlnotesJson<{ answer: { checks: Check[] } }>([...args, '--lang', 'en']);
    expect(data.answer.checks.map((c) => c.slip?.id)).toEqual(['box-exp-missing', 'box-exp-missing']);
  });

  it('dlnotes check: a homework answer of w and h only', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'dlnotes-box-')), 'hw.yaml');
    writeFileSync(file, '- box: {mode: decode, anchor: [0, 0, 100, 100], t: [0, 0, 0.5, 0.5]}\n  answer: {w: 50, h: 164.87}\n');
    const { code, data } = dlnotesJson<{ slips: Array<{ id: string; count: number }>; items: Array<{ checks: Check[] }> }>(['check', file, '--lang', 'en']);
    expect(code).toBe(1);
    expect(data.items[0]!.checks.map((c) => [c.ok, c.slip?.id])).toEqual([[false, 'box-exp-missing'], [true, undefined]]);
    expect(data.slips).toEqual([{ id: 'box-exp-missing', name: 'used tw·wa instead of exp(tw)·wa', count: 1 }]);
  });
});

describe('dlnotes check: each wrong answer a different slip', () => {
  const SLIPS = [
    'forgot-plus-one', 'forgot-bias', 'flops-vs-macs', 'floor-instead-of-ceil', 'rf-product-of-kernels',
    'svm-counted-correct-class', 'softmax-without-minus', 'unbiased-batch-var', 'adam-no-bias-correction', 'fc-bias-per-input',
    'lr-epoch-off-by-one', 'knn-wrong-metric',
  ];

  it('the report names each slip and ends with a summary of the slips made', () => {
    const r = dlnotes(['check', HOMEWORK, '--lang', 'en']);
    expect(r.code).toBe(1);
    const tally = r.stdout.slice(r.stdout.indexOf('Slips in these answers:'));
    expect(tally.split('\n').slice(1).filter(Boolean).map((l) => l.match(/^ {2}×1 ([a-z0-9-]+):/)?.[1])).toEqual(SLIPS);
    expect(r.stdout.replace(/\n +/g, ' ')).toContain('— looks like the kernel sizes were multiplied: 3 × 3 × 3 = 27');
    const zh = dlnotes(['check', HOMEWORK, '--lang', 'zh']);
    expect(zh.stdout).toContain('这些答案中的典型失误：\n  ×1 forgot-plus-one：输出尺寸公式漏了“+1”');
  });

  it('--json: the slip per check and the slips of the file', () => {
    const { data } = dlnotesJson<{ slips: Array<{ id: string; name: string; count: number }>; items: Array<{ checks: Check[] }> }>(['check', HOMEWORK, '--lang', 'en']);
    expect(data.slips.map((s) => s.id)).toEqual(SLIPS);
    expect(data.slips.every((s) => s.count === 1)).toBe(true);
    expect(data.slips[1]).toEqual({ id: 'forgot-bias', name: 'forgot the bias', count: 1 });
    const perCheck = data.items.flatMap((i) => i.checks.filter((c) => !c.ok).map((c) => c.slip?.id));
    expect(perCheck).toEqual(SLIPS);
    expect(data.items.at(-1)!.checks[0]).toMatchObject({ ok: true });
    expect(data.items.at(-1)!.checks[0]!.slip).toBeUndefined();
  });
});

describe('the review log keeps the slips; stats lists them; drill --slips drills them', () => {
  const run = (home: string, args: string[], input = '') => dlnotes([...args, '--bank', BANK, '--lang', 'en', '--now', NOW], { input, env: envFor(home) });

  /** The value of a slip of drill problem i (the runner draws problem i with this seed). */
  function slipAnswer(seed: number, i: number, id: string): string {
    const p = GENERATORS.get('conv-params')!.generate(seededRng(seedFrom(`drill|${seed}|${i}`)), { bias: true });
    if (p.expected.kind !== 'number') throw new Error('conv-params asks a number');
    const s = p.expected.slips?.find((x) => x.id === id);
    if (!s) throw new Error(`problem ${i} cannot show ${id}`);
    return String(s.expected);
  }

  it('a drill records the slip ids of wrong answers; stats counts them this week; drill --slips asks for them', () => {
    const home = tempHome();
    const seed = 21;
    const input = [slipAnswer(seed, 0, 'forgot-bias'), slipAnswer(seed, 1, 'forgot-bias'), slipAnswer(seed, 2, 'bias-per-weight')].join('\n');
    const drill = run(home, ['drill', 'conv-params', '-n', '3', '--seed', String(seed), '--options', 'bias=true'], `${input}\n`);
    expect(drill.code).toBe(0);
    expect(drill.stdout).toContain('scheduled: 3 reviews of slips.params');

    const card = dlnotesJson<{ reviews: Array<{ correct: boolean; slips?: string[] }> }>(['card', 'slips.params', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(card.data.reviews.map((r) => r.slips)).toEqual([['forgot-bias'], ['forgot-bias'], ['bias-per-weight']]);

    const stats = dlnotesJson<{ slips: Array<{ id: string; name: string; week: number; total: number; drill: string[] }> }>(['stats', '--bank', BANK, '--lang', 'en', '--now', NOW], { env: envFor(home) });
    // Made in conv-params problems only: drill params, not every topic that can show a forgotten bias (attention, params, rnn).
    expect(stats.data.slips.map((s) => [s.id, s.week, s.total, s.drill])).toEqual([['forgot-bias', 2, 2, ['params']], ['bias-per-weight', 1, 1, ['params']]]);
    expect(stats.data.slips[0]!.name).toBe('forgot the bias');

    const text = run(home, ['stats']);
    expect(text.stdout).toContain([
      '  slips       forgot-bias ×2 this week: forgot the bias',
      '              bias-per-weight ×1 this week: counted one bias per weight',
      '              practise them: dlnotes drill --slips (or dlnotes drill params)',
    ].join('\n'));
    const zh = dlnotes(['stats', '--bank', BANK, '--lang', 'zh', '--now', NOW], { env: envFor(home) });
    expect(zh.stdout).toContain('forgot-bias 本周 ×2：忘了偏置');
    expect(zh.stdout).toContain('针对练习：dlnotes drill --slips（或 dlnotes drill params）');

    // A week later they are still in the 30-day record, no longer "this week".
    const later = dlnotesJson<{ slips: Array<{ id: string; week: number; month: number }> }>(['stats', '--bank', BANK, '--now', '2025-03-20T10:00'], { env: envFor(home) });
    expect(later.data.slips.map((s) => [s.id, s.week, s.month])).toEqual([['forgot-bias', 0, 2], ['bias-per-weight', 0, 1]]);

    const practise = run(home, ['drill', '--slips', '-n', '2', '--seed', '4'], ':s\n:s\n');
    expect(practise.code).toBe(0);
    expect(practise.stdout).toContain('dlnotes drill · your slips forgot-bias, bias-per-weight · 2 problems · seed 4');
    // Both problems are ones where the bias can be forgotten: a conv layer with biases.
    expect(practise.stdout).not.toContain('no bias (bias=False)');
  }, 60_000); // seven runs of the binary, one after another

  it('stats suggests the topic of the question where the slip was made; the catalogue\'s topics when the bank no longer has it', () => {
    const home = tempHome();
    // slips.numeric (tags conv, params, calc) lists 750 as forgot-bias.
    expect(run(home, ['quiz', '--tag', 'calc', '--new', '1'], '750\n').stdout).toContain('The 10 biases are missing');
    const own = dlnotesJson<{ slips: Array<{ id: string; drill: string[] }> }>(['stats', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(own.data.slips).toEqual([expect.objectContaining({ id: 'forgot-bias', drill: ['params'] })]);
    const shipped = dlnotesJson<{ slips: Array<{ id: string; drill: string[] }> }>(['stats', '--now', NOW], { env: envFor(home) });
    expect(shipped.data.slips).toEqual([expect.objectContaining({ id: 'forgot-bias', drill: ['attention', 'params', 'rnn'] })]);
  });

  it('drill --slips with no slips recorded says how slips get recorded', () => {
    const r = run(tempHome(), ['drill', '--slips']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('no slips in your record yet: a slip is recorded when a wrong answer in quiz, exam or drill matches one (dlnotes drill conv to start)');
  });
});

describe('hand-written questions list their known wrong answers (slips: in the bank)', () => {
  it('bank lint passes the fixture with its slips; bank show lists them', () => {
    expect(dlnotes(['bank', 'lint', BANK]).code).toBe(0);
    const show = dlnotes(['bank', 'show', 'slips.choice', '--bank', BANK, '--lang', 'en']);
    expect(show.stdout).toContain('Known slips:\n  b — rf-sum-of-kernels: The kernel sizes were added, 3 + 3 + 3 = 9; each layer adds k − 1.\n  c — rf-product-of-kernels:');
    const gen = dlnotesJson<{ can_name: string[] }>(['bank', 'show', 'slips.params', '--bank', BANK, '--seed', '1']);
    expect(gen.data.can_name).toContain('forgot-bias');
  });

  it('lint rejects a slip that is the right answer or an unknown slip id', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-slips-bank-'));
    writeFileSync(join(dir, 'd.yaml'), [
      'deck: bad',
      'title: {zh: 坏, en: Bad}',
      'questions:',
      ...['n', 'm'].flatMap((id) => [
        `  - id: bad.${id}`,
        '    type: numeric',
        '    prompt: {zh: "参数量？", en: "Parameters?"}',
        '    answer: 760',
        '    slips:',
        id === 'n' ? '      - {answer: 760, slip: forgot-bias, explanation: {zh: "x", en: "x"}}' : '      - {answer: 750, slip: forgot-biass, explanation: {zh: "x", en: "x"}}',
        '    explanation: {zh: "760", en: "760"}',
        '    tags: [calc]',
        '    source: "04 卷积神经网络 / 计算方法"',
      ]),
      '',
    ].join('\n'));
    const r = dlnotes(['bank', 'lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/d\.yaml:9:\d+: the slip answer "760" is graded right: a slip lists a wrong answer/);
    expect(r.stdout).toMatch(/d\.yaml:18:\d+: slips\.0\.slip "forgot-biass" is not a known slip id/);
  });
});
