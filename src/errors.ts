import { brandCheck } from './core/brand';
import { tr, type Text } from './core/text';

/**
 * A user mistake (bad flag, bad file, bad spec). The entry point prints the
 * message on one line to stderr, in the student's language, and exits with
 * code 2, never a stack trace. `message` is the English text; `text` holds
 * both languages. `flag` names the flag the mistake is in, when there is one
 * (the homework checker maps it to the file position of that input).
 */
const USAGE: unique symbol = Symbol.for('dlnotes.UsageError');
const EXIT: unique symbol = Symbol.for('dlnotes.ExitError');

export class UsageError extends Error {
  readonly exitCode = 2;
  readonly [USAGE] = true;
  readonly text: Text;
  static override [Symbol.hasInstance](x: unknown): boolean {
    return brandCheck(UsageError, this, USAGE, x);
  }
  constructor(message: Text, readonly flag?: string) {
    super(tr(message, 'en'));
    this.text = message;
    this.name = 'UsageError';
  }
}

/**
 * Ends the command with an exit code after its output has been printed
 * (1: a checked answer was wrong). Only the entry point sets the exit code.
 */
export class ExitError extends Error {
  readonly [EXIT] = true;
  static override [Symbol.hasInstance](x: unknown): boolean {
    return brandCheck(ExitError, this, EXIT, x);
  }
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}
