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
  return {
    name,
    input: [3, 224, 224],
    layers: [...resnetFeatures(b, depth), b.adaptiveAvgPool('avgpool', 1), b.flatten(), b.fc('fc', 1000)],
  };
}

/**
 * The stem and layer1–4 of a ResNet (no pooling or fc), as the segmentation
 * models' backbone takes them. `dilate` is torchvision's
 * replace_stride_with_dilation for layer2–4: that layer keeps stride 1 and
 * its convs dilate instead (the first block with the previous dilation).
 */
export function resnetFeatures(b: NetBuilder, depth: ResnetDepth, dilate: [boolean, boolean, boolean] = [false, false, false]): LayerNode[] {
  const bottleneck = depth >= 50;
  const expansion = bottleneck ? 4 : 1;
  let inplanes = 64;
  let dilation = 1;

  const block = (id: string, planes: number, stride: number, d: number): LayerNode => {
    const out = planes * expansion;
    const shortcut = stride !== 1 || inplanes !== out
      ? [b.seq('downsample', [b.conv('0', out, 1, { s: stride, bias: false }), b.bn('1')])]
      : [];
    const body = bottleneck
      ? [
        b.conv('conv1', planes, 1, { bias: false }), b.bn('bn1'), b.relu('relu1'),
        b.conv('conv2', planes, 3, { s: stride, p: d, d, bias: false }), b.bn('bn2'), b.relu('relu2'),
        b.conv('conv3', out, 1, { bias: false }), b.bn('bn3'),
      ]
      : [
        b.conv('conv1', planes, 3, { s: stride, p: 1, bias: false }), b.bn('bn1'), b.relu('relu1'),
        b.conv('conv2', planes, 3, { p: 1, bias: false }), b.bn('bn2'),
      ];
    inplanes = out;
    return b.residual(id, body, shortcut, [b.relu(bottleneck ? 'relu3' : 'relu2')]);
  };
  const stage = (id: string, planes: number, blocks: number, stride: number, dil: boolean): LayerNode => {
    const previous = dilation;
    if (dil) {
      dilation *= stride;
      stride = 1;
    }
    return b.seq(id, Array.from({ length: blocks }, (_, i) => block(String(i), planes, i === 0 ? stride : 1, i === 0 ? previous : dilation)));
  };

  const [n1, n2, n3, n4] = LAYERS[depth];
  return [
    b.conv('conv1', 64, 7, { s: 2, p: 3, bias: false }), b.bn('bn1'), b.relu('relu'),
    b.maxpool('maxpool', 3, 2, 1),
    stage('layer1', 64, n1, 1, false),
    stage('layer2', 128, n2, 2, dilate[0]),
    stage('layer3', 256, n3, 2, dilate[1]),
    stage('layer4', 512, n4, 2, dilate[2]),
  ];
}
