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
import { bi, msg, txt } from '../core/text';
import { t } from '../render/lang';
import { intFlag, withFlags } from './flags';
import { emit, print, printJson, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  badInput: msg((raw: string) => `--input: expected C×H×W like 3x224x224 (or H×W, or one size like 224), got "${raw}"`,
    (raw) => `--input：应为 C×H×W，例如 3x224x224（或 H×W，或一个尺寸如 224），收到 "${raw}"`),
  noChannels: msg((raw: string) => `--input: "${raw}" gives no channel count and the spec has no input; write C×H×W like 3x224x224`,
    (raw) => `--input："${raw}" 没有给出通道数，规格里也没有 input；请写成 C×H×W，例如 3x224x224`),
  params: bi('parameters', '参数量'),
  weights: bi('weights (no biases)', '权重数（不含偏置）'),
  biases: bi('biases', '偏置数'),
  flops: bi('FLOPs (2 × MACs)', 'FLOPs（2 × MACs）'),
  activations: bi('activations (values)', '激活值（个数）'),
  memory: bi('activation memory (fp32 bytes)', '激活值显存（fp32 字节）'),
  depth: bi('depth (weight layers on the longest path)', '深度（最长路径上的权重层数）'),
  output: bi('output shape', '输出形状'),
  rf: bi('receptive field', '感受野'),
  conventions: {
    macs: bi('conv: output values × (C_in/groups)·k_h·k_w; linear: in·out; BatchNorm, activations, pooling and residual adds count 0 (torchvision\'s "GFLOPS" are these MACs)',
      'conv：输出值个数 × (C_in/groups)·k_h·k_w；linear：in·out；BatchNorm、激活函数、池化和残差相加计 0（torchvision 的 "GFLOPS" 就是这样数的 MACs）'),
    activations: bi("every layer's output counted once (the rows of layers[]), times the batch; the input is not included", '每层的输出计一次（layers[] 的各行），乘以批大小；不含输入'),
    trainingBytes: bi('rough forward+backward estimate: 2 × activationBytes', '前向+反向的粗略估计：2 × activationBytes'),
    torchinfoBytes: bi("torchinfo's Forward/backward pass size: 2 × fp32 outputs of the layers that have parameters", 'torchinfo 的 "Forward/backward pass size"：2 × 有参数的层的 fp32 输出'),
    depth: bi('conv and linear layers on the longest path from input to output', '从输入到输出最长路径上的 conv 和 linear 层数'),
    blocks: bi('a block sums the rows first..end-1 of layers[]; do not add blocks to layers', '一个块是 layers[] 中第 first..end-1 行的合计；不要把块和层相加'),
  },
  unknownNet: msg((name: string, known: string) => `unknown network "${name}"; known: ${known} (or --spec net.yaml)`, (name, known) => `未知的网络 "${name}"；已知：${known}（或用 --spec net.yaml）`),
  listHeader: [bi('Name', '名称'), bi('Network', '网络'), bi('Params', '参数量'), 'MACs', bi('Depth', '深度'), bi('RF', '感受野')],
  listFooter: bi('Faithful to torchvision (224×224 input); MACs as torchvision publishes its "GFLOPS". Try: dlnotes summary resnet50',
    '与 torchvision 的定义一致（224×224 输入）；MACs 即 torchvision 公布的 "GFLOPS"。试试：dlnotes summary resnet50'),
  notBoth: bi('give either a network name or --spec, not both', '网络名和 --spec 只能给一个'),
  giveNet: bi('give a network (dlnotes summary --list shows them) or --spec net.yaml', '请给出网络名（dlnotes summary --list 列出全部）或 --spec net.yaml'),
  cs231nVgg: bi('--cs231n rebuilds the CS231n VGG-16 table: use it with vgg16 (dlnotes summary vgg16 --cs231n)', '--cs231n 重建 CS231n 的 VGG-16 表：请与 vgg16 一起用（dlnotes summary vgg16 --cs231n）'),
  cs231nOne: bi('--cs231n is the walkthrough at one 224×224 image: drop --input and --batch', '--cs231n 是针对一张 224×224 图像的讲解：请去掉 --input 和 --batch'),
  colon: bi(': ', '：'),
};

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
  if (nums.some((n) => !Number.isInteger(n) || n < 1) || nums.length < 1 || nums.length > 3) throw new UsageError(M.badInput(raw), 'input');
  if (nums.length === 3) return nums as [number, number, number];
  const c = base?.[0];
  if (c === undefined) throw new UsageError(M.noChannels(raw), 'input');
  return nums.length === 2 ? [c, nums[0]!, nums[1]!] : [c, nums[0]!, nums[0]!];
}

