/** Renders the rebuilt CS231n VGG-16 walkthrough table (core/net/cs231n.ts) and its slip. */
import type { Cs231nTable } from '../core/net/cs231n';
import { fmtBytes, fmtInt } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { t } from './lang';
import { style } from './style';
import { renderTable } from './table';

/** The texts of the walkthrough, in both languages. */
const M = {
  title: bi("CS231n's VGG-16 walkthrough (\"VGGNet in detail\"), rebuilt from the layers of vgg16", 'CS231n 的 VGG-16 讲解（"VGGNet in detail"），由 vgg16 的各层重建'),
  conventions: bi('One image of 224×224×3; memory = output values of the layer; params = weights only (CS231n ignores biases).',
    '一张 224×224×3 的图像；显存 = 该层输出值的个数；参数量 = 只算权重（CS231n 忽略偏置）。'),
  header: [bi('Layer', '层'), bi('Output', '输出'), bi('memory', '显存（值的个数）'), bi('params', '参数量')] as Text[],
  totalMemory: bi('TOTAL memory', '总显存'),
  memory: msg((sum: string, mega: string, bytes: string, units: string) => ` (sum of the rows): ${sum} ≈ ${mega} values × 4 bytes = ${bytes} B = ${units} / image (forward only; ~×2 with the backward pass)`,
    (sum, mega, bytes, units) => `（各行之和）：${sum} ≈ ${mega} 个值 × 4 字节 = ${bytes} B = ${units} / 张图像（仅前向；加上反向传播约 ×2）`),
  totalParams: bi('TOTAL params', '总参数量'),
  params: msg((sum: string, m: number, biases: string, full: string) => ` (sum of the rows): ${sum} ≈ ${m}M (weights; with the ${biases} biases: ${full}, torchvision's count)`,
    (sum, m, biases, full) => `（各行之和）：${sum} ≈ ${m}M（权重；加上 ${biases} 个偏置是 ${full}，即 torchvision 的数）`),
  claimed: msg((memory: string, bytes: string) => `! The walkthrough's total line says "TOTAL memory: ${memory} * 4 bytes ${bytes}".`,
    (memory, bytes) => `! 讲解里的合计一行写的是 "TOTAL memory: ${memory} * 4 bytes ${bytes}"。`),
  slip: msg((sum: string, mega: string, units: string, claimed: string) => `  Its own rows add up to ${sum} ≈ ${mega} values (${units}), not ${claimed}: every row is right, the total is the slip.`,
    (sum, mega, units, claimed) => `  它自己的各行加起来是 ${sum} ≈ ${mega} 个值（${units}），不是 ${claimed}：每一行都对，错的是合计。`),
  early: msg((label: string, part: string, whole: string, pct: string) => `Most memory is in the early convs: the first two ${label} layers hold ${part} of the ${whole} values (${pct}).`,
    (label, part, whole, pct) => `大部分显存在前面的卷积层：前两个 ${label} 层占了 ${whole} 个值中的 ${part}（${pct}）。`),
  fc: msg((part: string, whole: string, pct: string, fc1: string, pct1: string) => `Most params are in the FC layers: ${part} of ${whole} (${pct}); the first FC alone has ${fc1} (${pct1}).`,
    (part, whole, pct, fc1, pct1) => `大部分参数在全连接层：${whole} 中的 ${part}（${pct}）；仅第一个全连接层就有 ${fc1}（${pct1}）。`),
};

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const mega = (n: number) => `${(n / 1e6).toFixed(1)}M`;

export function renderCs231n(tb: Cs231nTable): string {
  const rows = tb.rows.map((r) => [`${r.label}:`, `[${r.shape.join('x')}]`, r.memoryText, r.paramsText]);
  const firstTwo = tb.rows.filter((r) => r.label.startsWith('CONV')).slice(0, 2);
  return [
    style.heading(t(M.title)),
    style.dim(t(M.conventions)),
    '',
    renderTable(M.header.map(t), rows),
    '',
    `${style.bold(t(M.totalMemory))}${t(M.memory(fmtInt(tb.memory), mega(tb.memory), fmtInt(tb.memoryBytes), fmtBytes(tb.memoryBytes)))}`,
    `${style.bold(t(M.totalParams))}${t(M.params(fmtInt(tb.params), Math.round(tb.params / 1e6), fmtInt(tb.biases), fmtInt(tb.fullParams)))}`,
    '',
    style.warn(t(M.claimed(tb.claimed.memoryText, tb.claimed.bytesText))),
    style.warn(t(M.slip(fmtInt(tb.memory), mega(tb.memory), fmtBytes(tb.memoryBytes), tb.claimed.memoryText))),
    t(M.early(firstTwo[0]?.label ?? 'CONV', mega(tb.earlyConvMemory), mega(tb.memory), pct(tb.earlyConvMemory, tb.memory))),
    t(M.fc(mega(tb.fcParams), mega(tb.params), pct(tb.fcParams, tb.params), mega(tb.fc1Params), pct(tb.fc1Params, tb.params))),
  ].join('\n');
}
