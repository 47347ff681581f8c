/**
 * Wraps prose to the output width: at spaces between words, and between CJK
 * characters (which count two columns), never inside a word, and never with
 * a line starting on closing punctuation (，。；：）」 stay with the character
 * before them). Continuation lines keep the first line's indentation.
 */
import { displayWidth } from './table';

const CJK = '\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
/** Closing punctuation that must not start a line (kinsoku). */
const CLOSING = '”’，。、；：？！）》」』】〕…,.;:?!)\\]';
// A CJK character with any closing punctuation after it; a run of other non-space characters; spaces.
// eslint-disable-next-line no-control-regex
const TOKEN = new RegExp(`([${CJK}][${CLOSING}]*)|(\\s+)|((?:\\u001b\\[[0-9;]*m|[^\\s${CJK}])+[${CLOSING}]*)`, 'gu');

/** One line (no newlines) wrapped to `width` columns. */
function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const body = line.slice(indent.length);
  const room = Math.max(10, width - indent.length);
  const out: string[] = [];
  let cur = '';
  let curW = 0;
  const flush = (): void => {
    out.push(indent + cur.trimEnd());
    cur = '';
    curW = 0;
  };
  for (const m of body.matchAll(TOKEN)) {
    const tok = m[0];
    if (m[2] !== undefined) {
      // Spaces: kept inside a line, dropped at a break.
      if (curW > 0) {
        cur += tok;
        curW += tok.length;
      }
      continue;
    }
    const w = displayWidth(tok);
    if (curW > 0 && curW + w > room) flush();
    if (curW === 0 && w > room) {
      // A word wider than the line (a long formula or path) is cut, not left to overflow.
      let piece = '';
      for (const ch of tok) {
        if (displayWidth(piece + ch) > room) {
          out.push(indent + piece);
          piece = '';
        }
        piece += ch;
      }
      cur = piece;
      curW = displayWidth(piece);
      continue;
    }
    cur += tok;
    curW += w;
  }
  if (cur.trim() !== '' || out.length === 0) flush();
  return out;
}

/** Wraps every line of `text` to `width` display columns. */
export function wrapText(text: string, width: number): string {
  return text.split('\n').flatMap((l) => wrapLine(l, width)).join('\n');
}
