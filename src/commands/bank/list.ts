/** dlnotes bank list: the questions of the bank, by deck, optionally filtered. */
import { UsageError } from '../../errors';
import { loadBank } from '../../quiz/bank/load';
import { QUESTION_TYPES } from '../../quiz/bank/parse';
import { textIn } from '../../quiz/lang';
import type { Bank, Question, QuestionType } from '../../quiz/types';
import { renderMathText } from '../../render/latex';
import { style } from '../../render/style';
import { renderTable } from '../../render/table';
import { choiceFlag } from '../flags';
import { print, printJson } from '../output';
import { bankDirs, langFlag, oneLine, type BankFlags } from './common';
import { t } from '../../render/lang';
import { bi, msg } from '../../core/text';

const M = {
  noDeck: msg((deck: string, decks: string) => `--deck: no deck "${deck}"; decks: ${decks || 'none'}`, (deck, decks) => `--deck：没有卡组 "${deck}"；卡组：${decks || '无'}`),
  noTag: msg((tag: string) => `--tag: "${tag}" is not a tag of this bank (see tags.yaml)`, (tag) => `--tag："${tag}" 不是这个题库的标签（见 tags.yaml）`),
  none: bi('No questions match.', '没有符合条件的题目。'),
  type: bi('type', '题型'),
  prompt: bi('prompt', '题目'),
  count: msg((n: number) => `${n} question${n === 1 ? '' : 's'}; \`dlnotes bank show <id>\` shows one`, (n) => `共 ${n} 道题；\`dlnotes bank show <id>\` 显示其中一道`),
  template: msg((id: string) => `[template ${id}]`, (id) => `[模板 ${id}]`),
};

export interface ListFlags extends BankFlags {
  deck?: string;
  type?: string;
  tag?: string;
}

/** The questions matching --deck, --type and --tag; unknown names are usage errors. */
export function filterQuestions(bank: Bank, o: ListFlags): Question[] {
  const type = choiceFlag<QuestionType>('type', o.type, QUESTION_TYPES);
  if (o.deck !== undefined && !bank.decks.some((d) => d.id === o.deck)) {
    throw new UsageError(M.noDeck(o.deck, bank.decks.map((d) => d.id).join(', ')));
  }
  if (o.tag !== undefined && !bank.tags.has(o.tag)) {
    throw new UsageError(M.noTag(o.tag));
  }
  return bank.questions.filter((q) => (o.deck === undefined || q.deck === o.deck)
    && (type === undefined || q.type === type)
    && (o.tag === undefined || q.tags.includes(o.tag)));
}

export async function run(o: ListFlags): Promise<void> {
  const bank = loadBank(bankDirs(o));
  const lang = langFlag(o);
  const questions = filterQuestions(bank, o);
  if (o.json) {
    printJson(questions.map((q) => ({
      id: q.id, deck: q.deck, type: q.type, tags: q.tags, source: q.source,
      prompt: q.prompt ?? null, file: q.file, line: q.line, hash: q.hash,
      ...(q.type === 'generated' ? { template: q.template } : {}),
    })));
    return;
  }
  if (questions.length === 0) {
    print(t(M.none));
    return;
  }
  const blocks: string[] = [];
  for (const deck of bank.decks) {
    const rows = questions.filter((q) => q.deck === deck.id);
    if (rows.length === 0) continue;
    blocks.push(`${style.heading(`${deck.id}: ${textIn(deck.title, lang)}`)} ${style.dim(`(${rows.length})`)}`);
    blocks.push(renderTable(['id', t(M.type), t(M.prompt)], rows.map((q) => [q.id, q.type, oneLine(summary(q, lang), 60)])));
    blocks.push('');
  }
  blocks.push(style.dim(t(M.count(questions.length))));
  print(blocks.join('\n'));
}

function summary(q: Question, lang: 'zh' | 'en'): string {
  if (q.prompt !== undefined) return renderMathText(textIn(q.prompt, lang).replace(/\{\{.*?\}\}/g, '____'));
  return q.type === 'generated' ? t(M.template(q.template)) : '';
}
