/** The slips made in a set of answers, counted and listed (dlnotes check's summary). */
import type { AnswerCheck } from '../core/check';
import { slipInfo } from '../core/slips';
import { bi, tr, type Bi, type Lang } from '../core/text';
import { style } from '../render/style';

export interface SlipCount {
  id: string;
  /** The catalogue's short name; undefined for an id it does not know. */
  name?: Bi;
  count: number;
}

const M = {
  heading: bi('Slips in these answers:', '这些答案中的典型失误：'),
};

/**
 * Each wrong answer's slip (the first it matches: one mistake, counted once),
 * most frequent first, then in the order they were made.
 */
export function slipTally(checks: readonly AnswerCheck[]): SlipCount[] {
  const counts = new Map<string, number>();
  for (const c of checks) {
    const id = c.slips?.[0]?.id;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].map(([id, count]) => ({ id, count, ...(slipInfo(id) ? { name: slipInfo(id)!.name } : {}) }))
    .sort((a, b) => b.count - a.count);
}

/** "Slips in these answers:" and one line per slip: "  ×2 forgot-plus-one: left out the "+1" …" (print() wraps them). */
export function renderSlipTally(slips: readonly SlipCount[], lang: Lang): string {
  const lines = slips.map((s) => `  ×${s.count} ${s.id}${s.name ? `${lang === 'zh' ? '：' : ': '}${tr(s.name, lang)}` : ''}`);
  return [style.bold(tr(M.heading, lang)), ...lines].join('\n');
}
