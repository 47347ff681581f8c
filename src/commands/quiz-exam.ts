/**
 * The quiz toward an exam date (config exam): how many new questions today
 * so that every question is seen in time, and the order of quiz --cram
 * (lowest predicted recall at the exam first). Before the exam only; after
 * it the quiz runs on its normal limits.
 */
import { fmtInt } from '../core/format';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { dayKey, daysBetween, localDateTime } from '../quiz/clock';
import { beforeExam, cramOrder, newPace } from '../quiz/exam-date';
import { memoryModel, recallAt } from '../quiz/memory';
import type { QueueItem } from '../quiz/session/queue';
import type { Question } from '../quiz/types';
import { t } from '../render/lang';
import { style } from '../render/style';
import { examOf, scheduleOptions, type StudyContext } from './study';

const M = {
  pace: msg(
    (when: string, days: number, perDay: number, unseen: number, deadline: string) => `Exam ${when} in ${days} day${days === 1 ? '' : 's'}: ${perDay} new question${perDay === 1 ? '' : 's'} a day see all ${fmtInt(unseen)} unseen by ${deadline}; then every question is reviewed once more in the last days.`,
    (when, days, perDay, unseen, deadline) => `考试 ${when}，还有 ${days} 天：每天 ${perDay} 道新题，${deadline} 前学完全部 ${fmtInt(unseen)} 道未学的题；之后在最后几天把每道题再复习一遍。`,
  ),
  raised: msg(
    (configured: number) => `(raised from your new_per_day of ${configured} for the exam; --new N sets today's number yourself)`,
    (configured) => `（为赶上考试，已从你的 new_per_day ${configured} 提高；用 --new N 可自行设定今天的数量）`,
  ),
  allSeen: msg(
    (when: string, days: number) => `Exam ${when} in ${days} day${days === 1 ? '' : 's'}: every question has been seen; each gets a final review in the last days (dlnotes plan shows where you stand).`,
    (when, days) => `考试 ${when}，还有 ${days} 天：所有题目都已学过；最后几天每道题会再复习一遍（dlnotes plan 可查看掌握情况）。`,
  ),
  window: msg(
    (when: string) => `Exam ${when}: these are the last days; dlnotes quiz --cram asks the questions you are most likely to forget first.`,
    (when) => `考试 ${when}：已进入最后几天；dlnotes quiz --cram 会先问你最可能忘记的题。`,
  ),
  noExam: bi('--cram: set the exam first: dlnotes config set exam 2027-01-15T09:00', '--cram：请先设置考试时间：dlnotes config set exam 2027-01-15T09:00'),
  over: msg(
    (when: string) => `--cram: the exam (${when}) is over; the normal schedule has resumed (dlnotes config set exam for the next one)`,
    (when) => `--cram：考试（${when}）已经结束，已恢复正常安排（下一次考试请用 dlnotes config set exam 设置）`,
  ),
  cram: msg(
    (when: string, n: number) => `Cram for the exam ${when}: ${fmtInt(n)} question${n === 1 ? '' : 's'}, the lowest predicted recall at the exam first (never-seen ones count 0). Every answer is a review; :q stops.`,
    (when, n) => `考前冲刺（考试 ${when}）：共 ${fmtInt(n)} 道题，考试时预测记忆率最低的先问（没学过的算 0）。每次作答都计为一次复习；:q 结束。`,
  ),
};

export interface ExamQuiz {
  /** Today's new-question limit, when the exam sets it. */
  newPerDay?: number;
  /** The cram order (quiz --cram). */
  cram?: QueueItem[];
  /** Lines to show before the session. */
  notes: string[];
}

/**
 * What the exam changes in today's session. `newFlag` is --new (the student's
 * own number wins); `limit` is --limit (caps a cram).
 */
export function examQuiz(ctx: StudyContext, questions: readonly Question[], o: { cram?: boolean; newFlag?: number; limit?: number }): ExamQuiz {
  const exam = examOf(ctx.config);
  const now = ctx.clock();
  if (!exam) {
    if (o.cram) throw new UsageError(M.noExam);
    return { notes: [] };
  }
  const when = localDateTime(exam.at);
  if (!beforeExam(exam, now.getTime())) {
    if (o.cram) throw new UsageError(M.over(when));
    return { notes: [] };
  }
  const states = ctx.store.memoryStates();
  if (o.cram) {
    const model = memoryModel(scheduleOptions(ctx.config));
    const order = cramOrder(questions.map((q) => {
      const s = states.get(q.id);
      const m = s?.memory;
      return { id: q.id, recall: m ? recallAt(model, m, exam.at) : null, reps: m?.reps ?? 0, held: s?.suspended === true };
    }));
    const cram = o.limit !== undefined ? order.slice(0, o.limit) : order;
    return { cram, notes: [style.bold(t(M.cram(when, cram.length)))] };
  }
  const hour = ctx.config.day_start_hour;
  const today = dayKey(now, hour);
  const days = Math.max(0, daysBetween(today, exam.day));
  const last = daysBetween(today, exam.windowDay) <= 0 ? [style.dim(t(M.window(when)))] : [];
  const unseen = questions.filter((q) => !states.get(q.id)?.memory && !states.get(q.id)?.suspended).length;
  // The day's number is set from the start of the day: the questions introduced today still count.
  const pace = newPace(unseen + ctx.store.dayCounts(today).newIntroduced, today, exam, ctx.config.new_per_day);
  if (!pace) return { notes: [] };
  if (unseen === 0) return { notes: last.length > 0 ? last : [style.dim(t(M.allSeen(when, days)))] };
  const notes = [style.dim(t(M.pace(when, days, o.newFlag ?? pace.perDay, unseen, pace.deadline))), ...last];
  if (o.newFlag !== undefined) return { notes };
  if (pace.raised) notes.push(style.dim(t(M.raised(ctx.config.new_per_day))));
  return { newPerDay: pace.perDay, notes };
}
