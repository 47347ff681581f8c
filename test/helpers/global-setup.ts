/**
 * Vitest global setup: the end-to-end tests spawn the built dist/, so a run
 * after editing src/ would silently test stale code. When any source the
 * build reads is newer than the build (or dist/ is missing), build first.
 * `npm test` builds before vitest, so there this only checks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli';

/** The newest modification time under `path` (a file or a directory tree). */
export function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** What the build reads: the sources, the build script and the dependency set. */
export const BUILD_INPUTS = ['src', 'scripts/build.mjs', 'package.json', 'package-lock.json'].map((p) => join(ROOT, p));
/** What the build writes last-read by the tests: the entry point is rewritten on every build. */
export const BUILD_STAMP = join(ROOT, 'dist', 'cli.js');

/** Why dist/ must be rebuilt, or undefined when it is fresh. */
export function staleReason(): string | undefined {
  if (!existsSync(BUILD_STAMP)) return 'dist/cli.js is missing';
  const built = statSync(BUILD_STAMP).mtimeMs;
  const newer = BUILD_INPUTS.filter((p) => existsSync(p) && newestMtime(p) > built);
  return newer.length > 0 ? `${newer.map((p) => p.slice(ROOT.length + 1)).join(', ')} changed after the last build` : undefined;
}

export default function setup(): void {
  const reason = staleReason();
  if (reason === undefined) return;
  process.stderr.write(`global setup: ${reason}; building dist/ (node scripts/build.mjs)\n`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const still = staleReason();
  if (still !== undefined) throw new Error(`dist/ is still stale after building: ${still}`);
}
