/**
 * A calendar heatmap of reviews per study day, GitHub style: one column per
 * week (oldest left), one row per weekday (Monday on top), shades by count.
 */
import { addDays, weekday, type DayKey } from '../quiz/clock';
import { msg } from '../core/text';
import { currentLang, t } from './lang';
import { style } from './style';
import { displayWidth } from './table';

const SHADES = ['·', '░', '▒', '▓', '█'];
/** Three columns each, so the grid lines up in both languages. */
const ROW_NAMES = { en: ['Mon', '   ', 'Wed', '   ', 'Fri', '   ', 'Sun'], zh: ['一 ', '   ', '三 ', '   ', '五 ', '   ', '日 '] };
const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
};
const M = {
  legend: msg((shades: string, max: number) => `    less ${shades} more${max > 0 ? `  (busiest day: ${max})` : ''}`, (shades, max) => `    少 ${shades} 多${max > 0 ? `（最多的一天：${max}）` : ''}`),
};

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
  const lang = currentLang();
  const header: string[] = [];
  let lastMonth = '';
  for (let w = 0; w < weeks; w++) {
    const month = MONTHS[lang][Number(addDays(firstMonday, 7 * w).slice(5, 7)) - 1]!;
    if (month !== lastMonth) {
      header[w] = month;
      lastMonth = month;
    }
  }
  let top = '';
  for (let w = 0; w < weeks; w++) {
    const at = displayWidth(top);
    if (at > 2 * w) continue;
    top += ' '.repeat(2 * w - at) + (header[w] ?? '');
  }
  const rows = ROW_NAMES[lang].map((name, d) => {
    const cells: string[] = [];
    for (let w = 0; w < weeks; w++) {
      const day = addDays(firstMonday, 7 * w + d);
      if (day > today) { cells.push(' '); continue; }
      const s = shadeOf(counts.get(day) ?? 0, max);
      cells.push(s === 0 ? style.dim(SHADES[0]!) : style.good(SHADES[s]!));
    }
    return `${name} ${cells.join(' ')}`.trimEnd();
  });
  const legend = t(M.legend(SHADES.join(' '), max));
  return [`    ${top}`.trimEnd(), ...rows, style.dim(legend)].join('\n');
}
