/** Text of the session: header, progress bar, feedback, summary. Pure: data in, string out. */
import type { Presented } from '../types';
import { fmtInterval, RATING_NAMES, type Rating } from '../schedule';
import { renderWorked } from '../../render/worked';
import { CROSS, style, TICK } from '../../render/style';
import type { QueueCounts } from './queue';

export const COMMAND_HELP = ':s skip · :b bury (until tomorrow) · :sus suspend · :u undo last answer · :h hint · :q quit';

export function renderHeader(o: { day: string; counts: QueueCounts; deck?: string; tag?: string }): string {
  const c = o.counts;
  const scope = [o.deck ? `deck ${o.deck}` : '', o.tag ? `tag ${o.tag}` : ''].filter(Boolean).join(', ');
  const parts = [
    `${style.bold('dlnotes quiz')} · ${o.day}${scope ? ` · ${scope}` : ''}`,
    `due ${c.reviews + c.learning}${c.learning ? ` (${c.learning} learning)` : ''} · new ${c.fresh}`,
  ];
  const over: string[] = [];
  if (c.reviewsOverLimit > 0) over.push(`${c.reviewsOverLimit} more due beyond today's review limit`);
  if (c.newOverLimit > 0) over.push(`${c.newOverLimit} more new beyond today's new limit`);
  return `${parts.join(' · ')}${over.length ? `\n${style.dim(over.join('; '))}` : ''}`;
}

export function progressBar(done: number, total: number, width = 20): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(frac * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)} ${done}/${total}`;
}

const TYPE_HINT: Record<string, string> = {
  number: 'a number', tuple: 'numbers separated by x or commas', formula: 'an expression',
};

/** The line describing what to type, in line mode and as the interactive prompt message. */
export function answerHint(p: Presented): string {
  const m = p.mode;
  switch (m.kind) {
    case 'reveal': return 'press Enter to show the answer';
    case 'choice': return m.multiple ? 'answer: letters of every correct choice, e.g. a,c' : 'answer: one letter';
    case 'number': return `answer: ${TYPE_HINT.number}${m.unit ? ` in ${m.unit}` : ''}`;
    case 'tuple': return `answer: ${m.labels?.length ? m.labels.join(' × ') : TYPE_HINT.tuple}`;
    case 'formula': return `answer: an expression in ${m.variables.join(', ') || 'the given variables'}`;
    case 'cloze': return m.blanks > 1 ? `answer: ${m.blanks} blanks separated by ;` : 'answer: the blank';
  }
}

export const letter = (i: number): string => String.fromCharCode(97 + i);

/** The question as shown: meta line, prompt, and the choices for choice questions. */
export function renderQuestion(p: Presented, meta: { id: string; kind: string; edited: boolean; choices: boolean }): string {
  const lines = [style.dim(`${meta.id} · ${p.type} · ${meta.kind}`)];
  if (meta.edited) lines.push(style.warn('! this question was edited since you last answered it'));
  lines.push(p.prompt);
  if (p.mode.kind === 'choice' && meta.choices) {
    lines.push(...p.mode.choices.map((c, i) => `  ${letter(i)}) ${c}`));
  }
  return lines.join('\n');
}

/** Right/wrong, the correct answer, the explanation and the worked solution. */
export function renderFeedback(p: Presented, g: { correct: boolean; feedback: string; given: string }): string {
  const lines = g.correct
    ? [`${style.good(TICK)} ${g.feedback || 'right'}: ${p.answerText}`]
    : [`${style.bad(CROSS)} ${g.feedback || 'wrong'}${g.given ? `: you said ${g.given}` : ''}; the answer is ${style.bold(p.answerText)}`];
  // A generated problem always shows its worked solution: the numbers were new this time.
  lines.push(...renderNotes(p, true));
  return lines.join('\n');
}

/** The answer of a self-graded card, with its explanation. */
export function renderReveal(p: Presented): string {
  return [`${style.bold('Answer:')} ${p.answerText}`, ...renderNotes(p, false)].join('\n');
}

function renderNotes(p: Presented, withSolution: boolean): string[] {
  const out: string[] = [];
  if (p.explanation) out.push(...p.explanation.split('\n').map((l) => `  ${style.dim(l)}`));
  // A diagram question ends with the whole diagram, every label filled in.
  if (p.figure) out.push('', p.figure);
  if (p.solution && withSolution) out.push('', renderWorked(p.solution));
  return out;
}

export function renderScheduled(rating: Rating, auto: Rating | null, dueIn: number, leech: boolean): string {
  const how = auto !== null && auto !== rating ? ` (you changed it from ${RATING_NAMES[auto]})` : '';
  const lines = [`  ${style.accent('→')} ${RATING_NAMES[rating]}${how} · next in ${fmtInterval(dueIn)}`];
  if (leech) lines.push(style.warn('  ! leech: you have forgotten this one many times; it is now suspended (dlnotes card <id> --unsuspend to bring it back). Try rewriting it in your own words.'));
  return lines.join('\n');
}

export interface SessionSummary {
  answered: number;
  recalled: number;
  ms: number;
  tomorrow: { due: number; fresh: number };
  streak: number;
  laterToday: number;
  ended: 'done' | 'quit' | 'input' | 'error';
}

function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function renderSummary(s: SessionSummary): string {
  const acc = s.answered > 0 ? `${Math.round((100 * s.recalled) / s.answered)}%` : '-';
  const head = s.ended === 'done' ? 'Done for now.' : s.ended === 'quit' ? 'Session ended.' : s.ended === 'input' ? 'End of input: session ended.' : 'Session stopped.';
  const lines = [
    '',
    style.bold(head),
    `  answered  ${s.answered} · right ${s.recalled} (${acc}) · time ${fmtDuration(s.ms)}`,
    `  tomorrow  ${s.tomorrow.due} due · ${s.tomorrow.fresh} new`,
    `  streak    ${s.streak} day${s.streak === 1 ? '' : 's'}`,
  ];
  if (s.laterToday > 0) lines.push(style.dim(`  ${s.laterToday} learning step${s.laterToday === 1 ? '' : 's'} due later today: run dlnotes quiz again then`));
  lines.push(style.dim('  (saved after every answer)'));
  return lines.join('\n');
}
