/**
 * torchvision's ResNet (torchvision/models/resnet.py), v1.5: in a
 * bottleneck the stride sits on the 3×3 conv. Convs have no bias (BN
 * follows); a block's shortcut is a 1×1 conv + BN ("downsample") when the
 * stride or the width changes, otherwise the identity. torchvision reuses
 * one ReLU module per block; here each use has its own name (relu1, ...).
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

export type ResnetDepth = 18 | 34 | 50 | 101 | 152;

const LAYERS: Record<ResnetDepth, [number, number, number, number]> = {
  18: [2, 2, 2, 2],
  34: [3, 4, 6, 3],
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

export function resnet(depth: ResnetDepth): NetSpec {
  const name = `resnet${depth}`;
  const b = new NetBuilder(name);
  const bottleneck = depth >= 50;
  const expansion = bottleneck ? 4 : 1;
  let inplanes = 64;

  const block = (id: string, planes: number, stride: number): LayerNode => {
    const out = planes * expansion;
    const shortcut = stride !== 1 || inplanes !== out
      ? [b.seq('downsample', [b.conv('0', out, 1, { s: stride, bias: false }), b.bn('1')])]
      : [];
    const body = bottleneck
      ? [
        b.conv('conv1', planes, 1, { bias: false }), b.bn('bn1'), b.relu('relu1'),
        b.conv('conv2', planes, 3, { s: stride, p: 1, bias: false }), b.bn('bn2'), b.relu('relu2'),
        b.conv('conv3', out, 1, { bias: false }), b.bn('bn3'),
      ]
      : [
        b.conv('conv1', planes, 3, { s: stride, p: 1, bias: false }), b.bn('bn1'), b.relu('relu1'),
        b.conv('conv2', planes, 3, { p: 1, bias: false }), b.bn('bn2'),
      ];
    inplanes = out;
    return b.residual(id, body, shortcut, [b.relu(bottleneck ? 'relu3' : 'relu2')]);
  };
  const stage = (id: string, planes: number, blocks: number, stride: number): LayerNode =>
    b.seq(id, Array.from({ length: blocks }, (_, i) => block(String(i), planes, i === 0 ? stride : 1)));

  const [n1, n2, n3, n4] = LAYERS[depth];
  return {
    name,
    input: [3, 224, 224],
    layers: [
      b.conv('conv1', 64, 7, { s: 2, p: 3, bias: false }), b.bn('bn1'), b.relu('relu'),
      b.maxpool('maxpool', 3, 2, 1),
      stage('layer1', 64, n1, 1),
      stage('layer2', 128, n2, 2),
      stage('layer3', 256, n3, 2),
      stage('layer4', 512, n4, 2),
      b.adaptiveAvgPool('avgpool', 1),
      b.flatten(),
      b.fc('fc', 1000),
    ],
  };
}
