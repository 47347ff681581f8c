/**
 * Colour, decided once by the entry point: off when NO_COLOR is set, with
 * --no-color, or when stdout is not a terminal. Renderers call these
 * functions and never look at the environment themselves. chalk is loaded
 * only when colour is on, so piped and scripted runs start faster.
 */
import type { ChalkInstance } from 'chalk';

// Kept on the global object rather than in this module: the CLI is several
// bundles (scripts/build.mjs), each with its own copy of this module, and the
// entry point's decision must reach them all.
const KEY = Symbol.for('dlnotes.chalk');
const shared = globalThis as { [KEY]?: ChalkInstance };

export async function setColor(enabled: boolean): Promise<void> {
  if (!enabled) {
    shared[KEY] = undefined;
    return;
  }
  const { Chalk } = await import('chalk');
  shared[KEY] = new Chalk({ level: 1 });
}

export function colorWanted(env: NodeJS.ProcessEnv, argv: string[], isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (argv.includes('--no-color')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

type Paint = (s: string) => string;
const paint = (pick: (c: ChalkInstance) => Paint): Paint => (s) => {
  const chalk = shared[KEY];
  return chalk ? pick(chalk)(s) : s;
};

export const style = {
  bold: paint((c) => c.bold),
  dim: paint((c) => c.dim),
  good: paint((c) => c.green),
  bad: paint((c) => c.red),
  warn: paint((c) => c.yellow),
  formula: paint((c) => c.cyan),
  heading: paint((c) => c.bold.underline),
  accent: paint((c) => c.magenta),
};

export const TICK = '✓';
export const CROSS = '✗';
