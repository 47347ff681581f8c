/**
 * How numbers are shown: counts with separators, huge numbers in plain
 * scientific notation (never "1,000,000,000,000,000,000,000" nor a
 * separator inside "1e+21"), and a verdict's right answer as a fraction or
 * 4 significant digits while --json keeps 10.
 */
import { describe, expect, it } from 'vitest';
import { checkQuantity } from '../../src/core/check';
import { fmtInt, fmtNum, fmtReal } from '../../src/core/format';
import { renderChecks } from '../../src/commands/output';

describe('fmtInt and fmtNum', () => {
  it.each([
    [0, '0'],
    [760, '760'],
    [1216, '1,216'],
    [-1216, '-1,216'],
    [138357544, '138,357,544'],
    [9.99e20, '999,000,000,000,000,000,000'],
    [1e21, '1e+21'],
    [1.5e21, '1.5e+21'],
    [123456789012345678901234, '1.23457e+23'],
    [-2e22, '-2e+22'],
  ])('fmtInt(%d) = %s', (n, s) => {
    expect(fmtInt(n)).toBe(s);
  });

  it.each([
    [0.7310585786, '0.731059'],
    [1e21, '1e+21'],
    [1e-5, '1e-5'],
    [6.123233995736766e-17, '6.12323e-17'],
    [-0.5, '-0.5'],
  ])('fmtNum(%d) = %s', (n, s) => {
    expect(fmtNum(n)).toBe(s);
  });
});

describe('fmtReal: the right answer as a verdict shows it', () => {
  it.each([
    [2 / 3, '2/3'],
    [5 / 6, '5/6'],
    [-7 / 12, '-7/12'],
    [0.1 + 0.2, '0.3'],
    [0.25, '0.25'],
    [79 / 15, '5.267'],
    [2.040355153, '2.04'],
    [0.7310585786, '0.7311'],
    [760, '760'],
    [1e21, '1e+21'],
  ])('fmtReal(%d) = %s', (n, s) => {
    expect(fmtReal(n)).toBe(s);
  });
});

describe('a verdict shows 2/3, --json keeps 10 digits', () => {
  it('a wrong answer to 2/3', () => {
    const c = checkQuantity({ label: 'p', expected: 2 / 3 }, '0.5');
    expect(c.ok).toBe(false);
    expect(c.expected).toBe('0.6666666667');
    expect(c.shown).toBe('2/3');
    expect(renderChecks([c], 'en')).toContain('you said 0.5, the answer is 2/3');
    expect(renderChecks([c], 'zh')).toContain('你的答案 0.5，正确答案 2/3');
  });

  it('a value that needs no shortening has no separate form', () => {
    const c = checkQuantity({ label: 'p', expected: 760 }, '750');
    expect(c.expected).toBe('760');
    expect(c.shown).toBeUndefined();
  });

  it('the shortened answer is itself graded right', () => {
    for (const x of [2 / 3, 2.040355153, 0.7310585786, 79 / 15]) {
      const c = checkQuantity({ label: 'p', expected: x, real: true }, fmtReal(x));
      expect(c.ok).toBe(true);
    }
  });
});
