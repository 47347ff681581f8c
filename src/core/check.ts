/**
 * Checking a student's answer against the named quantities a calculator
 * computed. `--answer 32x32x10` checks the default quantity; named forms
 * (`params=760`, `output=32x32x10, macs=768000`) check several at once.
 * The homework checker and the quiz use the same function.
 *
 * A wrong answer that equals what a known slip gives from the same inputs
 * (core/slips.ts) names the slip. An answer that cannot be read is never
 * graded: it is an InputError on field "answer" (bad input, exit 2).
 */
import { checkNumber, checkTuple, isCount, judge, parseAssignments, parseNumber, parseTuple, unreadableNumber, unreadableTuple, type ParsedNumber, type Tolerance, type UnitKind } from './answer';
import { InputError } from './errors';
import { fmtNum, fmtReal } from './format';
import type { SlipValue } from './slips';
import { bi, joinText, msg, type Text } from './text';

export interface Quantity {
  /** Shown in verdicts: "output size", "parameters". */
  label: Text;
  /**
   * A number, accepted orders of a tuple (e.g. [[H, W, K], [K, H, W]]), or a
   * label (a kNN prediction such as "cat"), matched ignoring case.
   */
  expected: number | number[][] | string;
  /**
   * An explicit tolerance. Without one, an integer expected value is a count
   * (exact, or an estimate marked ~) unless `real` says it is a real value
   * that happens to be whole (a loss of 9).
   */
  tol?: Tolerance;
  real?: boolean;
  /** What the quantity counts, so "3 GFLOPs" answers a MACs question (÷2) and "64 KiB" a bytes one. */
  unit?: UnitKind;
  /** How the right answer is displayed; defaults to the number or the first order joined by ×. */
  show?: string;
  /** Other spellings of the key (e.g. "shape" for "output"). */
  aliases?: string[];
  /**
   * What the classic slips of this quantity give for the same inputs; a
   * function when computed only for grading a wrong answer (most runs never
   * need them, and not running their code is measurable at start-up).
   */
  slips?: SlipValue[] | (() => SlipValue[]);
}

/** A slip a wrong answer matched: its id and what it did with these numbers. */
export interface SlipMatch {
  id: string;
  text: Text;
}

/** One graded answer, language-neutral until rendered (commands/output.ts localises it). */
export interface AnswerCheck {
  /** The quantity's key ("params"); absent for a quiz's single answer. */
  key?: string;
  label: Text;
  ok: boolean;
  given: string;
  /** The right answer to 10 significant digits (what --json reports). */
  expected: string;
  /** The right answer as a verdict shows it, when shorter: 2/3 or 4 significant digits, not 0.6666666667. */
  shown?: string;
  reason: Text;
  /** Right as an estimate (~1.2k), not exactly. */
  approx?: boolean;
  /** The slips this wrong answer matches (never on a right answer). */
  slips?: SlipMatch[];
}

function display(q: Quantity, fmt: (x: number) => string): string {
  if (q.show) return q.show;
  if (typeof q.expected === 'string') return q.expected;
  return typeof q.expected === 'number' ? fmt(q.expected) : q.expected[0]!.map(fmt).join(', ');
}

const UNIT_NAME: Record<UnitKind, { en: string; zh: string }> = {
  bytes: { en: 'a size in bytes', zh: '字节数' },
  flops: { en: 'FLOPs', zh: 'FLOPs' },
  macs: { en: 'MACs', zh: 'MACs' },
  params: { en: 'a parameter count', zh: '参数量' },
};

const CHECK = {
  right: bi('right', '正确'),
  wrongLabel: bi('wrong label', '标签错误'),
  unitMismatch: msg(
    (given: string, unit: UnitKind, label: string) => `${given} is ${UNIT_NAME[unit].en}, but this asks for the ${label}`,
    (given, unit, label) => `${given} 是${UNIT_NAME[unit].zh}，但这里问的是${label}`,
  ),
};

/** The answer in the quantity's own unit: FLOPs given for MACs are halved, MACs given for FLOPs doubled. */
function inUnitOf(q: Quantity, p: ParsedNumber, label: Text): ParsedNumber {
  if (!p.unit || !q.unit || p.unit === q.unit) return p;
  const factor = q.unit === 'macs' && p.unit === 'flops' ? 0.5 : q.unit === 'flops' && p.unit === 'macs' ? 2 : undefined;
  if (factor === undefined) {
    throw new InputError('answer', {
      en: CHECK.unitMismatch(p.text, p.unit, typeof label === 'string' ? label : label.en).en,
      zh: CHECK.unitMismatch(p.text, p.unit, typeof label === 'string' ? label : label.zh).zh,
    });
  }
  return { ...p, value: p.value * factor, ulp: p.ulp * factor };
}

/**
 * Checks one quantity against a student's text. Throws InputError("answer")
 * when the text cannot be read as the kind of answer the quantity needs.
 */
