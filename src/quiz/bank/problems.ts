/**
 * A problem found in a bank file, always with its position, so that
 * `dlnotes bank lint` can list every one as file:line:col and the quiz can
 * refuse a broken bank with one precise line.
 */
import { UsageError } from '../../errors';

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
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(first
      ? `${formatProblem(first)}${more}; run \`dlnotes bank lint ${dirs.join(' ')}\` to see them all`
      : 'the question bank could not be read');
    this.name = 'BankError';
  }
}
