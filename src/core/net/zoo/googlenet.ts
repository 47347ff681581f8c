/**
 * torchvision's GoogLeNet (Inception v1, torchvision/models/googlenet.py)
 * without the two auxiliary classifiers (aux_logits=False, as the
 * pretrained model is returned). Every BasicConv2d is conv (bias=False) +
 * BatchNorm (eps 0.001) + ReLU; the pools use ceil_mode; and the "5×5"
 * branch uses a 3×3 conv, a known torchvision quirk (pytorch/vision#906)
 * that its weights and published figures depend on.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

export function googlenet(): NetSpec {
  const b = new NetBuilder('googlenet');
  const basic = (id: string, out: number, k: number, s = 1, p = 0): LayerNode =>
    b.seq(id, [b.conv('conv', out, k, { s, p, bias: false }), b.bn('bn', 0.001), b.relu('relu')]);
  const inception = (id: string, c1: number, c3r: number, c3: number, c5r: number, c5: number, pool: number): LayerNode =>
    b.concat(id, [
      [basic('branch1', c1, 1)],
      [b.seq('branch2', [basic('0', c3r, 1), basic('1', c3, 3, 1, 1)])],
      [b.seq('branch3', [basic('0', c5r, 1), basic('1', c5, 3, 1, 1)])],
      [b.seq('branch4', [b.maxpool('0', 3, 1, 1, true), basic('1', pool, 1)])],
    ]);
  return {
    name: 'googlenet',
    input: [3, 224, 224],
    layers: [
      basic('conv1', 64, 7, 2, 3),
      b.maxpool('maxpool1', 3, 2, 0, true),
      basic('conv2', 64, 1),
      basic('conv3', 192, 3, 1, 1),
      b.maxpool('maxpool2', 3, 2, 0, true),
      inception('inception3a', 64, 96, 128, 16, 32, 32),
      inception('inception3b', 128, 128, 192, 32, 96, 64),
      b.maxpool('maxpool3', 3, 2, 0, true),
      inception('inception4a', 192, 96, 208, 16, 48, 64),
      inception('inception4b', 160, 112, 224, 24, 64, 64),
      inception('inception4c', 128, 128, 256, 24, 64, 64),
      inception('inception4d', 112, 144, 288, 32, 64, 64),
      inception('inception4e', 256, 160, 320, 32, 128, 128),
      b.maxpool('maxpool4', 2, 2, 0, true),
      inception('inception5a', 256, 160, 320, 32, 128, 128),
      inception('inception5b', 384, 192, 384, 48, 128, 128),
      b.adaptiveAvgPool('avgpool', 1),
      b.flatten(),
      b.dropout('dropout', 0.2),
      b.fc('fc', 1000),
    ],
  };
}