/** The quantities a student can be asked about, for --answer and the homework checker. */
export function summaryQuantities(s: NetSummary): Record<string, Quantity> {
  const tot = s.totals;
  const out = shapeArray(s.output);
  const q: Record<string, Quantity> = {
    params: { label: M.params, expected: tot.params, show: `${fmtInt(tot.params)} (${fmtSI(tot.params)})`, aliases: ['parameters'] },
    weights: { label: M.weights, expected: tot.weights, show: fmtInt(tot.weights) },
    biases: { label: M.biases, expected: tot.biases, show: fmtInt(tot.biases) },
    macs: { label: 'MACs', expected: tot.macs, show: `${fmtInt(tot.macs)} (${fmtSI(tot.macs)})`, aliases: ['mult-adds', 'multadds'] },
    flops: { label: M.flops, expected: tot.flops, show: `${fmtInt(tot.flops)} (${fmtSI(tot.flops)})` },
    activations: { label: M.activations, expected: tot.activations, show: `${fmtInt(tot.activations)} (${fmtSI(tot.activations)})`, aliases: ['acts'] },
    memory: { label: M.memory, expected: tot.activationBytes, show: `${fmtInt(tot.activationBytes)} B (${fmtSI(tot.activationBytes)}B)`, aliases: ['bytes'] },
    depth: { label: M.depth, expected: tot.depth, aliases: ['layers'] },
    output: { label: M.output, expected: out.length === 3 ? [out, [out[1]!, out[2]!, out[0]!]] : [out], aliases: ['shape'] },
  };
  if (s.featureRf?.h.rf != null) q.rf = { label: M.rf, expected: s.featureRf.h.rf, aliases: ['receptive_field'] };
  return q;
}

function rowJson(r: NetRow): Record<string, unknown> {
  const square = r.rf.h.rf === r.rf.w.rf && r.rf.h.jump === r.rf.w.jump;
  return {
    name: r.name,
    kind: r.kind,
    detail: t(r.detail),
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
  const tot = s.totals;
  return {
    name: s.name ?? null,
    input: shapeArray(s.input),
    batch: s.batch,
    output: shapeArray(s.output),
    total: {
      params: tot.params, weights: tot.weights, biases: tot.biases, buffers: tot.buffers, paramBytes: tot.paramBytes,
      macs: tot.macs, flops: tot.flops,
      activations: tot.activations, activationBytes: tot.activationBytes, trainingBytes: tot.trainingBytes, torchinfoBytes: tot.torchinfoBytes,
      inputValues: tot.inputValues, inputBytes: tot.inputBytes,
      depth: tot.depth, weightLayers: tot.weightLayers,
      rf: s.featureRf ? { layer: s.featureRf.name, rf: s.featureRf.h.rf, jump: s.featureRf.h.jump, rfW: s.featureRf.w.rf, jumpW: s.featureRf.w.jump } : null,
    },
    layers: s.rows.map(rowJson),
    blocks: s.blocks.map((b) => ({ name: b.name, kind: b.kind, level: b.level, first: b.first, end: b.end, output: shapeArray(b.output), params: b.params, macs: b.macs, activations: b.activations })),
    notes: s.notes.map(t),
    conventions: {
      macs: t(M.conventions.macs),
      flops: '2 × MACs',
      activations: t(M.conventions.activations),
      trainingBytes: t(M.conventions.trainingBytes),
      torchinfoBytes: t(M.conventions.torchinfoBytes),
      depth: t(M.conventions.depth),
      blocks: t(M.conventions.blocks),
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
  return new UsageError(M.unknownNet(name, zooNames().join(', ')));
}

function listZoo(json: boolean): void {
  const rows = ZOO.map((e) => {
    const s = summarise(e.build());
    return { name: e.name, title: t(e.title), params: s.totals.params, macs: s.totals.macs, depth: s.totals.depth, rf: s.featureRf?.h.rf ?? null };
  });
  if (json) {
    printJson(rows);
    return;
  }
  print(renderTable(M.listHeader.map(t), rows.map((r) => [r.name, r.title, fmtInt(r.params), fmtSI(r.macs), String(r.depth), String(r.rf ?? '—')]), { align: ['left', 'left', 'right', 'right', 'right', 'right'] }));
  print(`\n${t(M.listFooter)}`);
}

async function summariseFlags(net: string | undefined, o: SummaryFlags): Promise<{ s: NetSummary; entry: ZooEntry | undefined; levels: number | undefined }> {
  if (net !== undefined && o.spec !== undefined) throw new UsageError(M.notBoth);
  let entry: ZooEntry | undefined;
  let spec: NetSpec;
  if (o.spec !== undefined) {
    spec = await loadSpec(o.spec);
  } else if (net !== undefined) {
    entry = findNet(net);
    if (!entry) throw unknownNet(net);
    spec = entry.build();
  } else {
    throw new UsageError(M.giveNet);
  }
  const batch = intFlag('batch', o.batch, { min: 1 }) ?? 1;
  const levels = intFlag('levels', o.levels, { min: 1 });
  const input = readInputFlag(o.input, spec.input);
  if (o.cs231n) {
    if (entry?.name !== 'vgg16') throw new UsageError(M.cs231nVgg, 'cs231n');
    if (input || batch !== 1) throw new UsageError(M.cs231nOne, 'cs231n');
  }
  const s = withFlags(() => summarise(spec, { batch, ...(input ? { input } : {}) }));
  return { s, entry, levels };
}

/** Spec and input mistakes as one-line usage errors. */
async function asUsageErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.text);
    if (e instanceof InputError) throw new UsageError(txt`${e.field}${M.colon}${e.text}`, e.field);
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
    else print(renderSummary(s, { wide: o.wide === true, ...(levels ? { levels } : {}), ...(entry?.caveat ? { caveat: txt`${entry.title}${M.colon}${entry.caveat}${bi('.', '。')}` } : {}) }));
  });
}
