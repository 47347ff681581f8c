/**
 * Opening an SQLite database with better-sqlite3, whose JavaScript is
 * bundled with dlnotes (so it starts from the code cache like the rest: it
 * was a dozen small files for Node to resolve and compile, about 6 ms of every
 * study command) while its native addon stays in node_modules and is loaded
 * by path. better-sqlite3 finds its addon with the `bindings` package, which
 * looks beside the file that called it: from a bundle that is dist/, not the
 * package. So the path is given (nativeBinding): build/Release, where npm's
 * install puts it, else wherever `bindings` finds it in the package.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let addon: string | object | undefined;

/** better-sqlite3's native addon in the package at `root`: its path, or the module itself when `bindings` had to find it. */
export function findAddon(root: string): string | object {
  const built = join(root, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(built)) return built;
  // The `bindings` better-sqlite3 itself depends on, told where the package is.
  const bindings = createRequire(join(root, 'lib', 'database.js'))('bindings') as (o: { bindings: string; module_root: string }) => object;
  return bindings({ bindings: 'better_sqlite3.node', module_root: root });
}

function nativeAddon(): string | object {
  addon ??= findAddon(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')));
  return addon;
}

/** new Database(file, opts), with the native addon found as above. */
export function openSqlite(file: string, opts: Database.Options = {}): Database.Database {
  // better-sqlite3 takes the addon module too (its types say only a path).
  return new Database(file, { ...opts, nativeBinding: nativeAddon() as string });
}
