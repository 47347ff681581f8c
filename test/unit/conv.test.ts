import { tr } from '../../src/core/text';
import { describe, expect, it } from 'vitest';
import { conv, explainConv } from '../../src/core/conv';
import { InputError } from '../../src/core/errors';

describe('conv', () => {
  it('CS231n: 32x32x3 input, ten 5x5 filters, stride 1, pad 2', () => {
    const r = conv({ h: 32, c: 3, k: 10, fh: 5, s: 1, p: 2 });
    expect(r.output).toEqual({ h: 32, w: 32, c: 10 });
    expect(r.params).toBe(760); // (5*5*3 + 1) * 10
    expect(r.weights).toBe(750);
    expect(r.biases).toBe(10);
    expect(r.macs).toBe(32 * 32 * 10 * 5 * 5 * 3);
    expect(r.flops).toBe(2 * r.macs!);
    expect(r.activations).toBe(10240);
    expect(r.bytes).toBe(40960);
    expect(r.exact).toBe(true);
  });

  it('AlexNet conv1 (paper): 227x227x3, 96 11x11 filters, stride 4 -> 55x55x96, 34,944 params', () => {
    const r = conv({ h: 227, c: 3, k: 96, fh: 11, s: 4, p: 0 });
    expect(r.output).toEqual({ h: 55, w: 55, c: 96 });
    expect(r.params).toBe(34944);
    expect(r.macs).toBe(55 * 55 * 96 * 11 * 11 * 3); // 105,415,200
  });

  it('VGG-16 conv1_1: 224x224x3 -> 224x224x64, 1,792 params, 86.7M MACs', () => {
    const r = conv({ h: 224, c: 3, k: 64, fh: 3, s: 1, p: 1 });
    expect(r.params).toBe(1792);
    expect(r.macs).toBe(86704128);
  });

  it('depthwise 3x3 on 32 channels: 9*32 + 32 params', () => {
    const r = conv({ h: 56, c: 32, k: 32, fh: 3, p: 1, groups: 32 });
    expect(r.params).toBe(320);
    expect(r.macs).toBe(56 * 56 * 32 * 9);
  });

  it('grouped conv: AlexNet-style groups=2', () => {
    const r = conv({ h: 27, c: 96, k: 256, fh: 5, p: 2, groups: 2 });
    expect(r.weights).toBe(5 * 5 * 48 * 256);
  });

  it('no bias', () => {
    expect(conv({ h: 8, c: 64, k: 64, fh: 3, p: 1, bias: false }).params).toBe(36864);
  });

  it('rectangular input and kernel', () => {
    const r = conv({ h: 32, w: 16, fh: 3, fw: 5, p: 1 });
    expect(r.output).toEqual({ h: 32, w: 14 });
  });

  it("padding 'same' and 'valid'", () => {
    expect(conv({ h: 17, fh: 4, p: 'same' }).output.h).toBe(17);
    expect(conv({ h: 17, fh: 3, p: 'valid' }).output.h).toBe(15);
    expect(() => conv({ h: 17, fh: 3, s: 2, p: 'same' })).toThrow(InputError);
  });

  it('transposed conv: size, params and MACs', () => {
    const r = conv({ h: 7, c: 64, k: 32, fh: 3, s: 2, p: 1, transpose: true, outputPadding: 1 });
    expect(r.output).toEqual({ h: 14, w: 14, c: 32 });
    expect(r.params).toBe(3 * 3 * 64 * 32 + 32);
    expect(r.macs).toBe(7 * 7 * 64 * 3 * 3 * 32);
  });

  it('batch multiplies MACs and activations, not parameters', () => {
    const one = conv({ h: 32, c: 3, k: 10, fh: 5, p: 2 });
    const eight = conv({ h: 32, c: 3, k: 10, fh: 5, p: 2, batch: 8 });
    expect(eight.params).toBe(one.params);
    expect(eight.macs).toBe(8 * one.macs!);
    expect(eight.activations).toBe(8 * one.activations!);
  });

  it('rejects channels not divisible by groups, naming the field', () => {
    try {
      conv({ h: 8, c: 10, k: 8, fh: 3, groups: 4 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('groups');
    }
  });

  it('worked solution says 4.5 does not tile and that PyTorch floors to 4', () => {
    const text = explainConv({ h: 10, fh: 3, s: 2 }).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('4.5');
    expect(text).toMatch(/does not tile/);
    expect(text).toMatch(/PyTorch floors: ⌊7\/2⌋ \+ 1 = 4/);
    expect(text).toMatch(/The last row of the padded input is never covered/);
  });
});
