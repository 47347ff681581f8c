/**
 * The one parser for every expression a student types: `backprop`,
 * `gradcheck`, `optim --f` and formula answers in the quiz. It reads the
 * syntax students write (precedence as on paper and in mathjs: -x^2 is
 * -(x^2), ^ is right-associative, implicit multiplication 2x, 2(x+1), the
 * signs a Chinese keyboard or a PDF gives: − × · ÷ π ² ³ √ （）， and Python's
 * **), and builds our own small tree (expr.ts) from an allowlist: numbers,
 * the caller's variables, + - * / ^, and the caller's functions. Nothing is
 * evaluated as code, there is no assignment, no property access, no matrix,
 * no string: a name that is not allowed is an error with its column.
 *
 * Sizes are bounded so no input exhausts memory or the stack: at most
 * MAX_LENGTH characters, MAX_DEPTH levels of nesting (parentheses, function
 * calls, signs, powers); flat sums and products of thousands of terms are
 * read in a loop and every walk over the tree is iterative (foldExpr).
 */
import { bi, msg, tr, type Bi, type Text } from '../text';
import { CONSTANTS, ExpressionError, FUNCTIONS, op, type Expr, type OpKind } from './expr';

export const SUPPORTED: Text = bi(
  'numbers, variables, + - * / ^, unary minus, and exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, max, min, pow',
  '数字、变量、+ - * / ^、一元负号，以及 exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, max, min, pow',
);

/** The longest expression read, in characters. */
export const MAX_LENGTH = 20_000;
/** How deeply parentheses, calls, signs and powers may nest. */
export const MAX_DEPTH = 200;

export interface FunctionSpec { op: OpKind; min: number; max: number }

export interface ParseOptions {
  /** The functions allowed (default: FUNCTIONS, the backprop gates). */
  functions?: Readonly<Record<string, FunctionSpec>>;
  /** The only names allowed besides e and pi (default: any name is a variable). */
  variables?: readonly string[];
  /** What `names` says in messages ("the function may use only w"): replaces the list of variables. */
  namesHint?: Text;
  /** `v(…)` with a variable v reads as v·(…), as on paper: s(1-s) (formula answers). */
  callIsProduct?: boolean;
}

const M = {
  empty: bi('the expression is empty', '表达式是空的'),
  tooLong: msg((n: number) => `the expression is ${n.toLocaleString('en-US')} characters long; at most ${MAX_LENGTH.toLocaleString('en-US')}`, (n) => `表达式有 ${n.toLocaleString('en-US')} 个字符；最多 ${MAX_LENGTH.toLocaleString('en-US')} 个`),
  tooDeep: msg((col: number) => `the expression nests more than ${MAX_DEPTH} levels deep (at column ${col}); at most ${MAX_DEPTH}`, (col) => `表达式嵌套超过 ${MAX_DEPTH} 层（第 ${col} 列）；最多 ${MAX_DEPTH} 层`),
  char: msg((c: string, col: number) => `unexpected character "${c}" at column ${col}`, (c, col) => `第 ${col} 列有无法识别的字符 "${c}"`),
  operator: msg((c: string, col: number) => `the operator "${c}" is not supported (column ${col}); the expression may use + - * / ^`, (c, col) => `不支持运算符 "${c}"（第 ${col} 列）；表达式可以用 + - * / ^`),
  value: msg((col: number) => `a number, a name or "(" expected at column ${col}`, (col) => `第 ${col} 列应为数字、名称或 "("`),
  endValue: bi('the expression ends where a number, a name or "(" is expected', '表达式在应为数字、名称或 "(" 的地方结束了'),
  close: msg((col: number) => `")" expected at column ${col}`, (col) => `第 ${col} 列应为 ")"`),
  closeEnd: msg((col: number) => `")" expected: the "(" at column ${col} is never closed`, (col) => `缺少 ")"：第 ${col} 列的 "(" 没有闭合`),
  extra: msg((c: string, col: number) => `unexpected "${c}" at column ${col}`, (c, col) => `第 ${col} 列多了 "${c}"`),
  big: msg((t: string) => `the number ${t} is too large`, (t) => `数字 ${t} 太大`),
  notFn: msg((name: string) => `${name} is a function: write ${name}(...)`, (name) => `${name} 是函数：请写成 ${name}(...)`),
  unknownFn: msg((name: string, allowed: string) => `unknown function ${name}(); allowed: ${allowed}`, (name, allowed) => `未知函数 ${name}()；可用：${allowed}`),
  unknownName: (name: string, vars: Text): Bi => ({ en: `unknown name "${name}": ${tr(vars, 'en')}`, zh: `未知名称 "${name}"：${tr(vars, 'zh')}` }),
  varsAre: msg((list: string) => `the variables are ${list} (and the constants pi, e)`, (list) => `变量是 ${list}（以及常数 pi、e）`),
  noVars: bi('there are no variables (only the constants pi, e)', '没有变量（只有常数 pi、e）'),
  arity: (name: string, want: Bi, got: number, log: boolean): Bi => ({
    en: `${name}() takes ${want.en}, got ${got}${log ? ' (log is the natural logarithm)' : ''}`,
    zh: `${name}() 需要 ${want.zh}，给了 ${got} 个${log ? '（log 是自然对数）' : ''}`,
  }),
  assign: bi('"=" is not allowed in an expression: write only the right-hand side', '表达式里不能有 "="：只写右边'),
};

