/** Renders the rebuilt CS231n VGG-16 walkthrough table (core/net/cs231n.ts) and its slip. */
import type { Cs231nTable } from '../core/net/cs231n';
import { fmtBytes, fmtInt } from '../core/format';
import { style } from './style';
import { renderTable } from './table';

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const mega = (n: number) => `${(n / 1e6).toFixed(1)}M`;

export function renderCs231n(t: Cs231nTable): string {
  const rows = t.rows.map((r) => [`${r.label}:`, `[${r.shape.join('x')}]`, r.memoryText, r.paramsText]);
  const firstTwo = t.rows.filter((r) => r.label.startsWith('CONV')).slice(0, 2);
  return [
    style.heading("CS231n's VGG-16 walkthrough (\"VGGNet in detail\"), rebuilt from the layers of vgg16"),
    style.dim('One image of 224×224×3; memory = output values of the layer; params = weights only (CS231n ignores biases).'),
    '',
    renderTable(['Layer', 'Output', 'memory', 'params'], rows),
    '',
    `${style.bold('TOTAL memory')} (sum of the rows): ${fmtInt(t.memory)} ≈ ${mega(t.memory)} values × 4 bytes = ${fmtInt(t.memoryBytes)} B = ${fmtBytes(t.memoryBytes)} / image (forward only; ~×2 with the backward pass)`,
    `${style.bold('TOTAL params')} (sum of the rows): ${fmtInt(t.params)} ≈ ${Math.round(t.params / 1e6)}M (weights; with the ${fmtInt(t.biases)} biases: ${fmtInt(t.fullParams)}, torchvision's count)`,
    '',
    style.warn(`! The walkthrough's total line says "TOTAL memory: ${t.claimed.memoryText} * 4 bytes ${t.claimed.bytesText}".`),
    style.warn(`  Its own rows add up to ${fmtInt(t.memory)} ≈ ${mega(t.memory)} values (${fmtBytes(t.memoryBytes)}), not ${t.claimed.memoryText}: every row is right, the total is the slip.`),
    `Most memory is in the early convs: the first two ${firstTwo[0]?.label ?? 'CONV'} layers hold ${mega(t.earlyConvMemory)} of the ${mega(t.memory)} values (${pct(t.earlyConvMemory, t.memory)}).`,
    `Most params are in the FC layers: ${mega(t.fcParams)} of ${mega(t.params)} (${pct(t.fcParams, t.params)}); the first FC alone has ${mega(t.fc1Params)} (${pct(t.fc1Params, t.params)}).`,
  ].join('\n');
}
