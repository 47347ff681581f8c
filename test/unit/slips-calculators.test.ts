/**
 * The slips of every calculator but conv's sizes (test/unit/slips-conv.test.ts):
 * for each slip a wrong answer where it is named (slip values worked out by
 * hand), inputs where it gives the right value and so is never named, and
 * properties that a right answer never carries a slip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAct } from '../../src/commands/act';
import { computeBn } from '../../src/commands/bn';
import { computeConv } from '../../src/commands/conv';
import { computeGate } from '../../src/commands/gate';
import { computeGradcheck } from '../../src/commands/gradcheck';
import { computeKnn } from '../../src/commands/knn';
import { computeLoss } from '../../src/commands/loss';
import { computeLr } from '../../src/commands/lr';
import { computeMatmul } from '../../src/commands/matmul';
import { computeOptim } from '../../src/commands/optim';
import type { Outcome } from '../../src/commands/output';
import { computeParams } from '../../src/commands/params';
import { computePool } from '../../src/commands/pool';
import { computeRf } from '../../src/commands/rf';
import { computeRnn } from '../../src/commands/rnn';
import { computeDecode } from '../../src/commands/box';
import { computeNms } from '../../src/commands/nms';
import { computeRoi } from '../../src/commands/roi';
import { GENERATORS } from '../../src/quiz/generators/index';
import { computeSummary } from '../../src/commands/summary';
import { checkAnswerText } from '../../src/core/check';
import { SLIP_CATALOGUE } from '../../src/core/slips';
import { tr } from '../../src/core/text';

type Run = () => Outcome | Promise<Outcome>;
type F = Record<string, string | boolean>;

const conv = (f: F): Run => () => computeConv(f);
const pool = (f: F): Run => () => computePool(f);
const params = (kind: string, f: F): Run => () => computeParams(kind, f);
const rf = (f: F): Run => () => computeRf(f);
const loss = (kind: string, f: F): Run => () => computeLoss(kind, f);
const bn = (f: F): Run => () => computeBn(f);
const optim = (name: string, f: F): Run => () => computeOptim(name, f);
const summary = (net: string, f: F = {}): Run => () => computeSummary(net, f);
const gate = (name: string, f: F): Run => () => computeGate(name, f);
const act = (name: string, f: F): Run => () => computeAct(name, f);
const matmul = (f: F): Run => () => computeMatmul(f);
const lr = (name: string, f: F): Run => () => computeLr(name, f);
const knnRun = (f: F): Run => () => computeKnn(f);
const gradcheckRun = (expr: string, values: string[]): Run => () => computeGradcheck(expr, values, {});

async function named(run: Run, answer: string): Promise<{ ok: boolean[]; ids: string[] }> {
  const out = await run();
  const checks = checkAnswerText(answer, out.quantities, out.defaultKey);
  return { ok: checks.map((c) => c.ok), ids: checks.flatMap((c) => (c.slips ?? []).map((s) => s.id)) };
}

const CS231N_CAT = { scores: '3.2,5.1,-1.7', label: '0' };
const REG = { ...CS231N_CAT, reg: 'l2', lambda: '0.1', weights: '1,2' };
const BN = { x: '1;2;3;6' };
const STACK = { layers: 'conv k=3 s=2; conv k=3; conv k=3' };

/** [what, calculator run, a wrong answer, the slips it is named as]; slip values worked out by hand in the comments. */
const NAMED: Array<[string, Run, string, string[]]> = [
  // pool 112, F 3, S 2, P 1: (112 + 2 − 3)/2 = 55.5 → 56. Without +1: 55; no padding ⌊109/2⌋ + 1 = 55; ceil 57; no stride 112.
  ['pool floor', pool({ h: '112', f: '3', s: '2', p: '1' }), '55', ['forgot-plus-one', 'forgot-padding']],
  ['pool ceil', pool({ h: '112', f: '3', s: '2', p: '1' }), '57', ['ceil-instead-of-floor']],
  ['pool stride', pool({ h: '112', f: '3', s: '2', p: '1' }), '112', ['forgot-stride']],
  // ceil_mode: 6, F 3, S 2: ⌈3/2⌉ + 1 = 3; floor gives 2 (so does ⌈3/2⌉ without the +1).
  ['pool ceil_mode floor', pool({ h: '6', f: '3', s: '2', ceil: true }), '2', ['floor-instead-of-ceil', 'forgot-plus-one']],
  // 5, F 2, S 2, P 1, ceil: ⌈5/2⌉ + 1 = 4, but the 4th window starts at 6 ≥ 5 + 1: PyTorch drops it, 3.
  ['pool ceil_mode window', pool({ h: '5', f: '2', s: '2', p: '1', ceil: true }), '4', ['ceil-kept-padding-window']],
  ['pool shape', pool({ h: '112', f: '3', s: '2', p: '1', c: '64' }), 'output=57x57x64', ['ceil-instead-of-floor']],
  // transposed: (7 − 1)·2 − 2 + 2 + 1 + 1 = 14; the conv formula ⌊(7 + 2 − 3)/2⌋ + 1 = 4.
  ['transposed conv formula', conv({ h: '7', f: '3', s: '2', p: '1', transpose: true, outputPadding: '1' }), '4', ['transpose-as-conv']],
  ['transposed output_padding', conv({ h: '7', f: '3', s: '2', p: '1', transpose: true, outputPadding: '1' }), '13', ['forgot-output-padding', 'forgot-plus-one']],
  // conv 32, C 3, K 10, F 5, S 2, P 2: out 16, MACs 16·16·10·75 = 192,000; at the input size 32·32·10·75 = 768,000; without C 64,000.
  ['conv MACs at input size', conv({ h: '32', c: '3', k: '10', f: '5', s: '2', p: '2' }), 'macs=768000', ['macs-input-size']],
  ['conv MACs without C', conv({ h: '32', c: '3', k: '10', f: '5', s: '2', p: '2' }), 'macs=64000', ['forgot-input-channels']],
  // depthwise 8×8×4, 3×3: 64·4·9·1 = 2,304 MACs; as if groups = 1, 9,216.
  ['conv groups MACs', conv({ h: '8', c: '4', k: '4', f: '3', p: '1', groups: '4' }), 'macs=9216', ['groups-ignored']],
  // 32×32×10 values = 10,240 (40,960 B); 40,960 B = 0.0390625 MiB written as MB is 39,062.5 B.
  ['conv bytes as values', conv({ h: '32', c: '3', k: '10', f: '5', p: '2' }), 'bytes=10240', ['values-not-bytes']],
  ['conv MiB as MB', conv({ h: '32', c: '3', k: '10', f: '5', p: '2' }), 'bytes=0.0391 MB', ['mb-vs-mib']],
  // batch 4: 4 × 1,536,000 FLOPs; one image's 1,536,000.
  ['conv FLOPs batch', conv({ h: '32', c: '3', k: '10', f: '5', p: '2', batch: '4' }), 'flops=1536000', ['forgot-batch']],
  // params conv 3×3, 64 → 128: 73,728 weights + 128 = 73,856.
  ['conv params no bias', params('conv', { f: '3', c: '64', k: '128' }), '73728', ['forgot-bias']],
  ['conv params no C', params('conv', { f: '3', c: '64', k: '128' }), '1280', ['forgot-input-channels']],
  ['conv params bias per weight', params('conv', { f: '3', c: '64', k: '128' }), '147456', ['bias-per-weight']],
  ['conv weights no C', params('conv', { f: '3', c: '64', k: '128' }), 'weights=1152', ['forgot-input-channels']],
  // depthwise 3×3, 32 channels: 288 + 32 = 320; as a full conv 288·32 + 32 = 9,248.
  ['depthwise as full conv', params('conv', { f: '3', c: '32', k: '32', groups: '32' }), '9248', ['groups-ignored']],
  // fc 25088 → 4096: 102,760,448 weights + 4,096.
  ['fc no bias', params('fc', { in: '25088', out: '4096' }), '102760448', ['forgot-bias']],
  ['fc bias per weight', params('fc', { in: '25088', out: '4096' }), '205520896', ['bias-per-weight']],
  ['fc bias per input', params('fc', { in: '25088', out: '4096' }), '102785536', ['fc-bias-per-input']],
  ['bn buffers', params('bn', { c: '64' }), '256', ['bn-buffers-as-params']],
  // three 3×3 at C = 64: 27C² = 110,592 vs 49C² = 200,704; rf 7.
  ['stack without C', params('stack', { n: '3', f: '3', c: '64' }), 'stack=1728', ['forgot-input-channels']],
  ['single as 9×9', params('stack', { n: '3', f: '3', c: '64' }), 'single=331776', ['rf-sum-of-kernels']],
  ['single as 27×27', params('stack', { n: '3', f: '3', c: '64' }), 'single=2985984', ['rf-product-of-kernels']],
  ['stack rf sum', params('stack', { n: '3', f: '3', c: '64' }), 'rf=9', ['rf-sum-of-kernels']],
  // separable 3×3, 32 → 64: 320 + 2,112 = 2,432; no biases 2,336; depthwise as a full conv 9,216 + 32 + 2,112 = 11,360.
  ['separable no bias', params('separable', { f: '3', c: '32', k: '64' }), '2336', ['forgot-bias']],
  ['separable groups', params('separable', { f: '3', c: '32', k: '64' }), '11360', ['groups-ignored']],
  ['standard no bias', params('separable', { f: '3', c: '32', k: '64' }), 'standard=18432', ['forgot-bias']],
  // rf of conv3 s2, conv3, conv3: 1 + 2·1 + 2·2 + 2·2 = 11; strides ignored 7; Σk 9; Πk 27; × 3 channels 33.
  ['rf strides ignored', rf(STACK), '7', ['rf-ignored-strides']],
  ['rf sum', rf(STACK), '9', ['rf-sum-of-kernels']],
  ['rf product', rf(STACK), '27', ['rf-product-of-kernels']],
  ['rf channels', rf({ ...STACK, input: '3x32x32' }), '33', ['rf-times-channels']],
  // SVM, CS231n's cat: 2.9. j = y adds 1: 3.9; ÷3: 0.967; raw margins 2.9 − 3.9 = −1.
  ['svm j = y', loss('svm', CS231N_CAT), '3.9', ['svm-counted-correct-class']],
  ['svm per class', loss('svm', CS231N_CAT), '0.967', ['svm-mean-over-classes']],
  ['svm no max', loss('svm', CS231N_CAT), '-1', ['svm-no-max']],
  ['svm sample', loss('svm', { scores: '3.2,5.1,-1.7;1.3,4.9,2.0;2.2,2.5,-3.1', labels: '0,1,2' }), 'loss1=3.9', ['svm-counted-correct-class']],
  // CS231n's three images: 2.9 + 0 + 12.9 = 15.8, mean 5.27.
  ['svm batch sum', loss('svm', { scores: '3.2,5.1,-1.7;1.3,4.9,2.0;2.2,2.5,-3.1', labels: '0,1,2' }), '15.8', ['loss-sum-not-mean']],
  // softmax, the cat: −ln 0.13 = 2.04; log₁₀ 0.886; ln p_y = −2.04.
  ['softmax log10', loss('softmax', CS231N_CAT), '0.886', ['log10-instead-of-ln']],
  ['softmax minus', loss('softmax', CS231N_CAT), '-2.04', ['softmax-without-minus']],
  ['svm init C·Δ', loss('svm', { initCheck: true, classes: '10' }), '10', ['svm-counted-correct-class']],
  ['softmax init log10', loss('softmax', { initCheck: true, classes: '10' }), '1', ['log10-instead-of-ln']],
  // L2, λ = 0.1, W = [1, 2]: R = 5, λR = 0.5, total 3.4; L1 R = 3; gradient 2λW = [0.2, 0.4].
  ['total without R', loss('svm', REG), 'loss=2.9', ['forgot-regularization']],
  ['total without λ', loss('svm', REG), 'loss=7.9', ['forgot-lambda']],
  ['penalty without λ', loss('svm', REG), 'penalty=5', ['forgot-lambda']],
  ['penalty L1', loss('svm', REG), 'penalty=0.3', ['l1-vs-l2']],
  ['R L1', loss('svm', REG), 'r=3', ['l1-vs-l2']],
  ['L2 gradient', loss('svm', REG), 'grad=0.1,0.2', ['l2-gradient-no-2']],
  // KL((0.5, 0.5) ‖ (0.9, 0.1)) = 0.511; reversed 0.368; log₁₀ 0.222.
  ['kl reversed', loss('kl', { p: '0.5,0.5', q: '0.9,0.1' }), '0.368', ['kl-reversed']],
  ['kl log10', loss('kl', { p: '0.5,0.5', q: '0.9,0.1' }), '0.222', ['log10-instead-of-ln']],
  // BatchNorm of 1, 2, 3, 6: μ 3, σ² 14/4 = 3.5, unbiased 14/3 = 4.667; running_var 0.9 + 0.1·4.667 = 1.367, with 3.5: 1.25.
  ['bn unbiased σ²', bn(BN), 'var=4.667', ['unbiased-batch-var']],
  ['bn biased running_var', bn(BN), 'running_var=1.25', ['biased-running-var']],
  // momentum as the old value's weight: 0.1·0 + 0.9·3 = 2.7.
  ['bn momentum', bn(BN), 'running_mean=2.7', ['bn-momentum-reversed']],
  // ε = 0.5: x̂₁ = −2/√4 = −1; without ε −2/√3.5 = −1.069.
  ['bn ε', bn({ ...BN, eps: '0.5' }), 'y1=-1.069', ['forgot-epsilon']],
  // eval with running 1, 4: y₄ = (6 − 1)/2 = 2.5; with the batch's own statistics (6 − 3)/√3.5 = 1.604.
  ['bn eval', bn({ ...BN, mode: 'test', runningMean: '1', runningVar: '4' }), 'y4=1.604', ['bn-test-uses-batch-stats']],
  ['sgd sign', optim('sgd', { w0: '1', grads: '0.5', lr: '0.1' }), '1.05', ['update-sign']],
  // momentum, grads 1, 1, lr 0.1: −0.29; +αv: 0.29; v = ρv + (1 − ρ)g: −0.029.
  ['momentum sign', optim('momentum', { grads: '1,1', lr: '0.1' }), '0.29', ['momentum-sign']],
  ['momentum ema', optim('momentum', { grads: '1,1', lr: '0.1' }), '-0.029', ['momentum-ema']],
  ['momentum v', optim('momentum', { grads: '1,1', lr: '0.1' }), 'v2=0.19', ['momentum-ema']],
  // RMSprop, g 0.5, lr 0.01, β 0.99: s = 0.0025; ÷s: −2.0.
  ['rmsprop sqrt', optim('rmsprop', { grads: '0.5', lr: '0.01' }), '-2.0', ['rmsprop-without-sqrt']],
  ['adagrad sqrt', optim('adagrad', { grads: '0.5', lr: '0.1', eps: '0' }), '-0.2', ['rmsprop-without-sqrt']],
  // ε = 0.1: −0.01·0.5/(0.05 + 0.1) = −0.0333; without ε −0.1.
  ['rmsprop ε', optim('rmsprop', { grads: '0.5', lr: '0.01', eps: '0.1' }), '-0.1', ['forgot-epsilon']],
  // Adam, two 0.5 steps at lr 0.1: −0.2; uncorrected m/√v: −0.316 then −0.741.
  ['adam correction', optim('adam', { grads: '0.5,0.5', lr: '0.1' }), '-0.741', ['adam-no-bias-correction']],
  ['adam m̂', optim('adam', { grads: '0.5', lr: '0.1' }), 'mhat=0.05', ['adam-no-bias-correction']],
  // AdamW from 1, wd 0.1: 0.89; Adam + L2 (g = 0.6): 0.9.
  ['adamw as L2', optim('adamw', { grads: '0.5', lr: '0.1', w0: '1', weightDecay: '0.1' }), '0.9', ['adamw-as-l2']],
  // VGG-16: 138,357,544 = 138,344,128 weights + 13,416 biases; 15.47 G MACs; 28,701,160 values = 114,804,640 B = 109.5 MiB.
  ['vgg no biases', summary('vgg16'), 'params=138344128', ['forgot-bias']],
  ['vgg FLOPs for MACs', summary('vgg16'), 'macs=~30.94G', ['flops-vs-macs']],
  ['vgg MACs for FLOPs', summary('vgg16'), 'flops=~15.47G', ['flops-vs-macs']],
  ['vgg values', summary('vgg16'), 'memory=~28.7M', ['values-not-bytes']],
  ['vgg bits', summary('vgg16'), 'memory=~918.4M', ['bits-vs-bytes']],
  ['vgg MiB as MB', summary('vgg16'), 'memory=~109.5 MB', ['mb-vs-mib']],
  ['vgg rf × 3', summary('vgg16'), 'rf=636', ['rf-times-channels']],
  ['vgg batch', summary('vgg16', { batch: '2' }), 'macs=~15.47G', ['forgot-batch']],
  // gates
  ['mul no swap', gate('mul', { inputs: '3,-4', upstream: '2' }), '6,-8', ['mul-gate-no-swap']],
  ['mul no swap dx', gate('mul', { inputs: '3,-4', upstream: '2' }), 'dx=6', ['mul-gate-no-swap']],
  ['max to all', gate('max', { inputs: '3,-4', upstream: '2' }), '2,2', ['max-gate-to-all']],
  ['copy one use', gate('copy', { inputs: '3', upstream: '2,-1' }), '-1', ['copy-gate-no-sum']],
  // X = [[1, 2], [3, 4]], W = [[5, 6], [7, 8]], dY = ones: dX = dY·Wᵀ = [[11, 15], [11, 15]]; dY·W = [[12, 14], [12, 14]].
  ['dX without Wᵀ', matmul({ x: '1,2;3,4', w: '5,6;7,8' }), 'dx=12,14,12,14', ['matmul-transpose']],
  // dW = Xᵀ·dY = [[4, 4], [6, 6]]; X·dY = [[3, 3], [7, 7]]; dYᵀ·X = [[4, 6], [4, 6]].
  ['dW without Xᵀ', matmul({ x: '1,2;3,4', w: '5,6;7,8' }), 'dw_2_1=7', ['matmul-transpose']],
  ['dW swapped', matmul({ x: '1,2;3,4', w: '5,6;7,8' }), 'dw=4,6,4,6', ['matmul-transpose']],
  // activations: σ'(0.5) = 0.235, x(1 − x) = 0.25; tanh'(0.5) = 0.786, 1 − x² = 0.75; GELU'(1) = Φ(1) + φ(1) = 1.083, Φ(1) = 0.8413.
  ['sigmoid at x', act('sigmoid', { x: '0.5' }), 'grad=0.25', ['act-grad-of-x']],
  ['tanh at x', act('tanh', { x: '0.5' }), 'grad=0.75', ['act-grad-of-x']],
  ['leaky as relu', act('leaky-relu', { x: '-2' }), 'value=0', ['negative-side-as-relu']],
  ['elu slope as relu', act('elu', { x: '-1' }), 'grad=0', ['negative-side-as-relu']],
  ['gelu Φ only', act('gelu', { x: '1' }), 'grad=0.8413', ['gelu-grad-cdf-only']],
  // x² at 3, h = 1e-5: centred (9.00006 − 8.99994)/2e-5 = 6, over h 12; forward 6.00001, |a − n| = 1e-5, relative 1.67e-6.
  ['centred over h', gradcheckRun('x^2', ['x=3']), 'ctr_x=12', ['centred-over-h']],
  ['absolute error', gradcheckRun('x^2', ['x=3']), 'relerr_fwd_x=1e-5', ['relerr-absolute']],
  // MultiStepLR 0.1, ÷10 at 30, 60, 90: 0.01 at t = 30 (0.1 at t = 29); 0.001 at t = 65, lr·γ once 0.01 (t = 64 is 0.001 too: not named).
  ['lr milestone one late', lr('step', { lr: '0.1', milestones: '30,60,90', gamma: '0.1', at: '30' }), '0.1', ['lr-epoch-off-by-one']],
  ['lr γ once', lr('step', { lr: '0.1', milestones: '30,60,90', gamma: '0.1', at: '65' }), '0.01', ['step-gamma-once']],
  // cosine 0.1 → 0.01 over 100: 0.01 + ½·0.09·(1 + cos(π/2)) = 0.055 at t = 50; without η_min ½·0.1 = 0.05.
  ['cosine without η_min', lr('cosine', { lr: '0.1', min: '0.01', total: '100', at: '50' }), '0.05', ['cosine-forgot-min']],
  // 10 warm-up epochs, cosine to 100: t = 55 is T_cur = 45 of T_max = 90, 0.05; at 55 of 100, 0.05·(1 + cos(0.55π)) = 0.04218.
  ['warm-up clock', lr('cosine', { lr: '0.1', total: '100', warmup: '10', at: '55' }), '0.04218', ['warmup-clock-not-restarted']],
  // query (1, 1), #2 (3, 4): L2 √(4 + 9) = 3.606, squared 13, L1 5.
  ['knn L2 squared', knnRun({ train: '0,0; 3,4; 10,10', labels: '0,1,1', query: '1,1', k: '3' }), 'd2=13', ['l2-without-sqrt']],
  ['knn L1 for L2', knnRun({ train: '0,0; 3,4; 10,10', labels: '0,1,1', query: '1,1', k: '3' }), 'd2=5', ['knn-wrong-metric']],
  // k = 3 votes 1 (labels 0, 1, 1); the nearest alone is class 0.
  ['knn nearest only', knnRun({ train: '0,0; 3,4; 10,10', labels: '0,1,1', query: '1,1', k: '3' }), '0', ['knn-nearest-only']],
  // query (0, 0): (3, 0) class 0 is 3 both ways, (2, 2) class 1 is 2.83 in L2 but 4 in L1: 1-NN with L2 says 1, with L1 0.
  ['knn vote with L1', knnRun({ train: '3,0; 2,2', labels: '0,1', query: '0,0', k: '1' }), '0', ['knn-wrong-metric']],
  // LSTM D 10, H 20: 4H(D + H) = 2,400 MACs per sample and step; × batch 8 = 19,200 per step; × T 35 = 672,000.
  ['rnn one step', () => computeRnn(undefined, { kind: 'lstm', input: '10', hidden: '20', seq: '35', batch: '8' }), 'macs=19200', ['rnn-one-step']],
  // decode with anchor (0,0,100,100), t = (0, 0, 0.5, 0.5): w = h = e^0.5·100 = 164.87 around (50, 50); without exp, 0.5·100 = 50: (25, 25, 75, 75).
  ['box decode without exp', () => computeDecode({ anchor: '0,0,100,100', t: '0,0,0.5,0.5' }), 'box=25,25,75,75', ['box-exp-missing']],
  // Only the size answered: w = h = 0.5·100 = 50 without exp (164.87 with it).
  ['box decode w and h without exp', () => computeDecode({ anchor: '0,0,100,100', t: '0,0,0.5,0.5' }), 'w=50,h=50', ['box-exp-missing', 'box-exp-missing']],
  // anchor 100 wide, 50 high, t = (0, 0, 0.5, 1): h = 1·50 = 50 without exp, e·50 = 135.91 with it.
  ['box decode h without exp', () => computeDecode({ anchor: '0,0,100,50', t: '0,0,0.5,1' }), 'height=50', ['box-exp-missing']],
  // weights (10, 10, 5, 5), tw = 1: dw = 0.2, w = e^0.2·100 = 122.14; not divided, e^1·100 = 271.83; no exp, 0.2·100 = 20.
  ['box decode w, weights ignored', () => computeDecode({ anchor: '0,0,100,100', t: '0,0,1,1', weights: '10,10,5,5' }), 'w=271.83', ['box-weights-ignored']],
  ['box decode w, weights and no exp', () => computeDecode({ anchor: '0,0,100,100', t: '0,0,1,1', weights: '10,10,5,5' }), 'w=20', ['box-exp-missing']],
  // Two boxes of IoU 81/119 = 0.68 > 0.5 but of classes 0 and 1: batched NMS keeps both; one class for all keeps [0].
  ['nms across classes', () => computeNms({ boxes: '0,0,10,10; 1,1,11,11', scores: '0.9,0.8', labels: '0,1', perClass: true, iou: '0.5' }), 'keep=0', ['nms-across-classes']],
  // RoI Align of f(y, x) = 4y + x + 1 (bilinear is exact on it), box (0,0,4,4) at scale 0.5 → (0,0,2,2): samples average to f(1, 1) = 6;
  // in image coordinates (0,0,4,4) they average to f(2, 2) = 11.
  ['roi align without the scale', () => computeRoi({ mode: 'align', feature: '1,2,3,4; 5,6,7,8; 9,10,11,12; 13,14,15,16', box: '0,0,4,4', out: '1', scale: '0.5', samplingRatio: '2' }), 'output=11', ['roi-scale-forgotten']],
];

