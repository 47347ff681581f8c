/**
 * The calculators a homework file can name. Each adapter turns the file's
 * inputs into the calculator's flags and calls the same compute function as
 * the command, so `dlnotes check` grades against exactly what the calculator
 * prints. Adapters import their calculator lazily.
 */
import type { Outcome } from '../commands/output';
import type { InputValue } from './parse';

export interface CheckAdapter {
  name: string;
  summary: string;
  /** An example problem, as YAML list items, for `dlnotes check --template <name>`. */
  template: string;
  compute(inputs: Record<string, InputValue>): Promise<Outcome>;
}

/**
 * File inputs -> the flags object commander would build: kebab-case keys
 * become camelCase, numbers and lists become the strings the flag readers
 * parse ("3.2,5.1,-1.7"; rows joined by ";"), `no-bias: true` becomes `bias: false`.
 */
export function toFlags(inputs: Record<string, InputValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(inputs)) {
    let key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    let v: unknown = value;
    if (/^no[A-Z]/.test(key) && typeof value === 'boolean') {
      key = key[2]!.toLowerCase() + key.slice(3);
      v = !value;
    } else if (typeof value === 'number') {
      v = String(value);
    } else if (Array.isArray(value)) {
      v = value.every(Array.isArray) ? value.map((row) => (row as InputValue[]).join(',')).join('; ') : value.join(',');
    }
    out[key] = v;
  }
  return out;
}

export const ADAPTERS: CheckAdapter[] = [
  {
    name: 'conv',
    summary: 'conv layer: output, params, weights, biases, macs, flops, activations, bytes',
    template: '- conv: {h: 32, c: 3, k: 10, f: 5, s: 1, p: 2}\n  answer: {output: 32x32x10, params: 760, macs: 768000}\n- conv: {h: 10, f: 3, s: 2}\n  answer: {size: 4}\n',
    async compute(inputs) {
      const { computeConv } = await import('../commands/conv');
      return computeConv(toFlags(inputs));
    },
  },
  {
    name: 'pool',
    summary: 'pooling layer: size, output, params',
    template: '- pool: {h: 112, f: 3, s: 2, p: 1}\n  answer: {size: 56}\n- pool: {h: 5, f: 2, ceil: true}\n  answer: {size: 3}\n',
    async compute(inputs) {
      const { computePool } = await import('../commands/pool');
      return computePool(toFlags(inputs));
    },
  },
  {
    name: 'params',
    summary: 'parameter counts: kind conv|fc|bn|stack|separable',
    template: '- params: {kind: conv, f: 3, c: 64, k: 128}\n  answer: {params: 73856}\n- params: {kind: fc, in: 25088, out: 4096}\n  answer: {params: 102764544}\n- params: {kind: stack, n: 3, f: 3, c: 64}\n  answer: {stack: 110592, single: 200704}\n',
    async compute(inputs) {
      const { computeParams } = await import('../commands/params');
      const { kind, ...rest } = inputs;
      return computeParams(typeof kind === 'string' ? kind : 'conv', toFlags(rest));
    },
  },
  {
    name: 'rf',
    summary: 'receptive field: rf, stride (jump), padding, start',
    template: '- rf: {layers: "conv k=3; conv k=3; conv k=3"}\n  answer: {rf: 7}\n- rf: {layers: "conv k=7 s=2 p=3; maxpool k=3 s=2 p=1"}\n  answer: {rf: 11, stride: 4}\n',
    async compute(inputs) {
      const { computeRf } = await import('../commands/rf');
      return computeRf(toFlags(inputs));
    },
  },
];

export function findAdapter(name: string): CheckAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name.toLowerCase());
}
