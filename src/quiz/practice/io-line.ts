/**
 * Plain line mode for exams and drills: each answer is one line; ":s" skips,
 * ":q" quits, end of input ends. A deadline's signal ends the wait for a line.
 */
import type { Presented } from '../types';
import type { LineReader } from '../session/io-line';
import { answerPrompt, commandsHelpWith } from '../session/render';
import { practiceCommand, type PracticeIo, type PracticeReply, type PracticeWords } from './io';

const TIMEOUT = Symbol('timeout');

export class LinePracticeIo implements PracticeIo {
  readonly mode = 'line' as const;
  constructor(private readonly reader: LineReader, private readonly out: (text: string) => void, private readonly words: PracticeWords) {}

  show(text: string): void {
    this.out(text);
  }

  async ask(p: Presented, signal?: AbortSignal): Promise<PracticeReply> {
    this.out(answerPrompt(p));
    for (;;) {
      const line = await this.next(signal);
      if (line === TIMEOUT) return { kind: 'timeout' };
      if (line === null) return { kind: 'end' };
      const cmd = practiceCommand(line);
      if (cmd === null) return { kind: 'answer', text: line };
      if (cmd !== 'help') return { kind: cmd };
      this.out(commandsHelpWith(this.words.help));
    }
  }

  /** The next line, or TIMEOUT when the signal fires first (the line, if any comes later, is not read). */
  private next(signal?: AbortSignal): Promise<string | null | typeof TIMEOUT> {
    if (!signal) return this.reader.next();
    if (signal.aborted) return Promise.resolve(TIMEOUT);
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(TIMEOUT);
      signal.addEventListener('abort', onAbort, { once: true });
      void this.reader.next().then((l) => {
        signal.removeEventListener('abort', onAbort);
        resolve(l);
      });
    });
  }

  close(): void {
    this.reader.close();
  }
}
