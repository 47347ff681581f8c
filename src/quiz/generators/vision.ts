/**
 * Generated problems for detection and segmentation: IoU of two boxes,
 * which boxes NMS keeps, a box-regression target, a RoI Align value, AP of
 * a short ranked list, which detections are TP, anchors of a feature map, mIoU of a confusion
 * matrix, an FCN upsampling size and a dilated backbone's output size.
 * Every answer, slip and worked solution comes from the same core
 * functions as `dlnotes iou/nms/box/roi/ap/anchors/miou/conv/summary`.
 */
import { conv, explainConv } from '../../core/conv';
import { fmtNum } from '../../core/format';
import { pick, randInt, shuffled, type Rng } from '../../core/random';
import { slipValues } from '../../core/slips';
import { anchors, anchorSlips, explainAnchors } from '../../core/vision/anchors';
import { apSlips, averagePrecision, explainAp, type ApMethod } from '../../core/vision/ap';
import { backbone, explainBackbone, type OutputStride } from '../../core/vision/backbone';
import { encodeBox, encodeSlips, explainEncode } from '../../core/vision/box-coder';
import { WorkedBuilder } from '../../core/worked';
import { explainIou, iou, iouSlips, type Box } from '../../core/vision/boxes';
import { evaluateDetections, explainEvaluation, mapSlips } from '../../core/vision/det-eval';
import type { Detection, GroundTruth } from '../../core/vision/det-table';
import { explainMatch, matchDetections, matchSlips } from '../../core/vision/match';
import { explainMiou, miou, miouSlips } from '../../core/vision/miou';
import { explainNms, keepOrders, nms, nmsSlips, thresholdTie } from '../../core/vision/nms';
import { explainRoi, roi, roiSlips, type RoiSpec } from '../../core/vision/roi';
import type { Generator } from './types';

const list = (xs: readonly number[]): string => xs.map((x) => fmtNum(x)).join(',');
const tuple = (xs: readonly number[]): string => `(${xs.map((x) => fmtNum(x)).join(', ')})`;

/** Two overlapping integer boxes (or, rarely, disjoint ones). */
function drawBoxPair(rng: Rng): [number[], number[]] {
  for (;;) {
    const a = [randInt(rng, 0, 8), randInt(rng, 0, 8)];
    const aw = randInt(rng, 3, 10);
    const ah = randInt(rng, 3, 10);
    const b = [a[0]! + randInt(rng, -4, aw - 1), a[1]! + randInt(rng, -4, ah - 1)];
    const bw = randInt(rng, 2, 10);
    const bh = randInt(rng, 2, 10);
    const A = [a[0]!, a[1]!, a[0]! + aw, a[1]! + ah];
    const B = [Math.max(0, b[0]!), Math.max(0, b[1]!), Math.max(0, b[0]!) + bw, Math.max(0, b[1]!) + bh];
    const r = iou(A, B);
    if (r.iou > 0.02 && r.iou < 0.98) return [A, B];
  }
}

