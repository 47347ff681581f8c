/**
 * The CS231n VGG-16 walkthrough ("VGGNet in detail", course notes and the
 * lecture slides): one row per conv, pool and FC layer with its memory
 * (output values) and parameters, biases ignored, then two total lines.
 * The rows are rebuilt here from the summary of the zoo's VGG-16, so every
 * figure is computed; only the walkthrough's own total line is quoted, to
 * point out its slip: the rows add up to about 15.2M values, not 24M.
 */
import { fmtInt } from '../format';
import type { NetSummary } from './analyse';
import type { Shape } from './shape';

export interface Cs231nRow {
  /** "INPUT", "CONV3-64", "POOL2", "FC". */
  label: string;
  /** H×W×C as CS231n writes it: [224, 224, 64]. */
  shape: [number, number, number];
  /** Output values of one image. */
  memory: number;
  /** "224*224*64=3.2M" */
  memoryText: string;
  /** Weights only (CS231n ignores biases). */
  params: number;
  /** "(3*3*3)*64 = 1,728" */
  paramsText: string;
  /** The summary row this comes from (absent for the input). */
  layer?: string;
}

export interface Cs231nTable {
  rows: Cs231nRow[];
  /** Σ of the memory column. */
  memory: number;
  memoryBytes: number;
  /** Σ of the params column (weights). */
  params: number;
  /** Biases left out, and the full count torchvision reports. */
  biases: number;
  fullParams: number;
  /** The walkthrough's own total lines, quoted. */
  claimed: { memory: number; memoryText: string; bytesText: string; paramsText: string };
  /** Share of the memory in the first two convs and of the params in the FC layers. */
  earlyConvMemory: number;
  fcParams: number;
  fc1Params: number;
}

/** The walkthrough's total lines (cs231n.github.io/convolutional-networks, "VGGNet in detail"). */
export const CS231N_CLAIMED = { memory: 24e6, memoryText: '24M', bytesText: '~= 93MB / image (only forward! ~*2 for bwd)', paramsText: '138M parameters' } as const;

/** CS231n's abbreviations: exact below 10,000, otherwise two significant digits with K or M (3.2M, 800K, 25K). */
export function cs231nAbbrev(n: number): string {
  if (n < 10000) return String(n);
  const digits = Math.floor(Math.log10(n)) + 1;
  const factor = 10 ** (digits - 2);
  const rounded = Math.round(n / factor) * factor;
  return rounded >= 1e6 ? `${rounded / 1e6}M` : `${rounded / 1e3}K`;
}

const hwc = (s: Shape): [number, number, number] => [s.h, s.w, s.c];

/** Rebuilds the CS231n table from a VGG summary (one image at 224×224). */
export function cs231nTable(s: NetSummary): Cs231nTable {
  const rows: Cs231nRow[] = [];
  const inp = s.input;
  const inputValues = inp.c * inp.h * inp.w;
  rows.push({ label: 'INPUT', shape: hwc(inp), memory: inputValues, memoryText: `${inp.h}*${inp.w}*${inp.c}=${cs231nAbbrev(inputValues)}`, params: 0, paramsText: '0' });
  let lastMap: Shape = inp;
  for (const r of s.rows) {
    const per = r.activations / s.batch;
    if (r.kind === 'conv') {
      const k = r.kernel!;
      rows.push({
        label: `CONV${k[0]}-${r.output.c}`, shape: hwc(r.output), memory: per,
        memoryText: `${r.output.h}*${r.output.w}*${r.output.c}=${cs231nAbbrev(per)}`,
        params: r.weights, paramsText: `(${k[0]}*${k[1]}*${r.input.c})*${r.output.c} = ${fmtInt(r.weights)}`, layer: r.name,
      });
    } else if (r.kind === 'maxpool') {
      rows.push({
        label: `POOL${r.kernel![0]}`, shape: hwc(r.output), memory: per,
        memoryText: `${r.output.h}*${r.output.w}*${r.output.c}=${cs231nAbbrev(per)}`, params: 0, paramsText: '0', layer: r.name,
      });
    } else if (r.kind === 'fc') {
      const from = r.input.c === lastMap.c * lastMap.h * lastMap.w && !lastMap.flat ? `${lastMap.h}*${lastMap.w}*${lastMap.c}` : String(r.input.c);
      rows.push({ label: 'FC', shape: [1, 1, r.output.c], memory: per, memoryText: String(per), params: r.weights, paramsText: `${from}*${r.output.c} = ${fmtInt(r.weights)}`, layer: r.name });
    }
    if (!r.output.flat) lastMap = r.output;
  }
  const memory = rows.reduce((t, r) => t + r.memory, 0);
  const params = rows.reduce((t, r) => t + r.params, 0);
  const fcRows = rows.filter((r) => r.label === 'FC');
  const convRows = rows.filter((r) => r.label.startsWith('CONV'));
  return {
    rows,
    memory,
    memoryBytes: memory * 4,
    params,
    biases: s.totals.biases,
    fullParams: s.totals.params,
    claimed: { ...CS231N_CLAIMED },
    earlyConvMemory: convRows.slice(0, 2).reduce((t, r) => t + r.memory, 0),
    fcParams: fcRows.reduce((t, r) => t + r.params, 0),
    fc1Params: fcRows[0]?.params ?? 0,
  };
}
