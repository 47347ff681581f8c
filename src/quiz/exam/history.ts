/**
 * `dlnotes exam --history`: past papers as JSON data and as a table with a
 * chart of the score over time. Loaded only for --history (the chart pulls
 * in asciichart).
 */
import { renderChart } from '../../render/chart';
import { renderTableFit } from '../../render/fit';
import { style } from '../../render/style';
import { t } from '../../render/lang';
import { termWidth } from '../../render/width';
import { wrapText } from '../../render/wrap';
import { bi, msg } from '../../core/text';
import type { ExamRow } from '../store/exams';
import { fmtClock, retakeCommand } from './render';
import { pct } from './score';
import { END_NAMES, type ExamScope, type ItemResult } from './types';

export interface HistoryEntry {
  id: number;
  started_at: string;
  ended_at: string | null;
  day: string;
  seed: number;
  minutes: number;
  questions: number;
  answered: number;
  correct: number;
  /** correct / questions. */
  score: number;
  time_used_s: number;
  /** done, quit, time, input, interrupted; null when the exam never ended (killed, or still running). */
  ended: string | null;
  per_deck: { deck: string; questions: number; answered: number; correct: number; score: number }[];
  scope: ExamScope;
  items: ItemResult[];
}

const M = {
  none: bi('No mock exams yet: run dlnotes exam (dlnotes exam --help for the options).', '还没有模拟考试：运行 dlnotes exam（选项见 dlnotes exam --help）。'),
  heading: msg((n: number) => `Mock exams (${n})`, (n) => `模拟考试（${n} 次）`),
  date: bi('date', '日期'),
  score: bi('score', '得分'),
  answered: bi('answered', '作答'),
  time: bi('time', '用时'),
  ended: bi('ended', '结束方式'),
  seed: bi('seed', '种子'),
  chapters: bi('chapters', '各章'),
  unfinished: bi('unfinished', '未完成'),
  retake: msg((more: boolean) => `Re-take the last paper${more ? ' (another: its seed with the same flags)' : ''}:`,
    (more) => `重做最近一套试卷${more ? '（其他试卷：换成它的种子，其余参数相同）' : ''}：`),
  chart: bi('score (%) by exam', '每次考试的得分（%）'),
  exam: bi('exam', '考试'),
  exams: bi('exams', '次'),
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The exams as JSON data, oldest first. */
export function historyData(rows: readonly ExamRow[]): { exams: HistoryEntry[] } {
  return {
    exams: rows.map((r) => ({
      id: r.id,
      started_at: iso(r.started_at)!,
      ended_at: iso(r.ended_at),
      day: r.day,
      seed: r.seed,
      minutes: r.minutes,
      questions: r.questions,
      answered: r.answered,
      correct: r.correct,
      score: r.questions > 0 ? r.correct / r.questions : 0,
      time_used_s: Math.round(r.used_ms / 100) / 10,
      ended: r.ended,
      per_deck: r.per_deck.map((d) => ({ ...d, score: d.questions > 0 ? d.correct / d.questions : 0 })),
      scope: r.scope,
      items: r.items,
    })),
  };
}

/**
 * A table of past exams and, with two or more, the score (%) over time,
 * ending with "Re-take the last paper:"; the command itself is lastRetake(),
 * printed as it is so that it can be copied.
 */
export function renderHistory(rows: readonly ExamRow[]): string {
  if (rows.length === 0) return t(M.none);
  // How each ended and the chapters share the last column: free text that wraps or moves under the row.
  const body = renderTableFit(
    ['#', t(M.date), t(M.score), '', t(M.answered), t(M.time), t(M.seed), `${t(M.ended)} · ${t(M.chapters)}`],
    rows.map((r, i) => [
      String(i + 1),
      new Date(r.started_at).toLocaleString('sv-SE').slice(0, 16),
      `${r.correct}/${r.questions}`,
      pct(r.correct, r.questions),
      `${r.answered}/${r.questions}`,
      `${fmtClock(r.used_ms)} / ${fmtClock(r.minutes * 60_000, 'up')}`,
      String(r.seed),
      [t(r.ended ? END_NAMES[r.ended] : M.unfinished), ...r.per_deck.map((d) => `${d.deck} ${d.correct}/${d.questions}`)].join(' · '),
    ]),
    { align: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );
  const out = [style.heading(t(M.heading(rows.length))), '', body];
  if (rows.length >= 2) {
    out.push('', renderChart([{ label: t(M.chart), values: rows.map((r) => (r.questions > 0 ? (100 * r.correct) / r.questions : 0)) }], {
      height: 8, xName: t(M.exam), x0: 1, xUnit: t(M.exams),
    }));
  }
  out.push('', style.dim(wrapText(t(M.retake(rows.length > 1)), termWidth())));
  return out.join('\n');
}

/** The command that draws the last paper again (null with no exams). */
export function lastRetake(rows: readonly ExamRow[]): string | null {
  const last = rows[rows.length - 1];
  return last ? retakeCommand(last.seed, last.minutes, last.scope) : null;
}
