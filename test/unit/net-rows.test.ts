import { describe, expect, it } from 'vitest';
import { summarise, type NetRow } from '../../src/core/net/analyse';
import { cs231nAbbrev, cs231nTable } from '../../src/core/net/cs231n';
import { shapeArray } from '../../src/core/net/shape';
import { findNet } from '../../src/core/net/zoo/index';

const vgg16 = summarise(findNet('vgg16')!.build());
const resnet18 = summarise(findNet('resnet18')!.build());

/**
 * The CS231n walkthrough "VGGNet in detail" (cs231n.github.io/convolutional-networks),
 * row by row: label, [H×W×C], memory as written, weights as written.
 */
const CS231N: Array<[string, string, string, string]> = [
  ['INPUT', '224x224x3', '224*224*3=150K', '0'],
  ['CONV3-64', '224x224x64', '224*224*64=3.2M', '(3*3*3)*64 = 1,728'],
  ['CONV3-64', '224x224x64', '224*224*64=3.2M', '(3*3*64)*64 = 36,864'],
  ['POOL2', '112x112x64', '112*112*64=800K', '0'],
  ['CONV3-128', '112x112x128', '112*112*128=1.6M', '(3*3*64)*128 = 73,728'],
  ['CONV3-128', '112x112x128', '112*112*128=1.6M', '(3*3*128)*128 = 147,456'],
  ['POOL2', '56x56x128', '56*56*128=400K', '0'],
  ['CONV3-256', '56x56x256', '56*56*256=800K', '(3*3*128)*256 = 294,912'],
  ['CONV3-256', '56x56x256', '56*56*256=800K', '(3*3*256)*256 = 589,824'],
  ['CONV3-256', '56x56x256', '56*56*256=800K', '(3*3*256)*256 = 589,824'],
  ['POOL2', '28x28x256', '28*28*256=200K', '0'],
  ['CONV3-512', '28x28x512', '28*28*512=400K', '(3*3*256)*512 = 1,179,648'],
  ['CONV3-512', '28x28x512', '28*28*512=400K', '(3*3*512)*512 = 2,359,296'],
  ['CONV3-512', '28x28x512', '28*28*512=400K', '(3*3*512)*512 = 2,359,296'],
  ['POOL2', '14x14x512', '14*14*512=100K', '0'],
  ['CONV3-512', '14x14x512', '14*14*512=100K', '(3*3*512)*512 = 2,359,296'],
  ['CONV3-512', '14x14x512', '14*14*512=100K', '(3*3*512)*512 = 2,359,296'],
  ['CONV3-512', '14x14x512', '14*14*512=100K', '(3*3*512)*512 = 2,359,296'],
  ['POOL2', '7x7x512', '7*7*512=25K', '0'],
  ['FC', '1x1x4096', '4096', '7*7*512*4096 = 102,760,448'],
  ['FC', '1x1x4096', '4096', '4096*4096 = 16,777,216'],
  ['FC', '1x1x1000', '1000', '4096*1000 = 4,096,000'],
];

describe('VGG-16 against the CS231n walkthrough', () => {
  const t = cs231nTable(vgg16);
  it('reproduces every row', () => {
    expect(t.rows.map((r) => [r.label, r.shape.join('x'), r.memoryText, r.paramsText])).toEqual(CS231N);
  });
  it('adds the rows up to 15.2M values, not the 24M of its total line', () => {
    expect(t.memory).toBe(15_237_608);
    expect(t.memoryBytes).toBe(60_950_432);
    expect(t.claimed.memory).toBe(24e6);
    expect(t.memory / 1e6).toBeCloseTo(15.2, 1);
  });
  it('has 138M weights, 138,357,544 parameters with the biases', () => {
    expect(t.params).toBe(138_344_128);
    expect(t.biases).toBe(13_416);
    expect(t.params + t.biases).toBe(138_357_544);
    expect(t.fc1Params).toBe(102_760_448);
  });
  it('abbreviates like CS231n', () => {
    expect([150528, 3211264, 802816, 25088, 4096, 1000].map(cs231nAbbrev)).toEqual(['150K', '3.2M', '800K', '25K', '4096', '1000']);
  });
});

describe('VGG-16 rows (torchvision, biases included)', () => {
  const convs = vgg16.rows.filter((r) => r.kind === 'conv');
  it('has 13 convs with the weights of CS231n plus K biases, MACs = H·W·weights', () => {
    const widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512];
    const sizes = [224, 224, 112, 112, 56, 56, 56, 28, 28, 28, 14, 14, 14];
    expect(convs.map((r) => shapeArray(r.output))).toEqual(widths.map((c, i) => [c, sizes[i], sizes[i]]));
    let cin = 3;
    convs.forEach((r, i) => {
      expect(r.params).toBe(9 * cin * widths[i]! + widths[i]!);
      expect(r.macs).toBe(sizes[i]! ** 2 * 9 * cin * widths[i]!);
      cin = widths[i]!;
    });
  });
  it('names rows as torchvision does (features.N, classifier.N)', () => {
    expect(convs.map((r) => r.name)).toEqual([0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28].map((i) => `features.${i}`));
    expect(vgg16.rows.filter((r) => r.kind === 'fc').map((r) => [r.name, r.params, r.macs])).toEqual([
      ['classifier.0', 102_764_544, 102_760_448],
      ['classifier.3', 16_781_312, 16_777_216],
      ['classifier.6', 4_097_000, 4_096_000],
    ]);
  });
  it('torchinfo: Forward/backward pass size 108.45 MB, params size 553.43 MB', () => {
    expect((vgg16.totals.torchinfoBytes / 1e6).toFixed(2)).toBe('108.45');
    expect((vgg16.totals.paramBytes / 1e6).toFixed(2)).toBe('553.43');
  });
});

