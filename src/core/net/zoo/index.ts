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
import { vgg } from './vgg';

export type Family = 'alexnet' | 'vgg' | 'googlenet' | 'resnet' | 'mobilenet_v2';

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
