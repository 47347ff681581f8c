/**
 * The worked solution of a backprop problem: the forward pass gate by gate,
 * then the backward pass from the output back (upstream × local =
 * downstream), with each gate's pattern in words, and the final gradients.
 */
import { fmtNum } from '../format';
import { bi, msg, txt } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import type { Graph, GraphNode } from './build';
import { PATTERN, patternOf } from './ops';

/** The texts of the backprop worked solution, in both languages. */
const M = {
  title: msg((out: string, expr: string) => `Backprop through ${out} = ${expr}`, (out, expr) => `反向传播：${out} = ${expr}`),
  at: msg((point: string) => `at ${point}`, (point) => `在 ${point} 处`),
  forward: bi('Forward pass (inputs to output)', '前向传播（从输入到输出）'),
  backward: bi('Backward pass (from the output back: downstream = upstream × local)', '反向传播（从输出往回：下游 = 上游 × 局部）'),
  start: msg((d: string) => `${d} = 1  (start: the output's gradient with respect to itself)`, (d) => `${d} = 1（起点：输出对自身的梯度）`),
  copy: msg((x: string, n: number) => `copy(${x}): ${x} is used ${n} times`, (x, n) => `copy(${x})：${x} 被使用了 ${n} 次`),
  thisUse: bi(' (this use)', '（这一次使用）'),
  kink: msg((name: string, tie: boolean) => `${name} is at a kink here (${tie ? 'a tie' : 'input exactly 0'}): `, (name, tie) => `${name} 在这里处于折点（${tie ? '输入相等' : '输入恰好为 0'}）：`),
  gradients: bi('Gradients', '梯度'),
};

export interface ExplainOptions {
  /** Significant digits shown (default 4). */
  digits?: number;
  /** Include the forward pass (default true; the calculator shows it as a table instead). */
  forward?: boolean;
}

/** A gate applied to its arguments, each given as text: "a + b", "a × b", "exp(a)". */
export function gateText(n: GraphNode, args: string[]): string {
  const [a = '', b = ''] = args;
  switch (n.op) {
    case 'add': return `${a} + ${b}`;
    case 'sub': return `${a} − ${b}`;
    case 'mul': return `${a} × ${b}`;
    case 'div': return `${a} / ${b}`;
    case 'pow': return `${a}^${b}`;
    case 'neg': return `−${a}`;
    case undefined: return a;
    default: return `${n.op}(${args.join(', ')})`;
  }
}

const wrapNeg = (s: string): string => (/^[-−]/.test(s) ? `(${s})` : s);

/** The gate's arguments in position order, constants folded in: as names, or as numbers. */
export function gateArgs(n: GraphNode, nodes: GraphNode[], as: 'name' | 'value', digits = 4): string[] {
  let k = 0;
  return n.consts.map((c) => {
    if (c !== null) return wrapNeg(fmtNum(c, digits));
    const input = nodes[n.inputs[k++]!]!;
    return as === 'name' ? baseName(input) : wrapNeg(fmtNum(input.value, digits));
  });
}

/** A copy node stands for its variable: its uses are written with the variable's name. */
export const baseName = (n: GraphNode): string => (n.kind === 'copy' ? n.expr : n.name);

/** The solution a student writes for `g`: forward pass, backward pass with the patterns, gradients. */
export function explainBackprop(g: Graph, opts: ExplainOptions = {}): Worked {
  const d = opts.digits ?? 4;
  const f = (x: number) => fmtNum(x, d);
  const nodes = g.nodes;
  const out = nodes[g.output]!;
  const dOf = (name: string) => `∂${out.name}/∂${name}`;
  const point = g.variables.map((v) => `${v} = ${f(nodes.find((n) => n.name === v)!.value)}`).join(', ');
  const wb = new WorkedBuilder(M.title(out.name, g.expression));
  wb.note(M.at(point));

  if (opts.forward ?? true) {
    wb.heading(M.forward);
    for (const n of nodes.filter((x) => x.kind === 'gate')) {
      wb.step(`${n.name} = ${gateText(n, gateArgs(n, nodes, 'name', d))} = ${gateText(n, gateArgs(n, nodes, 'value', d))} = ${f(n.value)}`);
    }
    wb.result(`${out.name} = ${f(g.value)}`);
  }

  wb.heading(M.backward);
  wb.step(M.start(dOf(out.name)));
  for (let id = g.output; id >= 0; id--) {
    const n = nodes[id]!;
    if (n.kind === 'input') continue;
    if (n.kind === 'copy') {
      const parts = n.upstream.map((u) => wrapNeg(f(u.grad)));
      wb.formula(M.copy(n.expr, n.upstream.length));
      wb.note(PATTERN.copy);
      wb.step(`${dOf(n.expr)} = ${parts.join(' + ')} = ${f(n.grad)}`);
      continue;
    }
    wb.formula(`${n.name} = ${gateText(n, gateArgs(n, nodes, 'name', d))}   [${n.label}]`);
    wb.note(patternOf(n.op!, n.consts));
    n.inputs.forEach((inputId, i) => {
      const input = nodes[inputId]!;
      const target = input.kind === 'copy' ? txt`${dOf(input.expr)}${M.thisUse}` : dOf(input.name);
      const formula = wrapNeg(n.localFormula[i]!);
      const local = wrapNeg(f(n.local[i]!));
      const up = wrapNeg(f(n.grad));
      wb.step(txt`${target} = ${up} × ${formula}${formula.replace(/−/g, '-') === local ? '' : ` = ${up} × ${local}`} = ${f(n.downstream[i]!)}`);
    });
    if (n.kink) wb.warn(txt`${M.kink(n.name, n.op === 'max' || n.op === 'min')}${g.tieRule}`);
  }

  wb.heading(M.gradients);
  wb.result(g.variables.map((v) => `${dOf(v)} = ${f(g.grads[v]!)}`).join(', '));
  return wb.build();
}
