/**
 * A generated problem template: parameters are drawn fresh at each review
 * and the answer comes from the calculators' core functions, so a student
 * cannot memorise the number. Bank entries of `type: generated` name a
 * template by `id` (see docs/bank-format.md).
 */
import type { Tolerance } from '../../core/answer';
import { differs, type SlipValue } from '../../core/slip-defs';
import type { SlipId } from '../../core/slips';
import type { Rng } from '../../core/random';
import type { Worked } from '../../core/worked';

export interface Bilingual {
  zh: string;
  en: string;
}

/** What a correct answer is, graded with core/answer.ts. */
export type Expected =
  /**
   * One number; `tol` adds to the rounding rule (a student's "0.73" matches 0.7311).
   * An integer value without `tol` is a count (exact, or ~estimate) unless `real`.
   * `slips`: what the classic slips give for these parameters (core/slips.ts).
   */
  | { kind: 'number'; value: number; tol?: Tolerance; unit?: string; real?: boolean; slips?: SlipValue[] }
  /** Several numbers in one of the accepted orders (a shape H×W×C or C×H×W, a gradient vector). */
  | { kind: 'tuple'; orders: number[][]; tol?: Tolerance; labels?: string[]; slips?: SlipValue[] }
  /** Pick from choices (letters a, b, ...); `correct` holds 0-based indices. */
  | { kind: 'choice'; choices: Bilingual[]; correct: number[] };

export interface GeneratedProblem {
  prompt: Bilingual;
  expected: Expected;
  /** The worked solution, built by the same core function the calculator uses. */
  solution: Worked;
  /** The drawn parameters, stored with the review for reproducibility. */
  params: Record<string, unknown>;
  /** The calculator command that reproduces this problem, e.g. "dlnotes conv --h 32 --f 5 --p 2". */
  command?: string;
}

export type OptionType = 'number' | 'integer' | 'string' | 'boolean';

export interface Generator {
  /** Stable template id used by bank entries: "conv-output-size". */
  id: string;
  /** Drill topic (`dlnotes drill <topic>`): conv, pool, params, rf, backprop, loss, act, optim, lr, bn, knn. */
  topic: string;
  title: Bilingual;
  /**
   * The slips (core/slips.ts) its problems can name: every id its Expected
   * carries for some draw. `dlnotes drill --slips` picks templates by these.
   */
  slips?: readonly SlipId[];
  /** Options a bank entry may pass (`options:`), checked by `dlnotes bank lint`. */
  options?: Record<string, OptionType | readonly string[]>;
  /** Draws a problem; must be deterministic for a given rng state and options. */
  generate(rng: Rng, options?: Record<string, unknown>): GeneratedProblem;
}

/**
 * The slips a wrong answer could still be told apart by: a slip that gives
 * the right value for these parameters (or one within the answer's
 * tolerance of it) would grade as right, so it is never named and is left
 * out; what remains are the slips this problem can show.
 */
export function visibleSlips(slips: readonly SlipValue[], right: number | number[][], tol?: Tolerance): SlipValue[] {
  if (typeof right !== 'number') {
    const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => !differs(x, b[i]!));
    return slips.filter((s) => Array.isArray(s.expected) && !s.expected.some((o) => right.some((r) => same(o, r))));
  }
  const slack = Math.max(tol?.abs ?? 0, (tol?.rel ?? 0) * Math.abs(right));
  return slips.filter((s) => typeof s.expected === 'number' && differs(s.expected, right) && Math.abs(s.expected - right) > slack);
}
