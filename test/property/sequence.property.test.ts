/**
 * Sequence models against brute-force oracles: attention against a naive
 * (unshifted) softmax and its invariances; cell steps against a separate
 * implementation of PyTorch's formulas; BPTT against central differences;
 * parameter counts against counting every tensor element.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionCost, mhaParams, transformerLayerParams } from '../../src/core/attention';
import { bptt } from '../../src/core/bptt';
import { rnnParams, rnnRun, type CellKind } from '../../src/core/rnn';
import { cellStep } from '../../src/core/rnn-step';
import { sdpa, softmaxRow } from '../../src/core/sdpa';

const small = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });
const matrix = (rows: number, cols: number) => fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** n queries, m keys of width dk, values of width dv. */
const attentionCase = fc.record({ n: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 4 }), dk: fc.integer({ min: 1, max: 4 }), dv: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, m, dk, dv }) => fc.record({ q: matrix(n, dk), k: matrix(m, dk), v: matrix(m, dv) }));

/** The definition with no shift: fine for these small scores. */
function naiveAttention(q: number[][], k: number[][], v: number[][], allowed: (i: number, j: number) => boolean): number[][] {
  const dk = q[0]!.length;
  return q.map((qi, i) => {
    const e = k.map((kj, j) => (allowed(i, j) ? Math.exp(qi.reduce((s, x, t) => s + x * kj[t]!, 0) / Math.sqrt(dk)) : 0));
    const z = e.reduce((a, b) => a + b, 0);
    return v[0]!.map((_, c) => e.reduce((s, w, j) => s + (w / z) * v[j]![c]!, 0));
  });
}

describe('scaled dot-product attention', () => {
  it('softmax rows are non-negative and sum to 1; the output matches the naive definition', () => {
    fc.assert(fc.property(attentionCase, ({ q, k, v }) => {
      const r = sdpa({ q, k, v });
      for (const row of r.weights) {
        expect(row.every((w) => w >= 0)).toBe(true);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
      const naive = naiveAttention(q, k, v, () => true);
      r.output.forEach((row, i) => row.forEach((x, c) => expect(x).toBeCloseTo(naive[i]![c]!, 10)));
    }));
  });

  it('causal weights above the diagonal are 0 and the rest match the naive masked definition', () => {
    fc.assert(fc.property(attentionCase, ({ q, k, v }) => {
      const r = sdpa({ q, k, v, causal: true });
      r.weights.forEach((row, i) => row.forEach((w, j) => {
        if (j > i) expect(w).toBe(0);
      }));
      const naive = naiveAttention(q, k, v, (i, j) => j <= i);
      r.output.forEach((row, i) => row.forEach((x, c) => expect(x).toBeCloseTo(naive[i]![c]!, 10)));
    }));
  });

  it('adding a constant to a row of scores changes no weight (softmax shift invariance)', () => {
    fc.assert(fc.property(fc.array(small, { minLength: 1, maxLength: 6 }), fc.double({ min: -500, max: 500, noNaN: true }), (row, shift) => {
      const a = softmaxRow(row).probs;
      const b = softmaxRow(row.map((x) => x + shift)).probs;
      a.forEach((p, j) => expect(b[j]).toBeCloseTo(p, 9));
    }));
  });

  it('never overflows: huge scores give finite weights that sum to 1', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 100, max: 1000, noNaN: true }), { minLength: 2, maxLength: 5 }), (big) => {
      const r = sdpa({ q: [[1]], k: big.map((x) => [x]), v: big.map(() => [1]) });
      expect(r.weights[0]!.every(Number.isFinite)).toBe(true);
      expect(r.weights[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }));
  });
});

const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** PyTorch's cells written out again, element by element, as the docs state them. */
function oracleStep(kind: CellKind, x: number[], h: number[], c: number[], wIh: number[][], wHh: number[][], bIh: number[], bHh: number[]): { h: number[]; c?: number[] } {
  const H = h.length;
  const lin = (w: number[][], v: number[], b: number[], row: number) => w[row]!.reduce((s, a, j) => s + a * v[j]!, 0) + b[row]!;
  const out: number[] = [];
  const cell: number[] = [];
  for (let u = 0; u < H; u++) {
    const gate = (g: number) => lin(wIh, x, bIh, g * H + u) + lin(wHh, h, bHh, g * H + u);
    if (kind === 'rnn') out.push(Math.tanh(gate(0)));
    else if (kind === 'lstm') {
      const ct = sig(gate(1)) * c[u]! + sig(gate(0)) * Math.tanh(gate(2));
      cell.push(ct);
      out.push(sig(gate(3)) * Math.tanh(ct));
    } else {
      const r = sig(gate(0));
      const z = sig(gate(1));
      const n = Math.tanh(lin(wIh, x, bIh, 2 * H + u) + r * lin(wHh, h, bHh, 2 * H + u));
      out.push((1 - z) * n + z * h[u]!);
    }
  }
  return kind === 'lstm' ? { h: out, c: cell } : { h: out };
}

