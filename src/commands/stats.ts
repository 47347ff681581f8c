/** dlnotes stats: reviews, due counts, retention, streak and a calendar heatmap. */
import { addDays, dayKey, weekday } from '../quiz/clock';
import { forecast, forecastBounds, retention, streakOf } from '../quiz/stats';
import { renderHeatmap } from '../render/heatmap';
import { style } from '../render/style';
import { fmtInt } from '../core/format';
import { print, printJson } from './output';
import { renderSlipRecord, slipRecord } from '../quiz/slip-record';
import { slipInfo } from '../core/slips';
import { tr } from '../core/text';
import { currentLang } from '../render/lang';
import { termWidth } from '../render/width';
import { loadStudyBank, openStudy, scopeQuestions, type StudyFlags } from './study';

export interface StatsFlags extends StudyFlags {
  json?: boolean;
}

export interface StatsData {
  today: string;
  reviews_today: number;
  reviews_total: number;
  due_today: number;
  due_next_7_days: { day: string; due: number }[];
  new_remaining: number;
  new_unseen: number;
  retention: number | null;
  retention_30d: number | null;
  streak: number;
  suspended: number;
  leeches: number;
  questions: number;
  /** Reviews per study day over the heatmap's span (days with reviews only). */
  heatmap: Record<string, number>;
  /** The slips named in the review log, most frequent this week first, with the drill topics that practise each. */
  slips: Array<{ id: string; name: string | null; week: number; month: number; total: number; last_day: string; drill: string[] }>;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export async function run(o: StatsFlags): Promise<void> {
  const ctx = openStudy(o);
  try {
    const bank = loadStudyBank(o, ctx.config);
    const questions = scopeQuestions(bank, o);
    const now = ctx.clock();
    const hour = ctx.config.day_start_hour;
    const today = dayKey(now, hour);
    const s = ctx.store;
    const bounds = forecastBounds(today, hour, 7);
    const f = forecast(questions.map((q) => q.id), s.snapshot(bounds[bounds.length - 1]!), now, today, hour);
    const counts = s.dayCounts(today);
    const weeks = 26;
    const heatFrom = addDays(addDays(today, -weekday(today)), -7 * (weeks - 1));
    const byDay = s.countsByDay(heatFrom);
    const data: StatsData = {
      today,
      reviews_today: counts.total,
      reviews_total: s.recall().total,
      due_today: f.today,
      due_next_7_days: f.next,
      new_remaining: Math.min(f.unseen, Math.max(0, ctx.config.new_per_day - counts.newIntroduced)),
      new_unseen: f.unseen,
      retention: retention(s.recall()),
      retention_30d: retention(s.recall(addDays(today, -29))),
      streak: streakOf(s.reviewDays(today), today),
      suspended: f.suspended,
      leeches: f.leeches,
      questions: questions.length,
      heatmap: Object.fromEntries([...byDay.entries()].sort()),
      slips: [],
    };
    const record = slipRecord((from) => s.slipCounts(from), today);
    // The catalogue's topics, kept equal to the generators' declarations by a test: stats loads no generator.
    const topicsOf = (id: string): string[] => [...(slipInfo(id)?.topics ?? [])];
    const lang = currentLang();
    data.slips = record.map((e) => ({ id: e.id, name: e.name ? tr(e.name, lang) : null, week: e.week, month: e.month, total: e.total, last_day: e.lastDay, drill: topicsOf(e.id) }));
    if (o.json) {
      printJson(data);
      return;
    }
    print(renderStats(data, byDay));
    if (record.length > 0) print(`\n${renderSlipRecord(record, topicsOf, lang, termWidth())}`);
  } finally {
    ctx.store.close();
  }
}

function renderStats(d: StatsData, byDay: Map<string, number>): string {
  const row = (label: string, text: string): string => `  ${style.bold(label.padEnd(12))}${text}`;
  const next = d.due_next_7_days.map((x) => `${WEEKDAYS[weekday(x.day)]} ${x.due}`).join('  ');
  return [
    style.heading(`Study statistics · ${d.today}`),
    row('today', `${fmtInt(d.reviews_today)} reviewed · ${fmtInt(d.due_today)} due · ${fmtInt(d.new_remaining)} new left (${fmtInt(d.new_unseen)} never seen)`),
    row('next 7 days', next),
    row('total', `${fmtInt(d.reviews_total)} reviews of ${fmtInt(d.questions)} questions`),
    row('retention', `${pct(d.retention)} overall · ${pct(d.retention_30d)} last 30 days ${style.dim('(rated Hard, Good or Easy)')}`),
    row('streak', `${d.streak} day${d.streak === 1 ? '' : 's'}`),
    ...(d.suspended || d.leeches ? [row('held', `${d.suspended} suspended · ${d.leeches} leeches`)] : []),
    '',
    renderHeatmap(byDay, d.today),
  ].join('\n');
}
