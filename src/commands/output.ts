/** Printing results: the worked solution by default, JSON on request, and answer checks. */
import { ExitError } from '../errors';
import type { AnswerCheck } from '../core/check';
import type { Worked } from '../core/worked';
import { renderWorked } from '../render/worked';
import { CROSS, style, TICK } from '../render/style';

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(data: unknown): void {
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
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
