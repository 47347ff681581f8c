import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { summarise } from '../../src/core/net/analyse';
import { parseInlineLayers, SpecError } from '../../src/core/spec';
import { parseSpecYaml } from '../../src/core/spec-yaml';

const run = (yaml: string) => summarise(parseSpecYaml(yaml, 'net.yaml'));

function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('no SpecError');
}

const TINY_RESNET = `name: tiny
input: [3, 32, 32]
layers:
  - conv: {out: 16, k: 3, p: 1, bias: false}
  - bn
  - relu
  - residual:
      body: [conv: {out: 16, k: 3, p: 1}, bn, relu, conv: {out: 16, k: 3, p: 1}, bn]
      post: [relu]
    repeat: 2
    name: stage1
  - residual:
      body: [conv: {out: 32, k: 3, s: 2, p: 1}, bn, relu, conv: {out: 32, k: 3, p: 1}, bn]
      shortcut: [conv: {out: 32, k: 1, s: 2, bias: false}, bn]
      post: [relu]
  - concat:
      - conv: {out: 8, k: 1}
      - [conv: {out: 8, k: 1}, conv: {out: 16, k: 3, p: 1}]
      - [maxpool: {k: 3, s: 1, p: 1, ceil: true}, conv: {out: 8, k: 1}]
  - conv: {out: 32, k: 3, p: 1, groups: 32}
  - relu6
  - adaptiveavgpool: {out: 1}
  - flatten
  - dropout: {p: 0.2}
  - fc: {out: 10, in: 32}
`;

describe('the extended spec format', () => {
  const s = run(TINY_RESNET);
  it('reads blocks, repeat, concat branches, groups, relu6, adaptive pooling', () => {
    expect(s.name).toBe('tiny');
    expect(s.blocks.map((b) => [b.name, b.kind])).toEqual([['stage1.1', 'residual'], ['stage1.2', 'residual'], ['res1', 'residual'], ['concat1', 'concat']]);
    expect(s.rows.find((r) => r.name === 'res1.shortcut.conv1')!.output).toMatchObject({ c: 32, h: 16, w: 16 });
    expect(s.rows.find((r) => r.name === 'concat1.cat')!.output).toMatchObject({ c: 32, h: 16, w: 16 });
    expect(s.output).toEqual({ c: 10, h: 1, w: 1, flat: true });
  });
  it('counts by hand: parameters, MACs and depth', () => {
    // stem 432 + 32; two blocks of 2×(2304+16) + 2×32; projection block 4608+32 + 64 + 9216+32 + 64 + 512 + 64;
    // concat (32 channels in): 32·8+8, 32·8+8, 8·9·16+16, 32·8+8; depthwise 9·32+32; fc 320+10
    const expected = 432 + 32 + 2 * (2 * 2320 + 64) + (4640 + 64 + 9248 + 64 + 512 + 64) + (264 + 264 + 1168 + 264) + 320 + 330;
    expect(s.totals.params).toBe(expected);
    // depth: stem, 2+2 (identity blocks), 2 (projection block), 2 (concat branch 2), depthwise, fc
    expect(s.totals.depth).toBe(11);
    const dw = s.rows.find((r) => r.name === 'conv2')!;
    expect(dw.macs).toBe(16 * 16 * 32 * 9);
    expect(tr(dw.detail, 'en')).toMatch(/depthwise/);
  });
  it('takes repeat without a name as separate default names', () => {
    const r = run('input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, k: 1}\n    repeat: 3\n');
    expect(r.rows.map((x) => x.name)).toEqual(['conv1', 'conv2', 'conv3']);
  });
});

