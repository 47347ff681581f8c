/**
 * A calendar heatmap of reviews per study day, GitHub style: one column per
 * week (oldest left), one row per weekday (Monday on top), shades by count.
 */
import { addDays, weekday, type DayKey } from '../quiz/clock';
import { style } from './style';

const SHADES = ['·', '░', '▒', '▓', '█'];
const ROW_NAMES = ['Mon', '   ', 'Wed', '   ', 'Fri', '   ', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Shade index 0-4: 0 for no reviews, then quartiles of the busiest day. */
export function shadeOf(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * n) / max)));
}

export function renderHeatmap(counts: Map<DayKey, number>, today: DayKey, weeks = 26): string {
  const lastMonday = addDays(today, -weekday(today));
  const firstMonday = addDays(lastMonday, -7 * (weeks - 1));
  let max = 0;
  for (let i = 0; i < weeks * 7; i++) max = Math.max(max, counts.get(addDays(firstMonday, i)) ?? 0);
  const header: string[] = [];
  let lastMonth = '';
  for (let w = 0; w < weeks; w++) {
    const month = MONTHS[Number(addDays(firstMonday, 7 * w).slice(5, 7)) - 1]!;
    if (month !== lastMonth) {
      header[w] = month;
      lastMonth = month;
    }
  }
  let top = '';
  for (let w = 0; w < weeks; w++) {
    if (top.length > 2 * w) continue;
    top = top.padEnd(2 * w) + (header[w] ?? '');
  }
  const rows = ROW_NAMES.map((name, d) => {
    const cells: string[] = [];
    for (let w = 0; w < weeks; w++) {
      const day = addDays(firstMonday, 7 * w + d);
      if (day > today) { cells.push(' '); continue; }
      const s = shadeOf(counts.get(day) ?? 0, max);
      cells.push(s === 0 ? style.dim(SHADES[0]!) : style.good(SHADES[s]!));
    }
    return `${name} ${cells.join(' ')}`.trimEnd();
  });
  const legend = `    less ${SHADES.join(' ')} more${max > 0 ? `  (busiest day: ${max})` : ''}`;
  return [`    ${top}`.trimEnd(), ...rows, style.dim(legend)].join('\n');
}
