/** Spawns the built binary (bin/dlnotes.js) for end-to-end tests. Run `npm run build` first (npm test does). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'dlnotes.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export function dlnotes(args: string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    cwd: opts.cwd ?? ROOT,
    // Wide enough that content assertions see whole lines; layout at 80 columns is tested with COLUMNS set.
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '250', ...opts.env },
    timeout: 30000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs with --json and parses stdout. */
export function dlnotesJson<T = Record<string, unknown>>(args: string[], opts: RunOptions = {}): { code: number; data: T; stderr: string } {
  const r = dlnotes([...args, '--json'], opts);
  let data: T;
  try {
    data = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, data, stderr: r.stderr };
}
