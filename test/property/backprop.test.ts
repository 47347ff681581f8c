/**
 * Property tests for the backprop calculator. The oracle for gradients is
 * the centred difference of an independent evaluator: the printed
 * expression parsed back and evaluated here with Math's functions (not the
 * graph's gates), so printing, parsing and every gate are checked at once.
 * The symbolic derivative is checked against the same oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../src/core/graph/build';
import { num, op, printExpr, v, type Expr, type OpKind } from '../../src/core/graph/expr';
import { parseExpression } from '../../src/core/graph/parse';
import { singleGate } from '../../src/core/gates';
import { derivative } from '../../src/core/graph/symbolic';
import { matmulBackward } from '../../src/core/matmul';

const VARS = ['x', 'y', 'z'];
const UNARY: OpKind[] = ['neg', 'exp', 'log', 'sqrt', 'sigmoid', 'tanh', 'relu', 'abs', 'sin', 'cos'];
const BINARY: OpKind[] = ['add', 'sub', 'mul', 'div', 'pow', 'max', 'min'];

/** Random expression trees over every supported gate, leaves x, y, z and small constants. */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VARS).map(v),
    fc.constantFrom(...VARS).map(v),
    fc.constantFrom(1, 2, 3, 0.5).map(num),
    fc.tuple(fc.constantFrom(...UNARY), tie('e')).map(([k, a]) => op(k, a)),
    fc.tuple(fc.constantFrom(...BINARY), tie('e'), tie('e')).map(([k, a, b]) => op(k, a, b)),
    fc.tuple(fc.constantFrom<OpKind>('max', 'min'), tie('e'), tie('e'), tie('e')).map(([k, a, b, c]) => op(k, a, b, c)),
  ),
})).e;

const pointArb = fc.record({
  x: fc.double({ min: -2, max: 2, noNaN: true }),
  y: fc.double({ min: -2, max: 2, noNaN: true }),
  z: fc.double({ min: -2, max: 2, noNaN: true }),
});

const MATH: Record<string, (...a: number[]) => number> = {
  add: (a, b) => a! + b!, sub: (a, b) => a! - b!, mul: (a, b) => a! * b!, div: (a, b) => a! / b!, pow: (a, b) => a! ** b!, neg: (a) => -a!,
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, tanh: Math.tanh, abs: Math.abs, sin: Math.sin, cos: Math.cos,
  sigmoid: (t) => 1 / (1 + Math.exp(-t!)), relu: (t) => Math.max(0, t!), max: Math.max, min: Math.min,
};

/** The printed expression read back and evaluated with Math: parse + printing + every gate checked at once. */
function oracle(e: Expr): (p: Record<string, number>) => number {
  const tree = parseExpression(printExpr(e));
  const run = (x: Expr, p: Record<string, number>): number => (x.kind === 'num' ? x.value : x.kind === 'var' ? p[x.name]! : MATH[x.op]!(...x.args.map((a) => run(a, p))));
  return (p) => run(tree, p);
}

/** True when every gate is comfortably inside its domain and away from kinks, so differences are meaningful. */
function wellConditioned(g: Graph): boolean {
  const margin = 0.05;
  return g.nodes.every((n) => {
    if (!Number.isFinite(n.value) || Math.abs(n.value) > 50 || Math.abs(n.grad) > 1e4) return false;
    if (n.kind !== 'gate') return true;
    let k = 0;
    const args = n.consts.map((c) => (c === null ? g.nodes[n.inputs[k++]!]!.value : c));
    const [a = 0, b = 0] = args;
    switch (n.op) {
      case 'log': case 'sqrt': return a > margin;
      case 'div': return Math.abs(b) > margin;
      case 'pow': return a > margin && Math.abs(b) < 4;
      case 'relu': case 'abs': return Math.abs(a) > margin;
      case 'max': case 'min': {
        const sorted = [...args].sort((p, q) => p - q);
        return sorted.every((s, i) => i === 0 || s - sorted[i - 1]! > margin);
      }
      default: return true;
    }
  });
}

describe('the graph gradient equals the centred difference of an independent evaluator', () => {
  it('on random expressions over every gate', () => {
    let checked = 0;
    fc.assert(
      fc.property(exprArb, pointArb, (e, point) => {
        const used = Object.fromEntries(Object.entries(point).filter(([k]) => printExpr(e).match(new RegExp(`\\b${k}\\b`))));
        fc.pre(Object.keys(used).length > 0);
        let g: Graph;
        try {
          g = buildGraph(e, used);
        } catch {
          return fc.pre(false);
        }
        fc.pre(wellConditioned(g));
        const f = oracle(e);
        expect(f(used)).toBeCloseTo(g.value, 9);
        const h = 1e-6;
        for (const name of g.variables) {
          const numeric = (f({ ...used, [name]: used[name]! + h }) - f({ ...used, [name]: used[name]! - h })) / (2 * h);
          const analytic = g.grads[name]!;
          expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(analytic)));
          // The symbolic derivative (shared subexpressions, simplified as built) agrees too.
          const symbolic = derivative(e, name)!.at(used);
          expect(Math.abs(symbolic - analytic)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(analytic)));
        }
        checked++;
      }),
      { numRuns: 600, seed: 20240604 },
    );
    // The filter must leave enough cases to mean something.
    expect(checked).toBeGreaterThan(200);
  });
});

describe('printing and parsing', () => {
  it('parse(print(e)) is e for trees with non-negative constants', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        expect(parseExpression(printExpr(e))).toEqual(e);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('matmul gradients equal centred differences of L = Σ dY ⊙ (XW)', () => {
  const matrix = (r: number, c: number) => fc.array(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
  it('for random small shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, d, m, seed) => {
          const gen = (r: number, c: number, s: number) => fc.sample(matrix(r, c), { numRuns: 1, seed: s })[0]!;
          const x = gen(n, d, seed);
          const w = gen(d, m, seed + 1);
          const dy = gen(n, m, seed + 2);
          const r = matmulBackward({ x, w, dy });
          const loss = (xx: number[][], ww: number[][]) => {
            let s = 0;
            for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) s += dy[i]![j]! * xx[i]![k]! * ww[k]![j]!;
            return s;
          };
          const h = 1e-3;
          for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) {
            const plus = x.map((row) => [...row]); plus[i]![k]! += h;
            const minus = x.map((row) => [...row]); minus[i]![k]! -= h;
            expect(r.dX[i]![k]!).toBeCloseTo((loss(plus, w) - loss(minus, w)) / (2 * h), 6);
          }
          for (let k = 0; k < d; k++) for (let j = 0; j < m; j++) {
            const plus = w.map((row) => [...row]); plus[k]![j]! += h;
            const minus = w.map((row) => [...row]); minus[k]![j]! -= h;
            expect(r.dW[k]![j]!).toBeCloseTo((loss(x, plus) - loss(x, minus)) / (2 * h), 6);
          }
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});

describe('single gates agree with the graph', () => {
  it('add, mul, max, min give the same downstream gradients as the graph of the same gate', () => {
    fc.assert(
      fc.property(fc.constantFrom('add', 'mul', 'max', 'min' as const), fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: -5, max: 5 }), (gate, a, b, up) => {
        const r = singleGate(gate, [a, b], [up]);
        const g = buildGraph(op(gate, v('p'), v('q')), { p: a, q: b });
        expect(r.downstream).toEqual([up * g.grads.p! + 0, up * g.grads.q! + 0]);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
