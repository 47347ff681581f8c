/**
 * The calculators a homework file can name. Each adapter turns the file's
 * inputs into the calculator's flags and calls the same compute function as
 * the command, so `dlnotes check` grades against exactly what the calculator
 * prints. Adapters import their calculator lazily.
 */
import type { Outcome } from '../commands/output';
import type { InputValue } from './parse';
import { bi, type Text } from '../core/text';

export interface CheckAdapter {
  name: string;
  summary: Text;
  /** An example problem, as YAML list items, for `dlnotes check --template <name>`. */
  template: string;
  /**
   * File keys that are not flags (the loss kind, the expression, the values
   * `at`): with the calculator's flags, the inputs a problem may give.
   */
  positionals?: readonly string[];
  /** The command whose flags the inputs are, when not `name` (e.g. "backprop matmul"). */
  command?: string;
  compute(inputs: Record<string, InputValue>): Promise<Outcome>;
}

/**
 * File inputs -> the flags object commander would build: kebab-case keys
 * become camelCase, numbers and lists become the strings the flag readers
 * parse ("3.2,5.1,-1.7"; rows joined by ";"), `no-bias: true` becomes `bias: false`.
 */
export function toFlags(inputs: Record<string, InputValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(inputs)) {
    let key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    let v: unknown = value;
    if (/^no[A-Z]/.test(key) && typeof value === 'boolean') {
      key = key[2]!.toLowerCase() + key.slice(3);
      v = !value;
    } else if (typeof value === 'number') {
      v = String(value);
    } else if (Array.isArray(value)) {
      v = value.every(Array.isArray) ? value.map((row) => (row as InputValue[]).join(',')).join('; ') : value.join(',');
    }
    out[key] = v;
  }
  return out;
}

export const ADAPTERS: CheckAdapter[] = [
  {
    name: 'conv',
    summary: bi('conv layer: output, params, weights, biases, macs, flops, activations, bytes', '卷积层：output, params, weights, biases, macs, flops, activations, bytes'),
    template: '- conv: {h: 32, c: 3, k: 10, f: 5, s: 1, p: 2}\n  answer: {output: 32x32x10, params: 760, macs: 768000}\n- conv: {h: 10, f: 3, s: 2}\n  answer: {size: 4}\n',
    async compute(inputs) {
      const { computeConv } = await import('../commands/conv');
      return computeConv(toFlags(inputs));
    },
  },
  {
    name: 'pool',
    summary: bi('pooling layer: size, output, params', '池化层：size, output, params'),
    template: '- pool: {h: 112, f: 3, s: 2, p: 1}\n  answer: {size: 56}\n- pool: {h: 5, f: 2, ceil: true}\n  answer: {size: 3}\n',
    async compute(inputs) {
      const { computePool } = await import('../commands/pool');
      return computePool(toFlags(inputs));
    },
  },
  {
    name: 'params',
    summary: bi('parameter counts: kind conv|fc|bn|stack|separable, rnn|lstm|gru, mha|encoder-layer|decoder-layer|transformer', '参数量：kind conv|fc|bn|stack|separable、rnn|lstm|gru、mha|encoder-layer|decoder-layer|transformer'),
    template: '- params: {kind: conv, f: 3, c: 64, k: 128}\n  answer: {params: 73856}\n- params: {kind: fc, in: 25088, out: 4096}\n  answer: {params: 102764544}\n- params: {kind: stack, n: 3, f: 3, c: 64}\n  answer: {stack: 110592, single: 200704}\n- params: {kind: lstm, input: 10, hidden: 20}\n  answer: {params: 2560, single: 2480}\n- params: {kind: transformer}\n  answer: {params: 44140544}\n',
    positionals: ['kind'],
    async compute(inputs) {
      const { computeParams } = await import('../commands/params');
      const { kind, ...rest } = inputs;
      return computeParams(typeof kind === 'string' ? kind : 'conv', toFlags(rest));
    },
  },
  {
    name: 'rf',
    summary: bi('receptive field: rf, stride (jump), padding, start', '感受野：rf, stride（jump）, padding, start'),
    template: '- rf: {layers: "conv k=3; conv k=3; conv k=3"}\n  answer: {rf: 7}\n- rf: {layers: "conv k=7 s=2 p=3; maxpool k=3 s=2 p=1"}\n  answer: {rf: 11, stride: 4}\n',
    async compute(inputs) {
      const { computeRf } = await import('../commands/rf');
      return computeRf(toFlags(inputs));
    },
  },
];

