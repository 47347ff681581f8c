/**
 * Generated backprop problems: a gradient through a small exam-style graph,
 * one gate's downstream gradients, one element of dL/dX or dL/dW for Y = XW.
 * Answers and solutions come from the calculators' core (graph, gates,
 * matmul); expressions are built as trees, so mathjs is never loaded here.
 */
import { explainGate, GATES, gateSlips, singleGate, type GateName } from '../../core/gates';
import { buildGraph } from '../../core/graph/build';
import { explainBackprop } from '../../core/graph/explain';
import { num, op, printExpr, v, type Expr } from '../../core/graph/expr';
import { explainMatmul, fmtMatrix, matmulBackward, matmulSlips, type Matrix } from '../../core/matmul';
import { pick, randInt, type Rng } from '../../core/random';
import { visibleSlips, type GeneratedProblem, type Generator } from './types';

/** A non-zero integer in [lo, hi]. */
function nonZero(rng: Rng, lo: number, hi: number): number {
  for (;;) {
    const n = randInt(rng, lo, hi);
    if (n !== 0) return n;
  }
}

interface Template {
  /** The expression and the values, drawn so the point is away from kinks and ties. */
  draw(rng: Rng): { expr: Expr; values: Record<string, number> };
}

const TEMPLATES: Record<string, Template> = {
  // CS231n's first example.
  'add-mul': {
    draw: (rng) => ({ expr: op('mul', op('add', v('x'), v('y')), v('z')), values: { x: nonZero(rng, -5, 5), y: nonZero(rng, -5, 5), z: nonZero(rng, -5, 5) } }),
  },
  'max-mul': {
    draw: (rng) => {
      const x = nonZero(rng, -5, 5);
      let y = nonZero(rng, -5, 5);
      while (y === x) y = nonZero(rng, -5, 5);
      return { expr: op('mul', op('max', v('x'), v('y')), v('z')), values: { x, y, z: nonZero(rng, -4, 4) } };
    },
  },
  // y is used twice: its copy gate sums two gradients.
  copy: {
    draw: (rng) => ({ expr: op('add', op('mul', v('x'), v('y')), op('mul', v('y'), v('z'))), values: { x: nonZero(rng, -5, 5), y: nonZero(rng, -5, 5), z: nonZero(rng, -5, 5) } }),
  },
  'square-sum': {
    draw: (rng) => ({ expr: op('pow', op('add', op('mul', v('w'), v('x')), v('b')), num(2)), values: { w: nonZero(rng, -3, 3), x: nonZero(rng, -3, 3), b: nonZero(rng, -3, 3) } }),
  },
  relu: {
    draw: (rng) => {
      for (;;) {
        const values = { w: nonZero(rng, -3, 3), x: nonZero(rng, -3, 3), b: randInt(rng, -3, 3) };
        // Keep the pre-activation away from the kink at 0.
        if (values.w * values.x + values.b !== 0) return { expr: op('relu', op('add', op('mul', v('w'), v('x')), v('b'))), values };
      }
    },
  },
  // The CS231n sigmoid neuron, small integer weights and inputs, pre-activation in [-2, 2] so σ is not saturated.
  sigmoid: {
    draw: (rng) => {
      for (;;) {
        const values = { w0: randInt(rng, -3, 3), x0: nonZero(rng, -2, 2), w1: randInt(rng, -3, 3), x1: nonZero(rng, -2, 2), w2: randInt(rng, -3, 3) };
        if (Math.abs(values.w0 * values.x0 + values.w1 * values.x1 + values.w2) > 2) continue;
        return {
          expr: op('div', num(1), op('add', num(1), op('exp', op('neg', op('add', op('add', op('mul', v('w0'), v('x0')), op('mul', v('w1'), v('x1'))), v('w2')))))),
          values,
        };
      }
    },
  },
};

const TEMPLATE_NAMES = Object.keys(TEMPLATES);

function valuesText(values: Record<string, number>): string {
  return Object.entries(values).map(([k, x]) => `${k} = ${x}`).join(', ');
}

