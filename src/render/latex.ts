/**
 * LaTeX as readable Unicode for the terminal: σ(x) = 1/(1 + e⁻ˣ),
 * ∑ᵢ₌₁ᴺ, m̂, √(v̂) + ϵ, ∂L/∂𝐱. The formula is parsed by KaTeX's parser (a real
 * TeX parser with its macro expander, not regular expressions) and the parse
 * tree is written out linearly: fractions as a/b with parentheses where
 * needed, sub/superscripts in Unicode where every character has one
 * (`_{..}` / `^(..)` otherwise), accents as combining marks, aligned
 * environments one row per line, cases and matrices inline.
 */
import { createRequire } from 'node:module';
import { ACCENTS, BIG_OPS, fontChars, SUBSCRIPT, SUPERSCRIPT, SYMBOLS } from './latex-symbols';

/** Bump when the Unicode this module writes changes: the bank cache stores renderings. */
export const LATEX_RENDER_VERSION = 4;

/** A KaTeX parse node; only the fields read here are typed. */
interface PNode {
  type: string;
  mode?: string;
  text?: string;
  family?: string;
  body?: PNode | PNode[] | PNode[][];
  [key: string]: unknown;
}

/** Spacing classes, as TeX's atom types; bigop is ∑/∏ (always spaced), frac a linear fraction. */
type Klass = 'ord' | 'bin' | 'rel' | 'open' | 'close' | 'punct' | 'op' | 'bigop' | 'frac' | 'space';

interface Piece {
  text: string;
  klass: Klass;
  /** Ends in an ASCII script (x_{n,d}, ∇_w): the next symbol needs a space to stay apart. */
  loose?: boolean;
}

interface Ctx {
  /** Inside a sub/superscript: no spaces around operators. */
  script: boolean;
}

type ParseTree = (tex: string, opts: object) => PNode[];
let parseTree: ParseTree | undefined;

/**
 * KaTeX is required on first use, not imported: it is 360 kB of code, and a
 * quiz whose bank comes from the cache has its formulas rendered already
 * (rememberRendered), so it never loads it.
 */
function katexParse(): ParseTree {
  // bin/dlnotes.js hands KaTeX over from its code cache (compiling KaTeX costs
  // about a third of a bare Node start); elsewhere (tests) Node's require.
  const fromCache = (globalThis as Record<symbol, unknown>)[Symbol.for('dlnotes.require')] as ((id: string) => unknown) | undefined;
  parseTree ??= ((fromCache ?? createRequire(import.meta.url))('katex') as { __parse: ParseTree }).__parse;
  return parseTree;
}

/** Text already rendered (raw text with $...$ -> Unicode), e.g. from the bank cache. */
const rendered = new Map<string, string>();

/** Adds renderings computed earlier, so renderMathText needs no parser for them. */
export function rememberRendered(entries: Record<string, string>): void {
  for (const [raw, out] of Object.entries(entries)) rendered.set(raw, out);
}

/** A LaTeX error with the message KaTeX gives (position included). */
export class LatexError extends Error {
  constructor(readonly tex: string, message: string) {
    super(message);
    this.name = 'LatexError';
  }
}

/** Parses a formula (without $ delimiters); throws LatexError when it is not valid LaTeX. */
export function parseLatex(tex: string): PNode[] {
  try {
    return katexParse()(tex, { throwOnError: true, strict: 'ignore', trust: false, displayMode: false });
  } catch (e) {
    const msg = (e as Error).message.replace(/^KaTeX parse error: /, '');
    throw new LatexError(tex, msg);
  }
}

/** One formula as Unicode text. Throws LatexError on invalid LaTeX. */
export function latexToUnicode(tex: string): string {
  const out = joinPieces(renderList(parseLatex(tex), { script: false }), false);
  return out.split('\n').map((l) => l.replace(/\s+$/, '').replace(/^ +/, '')).join('\n');
}

