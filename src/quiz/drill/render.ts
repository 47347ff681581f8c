/** Text of a drill: header, problem heading, a skipped problem's answer, the summary, the topic list. Pure. */
import type { Generator } from '../generators/types';
import type { GeneratedQuestion, Lang, Presented } from '../types';
import { renderTable } from '../../render/table';
import { renderWorked } from '../../render/worked';
import { style } from '../../render/style';
import type { DrillTarget } from './topics';
import type { DrillSummary } from './runner';

export const DRILL_HELP = ':s show the answer and move on · :q stop';

export function renderDrillHeader(o: { target: DrillTarget; count: number; seed: number; lang: Lang; scheduleAs: ReadonlyMap<string, GeneratedQuestion> }): string {
  const t = o.target;
  const what = t.slips ? `your slips ${t.slips.join(', ')}${t.topic ? ` in ${t.topic}` : ''}` : t.topic ? `topic ${t.topic}` : `template ${t.name}`;
  const lines = [
    `${style.bold('dlnotes drill')} · ${what} · ${o.count} problem${o.count === 1 ? '' : 's'} · seed ${o.seed}`,
  ];
  if (t.templates.length > 1) lines.push(`templates in turn: ${t.templates.map((g) => g.id).join(', ')}`);
  lines.push(`Each answer is graded at once, with the worked solution. ${DRILL_HELP}`);
  for (const g of t.templates) {
    const q = o.scheduleAs.get(g.id);
    lines.push(style.dim(q
      ? `results of ${g.id} count toward ${q.id} in your schedule`
      : `no question in the bank uses ${g.id}: its results are not scheduled`));
  }
  return lines.join('\n');
}

/** "problem 3/10 · Conv layer output size (conv-output-size)". */
export function renderProblemHead(k: number, n: number, g: Generator, lang: Lang): string {
  return style.dim(`problem ${k}/${n} · ${g.title[lang]} (${g.id})`);
}

/** A skipped problem: its answer and worked solution, so the drill still teaches. */
export function renderSkipped(p: Presented): string {
  return [`  skipped; the answer is ${style.bold(p.answerText)}`, ...(p.solution ? ['', renderWorked(p.solution)] : [])].join('\n');
}

function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

const ENDS: Record<DrillSummary['ended'], string> = {
  done: 'Drill done.', quit: 'Drill stopped.', input: 'End of input: drill stopped.', interrupted: 'Drill stopped (Ctrl-C).',
};

export function renderDrillSummary(s: DrillSummary): string {
  const acc = s.answered > 0 ? ` (${Math.round((100 * s.correct) / s.answered)}%)` : '';
  const lines = [
    '',
    style.bold(ENDS[s.ended]),
    `  right ${s.correct}/${s.answered} answered${acc}${s.skipped ? ` · ${s.skipped} skipped` : ''} · time ${fmtDuration(s.ms)}`,
  ];
  const rec = [...s.recorded.entries()];
  lines.push(rec.length > 0
    ? `  scheduled: ${rec.map(([id, n]) => `${n} review${n === 1 ? '' : 's'} of ${id}`).join(', ')}`
    : '  scheduled: nothing (no answer counted toward a bank question)');
  if (s.leeches.length > 0) lines.push(style.warn(`  ! now suspended as leeches: ${s.leeches.join(', ')}`));
  return lines.join('\n');
}

/** `dlnotes drill --list`: topics and their templates. */
export function renderTopicList(topics: { topic: string; templates: Generator[] }[], lang: Lang): string {
  return [
    renderTable(['topic', 'template', 'what it asks'], topics.flatMap(({ topic, templates }) =>
      templates.map((g, i) => [i === 0 ? topic : '', g.id, g.title[lang]]))),
    '',
    style.dim('dlnotes drill <topic> rotates through its templates; dlnotes drill <template> drills one.'),
  ].join('\n');
}