/** Slips other helpers declare with their calculators (sequence models, detection). */
const ELSEWHERE = ['double-bias-rnn', 'single-bias-rnn', 'lstm-three-gates', 'iou-pixel-convention', 'nms-unsorted'];

describe('slips of the calculators: named when the wrong answer is the slip', () => {
  it.each(NAMED.map(([what, run, answer, ids]) => [what, answer, run, ids] as const))('%s: %s', async (_, answer, run, ids) => {
    const r = await named(run, answer);
    expect(r.ok.every((ok) => !ok)).toBe(true);
    expect(r.ids).toEqual(ids);
  });

  it('every slip in the catalogue is named somewhere (here, in the conv tests or in the generated problems)', () => {
    const here = new Set([...NAMED.flatMap(([, , , ids]) => ids), ...[...GENERATORS.values()].flatMap((g) => g.slips ?? [])]);
    const conv = ['padding-once', 'forgot-dilation', 'forgot-plus-one', 'forgot-bias', 'bias-per-weight', 'bits-vs-bytes'];
    const missing = Object.keys(SLIP_CATALOGUE).filter((id) => !here.has(id) && !conv.includes(id) && !ELSEWHERE.includes(id));
    expect(missing).toEqual([]);
  });

  it('says what the slip did, with these numbers, in both languages', async () => {
    const out = await computeBn(BN);
    const [c] = checkAnswerText('running_var=1.25', out.quantities, out.defaultKey);
    expect(tr(c!.slips![0]!.text, 'en')).toBe('looks like running_var was updated with the biased σ_B² = 3.5 (giving 1.25); PyTorch stores the unbiased m/(m − 1)·σ_B² = 4.667: running_var = 1.367');
    expect(tr(c!.slips![0]!.text, 'zh')).toBe('看起来用有偏的 σ_B² = 3.5 更新了 running_var（得 1.25）；PyTorch 存的是无偏的 m/(m − 1)·σ_B² = 4.667：running_var = 1.367');
  });
});

