import { describe, expect, it } from 'vitest';
import { bnParams, compareSeparable, compareStack, convParams, fcParams } from '../../src/core/params';

describe('params', () => {
  it.each([
    // [fh, fw, c, k, groups, bias, params]
    [5, 5, 3, 10, 1, true, 760],
    [3, 3, 64, 128, 1, true, 73856], // VGG conv2_1
    [3, 3, 512, 512, 1, true, 2359808], // VGG conv5_x
    [1, 1, 256, 64, 1, false, 16384], // ResNet bottleneck reduce (bias=False)
    [3, 3, 32, 32, 32, false, 288], // MobileNetV2 depthwise
    [7, 7, 3, 64, 1, false, 9408], // ResNet stem
  ])('conv %ix%i C=%i K=%i groups=%i bias=%s -> %i', (fh, fw, c, k, groups, bias, params) => {
    expect(convParams({ fh, fw, c, k, groups, bias }).params).toBe(params);
  });

  it('fully connected layers of VGG-16', () => {
    expect(fcParams(512 * 7 * 7, 4096).params).toBe(102764544);
    expect(fcParams(4096, 4096).params).toBe(16781312);
    expect(fcParams(4096, 1000).params).toBe(4097000);
  });

  it('BatchNorm2d: 2C learnable, 2C buffers', () => {
    expect(bnParams(64)).toEqual({ weights: 64, biases: 64, params: 128, buffers: 128 });
    expect(bnParams(64, false).params).toBe(0);
  });

  it("the course's comparison: three 3x3 vs one 7x7 is 27C² vs 49C²", () => {
    const r = compareStack(3, 3, 64);
    expect(r.rf).toBe(7);
    expect(r.stackCoeff).toBe(27);
    expect(r.singleCoeff).toBe(49);
    expect(r.stackWeights).toBe(27 * 64 * 64);
    expect(r.singleWeights).toBe(49 * 64 * 64);
  });

  it('two 3x3 vs one 5x5: 18C² vs 25C²', () => {
    const r = compareStack(2, 3, 10);
    expect([r.singleF, r.stackCoeff, r.singleCoeff]).toEqual([5, 18, 25]);
  });

  it('depthwise separable ratio ≈ 1/K + 1/F²', () => {
    const r = compareSeparable(3, 32, 64, false);
    expect(r.separable).toBe(9 * 32 + 32 * 64);
    expect(r.standard).toBe(9 * 32 * 64);
    expect(r.ratio).toBeCloseTo(1 / 64 + 1 / 9, 12);
  });
});
