/** Flags shared by the `dlnotes bank` subcommands. */
import { shippedBankDir } from '../../quiz/bank/paths';
import { currentLang } from '../../render/lang';
import type { Lang } from '../../quiz/types';
import { displayWidth } from '../../render/table';

export interface BankFlags {
  bank?: string[];
  lang?: string;
  json?: boolean;
}

/** `--bank DIR` (repeatable) replaces the shipped bank. */
export function bankDirs(o: BankFlags): string[] {
  return o.bank && o.bank.length > 0 ? o.bank : [shippedBankDir()];
}

/** The language of this run (src/render/lang.ts decides it). */
export function langFlag(_o: BankFlags): Lang {
  return currentLang();
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
