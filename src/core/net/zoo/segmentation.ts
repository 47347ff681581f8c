/**
 * torchvision's segmentation models with a ResNet-50 backbone
 * (torchvision/models/segmentation/fcn.py, deeplabv3.py), as the pretrained
 * weights build them: replace_stride_with_dilation=[False, True, True]
 * (output stride 8), 21 classes (VOC), and the auxiliary FCN head on layer3
 * (aux_loss=True), which the published parameter counts include
 * (fcn_resnet50 35,322,218; deeplabv3_resnet50 42,004,074). The head's
 * output is resized to the input by F.interpolate (bilinear), as forward() does.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';
import { resnetFeatures } from './resnet';

const CLASSES = 21;

/** FCNHead(in, classes): 3×3 conv to in/4 channels, BN, ReLU, dropout 0.1, 1×1 conv to the classes. */
function fcnHead(b: NetBuilder, inChannels: number): LayerNode[] {
  return [
    b.conv('0', inChannels / 4, 3, { p: 1, bias: false }), b.bn('1'), b.relu('2'), b.dropout('3', 0.1),
    b.conv('4', CLASSES, 1),
  ];
}

/** The backbone up to layer3, the auxiliary head there, then layer4. */
function backboneWithAux(b: NetBuilder): LayerNode[] {
  const features = resnetFeatures(b, 50, [false, true, true]);
  const layer4 = features.pop()!;
  return [
    b.seq('backbone', features),
    b.side('aux_classifier', [...fcnHead(b, 1024), b.upsample('upsample', 'input')]),
    { ...layer4, name: 'backbone.layer4' },
  ];
}

export function fcnResnet50(): NetSpec {
  const b = new NetBuilder('fcn_resnet50');
  return {
    name: 'fcn_resnet50',
    input: [3, 520, 520],
    layers: [...backboneWithAux(b), b.seq('classifier', fcnHead(b, 2048)), b.upsample('upsample', 'input')],
  };
}

/** ASPP(2048, [12, 24, 36]): a 1×1 conv, three dilated 3×3 convs and image pooling in parallel, concatenated, projected to 256. */
function aspp(b: NetBuilder): LayerNode[] {
  const branch = (name: string, layers: LayerNode[]) => [b.seq(name, layers)];
  return [
    b.concat('convs', [
      branch('0', [b.conv('0', 256, 1, { bias: false }), b.bn('1'), b.relu('2')]),
      ...[12, 24, 36].map((rate, i) => branch(String(i + 1), [b.conv('0', 256, 3, { p: rate, d: rate, bias: false }), b.bn('1'), b.relu('2')])),
      // ASPPPooling: global average, 1×1 conv, then interpolated back to the size of its input.
      branch('4', [b.adaptiveAvgPool('0', 1), b.conv('1', 256, 1, { bias: false }), b.bn('2'), b.relu('3'), b.upsample('upsample', 'block')]),
    ]),
    b.seq('project', [b.conv('0', 256, 1, { bias: false }), b.bn('1'), b.relu('2'), b.dropout('3', 0.5)]),
  ];
}

export function deeplabv3Resnet50(): NetSpec {
  const b = new NetBuilder('deeplabv3_resnet50');
  return {
    name: 'deeplabv3_resnet50',
    input: [3, 520, 520],
    layers: [
      ...backboneWithAux(b),
      b.seq('classifier', [
        b.seq('0', aspp(b)),
        b.conv('1', 256, 3, { p: 1, bias: false }), b.bn('2'), b.relu('3'),
        b.conv('4', CLASSES, 1),
      ]),
      b.upsample('upsample', 'input'),
    ],
  };
}
