/**
 * Generated problems over the layer calculators: conv/pool output sizes,
 * parameters, MACs, memory, receptive fields. Every answer and worked
 * solution comes from the same core functions as `dlnotes conv/pool/params/rf`.
 */
import { conv, explainConv, type ConvSpec } from '../../core/conv';
import { fmtInt } from '../../core/format';
import { compareStack, convParams, explainCompareStack, explainConvParams } from '../../core/params';
import { explainPool, pool, type PoolSpec } from '../../core/pool';
import { pick, randInt, type Rng } from '../../core/random';
import { explainRf, receptiveField } from '../../core/rf';
import { convOutSize } from '../../core/size';
import { normaliseLayer, type LayerNode } from '../../core/spec';
import type { Generator } from './types';

const SIZES = [7, 8, 10, 13, 14, 15, 16, 28, 32, 56, 64, 112, 224, 227];
const CHANNELS = [3, 16, 32, 64, 128, 256];

function convCommand(s: ConvSpec): string {
  const parts = [`dlnotes conv --h ${s.h}`];
  if (s.c !== undefined) parts.push(`--c ${s.c}`);
  if (s.k !== undefined) parts.push(`--k ${s.k}`);
  parts.push(`--f ${s.fh}`, `--s ${s.s ?? 1}`, `--p ${s.p ?? 0}`);
  if ((s.groups ?? 1) !== 1) parts.push(`--groups ${s.groups}`);
  if (s.bias === false) parts.push('--no-bias');
  return parts.join(' ');
}

/** Draws a conv setting; `exact` chooses whether the stride divides evenly. */
function drawConv(rng: Rng, exact: boolean): ConvSpec {
  for (;;) {
    const h = pick(rng, SIZES);
    const f = pick(rng, h >= 100 ? [3, 5, 7, 11] : [1, 3, 3, 5, 7]);
    const s = pick(rng, [1, 1, 2, 2, 3, 4]);
    const p = pick(rng, [0, 0, 1, 2, 3].filter((x) => x <= Math.floor(f / 2) + 1));
    if (h + 2 * p < f) continue;
    const size = convOutSize({ n: h, k: f, s, p, d: 1 });
    if (size.exact !== exact || size.out < 2) continue;
    return { h, fh: f, s, p, c: pick(rng, [1, 3, 3, 16, 32, 64]), k: pick(rng, [6, 8, 10, 16, 32, 64]) };
  }
}

const convOutputSize: Generator = {
  id: 'conv-output-size',
  topic: 'conv',
  title: { zh: '卷积层输出尺寸', en: 'Conv layer output size' },
  options: { trap: 'boolean' },
  generate(rng, options = {}) {
    const trap = options.trap === true || (options.trap === undefined && rng.next() < 0.25);
    const spec = drawConv(rng, !trap);
    const r = conv(spec);
    const { h, w } = r.output;
    const k = spec.k!;
    return {
      prompt: {
        zh: `输入特征图 ${spec.h}×${spec.h}×${spec.c}，使用 ${k} 个 ${spec.fh}×${spec.fh} 的滤波器，步幅 S=${spec.s}，填充 P=${spec.p}。输出特征图的尺寸 H'×W'×K 是多少？（若不能整除，按 PyTorch 的做法给出）`,
        en: `Input ${spec.h}×${spec.h}×${spec.c}, ${k} filters of ${spec.fh}×${spec.fh}, stride S=${spec.s}, padding P=${spec.p}. What is the output size H'×W'×K? (If it does not divide evenly, give what PyTorch produces.)`,
      },
      expected: { kind: 'tuple', orders: [[h, w, k], [k, h, w]], labels: ["H'", "W'", 'K'] },
      solution: explainConv(spec),
      params: { ...spec, exact: r.exact },
      command: convCommand(spec),
    };
  },
};