const iouBoxes: Generator = {
  id: 'iou-boxes',
  slips: ['box-format-confused', 'iou-over-one-box', 'iou-pixel-convention', 'iou-union-not-subtracted'],
  topic: 'detection',
  title: { zh: '两个框的 IoU', en: 'IoU of two boxes' },
  options: { format: ['xyxy', 'xywh'], pixel: 'boolean' },
  generate(rng, options = {}) {
    const [A, B] = drawBoxPair(rng);
    // The pixel convention belongs to VOC's xyxy boxes.
    const format = options.format === 'xywh' || options.format === 'xyxy' ? options.format : options.pixel === true || rng.next() >= 0.3 ? 'xyxy' : 'xywh';
    const pixel = format === 'xyxy' && options.pixel === true;
    const show = (b: number[]): number[] => (format === 'xywh' ? [b[0]!, b[1]!, b[2]! - b[0]!, b[3]! - b[1]!] : b);
    const a = show(A);
    const b = show(B);
    const r = iou(a, b, format, pixel);
    const how = {
      zh: format === 'xywh' ? '格式为 (x, y, w, h)：左上角和宽、高' : pixel ? '格式为 (x1, y1, x2, y2)，按旧 VOC 的像素约定：框包含像素 x1…x2（宽 = x2 − x1 + 1）' : '格式为 (x1, y1, x2, y2)：左上角和右下角，连续坐标（与 torchvision 相同）',
      en: format === 'xywh' ? 'given as (x, y, w, h): top-left corner, width and height' : pixel ? 'given as (x1, y1, x2, y2) in the old VOC pixel convention: a box covers pixels x1…x2 (width = x2 − x1 + 1)' : 'given as (x1, y1, x2, y2): top-left and bottom-right corners, continuous coordinates (as torchvision)',
    };
    return {
      prompt: {
        zh: `框 A = ${tuple(a)}，框 B = ${tuple(b)}，${how.zh}。求两框的 IoU（保留 3 位小数）。`,
        en: `Box A = ${tuple(a)} and box B = ${tuple(b)}, ${how.en}. Find their IoU (3 decimals).`,
      },
      expected: { kind: 'number', value: r.iou, real: true, tol: { abs: 5e-4 }, slips: slipValues(iouSlips.iou, r) },
      solution: explainIou(r),
      params: { a, b, format, pixel },
      command: `dlnotes iou --a ${list(a)} --b ${list(b)}${format !== 'xyxy' ? ` --format ${format}` : ''}${pixel ? ' --pixel' : ''}`,
    };
  },
};

/** A cluster of overlapping boxes around one or two objects, with distinct scores. */
function drawNms(rng: Rng): { boxes: number[][]; scores: number[]; t: number } {
  for (;;) {
    const n = randInt(rng, 4, 6);
    const centres = [[randInt(rng, 10, 20), randInt(rng, 10, 20)], [randInt(rng, 25, 40), randInt(rng, 10, 40)]];
    const boxes = Array.from({ length: n }, () => {
      const [cx, cy] = pick(rng, centres);
      const w = randInt(rng, 8, 14);
      const h = randInt(rng, 8, 14);
      const x = cx! - Math.floor(w / 2) + randInt(rng, -3, 3);
      const y = cy! - Math.floor(h / 2) + randInt(rng, -3, 3);
      return [x, y, x + w, y + h];
    });
    const scores = shuffled(rng, [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4]).slice(0, n);
    const t = pick(rng, [0.3, 0.4, 0.5, 0.5, 0.6]);
    const r = nms({ boxes, scores, iou: t });
    // Worth asking: something is removed, the greedy order matters (a slip would differ), and no IoU
    // sits on the threshold (torchvision's float32 could tip it either way).
    if (r.keep.length < n && r.keep.length >= 2 && !thresholdTie(r) && slipValues(nmsSlips.keep, r).some((s) => s.id !== 'index-from-one')) return { boxes, scores, t };
  }
}

const nmsKeep: Generator = {
  id: 'nms-keep',
  slips: ['index-from-one', 'nms-removed-box-suppresses', 'nms-threshold-inclusive', 'nms-unsorted'],
  topic: 'detection',
  title: { zh: 'NMS 保留哪些框', en: 'Which boxes NMS keeps' },
  generate(rng) {
    const { boxes, scores, t } = drawNms(rng);
    const r = nms({ boxes, scores, iou: t });
    const lines = boxes.map((b, i) => `#${i} ${tuple(b)} ${fmtNum(scores[i]!)}`);
    return {
      prompt: {
        zh: `同一类别的框（x1, y1, x2, y2）与分数：${lines.join('；')}。按 torchvision.ops.nms 做非极大值抑制，IoU 阈值 ${fmtNum(t)}（IoU > 阈值的框被删除）。保留哪些框？给出下标（从 0 开始，用逗号分隔）。`,
        en: `Boxes of one class (x1, y1, x2, y2) with scores: ${lines.join('; ')}. Run non-maximum suppression as torchvision.ops.nms with IoU threshold ${fmtNum(t)} (boxes with IoU > threshold are removed). Which boxes are kept? Give their indices (from 0, separated by commas).`,
      },
      expected: { kind: 'tuple', orders: keepOrders(r.keep), list: true, slips: slipValues(nmsSlips.keep, r) },
      solution: explainNms(r),
      params: { boxes, scores, iou: t, keep: r.keep },
      command: `dlnotes nms --boxes "${boxes.map(list).join('; ')}" --scores ${list(scores)} --iou ${fmtNum(t)}`,
    };
  },
};

