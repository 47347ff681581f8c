/** dlnotes summary: a whole network, layer by layer, with totals (zoo model or --spec file). */
import { readUserText } from '../read-text';
import { parseTuple } from '../core/answer';
import type { Quantity } from '../core/check';
import { InputError } from '../core/errors';
import { summarise, type NetRow, type NetSummary } from '../core/net/analyse';
import { shapeArray } from '../core/net/shape';
import { findNet, ZOO, zooNames, type ZooEntry } from '../core/net/zoo/index';
import { SpecError, type NetSpec } from '../core/spec';
import { UsageError } from '../errors';
import { renderSummary } from '../render/summary';
import { renderTable } from '../render/table';
import { fmtInt, fmtSI } from '../core/format';
import { intFlag, withFlags } from './flags';
import { emit, print, printJson, type Outcome } from './output';

export interface SummaryFlags {
  spec?: string;
  input?: string;
  batch?: string;
  list?: boolean;
  json?: boolean;
  answer?: string;
  cs231n?: boolean;
  levels?: string;
  wide?: boolean;
}

/** --input: C×H×W (3x224x224), H×W (channels from the spec) or one size (224). */
export function readInputFlag(raw: string | undefined, base: [number, number, number] | undefined): [number, number, number] | undefined {
  if (raw === undefined) return undefined;
  const parts = String(raw).trim().split(/\s*[x×*,]\s*/);
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  const bad = `--input: expected C×H×W like 3x224x224 (or H×W, or one size like 224), got "${raw}"`;
  if (nums.some((n) => !Number.isInteger(n) || n < 1) || nums.length < 1 || nums.length > 3) throw new UsageError(bad);
  if (nums.length === 3) return nums as [number, number, number];
  const c = base?.[0];
  if (c === undefined) throw new UsageError(`--input: "${raw}" gives no channel count and the spec has no input; write C×H×W like 3x224x224`);
  return nums.length === 2 ? [c, nums[0]!, nums[1]!] : [c, nums[0]!, nums[0]!];
}

/** The quantities a student can be asked about, for --answer and the homework checker. */
export function summaryQuantities(s: NetSummary): Record<string, Quantity> {
  const t = s.totals;
  const out = shapeArray(s.output);
  const q: Record<string, Quantity> = {
    params: { label: 'parameters', expected: t.params, show: `${fmtInt(t.params)} (${fmtSI(t.params)})`, aliases: ['parameters'] },
    weights: { label: 'weights (no biases)', expected: t.weights, show: fmtInt(t.weights) },
    biases: { label: 'biases', expected: t.biases, show: fmtInt(t.biases) },
    macs: { label: 'MACs', expected: t.macs, show: `${fmtInt(t.macs)} (${fmtSI(t.macs)})`, aliases: ['mult-adds', 'multadds'] },
    flops: { label: 'FLOPs (2 × MACs)', expected: t.flops, show: `${fmtInt(t.flops)} (${fmtSI(t.flops)})` },
    activations: { label: 'activations (values)', expected: t.activations, show: `${fmtInt(t.activations)} (${fmtSI(t.activations)})`, aliases: ['acts'] },
    memory: { label: 'activation memory (fp32 bytes)', expected: t.activationBytes, show: `${fmtInt(t.activationBytes)} B (${fmtSI(t.activationBytes)}B)`, aliases: ['bytes'] },
    depth: { label: 'depth (weight layers on the longest path)', expected: t.depth, aliases: ['layers'] },
    output: { label: 'output shape', expected: out.length === 3 ? [out, [out[1]!, out[2]!, out[0]!]] : [out], aliases: ['shape'] },
  };
  if (s.featureRf?.h.rf != null) q.rf = { label: 'receptive field', expected: s.featureRf.h.rf, aliases: ['receptive_field'] };
  return q;
}

function rowJson(r: NetRow): Record<string, unknown> {
  const square = r.rf.h.rf === r.rf.w.rf && r.rf.h.jump === r.rf.w.jump;
  return {
    name: r.name,
    kind: r.kind,
    detail: r.detail,
    level: r.level,
    output: shapeArray(r.output),
    params: r.params,
    weights: r.weights,
    biases: r.biases,
    macs: r.macs,
    activations: r.activations,
    bytes: r.bytes,
    rf: r.rf.h.rf,
    jump: r.rf.h.jump,
    ...(square ? {} : { rfW: r.rf.w.rf, jumpW: r.rf.w.jump }),
    depth: r.depth,
  };
}

