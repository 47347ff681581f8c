/** Flags shared by the `dlnotes bank` subcommands. */
import { shippedBankDir } from '../../quiz/bank/paths';
import { localeLang } from '../../quiz/lang';
import type { Lang } from '../../quiz/types';
import { displayWidth } from '../../render/table';
import { choiceFlag } from '../flags';

export interface BankFlags {
  bank?: string[];
  lang?: string;
  json?: boolean;
}

/** `--bank DIR` (repeatable) replaces the shipped bank. */
export function bankDirs(o: BankFlags): string[] {
  return o.bank && o.bank.length > 0 ? o.bank : [shippedBankDir()];
}

/** `--lang zh|en`, else the locale. */
export function langFlag(o: BankFlags): Lang {
  return choiceFlag('lang', o.lang, ['zh', 'en'] as const) ?? localeLang(process.env);
}

/** One line, cut to `width` display columns with an ellipsis. */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (displayWidth(flat) <= width) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
