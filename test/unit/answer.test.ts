import { describe, expect, it } from 'vitest';
import { checkNumber, checkTuple, normalizeExpression, parseAssignments, parseNumber, unreadableNumber } from '../../src/core/answer';
import { tr } from '../../src/core/text';

describe('parseNumber', () => {
  it.each([
    ['760', 760],
    ['-0.39', -0.39],
    ['1e-3', 0.001],
    ['3/4', 0.75],
    ['138,357,544', 138357544],
    ['15.47G', 15.47e9],
    ['4.5 M', 4.5e6],
    ['−2', -2],
    ['.5', 0.5],
  ])('%s -> %d', (text, value) => {
    expect(parseNumber(text)!.value).toBeCloseTo(value, 9);
  });
  it('reads exponents exactly', () => {
    expect(parseNumber('1e-4')!.value).toBe(0.0001);
    expect(parseNumber('2.5e-3')!.value).toBe(0.0025);
  });
  it.each(['', 'abc', '1,2', '1/0', '3x3'])('rejects %j', (t) => expect(parseNumber(t)).toBeNull());
});

describe('checkNumber', () => {
  it.each([
    ['0.73', 0.7310585786, true], // rounded to the 2 decimals given
    ['0.731', 0.7310585786, true],
    ['0.74', 0.7310585786, false],
    ['0.7', 0.7310585786, false], // one significant digit earns no rounding credit
    ['2.9', 2.9, true],
    ['3', 2.9, false],
    ['12.9', 12.94, true],
    ['760', 760, true],
    ['761', 760, false],
    ['138.4M', 138357544, true],
    ['138M', 138357544, true],
    ['139M', 138357544, false],
    ['5.27', 5.2667, true],
    ['-0.1', -0.099999998, true], // floating-point noise from Adam's ε
    ['0', 1e-13, true],
    ['0.1', 0.1001, false],
  ])('%s vs %d -> %s', (given, expected, ok) => {
    expect(checkNumber(given, expected).ok).toBe(ok);
  });
  it('applies explicit tolerances', () => {
    expect(checkNumber('0.5', 0.52, { abs: 0.05 }).ok).toBe(true);
    expect(checkNumber('100', 103, { rel: 0.05 }).ok).toBe(true);
    expect(checkNumber('100', 106, { rel: 0.05 }).ok).toBe(false);
  });
});

describe('checkTuple', () => {
  it('accepts any listed order', () => {
    const orders = [[32, 32, 10], [10, 32, 32]];
    expect(checkTuple('32x32x10', orders).ok).toBe(true);
    expect(checkTuple('10 × 32 × 32', orders).order).toBe(1);
    expect(checkTuple('(32, 32, 10)', orders).ok).toBe(true);
    expect(checkTuple('32x10x32', orders).ok).toBe(false);
    expect(tr(checkTuple('32x32', orders).reason, 'en')).toMatch(/expected 3 numbers/);
  });
});

describe('parseAssignments', () => {
  it('reads name=value lists', () => {
    expect([...parseAssignments('x=-4,y=-4,z=3')!]).toEqual([['x', '-4'], ['y', '-4'], ['z', '3']]);
    expect([...parseAssignments('output=32x32x10, params=760')!]).toEqual([['output', '32x32x10'], ['params', '760']]);
    expect([...parseAssignments('output=32,32,10 params=760')!]).toEqual([['output', '32,32,10'], ['params', '760']]);
  });
});

describe('named answers with primes', () => {
  it("reads H'=2, W'=2, K=64", () => {
    expect([...parseAssignments("H'=2, W'=2, K=64")!]).toEqual([["H'", '2'], ["W'", '2'], ['K', '64']]);
  });
});

describe('reading what a student types (issue 11)', () => {
  it.each([
    ['１２', 12],
    ['－３．５', -3.5],
    ['1，216', 1216],
    ['50%', 0.5],
    ['64 KiB', 65536],
    ['2 MB', 2e6],
    ['1.5 GFLOPs', 1.5e9],
    ['760 params', 760],
    ['1.2万', 12000],
    ['1.38亿', 1.38e8],
    ['~1.2k', 1200],
    ['≈1.2k', 1200],
    ['约 1.2k', 1200],
    ['4.', 4],
  ])('%s -> %d', (text, value) => {
    expect(parseNumber(text)!.value).toBeCloseTo(value, 9);
  });
  it('marks estimates and units', () => {
    expect(parseNumber('~1.2k')).toMatchObject({ approx: true, value: 1200 });
    expect(parseNumber('1.5 GFLOPs')).toMatchObject({ unit: 'flops' });
    expect(parseNumber('64 KiB')).toMatchObject({ unit: 'bytes', ulp: 1024 });
  });
  it.each(['four', '1,2', '64 Ki', '3 apples', '1/0', '~'])('rejects %j', (t) => expect(parseNumber(t)).toBeNull());
  it('explains what it cannot read', () => {
    expect(unreadableNumber('four').en).toBe('not a number: four — type 4, 4.0, 1/2, 3e-4, 1,216, 1.2M or ~1.2k for an estimate');
  });
});

describe('counts are exact (issue 11)', () => {
  it.each([
    ['1216', true, 'exact'],
    ['1,216', true, 'exact'],
    ['1.2k', false, 'a count must be exact: 1.2k is rounded (write ~1.2k for an estimate)'],
    ['~1.2k', true, 'approximately right (exact: 1,216)'],
    ['≈1.22k', true, 'approximately right (exact: 1,216)'],
    ['~1.3k', false, '1.3k is not a close estimate (exact: 1,216)'],
    ['1217', false, 'wrong value'],
  ])('%s for 1216 -> %s', (given, ok, reason) => {
    const v = checkNumber(given, 1216, undefined, true);
    expect(v.ok).toBe(ok);
    expect(tr(v.reason, 'en')).toBe(reason);
  });
  it('a whole-network count is not within a relative tolerance', () => {
    expect(checkNumber('138357680', 138357544, undefined, true).ok).toBe(false);
    // As a real value, the old 1e-6 relative slack still applies.
    expect(checkNumber('138357680', 138357544).ok).toBe(true);
  });
  it('tuples of integers are counts', () => {
    expect(checkTuple('32x32x10', [[32, 32, 10]]).ok).toBe(true);
    expect(checkTuple('32x32x10.4', [[32, 32, 10]]).ok).toBe(false);
  });
});

describe('expressions as typed on a Chinese keyboard (issue 11)', () => {
  it.each([
    ['√x', 'sqrt(x)'],
    ['√(x+1)', 'sqrt(x+1)'],
    ['2×x·y', '2*x*y'],
    ['（x＋y）÷２', '(x+y)/2'],
    ['s(1−s)', 's(1-s)'],
    ['x²+y³', 'x^2+y^3'],
    ['x**2', 'x^2'],
    ['π·r²', 'pi*r^2'],
  ])('%s -> %s', (typed, expected) => {
    expect(normalizeExpression(typed)).toBe(expected);
  });
});
