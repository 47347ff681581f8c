/**
 * Classic slips: the mistakes most wrong answers in this course come from
 * (the +1 left out of the output-size formula, the bias forgotten, MACs and
 * FLOPs swapped). Each calculator's core module declares the slips of its
 * quantities next to its formula, as `SlipDef`s: a function that recomputes
 * the quantity with that mistake from the same inputs, and a sentence that
 * shows the slipped line next to the right one. Grading a wrong answer
 * (core/check.ts) tries them; a match names the slip.
 *
 * The ids and their short names live in SLIP_CATALOGUE below, one place, so
 * that `dlnotes stats` can name the slips in a student's record and
 * `dlnotes drill --slips` can find the drill topics where they show without
 * loading every calculator.
 */
import { bi, type Bi, type Text } from './text';

export interface SlipInfo {
  /** A short name for lists ("forgot the bias"). */
  name: Bi;
  /** Drill topics (`dlnotes drill <topic>`) whose problems can show this slip. */
  topics: readonly string[];
}

export const SLIP_CATALOGUE = {
  // Conv and pool sizes
  'forgot-plus-one': { name: bi('left out the "+1" of the output-size formula', '输出尺寸公式漏了“+1”'), topics: ['conv', 'pool'] },
  'padding-once': { name: bi('added P instead of 2P', '填充只加了一次（P 而不是 2P）'), topics: ['conv', 'pool'] },
  'forgot-padding': { name: bi('left out the padding', '忘了填充'), topics: ['conv', 'pool'] },
  'ceil-instead-of-floor': { name: bi('rounded up instead of down', '向上取整而不是向下取整'), topics: ['conv', 'pool'] },
  'floor-instead-of-ceil': { name: bi('rounded down although ceil_mode=True', 'ceil_mode=True 时仍向下取整'), topics: ['pool'] },
  'forgot-dilation': { name: bi('used F instead of the dilated span d(F−1)+1', '用了 F 而不是膨胀后的 d(F−1)+1'), topics: ['conv'] },
  'transpose-as-conv': { name: bi('used the conv formula for a transposed conv', '转置卷积用了普通卷积的公式'), topics: ['conv'] },
  'forgot-output-padding': { name: bi('left out output_padding', '漏了 output_padding'), topics: ['conv'] },
  'forgot-stride': { name: bi('did not divide by the stride', '没有除以步幅'), topics: ['conv', 'pool'] },
  // Parameters and cost
  'forgot-bias': { name: bi('forgot the bias', '忘了偏置'), topics: ['params', 'conv', 'rnn', 'attention'] },
  'forgot-input-channels': { name: bi('left out the input channels (F·F·K + K)', '漏了输入通道数（F·F·K + K）'), topics: ['params', 'conv'] },
  'bias-per-weight': { name: bi('counted one bias per weight', '每个权重都算了一个偏置'), topics: ['params', 'conv'] },
  'groups-ignored': { name: bi('ignored the groups', '忽略了分组'), topics: ['params', 'conv'] },
  'flops-vs-macs': { name: bi('mixed up MACs and FLOPs (a factor of 2)', '混淆了 MACs 和 FLOPs（差 2 倍）'), topics: ['conv', 'params', 'attention'] },
  'forgot-batch': { name: bi('forgot the batch size', '忘了乘批大小'), topics: ['conv', 'attention'] },
  'bits-vs-bytes': { name: bi('mixed up bits and bytes (a factor of 8)', '混淆了比特和字节（差 8 倍）'), topics: ['conv', 'attention'] },
  'mb-vs-mib': { name: bi('mixed up MB (10⁶) and MiB (2²⁰)', '混淆了 MB（10⁶）和 MiB（2²⁰）'), topics: ['conv'] },
  'double-bias-rnn': { name: bi('counted two bias vectors per gate (PyTorch) where one was asked', '按 PyTorch 算了两组偏置，而题目只要一组'), topics: ['rnn'] },
  'single-bias-rnn': { name: bi('counted one bias vector per gate; PyTorch keeps b_ih and b_hh', '只算了一组偏置；PyTorch 有 b_ih 和 b_hh 两组'), topics: ['rnn'] },
  'lstm-three-gates': { name: bi('counted 3 blocks for an LSTM instead of 4 (i, f, g, o)', 'LSTM 只算了 3 组而不是 4 组（i, f, g, o）'), topics: ['rnn'] },
  // Sequence models (core/rnn.ts, core/rnn-step.ts, core/bptt.ts, core/attention.ts, core/sdpa.ts)
  'gru-four-gates': { name: bi('counted 4 blocks for a GRU instead of 3 (r, z, n)', 'GRU 算了 4 组而不是 3 组（r, z, n）'), topics: ['rnn'] },
  'rnn-forgot-hh': { name: bi('left out the recurrent weights W_hh', '漏了循环权重 W_hh'), topics: ['rnn'] },
  'rnn-one-direction': { name: bi('counted one direction of a bidirectional RNN', '双向 RNN 只算了一个方向'), topics: ['rnn'] },
  'rnn-upper-layer-input': { name: bi('gave upper RNN layers the input size D instead of H·directions', '上层 RNN 的输入按 D 而不是 H·方向数计算'), topics: ['rnn'] },
  'rnn-one-step': { name: bi('counted one time step instead of the whole sequence', '只算了一个时间步而不是整个序列'), topics: ['rnn'] },
  'lstm-gate-order': { name: bi("read PyTorch's LSTM rows in CS231n's order i, f, o, g (PyTorch: i, f, g, o)", '按 CS231n 的 i, f, o, g 顺序读了 PyTorch 的 LSTM 权重（PyTorch 是 i, f, g, o）'), topics: ['rnn'] },
  'lstm-h-without-tanh': { name: bi('took h_t = o_t ⊙ c_t, without the tanh', '把 h_t 算成 o_t ⊙ c_t，漏了 tanh'), topics: ['rnn'] },
  'lstm-forgot-forget': { name: bi('left out f_t ⊙ c_{t−1} in the cell update', '记忆单元更新漏了 f_t ⊙ c_{t−1}'), topics: ['rnn'] },
  'gru-update-swapped': { name: bi('swapped z and 1 − z in the GRU update (PyTorch: h = (1 − z) ⊙ n + z ⊙ h)', 'GRU 更新中把 z 和 1 − z 弄反了（PyTorch：h = (1 − z) ⊙ n + z ⊙ h）'), topics: ['rnn'] },
  'bptt-forgot-tanh-grad': { name: bi("left out tanh′ = 1 − h_t² from the BPTT product", 'BPTT 连乘中漏了 tanh′ = 1 − h_t²'), topics: ['rnn'] },
  'bptt-one-minus-h': { name: bi('used 1 − h_t instead of 1 − h_t² as the tanh derivative', '把 tanh 的导数写成 1 − h_t 而不是 1 − h_t²'), topics: ['rnn'] },
  'mha-per-head-full': { name: bi('gave every head its own d×d projections', '给每个头都配了完整的 d×d 投影'), topics: ['attention'] },
  'mha-forgot-out-proj': { name: bi('left out the output projection W_O', '漏了输出投影 W_O'), topics: ['attention'] },
  'attention-no-scaling': { name: bi('forgot to divide the scores by √d_k', '忘了把分数除以 √d_k'), topics: ['attention'] },
  'attention-scale-by-dk': { name: bi('divided the scores by d_k instead of √d_k', '分数除以 d_k 而不是 √d_k'), topics: ['attention'] },
  'attention-no-causal-mask': { name: bi('forgot the causal mask (a position saw later ones)', '忘了因果掩码（看到了后面的位置）'), topics: ['attention'] },
  'softmax-wrong-axis': { name: bi('normalised the softmax down the columns instead of along each row', 'softmax 按列而不是按行归一化'), topics: ['attention'] },
  'attention-one-head': { name: bi('counted one head where all heads were asked', '只算了一个头，而题目问的是所有头'), topics: ['attention'] },
  'attention-n-vs-d': { name: bi('swapped n and d in the cost (n·d² vs n²·d)', '计算量中把 n 和 d 弄反了（n·d² 与 n²·d）'), topics: ['attention'] },
  // Receptive field
  'rf-ignored-strides': { name: bi('added the kernel sizes and ignored the strides', '只把卷积核大小相加，忽略了步幅'), topics: ['rf'] },
  'rf-product-of-kernels': { name: bi('multiplied the kernel sizes', '把卷积核大小相乘'), topics: ['rf'] },
  'rf-times-channels': { name: bi('multiplied the receptive field by the channels', '感受野乘了通道数'), topics: ['rf'] },
  // Losses and numerics
  'log10-instead-of-ln': { name: bi('used log base 10 instead of ln', '用了以 10 为底的对数而不是 ln'), topics: ['loss'] },
  'svm-counted-correct-class': { name: bi('summed the j = y term too (adds Δ)', '把 j = y 的项也加上了（多了 Δ）'), topics: ['loss'] },
  'softmax-without-minus': { name: bi('dropped the minus sign of −log', '漏了 −log 的负号'), topics: ['loss'] },
  'forgot-regularization': { name: bi('left out the regularization term', '漏了正则化项'), topics: ['loss'] },
  'biased-running-var': { name: bi('updated the running variance with the biased batch variance', '用有偏的批方差更新了 running_var'), topics: ['bn'] },
  'unbiased-batch-var': { name: bi('normalised with the unbiased batch variance', '归一化时用了无偏的批方差'), topics: ['bn'] },
  'forgot-epsilon': { name: bi('left out ε', '漏了 ε'), topics: ['bn', 'optim'] },
  'adam-no-bias-correction': { name: bi('skipped Adam\'s bias correction', 'Adam 没做偏差修正'), topics: ['optim'] },
  'momentum-sign': { name: bi('got the sign of the momentum step wrong', '动量更新的符号错了'), topics: ['optim'] },
  'rmsprop-without-sqrt': { name: bi('divided by s instead of √s', '除以 s 而不是 √s'), topics: ['optim'] },
  'l2-gradient-no-2': { name: bi('took λW as the gradient of λ‖W‖² (it is 2λW)', '把 λ‖W‖² 的梯度算成 λW（应为 2λW）'), topics: ['loss'] },
  'iou-pixel-convention': { name: bi('used the old +1 pixel convention', '用了旧的像素 +1 约定'), topics: ['detection'] },
  'nms-unsorted': { name: bi('ran NMS without sorting by score first', 'NMS 前没有按分数排序'), topics: ['detection'] },
} as const satisfies Record<string, SlipInfo>;

