/**
 * What `dlnotes exam` and `dlnotes drill` share around their loop: the
 * answer I/O (plain lines when stdin is not a terminal, @inquirer's prompts
 * otherwise, loaded only then), Ctrl-C and a closed stdout. Everything
 * answered is committed as it is given, so stopping only ends the asking.
 */
import { LineReader } from '../quiz/session/io-line';
import { LinePracticeIo } from '../quiz/practice/io-line';
import type { PracticeIo, PracticeWords } from '../quiz/practice/io';
import { seedFrom } from '../core/random';

export interface PracticeRun {
  io: PracticeIo;
  stopped: () => boolean;
  /** Detaches the handlers, closes the I/O and lets the process exit. */
  close(): void;
}

/**
 * Opens the I/O and installs the Ctrl-C and EPIPE handlers. `out` receives
 * the text (stdout, or stderr when stdout carries JSON); `promptOutput` is
 * where inquirer draws.
 */
export async function openPractice(words: PracticeWords, out: (text: string) => void, promptOutput?: NodeJS.WritableStream): Promise<PracticeRun> {
  const interactive = process.stdin.isTTY === true;
  let io: PracticeIo;
  if (interactive) {
    const { PromptPracticeIo } = await import('../quiz/practice/io-prompt');
    io = new PromptPracticeIo(out, words, promptOutput);
  } else {
    io = new LinePracticeIo(new LineReader(process.stdin), out, words);
  }
  let stopped = false;
  const onSigint = (): void => {
    stopped = true;
    io.close();
  };
  // Output piped into a program that stopped reading (| head): end quietly, answers are saved.
  const onStdoutError = (e: NodeJS.ErrnoException): void => {
    if (e.code !== 'EPIPE' && !stopped) throw e;
    onSigint();
  };
  // Left attached: a broken pipe may be reported after the run has ended.
  process.stdout.on('error', onStdoutError);
  process.on('SIGINT', onSigint);
  return {
    io,
    stopped: () => stopped,
    close: () => {
      process.off('SIGINT', onSigint);
      io.close();
      if (!interactive) process.stdin.destroy();
    },
  };
}

/** A seed when none is given: from the real time, short enough to type back with --seed. */
export function timeSeed(): number {
  return seedFrom(`${Date.now()}|${process.hrtime.bigint()}|${process.pid}`) % 1_000_000;
}

/** Writes text to stderr (the prompts when stdout carries JSON). */
export function printErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
