/**
 * dlnotes plan: where the student stands for the exam (predicted recall per
 * notes section at the exam time, weakest first) and a day-by-day plan to it
 * within the hours a day given.
 */
import { fmtInt } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { UsageError } from '../errors';
import { dayKey, daysBetween, localDateTime, normalizeDateTime, parseNow, weekday } from '../quiz/clock';
import { examDate, type ExamDate } from '../quiz/exam-date';
import { memoryModel } from '../quiz/memory';
import { examPlan, planColumns, type ExamPlan } from '../quiz/plan';
import type { BankIndex } from '../quiz/bank/load';
import { currentLang, t } from '../render/lang';
import { renderMastery } from '../render/mastery';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { termWidth } from '../render/width';
import { oneLine } from './bank/common';
import { numFlag } from './flags';
import { print, printJson } from './output';
import { examOf, loadStudyIndex, openStudy, scheduleOptions, scopeQuestions, type StudyFlags } from './study';

export interface PlanFlags extends StudyFlags {
  exam?: string;
  hoursPerDay?: string;
  ids?: string;
  json?: boolean;
}

/** Seconds per review and per new question when the log is too short to tell. */
export const DEFAULT_COSTS = { review: 30, fresh: 90 };
/** Answers needed before the student's own pace replaces the defaults. */
const MIN_SAMPLES = 20;

const M = {
  noExam: bi(
    'plan: when is the exam? Give --exam 2027-01-15T09:00, or set it once: dlnotes config set exam 2027-01-15T09:00',
    'plan：考试是什么时候？请给出 --exam 2027-01-15T09:00，或设置一次：dlnotes config set exam 2027-01-15T09:00',
  ),
  badExam: msg(
    (got: string) => `--exam: expected a date and time like 2027-01-15T09:00, got "${got}"`,
    (got) => `--exam：应为日期和时间，如 2027-01-15T09:00，收到 "${got}"`,
  ),
  past: msg(
    (when: string) => `plan: the exam (${when}) is over; set the next one with --exam or dlnotes config set exam`,
    (when) => `plan：考试（${when}）已经结束；用 --exam 或 dlnotes config set exam 设置下一次考试`,
  ),
  unknownIds: msg(
    (ids: string) => `--ids: no question with the id ${ids} in the bank`,
    (ids) => `--ids：题库中没有编号为 ${ids} 的题目`,
  ),
  emptyIds: bi('--ids: give question ids separated by commas', '--ids：请给出以逗号分隔的题目编号'),
  none: bi('plan: no questions in scope', 'plan：范围内没有题目'),
  head: msg(
    (when: string, days: number, n: number, seen: number) => `Exam plan · ${when} (in ${days} day${days === 1 ? '' : 's'}) · ${fmtInt(n)} question${n === 1 ? '' : 's'}, ${fmtInt(seen)} seen`,
    (when, days, n, seen) => `考试计划 · ${when}（还有 ${days} 天）· ${fmtInt(n)} 道题，已学 ${fmtInt(seen)} 道`,
  ),
  mapTitle: bi('Predicted recall at the exam, weakest sections first (now → with the plan)', '考试时的预测记忆率，最弱的章节在前（现在 → 按计划学习后）'),
  overall: bi('overall', '总计'),
  daysTitle: msg(
    (hours: string, deadline: string) => `Day by day at ${hours} h a day (every new question seen by ${deadline})`,
    (hours, deadline) => `每日计划，每天 ${hours} 小时（${deadline} 前学完所有新题）`,
  ),
  daysTitleSeen: msg((hours: string) => `Day by day at ${hours} h a day`, (hours) => `每日计划，每天 ${hours} 小时`),
  cols: { day: bi('day', '日期'), fresh: bi('new', '新题'), reviews: bi('reviews', '复习'), minutes: bi('minutes', '分钟') },
  week: msg((from: string) => `week of ${from}`, (from) => `${from} 起一周`),
  total: bi('total', '合计'),
  over: msg(
    (hours: string) => `! more than ${hours} h: the reviews that fall due then are more than the time given`,
    (hours) => `! 超过 ${hours} 小时：当天到期的复习多于给定的时间`,
  ),
  leftUnseen: msg(
    (n: number, hours: string) => `${fmtInt(n)} new question${n === 1 ? '' : 's'} will not fit before the exam at this pace: the busiest day needs about ${hours} h to see everything (--hours-per-day).`,
    (n, hours) => `按这个时长，考试前还有 ${fmtInt(n)} 道新题学不完：要学完全部，最忙的一天约需 ${hours} 小时（--hours-per-day）。`,
  ),
  fits: msg(
    (recall: string) => `Keep to the plan and you can expect to recall about ${recall} of these questions on the day.`,
    (recall) => `按计划学习，考试当天预计能记住约 ${recall} 的题目。`,
  ),
  pace: msg(
    (review: number, fresh: number, own: boolean) => `Times used: ${review} s a review, ${fresh} s a new question's first day (${own ? 'your recent pace' : 'defaults until you have more answers'}).`,
    (review, fresh, own) => `所用时间：每次复习 ${review} 秒，每道新题第一天 ${fresh} 秒（${own ? '你最近的速度' : '答题还不够多，暂用默认值'}）。`,
  ),
  setExam: msg(
    (iso: string) => `The quiz plans for this exam once you run: dlnotes config set exam ${iso}`,
    (iso) => `运行 dlnotes config set exam ${iso} 后，每日测验会按这次考试安排。`,
  ),
};

