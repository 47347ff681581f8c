/**
 * A database damaged in the middle (4 KB of garbage over a page of the review
 * log) through the built binary: every command that opens the store refuses
 * with one line naming `dlnotes db check` and `dlnotes db restore`, and the
 * file stays byte-for-byte as it was (hashed before and after).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, dlnotes } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';
import { damagePage, seedHome } from '../helpers/store';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const NOW = '2025-03-01T10:00';

function envFor(home: string): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '' };
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectRefused(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

/** A home with a few hundred reviews whose review log has one page overwritten by garbage. */
function damagedHome(): { home: string; file: string } {
  const home = tempHome();
  seedHome(home, 600, new Date('2025-02-20T10:00:00Z'));
  const file = join(home, 'dlnotes.db');
  damagePage(file, 'reviews');
  const db = new Database(file, { readonly: true });
  // The premise: SQLite itself reports the file as malformed.
  let verdict: string;
  try {
    verdict = String(db.pragma('integrity_check', { simple: true }));
  } catch (e) {
    verdict = (e as Error).message;
  }
  db.close();
  expect(verdict).not.toBe('ok');
  return { home, file };
}

describe('a database damaged in the middle is never written', () => {
  const DAMAGED = /dlnotes\.db.* damaged.*left untouched.*dlnotes db check.*dlnotes db restore/;

  it.each<[string, string[], string]>([
    ['stats', ['stats', '--bank', BANK, '--now', NOW, '--json'], ''],
    ['card', ['card', 'basics.params', '--bank', BANK, '--now', NOW], ''],
    ['card --suspend', ['card', 'basics.params', '--suspend', '--bank', BANK, '--now', NOW], ''],
    ['quiz', ['quiz', '--bank', BANK, '--now', NOW, '--lang', 'en'], '760\n\ngood\na,c\n'],
    ['exam', ['exam', '--bank', BANK, '--now', NOW, '--lang', 'en', '--seed', '1', '--questions', '2'], '760\na,c\n'],
    ['drill', ['drill', 'conv', '-n', '1', '--bank', BANK, '--now', NOW, '--lang', 'en', '--seed', '1'], '1\n'],
  ])('%s refuses with one line and leaves the file untouched', (_name, args, input) => {
    const { home, file } = damagedHome();
    const before = sha(file);
    const r = dlnotes(args, { input, env: envFor(home) });
    expectRefused(r, DAMAGED);
    expect(sha(file)).toBe(before);
    expect(r.stdout).not.toMatch(/answer:/);
  });

  it('the message is in Chinese with --lang zh', () => {
    const { home, file } = damagedHome();
    const before = sha(file);
    const r = dlnotes(['stats', '--bank', BANK, '--now', NOW, '--lang', 'zh'], { env: envFor(home) });
    expectRefused(r, /已损坏.*dlnotes db check.*dlnotes db restore/);
    expect(sha(file)).toBe(before);
  });

  it('db check names the damage (exit 1) and writes nothing', () => {
    const home = tempHome();
    seedHome(home, 600, new Date('2025-02-20T10:00:00Z'));
    // A run on a later day keeps a backup to go back to.
    expect(dlnotes(['stats', '--bank', BANK, '--now', NOW, '--json'], { env: envFor(home) }).code).toBe(0);
    const file = join(home, 'dlnotes.db');
    damagePage(file, 'reviews');
    const before = sha(file);
    const r = dlnotes(['db', 'check', '--lang', 'en'], { env: envFor(home) });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/damaged/);
    expect(r.stdout).toMatch(/dlnotes db restore/);
    expect(sha(file)).toBe(before);
  });

  it('a healthy database passes db check', () => {
    const home = tempHome();
    seedHome(home, 50, new Date('2025-02-20T10:00:00Z'));
    const r = dlnotes(['db', 'check', '--lang', 'en'], { env: envFor(home) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok/);
    expect(r.stdout).toMatch(/50 reviews/);
  });
});

describe('daily backups and restore', () => {
  it('the first run of each day keeps a backup; the last 7 are kept', () => {
    const home = tempHome();
    seedHome(home, 20, new Date('2025-02-01T10:00:00Z'));
    for (let d = 1; d <= 9; d++) {
      const now = `2025-03-${String(d).padStart(2, '0')}T10:00`;
      const r = dlnotes(['stats', '--bank', BANK, '--now', now, '--json'], { env: envFor(home) });
      expect(r.code, r.stderr).toBe(0);
    }
    const files = readdirSync(join(home, 'backups')).sort();
    expect(files).toEqual(['03-03', '03-04', '03-05', '03-06', '03-07', '03-08', '03-09'].map((d) => `dlnotes-2025-${d}.db`));
    // Each is a whole database made by SQLite's backup, not a half-written copy.
    const db = new Database(join(home, 'backups', files[6]!), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM reviews').pluck().get()).toBe(20);
    db.close();
  });

  it('db restore names what would be lost, then restores with --yes, keeping the damaged file', () => {
    const home = tempHome();
    seedHome(home, 30, new Date('2025-02-20T10:00:00Z'));
    // Day 1: a run makes the backup, then an answer is given after it.
    expect(dlnotes(['stats', '--bank', BANK, '--now', '2025-03-01T09:00', '--json'], { env: envFor(home) }).code).toBe(0);
    const q = dlnotes(['quiz', '--bank', BANK, '--now', '2025-03-01T10:00', '--lang', 'en', '--new', '1'], { input: '760\n', env: envFor(home) });
    expect(q.code, q.stderr).toBe(0);
    const file = join(home, 'dlnotes.db');
    damagePage(file, 'reviews');
    const before = sha(file);

    const preview = dlnotes(['db', 'restore', '--lang', 'en'], { env: envFor(home) });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/dlnotes-2025-03-01\.db/);
    expect(preview.stdout).toMatch(/30 reviews/);
    expect(preview.stdout).toMatch(/--yes/);
    expect(sha(file)).toBe(before);

    const done = dlnotes(['db', 'restore', '--yes', '--lang', 'en'], { env: envFor(home) });
    expect(done.code, done.stderr).toBe(0);
    const kept = readdirSync(home).filter((f) => f.startsWith('dlnotes.db.damaged-') && !/-(wal|shm)$/.test(f));
    expect(kept).toHaveLength(1);
    expect(sha(join(home, kept[0]!))).toBe(before);
    const stats = dlnotes(['stats', '--bank', BANK, '--now', '2025-03-01T11:00', '--json'], { env: envFor(home) });
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).reviews_total).toBe(30);
  });

  it('db restore of a named backup that does not exist is one line, exit 2', () => {
    const home = tempHome();
    seedHome(home, 5, new Date('2025-02-20T10:00:00Z'));
    const r = dlnotes(['db', 'restore', '2024-01-01', '--lang', 'en'], { env: envFor(home) });
    expectRefused(r, /no backup "2024-01-01"/);
  });

  it('a home without a database has nothing to restore', () => {
    const home = tempHome();
    const r = dlnotes(['db', 'restore', '--lang', 'en'], { env: envFor(home) });
    expectRefused(r, /no backups/);
    expect(existsSync(join(home, 'dlnotes.db'))).toBe(false);
  });
});

describe('config on a damaged home', () => {
  it('config set does not open the database', () => {
    const { home, file } = damagedHome();
    const before = sha(file);
    const r = dlnotes(['config', 'set', 'new_per_day', '5'], { env: envFor(home) });
    expect(r.code, r.stderr).toBe(0);
    expect(sha(file)).toBe(before);
  });
});
