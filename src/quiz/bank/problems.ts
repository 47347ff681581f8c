/**
 * A problem found in a bank file, always with its position, so that
 * `dlnotes bank lint` can list every one as file:line:col and the quiz can
 * refuse a broken bank with one precise line, in the student's language.
 */
import { UsageError } from '../../errors';
import { bi, msg, tr, type Lang, type Text } from '../../core/text';

const M = {
  first: msg((problem: BankProblem, more: number, dirs: string) => `${formatProblem(problem, 'en')}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}; run \`dlnotes bank lint ${dirs}\` to see them all`,
    (problem, more, dirs) => `${formatProblem(problem, 'zh')}${more > 0 ? `（另有 ${more} 个问题）` : ''}；运行 \`dlnotes bank lint ${dirs}\` 查看全部`),
  unreadable: bi('the question bank could not be read', '无法读取题库'),
};

export interface BankProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** In English (what scripts and tests match); `text` has both languages. */
  message: string;
  /** Both languages. */
  text: Text;
}

/** A problem at a position, with its text in both languages. */
export function bankProblem(file: string, [line, col]: readonly [number, number], text: Text): BankProblem {
  return { file, line, col, message: tr(text, 'en'), text };
}

/** `file:line:col: message`, the message in `lang`. */
export function formatProblem(p: BankProblem, lang: Lang = 'en'): string {
  return `${p.file}:${p.line}:${p.col}: ${problemText(p, lang)}`;
}

/** The problem's message in `lang`. */
export function problemText(p: BankProblem, lang: Lang): string {
  return tr(p.text, lang);
}

/** Sorts problems by file, then position, so reports read top to bottom. */
export function sortProblems<P extends BankProblem>(problems: P[]): P[] {
  return [...problems].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/** A bank that cannot be used: exit 2 with the first problem and a pointer to `bank lint`. */
export class BankError extends UsageError {
  constructor(readonly problems: BankProblem[], dirs: string[]) {
    const first = sortProblems(problems)[0];
    super(first ? M.first(first, problems.length - 1, dirs.join(' ')) : M.unreadable);
    this.name = 'BankError';
  }
}
