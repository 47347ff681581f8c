/**
 * A problem found in a bank file, always with its position, so that
 * `dlnotes bank lint` can list every one as file:line:col and the quiz can
 * refuse a broken bank with one precise line.
 */
import { UsageError } from '../../errors';
import { bi, msg } from '../../core/text';

const M = {
  // The problem itself is the bank author's text (English); what to do about it is in the student's language.
  first: msg((problem: string, more: number, dirs: string) => `${problem}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}; run \`dlnotes bank lint ${dirs}\` to see them all`,
    (problem, more, dirs) => `${problem}${more > 0 ? `（另有 ${more} 个问题）` : ''}；运行 \`dlnotes bank lint ${dirs}\` 查看全部`),
  unreadable: bi('the question bank could not be read', '无法读取题库'),
};

export interface BankProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  message: string;
}

export function formatProblem(p: BankProblem, file = p.file): string {
  return `${file}:${p.line}:${p.col}: ${p.message}`;
}

/** Sorts problems by file, then position, so reports read top to bottom. */
export function sortProblems(problems: BankProblem[]): BankProblem[] {
  return [...problems].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/** A bank that cannot be used: exit 2 with the first problem and a pointer to `bank lint`. */
export class BankError extends UsageError {
  constructor(readonly problems: BankProblem[], dirs: string[]) {
    const first = sortProblems(problems)[0];
    super(first ? M.first(formatProblem(first), problems.length - 1, dirs.join(' ')) : M.unreadable);
    this.name = 'BankError';
  }
}
