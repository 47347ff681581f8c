/**
 * What the exam asks about each classic network: when, by whom, how deep,
 * and what it introduced. Facts about the papers are written here; every
 * figure (parameters, MACs, depth, receptive field, comparisons) is
 * computed from the zoo's summaries through Figures.
 */
import { fmtInt, fmtSI } from '../format';
import { cs231nTable } from './cs231n';
import { bottleneckArgument, Figures, inceptionBottleneck, separableArgument, stackArgument } from './figures';
import { findNet, type Family } from './zoo/index';

export interface ClassicIdea {
  title: string;
  text: string;
}

export interface ClassicNet {
  family: Family;
  title: string;
  /** Names `dlnotes net` accepts besides the family and its zoo models. */
  aliases: string[];
  year: number;
  authors: string;
  paper: string;
  /** Its ILSVRC result. */
  result: string;
  /** Zoo models of the family, the representative first. */
  models: string[];
  ideas: (f: Figures) => ClassicIdea[];
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const isConv = (r: { kind: string }) => r.kind === 'conv';
const isFc = (r: { kind: string }) => r.kind === 'fc';

export const CLASSICS: ClassicNet[] = [
  {
    family: 'alexnet', title: 'AlexNet', aliases: [], year: 2012,
    authors: 'Krizhevsky, Sutskever, Hinton', paper: 'ImageNet Classification with Deep Convolutional Neural Networks (NeurIPS 2012)',
    result: 'ILSVRC 2012 winner: 15.3% top-5 error, against 26.2% for the runner-up', models: ['alexnet'],
    ideas: (f) => {
      const s = f.of('alexnet');
      const fc = f.total('alexnet', isFc, 'params');
      const convMacs = f.total('alexnet', isConv, 'macs');
      return [
        { title: 'ReLU', text: 'max(0, x) instead of tanh or sigmoid: it does not saturate, so training was several times faster (6× fewer epochs to 25% CIFAR-10 error in the paper).' },
        { title: 'Dropout', text: `p = 0.5 in the first two fully connected layers, against overfitting: the FC layers hold ${fmtSI(fc)} of the ${fmtSI(s.totals.params)} parameters (${pct(fc, s.totals.params)}).` },
        { title: 'Two GPUs', text: 'Trained on two GTX 580s (3 GB each) for 5-6 days, half of the kernels on each, exchanging activations only at some layers (torchvision\'s single-GPU variant has no split).' },
        { title: 'Local response normalisation (LRN)', text: 'Normalises each activation by its neighbours across channels, after conv1 and conv2. Later nets dropped it (VGG found no gain); torchvision\'s variant has none.' },
        { title: 'Overlapping pooling', text: '3×3 max pooling with stride 2, so windows overlap: slightly lower error than 2×2 stride 2 (top-1 −0.4%, top-5 −0.3%) and a little less overfitting.' },
        { title: 'Data augmentation', text: 'Random 224×224 crops and horizontal flips of the 256×256 images, and PCA colour jitter: without it the 60M parameters overfit badly.' },
        { title: 'Where the cost is', text: `The 5 convs do ${pct(convMacs, s.totals.macs)} of the ${fmtSI(s.totals.macs)} MACs; the 3 FC layers hold ${pct(fc, s.totals.params)} of the parameters.` },
      ];
    },
  },
  {
    family: 'vgg', title: 'VGG', aliases: ['vggnet'], year: 2014,
    authors: 'Simonyan, Zisserman', paper: 'Very Deep Convolutional Networks for Large-Scale Image Recognition (ICLR 2015)',
    result: 'ILSVRC 2014: 2nd in classification (7.3% top-5), 1st in localisation', models: ['vgg16', 'vgg11', 'vgg13', 'vgg19', 'vgg16_bn'],
    ideas: (f) => {
      const a = stackArgument(512);
      const t = cs231nTable(f.of('vgg16'));
      const bn = f.of('vgg16_bn').totals.params - f.of('vgg16').totals.params;
      return [
        { title: 'One small pattern, repeated', text: 'Only 3×3 convs (stride 1, padding 1, so sizes are kept) and 2×2 max pools (stride 2, halving H and W); channels double after each pool, 64 → 512. Depth 11 to 19.' },
        { title: 'Why stacks of 3×3', text: `Three 3×3 convs see ${a.rf3}×${a.rf3} like one 7×7 conv (two see ${a.rf2}×${a.rf2} like one 5×5), with ${a.three.stackCoeff}C² weights instead of ${a.three.singleCoeff}C² (C = 512: ${fmtInt(a.three.stackWeights)} vs ${fmtInt(a.three.singleWeights)}; two 3×3: ${a.two.stackCoeff}C² vs ${a.two.singleCoeff}C²), and ${a.three.stackNonlinearities} ReLUs instead of 1: more non-linearity, a more discriminative function.` },
        { title: 'No LRN', text: 'LRN did not improve accuracy and costs memory and time, so VGG dropped it.' },
        { title: 'Memory early, parameters late', text: `VGG-16: the first two convs output ${pct(t.earlyConvMemory, t.memory)} of the activations of one image, while the FC layers hold ${pct(t.fcParams, t.params)} of the weights (the first FC alone ${fmtSI(t.fc1Params)}). See: dlnotes summary vgg16 --cs231n.` },
        { title: 'Deeper is better, up to a point', text: 'Accuracy grew from 11 to 16 layers; 19 added little. Trained like AlexNet; the deeper configurations were initialised from shallower ones.' },
        { title: 'BatchNorm versions', text: `torchvision's vgg16_bn (a later addition) puts BN after every conv: +${fmtInt(bn)} parameters, the same MACs as counted here.` },
      ];
    },
  },
  {
    family: 'googlenet', title: 'GoogLeNet (Inception v1)', aliases: ['inception', 'inceptionv1', 'inception_v1'], year: 2014,
    authors: 'Szegedy et al.', paper: 'Going Deeper with Convolutions (CVPR 2015)',
    result: 'ILSVRC 2014 winner: 6.67% top-5 error', models: ['googlenet'],
    ideas: (f) => {
      const g = f.of('googlenet');
      const cat = g.rows.find((r) => r.name === 'inception3a.cat')!;
      const { reduced, naive } = inceptionBottleneck();
      const gFc = f.total('googlenet', isFc, 'params');
      const vggFc = f.total('vgg16', isFc, 'params');
      return [
        { title: 'Inception module', text: `Parallel 1×1, 3×3 and 5×5 convs and a 3×3 max pool on the same input, concatenated along channels, so each layer mixes scales: inception3a turns 192 channels into ${cat.detail.replace(' channels', '')} = ${cat.output.c}.` },
        { title: '1×1 bottlenecks', text: `1×1 convs cut the channels before the 3×3 and 5×5 convs and after the pool. Inception 3a as in the paper costs ${fmtSI(reduced.totals.macs)} MACs; without the reductions it would cost ${fmtSI(naive.totals.macs)} (${times(naive.totals.macs, reduced.totals.macs)}) and, with the pool passing all 192 channels, output ${naive.output.c} channels instead of ${reduced.output.c}.` },
        { title: 'Global average pooling, no big FC', text: `The 1024×7×7 features are averaged to 1024 values, so the one FC layer has ${fmtInt(gFc)} parameters against ${fmtSI(vggFc)} in VGG-16's three. The whole net: ${fmtSI(g.totals.params)} parameters, ${times(f.of('alexnet').totals.params, g.totals.params)} fewer than AlexNet (the paper, without BN: about 5M, 12× fewer).` },
        { title: 'Auxiliary classifiers', text: 'Two side heads on inception 4a and 4d (average pool, 1×1 conv, FC, softmax) add their loss with weight 0.3, pushing gradient into the middle of the net; they are dropped at test time (and absent here, as in torchvision\'s pretrained model).' },
        { title: '22 layers', text: `${g.totals.depth} weight layers on the longest path (each Inception adds 2), ${fmtSI(g.totals.macs)} MACs: deeper than VGG-16 with ${times(f.of('vgg16').totals.macs, g.totals.macs)} less compute.` },
      ];
    },
  },
  {
    family: 'resnet', title: 'ResNet', aliases: ['residual'], year: 2015,
    authors: 'He, Zhang, Ren, Sun', paper: 'Deep Residual Learning for Image Recognition (CVPR 2016)',
    result: 'ILSVRC 2015 winner: 3.57% top-5 error (also 1st in COCO detection and segmentation)', models: ['resnet50', 'resnet18', 'resnet34', 'resnet101', 'resnet152'],
    ideas: (f) => {
      const r50 = f.of('resnet50');
      const proj = f.rows('resnet50', (r) => r.name.includes('.downsample.'));
      const bnCount = f.rows('resnet50', (r) => r.kind === 'bn').length;
      const arg = bottleneckArgument();
      const r152 = f.of('resnet152');
      const vgg = f.of('vgg16');
      return [
        { title: 'The degradation problem', text: 'Plain nets got worse as they got deeper: a 56-layer plain net had higher training error than a 20-layer one. Not overfitting (the training error rose) but an optimisation difficulty.' },
        { title: 'Residual connections', text: `A block learns F(x) and outputs F(x) + x: the identity is easy to learn (F = 0) and the gradient reaches early layers through the + unchanged. Identity shortcuts add no parameters; where the shape changes a projection (1×1 conv, stride 2, + BN) is used: ResNet-50 has ${proj.filter(isConv).length}, with ${fmtInt(proj.reduce((t, r) => t + r.params, 0))} parameters.` },
        { title: 'Bottleneck blocks', text: `ResNet-50/101/152 use 1×1 (256 → 64), 3×3 (64 → 64), 1×1 (64 → 256): ${fmtInt(arg.bottleneck)} weights, against ${fmtInt(arg.basic)} for two 3×3 convs at 256 channels (${times(arg.basic, arg.bottleneck)} fewer), so depth is cheap.` },
        { title: 'BatchNorm everywhere', text: `BN after every conv (${bnCount} BN layers in ResNet-50), before the ReLU; the convs have no bias since BN's β takes its place.` },
        { title: 'Global average pooling', text: `No big FC: the ${r50.rows.find((r) => r.name === 'avgpool')!.input.c} final channels are averaged, then one FC to 1000 classes.` },
        { title: 'Deep and cheap', text: `ResNet-152: ${r152.totals.depth} layers, ${fmtSI(r152.totals.macs)} MACs and ${fmtSI(r152.totals.params)} parameters, against VGG-16's ${fmtSI(vgg.totals.macs)} MACs and ${fmtSI(vgg.totals.params)} parameters.` },
      ];
    },
  },
  {
    family: 'mobilenet_v2', title: 'MobileNetV2', aliases: ['mobilenet', 'mobilenetv2'], year: 2018,
    authors: 'Sandler, Howard, Zhu, Zhmoginov, Chen', paper: 'MobileNetV2: Inverted Residuals and Linear Bottlenecks (CVPR 2018)',
    result: 'not an ILSVRC entry: 72.0% top-1 on ImageNet at 300M MACs, for phones', models: ['mobilenet_v2'],
    ideas: (f) => {
      const m = f.of('mobilenet_v2');
      const sep = separableArgument();
      const withShortcut = m.blocks.filter((b) => b.kind === 'residual').length;
      const r50 = f.of('resnet50');
      return [
        { title: 'Depthwise separable convolutions', text: `A 3×3 conv splits into a depthwise 3×3 (one filter per channel, groups = C) and a 1×1 pointwise conv mixing channels. From 144 to 24 channels: ${fmtInt(sep.depthwise.weights)} + ${fmtInt(sep.pointwise.weights)} = ${fmtInt(sep.separable)} weights against ${fmtInt(sep.standard)} (ratio ${sep.ratio.toFixed(3)} = 1/K + 1/F² = 1/24 + 1/9).` },
        { title: 'Inverted residuals', text: `Each block expands a narrow tensor ×6 with a 1×1 conv, filters it depthwise, and projects it back with a 1×1 conv; the shortcut joins the narrow ends (the reverse of ResNet's bottleneck). ${withShortcut} of its 17 blocks have one: those with stride 1 and the same width.` },
        { title: 'Linear bottlenecks', text: 'No activation after the projection: a ReLU on a low-dimensional tensor destroys information. ReLU6 elsewhere (it stays well-behaved in low precision).' },
        { title: 'Small and cheap', text: `${fmtSI(m.totals.macs)} MACs and ${fmtSI(m.totals.params)} parameters: ${times(r50.totals.macs, m.totals.macs)} fewer MACs than ResNet-50; a width multiplier scales it further.` },
      ];
    },
  },
];

function key(name: string): string {
  return name.trim().toLowerCase().replace(/[-_\s]/g, '');
}

/** Finds a classic by family ("vgg"), alias ("inception") or zoo model ("vgg16_bn"). */
export function findClassic(name: string): { classic: ClassicNet; model?: string } | undefined {
  const k = key(name);
  const direct = CLASSICS.find((c) => key(c.family) === k || c.aliases.some((a) => key(a) === k));
  if (direct) return { classic: direct };
  const entry = findNet(name);
  const byModel = entry && CLASSICS.find((c) => c.family === entry.family);
  return byModel ? { classic: byModel, model: entry.name } : undefined;
}

export interface ModelFigures {
  name: string;
  depth: number;
  params: number;
  macs: number;
  /** Receptive field and jump of the features (before global pooling). */
  rf: number | null;
  jump: number | null;
}

export interface ClassicReport {
  classic: Omit<ClassicNet, 'ideas'>;
  /** The model asked for (or the family's representative). */
  model: string;
  models: ModelFigures[];
  ideas: ClassicIdea[];
}

/** The facts and the computed figures of one classic network. */
export function classicReport(classic: ClassicNet, model = classic.models[0]!, f = new Figures()): ClassicReport {
  const { ideas, ...facts } = classic;
  const names = [model, ...classic.models.filter((m) => m !== model)];
  const models = names.map((name) => {
    const s = f.of(name);
    return { name, depth: s.totals.depth, params: s.totals.params, macs: s.totals.macs, rf: s.featureRf?.h.rf ?? null, jump: s.featureRf?.h.jump ?? null };
  });
  return { classic: facts, model, models, ideas: ideas(f) };
}