describe('errors name the place and the layer', () => {
  it.each([
    ['a bad key', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 16, k: 3, pad: 1}\n', 'net.yaml:3:27', /conv has no key "pad"; allowed: out, k, s, p, d, groups, bias, in/],
    ['a bad value', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 16, k: 0}\n', 'net.yaml:3:21', /conv k must be a positive integer/],
    ['an unknown kind', 'input: [3, 8, 8]\nlayers:\n  - convolution: {k: 3}\n', 'net.yaml:3:5', /unknown layer kind "convolution"/],
    ['a bad residual key', 'input: [3, 8, 8]\nlayers:\n  - residual: {body: [relu], skip: [relu]}\n', 'net.yaml:3:30', /residual has no key "skip"; allowed: body, shortcut, post/],
    ['a misspelt identity', 'input: [3, 8, 8]\nlayers:\n  - residual: {body: [relu], shortcut: idenity}\n', 'net.yaml:3:40', /"identity" or a list of layers/],
    ['a one-branch concat', 'input: [3, 8, 8]\nlayers:\n  - concat: [[relu]]\n', 'net.yaml:3:5', /at least two branches/],
    ['a bad repeat', 'input: [3, 8, 8]\nlayers:\n  - relu:\n    repeat: 0\n', 'net.yaml:4:13', /repeat must be an integer from 1/],
    ['two kinds in one item', 'input: [3, 8, 8]\nlayers:\n  - relu:\n    bn:\n', 'net.yaml:4:5', /one layer per list item/],
    ['a YAML syntax error', 'input: [3, 8, 8]\nlayers:\n  - conv: {k: 3\n', 'net.yaml:4:1', /YAML syntax error/],
  ])('%s', (_what, yaml, where, message) => {
    const e = specError(() => run(yaml));
    expect(e.where).toBe(where);
    expect(tr(e.detail, 'en')).toMatch(message);
  });

  it.each([
    ['a residual add with a shape mismatch', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 16, k: 3, p: 1}\n  - residual:\n      body: [conv: {out: 32, k: 3, p: 1}]\n', 'net.yaml:4:5',
      'res1 (residual): the add needs equal shapes, but the body gives 32×8×8 and the identity shortcut gives 16×8×8; use a projection shortcut, e.g. shortcut: [conv: {out: 32, k: 1, s: 1, bias: false}, bn]'],
    ['a projection of the wrong stride', 'input: [3, 8, 8]\nlayers:\n  - residual:\n      body: [conv: {out: 8, k: 3, s: 2, p: 1}]\n      shortcut: [conv: {out: 8, k: 1}]\n', 'net.yaml:3:5',
      'res1 (residual): the add needs equal shapes, but the body gives 8×4×4 and the shortcut gives 8×8×8'],
    ['channels that do not match a declared in', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 16, k: 3, p: 1}\n  - conv: {in: 32, out: 16, k: 3}\n', 'net.yaml:4:5',
      'conv2 (conv): declares in: 32 but receives 16 channels (16×8×8 from conv1)'],
    ['features that do not match a declared in', 'input: [3, 4, 4]\nlayers:\n  - flatten\n  - fc: {in: 47, out: 10}\n', 'net.yaml:4:5',
      'fc1 (fc): declares in: 47 but receives 48 features (48 from flatten1)'],
    ['a size shrinking to zero', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, k: 3}\n  - maxpool: {k: 2}\n  - conv: {out: 4, k: 3}\n  - conv: {out: 4, k: 3}\n', 'net.yaml:6:5',
      'conv3 (conv): the kernel (extent 3) is larger than the padded input (1 + 0 = 1) (its input is 4×1×1, from conv2)'],
    ['branches of different sizes', 'input: [3, 8, 8]\nlayers:\n  - concat: [[conv: {out: 4, k: 3}], [conv: {out: 4, k: 1}]]\n', 'net.yaml:3:5',
      'concat1 (concat): branch 2 gives 8×8 but branch 1 gives 6×6; concatenation along channels needs the same H×W in every branch'],
    ['a conv after flatten', 'input: [3, 8, 8]\nlayers:\n  - flatten\n  - conv: {out: 3, k: 1}\n', 'net.yaml:4:5',
      'conv1 (conv): needs a C×H×W input, but it gets a flat vector of 192 (from flatten1)'],
    ['groups that do not divide', 'input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, k: 3, groups: 2}\n', 'net.yaml:3:5',
      'conv1 (conv): input channels (3) must be divisible by groups (2) (its input is 3×8×8, from the input)'],
    ['a conv without out', 'input: [3, 8, 8]\nlayers:\n  - conv: {k: 3}\n', 'net.yaml:3:5', 'conv1 (conv): needs "out" (the number of filters) for a summary'],
    ['a name used twice', 'input: [3, 8, 8]\nlayers:\n  - {relu: , name: a}\n  - {relu: , name: a}\n', 'net.yaml:4:6', 'the name "a" is used twice (first at net.yaml:3:6); layer names must be unique'],
  ])('%s', (_what, yaml, where, detail) => {
    const e = specError(() => run(yaml));
    expect(e.where).toBe(where);
    expect(tr(e.detail, 'en')).toBe(detail);
  });

  it('zoo models name the network and the layer when --input is too small', () => {
    const e = specError(() => summarise(parseSpecYaml('input: [3, 16, 16]\nlayers:\n  - maxpool: {k: 2}\n  - maxpool: {k: 2}\n  - maxpool: {k: 2}\n  - maxpool: {k: 2}\n  - maxpool: {k: 2}\n', 'n.yaml')));
    expect(e.message).toBe('n.yaml:7:5: pool5 (maxpool): the pooling window (extent 2) is larger than the padded input (1); the output would be empty (its input is 3×1×1, from pool4)');
  });

  it('keeps blocks out of the inline form', () => {
    expect(() => parseInlineLayers('residual')).toThrow(/write it in a YAML spec/);
  });
});

