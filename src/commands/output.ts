/** Printing results: the worked solution by default, JSON on request, and answer checks. */
import { ExitError } from '../errors';
import { writeOut } from '../write';
import { checkAnswerText, type AnswerCheck, type Quantity } from '../core/check';
import { withFlags } from './flags';
import type { Worked } from '../core/worked';
import { renderWorked } from '../render/worked';
import { CROSS, style, TICK } from '../render/style';

export function print(text: string): void {
  writeOut(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(data: unknown): void {
  writeOut(`${JSON.stringify(data, null, 2)}\n`);
}

export function renderChecks(checks: AnswerCheck[]): string {
  return checks
    .map((c) => c.ok
      ? `${style.good(TICK)} ${c.label}: ${c.given} ${style.dim(`(${c.reason})`)}`
      : `${style.bad(CROSS)} ${c.label}: you said ${c.given}, the answer is ${style.bold(c.expected)}${c.reason && c.reason !== 'wrong value' ? ` ${style.dim(`(${c.reason})`)}` : ''}`)
    .join('\n');
}

/**
 * Shows the verdicts; when any is wrong, also the worked solution, and ends
 * with exit code 1. With --json the verdicts are folded into the JSON instead.
 */
export function finishWithAnswer(checks: AnswerCheck[], worked: Worked | string, json?: { data: Record<string, unknown> }): void {
  const ok = checks.every((c) => c.ok);
  if (json) {
    printJson({ ...json.data, answer: { correct: ok, checks } });
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
}

/** Prints an outcome as the command's default text, JSON, or an answer check. */
export function emit(out: Outcome, o: { json?: boolean; answer?: string }): void {
  if (o.answer !== undefined) {
    const checks = withFlags(() => checkAnswerText(o.answer!, out.quantities, out.defaultKey));
    finishWithAnswer(checks, out.worked, o.json ? { data: out.data } : undefined);
    return;
  }
  if (o.json) printJson(out.data);
  else print(typeof out.worked === 'string' ? out.worked : renderWorked(out.worked));
}