export type SlipId = keyof typeof SLIP_CATALOGUE;

/** The catalogue entry of a slip id stored in a review log (unknown ids from newer versions give undefined). */
export function slipInfo(id: string): SlipInfo | undefined {
  return (SLIP_CATALOGUE as Record<string, SlipInfo>)[id];
}

/** What a slip gives for one set of inputs: attached to a Quantity (core/check.ts). */
export interface SlipValue {
  id: SlipId;
  /** The quantity computed with the mistake (a number, or accepted orders of a tuple). */
  expected: number | number[][];
  /** "looks like the "+1" was left out: (32 − 5 + 2·2)/1 = 31, then + 1 = 32". */
  text: Text;
}

/** A slip of a quantity computed from inputs `I`, declared next to the formula. */
export interface SlipDef<I> {
  id: SlipId;
  /** The quantity with this mistake; undefined when the slip cannot happen for these inputs. */
  value(inputs: I): number | number[][] | undefined;
  /** The slipped line next to the right one, with these numbers. */
  text(inputs: I, slipped: number | number[][]): Text;
}

/** Evaluates slip definitions for one set of inputs. */
export function slipValues<I>(defs: readonly SlipDef<I>[], inputs: I): SlipValue[] {
  const out: SlipValue[] = [];
  for (const d of defs) {
    const v = d.value(inputs);
    if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
    out.push({ id: d.id, expected: v, text: d.text(inputs, v) });
  }
  return out;
}

/**
 * The slips of several quantities, computed on the first wrong answer only
 * (as `Quantity.slips` allows): `of('macs')` is the function one quantity
 * takes. Most runs grade nothing, and not computing slips shows at start-up.
 */
export function lazySlips<K extends string>(all: () => Partial<Record<K, SlipValue[]>>): (key: K) => () => SlipValue[] {
  let memo: Partial<Record<K, SlipValue[]>> | undefined;
  return (key) => () => (memo ??= all())[key] ?? [];
}