const boxTarget: Generator = {
  id: 'box-target',
  slips: ['box-corner-offset', 'box-delta-not-normalised', 'box-log-missing', 'box-weights-ignored'],
  topic: 'detection',
  title: { zh: '边界框回归目标', en: 'Box regression target' },
  options: { weights: 'boolean' },
  generate(rng, options = {}) {
    const size = pick(rng, [32, 64, 100, 128]);
    // Far enough from the corner that the ground truth never gets negative coordinates.
    const ax = size + randInt(rng, 0, 10) * 4;
    const ay = size + randInt(rng, 0, 10) * 4;
    const anchor = [ax, ay, ax + size, ay + pick(rng, [size, size / 2, size * 2])];
    const aw = anchor[2]! - anchor[0]!;
    const ah = anchor[3]! - anchor[1]!;
    const gw = Math.round(aw * pick(rng, [0.5, 0.8, 1, 1.25, 1.5, 2]));
    const gh = Math.round(ah * pick(rng, [0.5, 0.75, 1, 1.2, 1.5, 2]));
    const gx = anchor[0]! + Math.round(aw * pick(rng, [-0.25, -0.1, 0, 0.1, 0.2, 0.3]));
    const gy = anchor[1]! + Math.round(ah * pick(rng, [-0.2, 0, 0.1, 0.25, 0.4]));
    const gt = [gx, gy, gx + gw, gy + gh];
    const weights = options.weights === true ? [10, 10, 5, 5] : [1, 1, 1, 1];
    const r = encodeBox(anchor, gt, weights);
    const heads = options.weights === true;
    return {
      prompt: {
        zh: `锚框 ${tuple(anchor)}，真实框 ${tuple(gt)}（x1, y1, x2, y2）。按 Faster R-CNN 的参数化（torchvision 的 BoxCoder，权重 ${tuple(weights)}${heads ? '，即 RoI 头' : '，即 RPN'}）求回归目标 (tx, ty, tw, th)，log 为自然对数，保留 3 位小数。`,
        en: `Anchor ${tuple(anchor)}, ground-truth box ${tuple(gt)} (x1, y1, x2, y2). With Faster R-CNN's parametrisation (torchvision's BoxCoder, weights ${tuple(weights)}${heads ? ', as in the RoI heads' : ', as in the RPN'}), find the regression target (tx, ty, tw, th); log is the natural log; 3 decimals.`,
      },
      expected: { kind: 'tuple', orders: [r.t], tol: { abs: 5e-4 }, labels: ['tx', 'ty', 'tw', 'th'], slips: slipValues(encodeSlips(), r) },
      solution: explainEncode(r),
      params: { anchor, gt, weights },
      command: `dlnotes box encode --anchor ${list(anchor)} --gt ${list(gt)}${heads ? ' --weights 10,10,5,5' : ''}`,
    };
  },
};

