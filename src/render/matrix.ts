/** Small matrices side by side, each with a title and its shape, columns right-aligned. */
import type { Matrix } from '../core/matmul';
import { style } from './style';

function block(title: string, a: Matrix, f: (v: number) => string): string[] {
  const cells = a.map((row) => row.map(f));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = cells.map((row, i) => {
    const [l, r] = a.length === 1 ? ['[', ']'] : i === 0 ? ['⎡', '⎤'] : i === a.length - 1 ? ['⎣', '⎦'] : ['⎢', '⎥'];
    return `${l} ${row.map((c) => c.padStart(width)).join('  ')} ${r}`;
  });
  return [`${title} (${a.length}×${a[0]!.length})`, ...lines];
}

/** Renders titled matrices next to each other. */
export function renderMatrix(items: Array<[string, Matrix]>, f: (v: number) => string): string {
  const blocks = items.map(([t, a]) => block(t, a, f));
  const height = Math.max(...blocks.map((b) => b.length));
  const widths = blocks.map((b) => Math.max(...b.map((l) => l.length)));
  const lines: string[] = [];
  for (let i = 0; i < height; i++) {
    lines.push(blocks.map((b, k) => (b[i] ?? '').padEnd(widths[k]!)).join('    ').trimEnd());
  }
  return [style.dim(lines[0]!), ...lines.slice(1)].join('\n');
}