function commandFor(expr: Expr, values: Record<string, number>): string {
  return `dlnotes backprop "${printExpr(expr)}" ${Object.entries(values).map(([k, x]) => `${k}=${x}`).join(' ')}`;
}

const backpropExpr: Generator = {
  id: 'backprop-expr',
  topic: 'backprop',
  title: { zh: '计算图反向传播求梯度', en: 'A gradient through a computational graph' },
  options: { template: TEMPLATE_NAMES },
  generate(rng, options = {}): GeneratedProblem {
    const name = typeof options.template === 'string' && options.template in TEMPLATES ? options.template : pick(rng, TEMPLATE_NAMES);
    for (;;) {
      const { expr, values } = TEMPLATES[name]!.draw(rng);
      const g = buildGraph(expr, values);
      const target = pick(rng, g.variables);
      const grad = g.grads[target]!;
      // An exam asks for something worth computing: not a zero routed away by a max or relu,
      // nor a saturated sigmoid's 1e-7.
      if (Math.abs(grad) < 0.01 || Math.abs(grad) > 200) continue;
      const f = printExpr(expr);
      return {
        prompt: {
          zh: `画出 f = ${f} 的计算图，在 ${valuesText(values)} 处做前向和反向传播，求 ∂f/∂${target}。`,
          en: `Draw the computational graph of f = ${f}, run the forward and backward pass at ${valuesText(values)}, and give ∂f/∂${target}.`,
        },
        expected: { kind: 'number', value: grad },
        solution: explainBackprop(g, { digits: 4 }),
        params: { template: name, expression: f, values, target },
        command: commandFor(expr, values),
      };
    }
  },
};

const GATE_WORDS: Record<GateName, { zh: string; en: string }> = {
  add: { zh: '加法门 (add)', en: 'an add gate' },
  mul: { zh: '乘法门 (mul)', en: 'a mul gate' },
  max: { zh: '最大值门 (max)', en: 'a max gate' },
  min: { zh: '最小值门 (min)', en: 'a min gate' },
  copy: { zh: '复制门 (copy)', en: 'a copy gate' },
};

const EXAM_GATES: GateName[] = ['add', 'mul', 'max', 'copy'];

const backpropGate: Generator = {
  id: 'backprop-gate',
  topic: 'backprop',
  title: { zh: '单个门的反向传播', en: 'Downstream gradients of one gate' },
  slips: ['mul-gate-no-swap', 'max-gate-to-all', 'copy-gate-no-sum'],
  options: { gate: GATES, ties: 'boolean' },
  generate(rng, options = {}): GeneratedProblem {
    const gate = typeof options.gate === 'string' && (GATES as readonly string[]).includes(options.gate) ? (options.gate as GateName) : pick(rng, EXAM_GATES);
    const upstreamOne = nonZero(rng, -3, 3);
    let inputs: number[];
    let upstream: number[];
    if (gate === 'copy') {
      inputs = [nonZero(rng, -5, 5)];
      // Gradients that cancel to 0 make a poor question.
      do upstream = Array.from({ length: randInt(rng, 2, 3) }, () => nonZero(rng, -4, 4));
      while (upstream.reduce((s, g) => s + g, 0) === 0);
    } else {
      const x = nonZero(rng, -5, 5);
      let y = nonZero(rng, -5, 5);
      // A max/min tie is a trap worth asking only on request (PyTorch splits the gradient).
      if (options.ties === true && (gate === 'max' || gate === 'min')) y = x;
      else while ((gate === 'max' || gate === 'min') && y === x) y = nonZero(rng, -5, 5);
      inputs = [x, y];
      upstream = [upstreamOne];
    }
    const r = singleGate(gate, inputs, upstream);
    const w = GATE_WORDS[gate];
    const givenZh = gate === 'copy'
      ? `输入 x = ${inputs[0]} 被复制到 ${upstream.length} 处使用,各处传回的上游梯度为 ${upstream.join(', ')}。求 ∂L/∂x。`
      : `输入 x = ${inputs[0]}, y = ${inputs[1]},上游梯度 ∂L/∂out = ${upstream[0]}。求 ∂L/∂x 和 ∂L/∂y。`;
    const givenEn = gate === 'copy'
      ? `The input x = ${inputs[0]} is used in ${upstream.length} places, which send back upstream gradients ${upstream.join(', ')}. Give ∂L/∂x.`
      : `inputs x = ${inputs[0]}, y = ${inputs[1]}, upstream gradient ∂L/∂out = ${upstream[0]}. Give ∂L/∂x and ∂L/∂y (as "dx, dy").`;
    return {
      prompt: { zh: `${w.zh}：${givenZh}`, en: `${w.en[0]!.toUpperCase()}${w.en.slice(1)}: ${givenEn}` },
      expected: gate === 'copy'
        ? { kind: 'number', value: r.downstream[0]!, slips: visibleSlips(gateSlips(r, 0), r.downstream[0]!) }
        : { kind: 'tuple', orders: [r.downstream], labels: ['∂L/∂x', '∂L/∂y'], slips: visibleSlips(gateSlips(r, 'downstream'), [r.downstream]) },
      solution: explainGate(r),
      params: { gate, inputs, upstream },
      command: `dlnotes gate ${gate} --inputs ${inputs.join(',')} --upstream ${upstream.join(',')}`,
    };
  },
};

