/**
 * The computational graph of an expression at a point: one node per gate,
 * forward values, local gradients, and the backward pass run gate by gate in
 * reverse topological order, so every intermediate value and gradient can be
 * shown as a student writes them on paper.
 *
 * Constants are folded into the gate that uses them ("+1", "*-1", "1/x", as
 * on the CS231n figures). A variable used more than once feeds a copy
 * (fan-out) node, whose incoming gradients add.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import { bi, msg, txt, type Text } from '../text';
import { CONSTANTS, printExpr, useCounts, variablesOf, type Expr, type OpKind } from './expr';
import { evalGate, gateLabel, localFormula, TIE_RULE } from './ops';

/** The texts of the graph builder, in both languages. */
const M = {
  noValue: msg((names: string, give: string) => `no value for ${names}: give ${give}`, (names, give) => `${names} 没有值：请给出 ${give}`),
  notInExpression: msg((extra: string[], vars: string) => `${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not in the expression (its variables: ${vars || 'none'})`,
    (extra, vars) => `表达式里没有 ${extra.join(', ')}（它的变量是：${vars || '无'}）`),
  noVariables: bi('the expression has no variables to differentiate', '表达式里没有可以求导的变量'),
  outputIsVariable: msg((name: string) => `the output is named ${name}, but ${name} is also a variable: name the output differently`, (name) => `输出名为 ${name}，但 ${name} 也是一个变量：请给输出换个名字`),
  at: msg((point: string) => ` (at ${point})`, (point) => `（在 ${point} 处）`),
  node: msg((name: string) => `node ${name} = `, (name) => `节点 ${name} = `),
  colon: bi(': ', '：'),
  overflows: msg((v: string) => `the value overflows to ${v}`, (v) => `值溢出为 ${v}`),
  localNotFinite: bi('the local gradient is not finite', '局部梯度不是有限数'),
};

export type NodeKind = 'input' | 'copy' | 'gate';

export interface GraphNode {
  /** Position in topological order (inputs first, the output last). */
  id: number;
  /** Variable name, "copy(x)", "n1".., or "f" for the output gate. */
  name: string;
  kind: NodeKind;
  /** The gate (absent for inputs and copy nodes). */
  op?: OpKind;
  /** Label as drawn on the graph: "+", "*", "+1", "*-1", "1/x", "exp", "copy". */
  label: string;
  /** The subexpression this node computes. */
  expr: string;
  /** Ids of the nodes feeding this one, in argument order (constants are not nodes). */
  inputs: number[];
  /** The gate's arguments: the constant at each position, or null where a node feeds it. */
  consts: Array<number | null>;
  value: number;
  /** ∂value/∂input for each entry of `inputs`. */
  local: number[];
  /** The local gradients as formulas ("y", "1/x", "σ(x)(1−σ(x))"), aligned with `inputs`. */
  localFormula: string[];
  /** dL/d(this node): the sum of the upstream contributions. */
  grad: number;
  /** Gradient contributions from each consumer (from = -1 for the loss itself, dL/dL = 1). */
  upstream: Array<{ from: number; grad: number }>;
  /** grad × local for each input: what this gate sends back to its inputs. */
  downstream: number[];
  /** True when the gate sits on a kink at this point: a max/min tie, relu or abs at exactly 0. */
  kink?: boolean;
}

export interface Graph {
  /** The expression, printed back from the tree. */
  expression: string;
  nodes: GraphNode[];
  /** Id of the output node. */
  output: number;
  value: number;
  /** Variables in the order the values were given. */
  variables: string[];
  /** dL/d(variable) for every variable. */
  grads: Record<string, number>;
  tieRule: Text;
}

type Arg = { node: number } | { value: number };

const isNode = (a: Arg): a is { node: number } => 'node' in a;

/**
 * Builds the graph of `expr` at `values` and runs forward and backward.
 * Throws InputError('values', ...) when a variable has no value or a value
 * names no variable, and InputError('expression', ...) naming the node when
 * a gate is outside its domain at this point (division by zero, log of a
 * non-positive number, sqrt of a negative number, overflow).
 */