describe('receptive fields through blocks and adaptive pooling (core/rf.ts)', () => {
  it('says so when the paths of a block disagree in jump', () => {
    const s = run('input: [1, 2, 2]\nlayers:\n  - concat: [[conv: {out: 1, k: 1, s: 2}], [conv: {out: 1, k: 2}]]\n');
    expect(s.notes).toHaveLength(1);
    expect(tr(s.notes[0]!, 'en')).toMatch(/concat1: its paths reach the concatenation with different jumps along H and W \(branch 1 2, branch 2 1\)/);
  });
  it('treats a residual block as one equivalent layer in receptiveField', async () => {
    const { receptiveField, explainRf } = await import('../../src/core/rf');
    const spec = parseSpecYaml('input: [3, 32, 32]\nlayers:\n  - conv: {out: 8, k: 3, p: 1}\n  - residual:\n      body: [conv: {out: 8, k: 3, s: 2, p: 1}, conv: {out: 8, k: 3, p: 1}]\n      shortcut: [conv: {out: 8, k: 1, s: 2}]\n  - adaptiveavgpool: {out: 8}\n', 'r.yaml');
    const rf = receptiveField(spec.layers, { h: 32, w: 32 });
    // conv: r 3; block: 3×3/2 then 3×3 → r 3 + 2 + 2·2 = 9, jump 2; adaptive 16 → 8 is a 2×2/2 pool: r 9 + 1·2 = 11, jump 4.
    expect(rf.layers.map((l) => [l.name, l.h.rf, l.h.jump, l.h.size])).toEqual([['conv1', 3, 1, 32], ['res1', 9, 2, 16], ['avgpool1', 11, 4, 8]]);
    expect(rf.layers[1]).toMatchObject({ k: [7, 7], s: [2, 2] }); // the block acts like one 7×7 stride-2 conv
    expect(explainRf(rf).lines.some((l) => tr(l.text, 'en').includes('res1 (residual'))).toBe(true);
  });
  it('uses PyTorch windows for uneven adaptive pooling', async () => {
    const { adaptiveWindows, adaptiveAction } = await import('../../src/core/adaptive');
    expect(adaptiveWindows(7, 3)).toEqual([[0, 3], [2, 5], [4, 7]]);
    expect(adaptiveAction(7, 7)).toEqual({ kind: 'identity' });
    expect(adaptiveAction(14, 7)).toEqual({ kind: 'pool', k: 2 });
    expect(adaptiveAction(7, 1)).toEqual({ kind: 'global' });
    expect(adaptiveAction(7, 3)).toEqual({ kind: 'uneven', kmax: 3 });
  });
});
