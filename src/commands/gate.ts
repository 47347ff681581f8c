/** dlnotes gate add|mul|max|min|copy: one gate forward and backward. */
import type { Quantity } from '../core/check';
import { explainGate, GATES, singleGate, type GateName, type GateResult } from '../core/gates';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { numListFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  name: msg((list: string) => `gate: name the gate: ${list} (e.g. dlnotes gate mul --inputs 3,-4 --upstream 2)`, (list) => `请指定门：${list}（例如 dlnotes gate mul --inputs 3,-4 --upstream 2）`),
  notGate: msg((word: string, list: string) => `gate: "${word}" is not a gate; choose one of ${list}`, (word, list) => `"${word}" 不是门；请从 ${list} 中选一个`),
  inputs: msg((copy: boolean) => `the gate's input values, e.g. --inputs 3,-4${copy ? '; copy: one value' : ''}`, (copy) => `门的输入值，例如 --inputs 3,-4${copy ? '；copy 门只有一个值' : ''}`),
  upstream: bi('--upstream is required for copy: one gradient per use, e.g. --upstream 2,-1', 'copy 门需要 --upstream：每次使用一个梯度，例如 --upstream 2,-1'),
  downstream: bi('downstream gradients', '下游梯度'),
  forward: bi('forward value', '前向值'),
};

export interface GateFlags {
  inputs?: string;
  upstream?: string;
  json?: boolean;
  answer?: string;
}

/** The downstream gradients (as a list, or one by one as dx, dy, ...) and the forward value. */
export function gateQuantities(r: GateResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    downstream: { label: M.downstream, expected: [r.downstream], aliases: ['grads', 'grad'] },
  };
  if (r.gate !== 'copy') q.out = { label: M.forward, expected: r.outputs[0]!, aliases: ['value', 'output'] };
  r.downstream.forEach((d, i) => {
    q[`d${r.names[i]}`] = { label: `dL/d${r.names[i]}`, expected: d };
  });
  return q;
}

export function gateJson(r: GateResult): Record<string, unknown> {
  return {
    gate: r.gate,
    inputs: Object.fromEntries(r.names.map((n, i) => [n, r.inputs[i]])),
    output: r.gate === 'copy' ? r.outputs : r.outputs[0],
    upstream: r.gate === 'copy' ? r.upstream : r.upstream[0],
    local: r.local,
    downstream: Object.fromEntries(r.names.map((n, i) => [`d${n}`, r.downstream[i]])),
    tie: r.tie,
  };
}

/** One `gate` run: shared by the command and the homework checker. */
export function computeGate(gateWord: string | undefined, o: GateFlags): Outcome {
  if (gateWord === undefined) throw new UsageError(M.name(GATES.join(', ')));
  const gate = gateWord.trim().toLowerCase() as GateName;
  if (!GATES.includes(gate)) throw new UsageError(M.notGate(gateWord, GATES.join(', ')));
  const inputs = numListFlag('inputs', o.inputs);
  if (!inputs) throw requiredFlag('inputs', M.inputs(gate === 'copy'));
  const upstream = numListFlag('upstream', o.upstream) ?? (gate === 'copy' ? undefined : [1]);
  if (!upstream) throw new UsageError(M.upstream, 'upstream');
  const r = withFlags(() => singleGate(gate, inputs, upstream));
  return { data: gateJson(r), quantities: gateQuantities(r), defaultKey: 'downstream', worked: explainGate(r) };
}

export async function run(gateWord: string | undefined, o: GateFlags): Promise<void> {
  emit(computeGate(gateWord, o), o);
}
