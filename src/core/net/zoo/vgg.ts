/**
 * torchvision's VGG (torchvision/models/vgg.py): configurations A (11),
 * B (13), D (16), E (19) of 3×3 convs (padding 1) and 2×2 max pools, with
 * or without BatchNorm after each conv, then AdaptiveAvgPool2d((7, 7)) and
 * the 4096-4096-1000 classifier with dropout 0.5.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

/** Filters per conv; 0 is a max pool. */
const CONFIGS: Record<11 | 13 | 16 | 19, number[]> = {
  11: [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
  13: [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
  16: [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
  19: [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
};

export type VggDepth = keyof typeof CONFIGS;

export function vgg(depth: VggDepth, batchNorm: boolean): NetSpec {
  const name = `vgg${depth}${batchNorm ? '_bn' : ''}`;
  const b = new NetBuilder(name);
  const features: LayerNode[] = [];
  // Module indices as in torchvision's nn.Sequential, so names match its state_dict keys.
  const next = () => String(features.length);
  for (const v of CONFIGS[depth]) {
    if (v === 0) {
      features.push(b.maxpool(next(), 2, 2));
      continue;
    }
    features.push(b.conv(next(), v, 3, { p: 1 }));
    if (batchNorm) features.push(b.bn(next()));
    features.push(b.relu(next()));
  }
  return {
    name,
    input: [3, 224, 224],
    layers: [
      b.seq('features', features),
      b.adaptiveAvgPool('avgpool', 7),
      b.flatten(),
      b.seq('classifier', [
        b.fc('0', 4096), b.relu('1'), b.dropout('2', 0.5),
        b.fc('3', 4096), b.relu('4'), b.dropout('5', 0.5),
        b.fc('6', 1000),
      ]),
    ],
  };
}