type Tok =
  | { kind: 'num'; value: number; text: string; col: number }
  | { kind: 'name'; text: string; col: number }
  | { kind: 'op'; text: string; col: number }
  | { kind: 'end'; col: number };

// Signs from other keyboards and from PDFs, read as the ASCII operator.
const SIGNS: Record<string, string> = {
  '−': '-', '–': '-', '‒': '-', '×': '*', '·': '*', '⋅': '*', '∗': '*', '÷': '/', '（': '(', '）': ')', '，': ',', '＋': '+', '－': '-', '＊': '*', '／': '/', '＾': '^',
  '。': '.', '、': ',',
};

/** Full-width ASCII (Ａ, ０) as ASCII. */
function halfWidth(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : c;
}

function tokenize(src: string): Tok[] {
  // Normalise character by character so columns stay those of the text the student typed.
  const chars = [...src].map((c) => SIGNS[c] ?? halfWidth(c));
  const cols: number[] = [];
  let pos = 0;
  for (const c of [...src]) {
    cols.push(pos);
    pos += c.length;
  }
  const out: Tok[] = [];
  let i = 0;
  const col = (k: number): number => cols[k] ?? src.length;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      if (chars[j] === '.') {
        j++;
        while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      }
      // An exponent only when digits follow: 2e is 2·e, 1e-3 is 0.001.
      if ((chars[j] === 'e' || chars[j] === 'E') && /^[+-]?[0-9]/.test(chars.slice(j + 1, j + 3).join(''))) {
        j += /[+-]/.test(chars[j + 1]!) ? 2 : 1;
        while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      }
      const text = chars.slice(i, j).join('');
      if (text === '.') throw new ExpressionError(M.char('.', col(i) + 1), src, col(i));
      out.push({ kind: 'num', value: Number(text), text, col: col(i) });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < chars.length && /[A-Za-z0-9_]/.test(chars[j]!)) j++;
      out.push({ kind: 'name', text: chars.slice(i, j).join(''), col: col(i) });
      i = j;
      continue;
    }
    if (c === 'π') {
      out.push({ kind: 'name', text: 'pi', col: col(i) });
      i++;
      continue;
    }
    if (c === '²' || c === '³') {
      out.push({ kind: 'op', text: '^', col: col(i) }, { kind: 'num', value: c === '²' ? 2 : 3, text: c === '²' ? '2' : '3', col: col(i) });
      i++;
      continue;
    }
    if (c === '*' && chars[i + 1] === '*') {
      out.push({ kind: 'op', text: '^', col: col(i) });
      i += 2;
      continue;
    }
    if ('+-*/^(),√'.includes(c)) {
      out.push({ kind: 'op', text: c, col: col(i) });
      i++;
      continue;
    }
    if (c === '=') throw new ExpressionError(M.assign, src);
    if ('%!&|<>[]{}:;?~@#'.includes(c)) throw new ExpressionError(M.operator(c, col(i) + 1), src, col(i));
    throw new ExpressionError(M.char(c, col(i) + 1), src, col(i));
  }
  out.push({ kind: 'end', col: src.length });
  return out;
}

function describeArity(spec: FunctionSpec): Bi {
  if (spec.max === Infinity) return bi(`at least ${spec.min} arguments`, `至少 ${spec.min} 个参数`);
  if (spec.min === spec.max) return spec.min === 1 ? bi('one argument', '1 个参数') : bi(`${spec.min} arguments`, `${spec.min} 个参数`);
  return bi(`${spec.min} to ${spec.max} arguments`, `${spec.min} 到 ${spec.max} 个参数`);
}

class Parser {
  private i = 0;
  private depth = 0;
  private readonly functions: Readonly<Record<string, FunctionSpec>>;
  private readonly variables: ReadonlySet<string> | undefined;

  constructor(private readonly src: string, private readonly toks: Tok[], private readonly o: ParseOptions) {
    this.functions = o.functions ?? FUNCTIONS;
    this.variables = o.variables ? new Set(o.variables) : undefined;
  }

  private get tok(): Tok {
    return this.toks[this.i]!;
  }

  private fail(message: Text, col?: number): never {
    throw new ExpressionError(message, this.src, col);
  }

  private isOp(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }

  private deeper<T>(col: number, fn: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(M.tooDeep(col + 1), col);
    const out = fn();
    this.depth--;
    return out;
  }

  parse(): Expr {
    const e = this.sum();
    const t = this.tok;
    if (t.kind !== 'end') this.fail(M.extra(t.text, t.col + 1), t.col);
    return e;
  }