const convParamsGen: Generator = {
  id: 'conv-params',
  topic: 'params',
  title: { zh: '卷积层参数量', en: 'Conv layer parameters' },
  options: { depthwise: 'boolean', bias: 'boolean' },
  generate(rng, options = {}) {
    const depthwise = options.depthwise === true || (options.depthwise === undefined && rng.next() < 0.15);
    const f = pick(rng, [1, 3, 3, 5, 7]);
    const c = pick(rng, CHANNELS);
    const k = depthwise ? c : pick(rng, [8, 10, 16, 32, 64, 128, 256]);
    const bias = typeof options.bias === 'boolean' ? options.bias : rng.next() > 0.2;
    const input = { fh: f, fw: f, c, k, groups: depthwise ? c : 1, bias };
    const r = convParams(input);
    const extraZh = `${depthwise ? `,groups=${c}(深度卷积)` : ''}${bias ? '' : ',不使用偏置(bias=False)'}`;
    const extraEn = `${depthwise ? `, groups=${c} (depthwise)` : ''}${bias ? '' : ', no bias (bias=False)'}`;
    return {
      prompt: {
        zh: `输入通道数 C=${c}，卷积层有 ${k} 个 ${f}×${f} 的滤波器${extraZh}。这一层有多少个参数？`,
        en: `A conv layer with ${c} input channels and ${k} filters of ${f}×${f}${extraEn}. How many parameters does it have?`,
      },
      expected: { kind: 'number', value: r.params },
      solution: explainConvParams(input),
      params: input,
      command: `dlnotes params conv --f ${f} --c ${c} --k ${k}${depthwise ? ` --groups ${c}` : ''}${bias ? '' : ' --no-bias'}`,
    };
  },
};

/** A "same"-padded conv at stride 1 or 2, the common exam setting for compute and memory. */
function drawComputeConv(rng: Rng): ConvSpec {
  const f = pick(rng, [1, 3, 3, 5]);
  const s = pick(rng, [1, 1, 2]);
  return { h: pick(rng, [7, 14, 28, 32, 56]), fh: f, s, p: (f - 1) / 2, c: pick(rng, [3, 16, 32, 64]), k: pick(rng, [16, 32, 64, 128]) };
}

const convMacs: Generator = {
  id: 'conv-macs',
  topic: 'conv',
  title: { zh: '卷积层计算量（MACs）', en: 'Conv layer MACs' },
  generate(rng) {
    const spec = drawComputeConv(rng);
    const r = conv(spec);
    return {
      prompt: {
        zh: `输入 ${spec.h}×${spec.h}×${spec.c}，${spec.k} 个 ${spec.fh}×${spec.fh} 滤波器，步幅 ${spec.s}，填充 ${spec.p}。这一层（一张图）需要多少次乘加运算（MACs）？`,
        en: `Input ${spec.h}×${spec.h}×${spec.c}, ${spec.k} filters of ${spec.fh}×${spec.fh}, stride ${spec.s}, padding ${spec.p}. How many multiply-accumulates (MACs) does this layer take for one image?`,
      },
      expected: { kind: 'number', value: r.macs! },
      solution: explainConv(spec),
      params: { ...spec },
      command: convCommand(spec),
    };
  },
};

const convMemory: Generator = {
  id: 'conv-memory',
  topic: 'conv',
  title: { zh: '卷积层输出显存', en: 'Conv layer output memory' },
  generate(rng) {
    const spec = drawComputeConv(rng);
    const r = conv(spec);
    const kib = r.bytes! / 1024;
    return {
      prompt: {
        zh: `输入 ${spec.h}×${spec.h}×${spec.c}，${spec.k} 个 ${spec.fh}×${spec.fh} 滤波器，步幅 ${spec.s}，填充 ${spec.p}。输出特征图以 fp32（4 字节）存储，占多少 KiB？（1 KiB = 1024 字节）`,
        en: `Input ${spec.h}×${spec.h}×${spec.c}, ${spec.k} filters of ${spec.fh}×${spec.fh}, stride ${spec.s}, padding ${spec.p}. How many KiB does the output take in fp32 (4 bytes per value; 1 KiB = 1024 bytes)?`,
      },
      expected: { kind: 'number', value: kib, tol: { rel: 0.005 }, unit: 'KiB' },
      solution: explainConv(spec),
      params: { ...spec, activations: r.activations },
      command: convCommand(spec),
    };
  },
};

