/** dlnotes bank stats: questions per deck, type and tag, and the notes sections no question covers. */
import { loadBank } from '../../quiz/bank/load';
import { QUESTION_TYPES } from '../../quiz/bank/parse';
import { textIn } from '../../quiz/lang';
import type { Bank } from '../../quiz/types';
import { style } from '../../render/style';
import { renderTable } from '../../render/table';
import { print, printJson } from '../output';
import { bankDirs, langFlag, type BankFlags } from './common';
import { t } from '../../render/lang';
import { displayWidth } from '../../render/table';
import { termWidth } from '../../render/width';
import { bi, msg } from '../../core/text';

const M = {
  heading: msg((n: number, decks: number) => `${n} questions in ${decks} deck${decks === 1 ? '' : 's'}`, (n, decks) => `${decks} 个卡组共 ${n} 道题`),
  deck: bi('deck', '卡组'),
  title: bi('title', '标题'),
  questions: bi('questions', '题数'),
  type: bi('type', '题型'),
  tags: bi('Tags', '标签'),
  section: bi('section', '章节'),
  covered: bi('Every section of the notes has at least one question.', '笔记的每一节都至少有一道题。'),
  uncovered: msg((n: number) => `Sections with no question (${n}):`, (n) => `没有题目的章节（${n}）：`),
};

export interface BankStats {
  questions: number;
  decks: Array<{ id: string; title: string; questions: number }>;
  types: Record<string, number>;
  tags: Record<string, number>;
  sections: Array<{ id: string; title: string; weight: number; questions: number }>;
  uncovered: Array<{ id: string; title: string }>;
}

/** Counts for a bank; titles in `lang`. */
export function bankStats(bank: Bank, lang: 'zh' | 'en'): BankStats {
  const types = Object.fromEntries(QUESTION_TYPES.map((t) => [t, bank.questions.filter((q) => q.type === t).length]));
  const tagCounts = new Map<string, number>();
  for (const q of bank.questions) for (const t of q.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const tags = Object.fromEntries([...tagCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  const sections = bank.sections.map((s) => ({ ...s, questions: bank.questions.filter((q) => q.source === s.title).length }));
  return {
    questions: bank.questions.length,
    decks: bank.decks.map((d) => ({ id: d.id, title: textIn(d.title, lang), questions: d.questions.length })),
    types,
    tags,
    sections,
    uncovered: sections.filter((s) => s.questions === 0).map(({ id, title }) => ({ id, title })),
  };
}

/** Items joined with " · " and wrapped at `width` columns. */
function wrap(items: string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line} · ${item}` : item;
    if (displayWidth(next) > width && line) {
      lines.push(line);
      line = item;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export async function run(o: BankFlags): Promise<void> {
  const bank = loadBank(bankDirs(o));
  const s = bankStats(bank, langFlag(o));
  if (o.json) {
    printJson(s);
    return;
  }
  const out: string[] = [];
  out.push(style.heading(t(M.heading(s.questions, s.decks.length))), '');
  out.push(renderTable([t(M.deck), t(M.title), t(M.questions)], s.decks.map((d) => [d.id, d.title, String(d.questions)]), { align: ['left', 'left', 'right'] }), '');
  out.push(renderTable([t(M.type), t(M.questions)], Object.entries(s.types).map(([type, n]) => [type, String(n)]), { align: ['left', 'right'] }), '');
  out.push(style.bold(t(M.tags)), wrap(Object.entries(s.tags).map(([tag, n]) => `${tag} ${n}`), termWidth() - 2), '');
  out.push(renderTable([t(M.section), t(M.questions)], s.sections.map((x) => [x.title, x.questions === 0 ? style.warn('0') : String(x.questions)]), { align: ['left', 'right'] }), '');
  if (s.uncovered.length === 0) {
    out.push(style.good(t(M.covered)));
  } else {
    out.push(style.warn(t(M.uncovered(s.uncovered.length))));
    for (const u of s.uncovered) out.push(`  ${u.title}`);
  }
  print(out.join('\n'));
}
