/**
 * One gate forward and backward, for `dlnotes gate` and the backprop-gate
 * quiz: the four patterns the notes ask to know by heart. add distributes,
 * mul swaps, max routes (min likewise), copy sums. The rules are
 * core/graph/ops.ts's, the same the graph uses.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import { evalGate, PATTERN } from './graph/ops';
import type { SlipValue } from './slip-defs';
import { msg } from './text';
import { WorkedBuilder, type Worked } from './worked';

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
    if (inputs.length !== 1) throw new InputError('inputs', `a copy gate has one input, got ${inputs.length}`);
    if (upstream.length < 2) throw new InputError('upstream', 'a copy gate needs one upstream gradient per use, at least two (e.g. --upstream 2,-1)');
    const total = upstream.reduce((s, g) => s + g, 0);
    return { gate, names: ['x'], inputs, outputs: upstream.map(() => inputs[0]!), upstream, local: upstream.map(() => 1), downstream: [total], tie: false };
  }
  const binary = gate === 'add' || gate === 'mul';
  if (binary && inputs.length !== 2) throw new InputError('inputs', `${gate === 'add' ? 'an' : 'a'} ${gate} gate takes two inputs, got ${inputs.length} (e.g. --inputs 3,-4)`);
  if (!binary && inputs.length < 2) throw new InputError('inputs', `a ${gate} gate takes at least two inputs, got ${inputs.length}`);
  if (upstream.length !== 1) throw new InputError('upstream', `a ${gate} gate has one output, so one upstream gradient; got ${upstream.length}`);
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
  const wb = new WorkedBuilder(`${r.gate} gate: forward and backward`);
  wb.note(PATTERN[r.gate]);
  const given = r.names.map((n, i) => `${n} = ${f(r.inputs[i]!)}`).join(', ');
  wb.heading('Forward');
  switch (r.gate) {
    case 'add': wb.step(`out = x + y = ${p(r.inputs[0]!)} + ${p(r.inputs[1]!)} = ${f(r.outputs[0]!)}`); break;
    case 'mul': wb.step(`out = x · y = ${p(r.inputs[0]!)} · ${p(r.inputs[1]!)} = ${f(r.outputs[0]!)}`); break;
    case 'max':
    case 'min': wb.step(`out = ${r.gate}(${r.names.join(', ')}) = ${r.gate}(${r.inputs.map(f).join(', ')}) = ${f(r.outputs[0]!)}`); break;
    case 'copy': wb.step(`x = ${f(r.inputs[0]!)} is sent unchanged to ${r.upstream.length} uses: ${r.outputs.map(f).join(', ')}`); break;
  }
  wb.heading('Backward (downstream = upstream × local)');
  if (r.gate === 'copy') {
    wb.step(`upstream gradients from the ${r.upstream.length} uses: ${r.upstream.map(f).join(', ')}`);
    wb.step(`dL/dx = ${r.upstream.map(p).join(' + ')} = ${f(r.downstream[0]!)}`);
  } else {
    const g = r.upstream[0]!;
    r.names.forEach((n, i) => {
      const why = r.gate === 'add' ? '1'
        : r.gate === 'mul' ? `${r.names[1 - i]} = ${p(g)} × ${p(r.inputs[1 - i]!)}`
        : r.local[i] === 0 ? `0 (${n} is not the ${r.gate})` : r.local[i] === 1 ? `1 (${n} is the ${r.gate})` : `${f(r.local[i]!)} (tied for the ${r.gate}: split equally)`;
      wb.step(`dL/d${n} = ${p(g)} × ${why} = ${f(r.downstream[i]!)}`);
    });
  }
  if (r.tie) wb.warn(`A tie: ${given}. PyTorch's torch.maximum/torch.minimum split the gradient equally among tied inputs; some texts send it all to one.`);
  wb.result(`${r.gate === 'copy' ? 'dL/dx' : r.names.map((n) => `dL/d${n}`).join(', ')} = ${r.downstream.map(f).join(', ')}`);
  return wb.build();
}

// ---- slips ----------------------------------------------------------------

const SLIP = {
  noSwap: msg((slipped: string, right: string) => `looks like each input got its own value: upstream × own input = ${slipped}; a mul gate swaps, dL/dx = upstream × y and dL/dy = upstream × x: ${right}`,
    (slipped, right) => `看起来每个输入乘的是自己的值：上游梯度 × 自身 = ${slipped}；乘法门要交换，dL/dx = 上游 × y，dL/dy = 上游 × x：${right}`),
  toAll: msg((gate: string, slipped: string, right: string) => `looks like every input got the upstream gradient: ${slipped}; a ${gate} gate routes it to the ${gate} input only, the others get 0: ${right}`,
    (gate, slipped, right) => `看起来每个输入都拿到了上游梯度：${slipped}；${gate} 门只把梯度传给取到 ${gate} 的输入，其余为 0：${right}`),
  toAllTie: msg((gate: string, slipped: string, right: string) => `looks like every tied input got the whole upstream gradient: ${slipped}; PyTorch's ${gate} splits it equally among the tied inputs: ${right}`,
    (gate, slipped, right) => `看起来每个并列的输入都拿到了全部上游梯度：${slipped}；PyTorch 的 ${gate} 把它平分给并列的输入：${right}`),
  noSum: msg((slipped: string, terms: string, right: string) => `looks like one use's gradient was taken: ${slipped}; a copy sums the gradients of all its uses: ${terms} = ${right}`,
    (slipped, terms, right) => `看起来只取了一路的梯度：${slipped}；复制节点要把各路梯度相加：${terms} = ${right}`),
};

const list = (xs: number[]): string => xs.map((x) => fmtNum(x)).join(', ');

/**
 * The classic slips of a gate's downstream gradients, one SlipValue per
 * wrong answer they give: as the whole list (`key` 'downstream'), or one
 * input's gradient (`key` its index). A copy's slip is any single use.
 */
export function gateSlips(r: GateResult, key: 'downstream' | number): SlipValue[] {
  const at = (xs: number[]): number | number[][] => (key === 'downstream' ? [xs] : xs[key]!);
  const g = r.upstream[0]!;
  const out: SlipValue[] = [];
  if (r.gate === 'mul') {
    const own = r.inputs.map((x) => g * x + 0);
    out.push({ id: 'mul-gate-no-swap', expected: at(own), text: SLIP.noSwap(list(own), list(r.downstream)) });
  }
  if (r.gate === 'max' || r.gate === 'min') {
    const all = r.inputs.map(() => g);
    out.push({ id: 'max-gate-to-all', expected: at(all), text: (r.tie ? SLIP.toAllTie : SLIP.toAll)(r.gate, list(all), list(r.downstream)) });
  }
  if (r.gate === 'copy' && (key === 'downstream' || key === 0)) {
    const terms = r.upstream.map((u) => (u < 0 ? `(${fmtNum(u)})` : fmtNum(u))).join(' + ');
    for (const u of new Set(r.upstream)) {
      out.push({ id: 'copy-gate-no-sum', expected: key === 'downstream' ? [[u]] : u, text: SLIP.noSum(fmtNum(u), terms, fmtNum(r.downstream[0]!)) });
    }
  }
  return out;
}
