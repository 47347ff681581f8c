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

export interface ListFlags extends BankFlags {
  deck?: string;
  type?: string;
  tag?: string;
}

/** The questions matching --deck, --type and --tag; unknown names are usage errors. */
export function filterQuestions(bank: Bank, o: ListFlags): Question[] {
  const type = choiceFlag<QuestionType>('type', o.type, QUESTION_TYPES);
  if (o.deck !== undefined && !bank.decks.some((d) => d.id === o.deck)) {
    throw new UsageError(`--deck: no deck "${o.deck}"; decks: ${bank.decks.map((d) => d.id).join(', ') || 'none'}`);
  }
  if (o.tag !== undefined && !bank.tags.has(o.tag)) {
    throw new UsageError(`--tag: "${o.tag}" is not a tag of this bank (see tags.yaml)`);
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
    print('No questions match.');
    return;
  }
  const blocks: string[] = [];
  for (const deck of bank.decks) {
    const rows = questions.filter((q) => q.deck === deck.id);
    if (rows.length === 0) continue;
    blocks.push(`${style.heading(`${deck.id}: ${textIn(deck.title, lang)}`)} ${style.dim(`(${rows.length})`)}`);
    blocks.push(renderTable(['id', 'type', 'prompt'], rows.map((q) => [q.id, q.type, oneLine(summary(q, lang), 60)])));
    blocks.push('');
  }
  blocks.push(style.dim(`${questions.length} question${questions.length === 1 ? '' : 's'}; \`dlnotes bank show <id>\` shows one`));
  print(blocks.join('\n'));
}

function summary(q: Question, lang: 'zh' | 'en'): string {
  if (q.prompt !== undefined) return renderMathText(textIn(q.prompt, lang).replace(/\{\{.*?\}\}/g, '____'));
  return q.type === 'generated' ? `[template ${q.template}]` : '';
}
