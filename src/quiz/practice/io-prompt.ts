/**
 * Exams and drills in a terminal with @inquirer's prompts: text input for
 * numbers, expressions and blanks, select/checkbox for choices, each with
 * skip and quit. The deadline's AbortSignal aborts the open prompt; Ctrl-C
 * (ExitPromptError) ends. Prompts may be drawn on stderr (exam --json).
 */
// The three prompts themselves, not @inquirer/prompts: its editor prompt brings
// iconv-lite (half a megabyte) into every interactive session's start.
import checkbox from '@inquirer/checkbox';
import input from '@inquirer/input';
import select, { Separator } from '@inquirer/select';
import type { Presented } from '../types';
import { answerHint, choiceLabel, commandsHelpWith, letter, PROMPT, promptTheme } from '../session/render';
import { t } from '../../render/lang';
import { practiceCommand, type PracticeIo, type PracticeReply, type PracticeWords } from './io';

type Context = { signal?: AbortSignal; output?: NodeJS.WritableStream };

export class PromptPracticeIo implements PracticeIo {
  readonly mode = 'interactive' as const;
  constructor(
    private readonly out: (text: string) => void,
    private readonly words: PracticeWords,
    private readonly output?: NodeJS.WritableStream,
  ) {}

  show(text: string): void {
    this.out(text);
  }

  async ask(p: Presented, signal?: AbortSignal): Promise<PracticeReply> {
    const ctx: Context = { ...(signal ? { signal } : {}), ...(this.output ? { output: this.output } : {}) };
    try {
      return await this.prompt(p, ctx);
    } catch (e) {
      if (signal?.aborted) return { kind: 'timeout' };
      const name = (e as Error)?.name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError') return { kind: 'end' };
      throw e;
    }
  }

  private actions(): { value: string; name: string }[] {
    return [{ value: ':s', name: this.words.skip }, { value: ':q', name: this.words.quit }];
  }

  private async prompt(p: Presented, ctx: Context): Promise<PracticeReply> {
    if (p.mode.kind !== 'choice') {
      for (;;) {
        const text = await input({
          message: `${answerHint(p)}${t(PROMPT.inParens(this.words.short))}`,
          theme: { prefix: '?' },
          // An accidental Enter is asked again rather than graded wrong.
          validate: (v: string) => v.trim() !== '' || t(PROMPT.typeAnswerOr(this.words.short)),
        }, ctx);
        const cmd = practiceCommand(text);
        if (cmd === null) return { kind: 'answer', text };
        if (cmd !== 'help') return { kind: cmd };
        this.out(commandsHelpWith(this.words.help));
      }
    }
    const choices = p.mode.choices.map((c, i) => ({ value: letter(i), name: choiceLabel(i, c) }));
    if (!p.mode.multiple) {
      const r = await select<string>({ theme: promptTheme(), message: t(PROMPT.yourAnswer), choices: [...choices, new Separator(), ...this.actions()] }, ctx);
      return this.picked(r);
    }
    const marked = await checkbox<string>({ theme: promptTheme(), message: t(PROMPT.selectAll), choices }, ctx);
    if (marked.length > 0) return { kind: 'answer', text: marked.join(',') };
    // "-" is read as the empty selection (graded wrong); an empty line would be asked again.
    const r = await select<string>({ theme: promptTheme(), message: t(PROMPT.nothingSelected), choices: [{ value: '-', name: t(PROMPT.submitNone) }, ...this.actions()] }, ctx);
    return this.picked(r);
  }

  private picked(value: string): PracticeReply {
    if (value === ':s') return { kind: 'skip' };
    if (value === ':q') return { kind: 'quit' };
    return { kind: 'answer', text: value };
  }

  close(): void {
    // inquirer restores the terminal after each prompt; nothing is held open here.
  }
}
