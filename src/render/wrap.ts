/**
 * Wrapping a line of prose to the output width: breaks at spaces, and
 * between CJK characters (Chinese has no spaces), never before closing
 * punctuation (，。；：）). Widths are display widths (CJK counts two).
 */
import { displayWidth } from './table';

const CJK = /[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]/;
/** Characters a line may not start with. */
const NO_START = /[，。；：、）》」』！？,.;:!?)\]]/;

/** Where a line may break before position i of `chars`. */
function canBreakBefore(chars: string[], i: number): boolean {
  const prev = chars[i - 1]!;
  const cur = chars[i]!;
  if (NO_START.test(cur)) return false;
  return prev === ' ' || (CJK.test(prev) && cur !== ' ') || (CJK.test(cur) && prev !== ' ');
}

/**
 * `text` as lines of at most `width` columns; lines after the first start
 * with `indent` (a hanging indent). A word longer than a line stays whole.
 */
export function wrapText(text: string, width: number, indent = ''): string {
  if (displayWidth(text) <= width) return text;
  const lines: string[] = [];
  let chars = [...text];
  let prefix = '';
  while (chars.length > 0) {
    const room = width - displayWidth(prefix);
    let used = 0;
    let end = 0;
    let lastBreak = -1;
    while (end < chars.length) {
      const w = displayWidth(chars[end]!);
      if (end > 0 && canBreakBefore(chars, end)) lastBreak = end;
      if (used + w > room) break;
      used += w;
      end += 1;
    }
    if (end === chars.length) {
      lines.push(prefix + chars.join(''));
      break;
    }
    const cut = lastBreak > 0 ? lastBreak : end;
    lines.push(prefix + chars.slice(0, cut).join('').trimEnd());
    chars = chars.slice(cut);
    while (chars[0] === ' ') chars.shift();
    prefix = indent;
  }
  return lines.join('\n');
}