function randMatrix(rng: Rng, rows: number, cols: number, lo: number, hi: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => randInt(rng, lo, hi)));
}

const matmulGrad: Generator = {
  id: 'matmul-grad',
  topic: 'backprop',
  title: { zh: '矩阵乘法 Y = XW 的梯度', en: 'A gradient element for Y = XW' },
  slips: ['matmul-transpose'],
  options: { of: ['x', 'w'] },
  generate(rng, options = {}): GeneratedProblem {
    for (;;) {
      const n = randInt(rng, 1, 2);
      const d = randInt(rng, 2, 3);
      const m = randInt(rng, 2, 3);
      const x = randMatrix(rng, n, d, -3, 3);
      const w = randMatrix(rng, d, m, -3, 3);
      const dy = randMatrix(rng, n, m, -2, 2);
      const r = matmulBackward({ x, w, dy });
      const of = options.of === 'x' || options.of === 'w' ? options.of : pick(rng, ['x', 'w'] as const);
      const grid = of === 'x' ? r.dX : r.dW;
      const i = randInt(rng, 0, grid.length - 1);
      const j = randInt(rng, 0, grid[0]!.length - 1);
      const value = grid[i]![j]!;
      if (value === 0) continue;
      const sym = of === 'x' ? `x_{${i + 1},${j + 1}}` : `w_{${i + 1},${j + 1}}`;
      // The same element of a gradient with a transpose left out or misplaced (core/matmul.ts).
      const slips = visibleSlips(matmulSlips(r).filter((s) => s.of === (of === 'x' ? 'dX' : 'dW')).map((s) => ({ id: 'matmul-transpose' as const, expected: s.value[i]![j]!, text: s.text })), value);
      const mats = `X = ${fmtMatrix(x)}, W = ${fmtMatrix(w)}, ∂L/∂Y = ${fmtMatrix(dy)}`;
      return {
        prompt: {
          zh: `Y = XW，其中 ${mats}。求 ∂L/∂${sym}（下标从 1 开始）。`,
          en: `Y = XW with ${mats}. Give ∂L/∂${sym} (1-based indices).`,
        },
        expected: { kind: 'number', value, ...(slips.length > 0 ? { slips } : {}) },
        solution: explainMatmul(r),
        params: { x, w, dy, of, row: i + 1, col: j + 1 },
        command: `dlnotes backprop matmul --x "${fmtMatrix(x)}" --w "${fmtMatrix(w)}" --dy "${fmtMatrix(dy)}"`,
      };
    }
  },
};

/** The backprop topic's generators (registered in ./index.ts by the quiz side). */
export const generators: Generator[] = [backpropExpr, backpropGate, matmulGrad];
