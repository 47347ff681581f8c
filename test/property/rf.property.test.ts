/**
 * Receptive fields against brute force: take one output unit and propagate
 * the set of input pixels it depends on back through every layer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receptiveField } from '../../src/core/rf';
import { normaliseLayer, SpecError, type LayerNode } from '../../src/core/spec';

interface L { kind: 'conv' | 'maxpool'; k: number; s: number; p: number; d: number }

const layerArb: fc.Arbitrary<L> = fc.oneof(
  fc.record({ kind: fc.constant('conv' as const), k: fc.integer({ min: 1, max: 7 }), s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: 3 }), d: fc.integer({ min: 1, max: 3 }) }),
  fc.integer({ min: 1, max: 4 }).chain((k) =>
    fc.record({ kind: fc.constant('maxpool' as const), k: fc.constant(k), s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: Math.floor(k / 2) }), d: fc.constant(1) })),
);

function toNodes(ls: L[]): LayerNode[] {
  return ls.map((l) => normaliseLayer(l.kind, l.kind === 'conv' ? { k: l.k, s: l.s, p: l.p, d: l.d } : { k: l.k, s: l.s, p: l.p }, 'test'));
}

/** Output positions of a window of k taps d apart, moved s at a time over n pixels padded by p on each side (PyTorch's floor mode). */
function fullWindows(n: number, k: number, s: number, p: number, d: number): number {
  let count = 0;
  for (let start = -p; start + d * (k - 1) <= n - 1 + p; start += s) count++;
  return count;
}

/** Input pixels (unclipped, infinite input) that output unit `u` of the last layer depends on. */
function dependencies(ls: L[], u: number): Set<number> {
  let set = new Set([u]);
  for (let i = ls.length - 1; i >= 0; i--) {
    const { k, s, p, d } = ls[i]!;
    const next = new Set<number>();
    for (const o of set) for (let t = 0; t < k; t++) next.add(o * s - p + d * t);
    set = next;
  }
  return set;
}

describe('receptiveField vs dependency propagation', () => {
  it('rf = extent of the dependencies, start = their centre for unit 0, jump = shift between units', () => {
    fc.assert(
      fc.property(fc.array(layerArb, { minLength: 1, maxLength: 5 }), (ls) => {
        const r = receptiveField(toNodes(ls));
        const dep0 = [...dependencies(ls, 0)];
        const dep1 = [...dependencies(ls, 1)];
        const min0 = Math.min(...dep0);
        const max0 = Math.max(...dep0);
        expect(r.h.rf).toBe(max0 - min0 + 1);
        expect(r.h.start).toBe((min0 + max0) / 2);
        expect(r.h.jump).toBe(Math.min(...dep1) - min0);
        expect(r.h.padding).toBe(0 - min0);
      }),
      { numRuns: 1000 },
    );
  });

  it('per-layer output sizes are the window positions that fit; a layer with none is refused', () => {
    // The reference sizes are counted here window by window, not taken from core/size.ts (which rf.ts itself calls).
    let sized = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(layerArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 4, max: 64 }), (ls, n) => {
        let size = n;
        const expected: number[] = [];
        for (const l of ls) {
          size = fullWindows(size, l.k, l.s, l.p, l.d);
          if (size < 1) break;
          expected.push(size);
        }
        if (expected.length < ls.length) {
          expect(() => receptiveField(toNodes(ls), { h: n, w: n })).toThrow(SpecError);
          refused += 1;
          return;
        }
        const r = receptiveField(toNodes(ls), { h: n, w: n });
        expect(r.layers.map((x) => x.h.size)).toEqual(expected);
        expect(r.layers.map((x) => x.w.size)).toEqual(expected);
        sized += 1;
      }),
      { numRuns: 500 },
    );
    // Both branches must be exercised for the property to mean anything.
    expect(sized + refused).toBe(500);
    expect(sized).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(10);
  });
});
