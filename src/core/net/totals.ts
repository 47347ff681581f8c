/** Totals of a summary's rows, and the features' receptive field. */
import { FP32_BYTES, type NetRow, type NetSummary, type NetTotals } from './types';
import { shapeSize, type Shape } from './shape';
import type { SlipDef } from '../slip-defs';
import { bitsForBytes, decimalForBinary, flopsForMacs, forgotBatch, forgotBias, macsForFlops, valuesForBytes } from '../unit-slips';

function sum<K extends 'params' | 'macs' | 'activations' | 'weights' | 'biases' | 'buffers' | 'bytes'>(rows: NetRow[], key: K): number {
  return rows.reduce((t, r) => t + r[key], 0);
}

/** Sums the rows (each counted once) into the labelled totals of a summary. */
export function totals(rows: NetRow[], input: Shape, batch: number, depth: number): NetTotals {
  const params = sum(rows, 'params');
  const macs = sum(rows, 'macs');
  const activations = sum(rows, 'activations');
  const withParams = rows.filter((r) => r.params > 0).reduce((t, r) => t + r.bytes, 0);
  const inputValues = shapeSize(input) * batch;
  return {
    params,
    weights: sum(rows, 'weights'),
    biases: sum(rows, 'biases'),
    buffers: sum(rows, 'buffers'),
    paramBytes: params * FP32_BYTES,
    macs,
    flops: 2 * macs,
    activations,
    activationBytes: activations * FP32_BYTES,
    trainingBytes: 2 * activations * FP32_BYTES,
    torchinfoBytes: 2 * withParams,
    inputValues,
    inputBytes: inputValues * FP32_BYTES,
    depth,
    weightLayers: rows.filter((r) => r.kind === 'conv' || r.kind === 'fc').length,
  };
}

/** The largest receptive field of a spatial (non-global) row, at the first row that reaches it. */
export function featureRf(rows: NetRow[]): NetSummary['featureRf'] {
  let best: NetRow | undefined;
  for (const r of rows) {
    if (r.rf.h.jump === null || r.rf.h.rf === null) continue;
    if (!best || r.rf.h.rf > best.rf.h.rf!) best = r;
  }
  return best ? { name: best.name, h: best.rf.h, w: best.rf.w } : null;
}

/** What the slips of a network's totals are computed from. */
export interface TotalsSlipInput {
  t: NetTotals;
  batch: number;
}

/** The classic slips of a whole network's totals, keyed by the summary's quantity. */
export const totalsSlips: Record<'params' | 'macs' | 'flops' | 'activations' | 'memory', readonly SlipDef<TotalsSlipInput>[]> = {
  params: [forgotBias(({ t }) => t.weights, ({ t }) => t.biases)],
  macs: [flopsForMacs(({ t }) => t.macs), forgotBatch(({ t }) => t.macs, ({ batch }) => batch)],
  flops: [macsForFlops(({ t }) => t.flops), forgotBatch(({ t }) => t.flops, ({ batch }) => batch)],
  activations: [forgotBatch(({ t }) => t.activations, ({ batch }) => batch)],
  memory: [
    bitsForBytes(({ t }) => t.activationBytes),
    valuesForBytes(({ t }) => t.activationBytes, ({ t }) => t.activations),
    decimalForBinary(({ t }) => t.activationBytes, 'mib-as-mb'),
    decimalForBinary(({ t }) => t.activationBytes, 'mb-as-mib'),
    forgotBatch(({ t }) => t.activationBytes, ({ batch }) => batch),
  ],
};
