/**
 * Checking a student's answer against the named quantities a calculator
 * computed. `--answer 32x32x10` checks the default quantity; named forms
 * (`params=760`, `output=32x32x10, macs=768000`) check several at once.
 * The homework checker and the quiz use the same function.
 */
import { checkNumber, checkTuple, parseAssignments, type Tolerance } from './answer';
import { InputError } from './errors';
import { fmtNum } from './format';

export interface Quantity {
  /** Shown in verdicts: "output size", "parameters". */
  label: string;
  /**
   * A number, accepted orders of a tuple (e.g. [[H, W, K], [K, H, W]]), or a
   * label (a kNN prediction such as "cat"), matched ignoring case.
   */
  expected: number | number[][] | string;
  tol?: Tolerance;
  /** How the right answer is displayed; defaults to the number or the first order joined by ×. */
  show?: string;
  /** Other spellings of the key (e.g. "shape" for "output"). */
  aliases?: string[];
}

export interface AnswerCheck {
  label: string;
  ok: boolean;
  given: string;
  expected: string;
  reason: string;
}

function display(q: Quantity): string {
  if (q.show) return q.show;
  if (typeof q.expected === 'string') return q.expected;
  return typeof q.expected === 'number' ? fmtNum(q.expected, 10) : q.expected[0]!.map((v) => fmtNum(v, 10)).join(', ');
}

/** Checks one quantity against a student's text. */
export function checkQuantity(q: Quantity, given: string): AnswerCheck {
  if (typeof q.expected === 'string') {
    const g = given.trim();
    const ok = g.toLowerCase() === q.expected.toLowerCase() || (g !== '' && q.expected !== '' && Number(g) === Number(q.expected));
    return { label: q.label, ok, given: g, expected: display(q), reason: ok ? 'right' : 'wrong label' };
  }
  const v = typeof q.expected === 'number' ? checkNumber(given, q.expected, q.tol) : checkTuple(given, q.expected, q.tol);
  return { label: q.label, ok: v.ok, given: given.trim(), expected: display(q), reason: v.reason };
}

/**
 * Reads `text` as either a bare answer for `defaultKey` or key=value pairs.
 * Unknown keys are an InputError on field "answer", listing the known ones.
 */
export function checkAnswerText(text: string, quantities: Record<string, Quantity>, defaultKey: string | ((text: string) => string)): AnswerCheck[] {
  const lookup = (key: string): Quantity | undefined => {
    const k = key.toLowerCase();
    return quantities[k] ?? Object.values(quantities).find((q) => q.aliases?.includes(k));
  };
  const named = /^[A-Za-z_][\w.']*\s*=/.test(text.trim()) ? parseAssignments(text) : null;
  if (!named) {
    const q = quantities[typeof defaultKey === 'string' ? defaultKey : defaultKey(text)];
    if (!q) throw new InputError('answer', `nothing to check: give the inputs this answer needs`);
    return [checkQuantity(q, text)];
  }
  const checks: AnswerCheck[] = [];
  for (const [key, value] of named) {
    const q = lookup(key);
    if (!q) {
      throw new InputError('answer', `cannot check "${key}" here; checkable: ${Object.keys(quantities).join(', ')}`);
    }
    checks.push(checkQuantity(q, value));
  }
  return checks;
}
