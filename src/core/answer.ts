/**
 * Reading and checking a student's numeric answers. One place for the rules,
 * shared by every calculator's --answer, the homework checker, the flag
 * readers and the quiz grader:
 *  - what a student types is read as the tool prints it and as a Chinese
 *    keyboard types it: full-width digits and punctuation, `1,216`, `50%`,
 *    `64 KiB`, `2 MB`, `1.5 GFLOPs`, `1.2万`, `3/4`, `3e-4`;
 *  - a count (any integer the calculator computes: parameters, MACs, bytes,
 *    sizes) is right only when exact; an estimate is written `~1.2k` (or
 *    `≈1.2k`, `约1.2k`) and judged to the significant digits given, and the
 *    verdict says "approximately right";
 *  - a real value within the stated tolerance (and always within 1e-6
 *    relative) is right, and so is a value the student rounded: "0.73" for
 *    0.7311 (at least two significant digits, so "3" is not accepted for 2.9);
 *  - text that is not a number is never graded: the caller asks again or
 *    reports bad input, with the reason from `unreadableNumber()`.
 */
import { fmtInt, fmtNum } from './format';
import { bi, msg, plural, type Bi, type Text } from './text';

export interface Tolerance {
  /** Absolute tolerance. */
  abs?: number;
  /** Relative tolerance, as a fraction of |expected|. */
  rel?: number;
}

/** What a unit word after a number says it counts. */
export type UnitKind = 'bytes' | 'flops' | 'macs' | 'params';

export interface ParsedNumber {
  value: number;
  /** The place value of the last digit given (0.01 for "0.73", 1e6 for "138M"); 0 when exact (a fraction). */
  ulp: number;
  /** Significant digits given. */
  sig: number;
  text: string;
  /** Written as an estimate: "~1.2k", "≈1.2k", "约1.2k". */
  approx: boolean;
  /** A unit word given after the number ("64 KiB", "1.5 GFLOPs", "760 params"). */
  unit?: UnitKind;
}

/** Full-width forms (U+FF01-FF5E) and the punctuation of a Chinese keyboard, as ASCII. */
const CJK_PUNCT: Record<string, string> = {
  '。': '.', '、': ',', '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '【': '[', '】': ']',
  '\u2212': '-', '\u2012': '-', '\u2013': '-', '\u3000': ' ', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ',
};

/**
 * What a student typed, with full-width digits, letters and punctuation and
 * typographic minus signs turned into ASCII. Leaves ×, ·, √ and CJK text.
 */
export function normalizeInput(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else out += CJK_PUNCT[ch] ?? ch;
  }
  return out;
}

/**
 * An expression as a student types it (a formula answer, a backprop or
 * optimizer expression), in mathjs syntax: full-width characters, − × · ÷ π
 * ² ³, Python's **, and √x or √(…) for sqrt.
 */
export function normalizeExpression(text: string): string {
  return normalizeInput(text).trim()
    .replace(/[−–]/g, '-')
    .replace(/[×·⋅∗]/g, '*')
    .replace(/÷/g, '/')
    .replace(/π/g, 'pi')
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/\*\*/g, '^')
    .replace(/√\s*\(/g, 'sqrt(')
    .replace(/√\s*([A-Za-z_][\w]*|\d+(?:\.\d+)?)/g, 'sqrt($1)');
}

const MULT: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, 万: 1e4, 亿: 1e8 };
const BINARY: Record<string, number> = { K: 2 ** 10, k: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
const UNIT_WORDS: Array<[RegExp, UnitKind]> = [
  [/^(?:B|bytes?|字节)$/, 'bytes'],
  [/^(?:FLOPs?|flops?|FLOPS)$/, 'flops'],
  [/^(?:MACs?|macs?|MACS)$/, 'macs'],
  [/^(?:params?|parameters?|参数)$/, 'params'],
];

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses "760", "-0.39", "1e-3", "3/4", "138,357,544", "15.47G", "4.5 M",
 * "50%", "64 KiB", "2 MB", "1.5 GFLOPs", "~1.2k", "１２", "1.2万".
 * Returns null when the text is not a single number.
 */
export function parseNumber(raw: string): ParsedNumber | null {
  let text = normalizeInput(raw).trim().replace(/_/g, '');
  const approx = /^(?:~|≈|约|大约|about\s)/i.test(text);
  if (approx) text = text.replace(/^(?:~|≈|约|大约|about\s)\s*/i, '');
  if (text === '') return null;
  const frac = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (frac) {
    const den = Number(frac[2]);
    if (den === 0) return null;
    return { value: Number(frac[1]) / den, ulp: 0, sig: Infinity, text, approx };
  }
  const m = /^([+-]?[\d.,]*\d\.?(?:[eE][+-]?\d+)?)\s*(.*)$/.exec(text);
  if (!m) return null;
  let digits = m[1]!;
  if (digits.includes(',')) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return null;
    digits = digits.replace(/,/g, '');
  }
  const n = NUMBER.exec(digits);
  if (!n || (n[2] === '' && (n[3] === undefined || n[3] === ''))) return null;
  const tail = readTail(m[2]!.trim());
  if (!tail) return null;
  const [, sign, int = '', dec = '', exp] = n;
  // Number() reads the exponent exactly (1e-4 is 0.0001, not 1 × 10 ** -4 = 0.00009999999999999999).
  const base = Number(`${sign}${int || '0'}.${dec || '0'}e${exp ?? 0}`);
  const sigDigits = (int + dec).replace(/^0+/, '');
  return {
    value: base * tail.scale,
    ulp: 10 ** -dec.length * (exp ? 10 ** Number(exp) : 1) * tail.scale,
    sig: Math.max(sigDigits.length, 1),
    text,
    approx,
    ...(tail.unit ? { unit: tail.unit } : {}),
  };
}

