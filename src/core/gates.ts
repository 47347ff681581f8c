/**
 * One gate forward and backward, for `dlnotes gate` and the backprop-gate
 * quiz: the four patterns the notes ask to know by heart. add distributes,
 * mul swaps, max routes (min likewise), copy sums. The rules are
 * core/graph/ops.ts's, the same the graph uses.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import { evalGate, PATTERN } from './graph/ops';
import { bi, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of a single gate, in both languages. */
const M = {
  copyInputs: msg((n: number) => `a copy gate has one input, got ${n}`, (n) => `copy 门只有一个输入，收到 ${n} 个`),
  copyUpstream: bi('a copy gate needs one upstream gradient per use, at least two (e.g. --upstream 2,-1)', 'copy 门的每次使用都需要一个上游梯度，至少两个（例如 --upstream 2,-1）'),
  twoInputs: msg((gate: string, n: number) => `${gate === 'add' ? 'an' : 'a'} ${gate} gate takes two inputs, got ${n} (e.g. --inputs 3,-4)`, (gate, n) => `${gate} 门需要两个输入，收到 ${n} 个（例如 --inputs 3,-4）`),
  atLeastTwo: msg((gate: string, n: number) => `a ${gate} gate takes at least two inputs, got ${n}`, (gate, n) => `${gate} 门至少需要两个输入，收到 ${n} 个`),
  oneUpstream: msg((gate: string, n: number) => `a ${gate} gate has one output, so one upstream gradient; got ${n}`, (gate, n) => `${gate} 门只有一个输出，所以只有一个上游梯度；收到 ${n} 个`),
  title: msg((gate: string) => `${gate} gate: forward and backward`, (gate) => `${gate} 门：前向与反向`),
  forward: bi('Forward', '前向'),
  sent: msg((x: string, n: number, outs: string) => `x = ${x} is sent unchanged to ${n} uses: ${outs}`, (x, n, outs) => `x = ${x} 原样送给 ${n} 次使用：${outs}`),
  backward: bi('Backward (downstream = upstream × local)', '反向（下游 = 上游 × 局部）'),
  fromUses: msg((n: number, list: string) => `upstream gradients from the ${n} uses: ${list}`, (n, list) => `${n} 次使用传回的上游梯度：${list}`),
  notThe: msg((name: string, gate: string) => `0 (${name} is not the ${gate})`, (name, gate) => `0（${name} 不是 ${gate}）`),
  isThe: msg((name: string, gate: string) => `1 (${name} is the ${gate})`, (name, gate) => `1（${name} 是 ${gate}）`),
  tied: msg((share: string, gate: string) => `${share} (tied for the ${gate}: split equally)`, (share, gate) => `${share}（并列 ${gate}：平均分配）`),
  tie: msg((given: string) => `A tie: ${given}. PyTorch's torch.maximum/torch.minimum split the gradient equally among tied inputs; some texts send it all to one.`,
    (given) => `输入相等：${given}。PyTorch 的 torch.maximum/torch.minimum 把梯度平均分给相等的输入；有些教材把梯度全给其中一个。`),
};

export const GATES = ['add', 'mul', 'max', 'min', 'copy'] as const;
export type GateName = (typeof GATES)[number];

export interface GateResult {
  gate: GateName;
  /** Input names: x, y (z, ...). */
  names: string[];
  inputs: number[];
  /** Forward value(s): one for add/mul/max/min, one per use for copy. */
  outputs: number[];
  /** Upstream gradient(s): one, or one per use of a copy. */
  upstream: number[];
  /** ∂out/∂input for each input (copy: 1 per use). */
  local: number[];
  /** The gradient each input receives. */
  downstream: number[];
  /** Inputs tied for the max/min (the gradient is split among them). */
  tie: boolean;
}

/** Names for n inputs: x, y, z for up to three, x1 … xn beyond. */
export function inputNames(n: number): string[] {
  return n <= 3 ? ['x', 'y', 'z'].slice(0, n) : Array.from({ length: n }, (_, i) => `x${i + 1}`);
}

