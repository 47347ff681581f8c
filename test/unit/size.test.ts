import { describe, expect, it } from 'vitest';
import { convOutSize, convTransposeOutSize, poolOutSize, samePadding } from '../../src/core/size';
import { InputError } from '../../src/core/errors';

describe('convOutSize', () => {
  // [n, k, s, p, d, out, exact] — course and CS231n worked numbers
  const table: Array<[number, number, number, number, number, number, boolean]> = [
    [32, 5, 1, 2, 1, 32, true], // CS231n: 32x32x3 input, 5x5 filters, pad 2 -> 32
    [32, 5, 1, 0, 1, 28, true], // CS231n: no padding -> 28
    [7, 3, 1, 0, 1, 5, true], // CS231n 7x7 input, 3x3 filter, stride 1 -> 5
    [7, 3, 2, 0, 1, 3, true], // stride 2 -> 3
    [7, 3, 3, 0, 1, 2, false], // stride 3 doesn't fit: (7-3)/3+1 = 2.33
    [10, 3, 2, 0, 1, 4, false], // the notes' W=10, F=3, P=0, S=2: 4.5 -> PyTorch 4
    [227, 11, 4, 0, 1, 55, true], // AlexNet conv1 (paper's 227 input)
    [224, 7, 2, 3, 1, 112, false], // ResNet stem: (224+6-7)/2+1 = 112.5 -> 112
    [32, 3, 1, 2, 2, 32, true], // dilation 2 keeps size with p=2
    [5, 3, 1, 0, 2, 1, true], // dilated 3x3 spans 5
  ];
  it.each(table)('n=%i k=%i s=%i p=%i d=%i -> %i', (n, k, s, p, d, out, exact) => {
    const r = convOutSize({ n, k, s, p, d });
    expect(r.out).toBe(out);
    expect(r.exact).toBe(exact);
  });

  it('reports the unfloored value and the uncovered columns', () => {
    const r = convOutSize({ n: 10, k: 3, s: 2, p: 0, d: 1 });
    expect(r.raw).toBe(4.5);
    expect(r.uncovered).toBe(1);
  });

  it('rejects a kernel larger than the padded input', () => {
    expect(() => convOutSize({ n: 3, k: 5, s: 1, p: 0, d: 1 })).toThrow(InputError);
    expect(() => convOutSize({ n: 3, k: 5, s: 1, p: 1, d: 1 })).not.toThrow();
  });

  it('rejects zero stride', () => {
    expect(() => convOutSize({ n: 8, k: 3, s: 0, p: 0, d: 1 })).toThrow(/stride/);
  });
});

describe('poolOutSize', () => {
  // [n, k, s, p, ceil, out] — values as torch.nn.MaxPool2d gives them
  const table: Array<[number, number, number, number, boolean, number]> = [
    [224, 2, 2, 0, false, 112],
    [112, 3, 2, 1, false, 56], // ResNet maxpool
    [55, 3, 2, 0, false, 27], // AlexNet
    [5, 2, 2, 0, false, 2],
    [5, 2, 2, 0, true, 3], // ceil keeps the partial window starting at 4 < 5
    [6, 3, 3, 1, true, 3], // ceil: raw (6+2-3)/3+1=2.67 -> 3; third window starts at 6 < 6+1 -> kept
    [4, 2, 2, 1, true, 3], // ceil: (4+2-2)/2+1 = 3 exact
    [112, 3, 2, 0, true, 56], // GoogLeNet-style ceil pooling: (112-3)/2+1 = 55.5 -> 56
    [3, 2, 2, 1, true, 2], // ceil would give 3, but the 3rd window starts at 4 >= 3+1: dropped
  ];
  it.each(table)('n=%i k=%i s=%i p=%i ceil=%s -> %i', (n, k, s, p, ceil, out) => {
    expect(poolOutSize({ n, k, s, p, d: 1, ceil }).out).toBe(out);
  });

  it('flags the window PyTorch drops in ceil mode', () => {
    expect(poolOutSize({ n: 3, k: 2, s: 2, p: 1, d: 1, ceil: true }).droppedLastWindow).toBe(true);
  });

  it('enforces padding <= kernel/2', () => {
    expect(() => poolOutSize({ n: 8, k: 2, s: 2, p: 2, d: 1, ceil: false })).toThrow(/at most half/);
    expect(() => poolOutSize({ n: 8, k: 3, s: 2, p: 1, d: 1, ceil: false })).not.toThrow();
  });
});

describe('convTransposeOutSize', () => {
  it.each([
    // [n, k, s, p, op, out]
    [7, 3, 2, 1, 1, 14], // doubles with output_padding 1
    [4, 4, 2, 1, 0, 8], // DCGAN-style 4x4 stride 2 pad 1
    [1, 4, 1, 0, 0, 4],
  ])('n=%i k=%i s=%i p=%i op=%i -> %i', (n, k, s, p, op, out) => {
    expect(convTransposeOutSize({ n, k, s, p, d: 1, outputPadding: op })).toBe(out);
  });
  it('requires output_padding < stride', () => {
    expect(() => convTransposeOutSize({ n: 4, k: 3, s: 1, p: 0, d: 1, outputPadding: 1 })).toThrow(/output padding/);
  });
});

describe('samePadding', () => {
  it('puts the odd extra on the trailing side', () => {
    expect(samePadding(4, 1, 1)).toEqual({ p: 1, pr: 2 });
    expect(samePadding(3, 2, 1)).toEqual({ p: 2, pr: 2 });
  });
  it('is refused with stride > 1', () => {
    expect(() => samePadding(3, 1, 2)).toThrow(/strided/);
  });
});
