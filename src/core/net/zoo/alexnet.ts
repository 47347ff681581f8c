/**
 * torchvision's AlexNet (torchvision/models/alexnet.py): the "One weird
 * trick" variant with 64 filters in conv1, no LRN, a 224×224 input padded
 * by 2, and AdaptiveAvgPool2d((6, 6)) before the classifier.
 */
import type { NetSpec } from '../../spec';
import { NetBuilder } from '../build';

export function alexnet(): NetSpec {
  const b = new NetBuilder('alexnet');
  return {
    name: 'alexnet',
    input: [3, 224, 224],
    layers: [
      b.seq('features', [
        b.conv('0', 64, 11, { s: 4, p: 2 }), b.relu('1'), b.maxpool('2', 3, 2),
        b.conv('3', 192, 5, { p: 2 }), b.relu('4'), b.maxpool('5', 3, 2),
        b.conv('6', 384, 3, { p: 1 }), b.relu('7'),
        b.conv('8', 256, 3, { p: 1 }), b.relu('9'),
        b.conv('10', 256, 3, { p: 1 }), b.relu('11'), b.maxpool('12', 3, 2),
      ]),
      b.adaptiveAvgPool('avgpool', 6),
      b.flatten(),
      b.seq('classifier', [
        b.dropout('0', 0.5), b.fc('1', 4096), b.relu('2'),
        b.dropout('3', 0.5), b.fc('4', 4096), b.relu('5'),
        b.fc('6', 1000),
      ]),
    ],
  };
}