/**
 * Runs one gate. add and mul take two inputs, max and min two or more,
 * copy one input and one upstream gradient per use (two or more).
 */
export function singleGate(gate: GateName, inputs: number[], upstream: number[]): GateResult {
  if (gate === 'copy') {
    if (inputs.length !== 1) throw new InputError('inputs', M.copyInputs(inputs.length));
    if (upstream.length < 2) throw new InputError('upstream', M.copyUpstream);
    const total = upstream.reduce((s, g) => s + g, 0);
    return { gate, names: ['x'], inputs, outputs: upstream.map(() => inputs[0]!), upstream, local: upstream.map(() => 1), downstream: [total], tie: false };
  }
  const binary = gate === 'add' || gate === 'mul';
  if (binary && inputs.length !== 2) throw new InputError('inputs', M.twoInputs(gate, inputs.length));
  if (!binary && inputs.length < 2) throw new InputError('inputs', M.atLeastTwo(gate, inputs.length));
  if (upstream.length !== 1) throw new InputError('upstream', M.oneUpstream(gate, upstream.length));
  const r = evalGate(gate, inputs);
  const g = upstream[0]!;
  const extreme = r.value;
  return {
    gate, names: inputNames(inputs.length), inputs,
    outputs: [r.value], upstream, local: r.local,
    // + 0 turns -0 (a negative upstream times a 0 route) into 0.
    downstream: r.local.map((l) => g * l + 0),
    tie: !binary && inputs.filter((v) => v === extreme).length > 1,
  };
}

/** The worked forward and backward pass of one gate, with its pattern in words. */
export function explainGate(r: GateResult, digits = 6): Worked {
  const f = (v: number) => fmtNum(v, digits);
  const p = (v: number) => (v < 0 ? `(${f(v)})` : f(v));
  const wb = new WorkedBuilder(M.title(r.gate));
  wb.note(PATTERN[r.gate]);
  const given = r.names.map((n, i) => `${n} = ${f(r.inputs[i]!)}`).join(', ');
  wb.heading(M.forward);
  switch (r.gate) {
    case 'add': wb.step(`out = x + y = ${p(r.inputs[0]!)} + ${p(r.inputs[1]!)} = ${f(r.outputs[0]!)}`); break;
    case 'mul': wb.step(`out = x · y = ${p(r.inputs[0]!)} · ${p(r.inputs[1]!)} = ${f(r.outputs[0]!)}`); break;
    case 'max':
    case 'min': wb.step(`out = ${r.gate}(${r.names.join(', ')}) = ${r.gate}(${r.inputs.map(f).join(', ')}) = ${f(r.outputs[0]!)}`); break;
    case 'copy': wb.step(M.sent(f(r.inputs[0]!), r.upstream.length, r.outputs.map(f).join(', '))); break;
  }
  wb.heading(M.backward);
  if (r.gate === 'copy') {
    wb.step(M.fromUses(r.upstream.length, r.upstream.map(f).join(', ')));
    wb.step(`dL/dx = ${r.upstream.map(p).join(' + ')} = ${f(r.downstream[0]!)}`);
  } else {
    const g = r.upstream[0]!;
    r.names.forEach((n, i) => {
      const why: Text = r.gate === 'add' ? '1'
        : r.gate === 'mul' ? `${r.names[1 - i]} = ${p(g)} × ${p(r.inputs[1 - i]!)}`
        : r.local[i] === 0 ? M.notThe(n, r.gate) : r.local[i] === 1 ? M.isThe(n, r.gate) : M.tied(f(r.local[i]!), r.gate);
      wb.step(txt`dL/d${n} = ${p(g)} × ${why} = ${f(r.downstream[i]!)}`);
    });
  }
  if (r.tie) wb.warn(M.tie(given));
  wb.result(`${r.gate === 'copy' ? 'dL/dx' : r.names.map((n) => `dL/d${n}`).join(', ')} = ${r.downstream.map(f).join(', ')}`);
  return wb.build();
}
