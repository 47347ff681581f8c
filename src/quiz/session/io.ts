/**
 * How the session talks to the student. Two implementations: plain lines
 * (stdin not a terminal: tests and pipes) and @inquirer's prompts (a terminal).
 * The session logic is the same for both.
 */
import type { Presented } from '../types';
import type { Rating } from '../schedule';

export type SessionCommand = 'skip' | 'bury' | 'suspend' | 'undo' | 'hint' | 'quit' | 'help';

export type Reply =
  | { kind: 'answer'; text: string }
  | { kind: 'command'; command: SessionCommand }
  | { kind: 'end' };

export type RatingReply = { kind: 'rating'; rating: Rating } | Exclude<Reply, { kind: 'answer' }>;

export interface SessionIo {
  readonly mode: 'line' | 'interactive';
  show(text: string): void;
  /** An answer (or a command) for an auto-graded question. */
  answer(p: Presented): Promise<Reply>;
  /** A card: the student asks to see the answer (text ignored), or gives a command. */
  reveal(p: Presented): Promise<Reply>;
  /** A card's self-rating after the reveal. */
  rate(): Promise<RatingReply>;
  /** After auto-grading: keep the automatic rating or override it (line mode keeps it). */
  confirm(auto: Rating): Promise<Rating | 'end'>;
  close(): void;
}

const COMMANDS: Record<string, SessionCommand> = {
  s: 'skip', skip: 'skip', n: 'skip', next: 'skip',
  b: 'bury', bury: 'bury',
  sus: 'suspend', suspend: 'suspend',
  u: 'undo', undo: 'undo',
  h: 'hint', hint: 'hint',
  q: 'quit', quit: 'quit', exit: 'quit',
  '?': 'help', help: 'help',
};

/** A line starting with ":" is a session command (":s", ":undo"); unknown ones ask for help. */
export function parseCommand(line: string): SessionCommand | null {
  const t = line.trim();
  if (!t.startsWith(':')) return null;
  return COMMANDS[t.slice(1).trim().toLowerCase()] ?? 'help';
}
