/** Printing results: the worked solution by default, JSON on request, and answer checks. */
import { ExitError } from '../errors';
import { writeOut } from '../write';
import { checkAnswerText, slipSentence, type AnswerCheck, type Quantity } from '../core/check';
import { REASON } from '../core/answer';
import { bi, msg, tr, type Lang } from '../core/text';
import { currentLang } from '../render/lang';
import { withFlags } from './flags';
import type { Worked } from '../core/worked';
import { renderWorked } from '../render/worked';
import { CROSS, style, TICK } from '../render/style';
import { termWidth } from '../render/width';
import { wrapProse, wrapText } from '../render/wrap';

/** Prints text as it is: for what a program or an editor reads (Graphviz, YAML, file:line:col lists, paths, values). */
export function printRaw(text: string): void {
  writeOut(text.endsWith('\n') ? text : `${text}\n`);
}

/** Prints text, wrapping lines wider than the terminal (render/wrap.ts); tables are laid out to fit before. */
export function print(text: string): void {
  const fitted = wrapText(text, termWidth());
  writeOut(fitted.endsWith('\n') ? fitted : `${fitted}\n`);
}

/** Like print, but a drawing's lines (a diagram question) are left whole: the quiz's and the exam's output. */
export function printProse(text: string): void {
  const fitted = wrapProse(text, termWidth());
  writeOut(fitted.endsWith('\n') ? fitted : `${fitted}\n`);
}

export function printJson(data: unknown): void {
  writeOut(`${JSON.stringify(data, null, 2)}\n`);
}

const VERDICT = {
  wrong: msg(
    (label: string, given: string, expected: string) => `${label}: you said ${given}, the answer is ${expected}`,
    (label, given, expected) => `${label}：你的答案 ${given}，正确答案 ${expected}`,
  ),
  dash: bi(' — ', ' —— '),
  right: msg((label: string, given: string) => `${label}: ${given} `, (label, given) => `${label}：${given}`),
  /** A verdict's reason after the answer: (exact), （完全正确）. */
  reason: msg((reason: string) => `(${reason})`, (reason) => `（${reason}）`),
};

/** An answer check with its texts in one language, for printing and --json. */
export interface LocalCheck {
  key?: string;
  label: string;
  ok: boolean;
  given: string;
  expected: string;
  reason: string;
  approx?: boolean;
  /** The (first) slip the wrong answer matches; `slips` lists all when more than one. */
  slip?: { id: string; text: string };
  slips?: Array<{ id: string; text: string }>;
}

export function localizeCheck(c: AnswerCheck, lang: Lang = currentLang()): LocalCheck {
  const slips = c.slips?.map((s) => ({ id: s.id, text: tr(s.text, lang) }));
  return {
    ...(c.key !== undefined ? { key: c.key } : {}),
    label: tr(c.label, lang),
    ok: c.ok,
    given: c.given,
    expected: c.expected,
    reason: tr(c.reason, lang),
    ...(c.approx ? { approx: true } : {}),
    ...(slips?.length ? { slip: slips[0]! } : {}),
    ...(slips && slips.length > 1 ? { slips } : {}),
  };
}

export function renderChecks(checks: AnswerCheck[], lang: Lang = currentLang()): string {
  return checks
    .map((c) => {
      const label = tr(c.label, lang);
      const reason = style.dim(tr(VERDICT.reason(tr(c.reason, lang)), lang));
      if (c.ok) return `${style.good(TICK)} ${tr(VERDICT.right(label, c.given), lang)}${reason}`;
      const head = `${style.bad(CROSS)} ${tr(VERDICT.wrong(label, c.given, style.bold(c.shown ?? c.expected)), lang)}`;
      if (c.slips?.length) return `${head}${tr(VERDICT.dash, lang)}${tr(slipSentence(c.slips), lang)}`;
      return c.reason === REASON.wrong ? head : `${head}${lang === 'zh' ? '' : ' '}${reason}`;
    })
    .join('\n');
}

/**
 * Shows the verdicts; when any is wrong, also the worked solution, and ends
 * with exit code 1. With --json the verdicts are folded into the JSON instead.
 */
export function finishWithAnswer(checks: AnswerCheck[], worked: Worked | string, json?: { data: Record<string, unknown> }): void {
  const ok = checks.every((c) => c.ok);
  if (json) {
    printJson({ ...json.data, answer: { correct: ok, checks: checks.map((c) => localizeCheck(c)) } });
  } else {
    print(renderChecks(checks));
    if (!ok) print(`\n${typeof worked === 'string' ? worked : renderWorked(worked)}`);
  }
  if (!ok) throw new ExitError(1);
}

/**
 * Everything one calculator run produced: the JSON data, the quantities a
 * student can be asked about, and the worked solution. The command prints it;
 * the homework checker (dlnotes check) grades answers against it.
 */
export interface Outcome {
  data: Record<string, unknown>;
  quantities: Record<string, Quantity>;
  /** The quantity a bare `--answer 32` checks (may depend on the answer's shape). */
  defaultKey: string | ((answer: string) => string);
  /** The worked solution, as data or as already-rendered text (tables). */
  worked: Worked | string;
  /** Print `worked` as it is, never wrapped: it is read by a program (Graphviz --dot). */
  raw?: boolean;
}

/** Prints an outcome as the command's default text, JSON, or an answer check. */
export function emit(out: Outcome, o: { json?: boolean; answer?: string }): void {
  if (o.answer !== undefined) {
    const checks = withFlags(() => checkAnswerText(o.answer!, out.quantities, out.defaultKey));
    finishWithAnswer(checks, out.worked, o.json ? { data: out.data } : undefined);
    return;
  }
  if (o.json) printJson(out.data);
  else (out.raw ? printRaw : print)(typeof out.worked === 'string' ? out.worked : renderWorked(out.worked));
}
