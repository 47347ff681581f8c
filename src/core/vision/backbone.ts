/**
 * The feature-map size at the end of torchvision's ResNet backbone, for
 * segmentation: replace_stride_with_dilation swaps the stride 2 of layer3
 * and layer4 for dilation, so the output stride drops from 32 to 16 or 8
 * (fcn_resnet50 and deeplabv3_resnet50 use [False, True, True]: 8). Each
 * size comes from the conv/pool output-size formula (core/size.ts).
 */
import { InputError } from '../errors';
import { convOutSize, poolOutSize } from '../size';
import { bi, msg } from '../text';
import { WorkedBuilder, type Worked } from '../worked';

export type OutputStride = 8 | 16 | 32;

export interface BackboneStage {
  name: string;
  /** What the stage does to the size: "7×7 conv, stride 2, padding 3". */
  op: { k: number; s: number; p: number; pool: boolean } | null;
  dilation: number;
  size: number;
}

export interface BackboneResult {
  input: number;
  outputStride: OutputStride;
  stages: BackboneStage[];
  size: number;
}

const M = {
  input: msg((got: number) => `the input size must be an integer of at least 32, got ${got}`, (got) => `输入尺寸必须是不小于 32 的整数，收到 ${got}`),
  title: msg((os: number) => `ResNet backbone at output stride ${os}`, (os) => `输出步幅为 ${os} 的 ResNet 骨干网络`),
  flags: msg((os: number) => `replace_stride_with_dilation = ${FLAGS[os as OutputStride]}`, (os) => `replace_stride_with_dilation = ${FLAGS[os as OutputStride]}`),
  same: msg((name: string, d: number) => `${name}: stride 1, dilation ${d}: the size stays`, (name, d) => `${name}：步幅 1、膨胀率 ${d}：尺寸不变`),
  unchanged: msg((name: string) => `${name}: stride 1: the size stays`, (name) => `${name}：步幅 1：尺寸不变`),
  why: bi('Dilation keeps the receptive field growing without shrinking the map, so the segmentation head sees fine detail; the cost is more compute in layer3 and layer4.',
    '膨胀卷积让感受野继续增大而特征图不再缩小，分割头因此能看到更细的细节；代价是 layer3、layer4 的计算量变大。'),
};

const FLAGS: Record<OutputStride, string> = { 32: '[False, False, False]', 16: '[False, False, True]', 8: '[False, True, True]' };

/** Sizes through conv1, maxpool and layer1–4 of a square input. */
export function backbone(input: number, outputStride: OutputStride): BackboneResult {
  if (!(Number.isInteger(input) && input >= 32)) throw new InputError('input', M.input(input));
  const stages: BackboneStage[] = [];
  let n = input;
  n = convOutSize({ n, k: 7, s: 2, p: 3, d: 1 }).out;
  stages.push({ name: 'conv1', op: { k: 7, s: 2, p: 3, pool: false }, dilation: 1, size: n });
  n = poolOutSize({ n, k: 3, s: 2, p: 1, d: 1, ceil: false }).out;
  stages.push({ name: 'maxpool', op: { k: 3, s: 2, p: 1, pool: true }, dilation: 1, size: n });
  stages.push({ name: 'layer1', op: null, dilation: 1, size: n });
  n = convOutSize({ n, k: 3, s: 2, p: 1, d: 1 }).out;
  stages.push({ name: 'layer2', op: { k: 3, s: 2, p: 1, pool: false }, dilation: 1, size: n });
  const dilate3 = outputStride === 8;
  const dilate4 = outputStride !== 32;
  if (!dilate3) n = convOutSize({ n, k: 3, s: 2, p: 1, d: 1 }).out;
  stages.push({ name: 'layer3', op: dilate3 ? null : { k: 3, s: 2, p: 1, pool: false }, dilation: dilate3 ? 2 : 1, size: n });
  if (!dilate4) n = convOutSize({ n, k: 3, s: 2, p: 1, d: 1 }).out;
  stages.push({ name: 'layer4', op: dilate4 ? null : { k: 3, s: 2, p: 1, pool: false }, dilation: dilate4 ? (dilate3 ? 4 : 2) : 1, size: n });
  return { input, outputStride, stages, size: n };
}

export function explainBackbone(r: BackboneResult): Worked {
  const wb = new WorkedBuilder(M.title(r.outputStride));
  wb.note(M.flags(r.outputStride));
  let prev = r.input;
  for (const st of r.stages) {
    if (st.op) {
      wb.step(`${st.name} ${st.op.k}×${st.op.k} s${st.op.s} p${st.op.p}: ⌊(${prev} + 2·${st.op.p} − ${st.op.k})/${st.op.s}⌋ + 1 = ${st.size}`);
    } else {
      wb.step(st.dilation > 1 ? M.same(st.name, st.dilation) : M.unchanged(st.name));
    }
    prev = st.size;
  }
  wb.result(`${r.size}×${r.size}  (${r.input}/${r.outputStride} → ${r.size})`);
  if (r.outputStride !== 32) wb.note(M.why);
  return wb.build();
}
