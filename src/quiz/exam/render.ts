/** Text of a mock exam: header, question heading, the final report and the history. Pure: data in, string out. */
import type { Presented } from '../types';
import { renderWorked } from '../../render/worked';
import { renderTable } from '../../render/table';
import { CROSS, style } from '../../render/style';
import { renderPrompt } from '../practice/render';
import { pct, type ExamTotals } from './score';
import { END_NAMES, type DeckScore, type ExamEnd, type ExamScope, type ItemResult, type Paper } from './types';

export const EXAM_HELP = ':s skip (it comes back at the end if time remains) · :q hand the paper in';

/**
 * "m:ss" (minutes may exceed 59): 7_325_000 ms -> "122:05". Time used rounds
 * down; time left and limits round up, as a countdown shows them.
 */
export function fmtClock(ms: number, round: 'down' | 'up' = 'down'): string {
  const s = Math.max(0, round === 'up' ? Math.ceil(ms / 1000 - 1e-9) : Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export interface HeaderInfo {
  day: string;
  paper: Paper;
  /** Questions asked for (the paper may have fewer). */
  wanted: number;
  minutes: number;
  /** Questions per deck on the paper, in deck order. */
  decks: { deck: string; questions: number }[];
  scope: ExamScope;
}

export function renderExamHeader(h: HeaderInfo): string {
  const n = h.paper.items.length;
  const scope = [h.scope.deck ? `deck ${h.scope.deck}` : '', h.scope.tag ? `tag ${h.scope.tag}` : ''].filter(Boolean).join(', ');
  const lines = [
    `${style.bold('dlnotes exam')} · mock exam · ${h.day}${scope ? ` · ${scope}` : ''} · seed ${h.paper.seed}`,
    `${n} question${n === 1 ? '' : 's'} · ${fmtMinutes(h.minutes)} · chapters: ${h.decks.map((d) => `${d.deck} ${d.questions}`).join(', ')}`,
    style.bold('No feedback until the end.') + ` ${EXAM_HELP}`,
  ];
  const p = h.paper;
  if (p.cards > 0) lines.push(style.dim(`Self-graded cards are left out of a mock exam: ${p.cards} in scope.`));
  if (p.suspended > 0) lines.push(style.dim(`Suspended questions are left out: ${p.suspended} in scope.`));
  if (n < h.wanted) lines.push(style.dim(`Only ${n} auto-graded question${n === 1 ? '' : 's'} can be drawn in scope: the paper has ${n}, not ${h.wanted}.`));
  return lines.join('\n');
}

function fmtMinutes(m: number): string {
  return m === 1 ? '1 minute' : `${Number.isInteger(m) ? m : m.toFixed(2).replace(/\.?0+$/, '')} minutes`;
}

const DEFAULT_MINUTES = 120;

/** The command that draws the same paper again: the seed with the same count, scope and bank. */
export function retakeCommand(seed: number, minutes: number, scope: ExamScope): string {
  const q = (s: string): string => (/^[\w./,:=+@-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const parts = ['dlnotes exam', `--seed ${seed}`, `--questions ${scope.questions}`];
  if (minutes !== DEFAULT_MINUTES) parts.push(`--minutes ${minutes}`);
  if (scope.deck !== undefined) parts.push(`--deck ${q(scope.deck)}`);
  if (scope.tag !== undefined) parts.push(`--tag ${q(scope.tag)}`);
  for (const b of scope.bank ?? []) parts.push(`--bank ${q(b)}`);
  return parts.join(' ');
}

/** The line above each question: "question 3/40 · 112:05 left · cnn". */
export function renderQuestionHead(k: number, n: number, leftMs: number, deck: string): string {
  return style.dim(`question ${k}/${n} · ${fmtClock(leftMs, 'up')} left · ${deck}`);
}

export interface ReportInfo {
  ended: ExamEnd;
  usedMs: number;
  minutes: number;
  totals: ExamTotals;
  perDeck: (DeckScore & { title: string })[];
  items: ItemResult[];
  presented: Presented[];
  recorded: number;
  again: number;
  leeches: string[];
  kept: boolean;
  retake: string;
}

/** The result: score, the table per chapter, every question missed with its answer and explanation. */
export function renderExamReport(r: ReportInfo): string {
  const t = r.totals;
  const out = [
    '',
    style.bold(`Mock exam over: ${END_NAMES[r.ended]}.`),
    `  score  ${style.bold(`${t.correct}/${t.questions}`)} right (${pct(t.correct, t.questions)}) · answered ${t.answered} of ${t.questions} · time ${fmtClock(r.usedMs)} of ${fmtClock(r.minutes * 60_000, 'up')}`,
    '',
    renderTable(
      ['chapter', 'title', 'questions', 'answered', 'right', 'score'],
      [
        ...r.perDeck.map((d) => [d.deck, d.title, String(d.questions), String(d.answered), String(d.correct), pct(d.correct, d.questions)]),
        ['total', '', String(t.questions), String(t.answered), String(t.correct), pct(t.correct, t.questions)],
      ],
      { align: ['left', 'left', 'right', 'right', 'right', 'right'] },
    ),
  ];
  const missed = r.items.flatMap((it, i) => (it.answered && it.correct ? [] : [i]));
  if (missed.length > 0) {
    out.push('', style.bold(`Missed (${missed.length}):`));
    for (const i of missed) out.push('', renderMissed(i, r.items.length, r.items[i]!, r.presented[i]!));
  } else if (t.questions > 0) {
    out.push('', style.good('Nothing missed.'));
  }
  out.push('');
  if (r.recorded > 0) {
    out.push(`Schedule: ${r.recorded} answer${r.recorded === 1 ? '' : 's'} recorded as review${r.recorded === 1 ? '' : 's'} (${r.again} wrong as Again, ${r.recorded - r.again} right as Good)${t.answered < t.questions ? '; unanswered questions are not reviews' : ''}.`);
  } else {
    out.push('Schedule: nothing answered, nothing recorded.');
  }
  if (r.leeches.length > 0) out.push(style.warn(`! now suspended as leeches (forgotten many times): ${r.leeches.join(', ')} (dlnotes card <id> --unsuspend)`));
  out.push(r.kept ? style.dim(`Kept in the exam history (dlnotes exam --history). Re-take this paper: ${r.retake}`) : style.dim(`Nothing was answered, so this paper is not kept. Re-take it: ${r.retake}`));
  return out.join('\n');
}

function renderMissed(i: number, n: number, it: ItemResult, p: Presented): string {
  const lines = [style.dim(`${i + 1}/${n} · ${it.id} · ${it.type}`), renderPrompt(p, true)];
  const said = it.answered ? `${style.bad(CROSS)} you said ${it.given === '' ? '(nothing)' : it.given}` : `${style.warn('–')} not answered`;
  lines.push(`${said}; the answer is ${style.bold(p.answerText)}`);
  if (p.explanation) lines.push(...p.explanation.split('\n').map((l) => `  ${style.dim(l)}`));
  if (p.figure) lines.push('', p.figure);
  if (p.solution) lines.push('', renderWorked(p.solution));
  return lines.join('\n');
}