const roiAlignValue: Generator = {
  id: 'roi-align-value',
  slips: ['roi-align-offset', 'roi-max-not-average'],
  topic: 'detection',
  title: { zh: 'RoI Align 的一个输出值', en: 'A RoI Align value' },
  options: { aligned: 'boolean' },
  generate(rng, options = {}) {
    const feature = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => randInt(rng, 0, 9)));
    const quarter = (lo: number, hi: number) => randInt(rng, lo * 4, hi * 4) / 4;
    const x1 = quarter(0, 1.5);
    const y1 = quarter(0, 1.5);
    const box = [x1, y1, x1 + quarter(1, 2.25), y1 + quarter(1, 2.25)];
    const aligned = options.aligned === true;
    const spec: RoiSpec = { mode: 'align', feature, box, out: [2, 2], samplingRatio: pick(rng, [1, 2]), aligned };
    const r = roi(spec);
    const row = randInt(rng, 0, 1);
    const col = randInt(rng, 0, 1);
    const map = feature.map((rw) => rw.join(' ')).join(' / ');
    return {
      prompt: {
        zh: `4×4 特征图（逐行）：${map}。框 ${tuple(box)}（x1, y1, x2, y2，已是特征图坐标），RoI Align 输出 2×2，sampling_ratio = ${spec.samplingRatio}，aligned = ${aligned ? 'True' : 'False'}（torchvision.ops.roi_align）。输出第 ${row + 1} 行第 ${col + 1} 列的值是多少？（保留 3 位小数）`,
        en: `A 4×4 feature map (row by row): ${map}. Box ${tuple(box)} (x1, y1, x2, y2, already in feature-map coordinates), RoI Align to 2×2 with sampling_ratio = ${spec.samplingRatio}, aligned = ${aligned ? 'True' : 'False'} (torchvision.ops.roi_align). What is the output value in row ${row + 1}, column ${col + 1}? (3 decimals)`,
      },
      expected: { kind: 'number', value: r.output[row]![col]!, real: true, tol: { abs: 5e-4 }, slips: slipValues(roiSlips(spec, [row, col]), r) },
      solution: explainRoi(r),
      params: { feature, box, samplingRatio: spec.samplingRatio, aligned, row, col },
      command: `dlnotes roi --mode align --feature "${feature.map(list).join('; ')}" --box ${list(box)} --out 2 --sampling-ratio ${spec.samplingRatio}${aligned ? ' --aligned' : ''}`,
    };
  },
};

const METHOD_WORDS: Record<ApMethod, { zh: string; en: string }> = {
  voc07: { zh: 'VOC2007 的 11 点插值法', en: "VOC2007's 11-point interpolation" },
  voc12: { zh: 'VOC2010 起的全点面积法（插值精确率曲线下面积）', en: 'the VOC2010+ all-point area (under the interpolated precision curve)' },
  coco: { zh: 'COCO 的 101 点插值法', en: "COCO's 101-point interpolation" },
};

const apRanked: Generator = {
  id: 'ap-ranked',
  slips: ['ap-missed-gt', 'ap-no-interpolation', 'ap-voc07-vs-all-point'],
  topic: 'detection',
  title: { zh: '排序检测结果的 AP', en: 'AP of a ranked list' },
  options: { method: ['voc07', 'voc12', 'coco'] },
  generate(rng, options = {}) {
    const method: ApMethod = options.method === 'voc07' || options.method === 'voc12' || options.method === 'coco' ? options.method : pick(rng, ['voc12', 'voc12', 'voc07', 'coco'] as const);
    for (;;) {
      const n = randInt(rng, 5, 8);
      const tp = Array.from({ length: n }, (_, i) => rng.next() < (i < 2 ? 0.8 : 0.55));
      const found = tp.filter(Boolean).length;
      if (found < 2 || found === n) continue;
      const npos = found + randInt(rng, 0, 2);
      const r = averagePrecision({ tp, npos, method });
      const flags = tp.map((x) => (x ? 'TP' : 'FP'));
      return {
        prompt: {
          zh: `某类别共有 ${npos} 个真实物体。检测结果按分数从高到低为：${flags.join('、')}。用${METHOD_WORDS[method].zh}计算 AP（保留 3 位小数）。`,
          en: `A class has ${npos} ground-truth objects. The detections, ranked by score from high to low, are: ${flags.join(', ')}. Compute the AP with ${METHOD_WORDS[method].en} (3 decimals).`,
        },
        expected: { kind: 'number', value: r.ap, real: true, tol: { abs: 5e-4 }, slips: slipValues(apSlips, r) },
        solution: explainAp(r),
        params: { tp: tp.map(Number), npos, method },
        command: `dlnotes ap --tp ${tp.map(Number).join(',')} --gt ${npos} --method ${method}`,
      };
    }
  },
};

