/**
 * better-sqlite3's JavaScript is bundled; its native addon is found by path
 * (src/quiz/store/sqlite.ts): where npm's install puts it, else wherever the
 * `bindings` package finds it in the package (a build of another kind).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findAddon, openSqlite } from '../../src/quiz/store/sqlite';

const req = createRequire(import.meta.url);
const ROOT = dirname(req.resolve('better-sqlite3/package.json'));
const temps: string[] = [];
afterEach(() => {
  while (temps.length) rmSync(temps.pop()!, { recursive: true, force: true });
});

describe('the SQLite addon', () => {
  it('is build/Release/better_sqlite3.node of the installed package, and opens a database', () => {
    expect(findAddon(ROOT)).toBe(join(ROOT, 'build', 'Release', 'better_sqlite3.node'));
    const db = openSqlite(':memory:');
    expect(db.prepare('SELECT 1 + 1').pluck().get()).toBe(2);
    db.close();
  });

  it('is found by `bindings` when the package has it elsewhere (build/better_sqlite3.node)', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'dlnotes-sqlite-'));
    temps.push(pkg);
    mkdirSync(join(pkg, 'lib'));
    mkdirSync(join(pkg, 'build'));
    mkdirSync(join(pkg, 'node_modules'));
    writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3"}');
    writeFileSync(join(pkg, 'lib', 'database.js'), '');
    symlinkSync(join(ROOT, 'build', 'Release', 'better_sqlite3.node'), join(pkg, 'build', 'better_sqlite3.node'));
    symlinkSync(dirname(createRequire(join(ROOT, 'lib', 'database.js')).resolve('bindings/package.json')), join(pkg, 'node_modules', 'bindings'));
    const addon = findAddon(pkg);
    expect(typeof addon).toBe('object');
    expect(addon).toHaveProperty('Database');
  });
});
