/**
 * The model zoo: classic networks written in the spec format by cheap
 * TypeScript builders (no YAML parsing at startup), faithful to
 * torchvision's definitions so parameter counts and MACs match its
 * published figures.
 */
import type { NetSpec } from '../../spec';
import { bi, type Text } from '../../text';
import { alexnet } from './alexnet';
import { googlenet } from './googlenet';
import { mobilenetV2 } from './mobilenetv2';
import { resnet } from './resnet';
import { deeplabv3Resnet50, fcnResnet50 } from './segmentation';
import { lstmLm, transformerBase } from './transformer';
import { vgg } from './vgg';
import { vit, VIT_B_16 } from './vit';

export type Family = 'alexnet' | 'vgg' | 'googlenet' | 'resnet' | 'mobilenet_v2' | 'fcn' | 'deeplab' | 'vit' | 'transformer' | 'lstm';

export interface ZooEntry {
  /** torchvision's builder name: vgg16_bn, resnet50, mobilenet_v2. */
  name: string;
  title: Text;
  family: Family;
  build: () => NetSpec;
  /** What differs from the paper or from torchvision's full module, said up front. */
  caveat?: Text;
}

const entries: ZooEntry[] = [
  {
    name: 'alexnet', title: 'AlexNet', family: 'alexnet', build: alexnet,
    caveat: bi("torchvision's variant (\"One weird trick\", 2014): 64 conv1 filters, no LRN, no grouped convs", 'torchvision 的版本（"One weird trick"，2014）：conv1 有 64 个滤波器，没有 LRN，没有分组卷积'),
  },
  ...([11, 13, 16, 19] as const).flatMap((d) => [
    { name: `vgg${d}`, title: `VGG-${d}`, family: 'vgg' as const, build: () => vgg(d, false) },
    { name: `vgg${d}_bn`, title: bi(`VGG-${d} with BatchNorm`, `VGG-${d}（带 BatchNorm）`), family: 'vgg' as const, build: () => vgg(d, true) },
  ]),
  ...([18, 34, 50, 101, 152] as const).map((d) => ({ name: `resnet${d}`, title: `ResNet-${d}`, family: 'resnet' as const, build: () => resnet(d), ...(d >= 50 ? { caveat: bi('v1.5: the stride is on the 3×3 conv of the bottleneck', 'v1.5：步幅在瓶颈块的 3×3 卷积上') } : {}) })),
  {
    name: 'googlenet', title: 'GoogLeNet (Inception v1)', family: 'googlenet', build: googlenet,
    caveat: bi("without the two auxiliary classifiers (torchvision drops them from the pretrained model); BN after every conv; torchvision's \"5×5\" branch is a 3×3 conv",
      '不含两个辅助分类器（torchvision 的预训练模型去掉了它们）；每个卷积后都有 BN；torchvision 的 "5×5" 分支其实是 3×3 卷积'),
  },
  { name: 'mobilenet_v2', title: bi('MobileNetV2 (width 1.0)', 'MobileNetV2（宽度 1.0）'), family: 'mobilenet_v2', build: mobilenetV2 },
  {
    name: 'fcn_resnet50', title: bi('FCN (ResNet-50, output stride 8)', 'FCN（ResNet-50，输出步幅 8）'), family: 'fcn', build: fcnResnet50,
    caveat: bi('as the pretrained weights: 21 VOC classes, 520×520 input, with the auxiliary head on layer3 (aux_loss=True; used in training only)',
      '与预训练权重一致：21 个 VOC 类别，输入 520×520，layer3 上带辅助头（aux_loss=True；只在训练时使用）'),
  },
  {
    name: 'deeplabv3_resnet50', title: bi('DeepLabV3 (ResNet-50, output stride 8)', 'DeepLabV3（ResNet-50，输出步幅 8）'), family: 'deeplab', build: deeplabv3Resnet50,
    caveat: bi('as the pretrained weights: 21 VOC classes, 520×520 input, with the auxiliary FCN head on layer3 (aux_loss=True; used in training only)',
      '与预训练权重一致：21 个 VOC 类别，输入 520×520，layer3 上带辅助 FCN 头（aux_loss=True；只在训练时使用）'),
  },
  {
    name: 'vit_b_16', title: 'ViT-B/16', family: 'vit', build: () => vit(VIT_B_16),
    caveat: bi('each encoder block as two residual blocks, attn (ln_1, self_attention) and mlp (ln_2, MLP): torchvision names ln_1 and ln_2 directly under encoder_layer_i',
      '每个编码器块写成两个残差块：attn（ln_1、self_attention）和 mlp（ln_2、MLP）；torchvision 把 ln_1 和 ln_2 直接放在 encoder_layer_i 下'),
  },
  {
    name: 'transformer_base', title: bi('Transformer (base)', 'Transformer（base）'), family: 'transformer', build: transformerBase,
    caveat: bi('128 source and 128 target tokens (--input T); a shared 37,000-word vocabulary: one matrix for both embeddings and the output projection',
      '源序列和目标序列各 128 个词元（--input T）；共享 37,000 词的词表：两个词嵌入和输出投影共用一个矩阵'),
  },
  {
    name: 'lstm_lm', title: bi('LSTM language model (2×650)', 'LSTM 语言模型（2×650）'), family: 'lstm', build: lstmLm,
    caveat: bi("PyTorch's word_language_model at Zaremba et al.'s medium size: 10,000 words, 35 steps (--input T), untied",
      'PyTorch 的 word_language_model 示例，取 Zaremba 等人的 medium 规模：10,000 个词，35 个时间步（--input T），输入输出嵌入不共享'),
  },
];

export const ZOO: readonly ZooEntry[] = entries;

function key(name: string): string {
  return name.trim().toLowerCase().replace(/[-_\s]/g, '');
}

/** Looks a network up case-insensitively, with "-" or nothing accepted for "_" (vgg16-bn, VGG16BN, mobilenetv2). */
export function findNet(name: string): ZooEntry | undefined {
  const k = key(name);
  return ZOO.find((e) => key(e.name) === k);
}

export function zooNames(): string[] {
  return ZOO.map((e) => e.name);
}
