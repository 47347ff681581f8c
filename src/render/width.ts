/**
 * The width output must fit, decided once by the entry point: the terminal's
 * width when stdout is one, else COLUMNS, else 80. Renderers call
 * `termWidth()` and never look at the environment themselves.
 */
const KEY = Symbol.for('dlnotes.width');
const shared = globalThis as { [KEY]?: number };

export const DEFAULT_WIDTH = 80;

export function setWidth(columns: number): void {
  shared[KEY] = columns;
}

/** Columns available for output (at least 20). */
export function termWidth(): number {
  return Math.max(20, shared[KEY] ?? DEFAULT_WIDTH);
}

/** The width from the terminal (when known), else COLUMNS, else 80. */
export function widthWanted(terminalColumns: number | undefined, env: Record<string, string | undefined>): number {
  if (terminalColumns !== undefined && terminalColumns > 0) return terminalColumns;
  const cols = Number(env.COLUMNS);
  if (Number.isInteger(cols) && cols > 0) return cols;
  return DEFAULT_WIDTH;
}

/** Display columns of one character: CJK and full-width forms take two. */
function charWidth(cp: number): number {
  return cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)) ? 2 : 1;
}

/**
 * Breaks prose into lines of at most `width` columns: at spaces between
 * words, and between any two CJK characters (Chinese has no spaces), never
 * before full-width closing punctuation. A word longer than the width stays whole.
 */
export function wrapProse(text: string, width: number): string[] {
  // Tokens: a run of spaces, one wide character (with any closing punctuation after it), or a run of narrow non-space characters.
  const tokens = text.match(/ +|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6][，。：；）、！？”’」』]*|[^ \u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const tok of tokens) {
    let w = 0;
    for (const ch of tok) w += charWidth(ch.codePointAt(0)!);
    if (tok.startsWith(' ')) {
      if (used > 0) {
        line += tok;
        used += w;
      }
      continue;
    }
    if (used > 0 && used + w > width) {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    }
    line += tok;
    used += w;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
