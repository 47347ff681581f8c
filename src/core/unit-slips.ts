/**
 * Slips that are about units and totals rather than one formula: MACs and
 * FLOPs swapped, the batch forgotten, bits for bytes, values for bytes, MB
 * for MiB, the bias forgotten in a parameter total. One layer (core/conv.ts,
 * core/params.ts) and a whole network (core/net/totals.ts) make them alike,
 * so each is built here once from accessors into the caller's inputs.
 */
import { fmtInt, fmtNum } from './format';
import type { SlipDef } from './slip-defs';
import { msg } from './text';

type Get<I> = (inputs: I) => number | undefined;

const SLIP = {
  flopsForMacs: msg((slipped: string, right: string) => `looks like FLOPs were given for MACs: 2 × MACs = ${slipped}; MACs = ${right}`,
    (slipped, right) => `看起来把 FLOPs 当成了 MACs：2 × MACs = ${slipped}；MACs = ${right}`),
  macsForFlops: msg((slipped: string, right: string) => `looks like MACs were given for FLOPs: MACs = ${slipped}; FLOPs = 2 × MACs = ${right}`,
    (slipped, right) => `看起来把 MACs 当成了 FLOPs：MACs = ${slipped}；FLOPs = 2 × MACs = ${right}`),
  batch: msg((slipped: string, n: number, right: string) => `looks like the batch was forgotten: ${slipped} for one image; × N = ${n} gives ${right}`,
    (slipped, n, right) => `看起来忘了批大小：一张图是 ${slipped}；乘以 N = ${n} 得 ${right}`),
  bits: msg((slipped: string, right: string) => `looks like bits were counted: ${slipped} bits; fp32 is 4 bytes (32 bits) per value: ${right} B`,
    (slipped, right) => `看起来算的是比特：${slipped} 比特；fp32 每个值 4 字节（32 比特）：${right} B`),
  values: msg((values: string, right: string) => `looks like the values were counted, not the bytes: ${values} values × 4 B (fp32) = ${right} B`,
    (values, right) => `看起来算的是数值个数而不是字节数：${values} 个数 × 4 B（fp32）= ${right} B`),
  decimal: msg((bytes: string, mib: string, mb: string) => `looks like MB and MiB were mixed up: ${bytes} B = ${mib} MiB (2²⁰ = 1,048,576 B each) = ${mb} MB (10⁶ B each)`,
    (bytes, mib, mb) => `看起来混淆了 MB 和 MiB：${bytes} B = ${mib} MiB（每 MiB 2²⁰ = 1,048,576 B）= ${mb} MB（每 MB 10⁶ B）`),
  forgotBias: msg((w: string, b: string, right: string) => `looks like the biases were forgotten: ${w} weights, plus ${b} biases = ${right}`,
    (w, b, right) => `看起来忘了偏置：${w} 个权重，再加 ${b} 个偏置 = ${right}`),
};

/** A MACs answer that is the FLOPs. */
export function flopsForMacs<I>(macs: Get<I>): SlipDef<I> {
  return { id: 'flops-vs-macs', value: (i) => times(macs(i), 2), text: (i, v) => SLIP.flopsForMacs(fmtInt(v as number), fmtInt(macs(i)!)) };
}

/** A FLOPs answer that is the MACs. */
export function macsForFlops<I>(flops: Get<I>): SlipDef<I> {
  return { id: 'flops-vs-macs', value: (i) => times(flops(i), 0.5), text: (i, v) => SLIP.macsForFlops(fmtInt(v as number), fmtInt(flops(i)!)) };
}

/** A batch total given for one image. */
export function forgotBatch<I>(total: Get<I>, batch: (inputs: I) => number): SlipDef<I> {
  return {
    id: 'forgot-batch',
    value: (i) => (batch(i) > 1 ? times(total(i), 1 / batch(i)) : undefined),
    text: (i, v) => SLIP.batch(fmtInt(v as number), batch(i), fmtInt(total(i)!)),
  };
}

/** A byte count given in bits. */
export function bitsForBytes<I>(bytes: Get<I>): SlipDef<I> {
  return { id: 'bits-vs-bytes', value: (i) => times(bytes(i), 8), text: (i, v) => SLIP.bits(fmtInt(v as number), fmtInt(bytes(i)!)) };
}

/** A byte count of fp32 values given as the number of values. */
export function valuesForBytes<I>(bytes: Get<I>, values: Get<I>): SlipDef<I> {
  return {
    id: 'values-not-bytes',
    value: (i) => (bytes(i) !== undefined ? values(i) : undefined),
    text: (i) => SLIP.values(fmtInt(values(i)!), fmtInt(bytes(i)!)),
  };
}

/**
 * A byte count read with the other kind of mega: the size worked out in MiB
 * but written in MB (or the reverse). Answers are read into bytes
 * (core/answer.ts), so "0.3125 MB" for 327,680 B is 312,500 B.
 */
export function decimalForBinary<I>(bytes: Get<I>, factor: 'mib-as-mb' | 'mb-as-mib'): SlipDef<I> {
  const k = factor === 'mib-as-mb' ? 1e6 / 2 ** 20 : 2 ** 20 / 1e6;
  return {
    id: 'mb-vs-mib',
    // Under 0.01 MiB the mix-up is no longer the size of the number a student writes.
    value: (i) => { const b = bytes(i); return b !== undefined && b >= 10_000 ? b * k : undefined; },
    text: (i) => SLIP.decimal(fmtInt(bytes(i)!), fmtNum(bytes(i)! / 2 ** 20, 4), fmtNum(bytes(i)! / 1e6, 4)),
  };
}

/** A parameter total without its biases. */
export function forgotBias<I>(weights: Get<I>, biases: Get<I>): SlipDef<I> {
  return {
    id: 'forgot-bias',
    value: (i) => ((biases(i) ?? 0) > 0 ? weights(i) : undefined),
    text: (i) => SLIP.forgotBias(fmtInt(weights(i)!), fmtInt(biases(i)!), fmtInt(weights(i)! + biases(i)!)),
  };
}

function times(v: number | undefined, k: number): number | undefined {
  return v === undefined ? undefined : v * k;
}
