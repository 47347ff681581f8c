import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson } from '../helpers/cli';

interface SummaryJson {
  name: string;
  input: number[];
  batch: number;
  total: { params: number; macs: number; flops: number; activations: number; depth: number; torchinfoBytes: number; rf: { rf: number; jump: number; layer: string } };
  layers: Array<{ name: string; kind: string; output: number[]; params: number; macs: number; activations: number; rf: number | null; jump: number | null }>;
  blocks: Array<{ name: string; first: number; end: number; params: number }>;
}

const dir = mkdtempSync(join(tmpdir(), 'dlnotes-summary-'));
function specFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('dlnotes summary <net>', () => {
  it('prints the layer table and labelled totals', () => {
    const r = dlnotes(['summary', 'resnet18']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^resnet18: 3×224×224 → 1000/);
    expect(r.stdout).toMatch(/conv1\s+conv 7×7 s2 p3\s+64×112×112\s+9,408\s+118\.01 M\s+802,816\s+3\.06 MiB\s+7\s+2/);
    expect(r.stdout).toMatch(/layer2\.0\.downsample\.0\s+conv 1×1 s2 p0\s+128×28×28\s+8,192/);
    expect(r.stdout).toContain('parameters        11,689,512 = 11.69 M');
    expect(r.stdout).toContain('MACs              1,814,073,344 = 1.81 G');
    expect(r.stdout).toContain('FLOPs             3.63 G   (= 2 × MACs');
    expect(r.stdout).toContain('Forward/backward pass size 39.75 MB');
    expect(r.stdout).toContain('depth             18 weight layers');
    expect(r.stdout).toContain('receptive field   435×435 at layer4.1.conv2, jump 32');
    expect(r.stderr).toBe('');
  });

  it('speaks JSON with totals and per-layer rows', () => {
    const { code, data } = dlnotesJson<SummaryJson>(['summary', 'VGG-16']);
    expect(code).toBe(0);
    expect(data.name).toBe('vgg16');
    expect(data.total).toMatchObject({ params: 138_357_544, macs: 15_470_264_320, flops: 30_940_528_640, depth: 16 });
    expect(data.total.rf).toEqual({ layer: 'features.30', rf: 212, jump: 32, rfW: 212, jumpW: 32 });
    expect(data.layers[0]).toEqual({ name: 'features.0', kind: 'conv', detail: '3×3 s1 p1', level: 1, output: [64, 224, 224], params: 1792, weights: 1728, biases: 64, macs: 86_704_128, activations: 3_211_264, bytes: 12_845_056, rf: 3, jump: 1, depth: 1 });
    expect(data.layers.at(-1)).toMatchObject({ name: 'classifier.6', kind: 'fc', output: [1000], params: 4_097_000, rf: 224, jump: null });
    expect(data.layers.reduce((t, l) => t + l.activations, 0)).toBe(data.total.activations);
    expect(data.blocks.map((b) => b.name)).toEqual(['features', 'classifier']);
  });

  it('scales with --batch and --input', () => {
    const { data } = dlnotesJson<SummaryJson>(['summary', 'resnet50', '--batch', '4', '--input', '3x256x256']);
    expect(data.batch).toBe(4);
    expect(data.input).toEqual([3, 256, 256]);
    expect(data.total.params).toBe(25_557_032);
    expect(data.layers.find((l) => l.name === 'layer4.2.conv3')!.output).toEqual([2048, 8, 8]);
  });

  it('--levels 1 shows only the top level', () => {
    const r = dlnotes(['summary', 'resnet152', '--levels', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/layer3\s+seq\s+1024×14×14/);
    expect(r.stdout).not.toContain('layer3.0');
  });

  it('lists the zoo', () => {
    const r = dlnotes(['summary', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vgg16_bn\s+VGG-16 with BatchNorm\s+138,365,992\s+15\.47 G\s+16\s+212/);
    expect(r.stdout).toMatch(/mobilenet_v2\s+MobileNetV2 \(width 1\.0\)\s+3,504,872\s+300\.77 M\s+53\s+491/);
    const { data } = dlnotesJson<Array<{ name: string; params: number }>>(['summary', '--list']);
    expect(data).toHaveLength(16);
  });
});

describe('dlnotes summary --answer', () => {
  it('exits 0 on right answers, in any unit the student writes; an estimate is marked ~', () => {
    const r = dlnotes(['summary', 'vgg16', '--answer', 'params=138357544, macs=~15.47G, depth=16, rf=212']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ parameters: 138357544 (exact)');
    expect(r.stdout).toContain('✓ MACs: ~15.47G (approximately right (exact: 15,470,264,320))');
  });
  it('counts are exact: a rounded count is wrong and says to mark an estimate', () => {
    const r = dlnotes(['summary', 'vgg16', '--answer', 'params=138357680, macs=15.47G']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ parameters: you said 138357680, the answer is 138,357,544');
    expect(r.stdout).toContain('(a count must be exact: 15.47G is rounded (write ~15.47G for an estimate))');
  });
  it('exits 1 with the worked totals on a wrong answer', () => {
    const r = dlnotes(['summary', 'resnet50', '--answer', 'macs=4.2G']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ MACs: you said 4.2G, the answer is 4,089,184,256 (4.09 G)');
    expect(r.stdout).toContain('conv (53 layers): 4,087,136,256');
  });
  it('folds the verdict into --json', () => {
    const { code, data } = dlnotesJson<{ answer: { correct: boolean } }>(['summary', 'alexnet', '--answer', 'params=~61.1M']);
    expect(code).toBe(0);
    expect(data.answer.correct).toBe(true);
  });
  it('rejects an unknown quantity with exit 2', () => {
    const r = dlnotes(['summary', 'alexnet', '--answer', 'speed=3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dlnotes: --answer: cannot check "speed" here; checkable: params, weights, biases, macs, flops, activations, memory, depth, output, rf\n');
  });
});

describe('dlnotes summary vgg16 --cs231n', () => {
  it('rebuilds the table and points out the slip from the rows', () => {
    const r = dlnotes(['summary', 'vgg16', '--cs231n']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CONV3-64:\s+\[224x224x64\]\s+224\*224\*64=3\.2M\s+\(3\*3\*3\)\*64 = 1,728/);
    expect(r.stdout).toMatch(/FC:\s+\[1x1x4096\]\s+4096\s+7\*7\*512\*4096 = 102,760,448/);
    expect(r.stdout).toContain('TOTAL memory (sum of the rows): 15,237,608 ≈ 15.2M values');
    expect(r.stdout).toContain('TOTAL params (sum of the rows): 138,344,128 ≈ 138M');
    expect(r.stdout).toContain('not 24M');
  });
  it('is for vgg16 only', () => {
    const r = dlnotes(['summary', 'resnet50', '--cs231n']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/use it with vgg16/);
  });
});

describe('dlnotes summary --spec', () => {
  it('summarises the example ResNet', () => {
    const { code, data } = dlnotesJson<SummaryJson>(['summary', '--spec', 'docs/examples/cifar-resnet.yaml']);
    expect(code).toBe(0);
    expect(data.name).toBe('cifar-resnet');
    // stem 432 + 32; 2 blocks × (2·2304 + 2·32); projection block 4608 + 64 + 9216 + 64 + 512 + 64; fc 330
    expect(data.total.params).toBe(432 + 32 + 2 * (2 * 2304 + 64) + (4608 + 64 + 9216 + 64 + 512 + 64) + 330);
    expect(data.total.depth).toBe(8);
    expect(data.blocks.map((b) => b.name)).toEqual(['stage1.1', 'stage1.2', 'stage2']);
  });

  it('summarises the example Inception block: 256 channels out, 128.05 M MACs', () => {
    const { data } = dlnotesJson<SummaryJson>(['summary', '--spec', 'docs/examples/mini-inception.yaml']);
    expect(data.layers.find((l) => l.kind === 'concat')!.output).toEqual([256, 28, 28]);
    expect(data.total.macs).toBe(128_049_152);
  });

  it.each([
    ['a bad key', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 8, k: 3, stride_size: 2}\n', ':3:26: conv has no key "stride_size"; allowed: out, k, s, p, d, groups, bias, in'],
    ['a residual add that does not fit', 'input: [3, 8, 8]\nlayers:\n  - residual:\n      body: [conv: {out: 8, k: 3, p: 1}]\n', ':3:5: res1 (residual): the add needs equal shapes, but the body gives 8×8×8 and the identity shortcut gives 3×8×8'],
    ['channels that do not match', 'input: [3, 8, 8]\nlayers:\n  - conv: {in: 1, out: 8, k: 3}\n', ':3:5: conv1 (conv): declares in: 1 but receives 3 channels'],
    ['a size that shrinks to zero', 'input: [3, 4, 4]\nlayers:\n  - conv: {out: 8, k: 5}\n', ':3:5: conv1 (conv): the kernel (extent 5) is larger than the padded input (4 + 0 = 4)'],
  ])('reports %s with file:line:col and exit 2', (_what, yaml, message) => {
    const file = specFile('bad.yaml', yaml);
    const r = dlnotes(['summary', '--spec', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`dlnotes: ${file}${message}`)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js/);
    expect(r.stdout).toBe('');
  });
});

describe('bad usage', () => {
  it.each([
    [['summary', 'vgg17'], /^dlnotes: unknown network "vgg17"; known: alexnet, vgg11/],
    [['summary'], /^dlnotes: give a network \(dlnotes summary --list shows them\) or --spec net\.yaml/],
    [['summary', 'vgg16', '--input', '3x'], /^dlnotes: --input: expected C×H×W like 3x224x224/],
    [['summary', 'vgg16', '--input', '3x16x16'], /^dlnotes: vgg16: features\.30 \(maxpool\): the pooling window \(extent 2\) is larger than the padded input \(1\)/],
    [['summary', 'vgg16', '--batch', '0'], /^dlnotes: --batch: expected a positive integer, got 0/],
    [['summary', '--spec', 'no/such.yaml'], /^dlnotes: --spec: cannot read "no\/such\.yaml": no such file/],
    [['summary', 'vgg16', '--spec', 'docs/examples/cifar-resnet.yaml'], /^dlnotes: give either a network name or --spec, not both/],
  ])('%j -> exit 2, one line', (args, message) => {
    const r = dlnotes(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