const anchorsCount: Generator = {
  id: 'anchors-count',
  slips: ['anchors-forgot-positions', 'anchors-positions-only', 'anchors-scales-plus-ratios', 'rpn-two-scores'],
  topic: 'detection',
  title: { zh: '特征图上的锚框数', en: 'Anchors of a feature map' },
  options: { ask: ['total', 'objectness'] },
  generate(rng, options = {}) {
    const stride = pick(rng, [8, 16, 16, 32]);
    const imgH = pick(rng, [480, 512, 600, 640]);
    const imgW = pick(rng, [640, 800, 960, 1000]);
    const h = Math.floor(imgH / stride);
    const w = Math.floor(imgW / stride);
    const sizes = pick(rng, [[128, 256, 512], [64, 128, 256], [32, 64, 128, 256, 512], [128, 256]]);
    const ratios = pick(rng, [[0.5, 1, 2], [0.5, 1, 2], [1], [0.5, 1, 2, 3]]);
    const ask = options.ask === 'total' || options.ask === 'objectness' ? options.ask : rng.next() < 0.7 ? 'total' : 'objectness';
    const r = anchors({ h, w, sizes, ratios, stride, c: 512 });
    const setting = {
      zh: `RPN 在 ${h}×${w} 的特征图（步幅 ${stride}）上，每个位置使用尺度 ${sizes.join('、')} 与长宽比 ${ratios.map((x) => fmtNum(x)).join('、')} 的全部组合作为锚框`,
      en: `An RPN on a ${h}×${w} feature map (stride ${stride}) places, at every position, one anchor for every combination of sizes ${sizes.join(', ')} and aspect ratios ${ratios.map((x) => fmtNum(x)).join(', ')}`,
    };
    const command = `dlnotes anchors --h ${h} --w ${w} --scales ${list(sizes)} --ratios ${list(ratios)} --stride ${stride}`;
    if (ask === 'total') {
      return {
        prompt: { zh: `${setting.zh}。一共有多少个锚框？`, en: `${setting.en}. How many anchors are there in all?` },
        expected: { kind: 'number', value: r.total, slips: slipValues(anchorSlips.total, r) },
        solution: explainAnchors(r),
        params: { h, w, sizes, ratios, stride, ask },
        command,
      };
    }
    return {
      prompt: {
        zh: `${setting.zh}。torchvision 的 RPNHead 对每个锚框输出一个目标分数（objectness）。一张图的目标分数输出形状 C×H×W 是多少？`,
        en: `${setting.en}. torchvision's RPNHead outputs one objectness logit per anchor. What is the shape C×H×W of the objectness output for one image?`,
      },
      expected: { kind: 'tuple', orders: [r.objectness.slice(1)], labels: ['C', 'H', 'W'], slips: slipValues(anchorSlips.objectness, r).map((s) => ({ ...s, expected: [(s.expected as number[][])[1]!] })) },
      solution: explainAnchors(r),
      params: { h, w, sizes, ratios, stride, ask },
      command,
    };
  },
};

const miouConfusion: Generator = {
  id: 'miou-confusion',
  slips: ['iou-union-not-subtracted', 'miou-dice', 'miou-pixel-accuracy'],
  topic: 'segmentation',
  title: { zh: '由混淆矩阵求 mIoU', en: 'mIoU from a confusion matrix' },
  generate(rng) {
    const k = pick(rng, [2, 3, 3]);
    const matrix = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? randInt(rng, 20, 90) : randInt(rng, 0, 12))));
    const names = k === 2 ? ['background', 'person'] : ['background', 'person', 'car'];
    const zhNames = k === 2 ? ['背景', '人'] : ['背景', '人', '车'];
    const r = miou(matrix, names);
    const rows = matrix.map((row) => `[${row.join(', ')}]`).join(', ');
    return {
      prompt: {
        zh: `语义分割的混淆矩阵（行为真实类别，列为预测类别，类别依次为 ${zhNames.join('、')}）：${rows}。求 mIoU（保留 3 位小数）。`,
        en: `A segmentation confusion matrix (rows: true class, columns: predicted; classes ${names.join(', ')}): ${rows}. Find the mIoU (3 decimals).`,
      },
      expected: { kind: 'number', value: r.miou, real: true, tol: { abs: 5e-4 }, slips: slipValues(miouSlips(), r) },
      solution: explainMiou(r),
      params: { matrix, names },
      command: `dlnotes miou --confusion "${matrix.map(list).join('; ')}" --names ${names.join(',')}`,
    };
  },
};