/** What follows the digits: a multiplier (k, M, 万, %), a unit word (B, KiB, GFLOPs, params), or nothing. */
function readTail(tail: string): { scale: number; unit?: UnitKind } | null {
  if (tail === '') return { scale: 1 };
  if (tail === '%') return { scale: 0.01 };
  const m = /^([kKMGTP万亿])?(i)?\s*(.*)$/.exec(tail)!;
  const [, prefix, binary, word = ''] = m;
  const unit = word === '' ? undefined : UNIT_WORDS.find(([re]) => re.test(word))?.[1];
  if (word !== '' && unit === undefined) return null;
  if (binary && (unit !== 'bytes' || !prefix || !BINARY[prefix])) return null;
  const scale = prefix ? (binary ? BINARY[prefix]! : MULT[prefix]!) : 1;
  return { scale, ...(unit ? { unit } : {}) };
}

const UNREADABLE = msg(
  (text: string) => `not a number: ${text} — type 4, 4.0, 1/2, 3e-4, 1,216, 1.2M or ~1.2k for an estimate`,
  (text) => `不是数字：${text}——请输入 4、4.0、1/2、3e-4、1,216、1.2M，估算写 ~1.2k`,
);

/** Why `raw` is not a number, to ask again or to report as bad input. */
export function unreadableNumber(raw: string): Bi {
  return UNREADABLE(raw.trim() === '' ? '(empty)' : raw.trim());
}

export interface JudgeOptions {
  tol?: Tolerance;
  /** A count: only the exact value is right, or an estimate marked with ~. */
  count?: boolean;
}

export interface NumberVerdict {
  ok: boolean;
  expected: number;
  given: number | null;
  /** Why it was accepted or rejected, in a few words. */
  reason: Text;
  /** Right as an estimate (~1.2k), not exactly. */
  approx?: boolean;
}

export const REASON = {
  exact: bi('exact', '完全正确'),
  wrong: bi('wrong value', '数值错误'),
  tolerance: bi('within tolerance', '在允许误差内'),
  place: msg(
    (ulp: number, sig: number) => `correct to the ${ulp > 1 ? `${sig} significant digits` : ulp === 1 ? 'units' : plural(decimals(ulp), 'decimal place')} given`,
    (ulp, sig) => `按所给的${ulp > 1 ? ` ${sig} 位有效数字` : ulp === 1 ? '个位' : ` ${decimals(ulp)} 位小数`}正确`,
  ),
  approx: msg((exact: string) => `approximately right (exact: ${exact})`, (exact) => `近似正确（精确值：${exact}）`),
  rounded: msg(
    (given: string) => `a count must be exact: ${given} is rounded (write ~${given} for an estimate)`,
    (given) => `计数必须精确：${given} 是近似值（估算请写 ~${given}）`,
  ),
  estimateOff: msg(
    (given: string, exact: string) => `${given} is not a close estimate (exact: ${exact})`,
    (given, exact) => `${given} 不是接近的估算（精确值：${exact}）`,
  ),
};

/**
 * Checks one number; `given` may be text (a student's answer) or a parsed
 * number. `count`: judge as a count (exact, or an estimate marked ~).
 * Unreadable text gives `given: null` and the reason.
 */
export function checkNumber(given: string | number | ParsedNumber, expected: number, tol?: Tolerance, count = false): NumberVerdict {
  const parsed = typeof given === 'number'
    ? { value: given, ulp: 0, sig: Infinity, text: String(given), approx: false }
    : typeof given === 'string' ? parseNumber(given) : given;
  if (!parsed) return { ok: false, expected, given: null, reason: unreadableNumber(String(given)) };
  return { ...judge(parsed, expected, { ...(tol ? { tol } : {}), count }), expected, given: parsed.value };
}

/** Whether `expected` should be judged as a count: an integer with no tolerance stated. */
export function isCount(expected: number, tol?: Tolerance): boolean {
  return Number.isInteger(expected) && tol === undefined;
}

