/**
 * The store's promises, by hashing the files: a refused database is never
 * written (not even by a checkpoint), a failed migration leaves the very
 * same bytes, the integrity check runs whenever the file may have changed,
 * and a session whose answer could not be saved says so.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Store } from '../../src/quiz/store/store';
import { MIGRATIONS } from '../../src/quiz/store/schema';
import { isDiskFull, StoreError, storeFault } from '../../src/quiz/store/errors';
import { checkedDay } from '../../src/quiz/store/integrity';
import { listBackups } from '../../src/quiz/store/backups';
import { Session } from '../../src/quiz/session/runner';
import { LineIo, LineReader } from '../../src/quiz/session/io-line';
import { DEFAULT_CONFIG } from '../../src/quiz/config';
import { makeFsrs } from '../../src/quiz/schedule';
import { fakePresent, numericQ, tempHome } from '../helpers/quiz';
import { damagePage, seedHome } from '../helpers/store';

const NOW = new Date('2025-03-01T10:00:00Z');
const sha = (file: string): string => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

describe('a refused database is never written', () => {
  it('a damaged page is found at open, before any write; the file keeps its bytes', () => {
    const home = tempHome();
    seedHome(home, 600, new Date('2025-02-20T10:00:00Z'));
    const file = join(home, 'dlnotes.db');
    damagePage(file, 'reviews');
    const before = sha(file);
    expect(() => Store.open(home, { now: NOW })).toThrow(StoreError);
    expect(() => Store.open(home, { now: NOW })).toThrow(/damaged.*left untouched.*dlnotes db check.*dlnotes db restore/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`) && readFileSync(`${file}-wal`).length > 0).toBe(false);
  });

  it('damage the same day as a clean run is still found (the file changed after its stamp)', () => {
    const home = tempHome();
    seedHome(home, 600, NOW);
    const file = join(home, 'dlnotes.db');
    Store.open(home, { now: NOW }).close();
    expect(checkedDay(file)).toBe('2025-03-01');
    damagePage(file, 'reviews');
    expect(checkedDay(file)).toBeUndefined();
    expect(() => Store.open(home, { now: NOW })).toThrow(/damaged/);
  });

  it('rewriting the file with its own bytes invalidates the stamp (the change time moves)', () => {
    const home = tempHome();
    seedHome(home, 10, NOW);
    const file = join(home, 'dlnotes.db');
    expect(checkedDay(file)).toBe('2025-03-01');
    writeFileSync(file, readFileSync(file));
    expect(checkedDay(file)).toBeUndefined();
    const s = Store.open(home, { now: NOW });
    s.close();
    expect(checkedDay(file)).toBe('2025-03-01');
  });

  it('a newer database with a crashed session\'s log beside it: both files untouched', () => {
    const home = tempHome();
    const s = Store.open(home, { now: NOW });
    s.db.prepare("INSERT INTO schema_version VALUES (99, 0, 'future')").run();
    // Copy the files while the connection is open: what a killed process leaves (frames in the -wal).
    const crashed = tempHome();
    for (const f of ['dlnotes.db', 'dlnotes.db-wal']) copyFileSync(join(home, f), join(crashed, f));
    s.close();
    const main = join(crashed, 'dlnotes.db');
    expect(readFileSync(`${main}-wal`).length).toBeGreaterThan(0);
    const before = [sha(main), sha(`${main}-wal`)];
    expect(() => Store.open(crashed, { now: NOW })).toThrow(/newer dlnotes \(schema v99/);
    expect([sha(main), sha(`${main}-wal`)]).toEqual(before);
  });

  it('a migration that fails rolls back to the very same bytes, and says so truthfully', () => {
    const home = tempHome();
    seedHome(home, 30, NOW);
    const file = join(home, 'dlnotes.db');
    const before = sha(file);
    const broken = [...MIGRATIONS, { version: 5, description: 'broken', sql: 'CREATE TABLE extra (x); CREATE TABLE reviews (x)' }];
    expect(() => Store.open(home, { now: NOW, migrations: broken })).toThrow(/could not upgrade the database to schema v5 .*table reviews already exists.*left untouched \(a copy was saved as .*bak-v4/);
    expect(sha(file)).toBe(before);
    // Still the old version, still usable.
    const s = Store.open(home, { now: NOW });
    expect(s.allReviews()).toHaveLength(30);
    s.close();
  });
});

describe('daily backups through the store', () => {
  it('the first open of a day with dailyBackup keeps one; close waits for it', async () => {
    const home = tempHome();
    seedHome(home, 25, NOW);
    const s = Store.open(home, { now: new Date('2025-03-02T10:00:00Z'), dailyBackup: true });
    s.close();
    await s.settled();
    const [b] = listBackups(home);
    expect(b).toMatchObject({ name: 'dlnotes-2025-03-02.db', kind: 'daily', day: '2025-03-02' });
    const db = new Database(b!.path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM reviews').pluck().get()).toBe(25);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    expect(readdirSync(join(home, 'backups'))).toEqual(['dlnotes-2025-03-02.db']);
    // The second open that day makes none.
    const again = Store.open(home, { now: new Date('2025-03-02T11:00:00Z'), dailyBackup: true });
    again.close();
    await again.settled();
    expect(listBackups(home)).toHaveLength(1);
  });
});

describe('store faults say what happened', () => {
  it.each([
    ['SQLITE_FULL', 'database or disk is full'],
    ['SQLITE_IOERR_SHMSIZE', 'disk I/O error'],
    ['ENOSPC', 'no space left on device'],
  ])('%s is a full disk', (code, message) => {
    const e = Object.assign(new Error(message), { code });
    expect(isDiskFull(e)).toBe(true);
    expect((storeFault(e, '/h/dlnotes.db', 'open') as Error).message).toMatch(/the disk is full: SQLite needs a few KB free.*nothing was changed/);
    expect((storeFault(e, '/h/dlnotes.db', 'write') as Error).message).toMatch(/the disk is full: the last change was not saved/);
    expect((storeFault(e, '/h/config.json', 'config') as Error).message).toMatch(/the disk is full: the settings were not changed/);
  });
});

describe('an answer that cannot be saved', () => {
  it('the summary names it instead of claiming every answer was saved', async () => {
    const home = tempHome();
    const store = Store.open(home, { now: NOW });
    // The database turns read-only under the session (a remount, a permission change).
    store.db.pragma('query_only = 1');
    const out: string[] = [];
    const io = new LineIo(new LineReader(Readable.from(['760\n', '42\n'])), (t) => out.push(t));
    const session = new Session({
      store, questions: [numericQ('cnn.p1', 760), numericQ('cnn.p2', 42)], present: fakePresent, lang: 'en', io, clock: () => NOW,
      config: DEFAULT_CONFIG, scheduler: makeFsrs({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 }),
      newPerDay: 20, reviewsPerDay: 200, shuffle: false,
    });
    await expect(session.run()).rejects.toThrow(/cannot write there.*the last change was not saved/);
    store.close();
    const text = out.join('\n');
    expect(text).not.toContain('saved after every answer');
    expect(text).toMatch(/not saved: your answer to cnn\.p1/);
  });
});