export function summaryJson(s: NetSummary): Record<string, unknown> {
  const t = s.totals;
  return {
    name: s.name ?? null,
    input: shapeArray(s.input),
    batch: s.batch,
    output: shapeArray(s.output),
    total: {
      params: t.params, weights: t.weights, biases: t.biases, buffers: t.buffers, paramBytes: t.paramBytes,
      macs: t.macs, flops: t.flops,
      activations: t.activations, activationBytes: t.activationBytes, trainingBytes: t.trainingBytes, torchinfoBytes: t.torchinfoBytes,
      inputValues: t.inputValues, inputBytes: t.inputBytes,
      depth: t.depth, weightLayers: t.weightLayers,
      rf: s.featureRf ? { layer: s.featureRf.name, rf: s.featureRf.h.rf, jump: s.featureRf.h.jump, rfW: s.featureRf.w.rf, jumpW: s.featureRf.w.jump } : null,
    },
    layers: s.rows.map(rowJson),
    blocks: s.blocks.map((b) => ({ name: b.name, kind: b.kind, level: b.level, first: b.first, end: b.end, output: shapeArray(b.output), params: b.params, macs: b.macs, activations: b.activations })),
    notes: s.notes,
    conventions: {
      macs: 'conv: output values × (C_in/groups)·k_h·k_w; linear: in·out; BatchNorm, activations, pooling and residual adds count 0 (torchvision\'s "GFLOPS" are these MACs)',
      flops: '2 × MACs',
      activations: "every layer's output counted once (the rows of layers[]), times the batch; the input is not included",
      trainingBytes: 'rough forward+backward estimate: 2 × activationBytes',
      torchinfoBytes: "torchinfo's Forward/backward pass size: 2 × fp32 outputs of the layers that have parameters",
      depth: 'conv and linear layers on the longest path from input to output',
      blocks: 'a block sums the rows first..end-1 of layers[]; do not add blocks to layers',
    },
  };
}

async function loadSpec(file: string): Promise<NetSpec> {
  const text = readUserText(file, '--spec');
  // The YAML reader (and the yaml package) load only when a spec file is given.
  const { parseSpecYaml } = await import('../core/spec-yaml');
  return parseSpecYaml(text, file);
}

function unknownNet(name: string): UsageError {
  return new UsageError(`unknown network "${name}"; known: ${zooNames().join(', ')} (or --spec net.yaml)`);
}

function listZoo(json: boolean): void {
  const rows = ZOO.map((e) => {
    const s = summarise(e.build());
    return { name: e.name, title: e.title, params: s.totals.params, macs: s.totals.macs, depth: s.totals.depth, rf: s.featureRf?.h.rf ?? null };
  });
  if (json) {
    printJson(rows);
    return;
  }
  print(renderTable(['Name', 'Network', 'Params', 'MACs', 'Depth', 'RF'], rows.map((r) => [r.name, r.title, fmtInt(r.params), fmtSI(r.macs), String(r.depth), String(r.rf ?? '—')]), { align: ['left', 'left', 'right', 'right', 'right', 'right'] }));
  print('\nFaithful to torchvision (224×224 input); MACs as torchvision publishes its "GFLOPS". Try: dlnotes summary resnet50');
}

async function summariseFlags(net: string | undefined, o: SummaryFlags): Promise<{ s: NetSummary; entry: ZooEntry | undefined; levels: number | undefined }> {
  if (net !== undefined && o.spec !== undefined) throw new UsageError('give either a network name or --spec, not both');
  let entry: ZooEntry | undefined;
  let spec: NetSpec;
  if (o.spec !== undefined) {
    spec = await loadSpec(o.spec);
  } else if (net !== undefined) {
    entry = findNet(net);
    if (!entry) throw unknownNet(net);
    spec = entry.build();
  } else {
    throw new UsageError('give a network (dlnotes summary --list shows them) or --spec net.yaml');
  }
  const batch = intFlag('batch', o.batch, { min: 1 }) ?? 1;
  const levels = intFlag('levels', o.levels, { min: 1 });
  const input = readInputFlag(o.input, spec.input);
  if (o.cs231n) {
    if (entry?.name !== 'vgg16') throw new UsageError('--cs231n rebuilds the CS231n VGG-16 table: use it with vgg16 (dlnotes summary vgg16 --cs231n)');
    if (input || batch !== 1) throw new UsageError('--cs231n is the walkthrough at one 224×224 image: drop --input and --batch');
  }
  const s = withFlags(() => summarise(spec, { batch, ...(input ? { input } : {}) }));
  return { s, entry, levels };
}

/** Spec and input mistakes as one-line usage errors. */
async function asUsageErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    if (e instanceof InputError) throw new UsageError(`${e.field}: ${e.message}`);
    throw e;
  }
}

/** One summary's totals as checkable quantities: shared by --answer and the homework checker. */
export async function computeSummary(net: string | undefined, o: SummaryFlags): Promise<Outcome> {
  return asUsageErrors(async () => {
    const { s } = await summariseFlags(net, o);
    const { explainTotals } = await import('../core/net/explain');
    return {
      data: summaryJson(s),
      quantities: summaryQuantities(s),
      defaultKey: (text) => ((parseTuple(text)?.length ?? 1) >= 2 ? 'output' : 'params'),
      worked: explainTotals(s),
    };
  });
}

export async function run(net: string | undefined, o: SummaryFlags): Promise<void> {
  if (o.list) {
    listZoo(o.json === true);
    return;
  }
  if (o.answer !== undefined && !o.cs231n) {
    emit(await computeSummary(net, o), o);
    return;
  }
  await asUsageErrors(async () => {
    const { s, entry, levels } = await summariseFlags(net, o);
    if (o.cs231n) {
      // Loaded only for this flag, like the worked totals: the plain table starts faster.
      const [{ cs231nTable }, { renderCs231n }] = await Promise.all([import('../core/net/cs231n'), import('../render/cs231n')]);
      const table = cs231nTable(s);
      if (o.json) printJson(table);
      else print(renderCs231n(table));
      return;
    }
    if (o.json) printJson(summaryJson(s));
    else print(renderSummary(s, { wide: o.wide === true, ...(levels ? { levels } : {}), ...(entry?.caveat ? { caveat: `${entry.title}: ${entry.caveat}.` } : {}) }));
  });
}