export function checkQuantity(q: Quantity, given: string, key?: string): AnswerCheck {
  const expected = display(q, (x) => fmtNum(x, 10));
  const shown = display(q, fmtReal);
  const base = { ...(key !== undefined ? { key } : {}), label: q.label, given: given.trim(), expected, ...(shown !== expected ? { shown } : {}) };
  if (typeof q.expected === 'string') {
    const g = given.trim();
    const ok = g.toLowerCase() === q.expected.toLowerCase() || (g !== '' && q.expected !== '' && Number(g) === Number(q.expected));
    return { ...base, ok, reason: ok ? CHECK.right : CHECK.wrongLabel };
  }
  if (typeof q.expected === 'number') {
    const read = parseNumber(given);
    if (!read) throw new InputError('answer', unreadableNumber(given));
    const p = inUnitOf(q, read, q.label);
    const opts = { ...(q.tol ? { tol: q.tol } : {}), count: !q.real && isCount(q.expected, q.tol) };
    const v = checkNumber(p, q.expected, q.tol, opts.count);
    const slips = v.ok ? [] : matchSlips(q, (value) => typeof value === 'number' && judge(p, value, { ...opts, count: !q.real && isCount(value, q.tol) }).ok);
    return { ...base, ok: v.ok, reason: v.reason, ...(v.approx ? { approx: true } : {}), ...(slips.length ? { slips } : {}) };
  }
  const parts = parseTuple(given);
  // One word that is not a number reads as a number that is not one ("four"), not as a list.
  if (!parts) throw new InputError('answer', /[x×*,;\s]/.test(given.trim()) ? unreadableTuple(given) : unreadableNumber(given));
  const tuple = parts.map((p) => inUnitOf(q, p, q.label));
  const v = checkTuple(tuple, q.expected, q.tol);
  const slips = v.ok ? [] : matchSlips(q, (value) => Array.isArray(value) && checkTuple(tuple, value, q.tol).ok);
  return { ...base, ok: v.ok, reason: v.reason, ...(v.approx ? { approx: true } : {}), ...(slips.length ? { slips } : {}) };
}

/** The quantity's slips the answer matches, leaving out slips that give the right value for these inputs. */
function matchSlips(q: Quantity, matches: (value: number | number[][]) => boolean): SlipMatch[] {
  if (!q.slips) return [];
  const slips = typeof q.slips === 'function' ? q.slips() : q.slips;
  const right = (value: number | number[][]): boolean => {
    if (typeof q.expected === 'number') return typeof value === 'number' && Math.abs(value - q.expected) <= 1e-9 * Math.max(1, Math.abs(q.expected));
    const orders = q.expected as number[][];
    return Array.isArray(value) && value.some((o) => orders.some((e) => e.length === o.length && e.every((x, i) => Math.abs(x - o[i]!) <= 1e-9 * Math.max(1, Math.abs(x)))));
  };
  return slips.filter((s) => !right(s.expected) && matches(s.expected)).map((s) => ({ id: s.id, text: s.text }));
}

const ANSWER = {
  nothing: bi('nothing to check: give the inputs this answer needs', '没有可检查的量：请给出这个答案需要的输入'),
  unknown: msg(
    (key: string, known: string) => `cannot check "${key}" here; checkable: ${known}`,
    (key, known) => `这里不能检查 "${key}"；可检查：${known}`,
  ),
};

/** The quantity a key names: exact key, then aliases (case-insensitive). */
export function findQuantity(quantities: Record<string, Quantity>, key: string): [string, Quantity] | undefined {
  const k = key.toLowerCase();
  if (Object.hasOwn(quantities, k)) return [k, quantities[k]!];
  return Object.entries(quantities).find(([, q]) => q.aliases?.includes(k));
}

/**
 * Reads `text` as either a bare answer for `defaultKey` or key=value pairs.
 * Unknown keys are an InputError on field "answer", listing the known ones.
 */
export function checkAnswerText(text: string, quantities: Record<string, Quantity>, defaultKey: string | ((text: string) => string)): AnswerCheck[] {
  const named = /^[A-Za-z_][\w.']*\s*=/.test(text.trim()) ? parseAssignments(text) : null;
  if (!named) {
    const key = typeof defaultKey === 'string' ? defaultKey : defaultKey(text);
    const q = quantities[key];
    if (!q) throw new InputError('answer', ANSWER.nothing);
    return [checkQuantity(q, text, key)];
  }
  const found = [...named].map(([key, value]) => ({ key, value, q: findQuantity(quantities, key) }));
  const unknown = found.find((f) => !f.q);
  if (unknown) throw new InputError('answer', ANSWER.unknown(unknown.key, Object.keys(quantities).join(', ')));
  return found.map(({ value, q }) => checkQuantity(q![1], value, q![0]));
}

/** "✗ parameters: …" text of a check's slips: the first names what went wrong; more are listed. */
export function slipSentence(slips: readonly SlipMatch[]): Text {
  return joinText(slips.map((s) => s.text), bi('; or ', '；或者'));
}
