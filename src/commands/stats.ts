/** dlnotes stats: reviews, due counts, retention, streak and a calendar heatmap. */
import { addDays, dayKey, weekday } from '../quiz/clock';
import { forecast, forecastBounds, retention, streakOf } from '../quiz/stats';
import { renderHeatmap } from '../render/heatmap';
import { style } from '../render/style';
import { t } from '../render/lang';
import { displayWidth } from '../render/table';
import { termWidth } from '../render/width';
import { wrapText } from '../render/wrap';
import { fmtInt } from '../core/format';
import { bi, msg, type Bi } from '../core/text';
import { print, printJson } from './output';
import { renderSlipRecord, slipRecord, topicsWhereMade } from '../quiz/slip-record';
import { TEMPLATE_TOPICS } from '../quiz/drill/template-topics';
import { tr } from '../core/text';
import { currentLang } from '../render/lang';
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

const WEEKDAYS: Bi[] = [bi('Mon', '周一'), bi('Tue', '周二'), bi('Wed', '周三'), bi('Thu', '周四'), bi('Fri', '周五'), bi('Sat', '周六'), bi('Sun', '周日')];

const M = {
  heading: msg((day: string) => `Study statistics · ${day}`, (day) => `学习统计 · ${day}`),
  today: bi('today', '今天'),
  todayText: msg((reviewed: string, due: string, left: string, unseen: string) => `${reviewed} reviewed · ${due} still due · ${left} new left (${unseen} never seen)`,
    (reviewed, due, left, unseen) => `已复习 ${reviewed} · 还有 ${due} 道到期 · 还剩 ${left} 道新题（${unseen} 道从未学过）`),
  next: bi('next 7 days', '未来 7 天'),
  nextNote: bi('(falling due each day)', '（每天新到期的题数）'),
  total: bi('total', '累计'),
  totalText: msg((reviews: string, questions: string) => `${reviews} reviews of ${questions} questions`, (reviews, questions) => `${questions} 道题共复习 ${reviews} 次`),
  retention: bi('retention', '保持率'),
  retentionText: msg((all: string, last: string) => `${all} overall · ${last} last 30 days`, (all, last) => `总计 ${all} · 最近 30 天 ${last}`),
  recalled: bi('(rated Hard, Good or Easy)', '（评为困难、良好或简单）'),
  streak: bi('streak', '连续'),
  days: msg((n: number) => `${n} day${n === 1 ? '' : 's'}`, (n) => `${n} 天`),
  held: bi('held', '搁置'),
  heldText: msg((suspended: number, leeches: number) => `${suspended} suspended · ${leeches} leeches`, (suspended, leeches) => `已暂停 ${suspended} · 顽固题 ${leeches}`),
};
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
    // Where the student made each slip: a generated question's template topic, else the question's tags
    // (both kept to the topics that can show the slip); stats loads no generator.
    const cards = record.length > 0 ? s.slipCards() : new Map<string, Map<string, number>>();
    const topicsOfCard = (id: string): readonly string[] | undefined => {
      const q = bank.byId.get(id);
      if (!q) return undefined;
      if (q.type !== 'generated') return q.tags;
      const topic = TEMPLATE_TOPICS[q.template];
      return topic === undefined ? undefined : [topic];
    };
    const topicsOf = (id: string): string[] => topicsWhereMade(id, cards.get(id), topicsOfCard);
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
  const width = termWidth();
  // Continuation lines line up under the text, after the label column.
  const row = (label: Bi, text: string): string => {
    const name = t(label);
    const pad = ' '.repeat(Math.max(1, 12 - displayWidth(name)));
    const indent = 2 + displayWidth(name) + pad.length;
    const wrapped = wrapText(`${' '.repeat(indent)}${text}`, width).split('\n');
    return [`  ${style.bold(name)}${pad}${wrapped[0]!.slice(indent)}`, ...wrapped.slice(1)].join('\n');
  };
  const next = d.due_next_7_days.map((x) => `${t(WEEKDAYS[weekday(x.day)]!)} ${x.due}`).join('  ');
  return [
    style.heading(t(M.heading(d.today))),
    row(M.today, t(M.todayText(fmtInt(d.reviews_today), fmtInt(d.due_today), fmtInt(d.new_remaining), fmtInt(d.new_unseen)))),
    row(M.next, `${next} ${style.dim(t(M.nextNote))}`),
    row(M.total, t(M.totalText(fmtInt(d.reviews_total), fmtInt(d.questions)))),
    row(M.retention, `${t(M.retentionText(pct(d.retention), pct(d.retention_30d)))} ${style.dim(t(M.recalled))}`),
    row(M.streak, t(M.days(d.streak))),
    ...(d.suspended || d.leeches ? [row(M.held, t(M.heldText(d.suspended, d.leeches)))] : []),
    '',
    renderHeatmap(byDay, d.today),
  ].join('\n');
}
