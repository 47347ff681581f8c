/**
 * `dlnotes config set exam ...`: the cards already scheduled past the exam
 * are brought into the review window before it, as the scheduler brings each
 * card it schedules from now on (exam-date.ts), so that every question is
 * reviewed once more close to the exam. Unsetting the exam leaves due dates
 * as they are: a card reviewed a little early is scheduled normally after.
 */
import { fmtInt } from '../core/format';
import { msg } from '../core/text';
import { localDateTime } from '../quiz/clock';
import type { QuizConfig } from '../quiz/config';
import { capDue } from '../quiz/exam-date';
import { Store } from '../quiz/store/store';
import { t } from '../render/lang';
import { examOf } from './study';

const M = {
  moved: msg(
    (n: number, from: string, when: string) => `${fmtInt(n)} question${n === 1 ? '' : 's'} due after the exam now come${n === 1 ? 's' : ''} back between ${from} and the exam (${when}) for a final review; dlnotes plan shows the way there.`,
    (n, from, when) => `${fmtInt(n)} 道原定在考试后到期的题，改为在 ${from} 到考试（${when}）之间再复习一次；dlnotes plan 可查看复习计划。`,
  ),
  none: msg(
    (when: string) => `The quiz now plans for the exam (${when}); dlnotes plan shows the way there.`,
    (when) => `测验现在会按考试（${when}）安排；dlnotes plan 可查看复习计划。`,
  ),
  over: msg(
    (when: string) => `The exam time (${when}) has already passed: the schedule stays as it is.`,
    (when) => `考试时间（${when}）已经过去：复习安排保持不变。`,
  ),
};

/** Caps the stored due dates for the exam in `config`; returns the line to print. */
export function capForExamDate(home: string, config: QuizConfig, now = new Date()): string {
  const exam = examOf(config);
  if (!exam) return '';
  const when = localDateTime(exam.at);
  if (exam.at <= now.getTime()) return t(M.over(when));
  const store = Store.open(home, { now });
  try {
    const moved = store.capDueDates((id, due, last) => capDue(id, due, last, exam));
    return t(moved > 0 ? M.moved(moved, localDateTime(exam.windowStart).slice(0, 10), when) : M.none(when));
  } finally {
    store.close();
  }
}
