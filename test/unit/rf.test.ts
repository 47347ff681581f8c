import { describe, expect, it } from 'vitest';
import { receptiveField } from '../../src/core/rf';
import { parseInlineLayers, SpecError } from '../../src/core/spec';
import { parseSpecYaml } from '../../src/core/spec-yaml';

const rf = (text: string, input?: number) => receptiveField(parseInlineLayers(text), input ? { h: input, w: input } : undefined);

describe('receptiveField', () => {
  it('three stacked 3x3 convs see 7x7', () => {
    const r = rf('conv k=3; conv k=3; conv k=3');
    expect(r.layers.map((l) => l.h.rf)).toEqual([3, 5, 7]);
    expect(r.h.jump).toBe(1);
  });

  it('VGG-16: conv5_3 sees 196, pool5 sees 212 with jump 32', () => {
    const block = (n: number) => Array(n).fill('conv k=3 p=1').join('; ');
    const vgg = [block(2), 'maxpool k=2', block(2), 'maxpool k=2', block(3), 'maxpool k=2', block(3), 'maxpool k=2', block(3), 'maxpool k=2'].join('; ');
    const r = rf(vgg, 224);
    const conv53 = r.layers[r.layers.length - 2]!;
    expect(conv53.h.rf).toBe(196);
    expect(r.h.rf).toBe(212);
    expect(r.h.jump).toBe(32);
    expect(r.h.size).toBe(7);
    // Effective padding Σ p_l·j_{l-1}: 2·1 + 2·2 + 3·4 + 3·8 + 3·16
    expect(r.h.padding).toBe(90);
  });

  it('start: centre of the first unit, 0-indexed input pixels', () => {
    // k=3 p=1: first unit centred on pixel 0; 2x2 pool stride 2: centre 0.5
    const r = rf('conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2');
    expect(r.layers.map((l) => l.h.start)).toEqual([0, 0.5, 4.5]);
    expect(r.layers.map((l) => l.h.rf)).toEqual([3, 4, 12]);
    expect(r.h.jump).toBe(2);
  });

  it('ResNet stem: 7x7/2 conv then 3x3/2 pool: rf 11, jump 4', () => {
    const r = rf('conv k=7 s=2 p=3; bn; relu; maxpool k=3 s=2 p=1', 224);
    expect(r.h.rf).toBe(11);
    expect(r.h.jump).toBe(4);
    expect(r.h.size).toBe(56);
  });

  it('a fully connected layer sees the whole input', () => {
    const r = rf('conv k=3; fc out=10', 32);
    expect(r.h.rf).toBe(32);
    expect(r.layers[1]!.global).toBe(true);
    expect(rf('conv k=3; fc out=10').h.rf).toBeNull();
  });

  it('rectangular kernels give per-axis fields', () => {
    const r = receptiveField(parseInlineLayers('conv k=3x5; conv k=3'));
    expect(r.square).toBe(false);
    expect([r.h.rf, r.w.rf]).toEqual([5, 7]);
  });

  it('size errors name the layer', () => {
    expect(() => rf('conv k=3; conv k=5 s=2', 4)).toThrow(/--layers layer 2/);
  });
});

describe('layer specs', () => {
  it('inline: aliases and pairs', () => {
    const [l] = parseInlineLayers('conv2d kernel=3x5 stride=2 padding=1 out=64');
    expect(l!.kind).toBe('conv');
    expect(l!.args).toEqual({ k: [3, 5], s: [2, 2], p: [1, 1], out: 64 });
  });

  it.each([
    ['convv k=3', /unknown layer kind "convv"/],
    ['conv k=3 s=0', /s must be a positive integer/],
    ['conv k=3 q=1', /conv has no key "q"/],
    ['conv s=2', /conv needs "k"/],
    ['conv k=3; maxpool k=2 s', /layer 2 .*expected key=value/],
    ['relu x=1', /relu has no key "x"; it takes no keys/],
    ['', /no layers given/],
  ])('inline %j is rejected', (text, message) => {
    expect(() => parseInlineLayers(text)).toThrow(message);
  });

  it('YAML: positions of problems as file:line:col', () => {
    const text = 'input: [3, 32, 32]\nlayers:\n  - conv: {out: 16, k: 3, p: 1}\n  - relu\n  - maxpool: {k: 2, s: x}\n';
    expect(() => parseSpecYaml(text, 'net.yaml')).toThrow(SpecError);
    expect(() => parseSpecYaml(text, 'net.yaml')).toThrow(/^net\.yaml:5:21: maxpool s must be/);
    expect(() => parseSpecYaml('layers:\n  - conv: {k: 3}\n  - pooling\n', 'a.yaml')).toThrow(/^a\.yaml:3:5: unknown layer kind "pooling"/);
    expect(() => parseSpecYaml('layers: [conv: {k: 3}\n', 'b.yaml')).toThrow(/^b\.yaml:\d+:\d+: YAML syntax error/);
    expect(() => parseSpecYaml('input: [3, 32]\nlayers: [relu]\n', 'c.yaml')).toThrow(/^c\.yaml:1:8: input must be \[C, H, W\]/);
    expect(() => parseSpecYaml('layer: []\n', 'd.yaml')).toThrow(/^d\.yaml:1:1: unknown top-level key "layer"/);
  });

  it('YAML is data only: tags and aliases are refused, as in question banks', () => {
    expect(() => parseSpecYaml('layers:\n  - !js/function conv\n', 'e.yaml')).toThrow(/^e\.yaml:2:18: YAML tags \(!js\/function\) are not allowed/);
    expect(() => parseSpecYaml('input: &i [3, 8, 8]\nlayers: [relu]\nname: *i\n', 'f.yaml')).toThrow(/^f\.yaml:3:7: YAML aliases/);
  });

  it('YAML: a valid spec', () => {
    const spec = parseSpecYaml('input: [3, 224, 224]\nlayers:\n  - conv: {out: 64, k: 3, p: 1}\n  - relu\n  - {maxpool: {k: 2, s: 2}, name: pool1}\n', 'net.yaml');
    expect(spec.input).toEqual([3, 224, 224]);
    expect(spec.layers.map((l) => l.kind)).toEqual(['conv', 'relu', 'maxpool']);
    expect(spec.layers[2]!.name).toBe('pool1');
  });
});
