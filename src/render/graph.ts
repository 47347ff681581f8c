/**
 * Drawing a computational graph (core/graph/build.ts): a terminal tree from
 * the output down to the inputs, the table in topological order, and
 * Graphviz DOT with values and gradients on the edges as on the CS231n figures.
 */
import type { Graph, GraphNode } from '../core/graph/build';
import { baseName } from '../core/graph/explain';
import { fmtNum } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { t } from './lang';
import { style } from './style';
import { displayWidth, renderTable } from './table';

/** The texts of the drawings, in both languages. */
const M = {
  drawnAbove: msg((expr: string) => `→ ${expr} drawn above`, (expr) => `→ ${expr} 已在上方画出`),
  sumOfUses: bi('sum of its uses', '各次使用之和'),
  thisUse: bi('this use', '这一次使用'),
  value: bi('value', '值'),
  grad: bi('grad', '梯度'),
  note: msg((note: string) => `  (${note})`, (note) => `（${note}）`),
  input: bi('input', '输入'),
  header: (out: string): Text[] => [bi('node', '节点'), bi('gate', '门'), bi('inputs', '输入'), bi('value', '值'), bi('local ∂/∂input', '局部 ∂/∂输入'),
    bi(`upstream ∂${out}/∂node`, `上游 ∂${out}/∂节点`), bi('downstream', '下游')],
  dotLegend: bi('(green: forward value, red: gradient)', '（绿色：前向值，红色：梯度）'),
};

interface TreeRow { prefix: string; node: GraphNode; branchGrad: number; note: string }

/**
 * The graph as a tree rooted at the output, each node with its forward value
 * and gradient. A copy node appears under each use with that use's gradient;
 * its variable is drawn once, under the first use, with the summed gradient.
 */
export function renderGraphTree(g: Graph, digits = 4): string {
  const f = (x: number) => fmtNum(x, digits);
  const rows: TreeRow[] = [];
  const expanded = new Set<number>();
  const walk = (id: number, branchGrad: number, prefix: string, childPrefix: string, note: string) => {
    const n = g.nodes[id]!;
    const seen = n.kind === 'copy' && expanded.has(id);
    rows.push({ prefix, node: n, branchGrad, note: seen ? `${note}${t(M.drawnAbove(n.expr))}` : note });
    if (seen) return;
    if (n.kind === 'copy') expanded.add(id);
    n.inputs.forEach((input, i) => {
      const last = i === n.inputs.length - 1;
      const isCopy = g.nodes[input]!.kind === 'copy';
      const childNote = n.kind === 'copy' ? `${t(M.sumOfUses)} ` : isCopy ? `${t(M.thisUse)} ` : '';
      walk(input, n.downstream[i]!, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`, childNote);
    });
  };
  walk(g.output, 1, '', '', '');
  const left = rows.map((r) => `${r.prefix}${r.node.kind === 'gate' ? `${r.node.name} [${r.node.label}]` : r.node.name}`);
  const width = Math.max(...left.map(displayWidth));
  const values = rows.map((r) => f(r.node.value));
  const vWidth = Math.max(...values.map((s) => s.length));
  return rows
    .map((r, i) => {
      const pad = ' '.repeat(width - displayWidth(left[i]!));
      const grad = r.node.kind === 'input' ? r.node.grad : r.branchGrad;
      return `${left[i]}${pad}  ${style.formula(`${t(M.value)} ${values[i]!.padStart(vWidth)}`)}  ${style.accent(`${t(M.grad)} ${f(grad)}`)}${r.note ? style.dim(t(M.note(r.note.trim()))) : ''}`;
    })
    .join('\n');
}

/** The table in topological order: node, gate, inputs, value, local gradient, upstream, downstream. */
export function renderGraphTable(g: Graph, digits = 4): string {
  const f = (x: number) => fmtNum(x, digits);
  const rows = g.nodes.map((n) => {
    const inputText = n.inputs.map((id) => baseName(g.nodes[id]!)).join(', ');
    const upstream = n.upstream.length > 1 ? `${n.upstream.map((u) => f(u.grad)).join(' + ')} = ${f(n.grad)}` : f(n.grad);
    return [
      n.name,
      n.kind === 'input' ? t(M.input) : n.kind === 'copy' ? 'copy' : n.label,
      inputText,
      f(n.value),
      n.local.map(f).join(', '),
      upstream,
      n.downstream.map(f).join(', '),
    ];
  });
  const out = g.nodes[g.output]!.name;
  return renderTable(M.header(out).map(t), rows, {
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
}

const dotEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Graphviz DOT, left to right: inputs as plain text, gates as circles, and
 * on every edge the forward value (green, above) and the gradient flowing
 * back along it (red, below). Render with `dot -Tpng`.
 */
export function renderDot(g: Graph, digits = 4): string {
  const f = (x: number) => fmtNum(x, digits);
  const edge = (value: number, grad: number) => `<<font color="darkgreen">${dotEscape(f(value))}</font><br/><font color="red">${dotEscape(f(grad))}</font>>`;
  const lines = [
    'digraph backprop {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica"]; edge [fontname="Helvetica"];',
    `  label="${dotEscape(`${g.nodes[g.output]!.name} = ${g.expression}  ${t(M.dotLegend)}`)}"; labelloc=t;`,
  ];
  for (const n of g.nodes) {
    const id = `n${n.id}`;
    if (n.kind === 'input') lines.push(`  ${id} [shape=plaintext, label="${dotEscape(n.name)}"];`);
    else if (n.kind === 'copy') lines.push(`  ${id} [shape=point, xlabel="copy", width=0.08];`);
    else lines.push(`  ${id} [shape=circle, label="${dotEscape(n.label)}", tooltip="${dotEscape(`${n.name} = ${n.expr}`)}"];`);
  }
  for (const n of g.nodes) {
    n.inputs.forEach((input, i) => {
      const src = g.nodes[input]!;
      lines.push(`  n${input} -> n${n.id} [label=${edge(src.value, n.downstream[i]!)}];`);
    });
  }
  const out = g.nodes[g.output]!;
  lines.push(`  out [shape=plaintext, label="${dotEscape(out.name)}"];`);
  lines.push(`  n${out.id} -> out [label=${edge(out.value, 1)}];`);
  lines.push('}');
  return lines.join('\n');
}
