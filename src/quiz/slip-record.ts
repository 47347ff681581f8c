/**
 * The student's record of classic slips (core/slips.ts): how often each was
 * named in the review log this week, in the last 30 days and ever, for
 * `dlnotes stats` and `dlnotes drill --slips`. Pure over what the store
 * counts; drill --slips picks templates by the generators' declarations.
 */
import { slipInfo } from '../core/slips';
import { bi, msg, plural, tr, type Bi, type Lang } from '../core/text';
import { style } from '../render/style';
import { displayWidth } from '../render/table';
import { wrapLine } from '../render/wrap';
import { addDays } from './clock';
import type { Generator } from './generators/types';

export interface SlipRecordEntry {
  id: string;
  /** The catalogue's short name (undefined for an id from a newer version or a student's own bank). */
  name?: Bi;
  /** Times named in the last 7 study days (today included), the last 30, and ever. */
  week: number;
  month: number;
  total: number;
  lastDay: string;
}

/** What the record is read from: the store's counts (store.slipCounts). */
export type SlipCounter = (fromDay?: string) => Map<string, { count: number; lastDay: string }>;

/** Every slip in the log, most frequent this week first, then in 30 days, then ever, then most recent. */
export function slipRecord(count: SlipCounter, today: string): SlipRecordEntry[] {
  const total = count();
  const month = count(addDays(today, -29));
  const week = count(addDays(today, -6));
  return [...total].map(([id, t]): SlipRecordEntry => {
    const name = slipInfo(id)?.name;
    return { id, ...(name ? { name } : {}), week: week.get(id)?.count ?? 0, month: month.get(id)?.count ?? 0, total: t.count, lastDay: t.lastDay };
  }).sort((a, b) => b.week - a.week || b.month - a.month || b.total - a.total || b.lastDay.localeCompare(a.lastDay) || a.id.localeCompare(b.id));
}

/**
 * The slips to practise: the `n` most frequent of the last 30 days, or of
 * all time when the last 30 days have none.
 */
export function frequentSlips(record: readonly SlipRecordEntry[], n = 3): SlipRecordEntry[] {
  const recent = record.filter((e) => e.month > 0);
  return (recent.length > 0 ? recent : record).slice(0, n);
}

/**
 * The templates whose problems can show any of `ids` (their declared slips),
 * the ones covering the most frequent slip first.
 */
export function templatesForSlips(ids: readonly string[], generators: Iterable<Generator>): Generator[] {
  const rank = (g: Generator): number => Math.min(...ids.map((id, i) => (g.slips?.includes(id as never) ? i : Infinity)));
  return [...generators].filter((g) => Number.isFinite(rank(g))).sort((a, b) => rank(a) - rank(b));
}

/** The drill topics a question belongs to (a generated one: its template's), or undefined for a question the bank no longer has. */
export type CardTopics = (cardId: string) => readonly string[] | undefined;

/**
 * The drill topics that practise slip `id` where the student made it: the
 * topics of the questions it was named on (the most frequent first), among
 * the topics whose templates can show it. The catalogue's whole list only
 * when none of those questions says (gone from the bank, no topic).
 */
export function topicsWhereMade(id: string, cards: ReadonlyMap<string, number> | undefined, topicsOf: CardTopics): string[] {
  const can = slipInfo(id)?.topics ?? [];
  const out: string[] = [];
  const made = [...(cards ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [card] of made) {
    for (const topic of topicsOf(card) ?? []) if (can.includes(topic) && !out.includes(topic)) out.push(topic);
  }
  return out.length > 0 ? out : [...can];
}

const M = {
  label: bi('slips', '典型失误'),
  thisWeek: msg((n: number) => `×${n} this week`, (n) => `本周 ×${n}`),
  inMonth: msg((n: number) => `×${n} in 30 days`, (n) => `30 天内 ×${n}`),
  ever: msg((n: number) => `×${n} earlier`, (n) => `更早 ×${n}`),
  practise: bi('practise them: dlnotes drill --slips', '针对练习：dlnotes drill --slips'),
  orTopics: msg((cmds: string) => ` (or ${cmds})`, (cmds) => `（或 ${cmds}）`),
  more: msg((n: number) => `and ${plural(n, 'other slip')}`, (n) => `另有 ${n} 种失误`),
};

/** One slip as stats lists it: "forgot-bias ×4 this week: forgot the bias". */
function line(e: SlipRecordEntry, lang: Lang): string {
  const count = e.week > 0 ? M.thisWeek(e.week) : e.month > 0 ? M.inMonth(e.month) : M.ever(e.total);
  const name = e.name ? `${lang === 'zh' ? '：' : ': '}${tr(e.name, lang)}` : '';
  return `${e.id} ${tr(count, lang)}${name}`;
}

/**
 * The stats section: the most frequent slips and the commands that drill
 * them (all of them, or the topics whose templates show them); wrapped to
 * `width` under a label column of `labelWidth`.
 */
export function renderSlipRecord(record: readonly SlipRecordEntry[], topicsOf: (id: string) => string[], lang: Lang, width: number, labelWidth = 14, shown = 5): string {
  const pad = ' '.repeat(labelWidth);
  const label = `  ${style.bold(tr(M.label, lang))}`;
  const labelCols = 2 + displayWidth(tr(M.label, lang));
  const top = record.slice(0, shown);
  // Wrapped here, under the label column: print() would line continuations up with the label.
  const indented = (text: string): string => wrapLine(text, width - labelWidth).map((l) => pad + l).join('\n');
  const lines = top.map((e) => indented(line(e, lang)));
  if (record.length > shown) lines.push(pad + style.dim(tr(M.more(record.length - shown), lang)));
  // The drill topics that practise the listed slips, most frequent slip's first.
  const topics = [...new Set(top.flatMap((e) => topicsOf(e.id)))];
  lines.push(indented(`${tr(M.practise, lang)}${topics.length > 0 ? tr(M.orTopics(topics.map((t) => `dlnotes drill ${t}`).join(lang === 'zh' ? '、' : ', ')), lang) : ''}`));
  const first = lines[0]!.slice(labelWidth);
  lines[0] = `${label}${' '.repeat(Math.max(1, labelWidth - labelCols))}${first}`;
  return lines.join('\n');
}
