/**
 * What the exam asks about each classic network: when, by whom, how deep,
 * and what it introduced. Facts about the papers are written here; every
 * figure (parameters, MACs, depth, receptive field, comparisons) is
 * computed from the zoo's summaries through Figures.
 */
import { fmtInt, fmtSI } from '../format';
import { bi, tr, type Text } from '../text';
import { cs231nTable } from './cs231n';
import { bottleneckArgument, Figures, inceptionBottleneck, separableArgument, stackArgument } from './figures';
import { findNet, type Family } from './zoo/index';

export interface ClassicIdea {
  title: Text;
  text: Text;
}

export interface ClassicNet {
  family: Family;
  title: Text;
  /** Names `dlnotes net` accepts besides the family and its zoo models. */
  aliases: string[];
  year: number;
  authors: string;
  paper: string;
  /** Its ILSVRC result. */
  result: Text;
  /** Zoo models of the family, the representative first. */
  models: string[];
  ideas: (f: Figures) => ClassicIdea[];
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
/** a/b to one decimal: "8.8" (English writes "8.8× fewer", Chinese "1/8.8"). */
const ratio = (a: number, b: number) => (a / b).toFixed(1);
const isConv = (r: { kind: string }) => r.kind === 'conv';
const isFc = (r: { kind: string }) => r.kind === 'fc';
const idea = (title: Text, text: Text): ClassicIdea => ({ title, text });

export const CLASSICS: ClassicNet[] = [
  {
    family: 'alexnet', title: 'AlexNet', aliases: [], year: 2012,
    authors: 'Krizhevsky, Sutskever, Hinton', paper: 'ImageNet Classification with Deep Convolutional Neural Networks (NeurIPS 2012)',
    result: bi('ILSVRC 2012 winner: 15.3% top-5 error, against 26.2% for the runner-up', 'ILSVRC 2012 冠军：top-5 错误率 15.3%，第二名为 26.2%'), models: ['alexnet'],
    ideas: (f) => {
      const s = f.of('alexnet');
      const fc = f.total('alexnet', isFc, 'params');
      const convMacs = f.total('alexnet', isConv, 'macs');
      return [
        idea('ReLU', bi('max(0, x) instead of tanh or sigmoid: it does not saturate, so training was several times faster (6× fewer epochs to 25% CIFAR-10 error in the paper).',
          '用 max(0, x) 代替 tanh 或 sigmoid：不会饱和，训练快了好几倍（论文中在 CIFAR-10 上达到 25% 错误率所需的 epoch 少 6 倍）。')),
        idea('Dropout', bi(`p = 0.5 in the first two fully connected layers, against overfitting: the FC layers hold ${fmtSI(fc)} of the ${fmtSI(s.totals.params)} parameters (${pct(fc, s.totals.params)}).`,
          `前两个全连接层用 p = 0.5 的 Dropout 防止过拟合：全连接层占了 ${fmtSI(s.totals.params)} 个参数中的 ${fmtSI(fc)}（${pct(fc, s.totals.params)}）。`)),
        idea(bi('Two GPUs', '两块 GPU'), bi('Trained on two GTX 580s (3 GB each) for 5-6 days, half of the kernels on each, exchanging activations only at some layers (torchvision\'s single-GPU variant has no split).',
          '在两块 GTX 580（各 3 GB）上训练 5～6 天，每块 GPU 上放一半的卷积核，只在部分层之间交换激活值（torchvision 的单 GPU 版本没有这种拆分）。')),
        idea(bi('Local response normalisation (LRN)', '局部响应归一化（LRN）'), bi('Normalises each activation by its neighbours across channels, after conv1 and conv2. Later nets dropped it (VGG found no gain); torchvision\'s variant has none.',
          '在 conv1 和 conv2 之后，用相邻通道的激活值对每个激活值做归一化。后来的网络不再使用它（VGG 发现没有收益）；torchvision 的版本也没有。')),
        idea(bi('Overlapping pooling', '重叠池化'), bi('3×3 max pooling with stride 2, so windows overlap: slightly lower error than 2×2 stride 2 (top-1 −0.4%, top-5 −0.3%) and a little less overfitting.',
          '步幅为 2 的 3×3 最大池化，窗口相互重叠：错误率比步幅为 2 的 2×2 池化略低（top-1 −0.4%，top-5 −0.3%），过拟合也稍轻。')),
        idea(bi('Data augmentation', '数据增强'), bi('Random 224×224 crops and horizontal flips of the 256×256 images, and PCA colour jitter: without it the 60M parameters overfit badly.',
          '从 256×256 的图像中随机裁剪 224×224 并水平翻转，再加上 PCA 颜色扰动：没有它，6000 万个参数会严重过拟合。')),
        idea(bi('Where the cost is', '计算量和参数在哪里'), bi(`The 5 convs do ${pct(convMacs, s.totals.macs)} of the ${fmtSI(s.totals.macs)} MACs; the 3 FC layers hold ${pct(fc, s.totals.params)} of the parameters.`,
          `5 个卷积层完成了 ${fmtSI(s.totals.macs)} MACs 中的 ${pct(convMacs, s.totals.macs)}；3 个全连接层占了 ${pct(fc, s.totals.params)} 的参数。`)),
      ];
    },
  },
  {
    family: 'vgg', title: 'VGG', aliases: ['vggnet'], year: 2014,
    authors: 'Simonyan, Zisserman', paper: 'Very Deep Convolutional Networks for Large-Scale Image Recognition (ICLR 2015)',
    result: bi('ILSVRC 2014: 2nd in classification (7.3% top-5), 1st in localisation', 'ILSVRC 2014：分类第 2 名（top-5 错误率 7.3%），定位第 1 名'), models: ['vgg16', 'vgg11', 'vgg13', 'vgg19', 'vgg16_bn'],
    ideas: (f) => {
      const a = stackArgument(512);
      const t = cs231nTable(f.of('vgg16'));
      const bn = f.of('vgg16_bn').totals.params - f.of('vgg16').totals.params;
      return [
        idea(bi('One small pattern, repeated', '一个小模式，反复堆叠'), bi('Only 3×3 convs (stride 1, padding 1, so sizes are kept) and 2×2 max pools (stride 2, halving H and W); channels double after each pool, 64 → 512. Depth 11 to 19.',
          '只用 3×3 卷积（步幅 1，填充 1，尺寸不变）和 2×2 最大池化（步幅 2，H 和 W 减半）；每次池化后通道数翻倍，64 → 512。深度 11 到 19 层。')),
        idea(bi('Why stacks of 3×3', '为什么堆叠 3×3 卷积'), bi(`Three 3×3 convs see ${a.rf3}×${a.rf3} like one 7×7 conv (two see ${a.rf2}×${a.rf2} like one 5×5), with ${a.three.stackCoeff}C² weights instead of ${a.three.singleCoeff}C² (C = 512: ${fmtInt(a.three.stackWeights)} vs ${fmtInt(a.three.singleWeights)}; two 3×3: ${a.two.stackCoeff}C² vs ${a.two.singleCoeff}C²), and ${a.three.stackNonlinearities} ReLUs instead of 1: more non-linearity, a more discriminative function.`,
          `三个 3×3 卷积的感受野是 ${a.rf3}×${a.rf3}，与一个 7×7 卷积相同（两个是 ${a.rf2}×${a.rf2}，与一个 5×5 相同），但权重是 ${a.three.stackCoeff}C² 而不是 ${a.three.singleCoeff}C²（C = 512：${fmtInt(a.three.stackWeights)} vs ${fmtInt(a.three.singleWeights)}；两个 3×3：${a.two.stackCoeff}C² vs ${a.two.singleCoeff}C²），而且有 ${a.three.stackNonlinearities} 个 ReLU 而不是 1 个：非线性更多，函数的判别能力更强。`)),
        idea(bi('No LRN', '不用 LRN'), bi('LRN did not improve accuracy and costs memory and time, so VGG dropped it.', 'LRN 不能提高准确率，还耗费显存和时间，所以 VGG 去掉了它。')),
        idea(bi('Memory early, parameters late', '显存在前，参数在后'), bi(`VGG-16: the first two convs output ${pct(t.earlyConvMemory, t.memory)} of the activations of one image, while the FC layers hold ${pct(t.fcParams, t.params)} of the weights (the first FC alone ${fmtSI(t.fc1Params)}). See: dlnotes summary vgg16 --cs231n.`,
          `VGG-16：一张图像的激活值有 ${pct(t.earlyConvMemory, t.memory)} 是前两个卷积层输出的，而全连接层占了 ${pct(t.fcParams, t.params)} 的权重（仅第一个全连接层就有 ${fmtSI(t.fc1Params)}）。见：dlnotes summary vgg16 --cs231n`)),
        idea(bi('Deeper is better, up to a point', '越深越好，但有限度'), bi('Accuracy grew from 11 to 16 layers; 19 added little. Trained like AlexNet; the deeper configurations were initialised from shallower ones.',
          '从 11 层到 16 层准确率持续提高；19 层提升很少。训练方法与 AlexNet 相同；较深的配置用较浅配置的权重初始化。')),
        idea(bi('BatchNorm versions', '带 BatchNorm 的版本'), bi(`torchvision's vgg16_bn (a later addition) puts BN after every conv: +${fmtInt(bn)} parameters, the same MACs as counted here.`,
          `torchvision 的 vgg16_bn（后来才加入）在每个卷积层后加 BN：参数多 ${fmtInt(bn)} 个，按这里的算法 MACs 不变。`)),
      ];
    },
  },
  {
    family: 'googlenet', title: 'GoogLeNet (Inception v1)', aliases: ['inception', 'inceptionv1', 'inception_v1'], year: 2014,
    authors: 'Szegedy et al.', paper: 'Going Deeper with Convolutions (CVPR 2015)',
    result: bi('ILSVRC 2014 winner: 6.67% top-5 error', 'ILSVRC 2014 冠军：top-5 错误率 6.67%'), models: ['googlenet'],
    ideas: (f) => {
      const g = f.of('googlenet');
      const cat = g.rows.find((r) => r.name === 'inception3a.cat')!;
      // The concat row's detail starts with its branches' channels: "64+128+32+32 channels".
      const branches = /^[\d+]+/.exec(tr(cat.detail, 'en'))![0];
      const { reduced, naive } = inceptionBottleneck();
      const gFc = f.total('googlenet', isFc, 'params');
      const vggFc = f.total('vgg16', isFc, 'params');
      const vsAlex = ratio(f.of('alexnet').totals.params, g.totals.params);
      const vsVgg = ratio(f.of('vgg16').totals.macs, g.totals.macs);
      const naiveCost = ratio(naive.totals.macs, reduced.totals.macs);
      return [
        idea(bi('Inception module', 'Inception 模块'), bi(`Parallel 1×1, 3×3 and 5×5 convs and a 3×3 max pool on the same input, concatenated along channels, so each layer mixes scales: inception3a turns 192 channels into ${branches} = ${cat.output.c}.`,
          `对同一输入并行做 1×1、3×3、5×5 卷积和 3×3 最大池化，再沿通道拼接，每一层都融合多种尺度：inception3a 把 192 个通道变成 ${branches} = ${cat.output.c} 个。`)),
        idea(bi('1×1 bottlenecks', '1×1 瓶颈'), bi(`1×1 convs cut the channels before the 3×3 and 5×5 convs and after the pool. Inception 3a as in the paper costs ${fmtSI(reduced.totals.macs)} MACs; without the reductions it would cost ${fmtSI(naive.totals.macs)} (${naiveCost}×) and, with the pool passing all 192 channels, output ${naive.output.c} channels instead of ${reduced.output.c}.`,
          `在 3×3、5×5 卷积之前和池化之后用 1×1 卷积减少通道数。论文中的 Inception 3a 计算量为 ${fmtSI(reduced.totals.macs)} MACs；不做降维则为 ${fmtSI(naive.totals.macs)}（${naiveCost} 倍），而且池化分支会把 192 个通道全部传下去，输出 ${naive.output.c} 个通道而不是 ${reduced.output.c} 个。`)),
        idea(bi('Global average pooling, no big FC', '全局平均池化，没有大的全连接层'), bi(`The 1024×7×7 features are averaged to 1024 values, so the one FC layer has ${fmtInt(gFc)} parameters against ${fmtSI(vggFc)} in VGG-16's three. The whole net: ${fmtSI(g.totals.params)} parameters, ${vsAlex}× fewer than AlexNet (the paper, without BN: about 5M, 12× fewer).`,
          `1024×7×7 的特征被平均成 1024 个值，所以唯一的全连接层只有 ${fmtInt(gFc)} 个参数，而 VGG-16 的三个全连接层有 ${fmtSI(vggFc)}。整个网络：${fmtSI(g.totals.params)} 个参数，只有 AlexNet 的 1/${vsAlex}（论文中不带 BN：约 500 万，是 1/12）。`)),
        idea(bi('Auxiliary classifiers', '辅助分类器'), bi('Two side heads on inception 4a and 4d (average pool, 1×1 conv, FC, softmax) add their loss with weight 0.3, pushing gradient into the middle of the net; they are dropped at test time (and absent here, as in torchvision\'s pretrained model).',
          '在 inception 4a 和 4d 上接两个旁路输出头（平均池化、1×1 卷积、全连接、softmax），以 0.3 的权重加入损失，把梯度送进网络中部；测试时去掉（这里也没有，与 torchvision 的预训练模型一致）。')),
        idea(bi('22 layers', '22 层'), bi(`${g.totals.depth} weight layers on the longest path (each Inception adds 2), ${fmtSI(g.totals.macs)} MACs: deeper than VGG-16 with ${vsVgg}× less compute.`,
          `最长路径上有 ${g.totals.depth} 个权重层（每个 Inception 模块贡献 2 层），${fmtSI(g.totals.macs)} MACs：比 VGG-16 更深，计算量却只有它的 1/${vsVgg}。`)),
      ];
    },
  },
  {
    family: 'resnet', title: 'ResNet', aliases: ['residual'], year: 2015,
    authors: 'He, Zhang, Ren, Sun', paper: 'Deep Residual Learning for Image Recognition (CVPR 2016)',
    result: bi('ILSVRC 2015 winner: 3.57% top-5 error (also 1st in COCO detection and segmentation)', 'ILSVRC 2015 冠军：top-5 错误率 3.57%（同时获得 COCO 检测和分割第 1 名）'), models: ['resnet50', 'resnet18', 'resnet34', 'resnet101', 'resnet152'],
    ideas: (f) => {
      const r50 = f.of('resnet50');
      const proj = f.rows('resnet50', (r) => r.name.includes('.downsample.'));
      const bnCount = f.rows('resnet50', (r) => r.kind === 'bn').length;
      const arg = bottleneckArgument();
      const r152 = f.of('resnet152');
      const vgg = f.of('vgg16');
      const projConvs = proj.filter(isConv).length;
      const projParams = fmtInt(proj.reduce((t, r) => t + r.params, 0));
      const finalChannels = r50.rows.find((r) => r.name === 'avgpool')!.input.c;
      return [
        idea(bi('The degradation problem', '退化问题'), bi('Plain nets got worse as they got deeper: a 56-layer plain net had higher training error than a 20-layer one. Not overfitting (the training error rose) but an optimisation difficulty.',
          '普通网络越深效果越差：56 层的普通网络训练误差比 20 层的还高。这不是过拟合（训练误差也升高了），而是优化困难。')),
        idea(bi('Residual connections', '残差连接'), bi(`A block learns F(x) and outputs F(x) + x: the identity is easy to learn (F = 0) and the gradient reaches early layers through the + unchanged. Identity shortcuts add no parameters; where the shape changes a projection (1×1 conv, stride 2, + BN) is used: ResNet-50 has ${projConvs}, with ${projParams} parameters.`,
          `一个块学习 F(x)，输出 F(x) + x：恒等映射很容易学到（F = 0），梯度经过加号原样传到前面的层。恒等捷径不增加参数；形状改变处用投影捷径（1×1 卷积，步幅 2，加 BN）：ResNet-50 有 ${projConvs} 个，共 ${projParams} 个参数。`)),
        idea(bi('Bottleneck blocks', '瓶颈块'), bi(`ResNet-50/101/152 use 1×1 (256 → 64), 3×3 (64 → 64), 1×1 (64 → 256): ${fmtInt(arg.bottleneck)} weights, against ${fmtInt(arg.basic)} for two 3×3 convs at 256 channels (${ratio(arg.basic, arg.bottleneck)}× fewer), so depth is cheap.`,
          `ResNet-50/101/152 使用 1×1（256 → 64）、3×3（64 → 64）、1×1（64 → 256）：${fmtInt(arg.bottleneck)} 个权重，而两个 256 通道的 3×3 卷积需要 ${fmtInt(arg.basic)} 个（是它的 ${ratio(arg.basic, arg.bottleneck)} 倍），所以加深的代价很小。`)),
        idea(bi('BatchNorm everywhere', '处处 BatchNorm'), bi(`BN after every conv (${bnCount} BN layers in ResNet-50), before the ReLU; the convs have no bias since BN's β takes its place.`,
          `每个卷积层后都有 BN（ResNet-50 中有 ${bnCount} 个 BN 层），在 ReLU 之前；卷积层不带偏置，因为 BN 的 β 代替了它。`)),
        idea(bi('Global average pooling', '全局平均池化'), bi(`No big FC: the ${finalChannels} final channels are averaged, then one FC to 1000 classes.`,
          `没有大的全连接层：最后 ${finalChannels} 个通道各自求平均，再接一个输出 1000 类的全连接层。`)),
        idea(bi('Deep and cheap', '又深又省'), bi(`ResNet-152: ${r152.totals.depth} layers, ${fmtSI(r152.totals.macs)} MACs and ${fmtSI(r152.totals.params)} parameters, against VGG-16's ${fmtSI(vgg.totals.macs)} MACs and ${fmtSI(vgg.totals.params)} parameters.`,
          `ResNet-152：${r152.totals.depth} 层，${fmtSI(r152.totals.macs)} MACs，${fmtSI(r152.totals.params)} 个参数；VGG-16 是 ${fmtSI(vgg.totals.macs)} MACs，${fmtSI(vgg.totals.params)} 个参数。`)),
      ];
    },
  },
  {
    family: 'mobilenet_v2', title: 'MobileNetV2', aliases: ['mobilenet', 'mobilenetv2'], year: 2018,
    authors: 'Sandler, Howard, Zhu, Zhmoginov, Chen', paper: 'MobileNetV2: Inverted Residuals and Linear Bottlenecks (CVPR 2018)',
    result: bi('not an ILSVRC entry: 72.0% top-1 on ImageNet at 300M MACs, for phones', '没有参加 ILSVRC：在 ImageNet 上 top-1 准确率 72.0%，计算量 300M MACs，面向手机'), models: ['mobilenet_v2'],
    ideas: (f) => {
      const m = f.of('mobilenet_v2');
      const sep = separableArgument();
      const withShortcut = m.blocks.filter((b) => b.kind === 'residual').length;
      const r50 = f.of('resnet50');
      const sepSum = `${fmtInt(sep.depthwise.weights)} + ${fmtInt(sep.pointwise.weights)} = ${fmtInt(sep.separable)}`;
      return [
        idea(bi('Depthwise separable convolutions', '深度可分离卷积'), bi(`A 3×3 conv splits into a depthwise 3×3 (one filter per channel, groups = C) and a 1×1 pointwise conv mixing channels. From 144 to 24 channels: ${sepSum} weights against ${fmtInt(sep.standard)} (ratio ${sep.ratio.toFixed(3)} = 1/K + 1/F² = 1/24 + 1/9).`,
          `把 3×3 卷积拆成深度 3×3 卷积（每个通道一个滤波器，groups = C）和混合通道的 1×1 逐点卷积。从 144 到 24 个通道：${sepSum} 个权重，标准卷积是 ${fmtInt(sep.standard)} 个（比值 ${sep.ratio.toFixed(3)} = 1/K + 1/F² = 1/24 + 1/9）。`)),
        idea(bi('Inverted residuals', '倒残差'), bi(`Each block expands a narrow tensor ×6 with a 1×1 conv, filters it depthwise, and projects it back with a 1×1 conv; the shortcut joins the narrow ends (the reverse of ResNet's bottleneck). ${withShortcut} of its 17 blocks have one: those with stride 1 and the same width.`,
          `每个块先用 1×1 卷积把窄的张量扩展 6 倍，再做深度卷积，最后用 1×1 卷积投影回去；捷径连接两端窄的张量（与 ResNet 的瓶颈块相反）。17 个块中有 ${withShortcut} 个带捷径：步幅为 1 且宽度不变的那些。`)),
        idea(bi('Linear bottlenecks', '线性瓶颈'), bi('No activation after the projection: a ReLU on a low-dimensional tensor destroys information. ReLU6 elsewhere (it stays well-behaved in low precision).',
          '投影之后不加激活函数：在低维张量上做 ReLU 会丢失信息。其他地方用 ReLU6（它在低精度下表现稳定）。')),
        idea(bi('Small and cheap', '小而省'), bi(`${fmtSI(m.totals.macs)} MACs and ${fmtSI(m.totals.params)} parameters: ${ratio(r50.totals.macs, m.totals.macs)}× fewer MACs than ResNet-50; a width multiplier scales it further.`,
          `${fmtSI(m.totals.macs)} MACs，${fmtSI(m.totals.params)} 个参数：MACs 只有 ResNet-50 的 1/${ratio(r50.totals.macs, m.totals.macs)}；宽度系数还能进一步缩小它。`)),
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