/** The exam: --exam, else the config's; refused when missing or over. */
function examFrom(flag: string | undefined, configured: ExamDate | undefined, dayStartHour: number, now: Date): { exam: ExamDate; text: string } {
  let exam = configured;
  let text = '';
  if (flag !== undefined) {
    const at = parseNow(flag);
    if (!at) throw new UsageError(M.badExam(flag));
    exam = examDate(at, dayStartHour);
    text = normalizeDateTime(flag);
  }
  if (!exam) throw new UsageError(M.noExam);
  const when = localDateTime(exam.at);
  if (exam.at <= now.getTime()) throw new UsageError(M.past(when));
  return { exam, text };
}

/** The questions in scope (--deck, --tag, --ids), as indexes into the bank in bank order. */
function scopeOf(bank: BankIndex, o: PlanFlags): number[] {
  let scope = Array.from({ length: bank.id.length }, (_, i) => i);
  if (o.deck !== undefined || o.tag !== undefined) {
    const all = scope.map((i) => ({ i, deck: bank.deckOf(i), tags: bank.tagsOf(i) }));
    scope = scopeQuestions({ decks: bank.decks, questions: all }, o).map((q) => q.i);
  }
  if (o.ids === undefined) return scope;
  const ids = o.ids.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError(M.emptyIds);
  const unknown = ids.filter((id) => !bank.position.has(id));
  if (unknown.length > 0) throw new UsageError(M.unknownIds(unknown.slice(0, 3).join(', ')));
  const want = new Set(ids);
  return scope.filter((i) => want.has(bank.id[i]!));
}

export async function run(o: PlanFlags): Promise<void> {
  const hours = numFlag('hours-per-day', o.hoursPerDay, { positive: true, max: 24 }) ?? 1;
  const ctx = openStudy(o);
  try {
    const now = ctx.clock();
    const hour = ctx.config.day_start_hour;
    const { exam, text } = examFrom(o.exam, examOf(ctx.config), hour, now);
    const bank = loadStudyIndex(o, ctx.config);
    const scope = scopeOf(bank, o);
    if (scope.length === 0) throw new UsageError(M.none);
    // The question at bank index i is card slot[i] of the plan (-1: not in scope).
    const slot = new Int32Array(bank.id.length).fill(-1);
    const sectionOf = new Map(bank.sections.map((s) => [s.title, s.id]));
    const cards = planColumns(scope.length);
    for (let k = 0; k < scope.length; k++) {
      const i = scope[k]!;
      slot[i] = k;
      cards.id[k] = bank.id[i]!;
      cards.section[k] = sectionOf.get(bank.source[i]!) ?? bank.source[i]!;
    }
    const mem = ctx.store.memoryColumns();
    for (let r = 0; r < mem.id.length; r++) {
      const i = bank.position.get(mem.id[r]!);
      const k = i === undefined ? -1 : slot[i]!;
      if (k < 0) continue;
      cards.held[k] = mem.suspended[r]!;
      if (mem.reviewed[r] === 0) continue;
      cards.seen[k] = 1;
      cards.stability[k] = mem.stability[r]!;
      cards.difficulty[k] = mem.difficulty[r]!;
      cards.lastReview[k] = mem.lastReview[r]!;
      cards.due[k] = mem.due[r]!;
    }
    const times = ctx.store.studyTimes();
    const own = times.reviews >= MIN_SAMPLES && times.fresh >= MIN_SAMPLES;
    const costs = own
      ? { review: Math.max(1, Math.round(times.reviewMs / times.reviews / 1000)), fresh: Math.max(1, Math.round(times.freshMs / times.fresh / 1000)) }
      : DEFAULT_COSTS;
    const model = memoryModel({ ...scheduleOptions(ctx.config), exam });
    const plan = examPlan(cards, model, { now: now.getTime(), today: dayKey(now, hour), exam, hoursPerDay: hours, costs, newPerDay: ctx.config.new_per_day });
    const titles = new Map(bank.sections.map((s) => [s.id, s.title]));
    if (o.json) {
      printJson({
        exam: new Date(exam.at).toISOString(),
        now: now.toISOString(),
        hours_per_day: hours,
        questions: plan.questions,
        seen: plan.seen,
        expected_recall: round(plan.expected_recall),
        planned_recall: round(plan.planned_recall),
        sections: plan.sections.map((s) => ({
          id: s.section, title: titles.get(s.section) ?? s.section, questions: s.questions, seen: s.seen,
          expected_recall: round(s.expected_recall), planned_recall: round(s.planned_recall),
        })),
        days: plan.days.map((d) => ({ ...d, minutes: Math.round(d.minutes) })),
        new_deadline: plan.deadline,
        left_unseen: plan.left_unseen,
        hours_needed: Math.round(plan.hours_needed * 10) / 10,
        seconds: costs,
      });
      return;
    }
    print(renderPlan(plan, exam, now, hours, titles, costs, own, text !== '' && ctx.config.exam === '' ? text : ''));
  } finally {
    ctx.store.close();
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number): string => `${Math.round(100 * x)}%`;
const WEEKDAYS: Record<'en' | 'zh', string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
};