const cellCase = fc.record({ kind: fc.constantFrom<CellKind>('rnn', 'lstm', 'gru'), D: fc.integer({ min: 1, max: 3 }), H: fc.integer({ min: 1, max: 3 }) })
  .chain(({ kind, D, H }) => {
    const G = kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
    const vec = (n: number) => fc.array(small, { minLength: n, maxLength: n });
    return fc.record({
      kind: fc.constant(kind), x: vec(D), h: vec(H), c: vec(H), wIh: matrix(G * H, D), wHh: matrix(G * H, H), bIh: vec(G * H), bHh: vec(G * H),
    });
  });

describe('cell steps', () => {
  it('agree with the formulas written out per unit', () => {
    fc.assert(fc.property(cellCase, ({ kind, x, h, c, wIh, wHh, bIh, bHh }) => {
      const s = cellStep({ kind, x, h, ...(kind === 'lstm' ? { c } : {}), wIh, wHh, bIh, bHh });
      const o = oracleStep(kind, x, h, c, wIh, wHh, bIh, bHh);
      s.h.forEach((v, k) => expect(v).toBeCloseTo(o.h[k]!, 12));
      if (o.c) s.c!.forEach((v, k) => expect(v).toBeCloseTo(o.c![k]!, 12));
    }));
  });
});

describe('backpropagation through time', () => {
  const hT = (w: number, u: number, h0: number, x: number[]) => x.reduce((h, xt) => Math.tanh(w * h + u * xt), h0);
  it('∂h_T/∂h_0, ∂h_T/∂w and ∂h_T/∂u match central differences', () => {
    fc.assert(fc.property(
      fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }),
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
      (w, u, h0, x) => {
        const r = bptt({ w, u, h0, x }).rnn!;
        const e = 1e-6;
        expect(r.grad).toBeCloseTo((hT(w, u, h0 + e, x) - hT(w, u, h0 - e, x)) / (2 * e), 6);
        expect(r.dw).toBeCloseTo((hT(w + e, u, h0, x) - hT(w - e, u, h0, x)) / (2 * e), 6);
        expect(r.du).toBeCloseTo((hT(w, u + e, h0, x) - hT(w, u - e, h0, x)) / (2 * e), 6);
        expect(Math.abs(r.grad)).toBeLessThanOrEqual(Math.abs(w) ** x.length + 1e-12);
      },
    ));
  });
});

describe('counts grow as the formulas say', () => {
  const dims = fc.record({ D: fc.integer({ min: 1, max: 64 }), H: fc.integer({ min: 1, max: 64 }), L: fc.integer({ min: 1, max: 3 }), bi: fc.boolean(), bias: fc.boolean() });

  it('every count equals the elements of the tensors PyTorch creates; LSTM = 4×, GRU = 3× the RNN\'s', () => {
    fc.assert(fc.property(dims, ({ D, H, L, bi, bias }) => {
      const spec = { input: D, hidden: H, layers: L, bidirectional: bi, bias };
      const dirs = bi ? 2 : 1;
      let brute = 0;
      for (let l = 0; l < L; l++) for (let d = 0; d < dirs; d++) brute += H * (l === 0 ? D : H * dirs) + H * H + (bias ? 2 * H : 0);
      const rnn = rnnParams({ kind: 'rnn', ...spec }).params;
      expect(rnn).toBe(brute);
      expect(rnnParams({ kind: 'lstm', ...spec }).params).toBe(4 * rnn);
      expect(rnnParams({ kind: 'gru', ...spec }).params).toBe(3 * rnn);
    }));
  });

  it('one layer: bidirectional doubles; a run costs T × one step', () => {
    fc.assert(fc.property(dims, fc.integer({ min: 1, max: 50 }), ({ D, H }, T) => {
      expect(rnnParams({ kind: 'gru', input: D, hidden: H, bidirectional: true }).params).toBe(2 * rnnParams({ kind: 'gru', input: D, hidden: H }).params);
      const r = rnnRun({ kind: 'lstm', input: D, hidden: H, seq: T });
      expect(r.macs).toBe(T * r.macsStep);
      expect(r.macsStep).toBe(4 * H * (D + H));
    }));
  });

  it('attention: parameters do not depend on the heads; doubling n doubles the projections and quadruples QKᵀ', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 300 }), (h, dk, n) => {
      const d = h * dk;
      expect(mhaParams(d, h).params).toBe(mhaParams(d, 1).params);
      expect(transformerLayerParams('decoder', { d, heads: h, ff: 4 * d }).params - transformerLayerParams('encoder', { d, heads: h, ff: 4 * d }).params).toBe(mhaParams(d, h).params + 2 * d);
      const a = attentionCost({ n, d, heads: h });
      const b = attentionCost({ n: 2 * n, d, heads: h });
      expect(b.parts.qkv).toBe(2 * a.parts.qkv);
      expect(b.parts.scores).toBe(4 * a.parts.scores);
      expect(b.attnValues).toBe(4 * a.attnValues);
    }));
  });
});
