/**
 * Plain line mode (stdin is not a terminal): prompts are printed, each answer
 * is one line. End of input ends the session cleanly.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Presented } from '../types';
import { parseRating, RATING_NAMES, type Rating } from '../schedule';
import { answerHint } from './render';
import { parseCommand, type RatingReply, type Reply, type SessionIo } from './io';

/** Lines from a stream, one at a time; null at end of input. */
export class LineReader {
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private closed = false;
  private readonly rl: Interface;

  constructor(input: NodeJS.ReadableStream) {
    this.rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
    this.rl.on('line', (l) => this.push(l));
    this.rl.on('close', () => {
      this.closed = true;
      this.flush();
    });
  }

  private push(line: string): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(line);
    } else {
      this.lines.push(line);
    }
  }

  private flush(): void {
    if (this.waiting && this.lines.length === 0) {
      const w = this.waiting;
      this.waiting = undefined;
      w(null);
    }
  }

  next(): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Ends reading now (Ctrl-C): a pending next() gets null. */
  close(): void {
    this.lines.length = 0;
    this.rl.close();
    this.closed = true;
    this.flush();
  }
}

export class LineIo implements SessionIo {
  readonly mode = 'line' as const;
  constructor(private readonly reader: LineReader, private readonly out: (text: string) => void) {}

  show(text: string): void {
    this.out(text);
  }

  private async line(): Promise<Reply> {
    const l = await this.reader.next();
    if (l === null) return { kind: 'end' };
    const cmd = parseCommand(l);
    return cmd ? { kind: 'command', command: cmd } : { kind: 'answer', text: l };
  }

  answer(p: Presented): Promise<Reply> {
    this.out(`${answerHint(p)}:`);
    return this.line();
  }

  reveal(p: Presented): Promise<Reply> {
    this.out(`(${answerHint(p)})`);
    return this.line();
  }

  async rate(): Promise<RatingReply> {
    for (;;) {
      this.out(`rate: 1 ${RATING_NAMES[1]} · 2 ${RATING_NAMES[2]} · 3 ${RATING_NAMES[3]} · 4 ${RATING_NAMES[4]}:`);
      const r = await this.line();
      if (r.kind !== 'answer') return r;
      const rating = parseRating(r.text);
      if (rating !== null) return { kind: 'rating', rating };
      this.out(`"${r.text.trim()}" is not a rating: type 1-4 or again, hard, good, easy`);
    }
  }

  confirm(auto: Rating): Promise<Rating> {
    return Promise.resolve(auto);
  }

  close(): void {
    this.reader.close();
  }
}
