/**
 * `dlnotes exam --history`: past papers as JSON data and as a table with a
 * chart of the score over time. Loaded only for --history (the chart pulls
 * in asciichart).
 */
import { renderChart } from '../../render/chart';
import { renderTable } from '../../render/table';
import { style } from '../../render/style';
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

/** A table of past exams and, with two or more, the score (%) over time. */
export function renderHistory(rows: readonly ExamRow[]): string {
  if (rows.length === 0) return 'No mock exams yet: run dlnotes exam (dlnotes exam --help for the options).';
  const last = rows[rows.length - 1]!;
  const out = [
    style.heading(`Mock exams (${rows.length})`),
    '',
    renderTable(
      ['#', 'date', 'score', '', 'answered', 'time', 'ended', 'seed', 'chapters'],
      rows.map((r, i) => [
        String(i + 1),
        new Date(r.started_at).toLocaleString('sv-SE').slice(0, 16),
        `${r.correct}/${r.questions}`,
        pct(r.correct, r.questions),
        `${r.answered}/${r.questions}`,
        `${fmtClock(r.used_ms)} / ${fmtClock(r.minutes * 60_000, 'up')}`,
        r.ended ? END_NAMES[r.ended] : 'unfinished',
        String(r.seed),
        r.per_deck.map((d) => `${d.deck} ${d.correct}/${d.questions}`).join(' · '),
      ]),
      { align: ['right', 'left', 'right', 'right', 'right', 'right', 'left', 'right', 'left'] },
    ),
    '',
    style.dim(`Re-take the last paper: ${retakeCommand(last.seed, last.minutes, last.scope)}${rows.length > 1 ? ' (another: its seed with the same flags)' : ''}`),
  ];
  if (rows.length >= 2) {
    out.push('', renderChart([{ label: 'score (%) by exam', values: rows.map((r) => (r.questions > 0 ? (100 * r.correct) / r.questions : 0)) }], {
      height: 8, xName: 'exam', x0: 1, xUnit: 'exams',
    }));
  }
  return out.join('\n');
}
