/** dlnotes gate add|mul|max|min|copy: one gate forward and backward. */
import type { Quantity } from '../core/check';
import { explainGate, GATES, gateSlips, singleGate, type GateName, type GateResult } from '../core/gates';
import { UsageError } from '../errors';
import { numListFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

export interface GateFlags {
  inputs?: string;
  upstream?: string;
  json?: boolean;
  answer?: string;
}

/** The downstream gradients (as a list, or one by one as dx, dy, ...) and the forward value. */
export function gateQuantities(r: GateResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    downstream: { label: 'downstream gradients', expected: [r.downstream], aliases: ['grads', 'grad'], slips: () => gateSlips(r, 'downstream') },
  };
  if (r.gate !== 'copy') q.out = { label: 'forward value', expected: r.outputs[0]!, aliases: ['value', 'output'] };
  r.downstream.forEach((d, i) => {
    q[`d${r.names[i]}`] = { label: `dL/d${r.names[i]}`, expected: d, slips: () => gateSlips(r, i) };
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
  if (gateWord === undefined) throw new UsageError(`gate: name the gate: ${GATES.join(', ')} (e.g. dlnotes gate mul --inputs 3,-4 --upstream 2)`);
  const gate = gateWord.trim().toLowerCase() as GateName;
  if (!GATES.includes(gate)) throw new UsageError(`gate: "${gateWord}" is not a gate; choose one of ${GATES.join(', ')}`);
  const inputs = numListFlag('inputs', o.inputs);
  if (!inputs) throw new UsageError(`--inputs is required: the gate's input values, e.g. --inputs 3,-4${gate === 'copy' ? ' (copy: one value)' : ''}`);
  const upstream = numListFlag('upstream', o.upstream) ?? (gate === 'copy' ? undefined : [1]);
  if (!upstream) throw new UsageError('--upstream is required for copy: one gradient per use, e.g. --upstream 2,-1');
  const r = withFlags(() => singleGate(gate, inputs, upstream));
  return { data: gateJson(r), quantities: gateQuantities(r), defaultKey: 'downstream', worked: explainGate(r) };
}

export async function run(gateWord: string | undefined, o: GateFlags): Promise<void> {
  emit(computeGate(gateWord, o), o);
}