/** The rule itself, for a number already read. */
export function judge(p: ParsedNumber, expected: number, opts: JudgeOptions = {}): { ok: boolean; reason: Text; approx?: boolean } {
  if (!Number.isFinite(expected)) {
    return p.value === expected ? { ok: true, reason: REASON.exact } : { ok: false, reason: REASON.wrong };
  }
  const diff = Math.abs(p.value - expected);
  const rounded = p.ulp > 0 && diff <= (p.ulp / 2) * (1 + 1e-9) + 1e-12;
  if (opts.count) {
    if (p.value === expected) return { ok: true, reason: REASON.exact };
    if (p.approx) {
      return rounded ? { ok: true, approx: true, reason: REASON.approx(fmtInt(expected)) } : { ok: false, reason: REASON.estimateOff(p.text, fmtInt(expected)) };
    }
    return rounded ? { ok: false, reason: REASON.rounded(p.text) } : { ok: false, reason: REASON.wrong };
  }
  const tol = opts.tol ?? {};
  // A relative 1e-6 always: floating-point noise (Adam's ε makes -0.1 come out as -0.099999998)
  // is never what an exam question asks about.
  const slack = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(expected), 1e-6 * Math.abs(expected), 1e-12);
  if (diff <= slack) {
    if (diff === 0) return { ok: true, reason: REASON.exact };
    return p.approx ? { ok: true, approx: true, reason: REASON.approx(fmtNum(expected, 10)) } : { ok: true, reason: REASON.tolerance };
  }
  if (rounded && (p.sig >= 2 || p.approx)) {
    return p.approx ? { ok: true, approx: true, reason: REASON.approx(fmtNum(expected, 10)) } : { ok: true, reason: REASON.place(p.ulp, p.sig) };
  }
  return { ok: false, reason: REASON.wrong };
}

function decimals(ulp: number): number {
  return Math.round(-Math.log10(ulp));
}

/** Splits "32x32x16", "32×32×16", "(32, 32, 16)", "-4,-4,3", "（32，32，16）" into numbers; null if any part is not a number. */
export function parseTuple(raw: string): ParsedNumber[] | null {
  const inner = normalizeInput(raw).trim().replace(/^[[(]|[\])]$/g, '');
  if (inner === '') return null;
  // "1,216" inside a tuple would be two numbers: a tuple's commas separate.
  const parts = inner.split(/\s*[x×*,;]\s*|\s+/).filter((s) => s !== '');
  const out: ParsedNumber[] = [];
  for (const part of parts) {
    const p = parseNumber(part);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

export interface TupleVerdict {
  ok: boolean;
  expected: number[];
  given: number[] | null;
  /** Index of the accepted order in `orders` (e.g. H×W×C vs C×H×W). */
  order?: number;
  reason: Text;
  approx?: boolean;
}

const TUPLE = {
  right: bi('right', '正确'),
  notList: msg((text: string) => `not a list of numbers: ${text} — type e.g. 32x32x10 or 1, -2, 0.5`, (text) => `不是一组数字：${text}——请输入如 32x32x10 或 1, -2, 0.5`),
  count: msg((want: number, got: number) => `expected ${want} numbers, got ${got}`, (want, got) => `应有 ${want} 个数，收到 ${got} 个`),
};

/** Why `raw` is not a list of numbers. */
export function unreadableTuple(raw: string): Bi {
  return TUPLE.notList(raw.trim() === '' ? '(empty)' : raw.trim());
}

/**
 * Checks a tuple answer against one or more accepted orders of the same
 * values (a conv output may be written H×W×C as in the notes or C×H×W as in
 * PyTorch). Every element must pass judge()'s rules; integer elements are
 * counts unless a tolerance is given.
 */
export function checkTuple(given: string | ParsedNumber[], orders: number[][], tol?: Tolerance): TupleVerdict {
  const parsed = typeof given === 'string' ? parseTuple(given) : given;
  const expected = orders[0] ?? [];
  if (!parsed) return { ok: false, expected, given: null, reason: unreadableTuple(String(given)) };
  const values = parsed.map((p) => p.value);
  for (const [i, order] of orders.entries()) {
    if (order.length !== parsed.length) continue;
    const verdicts = parsed.map((p, j) => judge(p, order[j]!, { ...(tol ? { tol } : {}), count: isCount(order[j]!, tol) }));
    if (verdicts.every((v) => v.ok)) {
      const approx = verdicts.some((v) => v.approx);
      return { ok: true, expected: order, given: values, order: i, reason: approx ? REASON.approx(order.map((v) => fmtNum(v, 10)).join('×')) : TUPLE.right, ...(approx ? { approx } : {}) };
    }
  }
  const sameLength = orders.some((o) => o.length === parsed.length);
  return {
    ok: false,
    expected,
    given: values,
    reason: sameLength ? REASON.wrong : TUPLE.count(expected.length, parsed.length),
  };
}

/** Parses "x=-4,y=-4,z=3" or "H'=2, W'=2" (also ";" or spaces between pairs, full-width punctuation) into name -> text. */
export function parseAssignments(raw: string): Map<string, string> | null {
  const out = new Map<string, string>();
  // Names may carry primes (H', W'), as the notes write output sizes.
  const parts = normalizeInput(raw).split(/[;,\s]+(?=[A-Za-z_][\w.']*\s*=)/).map((s) => s.trim()).filter(Boolean);
  for (const part of parts) {
    const m = /^([A-Za-z_][\w.']*)\s*=\s*(.+?)[,;]?$/.exec(part);
    if (!m) return null;
    out.set(m[1]!, m[2]!.trim());
  }
  return out.size > 0 ? out : null;
}