/**
 * torchinfo's summary of torchvision.models.resnet18() at 1×3×224×224 (leaf rows:
 * kind, output shape, params), in execution order.
 */
const RESNET18_TORCHINFO: Array<[string, number[], number]> = (() => {
  const rows: Array<[string, number[], number]> = [
    ['conv', [64, 112, 112], 9408], ['bn', [64, 112, 112], 128], ['relu', [64, 112, 112], 0], ['maxpool', [64, 56, 56], 0],
  ];
  const block = (c: number, s: number, cin: number, down: boolean) => {
    rows.push(['conv', [c, s, s], 9 * cin * c], ['bn', [c, s, s], 2 * c], ['relu', [c, s, s], 0], ['conv', [c, s, s], 9 * c * c], ['bn', [c, s, s], 2 * c]);
    if (down) rows.push(['conv', [c, s, s], cin * c], ['bn', [c, s, s], 2 * c]);
    rows.push(['add', [c, s, s], 0], ['relu', [c, s, s], 0]);
  };
  block(64, 56, 64, false); block(64, 56, 64, false);
  block(128, 28, 64, true); block(128, 28, 128, false);
  block(256, 14, 128, true); block(256, 14, 256, false);
  block(512, 7, 256, true); block(512, 7, 512, false);
  rows.push(['adaptiveavgpool', [512, 1, 1], 0], ['flatten', [512], 0], ['fc', [1000], 513_000]);
  return rows;
})();

describe('ResNet-18 rows against torchinfo', () => {
  it('matches every leaf row: kind, output shape, parameters', () => {
    // torchinfo has no row for the functional add and flatten; dlnotes shows them (0 parameters).
    expect(resnet18.rows.map((r: NetRow) => [r.kind, shapeArray(r.output), r.params])).toEqual(RESNET18_TORCHINFO);
  });
  it('spot-checks the published parameter counts', () => {
    const p = (name: string) => resnet18.rows.find((r) => r.name === name)!.params;
    expect(p('conv1')).toBe(9_408);
    expect(p('layer2.0.conv1')).toBe(73_728);
    expect(p('layer2.0.downsample.0')).toBe(8_192);
    expect(p('layer3.0.downsample.0')).toBe(32_768);
    expect(p('layer4.0.downsample.0')).toBe(131_072);
    expect(p('layer4.1.conv2')).toBe(2_359_296);
    expect(p('fc')).toBe(513_000);
  });
  it('has the published MACs: conv1 118,013,952, each layer1 conv 115,605,504, stages 462,422,016 and 3 × 411,041,792', () => {
    const macs = (name: string) => resnet18.rows.find((r) => r.name === name)!.macs;
    expect(macs('conv1')).toBe(118_013_952);
    for (const n of ['layer1.0.conv1', 'layer1.0.conv2', 'layer1.1.conv1', 'layer1.1.conv2', 'layer2.0.conv2', 'layer4.1.conv2']) expect(macs(n)).toBe(115_605_504);
    const stage = (name: string) => resnet18.blocks.find((b) => b.name === name)!.macs;
    expect(stage('layer1')).toBe(462_422_016);
    expect([stage('layer2'), stage('layer3'), stage('layer4')]).toEqual([411_041_792, 411_041_792, 411_041_792]);
    expect(macs('fc')).toBe(512_000);
  });
  it('torchinfo totals: 11,689,512 params, 1.81 G mult-adds, input 0.60 MB, forward/backward 39.75 MB, params 46.76 MB', () => {
    const t = resnet18.totals;
    expect(t.params).toBe(11_689_512);
    expect((t.macs / 1e9).toFixed(2)).toBe('1.81');
    expect((t.inputBytes / 1e6).toFixed(2)).toBe('0.60');
    expect((t.torchinfoBytes / 1e6).toFixed(2)).toBe('39.75');
    expect((t.paramBytes / 1e6).toFixed(2)).toBe('46.76');
  });
  it('sums blocks from their rows and counts every output once', () => {
    const l1 = resnet18.blocks.find((b) => b.name === 'layer1.0')!;
    expect(l1.params).toBe(2 * 36_864 + 2 * 128);
    expect(resnet18.totals.activations).toBe(resnet18.rows.reduce((t, r) => t + r.activations, 0));
  });
});

describe('batch', () => {
  it('scales MACs and activations, not parameters', () => {
    const b = summarise(findNet('resnet18')!.build(), { batch: 8 });
    expect(b.totals.params).toBe(resnet18.totals.params);
    expect(b.totals.macs).toBe(8 * resnet18.totals.macs);
    expect(b.totals.activations).toBe(8 * resnet18.totals.activations);
    expect(b.totals.inputValues).toBe(8 * 150_528);
  });
  it('--input changes sizes and MACs, not parameters (adaptive pooling keeps the classifier)', () => {
    const s = summarise(findNet('vgg16')!.build(), { input: [3, 256, 256] });
    expect(s.totals.params).toBe(138_357_544);
    expect(s.rows.find((r) => r.name === 'features.30')!.output).toMatchObject({ h: 8, w: 8 });
    expect(s.rows.find((r) => r.name === 'avgpool')!.output).toMatchObject({ c: 512, h: 7, w: 7 });
  });
});
