/**
 * Wrapping prose to the terminal's width (render/width.ts). Lines break at
 * spaces, and between CJK characters (which count two columns and have no
 * spaces between words), never inside a Latin word or number unless the word
 * alone is wider than the line. Chinese punctuation stays with the text
 * before it (no line starts with ，。）). A continuation line keeps the
 * line's indentation, and lines up after a bullet ("• ", "! ", "→ ", "1. ").
 * Colour codes count zero columns.
 *
 * wrap-ansi was tried first; it breaks only at spaces, so a Chinese sentence
 * either overflows or moves to the next line whole.
 */
import { displayWidth } from './table';

/** Closing punctuation that must not start a line. */
const NO_START = new Set([...'，。、；：！？）」』】》〉…—,.;:!?)]}%']);
/** Opening punctuation that must not end a line. */
const NO_END = new Set([...'（「『【《〈([{']);

// eslint-disable-next-line no-control-regex
const ANSI = /^\u001b\[[0-9;]*m/;

function isWide(ch: string): boolean {
  return displayWidth(ch) === 2;
}

/** Splits a line into units a break may fall between: words, single CJK characters, space runs. */
function units(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let i = 0;
  const flush = (): void => {
    if (word) out.push(word);
    word = '';
  };
  while (i < text.length) {
    const esc = ANSI.exec(text.slice(i));
    if (esc) {
      word += esc[0];
      i += esc[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    i += ch.length;
    if (ch === ' ') {
      flush();
      if (out.length > 0 && /^ +$/.test(out[out.length - 1]!)) out[out.length - 1] += ch;
      else out.push(ch);
    } else if (isWide(ch) && !NO_START.has(ch)) {
      flush();
      word = ch;
      if (NO_END.has(ch)) continue;
      flush();
    } else if (NO_START.has(ch) && word === '' && out.length > 0 && !/^ +$/.test(out[out.length - 1]!)) {
      // Closing punctuation joins the unit before it.
      out[out.length - 1] += ch;
    } else {
      if (word !== '' && isWide(word[word.length - 1]!) && !NO_END.has(word[word.length - 1]!)) flush();
      word += ch;
    }
  }
  flush();
  return out;
}

/** Where continuation lines start: the indentation, plus a bullet's width. */
function hangingIndent(line: string): number {
  const m = /^( *)((?:[•\-!→✓✗·*]|\d+[.)]|\(\d+\)) +)?/.exec(line)!;
  const indent = m[1]!.length;
  return m[2] ? indent + displayWidth(m[2]) : indent + 2;
}

/** Box-drawing characters and the arrowheads drawings use (▲▶▼◀). */
const DRAWING = /[\u2500-\u257f\u25b2\u25b6\u25bc\u25c0]/;

/** One line wrapped to `width` columns (a list of one when it fits). */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width / 2 || displayWidth(line) <= width) return [line];
  const hang = Math.min(hangingIndent(line), Math.floor(width / 2));
  const pad = ' '.repeat(hang);
  const lead = /^ */.exec(line)![0];
  const out: string[] = [];
  let cur = lead;
  let curW = lead.length;
  const push = (): void => {
    out.push(cur.trimEnd());
    cur = pad;
    curW = hang;
  };
  for (const u of units(line.slice(lead.length))) {
    const w = displayWidth(u);
    if (/^ +$/.test(u)) {
      if (out.length > 0 && curW === hang) continue;
      if (curW + w <= width) {
        cur += u;
        curW += w;
      }
      continue;
    }
    if (curW + w > width && curW > hang) push();
    if (hang + w > width) {
      // A unit wider than a whole line (a long formula or path): cut it by columns.
      for (const ch of u) {
        const cw = displayWidth(ch);
        if (curW + cw > width && curW > hang) push();
        cur += ch;
        curW += cw;
      }
      continue;
    }
    cur += u;
    curW += w;
  }
  if (cur.trim() !== '') out.push(cur.trimEnd());
  return out;
}

/**
 * A question's text wrapped like wrapText, except the lines of a drawing (a
 * diagram question's boxes and arrows), left whole: wrapping would tear the
 * drawing apart, and one wider than the terminal is still readable in a
 * wider one or through `less -S`.
 */
export function wrapProse(text: string, width: number): string {
  return text.split('\n').flatMap((l) => (DRAWING.test(l) ? [l] : wrapLine(l, width))).join('\n');
}

/** Every line of `text` wrapped to `width` columns. */
export function wrapText(text: string, width: number): string {
  if (!text.includes('\n')) return wrapLine(text, width).join('\n');
  return text.split('\n').flatMap((l) => wrapLine(l, width)).join('\n');
}
