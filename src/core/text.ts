/**
 * Text a student reads, in both languages. Core code builds bilingual text
 * (worked solutions, verdicts, error messages) without knowing the language
 * it will be shown in; the renderer picks one (src/render/lang.ts). So the
 * same Outcome serves a zh and an en run, and JSON stays language-neutral.
 *
 * The message catalogue is typed: a message with parameters is written once
 * with `msg(en, zh)`, where both functions take the same parameters, so a
 * missing translation or a wrong parameter is a compile error:
 *
 *   const M = {
 *     heading: bi('Output height', '输出高度'),
 *     uncovered: msg((n: number) => `The last ${n} rows are never covered.`,
 *                    (n) => `最后 ${n} 行没有被任何窗口覆盖。`),
 *   };
 *   wb.heading(M.heading).note(M.uncovered(3));
 *
 * Formulas, numbers and names (Conv2d, ReLU, MACs) are the same in both
 * languages: a plain string is language-neutral.
 */

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Text in both languages. */
export interface Bi {
  readonly en: string;
  readonly zh: string;
}

/** Bilingual text, or one language-neutral string (a formula, a number, a name). */
export type Text = string | Bi;

/** A message without parameters. */
export function bi(en: string, zh: string): Bi {
  return { en, zh };
}

/**
 * A message with parameters: both languages take exactly the same ones
 * (the zh function's parameter types are inferred from the en one).
 */
export function msg<A extends unknown[]>(en: (...a: A) => string, zh: (...a: NoInfer<A>) => string): (...a: A) => Bi {
  return (...a: A) => lazyBi(() => en(...a), () => zh(...a));
}

/**
 * A Bi whose languages are computed when read: a run shows one language, and
 * not calling (and so not compiling) the other's functions is measurable in
 * a calculator's start-up. Enumerable getters, so JSON.stringify sees both.
 */
function lazyBi(en: () => string, zh: () => string): Bi {
  return {
    get en() { return en(); },
    get zh() { return zh(); },
  };
}

/** The text in one language. */
export function tr(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

export function isBi(text: unknown): text is Bi {
  return typeof text === 'object' && text !== null && typeof (text as Bi).en === 'string' && typeof (text as Bi).zh === 'string';
}

/** Applies `f` to each language's string (a plain string stays plain). */
export function mapText(text: Text, f: (s: string, lang: Lang) => string): Text {
  const en = f(tr(text, 'en'), 'en');
  const zh = f(tr(text, 'zh'), 'zh');
  return typeof text === 'string' && en === zh ? en : { en, zh };
}

/**
 * A template that interpolates texts per language:
 *   txt`${M.outputs}: ${shape}` -> { en: 'Outputs: 4×4', zh: '输出：4×4' }.
 * Stays a plain string when every part is one.
 */
export function txt(strings: TemplateStringsArray, ...parts: Array<Text | number>): Text {
  if (parts.every((p) => !isBi(p))) return String.raw({ raw: strings }, ...parts);
  const one = (lang: Lang): string => String.raw({ raw: strings }, ...parts.map((p) => (typeof p === 'number' ? p : tr(p, lang))));
  return lazyBi(() => one('en'), () => one('zh'));
}

/** Joins texts with a separator per language (e.g. `, ` and `，`). */
export function joinText(parts: readonly Text[], sep: Text = ', '): Text {
  if (parts.every((p) => typeof p === 'string') && typeof sep === 'string') return parts.join(sep);
  const one = (lang: Lang): string => parts.map((p) => tr(p, lang)).join(tr(sep, lang));
  return lazyBi(() => one('en'), () => one('zh'));
}

/** English plural: plural(1, 'row') = '1 row', plural(3, 'row') = '3 rows'. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const tens = Math.abs(n) % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th';
  return `${n}${suffix}`;
}
