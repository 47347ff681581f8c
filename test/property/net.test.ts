import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/core/net/analyse';
import { conv } from '../../src/core/conv';
import { receptiveField } from '../../src/core/rf';
import { blockNode, geometry, isBlock, normaliseLayer, SpecError, type LayerNode } from '../../src/core/spec';

/** A conv or pool with small random settings (square), or a shape-keeping layer. */
const leafArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('conv'), out: fc.integer({ min: 1, max: 8 }), k: fc.integer({ min: 1, max: 5 }), s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: 2 }), d: fc.integer({ min: 1, max: 2 }), g: fc.integer({ min: 0, max: 3 }), bias: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('maxpool'), out: fc.constant(0), k: fc.integer({ min: 1, max: 3 }), s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: 1 }), d: fc.constant(1), g: fc.constant(0), bias: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('relu', 'bn'), out: fc.constant(0), k: fc.constant(1), s: fc.constant(1), p: fc.constant(0), d: fc.constant(1), g: fc.constant(0), bias: fc.constant(false) }) },
);
type Leaf = typeof leafArb extends fc.Arbitrary<infer T> ? T : never;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Turns drawn settings into layers, choosing conv groups that divide the channels and pool padding PyTorch allows. */
function toLayers(leaves: Leaf[], cin: number): { layers: LayerNode[]; c: number } {
  let c = cin;
  const layers = leaves.map((l) => {
    if (l.kind === 'conv') {
      const divisors = [1, 2, 3, 4].filter((g) => c % g === 0 && l.out % g === 0 && gcd(c, l.out) % g === 0);
      const groups = divisors[l.g % divisors.length]!;
      c = l.out;
      return normaliseLayer('conv', { out: l.out, k: l.k, s: l.s, p: l.p, d: l.d, groups, bias: l.bias }, 'prop');
    }
    if (l.kind === 'maxpool') return normaliseLayer('maxpool', { k: l.k, s: l.s, p: Math.min(l.p, Math.floor(l.k / 2)), ceil: l.bias }, 'prop');
    return normaliseLayer(l.kind, {}, 'prop');
  });
  return { layers, c };
}

/** Runs fn, or reports that the drawn net is impossible (a size shrank to zero). */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SpecError) return null;
    throw e;
  }
}

describe('a sequential conv stack', () => {
  it('has the totals of core/conv.ts applied layer by layer, and the receptive field of core/rf.ts', () => {
    fc.assert(fc.property(
      fc.array(leafArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 8, max: 40 }), fc.integer({ min: 1, max: 3 }),
      (leaves, cin, n, batch) => {
        const { layers } = toLayers(leaves, cin);
        const s = attempt(() => summarise({ input: [cin, n, n], layers }, { batch }));
        if (!s) return;
        let params = 0;
        let macs = 0;
        let acts = 0;
        s.rows.forEach((row, i) => {
          const l = layers[i]!;
          if (l.kind !== 'conv') return;
          const g = geometry(l);
          const r = conv({ h: row.input.h, w: row.input.w, c: row.input.c, k: l.args.out as number, fh: g.k[0], s: g.s[0], p: g.p[0], d: g.d[0], groups: l.args.groups as number, bias: l.args.bias as boolean, batch });
          expect([row.output.h, row.output.w]).toEqual([r.output.h, r.output.w]);
          params += r.params!;
          macs += r.macs!;
          acts += r.activations!;
        });
        const convRows = s.rows.filter((r) => r.kind === 'conv');
        expect(convRows.reduce((t, r) => t + r.params, 0)).toBe(params);
        expect(s.totals.macs).toBe(macs);
        expect(convRows.reduce((t, r) => t + r.activations, 0)).toBe(acts);
        const rf = receptiveField(layers, { h: n, w: n });
        s.rows.forEach((row, i) => {
          expect(row.rf.h).toEqual(rf.layers[i]!.h);
        });
      },
    ), { numRuns: 300 });
  });
});

/**
 * Brute force along one axis: unit q of a layer depends on the units
 * q·s − p + i·d (i < k) of the layer below, the grid extended into the
 * padding; a merge sees the union of its paths. Returns [lo, hi] in input pixels.
 */
type Span = (q: number) => [number, number];

function memo(f: Span): Span {
  const cache = new Map<number, [number, number]>();
  return (q) => {
    let v = cache.get(q);
    if (!v) cache.set(q, (v = f(q)));
    return v;
  };
}