const poolOutputSize: Generator = {
  id: 'pool-output-size',
  topic: 'pool',
  title: { zh: '池化层输出尺寸', en: 'Pooling output size' },
  options: { ceil: 'boolean' },
  generate(rng, options = {}) {
    const ceil = typeof options.ceil === 'boolean' ? options.ceil : rng.next() < 0.35;
    for (;;) {
      const h = pick(rng, [5, 6, 7, 9, 11, 13, 14, 27, 28, 55, 56, 112, 224]);
      const f = pick(rng, [2, 2, 3, 3]);
      const s = pick(rng, [2, 2, f]);
      const p = pick(rng, [0, 0, Math.floor(f / 2)]);
      const spec: PoolSpec = { h, f, s, p, ceil, kind: pick(rng, ['max', 'avg'] as const), c: pick(rng, [16, 64, 96]) };
      let r;
      try {
        r = pool(spec);
      } catch {
        continue;
      }
      // In ceil mode, prefer settings where ceil and floor differ (the point of asking).
      if (ceil && r.exact && rng.next() < 0.8) continue;
      return {
        prompt: {
          zh: `对 ${h}×${h}×${spec.c} 的特征图做 ${spec.kind === 'max' ? '最大' : '平均'}池化：窗口 ${f}×${f}，步幅 ${s}，填充 ${p}${ceil ? ',ceil_mode=True' : ''}。输出的高 H' 是多少？`,
          en: `${spec.kind === 'max' ? 'Max' : 'Average'} pooling on a ${h}×${h}×${spec.c} feature map: window ${f}×${f}, stride ${s}, padding ${p}${ceil ? ', ceil_mode=True' : ''}. What is the output height H'?`,
        },
        expected: { kind: 'number', value: r.output.h },
        solution: explainPool(spec),
        params: { ...spec },
        command: `dlnotes pool --h ${h} --f ${f} --s ${s} --p ${p}${ceil ? ' --ceil' : ''}`,
      };
    }
  },
};

function layer(kind: string, args: Record<string, number>): LayerNode {
  return normaliseLayer(kind, args, 'generated');
}

const rfStack: Generator = {
  id: 'rf-stack',
  topic: 'rf',
  title: { zh: '多层感受野', en: 'Receptive field of a stack' },
  generate(rng) {
    const n = randInt(rng, 2, 4);
    const layers: LayerNode[] = [];
    const words: Array<{ zh: string; en: string; inline: string }> = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && rng.next() < 0.3) {
        const k = pick(rng, [2, 3]);
        layers.push(layer('maxpool', { k, s: 2 }));
        words.push({ zh: `${k}×${k} 最大池化（步幅 2)`, en: `${k}×${k} max pool (stride 2)`, inline: `maxpool k=${k} s=2` });
      } else {
        const k = pick(rng, [3, 3, 5, 7]);
        const s = pick(rng, [1, 1, 2]);
        layers.push(layer('conv', { k, s, p: (k - 1) / 2 }));
        words.push({ zh: `${k}×${k} 卷积（步幅 ${s})`, en: `${k}×${k} conv (stride ${s})`, inline: `conv k=${k} s=${s} p=${(k - 1) / 2}` });
      }
    }
    const r = receptiveField(layers);
    return {
      prompt: {
        zh: `依次堆叠：${words.map((w) => w.zh).join(' → ')}。最后一层输出的一个位置在输入上的感受野大小是多少？`,
        en: `A stack of ${words.map((w) => w.en).join(' → ')}. What is the receptive field (on the input) of one unit of the last layer?`,
      },
      expected: { kind: 'number', value: r.h.rf! },
      solution: explainRf(r),
      params: { layers: words.map((w) => w.inline) },
      command: `dlnotes rf --layers "${words.map((w) => w.inline).join('; ')}"`,
    };
  },
};

const stackVsSingle: Generator = {
  id: 'params-stack-vs-single',
  topic: 'params',
  title: { zh: '堆叠小卷积 vs 单个大卷积', en: 'Stacked small convs vs one large conv' },
  generate(rng) {
    // About a hundred distinct problems, so draws rarely repeat (and a drill never repeats within five).
    const n = pick(rng, [2, 3, 3, 4, 5]);
    const f = n <= 3 && rng.next() < 0.3 ? 5 : 3;
    const c = pick(rng, [16, 24, 32, 48, 64, 96, 128, 160, 192, 256, 384, 512]);
    const r = compareStack(n, f, c);
    return {
      prompt: {
        zh: `${n} 个 ${f}×${f} 卷积层堆叠（步幅 1，输入输出通道均为 C=${c}，不计偏置）与一个感受野相同的单层卷积相比。分别给出两者的权重数量（格式：堆叠， 单层）。`,
        en: `${n} stacked ${f}×${f} conv layers (stride 1, C=${c} channels in and out, biases ignored) versus one conv layer with the same receptive field. Give the number of weights of each (format: stack, single).`,
      },
      expected: { kind: 'tuple', orders: [[r.stackWeights, r.singleWeights]], labels: ['stack', 'single'] },
      solution: explainCompareStack(n, f, c),
      params: { n, f, c, singleF: r.singleF, stack: fmtInt(r.stackWeights) },
      command: `dlnotes params stack --n ${n} --f ${f} --c ${c}`,
    };
  },
};

export const generators: Generator[] = [convOutputSize, convParamsGen, convMacs, convMemory, poolOutputSize, rfStack, stackVsSingle];