  /** term (+|-) term ...: a loop, so thousands of terms need no stack. */
  private sum(): Expr {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const kind = this.tok.kind === 'op' && this.tok.text === '+' ? 'add' : 'sub';
      this.i++;
      left = op(kind, left, this.product());
    }
    return left;
  }

  /** factor (*|/|implicit) factor ...: 2x, 2(x+1), x y. */
  private product(): Expr {
    let left = this.unary();
    for (;;) {
      if (this.isOp('*') || this.isOp('/')) {
        const kind = this.isOp('*') ? 'mul' : 'div';
        this.i++;
        left = op(kind, left, this.unary());
      } else if (this.tok.kind === 'name' || this.isOp('(') || this.isOp('√')) {
        left = op('mul', left, this.power());
      } else {
        return left;
      }
    }
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.tok;
      this.i++;
      const operand = this.deeper(t.col, () => this.unary());
      return t.kind === 'op' && t.text === '-' ? op('neg', operand) : operand;
    }
    return this.power();
  }

  /** base ^ exponent, right-associative; the exponent may carry a sign (2^-1). */
  private power(): Expr {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const col = this.tok.col;
    this.i++;
    return op('pow', base, this.deeper(col, () => this.unary()));
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'end') this.fail(M.endValue, this.src.length > 0 ? this.src.length - 1 : undefined);
    if (t.kind === 'num') {
      this.i++;
      if (!Number.isFinite(t.value)) this.fail(M.big(t.text), t.col);
      return { kind: 'num', value: t.value };
    }
    if (t.kind === 'name') {
      this.i++;
      if (this.isOp('(')) return this.call(t.text, t.col);
      return this.name(t.text, t.col);
    }
    if (t.text === '√') {
      // √x, √2, √(x+1): the root of what follows, binding as tightly as a call (√x^2 is (√x)^2).
      this.i++;
      return op('sqrt', this.deeper(t.col, () => this.primary()));
    }
    if (t.text === '(') {
      this.i++;
      const inner = this.deeper(t.col, () => this.sum());
      if (!this.isOp(')')) this.fail(this.tok.kind === 'end' ? M.closeEnd(t.col + 1) : M.close(this.tok.col + 1), this.tok.kind === 'end' ? t.col : this.tok.col);
      this.i++;
      return inner;
    }
    return this.fail(M.value(t.col + 1), t.col);
  }

  private name(name: string, col: number): Expr {
    if (this.functions[name] && !(name in CONSTANTS)) this.fail(M.notFn(name), col);
    if (this.variables && !this.variables.has(name) && !(name in CONSTANTS)) this.fail(M.unknownName(name, this.namesHint()), col);
    return { kind: 'var', name };
  }

  private namesHint(): Text {
    if (this.o.namesHint) return this.o.namesHint;
    const list = [...(this.variables ?? [])];
    return list.length ? M.varsAre(list.join(', ')) : M.noVars;
  }

  private call(name: string, col: number): Expr {
    const open = this.tok.col;
    const spec = this.functions[name];
    const isVar = this.variables?.has(name) ?? false;
    if (!spec && !(this.o.callIsProduct && isVar)) this.fail(M.unknownFn(name, Object.keys(this.functions).join(', ')), col);
    this.i++;
    const args: Expr[] = [];
    this.deeper(open, () => {
      if (this.isOp(')')) return;
      for (;;) {
        args.push(this.sum());
        if (!this.isOp(',')) break;
        this.i++;
      }
    });
    if (!this.isOp(')')) this.fail(this.tok.kind === 'end' ? M.closeEnd(open + 1) : M.close(this.tok.col + 1), this.tok.kind === 'end' ? open : this.tok.col);
    this.i++;
    if (!spec) {
      // s(1-s) with a variable s: a product, as written on paper.
      if (args.length !== 1) this.fail(M.unknownFn(name, Object.keys(this.functions).join(', ')), col);
      return op('mul', { kind: 'var', name }, args[0]!);
    }
    if (args.length < spec.min || args.length > spec.max) this.fail(M.arity(name, describeArity(spec), args.length, (name === 'log' || name === 'ln') && spec.max === 1), col);
    // log(x, b) is the logarithm to base b: ln x / ln b.
    if (spec.op === 'log' && args.length === 2) return op('div', op('log', args[0]!), op('log', args[1]!));
    return op(spec.op, ...args);
  }
}

/**
 * Parses `source` into an Expr. Throws ExpressionError naming the problem
 * and its column: a syntax error, an unknown name or function, a wrong
 * number of arguments, an operator that is not allowed, or a size limit.
 */
export function parseWith(source: string, opts: ParseOptions = {}): Expr {
  if (source.trim() === '') throw new ExpressionError(M.empty, source);
  if (source.length > MAX_LENGTH) throw new ExpressionError(M.tooLong(source.length), source);
  return new Parser(source, tokenize(source), opts).parse();
}

/** The backprop and gradcheck expression: any variable names, the gate functions. */
export function parseExpression(source: string): Expr {
  return parseWith(source);
}
