import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalPdf } from '../../src/core/erf';

// Reference values: Abramowitz & Stegun table 7.1 / Python's math.erf (correctly rounded).
describe('erf', () => {
  it.each([
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2, 0.9953222650189527],
    [2.5, 0.999593047982555],
    [3, 0.9999779095030014],
    [-1, -0.8427007929497149],
  ])('erf(%d) = %d', (x, v) => {
    expect(Math.abs(erf(x) - v)).toBeLessThan(1e-15);
  });

  it('keeps relative accuracy in the right tail of erfc', () => {
    expect(Math.abs(erfc(3) / 2.2090496998585438e-5 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(5) / 1.5374597944280351e-12 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(10) / 2.088487583762545e-45 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(-3) - (2 - 2.2090496998585438e-5))).toBeLessThan(1e-15);
  });

  it('gives Φ and φ of the standard normal', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });
});
