/**
 * Spec layers for segmentation networks: convtranspose (parameters and MACs
 * as the one-layer conv calculator counts them), upsample (by a factor, to a
 * size, to the input, to where its block starts), identity skips and side
 * heads; and the receptive field, which is not tracked after upsampling.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conv } from '../../src/core/conv';
import { summarise } from '../../src/core/net/analyse';
import { receptiveField } from '../../src/core/rf';
import { parseInlineLayers } from '../../src/core/spec';
import { parseSpecYaml } from '../../src/core/spec-yaml';
import { unetParams, unetSizes } from '../../src/core/net/vision-nets';
import { backbone } from '../../src/core/vision/backbone';

const spec = (yaml: string) => parseSpecYaml(yaml, 'net.yaml');

describe('convtranspose', () => {
  it('counts parameters and MACs as dlnotes conv --transpose', () => {
    const s = summarise(spec('input: [64, 7, 7]\nlayers:\n  - convtranspose: {out: 32, k: 3, s: 2, p: 1, output_padding: 1}\n'));
    const one = conv({ h: 7, c: 64, k: 32, fh: 3, s: 2, p: 1, transpose: true, outputPadding: 1 });
    expect(s.output).toMatchObject({ c: 32, h: 14, w: 14 });
    expect(s.totals.params).toBe(one.params);
    expect(s.totals.macs).toBe(one.macs);
    expect(s.totals.depth).toBe(1);
  });
});

describe('upsample', () => {
  it.each([
    ['{scale: 2}', 16],
    ['{size: 20}', 20],
    ['{size: input}', 32],
  ])('%s', (args, size) => {
    const s = summarise(spec(`input: [3, 32, 32]\nlayers:\n  - conv: {out: 8, k: 3, s: 4, p: 1}\n  - upsample: ${args}\n`));
    expect(s.output).toMatchObject({ c: 8, h: size, w: size });
    expect(s.totals.params).toBe(8 * 27 + 8);
  });
  it('size: block is the size where the enclosing block starts (ASPP\'s image pooling)', () => {
    const s = summarise(spec('input: [16, 9, 9]\nlayers:\n  - concat:\n      - conv: {out: 4, k: 1}\n      - [gap, conv: {out: 4, k: 1}, upsample: {size: block}]\n'));
    expect(s.output).toMatchObject({ c: 8, h: 9, w: 9 });
  });
  it('needs a scale or a size', () => {
    expect(() => summarise(spec('input: [3, 8, 8]\nlayers:\n  - upsample: {mode: bilinear}\n'))).toThrow(/upsample needs "scale"/);
    expect(() => spec('input: [3, 8, 8]\nlayers:\n  - upsample: {size: everything}\n')).toThrow(/'input' or 'block'/);
  });
});

describe('identity skips and side heads', () => {
  it('a U-Net level: identity ‖ (pool, conv, up-conv), concatenated', () => {
    const s = summarise(spec('input: [8, 16, 16]\nlayers:\n  - concat:\n      - identity\n      - [maxpool: {k: 2}, conv: {out: 16, k: 3, p: 1}, convtranspose: {out: 8, k: 2, s: 2}]\n'));
    expect(s.output).toMatchObject({ c: 16, h: 16, w: 16 });
  });
  it('a side head counts but the main path goes on from where it read', () => {
    const s = summarise(spec('input: [8, 16, 16]\nlayers:\n  - side: [conv: {out: 3, k: 1}, upsample: {size: input}]\n    name: aux\n  - conv: {out: 4, k: 3, p: 1}\n'));
    expect(s.output).toMatchObject({ c: 4, h: 16, w: 16 });
    expect(s.totals.params).toBe(8 * 3 + 3 + 8 * 9 * 4 + 4);
    expect(s.blocks.find((b) => b.name === 'aux')!.output).toMatchObject({ c: 3, h: 16, w: 16 });
    expect(() => spec('input: [8, 16, 16]\nlayers:\n  - side: []\n')).toThrow(/empty/);
  });
});

describe('receptive field through upsampling', () => {
  it('is not tracked after a transposed conv, and the explanation says so', () => {
    const r = receptiveField(parseInlineLayers('conv k=3; convtranspose k=2 s=2; conv k=3'), { h: 32, w: 32 });
    expect(r.layers.map((l) => l.h.size)).toEqual([30, 60, 58]);
    expect(r.layers.map((l) => l.h.rf)).toEqual([3, null, null]);
    expect(r.untracked).toBe(true);
  });
});

describe('docs/examples/unet.yaml and the U-Net figures', () => {
  it('the spec has the formula\'s 31,030,658 parameters', () => {
    const s = summarise(parseSpecYaml(readFileSync('docs/examples/unet.yaml', 'utf8'), 'unet.yaml'));
    expect(s.totals.params).toBe(31_030_658);
    expect(unetParams()).toBe(31_030_658);
    expect(s.output).toMatchObject({ c: 2, h: 512, w: 512 });
    expect(s.blocks.find((b) => b.name === 'cat1')!.output.c).toBe(128);
  });
  it('the paper\'s unpadded U-Net: 572 → 28 at the bottom → 388', () => {
    expect(unetSizes()).toEqual({ bottom: 28, output: 388 });
  });
  it('the dilated backbone: output stride 8, 16, 32', () => {
    expect([8, 16, 32].map((os) => backbone(520, os as 8 | 16 | 32).size)).toEqual([65, 33, 17]);
    expect(backbone(224, 32).stages.map((s) => s.size)).toEqual([112, 56, 56, 28, 14, 7]);
  });
});