/** FCN's upsampling layers: (input size, kernel, stride, padding), the standard 2s/s/(s/2) and the original uncropped one. */
const UPSAMPLERS: ReadonlyArray<[number, number, number]> = [[64, 32, 16], [16, 8, 4], [4, 2, 1], [64, 32, 0], [16, 8, 0], [4, 2, 0]];

const fcnUpsample: Generator = {
  id: 'fcn-upsample',
  topic: 'segmentation',
  title: { zh: 'FCN 转置卷积上采样的输出尺寸', en: "FCN's transposed-conv upsampling size" },
  generate(rng) {
    const [k, s, p] = pick(rng, UPSAMPLERS);
    const h = s === 32 ? pick(rng, [7, 10, 16]) : s === 8 ? pick(rng, [28, 32, 40, 60]) : pick(rng, [7, 14, 16, 28]);
    const classes = pick(rng, [21, 21, 2, 19]);
    const spec = { h, c: classes, k: classes, fh: k, s, p, transpose: true };
    const r = conv(spec);
    return {
      prompt: {
        zh: `FCN 用转置卷积把 ${h}×${h}×${classes} 的类别分数图放大 ${s} 倍：ConvTranspose2d(${classes}, ${classes}, kernel_size=${k}, stride=${s}, padding=${p})。输出的边长是多少？${p === 0 ? '（原版 FCN 不填充，之后再裁剪）' : ''}`,
        en: `FCN upsamples a ${h}×${h}×${classes} class-score map ${s}× with a transposed convolution: ConvTranspose2d(${classes}, ${classes}, kernel_size=${k}, stride=${s}, padding=${p}). What is the output side length?${p === 0 ? ' (The original FCN uses no padding and crops afterwards.)' : ''}`,
      },
      expected: { kind: 'number', value: r.output.h },
      solution: explainConv(spec),
      params: { h, k, s, p, classes },
      command: `dlnotes conv --h ${h} --c ${classes} --k ${classes} --f ${k} --s ${s} --p ${p} --transpose`,
    };
  },
};

/** Zoo networks with a ResNet-50 backbone at each output stride (dlnotes summary reproduces the size). */
const BACKBONES: Record<8 | 32, { net: string; layer: string; zh: string; en: string }> = {
  8: { net: 'fcn_resnet50', layer: 'backbone.layer4', zh: 'torchvision 的 fcn_resnet50（骨干 ResNet-50，replace_stride_with_dilation=[False, True, True]）', en: "torchvision's fcn_resnet50 (a ResNet-50 backbone with replace_stride_with_dilation=[False, True, True])" },
  32: { net: 'resnet50', layer: 'layer4', zh: '普通的 ResNet-50（不使用膨胀卷积）', en: 'a plain ResNet-50 (no dilation)' },
};

const segOutputStride: Generator = {
  id: 'seg-output-stride',
  topic: 'segmentation',
  title: { zh: '分割骨干网络的输出特征图尺寸', en: "A segmentation backbone's output size" },
  options: { stride: ['8', '32'] },
  generate(rng, options = {}) {
    const os: OutputStride = options.stride === '8' ? 8 : options.stride === '32' ? 32 : pick(rng, [8, 8, 32] as const);
    const input = pick(rng, [224, 256, 300, 320, 384, 416, 480, 500, 512, 520, 600, 640]);
    const r = backbone(input, os);
    const b = BACKBONES[os as 8 | 32];
    return {
      prompt: {
        zh: `输入 ${input}×${input} 的图像，经过${b.zh}的 layer4 之后，特征图的边长是多少？`,
        en: `A ${input}×${input} image goes through ${b.en}. What is the side length of the feature map after layer4?`,
      },
      expected: { kind: 'number', value: r.size },
      solution: explainBackbone(r),
      params: { input, outputStride: os, layer: b.layer },
      command: `dlnotes summary ${b.net} --input 3x${input}x${input}`,
    };
  },
};