function renderPlan(p: ExamPlan, exam: ExamDate, now: Date, hours: number, titles: Map<string, string>, costs: { review: number; fresh: number }, own: boolean, suggestExam: string): string {
  const width = termWidth();
  const days = Math.max(0, daysBetween(dayKey(now, exam.dayStartHour), exam.day));
  const out: string[] = [style.heading(t(M.head(localDateTime(exam.at), days, p.questions, p.seen))), '', style.bold(t(M.mapTitle))];
  const nw = String(p.questions).length;
  const cells = width >= 70 ? 12 : 6;
  const titleWidth = Math.max(12, width - nw - cells - 19);
  out.push(renderMastery(
    p.sections.map((s) => ({ title: oneLine(titles.get(s.section) ?? s.section, titleWidth), questions: s.questions, now: s.expected_recall, planned: s.planned_recall })),
    { title: t(M.overall), questions: p.questions, now: p.expected_recall, planned: p.planned_recall },
    titleWidth, cells,
  ));
  const title = p.seen + p.left_unseen < p.questions ? M.daysTitle(fmtHours(hours), p.deadline) : M.daysTitleSeen(fmtHours(hours));
  out.push('', style.bold(t(title)), renderDays(p, hours));
  out.push('');
  if (p.left_unseen > 0) out.push(style.warn(t(M.leftUnseen(p.left_unseen, fmtHours(p.hours_needed)))));
  else out.push(t(M.fits(pct(p.planned_recall))));
  out.push(style.dim(t(M.pace(costs.review, costs.fresh, own))));
  if (suggestExam !== '') out.push(style.dim(t(M.setExam(suggestExam))));
  return out.join('\n');
}

function fmtHours(h: number): string {
  return (Math.round(h * 10) / 10).toString();
}

/** Every day when there are few; else the first two weeks and the last week by day, the weeks between summed. */
function renderDays(p: ExamPlan, hours: number): string {
  const lang = currentLang();
  const label = (day: string): string => `${WEEKDAYS[lang][weekday(day)]} ${day.slice(5)}`;
  let flagged = false;
  const over = (min: number): string => {
    if (min <= hours * 60 + 0.5) return String(Math.round(min));
    flagged = true;
    return style.warn(`${Math.round(min)}!`);
  };
  const rows: string[][] = [];
  const n = p.days.length;
  const byDay = (i: number): void => {
    const d = p.days[i]!;
    rows.push([label(d.day), fmtInt(d.new), fmtInt(d.reviews), over(d.minutes)]);
  };
  if (n <= 31) {
    for (let i = 0; i < n; i++) byDay(i);
  } else {
    for (let i = 0; i < 14; i++) byDay(i);
    for (let i = 14; i < n - 7; i += 7) {
      const week = p.days.slice(i, Math.min(i + 7, n - 7));
      const sum = (k: 'new' | 'reviews' | 'minutes'): number => week.reduce((a, d) => a + d[k], 0);
      rows.push([t(M.week(week[0]!.day.slice(5))), fmtInt(sum('new')), fmtInt(sum('reviews')), String(Math.round(sum('minutes')))]);
    }
    for (let i = n - 7; i < n; i++) byDay(i);
  }
  const total = (k: 'new' | 'reviews' | 'minutes'): number => p.days.reduce((a, d) => a + d[k], 0);
  rows.push([t(M.total), fmtInt(total('new')), fmtInt(total('reviews')), String(Math.round(total('minutes')))]);
  const head: Text[] = [M.cols.day, M.cols.fresh, M.cols.reviews, M.cols.minutes];
  const table = renderTable(head.map((h) => t(h)), rows, { align: ['left', 'right', 'right', 'right'] }).split('\n').map((l) => `  ${l}`);
  if (flagged) table.push(style.dim(`  ${t(M.over(fmtHours(hours)))}`));
  return table.join('\n');
}