/** Splits text into plain and `$...$` (or `$$...$$`) math segments; `\$` is a literal dollar. */
export function splitMath(text: string): { segments: Array<{ math: boolean; text: string; offset: number }>; unclosed?: number } {
  const segments: Array<{ math: boolean; text: string; offset: number }> = [];
  let buf = '';
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      buf += ch;
      i++;
      continue;
    }
    const delim = text[i + 1] === '$' ? '$$' : '$';
    const from = i + delim.length;
    let j = from;
    while (j < text.length && !(text.startsWith(delim, j) && text[j - 1] !== '\\')) j++;
    if (j >= text.length) return { segments: [...segments, { math: false, text: buf + text.slice(i), offset: start }], unclosed: i };
    if (buf) segments.push({ math: false, text: buf, offset: start });
    segments.push({ math: true, text: text.slice(from, j), offset: from });
    buf = '';
    i = j + delim.length;
    start = i;
  }
  if (buf) segments.push({ math: false, text: buf, offset: start });
  return { segments };
}

/**
 * Text with `$...$` formulas, as the terminal shows it. A formula that does
 * not parse is shown as written (lint reports it).
 */
export function renderMathText(text: string): string {
  if (!text.includes('$')) return text;
  const known = rendered.get(text);
  if (known !== undefined) return known;
  const { segments } = splitMath(text);
  const out = segments.map((s) => {
    if (!s.math) return s.text;
    try {
      return latexToUnicode(s.text);
    } catch {
      return s.text;
    }
  }).join('');
  rendered.set(text, out);
  return out;
}

// ---- rendering -------------------------------------------------------------

function nodes(v: unknown): PNode[] {
  if (Array.isArray(v)) return v as PNode[];
  return v ? [v as PNode] : [];
}

function render(v: unknown, ctx: Ctx): string {
  return joinPieces(renderList(nodes(v), ctx), ctx.script);
}

function renderList(list: PNode[], ctx: Ctx): Piece[] {
  return list.flatMap((n) => renderNode(n, ctx));
}

/** Placeholder for the wide spaces of \\quad, which survive space collapsing. */
const QUAD = '\u0001';

const OPEN_DELIMS = new Set(['(', '[', '{', '⟨', '⌊', '⌈', '|', '‖']);

function joinPieces(pieces: Piece[], script: boolean): string {
  let out = '';
  let prev: Piece | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const pk = prev?.klass;
    let klass = p.klass;
    // A sign (−x, −log) rather than a binary operator: no spaces, and nothing spaced after it.
    const unary = klass === 'bin' && (pk === undefined || pk === 'bin' || pk === 'rel' || pk === 'open' || pk === 'punct' || pk === 'op' || pk === 'bigop' || pieces[i + 1] === undefined);
    if (unary) klass = 'open';
    let text = p.text;
    // log a/b reads as (log a)/b: a named operator takes a fraction in parentheses.
    if (pk === 'op' && klass === 'frac') {
      text = `(${text})`;
      klass = 'ord';
      out += text;
      prev = { ...p, klass };
      continue;
    }
    if (!script) {
      if (klass === 'bin' && text !== '·') text = ` ${text} `;
      else if (klass === 'rel') text = ` ${text} `;
      else if (klass === 'punct') text = `${text} `;
      const thing = klass === 'ord' || klass === 'op' || klass === 'bigop' || klass === 'frac';
      const spaced = (pk === 'op' && thing && !OPEN_DELIMS.has(text[0] ?? ''))
        || ((pk === 'bigop' || pk === 'frac') && (thing || klass === 'open'))
        || ((pk === 'ord' || pk === 'close') && (klass === 'frac' || klass === 'op' || klass === 'bigop'))
        || (prev?.loose === true && thing && /^[\p{L}\p{N}∂∇]/u.test(text));
      if (spaced || (unary && (pk === 'op' || pk === 'bigop'))) text = ` ${text}`;
    }
    out += text;
    if (klass !== 'space') prev = { ...p, klass };
  }
  // Spaces from operators collapse; the wide spaces of \quad (QUAD) are kept.
  return out.replace(/ {2,}/g, ' ').replace(/ ?\u0001 ?/g, ' ');
}

function sym(n: PNode): string {
  const t = n.text ?? '';
  if (n.mode === 'text') return t.startsWith('\\') ? (SYMBOLS[t] ?? t.slice(1)) : t;
  return SYMBOLS[t] ?? BIG_OPS[t] ?? (t.startsWith('\\') ? t.slice(1) : t);
}

function familyClass(f: string | undefined): Klass {
  return f === 'bin' || f === 'rel' || f === 'open' || f === 'close' || f === 'punct' ? f : 'ord';
}

/** Whether s can stand as a numerator/denominator without parentheses: x, 2x, e⁻ˣ, f(x + 1), √(a + b), (a + b). */
const SCRIPT_CHARS = new Set([...Object.values(SUPERSCRIPT), ...Object.values(SUBSCRIPT)]);