/** [what, run, an answer: right, though some slip gives exactly that value here] */
const COINCIDE: Array<[string, Run, string]> = [
  // Stride 1 everywhere: ignoring the strides changes nothing (1 + 2 + 2 + 2 = 7).
  ['rf without strides', rf({ layers: 'conv k=3; conv k=3; conv k=3' }), '7'],
  // 224/2 tiles exactly: rounding up or down gives 112 alike.
  ['pool exact', pool({ h: '224', f: '2' }), '112'],
  // No padding: padding once or never is the same.
  ['conv no padding', conv({ h: '32', f: '5' }), '28'],
  // Car image: every margin is met, so dividing the 0 loss by C is still 0.
  ['svm zero loss', loss('svm', { scores: '1.3,4.9,2.0', label: '1' }), '0'],
  // momentum 0.5: weighting old and new the other way round gives the same.
  ['bn momentum 0.5', bn({ ...BN, momentum: '0.5' }), 'running_mean=1.5'],
  // in = out: one bias per input is one per output.
  ['fc square', params('fc', { in: '100', out: '100' }), '10100'],
  // x = y: a mul gate's swap sends the same values.
  ['mul equal inputs', gate('mul', { inputs: '2,2', upstream: '3' }), '6,6'],
  // No weight decay: AdamW is Adam.
  ['adamw without decay', optim('adamw', { grads: '0.5', lr: '0.1', weightDecay: '0' }), '-0.1'],
  // One image: the batch cannot be forgotten.
  ['vgg batch 1', summary('vgg16'), 'macs=15470264320'],
  // t = 64 and t = 65 are both past 60 only: one epoch off gives the same 0.001.
  ['lr between milestones', lr('step', { lr: '0.1', milestones: '30,60,90', gamma: '0.1', at: '65' }), '0.001'],
  // At a stationary point the centred difference is 0, over h or 2h.
  ['gradcheck at a minimum', gradcheckRun('x^2', ['x=0']), 'ctr_x=0'],
  // Along an axis, L1 and L2 distances agree.
  ['knn on an axis', knnRun({ train: '3,0; 2,2', labels: '0,1', query: '0,0', k: '1' }), 'd1=3'],
  // Distance 1: its square is itself.
  ['knn unit distance', knnRun({ train: '1,0; 5,5', labels: '0,1', query: '0,0', k: '1' }), 'd1=1'],
];