/** Detections of one class around 2–3 objects, some of them duplicates. */
function drawMatch(rng: Rng): { dets: number[][]; gts: number[][]; scores: number[] } {
  for (;;) {
    const nGt = randInt(rng, 2, 3);
    // Objects 14 apart with sides up to 14: neighbours may overlap, so a duplicate can have a second choice.
    const gts = Array.from({ length: nGt }, (_, k) => {
      const x = 14 * k + randInt(rng, 0, 4);
      const y = randInt(rng, 4, 12);
      return [x, y, x + randInt(rng, 8, 14), y + randInt(rng, 8, 14)];
    });
    const nDet = randInt(rng, 3, 5);
    const dets = Array.from({ length: nDet }, () => {
      const g = pick(rng, gts);
      const dx = randInt(rng, -4, 4);
      const dy = randInt(rng, -4, 4);
      return [g[0]! + dx, g[1]! + dy, g[2]! + dx + randInt(rng, -3, 3), g[3]! + dy + randInt(rng, -3, 3)];
    });
    const scores = shuffled(rng, [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]).slice(0, nDet);
    const m = matchDetections({ dets, gts, scores, iou: 0.5, rule: 'voc' });
    const tps = m.tp.filter(Boolean).length;
    // Worth asking: a TP and an FP, a duplicate among them, and no IoU within rounding of the threshold.
    const duplicate = m.rows.some((r) => r.reason === 'taken');
    const nearT = m.rows.some((r) => r.ious.some((v) => Math.abs(v - 0.5) < 5e-3));
    if (tps >= 1 && tps < nDet && duplicate && !nearT) return { dets, gts, scores };
  }
}

const apMatch: Generator = {
  id: 'ap-match',
  slips: ['ap-duplicate-tp', 'ap-match-rule'],
  topic: 'detection',
  title: { zh: '哪些检测是 TP', en: 'Which detections are TP' },
  generate(rng) {
    const { dets, gts, scores } = drawMatch(rng);
    const m = matchDetections({ dets, gts, scores, iou: 0.5, rule: 'voc' });
    const wb = new WorkedBuilder({ zh: '检测与真实框的匹配（voc_eval.py）', en: 'Matching detections to objects (voc_eval.py)' });
    explainMatch(wb, m);
    const d = dets.map((b, i) => `#${i} ${tuple(b)} ${fmtNum(scores[i]!)}`);
    const g = gts.map((b, i) => `g${i} ${tuple(b)}`);
    return {
      prompt: {
        zh: `一张图中某类别的真实框：${g.join('；')}。检测框与分数：${d.join('；')}（x1, y1, x2, y2，连续坐标）。按 PASCAL VOC 的评测代码（voc_eval.py）在 IoU 阈值 0.5 下匹配，每个检测是 TP 还是 FP？按检测的下标顺序给出 1（TP）或 0（FP），用逗号分隔。`,
        en: `The ground-truth boxes of one class in an image: ${g.join('; ')}. Detections with scores: ${d.join('; ')} (x1, y1, x2, y2, continuous coordinates). Matching as PASCAL VOC's evaluation code (voc_eval.py) does at IoU threshold 0.5, is each detection a TP or an FP? Give 1 (TP) or 0 (FP) per detection in index order, separated by commas.`,
      },
      expected: { kind: 'tuple', orders: [m.tp.map(Number)], list: true, slips: slipValues(matchSlips, m) },
      solution: wb.build(),
      params: { dets, gts, scores, tp: m.tp.map(Number) },
      command: `dlnotes ap --dets "${dets.map(list).join('; ')}" --scores ${list(scores)} --gts "${gts.map(list).join('; ')}" --iou 0.5`,
    };
  },
};