export function buildGraph(expr: Expr, values: Record<string, number>, outputName?: string): Graph {
  const used = variablesOf(expr);
  const missing = used.filter((n) => !(n in values) && !(n in CONSTANTS));
  if (missing.length > 0) {
    throw new InputError('values', M.noValue(missing.join(', '), missing.map((m) => `${m}=<number>`).join(' ')));
  }
  const extra = Object.keys(values).filter((n) => !used.includes(n));
  if (extra.length > 0) {
    throw new InputError('values', M.notInExpression(extra, used.filter((n) => n in values).join(', ')));
  }
  const variables = Object.keys(values);
  if (variables.length === 0) throw new InputError('expression', M.noVariables);
  // The output gate is called f (as on the CS231n figures) unless the student named it ("L = ...") or f is a variable.
  if (outputName !== undefined && variables.includes(outputName)) throw new InputError('expression', M.outputIsVariable(outputName));
  const outName = outputName ?? (variables.includes('f') ? undefined : 'f');

  const nodes: GraphNode[] = [];
  const add = (n: Omit<GraphNode, 'id' | 'grad' | 'upstream' | 'downstream'>): number => {
    nodes.push({ ...n, id: nodes.length, grad: 0, upstream: [], downstream: [] });
    return nodes.length - 1;
  };
  const ref = new Map<string, number>();
  for (const name of variables) {
    ref.set(name, add({ name, kind: 'input', label: name, expr: name, inputs: [], consts: [], value: values[name]!, local: [], localFormula: [] }));
  }
  const uses = useCounts(expr);
  for (const name of variables) {
    if ((uses.get(name) ?? 0) < 2) continue;
    const src = ref.get(name)!;
    ref.set(name, add({ name: `copy(${name})`, kind: 'copy', label: 'copy', expr: name, inputs: [src], consts: [null], value: values[name]!, local: [1], localFormula: ['1'] }));
  }

  const names = intermediateNamer(variables);
  const build = (e: Expr): Arg => {
    if (e.kind === 'num') return { value: e.value };
    if (e.kind === 'var') return ref.has(e.name) ? { node: ref.get(e.name)! } : { value: CONSTANTS[e.name]! };
    const args = e.args.map(build);
    const text = printExpr(e);
    const argValues = args.map((a) => (isNode(a) ? nodes[a.node]!.value : a.value));
    const need = args.map(isNode);
    const r = evalGate(e.op, argValues, need);
    const where: Text = need.some(Boolean) ? M.at(describePoint(args, nodes)) : '';
    // Name the failing gate as it would appear in the table.
    const who: Text = need.some(Boolean) ? M.node(e === expr && outName !== undefined ? outName : names.peek()) : '';
    const fail = (why: Text) => new InputError('expression', txt`${who}${text}${M.colon}${why}${where}`);
    if (r.error) throw fail(r.error);
    if (!Number.isFinite(r.value)) throw fail(M.overflows(fmtNum(r.value)));
    if (!need.some(Boolean)) return { value: r.value };
    const inputs = args.filter(isNode).map((a) => a.node);
    const local = r.local.filter((_, i) => need[i]);
    if (local.some((g) => !Number.isFinite(g))) throw fail(M.localNotFinite);
    const consts = args.map((a) => (isNode(a) ? null : a.value));
    const argNames = args.map((a) => (isNode(a) ? nodes[a.node]!.name.replace(/^copy\((.*)\)$/, '$1') : fmtNum(a.value)));
    return {
      node: add({
        name: names.next(),
        kind: 'gate',
        op: e.op,
        label: gateLabel(e.op, consts),
        expr: text,
        inputs,
        consts,
        value: r.value,
        local,
        localFormula: args.map((_, i) => localFormula(e.op, i, argNames)).filter((_, i) => need[i]),
        ...(isKink(e.op, argValues) ? { kink: true } : {}),
      }),
    };
  };
  const top = build(expr);
  if (!isNode(top)) throw new InputError('expression', M.noVariables);
  const output = top.node;
  if (nodes[output]!.kind === 'gate' && outName !== undefined) nodes[output]!.name = outName;

  backward(nodes, output);
  const grads: Record<string, number> = {};
  for (const name of variables) grads[name] = nodes.find((n) => n.kind === 'input' && n.name === name)!.grad;
  return { expression: printExpr(expr), nodes, output, value: nodes[output]!.value, variables, grads, tieRule: TIE_RULE };
}

/** Reverse topological order: every consumer has a larger id, so a node's upstream is complete when reached. */
function backward(nodes: GraphNode[], output: number): void {
  nodes[output]!.upstream.push({ from: -1, grad: 1 });
  for (let id = output; id >= 0; id--) {
    const n = nodes[id]!;
    n.grad = n.upstream.reduce((s, u) => s + u.grad, 0);
    n.downstream = n.local.map((l) => n.grad * l + 0); // + 0: no -0 from a blocked route
    n.inputs.forEach((input, i) => nodes[input]!.upstream.push({ from: id, grad: n.downstream[i]! }));
  }
}

function isKink(op: OpKind, args: number[]): boolean {
  if (op === 'relu' || op === 'abs') return args[0] === 0;
  if (op === 'max' || op === 'min') {
    const m = op === 'max' ? Math.max(...args) : Math.min(...args);
    return args.filter((a) => a === m).length > 1;
  }
  return false;
}

function describePoint(args: Arg[], nodes: GraphNode[]): string {
  return args
    .filter(isNode)
    .map((a) => `${nodes[a.node]!.expr} = ${fmtNum(nodes[a.node]!.value)}`)
    .filter((s, i, all) => all.indexOf(s) === i)
    .join(', ');
}

/** n1, n2, ... unless a variable already looks like that, then t1, t2, ... */
function intermediateNamer(variables: string[]): { next(): string; peek(): string } {
  const prefix = ['n', 't', 'u', 'node'].find((p) => !variables.some((v) => new RegExp(`^${p}\\d+$`).test(v)))!;
  let k = 0;
  return { next: () => `${prefix}${++k}`, peek: () => `${prefix}${k + 1}` };
}

/** The expression's value at `values` (NaN outside its domain): for numerical gradients. */
export function evaluate(expr: Expr, values: Record<string, number>): number {
  if (expr.kind === 'num') return expr.value;
  if (expr.kind === 'var') return values[expr.name] ?? CONSTANTS[expr.name] ?? NaN;
  const args = expr.args.map((a) => evaluate(a, values));
  const r = evalGate(expr.op, args, args.map(() => false));
  return r.error ? NaN : r.value;
}
