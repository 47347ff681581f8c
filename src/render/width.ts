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
