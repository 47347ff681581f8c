/**
 * The language questions are shown in: `--lang zh|en`, else the locale
 * (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them). Shared by the
 * bank commands and the quiz session.
 */
import type { Lang, Text } from './types';

export const LANGS: readonly Lang[] = ['zh', 'en'];

/** zh when the effective locale starts with "zh" (zh_CN.UTF-8, zh_TW, zh-Hans), else en. */
export function localeLang(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v !== '') return /^zh/i.test(v) ? 'zh' : 'en';
  }
  return 'en';
}

/** A Text in one language: a plain string serves both. */
export function textIn(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}
