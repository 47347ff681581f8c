/** dlnotes backprop: a computational graph, forward and backward, gate by gate. */
import { parseTuple } from '../core/answer';
import type { Quantity } from '../core/check';
import { fmtNum } from '../core/format';
import { buildGraph, type Graph } from '../core/graph/build';
import { explainBackprop } from '../core/graph/explain';
import { bi, msg } from '../core/text';
import { t } from '../render/lang';
import { renderDot, renderGraphTable, renderGraphTree } from '../render/graph';
import { style } from '../render/style';
import { renderWorked } from '../render/worked';
import { digitsFlag, readExpression, withExpression } from './expression';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  gradients: msg((vars: string) => `gradients (${vars})`, (vars) => `梯度（${vars}）`),
  graph: msg((out: string) => `Computational graph (value: forward pass, grad: ∂${out}/∂node)`, (out) => `计算图（值：前向传播，梯度：∂${out}/∂节点）`),
  table: bi('Table in topological order', '按拓扑顺序排列的表'),
};

export interface BackpropFlags {
  json?: boolean;
  dot?: boolean;
  answer?: string;
  digits?: string;
}

/**
 * What a student can be asked: each variable's gradient (key: the variable,
 * also d<name>), the output value, all gradients as a tuple in the order the
 * values were given, and w=[...]-style groups (w0, w1, w2 -> w).
 */
export function backpropQuantities(g: Graph): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  const out = g.nodes[g.output]!.name;
  const taken = new Set(g.variables.map((v) => v.toLowerCase()));
  const put = (key: string, quantity: Quantity) => {
    if (!(key in q)) q[key] = quantity;
  };
  for (const v of g.variables) {
    const alias = `d${v}`.toLowerCase();
    put(v.toLowerCase(), { label: `∂${out}/∂${v}`, expected: g.grads[v]!, ...(taken.has(alias) ? {} : { aliases: [alias] }) });
  }
  if (!taken.has('value')) put('value', { label: out, expected: g.value, aliases: [out, 'out', 'output'].filter((a) => !taken.has(a.toLowerCase())) });
  if (!taken.has('grads') && g.variables.length > 1) {
    put('grads', {
      label: M.gradients(g.variables.join(', ')),
      expected: [g.variables.map((v) => g.grads[v]!)],
      show: g.variables.map((v) => fmtNum(g.grads[v]!, 6)).join(', '),
      aliases: ['grad', 'gradients'],
    });
  }
  const groups = new Map<string, string[]>();
  for (const v of g.variables) {
    const m = /^([A-Za-z_]+?)(\d+)$/.exec(v);
    if (m) groups.set(m[1]!, [...(groups.get(m[1]!) ?? []), v]);
  }
  for (const [prefix, members] of groups) {
    const key = prefix.toLowerCase();
    if (members.length < 2 || taken.has(key)) continue;
    const sorted = [...members].sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
    put(key, { label: `∂${out}/∂${prefix} (${sorted.join(', ')})`, expected: [sorted.map((v) => g.grads[v]!)], ...(taken.has(`d${key}`) ? {} : { aliases: [`d${key}`] }) });
  }
  return q;
}

/** A bare number checks the only gradient (or the value when there are several variables); a list checks all gradients. */
export function bareBackpropKey(g: Graph): (text: string) => string {
  return (text) => {
    const n = parseTuple(text)?.length ?? 1;
    if (n > 1) return 'grads';
    return g.variables.length === 1 ? g.variables[0]!.toLowerCase() : 'value';
  };
}

/** The --json shape: value, grads by variable, and every node with its forward and backward numbers. */
export function backpropJson(g: Graph): Record<string, unknown> {
  const name = (id: number) => (id < 0 ? null : g.nodes[id]!.name);
  return {
    expression: g.expression,
    output: g.nodes[g.output]!.name,
    point: Object.fromEntries(g.variables.map((v) => [v, g.nodes.find((n) => n.name === v)!.value])),
    value: g.value,
    grads: g.grads,
    nodes: g.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      ...(n.op ? { op: n.op } : {}),
      label: n.label,
      expr: n.expr,
      inputs: n.inputs.map(name),
      constants: n.consts.filter((c): c is number => c !== null),
      value: n.value,
      local: n.local,
      localFormula: n.localFormula,
      grad: n.grad,
      upstream: n.upstream.map((u) => ({ from: name(u.from), grad: u.grad })),
      downstream: n.downstream,
      ...(n.kink ? { kink: true } : {}),
    })),
    tieRule: t(g.tieRule),
  };
}

/** Everything the calculator prints: the graph drawn, the table, the backward steps and the gradients. */
export function renderBackprop(g: Graph, digits: number): string {
  const out = g.nodes[g.output]!.name;
  const hasKinkGates = g.nodes.some((n) => n.op === 'max' || n.op === 'min' || n.op === 'relu' || n.op === 'abs');
  return [
    style.bold(t(M.graph(out))),
    renderGraphTree(g, digits),
    '',
    style.bold(t(M.table)),
    renderGraphTable(g, digits),
    '',
    renderWorked(explainBackprop(g, { digits, forward: false })),
    ...(hasKinkGates ? ['', style.dim(t(g.tieRule))] : []),
  ].join('\n');
}

/** One `backprop` run: shared by the command and the homework checker. */
export function computeBackprop(source: string | undefined, words: string[], o: BackpropFlags): Outcome {
  const digits = digitsFlag(o.digits, 4);
  const { expr, values, output } = readExpression('backprop', source, words ?? []);
  const g = withExpression(() => buildGraph(expr, values, output));
  const dot = o.dot && o.answer === undefined ? renderDot(g, digits) : undefined;
  return {
    data: dot !== undefined ? { ...backpropJson(g), dot } : backpropJson(g),
    quantities: backpropQuantities(g),
    defaultKey: bareBackpropKey(g),
    worked: dot ?? renderBackprop(g, digits),
    ...(dot !== undefined ? { raw: true } : {}),
  };
}

export async function run(source: string | undefined, words: string[], o: BackpropFlags): Promise<void> {
  emit(computeBackprop(source, words, o), o);
}
