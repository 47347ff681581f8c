/**
 * How a mock exam and a drill talk to the student: one answer at a time,
 * with skip and quit, and (for the exam) a deadline that aborts the wait.
 * Two implementations as for the daily session: plain lines when stdin is
 * not a terminal (io-line.ts) and @inquirer's prompts in a terminal
 * (io-prompt.ts, loaded only then).
 */
import type { Presented } from '../types';
import { parseCommand } from '../session/io';

export type PracticeReply =
  | { kind: 'answer'; text: string }
  /** Move on without answering (:s). */
  | { kind: 'skip' }
  /** Stop here (:q). */
  | { kind: 'quit' }
  /** End of input, or Ctrl-C. */
  | { kind: 'end' }
  /** The deadline's signal fired while waiting. */
  | { kind: 'timeout' };

export interface PracticeIo {
  readonly mode: 'line' | 'interactive';
  show(text: string): void;
  /** One answer (or :s / :q) for an auto-graded question; `signal` ends the wait when time is up. */
  ask(p: Presented, signal?: AbortSignal): Promise<PracticeReply>;
  close(): void;
}

/** What the student may type at the prompt, for each kind of practice. */
export interface PracticeWords {
  /** One line listing the commands: ":s skip · :q quit". */
  help: string;
  /** The same, short enough for the interactive prompt's message. */
  short: string;
  /** Menu labels for the interactive select. */
  skip: string;
  quit: string;
}

/** A line's command: :s / :skip, :q / :quit; any other ":" word asks for help; null for an answer. */
export function practiceCommand(line: string): 'skip' | 'quit' | 'help' | null {
  const c = parseCommand(line);
  if (c === null) return null;
  return c === 'skip' || c === 'quit' ? c : 'help';
}