describe('slips that give the right value here are not named', () => {
  it.each(COINCIDE.map(([what, run, answer]) => [what, answer, run] as const))('%s: %s is right, with no slip', async (_, answer, run) => {
    const out = await run();
    const checks = checkAnswerText(answer, out.quantities, out.defaultKey);
    for (const c of checks) {
      expect(c.ok).toBe(true);
      expect(c.slips).toBeUndefined();
    }
  });

  it('a slip equal to the right answer is not offered as the name of another wrong answer', async () => {
    // rf stride-1 stack: 1 + Σ(k − 1) = 7 = right; 9 is the sum of the kernels only.
    expect((await named(rf({ layers: 'conv k=3; conv k=3; conv k=3' }), '9')).ids).toEqual(['rf-sum-of-kernels']);
  });
});

/** Every quantity of an outcome answered with its own right value. */
async function rightAnswersCarryNoSlip(run: Run): Promise<void> {
  const out = await run();
  for (const [key, q] of Object.entries(out.quantities)) {
    const right = typeof q.expected === 'number' ? String(q.expected) : Array.isArray(q.expected) ? q.expected[0]!.map(String).join(', ') : q.expected;
    if (right === '') continue;
    const [c] = checkAnswerText(`${key}=${right}`, out.quantities, out.defaultKey);
    expect(c!.ok, `${key}=${right}`).toBe(true);
    expect(c!.slips, `${key}=${right}`).toBeUndefined();
  }
}

