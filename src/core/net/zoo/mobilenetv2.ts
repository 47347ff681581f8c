/**
 * torchvision's MobileNetV2 (torchvision/models/mobilenetv2.py), width 1.0:
 * a 3×3 stride-2 stem, 17 inverted residual blocks (1×1 expansion by t,
 * 3×3 depthwise, 1×1 linear projection with no activation; an identity
 * shortcut when the stride is 1 and the width is kept), a 1×1 conv to 1280,
 * global average pooling and a dropout-0.2 linear classifier. Convs have no
 * bias; activations are ReLU6.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

/** t (expansion), c (output channels), n (repeats), s (stride of the first). */
const SETTINGS: Array<[number, number, number, number]> = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export function mobilenetV2(): NetSpec {
  const b = new NetBuilder('mobilenet_v2');
  const convBnAct = (id: string, out: number, k: number, s = 1, groups = 1): LayerNode =>
    b.seq(id, [b.conv('0', out, k, { s, p: (k - 1) / 2, groups, bias: false }), b.bn('1'), b.relu6('2')]);

  const inverted = (id: string, inp: number, out: number, stride: number, t: number): LayerNode => {
    const hidden = Math.round(inp * t);
    const layers: LayerNode[] = [];
    if (t !== 1) layers.push(convBnAct(String(layers.length), hidden, 1));
    layers.push(convBnAct(String(layers.length), hidden, 3, stride, hidden));
    layers.push(b.conv(String(layers.length), out, 1, { bias: false }));
    layers.push(b.bn(String(layers.length)));
    const conv = b.seq('conv', layers);
    return stride === 1 && inp === out ? b.residual(id, [conv], []) : b.seq(id, [conv]);
  };

  const features: LayerNode[] = [convBnAct('0', 32, 3, 2)];
  let inp = 32;
  for (const [t, c, n, s] of SETTINGS) {
    for (let i = 0; i < n; i++) {
      features.push(inverted(String(features.length), inp, c, i === 0 ? s : 1, t));
      inp = c;
    }
  }
  features.push(convBnAct(String(features.length), 1280, 1));
  return {
    name: 'mobilenet_v2',
    input: [3, 224, 224],
    layers: [
      b.seq('features', features),
      b.adaptiveAvgPool('avgpool', 1),
      b.flatten(),
      b.seq('classifier', [b.dropout('0', 0.2), b.fc('1', 1000)]),
    ],
  };
}