/** Pulls a positional argument (the loss kind, the optimizer, ...) out of the inputs. */
function positional(inputs: Record<string, InputValue>, keys: readonly string[]): { value: string | undefined; rest: Record<string, InputValue> } {
  const rest = { ...inputs };
  let value: string | undefined;
  for (const k of keys) {
    if (k in rest) {
      value = rest[k] === null ? undefined : String(rest[k]);
      delete rest[k];
    }
  }
  return { value, rest };
}

/** `at: {x: -2, w: [2, -3, -3]}` -> ["x=-2", "w=[2,-3,-3]"], the command line's value words. */
function valueWords(at: InputValue | undefined): string[] {
  if (at === undefined || at === null) return [];
  if (typeof at !== 'object' || Array.isArray(at)) return [String(at)];
  return Object.entries(at).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`);
}

/** The keys of an expression problem: the expression and the values it is evaluated at. */
const EXPRESSION_KEYS = ['expr', 'expression', 'f', 'at', 'values'] as const;

function expressionInputs(inputs: Record<string, InputValue>): { expr: string | undefined; words: string[]; rest: Record<string, InputValue> } {
  const { value: expr, rest } = positional(inputs, EXPRESSION_KEYS.slice(0, 3));
  const at = rest.at ?? rest.values;
  delete rest.at;
  delete rest.values;
  return { expr, words: valueWords(at), rest };
}

ADAPTERS.push(
  {
    name: 'loss',
    summary: bi('losses: kind svm|softmax|kl|ce|reg; loss, loss1.., probs, p0.., kl, ce, h, penalty, grad', '损失：kind svm|softmax|kl|ce|reg；loss, loss1.., probs, p0.., kl, ce, h, penalty, grad'),
    template: '- loss: {kind: svm, scores: [3.2, 5.1, -1.7], label: 0}\n  answer: {loss: 2.9}\n- loss:\n    kind: softmax\n    scores: [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]]\n    labels: [0, 1]\n  answer: {loss1: 2.04}\n- loss: {kind: svm, init-check: true, classes: 10}\n  answer: {loss: 9}\n',
    positionals: ['kind', 'loss'],
    async compute(inputs) {
      const { computeLoss } = await import('../commands/loss');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeLoss(value, toFlags(rest));
    },
  },
  {
    name: 'act',
    summary: bi('activation at a point: name, x; value, grad', '激活函数在一点的值：name, x；value, grad'),
    template: '- act: {name: sigmoid, x: 1}\n  answer: {value: 0.731, grad: 0.197}\n- act: {name: leaky-relu, x: -2, alpha: 0.01}\n  answer: {value: -0.02, grad: 0.01}\n',
    positionals: ['name', 'fn', 'activation'],
    async compute(inputs) {
      const { computeAct } = await import('../commands/act');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeAct(value, toFlags(rest));
    },
  },
  {
    name: 'bn',
    summary: bi('BatchNorm: mean, var, xhat, y, running_mean, running_var (per feature)', 'BatchNorm：mean, var, xhat, y, running_mean, running_var（按特征）'),
    template: '- bn: {x: [[1, 2], [2, -1], [4, 0.5]]}\n  answer: {mean: "2.333, 0.5"}\n',
    async compute(inputs) {
      const { computeBn } = await import('../commands/bn');
      return computeBn(toFlags(inputs));
    },
  },
  {
    name: 'knn',
    summary: bi('k-nearest neighbours: prediction, d1, d2, ...', 'k 近邻：prediction, d1, d2, ...'),
    template: '- knn:\n    train: [[1, 1], [2, 2], [5, 5], [6, 5]]\n    labels: [0, 0, 1, 1]\n    query: [3, 3]\n    k: 3\n  answer: {prediction: 0}\n',
    async compute(inputs) {
      const { computeKnn } = await import('../commands/knn');
      return computeKnn(toFlags(inputs));
    },
  },
  {
    name: 'backprop',
    summary: bi('computational graph: expr, at; value and each variable\'s gradient (grads: {x: ..})', '计算图：expr, at；value 和每个变量的梯度（grads: {x: ..}）'),
    template: '- backprop: {expr: "(x+y)*z", at: {x: -2, y: 5, z: -4}}\n  answer: {value: -12, grads: {x: -4, y: -4, z: 3}}\n- backprop:\n    expr: "1/(1+exp(-(w0*x0+w1*x1+w2)))"\n    at: {w: [2, -3, -3], x: [-1, -2]}\n  answer: {value: 0.73, grads: {x0: 0.39, x1: -0.59}}\n',
    positionals: EXPRESSION_KEYS,
    async compute(inputs) {
      const { computeBackprop } = await import('../commands/backprop');
      const { expr, words, rest } = expressionInputs(inputs);
      return computeBackprop(expr, words, toFlags(rest));
    },
  },
  {
    name: 'gradcheck',
    summary: bi('gradient check: expr, at, h; x (analytic), fwd_x, ctr_x, relerr_fwd_x, relerr_ctr_x', '梯度检验：expr, at, h；x（解析）, fwd_x, ctr_x, relerr_fwd_x, relerr_ctr_x'),
    template: '- gradcheck: {expr: "x^3", at: {x: 2}, h: 0.01}\n  answer: {x: 12, fwd_x: 12.0601, ctr_x: 12.0001}\n',
    positionals: EXPRESSION_KEYS,
    async compute(inputs) {
      const { computeGradcheck } = await import('../commands/gradcheck');
      const { expr, words, rest } = expressionInputs(inputs);
      return computeGradcheck(expr, words, toFlags(rest));
    },
  },
  {
    name: 'gate',
    summary: bi('one gate: gate add|mul|max|min|copy, inputs, upstream; downstream', '单个门：gate add|mul|max|min|copy, inputs, upstream；downstream'),
    template: '- gate: {gate: mul, inputs: [3, -4], upstream: 2}\n  answer: {downstream: "-8, 6"}\n',
    positionals: ['gate', 'kind'],
    async compute(inputs) {
      const { computeGate } = await import('../commands/gate');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeGate(value, toFlags(rest));
    },
  },
  {
    name: 'matmul',
    command: 'backprop matmul',
    summary: bi('Y = XW backward: x, w, dy; y, dx, dw (or single elements dw_1_2)', 'Y = XW 的反向传播：x, w, dy；y, dx, dw（或单个元素 dw_1_2）'),
    template: '- matmul: {x: [[1, 2], [3, 4]], w: [[1, 0], [0, 1]], dy: [[1, 1], [1, 1]]}\n  answer: {dw: [[4, 4], [6, 6]]}\n',
    async compute(inputs) {
      const { computeMatmul } = await import('../commands/matmul');
      return computeMatmul(toFlags(inputs));
    },
  },
  {
    name: 'optim',
    summary: bi('optimizer steps: optimizer sgd|momentum|rmsprop|adagrad|adam|adamw; w, w1.., m1.., v1..', '优化器迭代：optimizer sgd|momentum|rmsprop|adagrad|adam|adamw；w, w1.., m1.., v1..'),
    template: '- optim: {optimizer: adam, grads: [0.5], lr: 0.1}\n  answer: {w: -0.1}\n- optim: {optimizer: momentum, grads: [1, 1], lr: 0.1, rho: 0.9}\n  answer: {w: -0.29}\n',
    positionals: ['optimizer', 'name', 'kind'],
    async compute(inputs) {
      const { computeOptim } = await import('../commands/optim');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeOptim(value, toFlags(rest));
    },
  },
  {
    name: 'summary',
    summary: bi('whole-network totals: net (zoo name) or spec (file), input, batch; params, macs, flops, activations, memory, depth, rf, output', '整个网络的合计：net（内置网络名）或 spec（文件）, input, batch；params, macs, flops, activations, memory, depth, rf, output'),
    template: '- summary: {net: vgg16}\n  answer: {params: 138357544, macs: ~15.47G}\n- summary: {net: resnet18, input: 3x32x32}\n  answer: {output: 1000}\n',
    positionals: ['net', 'name', 'model'],
    async compute(inputs) {
      const { computeSummary } = await import('../commands/summary');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeSummary(value, toFlags(rest));
    },
  },
  {
    name: 'lr',
    summary: bi('learning-rate schedules: schedule step|cosine|linear|inverse-sqrt|constant, at; lr, lr0..', '学习率调度：schedule step|cosine|linear|inverse-sqrt|constant, at；lr, lr0..'),
    template: '- lr: {schedule: cosine, lr: 0.1, total: 100, at: 50}\n  answer: {lr: 0.05}\n- lr: {schedule: step, lr: 0.1, total: 100}\n  answer: {lr30: 0.01, lr60: 0.001}\n',
    positionals: ['schedule', 'name', 'kind'],
    async compute(inputs) {
      const { computeLr } = await import('../commands/lr');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeLr(value, toFlags(rest));
    },
  },
);

// Detection and segmentation (src/core/vision).
ADAPTERS.push(
  {
    name: 'iou',
    summary: bi('IoU of two boxes: a, b, format, pixel; iou, giou, intersection, union, area_a, area_b', '两个框的 IoU：a, b, format, pixel；iou, giou, intersection, union, area_a, area_b'),
    template: '- iou: {a: [0, 0, 4, 4], b: [2, 2, 6, 6]}\n  answer: {iou: 0.143, intersection: 4, union: 28}\n- iou: {a: [1, 1, 5, 4], b: [2, 2, 6, 6], pixel: true}\n  answer: {iou: 0.364}\n',
    async compute(inputs) {
      const { computeIou } = await import('../commands/iou');
      return computeIou(toFlags(inputs));
    },
  },
  {
    name: 'nms',
    summary: bi('non-maximum suppression: boxes, scores, iou, per-class, labels; keep (indices from 0), count', '非极大值抑制：boxes, scores, iou, per-class, labels；keep（下标从 0 开始）, count'),
    template: '- nms:\n    boxes: [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]]\n    scores: [0.9, 0.8, 0.7]\n    iou: 0.5\n  answer: {keep: "0, 2", count: 2}\n',
    async compute(inputs) {
      const { computeNms } = await import('../commands/nms');
      return computeNms(toFlags(inputs));
    },
  },
  {
    name: 'box',
    summary: bi('box coder: mode encode (anchor, gt; t, tx, ty, tw, th) or decode (anchor, t; box, x1..y2, w, h), weights', '边框回归：mode encode（anchor, gt；t, tx, ty, tw, th）或 decode（anchor, t；box, x1..y2, w, h）, weights'),
    template: '- box: {mode: encode, anchor: [0, 0, 100, 100], gt: [10, 20, 110, 140]}\n  answer: {tx: 0.1, ty: 0.3, tw: 0, th: 0.182}\n- box: {mode: decode, anchor: [0, 0, 100, 100], t: [0.1, 0.3, 0, 0.182]}\n  answer: {box: "10, 20, 110, 140"}\n',
    // The flags of `box encode`; `t` is decode's (the deltas), `mode` picks the subcommand.
    command: 'box encode',
    positionals: ['mode', 'kind', 't'],
    async compute(inputs) {
      const { computeEncode, computeDecode } = await import('../commands/box');
      const { value, rest } = positional(inputs, ['mode', 'kind']);
      return value === 'decode' ? computeDecode(toFlags(rest)) : computeEncode(toFlags(rest));
    },
  },
  {
    name: 'roi',
    summary: bi('RoI Pool / Align: mode pool|align, feature, box, out, scale, sampling-ratio, aligned; output, out_1_1..', 'RoI Pool / Align：mode pool|align, feature, box, out, scale, sampling-ratio, aligned；output, out_1_1..'),
    template: '- roi:\n    mode: align\n    feature: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]\n    box: [0.6, 0.6, 3.2, 3.4]\n    out: 2\n    sampling-ratio: 2\n  answer: {out_1_1: 7.45}\n- roi: {mode: pool, feature: [[1, 2], [3, 4]], box: [0, 0, 1, 1], out: 1}\n  answer: {output: 4}\n',
    async compute(inputs) {
      const { computeRoi } = await import('../commands/roi');
      return computeRoi(toFlags(inputs));
    },
  },
  {
    name: 'anchors',
    summary: bi('anchors and the RPN head: h, w, scales, ratios, stride, c; total, per_position, objectness, deltas, params, widths, heights', '锚框与 RPN 头：h, w, scales, ratios, stride, c；total, per_position, objectness, deltas, params, widths, heights'),
    template: '- anchors: {h: 38, w: 50, scales: [128, 256, 512], ratios: [0.5, 1, 2]}\n  answer: {total: 17100, per_position: 9, objectness: 9x38x50}\n',
    async compute(inputs) {
      const { computeAnchors } = await import('../commands/anchors');
      return computeAnchors(toFlags(inputs));
    },
  },
  {
    name: 'ap',
    summary: bi('average precision: tp (or dets and gts boxes, iou, pixel), scores, gt, method voc07|voc12|coco; ap, precision, recall, p1.., r1.., tp; dets and gts as files or rows "image class ..." (several images and classes): map, ap_<class>, tp_<class>, fp_<class>, class',
      '平均精度（AP）：tp（或 dets 和 gts 两组框, iou, pixel）, scores, gt, method voc07|voc12|coco；ap, precision, recall, p1.., r1.., tp；dets 和 gts 为文件或 "image class ..." 行（多张图像、多个类别）时：map, ap_<类别>, tp_<类别>, fp_<类别>, class'),
    template: '- ap: {tp: [1, 0, 1, 1, 0], gt: 4, method: voc12}\n  answer: {ap: 0.625, p3: 0.667}\n- ap: {tp: [1, 0, 1, 1, 0], gt: 4, method: voc07}\n  answer: {ap: 0.614}\n- ap:\n    dets: [[0, 0, 10, 10], [0, 0, 10, 9], [20, 20, 30, 30]]\n    scores: [0.9, 0.8, 0.7]\n    gts: [[0, 0, 10, 10], [0, 0, 10, 8]]\n  answer: {tp: "1,0,0", ap: 0.5}\n# Several images and classes: a row per object (docs/detection-format.md).\n- ap:\n    dets:\n      - [a, cat, 0.9, 0, 0, 10, 10]\n      - [b, cat, 0.8, 0, 0, 10, 10]\n      - [b, dog, 0.95, 0, 0, 5, 5]\n      - [a, dog, 0.7, 20, 20, 30, 30]\n    gts:\n      - [a, cat, 0, 0, 10, 10]\n      - [b, cat, 0, 0, 10, 10]\n      - [a, dog, 20, 20, 30, 30]\n      - [b, dog, 40, 40, 50, 50]\n  answer: {map: 0.625, ap_dog: 0.25}\n',
    async compute(inputs) {
      const { computeApAny } = await import('../commands/ap');
      return computeApAny(toFlags(inputs));
    },
  },
  {
    name: 'map',
    summary: bi('mAP: tp (per class) or ious (AP@[.5:.95]) or aps, gt, scores, names, method; map, ap_<class>, map_50..', 'mAP：tp（每类一行）或 ious（AP@[.5:.95]）或 aps, gt, scores, names, method；map, ap_<类别>, map_50..'),
    template: '- map: {tp: [[1, 0, 1], [1, 1, 0, 0]], gt: [3, 2], names: [cat, dog]}\n  answer: {map: 0.778, ap_cat: 0.556}\n- map: {ious: [0.92, 0.81, 0.55, 0.4], gt: 4}\n  answer: {map: 0.454, map_50: 0.7525}\n',
    async compute(inputs) {
      const { computeMap } = await import('../commands/map');
      return computeMap(toFlags(inputs));
    },
  },
  {
    name: 'miou',
    summary: bi('segmentation metrics: confusion (rows true, columns predicted), names; miou, iou, iou_0.., pixel_accuracy, mean_accuracy, fwiou', '分割指标：confusion（行是真实类别，列是预测类别）, names；miou, iou, iou_0.., pixel_accuracy, mean_accuracy, fwiou'),
    template: '- miou: {confusion: [[50, 2, 3], [4, 40, 1], [0, 5, 30]]}\n  answer: {miou: 0.795, pixel_accuracy: 0.889}\n',
    async compute(inputs) {
      const { computeMiou } = await import('../commands/miou');
      return computeMiou(toFlags(inputs));
      },
    },
  );

// Sequence models (src/core/rnn, attention).
ADAPTERS.push(
  {
    name: 'rnn',
    summary: bi('RNN/LSTM/GRU: mode (none: macs, macs_step, output, hn, cn, memory; step: h, c, h_1.., i, f, g, o; bptt: grad, dw, du, h_1.., cell)', 'RNN/LSTM/GRU：mode（不写：macs, macs_step, output, hn, cn, memory；step：h, c, h_1.., i, f, g, o；bptt：grad, dw, du, h_1.., cell）'),
    template: '- rnn: {kind: lstm, input: 10, hidden: 20, seq: 35, batch: 8}\n  answer: {output: 35x8x20, macs: 672000}\n- rnn: {mode: step, kind: gru, x: [1], h: [0.5],\n        w-ih: [[0.5], [-0.5], [1]], w-hh: [[0.2], [0.3], [-0.4]]}\n  answer: {h: 0.6184}\n- rnn: {mode: bptt, w: 0.5, x: [1, 0.5, -1]}\n  answer: {grad: 0.01775}\n',
    positionals: ['mode'],
    async compute(inputs) {
      const { computeRnn } = await import('../commands/rnn');
      const { value, rest } = positional(inputs, this.positionals!);
      return computeRnn(value, toFlags(rest));
    },
  },
  {
    name: 'attention',
    summary: bi('attention: n, d, heads (macs, qkv, scores, weighted, out, memory) or q, k, v, causal, mask (scores, weights, output, weights_1_2..)', '注意力：n, d, heads（macs, qkv, scores, weighted, out, memory）或 q, k, v, causal, mask（scores, weights, output, weights_1_2..）'),
    template: '- attention: {n: 128, d: 512, heads: 8}\n  answer: {macs: 150994944, memory: 524288}\n- attention: {q: [[1, 0], [0, 1]], k: [[1, 0], [0, 1]], v: [[1, 2], [3, 4]]}\n  answer: {weights_1_1: 0.67}\n',
    async compute(inputs) {
      const { computeAttention } = await import('../commands/attention');
      return computeAttention(toFlags(inputs));
    },
  },
);

export function findAdapter(name: string): CheckAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name.toLowerCase());
}