const small = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
const real = fc.integer({ min: -30, max: 30 }).map((n) => n / 10);

describe('a right answer never carries a slip', () => {
  it('pool', async () => {
    await fc.assert(fc.asyncProperty(small(2, 64), small(1, 4), small(1, 3), small(0, 2), fc.boolean(), async (h, f, s, p, ceil) => {
      fc.pre(2 * p <= f && f <= h + 2 * p);
      await rightAnswersCarryNoSlip(pool({ h: String(h), f: String(f), s: String(s), p: String(p), c: '8', ceil }));
    }), { numRuns: 150 });
  });

  it('params', async () => {
    await fc.assert(fc.asyncProperty(small(1, 7), small(1, 8), small(1, 8), small(1, 4), async (f, c, k, n) => {
      await rightAnswersCarryNoSlip(params('conv', { f: String(f), c: String(c), k: String(k) }));
      await rightAnswersCarryNoSlip(params('fc', { in: String(c * 10), out: String(k) }));
      await rightAnswersCarryNoSlip(params('stack', { n: String(n), f: String(f), c: String(c) }));
      await rightAnswersCarryNoSlip(params('separable', { f: String(f), c: String(c), k: String(k) }));
      await rightAnswersCarryNoSlip(params('bn', { c: String(c) }));
    }), { numRuns: 80 });
  });

  it('transposed conv and conv cost', async () => {
    await fc.assert(fc.asyncProperty(small(2, 16), small(1, 5), small(1, 3), small(0, 2), small(1, 3), async (h, f, s, p, batch) => {
      fc.pre(f <= h + 2 * p);
      await rightAnswersCarryNoSlip(conv({ h: String(h), f: String(f), s: String(s), p: String(p), c: '4', k: '8', batch: String(batch) }));
      fc.pre((h - 1) * s - 2 * p + f >= 1);
      await rightAnswersCarryNoSlip(conv({ h: String(h), f: String(f), s: String(s), p: String(p), transpose: true, outputPadding: String(s > 1 ? 1 : 0) }));
    }), { numRuns: 100 });
  });

  it('receptive field', async () => {
    const layer = fc.tuple(fc.constantFrom('conv', 'maxpool'), small(1, 5), small(1, 2)).map(([kind, k, s]) => `${kind} k=${k} s=${s}`);
    await fc.assert(fc.asyncProperty(fc.array(layer, { minLength: 1, maxLength: 4 }), async (layers) => {
      await rightAnswersCarryNoSlip(rf({ layers: layers.join('; '), input: '3x256x256' }));
    }), { numRuns: 100 });
  });

  it('losses', async () => {
    await fc.assert(fc.asyncProperty(fc.array(real, { minLength: 3, maxLength: 3 }), small(0, 2), async (scores, label) => {
      await rightAnswersCarryNoSlip(loss('svm', { scores: scores.join(','), label: String(label), reg: 'l2', lambda: '0.1', weights: scores.join(',') }));
      await rightAnswersCarryNoSlip(loss('softmax', { scores: scores.join(','), label: String(label) }));
    }), { numRuns: 100 });
  });

  it('BatchNorm', async () => {
    await fc.assert(fc.asyncProperty(fc.array(small(-5, 5), { minLength: 2, maxLength: 5 }), fc.boolean(), async (xs, test) => {
      fc.pre(new Set(xs).size > 1);
      await rightAnswersCarryNoSlip(bn({ x: xs.join(';'), ...(test ? { mode: 'test', runningMean: '1', runningVar: '2' } : {}) }));
    }), { numRuns: 100 });
  });

  it('optimizers', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('sgd', 'momentum', 'rmsprop', 'adagrad', 'adam', 'adamw'), fc.array(real, { minLength: 1, maxLength: 3 }), real, async (name, grads, w0) => {
      fc.pre(grads.every((g) => g !== 0));
      await rightAnswersCarryNoSlip(optim(name, { grads: grads.join(','), w0: String(w0), lr: '0.1' }));
    }), { numRuns: 100 });
  });

  it('learning-rate schedules', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('step', 'cosine', 'linear', 'inverse-sqrt', 'constant'), small(10, 60), small(0, 5), fc.boolean(), async (name, total, warmup, min) => {
      const flags: F = { lr: '0.1', total: String(total), warmup: String(warmup), ...(name === 'step' ? { milestones: '3,6,9', gamma: '0.5' } : {}), ...(name === 'cosine' && min ? { min: '0.01' } : {}) };
      for (const at of [0, 1, warmup, Math.min(total, warmup + 7), total]) await rightAnswersCarryNoSlip(lr(name, { ...flags, at: String(at) }));
    }), { numRuns: 60 });
  });

  it('k-nearest neighbours', async () => {
    const point = fc.tuple(small(0, 9), small(0, 9)).map(([x, y]) => `${x},${y}`);
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(point, small(0, 2)), { minLength: 3, maxLength: 6 }), point, fc.constantFrom('l1', 'l2'), small(1, 3), async (rows, query, metric, k) => {
      await rightAnswersCarryNoSlip(knnRun({ train: rows.map(([p]) => p).join('; '), labels: rows.map(([, l]) => l).join(','), query, k: String(k), metric }));
    }), { numRuns: 100 });
  });

  it('gradient checks', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('x^2 + 3*x', 'sin(x)*x', 'exp(x)', 'x^3 - 2*x'), real, async (expr, x) => {
      await rightAnswersCarryNoSlip(gradcheckRun(expr, [`x=${x}`]));
    }), { numRuns: 60 });
  });

  it('gates and activations', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('add', 'mul', 'max', 'min'), real, real, real, async (g, x, y, up) => {
      await rightAnswersCarryNoSlip(gate(g, { inputs: `${x},${y}`, upstream: String(up) }));
    }), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(fc.constantFrom('sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'selu', 'gelu'), real, async (name, x) => {
      await rightAnswersCarryNoSlip(act(name, { x: String(x) }));
    }), { numRuns: 100 });
  });
});