function isAtomic(s: string): boolean {
  let bare = s.replace(/_\{[^{}]*\}|\^\([^()]*\)/g, '');
  // (1 + e⁻ˣ)² is as atomic as (1 + e⁻ˣ): drop trailing script characters.
  while (bare.length > 0 && SCRIPT_CHARS.has(bare.at(-1)!)) bare = bare.slice(0, -1);
  const call = /^([^()]*)\((.*)\)$/.exec(bare);
  const head = call && balanced(call[2]!) ? call[1]! : bare;
  return !/[\s+\-−=<>/·×±,:;≤≥≠≈()]/.test(head);
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

const wrap = (s: string): string => (isAtomic(s) ? s : `(${s})`);

function scriptText(content: string, map: Record<string, string>, mark: '_' | '^'): string {
  const chars = [...content];
  if (chars.length > 0 && chars.every((c) => map[c] !== undefined)) return chars.map((c) => map[c]).join('');
  if (chars.length === 1) return `${mark}${content}`;
  return mark === '_' ? `_{${content}}` : `^(${content})`;
}

function delim(d: unknown): string {
  const s = String(d ?? '');
  if (s === '.') return '';
  return SYMBOLS[s] ?? (s.startsWith('\\') ? s.slice(1) : s);
}

function renderNode(n: PNode, ctx: Ctx): Piece[] {
  const ord = (text: string): Piece[] => [{ text, klass: 'ord' }];
  switch (n.type) {
    case 'mathord':
    case 'textord':
      return ord(sym(n));
    case 'atom':
      return [{ text: sym(n), klass: familyClass(n.family) }];
    case 'spacing': {
      const t = n.text ?? '';
      if (t === '\\quad') return [{ text: QUAD.repeat(2), klass: 'space' }];
      if (t === '\\qquad') return [{ text: QUAD.repeat(4), klass: 'space' }];
      if (t === '\\!' || t === '\\negthinspace') return [];
      return [{ text: ' ', klass: 'space' }];
    }
    case 'kern': {
      const dim = n.dimension as { number: number; unit: string } | undefined;
      const em = dim ? (dim.unit === 'mu' ? dim.number / 18 : dim.unit === 'em' ? dim.number : 0.3) : 0.3;
      if (em <= 0.05) return [];
      return [{ text: em >= 1.5 ? QUAD.repeat(4) : em >= 0.9 ? QUAD.repeat(2) : ' ', klass: 'space' }];
    }
    case 'ordgroup':
      return ord(render(n.body, ctx));
    case 'supsub':
      return renderSupSub(n, ctx);
    case 'genfrac':
      return renderFrac(n, ctx);
    case 'op': {
      const big = n.symbol ? BIG_OPS[String(n.name)] : undefined;
      if (big !== undefined) return [{ text: big, klass: 'bigop' }];
      return [{ text: n.name ? sym({ type: 'op', text: String(n.name) }) : render(n.body, ctx), klass: 'op' }];
    }
    case 'operatorname':
      return [{ text: render(n.body, { script: true }), klass: 'op' }];
    case 'accent':
    case 'accentUnder':
      return ord(accent(render(n.base, { script: true }), String(n.label)));
    case 'overline':
      return ord(combine(render(n.body, { script: true }), '\u0305'));
    case 'underline':
      return ord(combine(render(n.body, { script: true }), '\u0332'));
    case 'sqrt': {
      const body = wrap(render(n.body, ctx));
      const index = n.index ? render(n.index, { script: true }) : '';
      const root = index === '3' ? '∛' : index === '4' ? '∜' : index ? `${scriptText(index, SUPERSCRIPT, '^')}√` : '√';
      return ord(root + body);
    }
    case 'font':
      return ord(fontChars(render(n.body, ctx), String(n.font)));
    case 'text': {
      const body = nodes(n.body).map((c) => (c.type === 'spacing' ? ' ' : render(c, ctx))).join('');
      return ord(n.font === '\\textbf' ? fontChars(body, 'textbf') : body);
    }
    case 'leftright':
      return renderLeftRight(n, ctx);
    case 'array':
      return ord(renderArray(n, ctx, false));
    case 'htmlmathml':
      return renderList(nodes(n.mathml), ctx);
    case 'mclass': {
      const k = String(n.mclass).replace(/^m/, '');
      return [{ text: render(n.body, ctx), klass: familyClass(k) }];
    }
    case 'delimsizing':
      return [{ text: delim(n.delim), klass: n.mclass === 'mopen' ? 'open' : n.mclass === 'mclose' ? 'close' : n.mclass === 'mrel' ? 'rel' : 'ord' }];
    case 'middle':
      return ord(delim(n.delim));
    case 'horizBrace':
      return ord(render(n.base, ctx));
    case 'xArrow':
      return [{ text: String(n.label).includes('left') ? '←' : '→', klass: 'rel' }];
    case 'cr':
      return [{ text: '\n', klass: 'space' }];
    case 'raw':
      return ord(String(n.string ?? ''));
    case 'verb':
      return ord(String(n.body ?? ''));
    case 'mathchoice':
      return renderList(nodes(n.text), ctx);
    case 'phantom':
    case 'vphantom':
    case 'environment':
    case 'internal':
    case 'rule':
    case 'size':
    case 'includegraphics':
    case 'color-token':
      return [];
    case 'lap':
    case 'smash':
    case 'vcenter':
    case 'raisebox':
    case 'enclose':
    case 'reflectbox':
      return renderList(nodes(n.body), ctx);
    default:
      // styling, sizing, color, hbox, pmb, href, html, tag: the body is what matters
      return renderList(nodes(n.body), ctx);
  }
}

function renderSupSub(n: PNode, ctx: Ctx): Piece[] {
  const base = n.base ? renderList([n.base as PNode], ctx) : [];
  const baseText = joinPieces(base, ctx.script);
  const only = base.length === 1 ? base[0]!.klass : undefined;
  const klass: Klass = only === 'op' || only === 'bigop' ? only : 'ord';
  const sub = n.sub ? scriptText(render(n.sub, { script: true }), SUBSCRIPT, '_') : '';
  const sup = n.sup ? scriptText(render(n.sup, { script: true }), SUPERSCRIPT, '^') : '';
  const text = `${only === 'frac' ? `(${baseText})` : baseText}${sub}${sup}`;
  const last = sup || sub;
  return [{ text, klass, loose: last.startsWith('_') || last.startsWith('^') }];
}

function renderFrac(n: PNode, ctx: Ctx): Piece[] {
  const num = render(n.numer, { script: true });
  const den = render(n.denom, { script: true });
  if (!n.hasBarLine) return [{ text: `C(${num}, ${den})`, klass: 'ord' }];
  const a = render(n.numer, ctx);
  const b = render(n.denom, ctx);
  return [{ text: `${wrap(a)}/${wrap(b)}`, klass: ctx.script ? 'ord' : 'frac' }];
}

function renderLeftRight(n: PNode, ctx: Ctx): Piece[] {
  const body = nodes(n.body);
  const left = delim(n.left);
  const right = delim(n.right);
  if (body.length === 1 && body[0]!.type === 'array') {
    const inner = renderArray(body[0]!, ctx, true);
    if (left === '{' && right === '') return [{ text: `{ ${inner} }`, klass: 'ord' }];
    return [{ text: `${left}${inner}${right}`, klass: 'ord' }];
  }
  return [{ text: `${left}${render(body, ctx)}${right}`, klass: 'ord' }];
}

/** aligned/align/gather: one row per line; cases and matrices: rows "; ", cells ", ". */
function renderArray(n: PNode, ctx: Ctx, inline: boolean): string {
  const rows = (n.body as PNode[][]).map((row) => row.map((cell) => render(cell, ctx).trim()));
  const nonEmpty = rows.filter((r) => r.some((c) => c !== ''));
  const sep = String(n.colSeparationType ?? '');
  if (!inline && ['align', 'alignat', 'gather'].includes(sep)) {
    return nonEmpty.map((r) => r.filter((c) => c !== '').join(' ')).join('\n');
  }
  return nonEmpty.map((r) => r.join(', ')).join('; ');
}

function combine(s: string, mark: string): string {
  return [...s].map((ch) => ch + mark).join('');
}

function accent(base: string, label: string): string {
  const mark = ACCENTS[label];
  if (!mark) return base;
  const chars = [...base];
  if (chars.length === 1) return base + mark;
  if (label === '\\bar' || label === '\\overline') return combine(base, '\u0305');
  return `${wrap(base)}${mark}`;
}
