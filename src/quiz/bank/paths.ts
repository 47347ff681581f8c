/**
 * Where banks live: the shipped `questions/` directory next to the built
 * bundle (dist/ and questions/ sit side by side in the package), and the
 * cache directory for parsed banks.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

let shipped: string | undefined;

/** The shipped questions/ directory: the first ancestor of this module holding questions/sections.yaml. */
export function shippedBankDir(): string {
  if (shipped !== undefined) return shipped;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'questions');
    if (existsSync(join(candidate, 'sections.yaml'))) return (shipped = candidate);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (shipped = join(dirname(fileURLToPath(import.meta.url)), '..', 'questions'));
}

/** The cache directory: $DLNOTES_HOME/cache when set, else the platform cache dir (XDG_CACHE_HOME/dlnotes). */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const home = env.DLNOTES_HOME;
  if (home !== undefined && home !== '') return join(home, 'cache');
  return envPaths('dlnotes', { suffix: '' }).cache;
}

/** A path as short as it can be shown: relative to the working directory when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