function spanOf(node: LayerNode, below: Span): Span {
  if (!isBlock(node)) {
    const g = geometry(node);
    if (g.sizing === 'none') return below;
    const [k, s, p, d] = [g.k[0], g.s[0], g.p[0], g.d[0]];
    return memo((q) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < k; i++) {
        const [a, b] = below(q * s - p + i * d);
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      return [lo, hi];
    });
  }
  const path = (list: LayerNode[] | undefined, from: Span) => (list ?? []).reduce((f, n) => spanOf(n, f), from);
  const union = (fs: Span[]): Span => memo((q) => {
    const spans = fs.map((f) => f(q));
    return [Math.min(...spans.map((x) => x[0])), Math.max(...spans.map((x) => x[1]))];
  });
  if (node.kind === 'residual') return path(node.post, union([path(node.body, below), path(node.shortcut, below)]));
  if (node.kind === 'concat') return union((node.branches ?? []).map((b) => path(b, below)));
  return path(node.body, below);
}

/** A block whose paths end at the same size: a residual (identity or projection) or a two-branch concat. */
const blockArb = fc.record({
  kind: fc.constantFrom('residual', 'concat'),
  a: fc.record({ k: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 0, max: 2 }), d: fc.integer({ min: 1, max: 2 }) }),
  b: fc.record({ k: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 0, max: 2 }) }),
  // Strides up to 4 let paths end at the same size with different centres (k=3 p=0 and k=2 p=1 on 15 → 4).
  s: fc.integer({ min: 1, max: 4 }),
  extra: fc.boolean(),
});
type BlockDraw = typeof blockArb extends fc.Arbitrary<infer T> ? T : never;

function sizeAfter(n: number, k: number, s: number, p: number, d = 1): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

function toBlock(b: BlockDraw, c: number, n: number): { node: LayerNode; n: number } | null {
  const na = sizeAfter(n, b.a.k, b.s, b.a.p, b.a.d);
  let nb = sizeAfter(n, b.b.k, b.s, b.b.p);
  // When the second path would end at another size, it becomes a 1×1 projection of the same stride when that fits, else a copy of the first.
  let bk = b.b.k;
  let bp = b.b.p;
  let bd = 1;
  if (nb !== na) {
    if (sizeAfter(n, 1, b.s, 0) === na) [bk, bp, nb] = [1, 0, na];
    else [bk, bp, bd, nb] = [b.a.k, b.a.p, b.a.d, na];
  }
  if (na < 1 || nb < 1) return null;
  const convA = normaliseLayer('conv', { out: c, k: b.a.k, s: b.s, p: b.a.p, d: b.a.d }, 'prop');
  const tail = b.extra ? [normaliseLayer('conv', { out: c, k: 3, p: 1 }, 'prop')] : [];
  const convB = normaliseLayer('conv', { out: c, k: bk, s: b.s, p: bp, d: bd }, 'prop');
  const identityFits = b.s === 1 && na === n && b.kind === 'residual';
  const node = b.kind === 'residual'
    ? blockNode('residual', { body: [convA, ...tail], shortcut: identityFits && b.extra ? [] : [convB], post: [normaliseLayer('relu', {}, 'prop')] }, 'prop')
    : blockNode('concat', { branches: [[convA, ...tail], [convB]] }, 'prop');
  return { node, n: na };
}

describe('receptive fields through blocks', () => {
  it('match the brute-force pixel dependencies: rf, centre, jump and padding of the last layer', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(blockArb.map((b) => ({ block: b })), leafArb.map((l) => ({ leaf: l }))), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 12, max: 40 }),
      (items, n0) => {
        const c = 2;
        const layers: LayerNode[] = [];
        let n = n0;
        for (const it of items) {
          if ('block' in it) {
            const b = toBlock(it.block, c, n);
            if (!b) return;
            layers.push(b.node);
            n = b.n;
          } else {
            const leaf = it.leaf.kind === 'conv' ? { ...it.leaf, out: c, g: 0 } : it.leaf;
            layers.push(toLayers([leaf], c).layers[0]!);
          }
        }
        const s = attempt(() => summarise({ input: [c, n0, n0], layers }));
        if (!s) return;
        const span = layers.reduce<Span>((f, node) => spanOf(node, f), (q) => [q, q]);
        const [lo0, hi0] = span(0);
        const [lo1] = span(1);
        const last = s.rows[s.rows.length - 1]!.rf.h;
        const rf = hi0 - lo0 + 1;
        if (s.notes.length === 0) {
          expect(last.rf).toBe(rf);
          expect(last.start).toBe((lo0 + hi0) / 2);
          expect(last.padding).toBe(0 - lo0);
          expect(last.jump).toBe(lo1 - lo0);
        }
        // The lead's rf command walks blocks with the same formulas.
        expect(receptiveField(layers, { h: n0, w: n0 }).h).toEqual(last);
      },
    ), { numRuns: 600 });
  });
});
