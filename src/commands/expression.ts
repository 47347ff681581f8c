/**
 * Shared by `dlnotes backprop` and `dlnotes gradcheck`: read the expression
 * and the values, and turn expression mistakes into one clear message with a
 * caret under the column.
 */
import { InputError } from '../core/errors';
import { ExpressionError, type Expr } from '../core/graph/expr';
import { parseExpression } from '../core/graph/parse';
import { parseValues } from '../core/graph/values';
import { UsageError } from '../errors';
import { intFlag } from './flags';

/** Runs `fn`, turning expression and value mistakes into UsageError (exit 2). */
export function withExpression<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExpressionError && e.column !== undefined) {
      const src = e.source.replace(/\s/g, ' ');
      throw new UsageError(`${e.message}\n  ${src}\n  ${' '.repeat(e.column)}^`);
    }
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
}

export interface ExpressionInput {
  expr: Expr;
  values: Record<string, number>;
}

/** The expression and its values from the positional arguments. */
export function readExpression(command: string, source: string | undefined, words: string[]): ExpressionInput {
  if (source === undefined || source.trim() === '') {
    throw new UsageError(`${command}: give an expression and values, e.g. dlnotes ${command} "(x+y)*z" x=-2 y=5 z=-4`);
  }
  return withExpression(() => ({ expr: parseExpression(source), values: parseValues(words) }));
}

/** --digits: significant digits shown (1-15). */
export function digitsFlag(raw: unknown, fallback: number): number {
  return intFlag('digits', raw, { min: 1, max: 15 }) ?? fallback;
}
