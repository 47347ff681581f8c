/**
 * Output sizes against brute force: slide a window over the padded input and
 * count the positions where it fits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { convOutSize, convTransposeOutSize, poolOutSize } from '../../src/core/size';

/** Window starts (in padded coordinates) whose whole extent lies inside the padded input. */
function countFullWindows(n: number, k: number, s: number, pl: number, pr: number, d: number): number {
  const padded = n + pl + pr;
  const extent = d * (k - 1) + 1;
  let count = 0;
  for (let start = 0; start + extent <= padded; start += s) count++;
  return count;
}

const axis = fc.record({
  n: fc.integer({ min: 1, max: 60 }),
  k: fc.integer({ min: 1, max: 9 }),
  s: fc.integer({ min: 1, max: 5 }),
  p: fc.integer({ min: 0, max: 4 }),
  d: fc.integer({ min: 1, max: 3 }),
});

describe('convOutSize vs window counting', () => {
  it('equals the number of window positions that fit', () => {
    fc.assert(
      fc.property(axis, ({ n, k, s, p, d }) => {
        const extent = d * (k - 1) + 1;
        if (extent > n + 2 * p) {
          expect(() => convOutSize({ n, k, s, p, d })).toThrow();
          return;
        }
        const r = convOutSize({ n, k, s, p, d });
        expect(r.out).toBe(countFullWindows(n, k, s, p, p, d));
        // exact <=> the last window ends on the last padded pixel
        const lastEnd = (r.out - 1) * s + extent;
        expect(r.exact).toBe(lastEnd === n + 2 * p);
        expect(r.uncovered).toBe(n + 2 * p - lastEnd);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('poolOutSize vs window enumeration', () => {
  it('floor mode counts full windows; ceil mode adds one partial window that starts in the input or left padding', () => {
    fc.assert(
      fc.property(axis, fc.boolean(), ({ n, k, s, d }, ceil) => {
        const p = Math.min(Math.floor(k / 2), 2);
        const extent = d * (k - 1) + 1;
        const padded = n + 2 * p;
        const full = countFullWindows(n, k, s, p, p, d);
        let expected = full;
        if (ceil) {
          // ceil_mode: a window may overhang the padded input by less than a stride,
          // but must start inside the input or the left padding.
          expected = 0;
          for (let start = 0; start + extent <= padded + s - 1 && start < n + p; start += s) expected++;
        }
        if (expected < 1) {
          expect(() => poolOutSize({ n, k, s, p, d, ceil })).toThrow();
          return;
        }
        expect(poolOutSize({ n, k, s, p, d, ceil }).out).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('convTransposeOutSize', () => {
  it('is the input length whose conv gives back n with output_padding pixels left over (found by search); none is refused', () => {
    // The reference is a search over conv inputs with window counting, not the transposed formula.
    let sized = 0;
    let refused = 0;
    fc.assert(
      fc.property(axis, fc.integer({ min: 0, max: 4 }), ({ n, k, s, p, d }, op0) => {
        // output_padding < stride resolves the ambiguity of floor division, so exactly one length fits.
        const op = op0 % s;
        const extent = d * (k - 1) + 1;
        const fits: number[] = [];
        for (let m = 1; m <= n * s + extent + s; m++) {
          if (extent > m + 2 * p) continue;
          const windows = countFullWindows(m, k, s, p, p, d);
          if (windows === n && m + 2 * p - ((n - 1) * s + extent) === op) fits.push(m);
        }
        expect(fits.length).toBeLessThanOrEqual(1);
        if (fits.length === 0) {
          let error: unknown;
          try {
            convTransposeOutSize({ n, k, s, p, d, outputPadding: op });
          } catch (e) {
            error = e;
          }
          // Only "the padding removes the whole output" may refuse a valid stride/output_padding pair.
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).field).toBe('p');
          refused += 1;
          return;
        }
        expect(convTransposeOutSize({ n, k, s, p, d, outputPadding: op })).toBe(fits[0]);
        sized += 1;
      }),
      { numRuns: 2000 },
    );
    expect(sized + refused).toBe(2000);
    expect(sized).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(20);
  });
});
