/**
 * The terminal session with @inquirer/prompts: text input for numbers,
 * expressions and blanks, select/checkbox for choices, a reveal step then a
 * rating for cards, and after auto-grading a chance to override Good/Again
 * with Hard or Easy. Ctrl-C (inquirer's ExitPromptError) ends the session.
 */
import { checkbox, input, select, Separator } from '@inquirer/prompts';
import type { Presented } from '../types';
import { RATING_NAMES, type Rating } from '../schedule';
import { answerHint, letter } from './render';
import { parseCommand, type RatingReply, type Reply, type SessionCommand, type SessionIo } from './io';

function isExit(e: unknown): boolean {
  const name = (e as Error)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** Runs a prompt; Ctrl-C becomes `end`. */
async function guarded<T>(ask: () => Promise<T>): Promise<T | { kind: 'end' }> {
  try {
    return await ask();
  } catch (e) {
    if (isExit(e)) return { kind: 'end' };
    throw e;
  }
}

const ACTIONS: { value: SessionCommand; name: string }[] = [
  { value: 'skip', name: 'skip this question' },
  { value: 'bury', name: 'bury until tomorrow' },
  { value: 'suspend', name: 'suspend' },
  { value: 'undo', name: 'undo the last answer' },
  { value: 'quit', name: 'quit' },
];

type Pick = { kind: 'pick'; value: string } | { kind: 'command'; command: SessionCommand };

export class PromptIo implements SessionIo {
  readonly mode = 'interactive' as const;
  constructor(private readonly out: (text: string) => void) {}

  show(text: string): void {
    this.out(text);
  }

  private async text(message: string, required: boolean): Promise<Reply> {
    // An accidental Enter on an empty answer is asked again rather than graded wrong.
    const validate = required ? (v: string): boolean | string => v.trim() !== '' || 'type an answer (or :s to skip, :? for commands)' : undefined;
    const r = await guarded(() => input({ message, theme: { prefix: '?' }, ...(validate ? { validate } : {}) }));
    if (typeof r !== 'string') return r;
    const cmd = parseCommand(r);
    return cmd ? { kind: 'command', command: cmd } : { kind: 'answer', text: r };
  }

  async answer(p: Presented): Promise<Reply> {
    if (p.mode.kind !== 'choice') return this.text(`${answerHint(p)} (:? for commands)`, true);
    const choices = p.mode.choices.map((c, i) => ({ value: letter(i), name: `${letter(i)}) ${c}` }));
    if (!p.mode.multiple) {
      const r = await guarded(() => select<string>({
        message: 'your answer',
        choices: [...choices, new Separator(), ...ACTIONS.map((a) => ({ value: `:${a.value}`, name: a.name }))],
      }));
      if (typeof r !== 'string') return r;
      return r.startsWith(':') ? { kind: 'command', command: r.slice(1) as SessionCommand } : { kind: 'answer', text: r };
    }
    const r = await guarded(() => checkbox<string>({ message: 'select all that apply (space to mark, enter to submit)', choices }));
    if (!Array.isArray(r)) return r;
    if (r.length > 0) return { kind: 'answer', text: r.join(',') };
    const what = await this.pickAction([{ value: '', name: 'submit no choice' }]);
    return what.kind === 'pick' ? { kind: 'answer', text: '' } : what;
  }

  private async pickAction(extra: { value: string; name: string }[]): Promise<Pick | { kind: 'end' }> {
    const r = await guarded(() => select<string>({
      message: 'nothing selected',
      choices: [...extra, ...ACTIONS.map((a) => ({ value: `:${a.value}`, name: a.name }))],
    }));
    if (typeof r !== 'string') return r;
    return r.startsWith(':') ? { kind: 'command', command: r.slice(1) as SessionCommand } : { kind: 'pick', value: r };
  }

  reveal(): Promise<Reply> {
    return this.text('press Enter to show the answer (:? for commands)', false);
  }

  async rate(): Promise<RatingReply> {
    const r = await guarded(() => select<Rating>({
      message: 'how well did you know it?',
      choices: ([1, 2, 3, 4] as Rating[]).map((n) => ({ value: n, name: `${n} ${RATING_NAMES[n]}` })),
      default: 3,
    }));
    return typeof r === 'number' ? { kind: 'rating', rating: r } : r;
  }

  async confirm(auto: Rating): Promise<Rating | 'end'> {
    const order: Rating[] = auto === 3 ? [3, 2, 4, 1] : [1, 2, 3, 4];
    const r = await guarded(() => select<Rating>({
      message: 'rating',
      choices: order.map((n) => ({ value: n, name: n === auto ? `${RATING_NAMES[n]} (keep)` : RATING_NAMES[n] })),
      default: auto,
    }));
    return typeof r === 'number' ? r : 'end';
  }

  close(): void {
    // inquirer restores the terminal after each prompt; nothing held open here.
  }
}
