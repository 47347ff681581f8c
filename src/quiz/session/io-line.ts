/**
 * Plain line mode (stdin is not a terminal): prompts are printed, each answer
 * is one line. End of input ends the session cleanly.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Presented } from '../types';
import { parseRating, type Rating } from '../schedule';
import { RATING_TEXT } from '../words';
import { msg } from '../../core/text';
import { t } from '../../render/lang';
import { answerPrompt, revealPrompt } from './render';
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

const M = {
  rate: msg((names: string[]) => `rate: ${names.join(' · ')}:`, (names) => `评分：${names.join(' · ')}：`),
  notRating: msg((text: string) => `"${text}" is not a rating: type 1-4 or again, hard, good, easy`,
    (text) => `“${text}”不是评分：请输入 1-4，或 重来、困难、良好、简单（again, hard, good, easy）`),
};

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
    this.out(answerPrompt(p));
    return this.line();
  }

  reveal(_p: Presented): Promise<Reply> {
    this.out(revealPrompt());
    return this.line();
  }

  async rate(): Promise<RatingReply> {
    for (;;) {
      this.out(t(M.rate(([1, 2, 3, 4] as Rating[]).map((n) => `${n} ${t(RATING_TEXT[n])}`))));
      const r = await this.line();
      if (r.kind !== 'answer') return r;
      const rating = parseRating(r.text);
      if (rating !== null) return { kind: 'rating', rating };
      this.out(t(M.notRating(r.text.trim())));
    }
  }

  confirm(auto: Rating): Promise<Rating> {
    return Promise.resolve(auto);
  }

  close(): void {
    this.reader.close();
  }
}
