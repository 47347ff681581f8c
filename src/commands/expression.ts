/**
 * Shared by `dlnotes backprop` and `dlnotes gradcheck`: read the expression
 * and the values, and turn expression mistakes into one clear message with a
 * caret under the column.
 */
import { InputError } from '../core/errors';
import { ExpressionError, type Expr } from '../core/graph/expr';
import { parseExpression } from '../core/graph/parse';
import { parseValues } from '../core/graph/values';
import { msg, txt } from '../core/text';
import { UsageError } from '../errors';
import { intFlag } from './flags';

/** The texts of the expression readers, in both languages. */
const M = {
  give: msg((command: string) => `${command}: give an expression and values, e.g. dlnotes ${command} "(x+y)*z" x=-2 y=5 z=-4`,
    (command) => `${command}：请给出表达式和各变量的值，例如 dlnotes ${command} "(x+y)*z" x=-2 y=5 z=-4`),
};

/** "L = (x+y)*z": a leading name and "=" (not "==") names the output. */
const OUTPUT_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)(.*)$/s;

/** Runs `fn`, turning expression and value mistakes into UsageError (exit 2). */
export function withExpression<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExpressionError && e.column !== undefined) {
      const src = e.source.replace(/\s/g, ' ');
      throw new UsageError(txt`${e.text}\n  ${src}\n  ${' '.repeat(e.column)}^`);
    }
    if (e instanceof InputError) throw new UsageError(e.text);
    throw e;
  }
}

export interface ExpressionInput {
  expr: Expr;
  values: Record<string, number>;
  /** The output's name when the expression starts with one ("L = ..."). */
  output?: string;
}

/** The expression and its values from the positional arguments; "f = (x+y)*z" names the output f. */
export function readExpression(command: string, source: string | undefined, words: string[]): ExpressionInput {
  if (source === undefined || source.trim() === '') {
    throw new UsageError(M.give(command));
  }
  const named = OUTPUT_NAME.exec(source);
  const body = named ? named[2]! : source;
  return withExpression(() => ({ expr: parseExpression(body), values: parseValues(words), ...(named ? { output: named[1]! } : {}) }));
}

/** --digits: significant digits shown (1-15). */
export function digitsFlag(raw: unknown, fallback: number): number {
  return intFlag('digits', raw, { min: 1, max: 15 }) ?? fallback;
}
