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

/**
 * Runs many commands through the built CLI in ONE process (test/helpers/batch-cli.mjs):
 * the same entry point as bin/dlnotes.js, without a process start per command.
 * Commands run in order with the same environment; each gets its own result.
 */
export function dlnotesBatch(commands: string[][], opts: RunOptions = {}): RunResult[] {
  if (commands.length === 0) return [];
  const marker = `@@dlnotes-batch-${process.pid}-${Date.now()}@@`;
  const r = spawnSync(process.execPath, [join(ROOT, 'test', 'helpers', 'batch-cli.mjs'), join(ROOT, 'dist', 'cli.js'), marker], {
    encoding: 'utf8',
    input: JSON.stringify(commands),
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '250', ...opts.env },
    timeout: 120000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`batch-cli failed (exit ${r.status}):\n${r.stderr}`);
  const split = (text: string): Map<number, string> => {
    const parts = new Map<number, string>();
    const chunks = text.split(new RegExp(`\\n${marker} (\\d+)\\n`));
    for (let i = 1; i < chunks.length; i += 2) parts.set(Number(chunks[i]), chunks[i + 1]!);
    return parts;
  };
  const outs = split(r.stdout);
  const errs = split(r.stderr);
  return commands.map((_, i) => {
    const out = outs.get(i);
    const m = out === undefined ? null : new RegExp(`\\n${marker} exit (-?\\d+)\\n$`).exec(out);
    if (out === undefined || !m) throw new Error(`batch-cli: no result for command ${i} (${commands[i]!.join(' ')}):\n${r.stderr}`);
    return { code: Number(m[1]), stdout: out.slice(0, m.index), stderr: errs.get(i) ?? '' };
  });
}

/** Splits a command line with double quotes, as a shell would for the simple commands generated problems carry. */
export function argvOf(command: string): string[] {
  const words = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  if (words[0] !== 'dlnotes') throw new Error(`not a dlnotes command: ${command}`);
  return words.slice(1);
}

/**
 * A table of commands run through the built CLI in one process the first
 * time a test asks for a result (so a filtered run that needs none spawns
 * nothing). `of(args)` finds a row's result by the identity of its args array.
 */
export function lazyBatch(commands: readonly string[][], opts: RunOptions = {}): { of(args: readonly string[]): RunResult } {
  let results: RunResult[] | undefined;
  return {
    of(args) {
      const i = commands.indexOf(args as string[]);
      if (i < 0) throw new Error(`lazyBatch: not one of the table's commands: ${args.join(' ')}`);
      results ??= dlnotesBatch(commands as string[][], opts);
      return results[i]!;
    },
  };
}

/**
 * An it.each table whose rows start with a command's arguments: `rows` for
 * it.each, `of(args)` for a row's result. The whole table runs through the
 * built CLI in one process (lazyBatch) instead of one process per row.
 */
export function lazyTable<R extends [string[], ...unknown[]]>(rows: R[], opts: RunOptions = {}): { rows: R[]; of(args: readonly string[]): RunResult } {
  const batch = lazyBatch(rows.map((r) => r[0]), opts);
  return { rows, of: (args) => batch.of(args) };
}
