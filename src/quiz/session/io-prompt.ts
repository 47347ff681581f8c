/**
 * The terminal session with @inquirer's prompts: text input for numbers,
 * expressions and blanks, select/checkbox for choices, a reveal step then a
 * rating for cards, and after auto-grading a chance to override Good/Again
 * with Hard or Easy. Ctrl-C (inquirer's ExitPromptError) ends the session.
 */
// The three prompts themselves, not @inquirer/prompts: its editor prompt brings
// iconv-lite (half a megabyte) into every interactive session's start.
import checkbox from '@inquirer/checkbox';
import input from '@inquirer/input';
import select, { Separator } from '@inquirer/select';
import type { Presented } from '../types';
import type { Rating } from '../schedule';
import { RATING_TEXT } from '../words';
import { bi, type Text } from '../../core/text';
import { t } from '../../render/lang';
import { answerMessage, choiceLabel, letter, PROMPT as M, promptTheme } from './render';
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

const ACTIONS: { value: SessionCommand; name: Text }[] = [
  { value: 'skip', name: bi('skip this question', '跳过这道题') },
  { value: 'bury', name: bi('bury until tomorrow', '搁置到明天') },
  { value: 'suspend', name: bi('suspend', '暂停这道题') },
  { value: 'undo', name: bi('undo the last answer', '撤销上一个答案') },
  { value: 'quit', name: bi('quit', '退出') },
];


const actions = (): { value: string; name: string }[] => ACTIONS.map((a) => ({ value: `:${a.value}`, name: t(a.name) }));

type Pick = { kind: 'pick'; value: string } | { kind: 'command'; command: SessionCommand };

export class PromptIo implements SessionIo {
  readonly mode = 'interactive' as const;
  constructor(private readonly out: (text: string) => void) {}

  show(text: string): void {
    this.out(text);
  }

  private async text(message: string, required: boolean): Promise<Reply> {
    // An accidental Enter on an empty answer is asked again rather than graded wrong.
    const validate = required ? (v: string): boolean | string => v.trim() !== '' || t(M.typeAnswer) : undefined;
    const r = await guarded(() => input({ message, theme: { prefix: '?' }, ...(validate ? { validate } : {}) }));
    if (typeof r !== 'string') return r;
    const cmd = parseCommand(r);
    return cmd ? { kind: 'command', command: cmd } : { kind: 'answer', text: r };
  }

  async answer(p: Presented): Promise<Reply> {
    if (p.mode.kind !== 'choice') return this.text(answerMessage(p), true);
    const choices = p.mode.choices.map((c, i) => ({ value: letter(i), name: choiceLabel(i, c) }));
    if (!p.mode.multiple) {
      const r = await guarded(() => select<string>({ theme: promptTheme(),
        message: t(M.yourAnswer),
        choices: [...choices, new Separator(), ...actions()],
      }));
      if (typeof r !== 'string') return r;
      return r.startsWith(':') ? { kind: 'command', command: r.slice(1) as SessionCommand } : { kind: 'answer', text: r };
    }
    const r = await guarded(() => checkbox<string>({ theme: promptTheme(), message: t(M.selectAll), choices }));
    if (!Array.isArray(r)) return r;
    if (r.length > 0) return { kind: 'answer', text: r.join(',') };
    // "-" is read as the empty selection (graded wrong); an empty line would be asked again.
    const what = await this.pickAction([{ value: '', name: t(M.submitNone) }]);
    return what.kind === 'pick' ? { kind: 'answer', text: '-' } : what;
  }

  private async pickAction(extra: { value: string; name: string }[]): Promise<Pick | { kind: 'end' }> {
    const r = await guarded(() => select<string>({ theme: promptTheme(),
      message: t(M.nothingSelected),
      choices: [...extra, ...actions()],
    }));
    if (typeof r !== 'string') return r;
    return r.startsWith(':') ? { kind: 'command', command: r.slice(1) as SessionCommand } : { kind: 'pick', value: r };
  }

  reveal(): Promise<Reply> {
    return this.text(t(M.reveal), false);
  }

  async rate(): Promise<RatingReply> {
    const r = await guarded(() => select<Rating>({ theme: promptTheme(),
      message: t(M.howWell),
      choices: ([1, 2, 3, 4] as Rating[]).map((n) => ({ value: n, name: `${n} ${t(RATING_TEXT[n])}` })),
      default: 3,
    }));
    return typeof r === 'number' ? { kind: 'rating', rating: r } : r;
  }

  async confirm(auto: Rating): Promise<Rating | 'end'> {
    const order: Rating[] = auto === 3 ? [3, 2, 4, 1] : [1, 2, 3, 4];
    const r = await guarded(() => select<Rating>({ theme: promptTheme(),
      message: t(M.rating),
      choices: order.map((n) => ({ value: n, name: n === auto ? t(M.keep(t(RATING_TEXT[n]))) : t(RATING_TEXT[n]) })),
      default: auto,
    }));
    return typeof r === 'number' ? r : 'end';
  }

  close(): void {
    // inquirer restores the terminal after each prompt; nothing held open here.
  }
}