/** Two images, two classes: objects (one of them maybe difficult), detections near them (some duplicates) and a stray one. */
function drawImages(rng: Rng): { dets: Detection[]; gts: GroundTruth[] } {
  for (;;) {
    const gts: GroundTruth[] = [];
    const dets: Array<Omit<Detection, 'score'>> = [];
    for (const image of ['img1', 'img2']) {
      for (const cls of ['cat', 'dog']) {
        if (rng.next() < 0.75) {
          const x = randInt(rng, 0, 40);
          const y = randInt(rng, 0, 40);
          const box: Box = [x, y, x + randInt(rng, 10, 30), y + randInt(rng, 10, 30)];
          gts.push({ image, cls, box, difficult: rng.next() < 0.15, crowd: false, at: '' });
          for (let k = rng.next() < 0.3 ? 2 : rng.next() < 0.8 ? 1 : 0; k > 0; k--) {
            const dx = randInt(rng, -3, 3);
            const dy = randInt(rng, -3, 3);
            dets.push({ image, cls, box: [box[0] + dx, box[1] + dy, box[2] + dx + randInt(rng, -2, 2), box[3] + dy + randInt(rng, -2, 2)], at: '' });
          }
        }
        if (rng.next() < 0.25) {
          const x = randInt(rng, 60, 80);
          dets.push({ image, cls, box: [x, x, x + 12, x + 12], at: '' });
        }
      }
    }
    const scores = shuffled(rng, [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4]);
    const withScores = dets.map((d, i) => ({ ...d, score: scores[i]! }));
    const classes = new Set(gts.filter((g) => !g.difficult).map((g) => g.cls));
    if (classes.size < 2 || withScores.length < 3 || withScores.length > scores.length) continue;
    const r = evaluateDetections({ dets: withScores, gts, method: 'voc12', thresholds: [0.5] });
    const ious = r.classes.flatMap((c) => c.at[0]!.ranked.map((x) => x.iou ?? 0));
    // Worth asking: not all right or all wrong, and no IoU within rounding of the threshold.
    if (r.map > 0 && r.map < 1 && !ious.some((v) => Math.abs(v - 0.5) < 5e-3)) return { dets: withScores, gts };
  }
}

const row = (image: string, cls: string, b: readonly number[]): string => `${image} ${cls} ${tuple(b)}`;

const apImages: Generator = {
  id: 'ap-images',
  slips: ['map-pooled-classes', 'ap-difficult-counted'],
  topic: 'detection',
  title: { zh: '多张图像、多个类别的 mAP', en: 'mAP over images and classes' },
  generate(rng) {
    const { dets, gts } = drawImages(rng);
    const r = evaluateDetections({ dets, gts, method: 'voc12', thresholds: [0.5] });
    const g = gts.map((x) => `${row(x.image, x.cls, x.box)}${x.difficult ? ' difficult' : ''}`);
    const d = dets.map((x) => `${row(x.image, x.cls, x.box)} ${fmtNum(x.score)}`);
    const rows = (xs: readonly string[]): string => xs.join('; ');
    return {
      prompt: {
        zh: `两张图像的真实框（x1, y1, x2, y2，连续坐标）：${g.join('；')}。检测结果（框与分数）：${d.join('；')}。按 PASCAL VOC 的评测代码（voc_eval.py）：每个类别的检测按分数排序，只与同一图像中同类别的物体匹配，IoU > 0.5 且物体未被占用为 TP，difficult 物体忽略；AP 用 VOC2010 起的全点面积法。两个类别的 mAP 是多少（保留 3 位小数）？`,
        en: `The ground truth of two images (x1, y1, x2, y2, continuous coordinates): ${g.join('; ')}. Detections (box and score): ${d.join('; ')}. Evaluating as PASCAL VOC's code does (voc_eval.py): each class's detections ranked by score, matched only to objects of that class in the same image, TP when IoU > 0.5 and the object is still free, difficult objects ignored; AP by the VOC2010+ all-point area. What is the mAP over the two classes (3 decimals)?`,
      },
      expected: { kind: 'number', value: r.map, real: true, tol: { abs: 5e-4 }, slips: slipValues(mapSlips, { r, dets, gts }) },
      solution: explainEvaluation(r, gts),
      params: { dets: d, gts: g },
      command: `dlnotes ap --dets "${rows(dets.map((x) => `${x.image} ${x.cls} ${fmtNum(x.score)} ${x.box.join(' ')}`))}" --gts "${rows(gts.map((x) => `${x.image} ${x.cls} ${x.box.join(' ')}${x.difficult ? ' difficult' : ''}`))}" --method voc12`,
    };
  },
};

export const generators: Generator[] = [iouBoxes, nmsKeep, boxTarget, roiAlignValue, apRanked, apMatch, apImages, anchorsCount, miouConfusion, fcnUpsample, segOutputStride];
