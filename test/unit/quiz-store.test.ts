import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardState, Store, type ReviewInput } from '../../src/quiz/store/store';
import { MIGRATIONS, LATEST_VERSION } from '../../src/quiz/store/schema';
import { StoreError } from '../../src/quiz/store/errors';
import { makeFsrs, newCardState, scheduleWith, type Rating } from '../../src/quiz/schedule';
import { tempHome } from '../helpers/quiz';

const NOW = new Date('2025-03-01T10:00:00Z');
const F = makeFsrs({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 });

function answer(store: Store, id: string, rating: Rating, now = NOW, seenReps = 0) {
  const input: ReviewInput = { cardId: id, now, day: '2025-03-01', rating, elapsedMs: 1200, answer: '760', correct: rating > 1, hash: 'h1', sessionId: null };
  return store.recordReview(input, seenReps, (cur) => {
    const before = cur && cur.reps > 0 ? cardState(cur) : newCardState(now);
    const s = scheduleWith(F, id, before, now, rating);
    return { before, after: s.after, leech: false };
  });
}

describe('store: schema and answers', () => {
  it('creates a WAL database at the latest schema', () => {
    const home = tempHome();
    const s = Store.open(home, { now: NOW });
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.prepare('SELECT MAX(version) FROM schema_version').pluck().get()).toBe(LATEST_VERSION);
    s.close();
  });

  it('records an answer with the state before and after, and counts it for the day', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const r = answer(s, 'cnn.a', 3);
    expect(r.before.state).toBe(0);
    expect(r.after.state).toBe(1);
    const card = s.card('cnn.a')!;
    expect(card.reps).toBe(1);
    expect(card.hash).toBe('h1');
    const [row] = s.reviewsOf('cnn.a');
    expect(row).toMatchObject({ card_id: 'cnn.a', rating: 3, state_before: 0, before: null, answer: '760', correct: true, elapsed_ms: 1200, undone: false });
    expect(row!.after).toEqual(r.after);
    expect(s.dayCounts('2025-03-01')).toEqual({ total: 1, newIntroduced: 1, reviewsDone: 0, recalled: 1 });
    expect(s.countsByDay('2025-02-01')).toEqual(new Map([['2025-03-01', 1]]));
    expect(s.reviewDays('2025-03-01')).toEqual(['2025-03-01']);
    expect(s.reviewDays('2025-02-28')).toEqual([]);
    s.close();
  });

  it('keeps the log append-only', () => {
    const s = Store.open(tempHome(), { now: NOW });
    answer(s, 'cnn.a', 3);
    expect(() => s.db.prepare('DELETE FROM reviews').run()).toThrow(/append-only/);
    expect(() => s.db.prepare('UPDATE reviews SET rating = 4').run()).toThrow(/append-only/);
    s.close();
  });

  it('undo restores the card and marks the review undone', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const first = answer(s, 'cnn.a', 3);
    const later = new Date(NOW.getTime() + 10 * 60_000);
    const second = answer(s, 'cnn.a', 3, later, 1);
    expect(s.card('cnn.a')!.state).toBe(2);
    expect(s.undoReview(second.reviewId)).toMatchObject({ ok: true });
    expect(cardState(s.card('cnn.a')!)).toEqual(first.after);
    expect(s.reviewsOf('cnn.a').map((r) => r.undone)).toEqual([false, true]);
    expect(s.undoReview(second.reviewId)).toEqual({ ok: false, reason: { en: 'already undone', zh: '已经撤销过了' } });
    // Undoing the first sight makes the question new again.
    expect(s.undoReview(first.reviewId)).toMatchObject({ ok: true, restored: null });
    expect(s.card('cnn.a')).toBeUndefined();
    expect(s.dayCounts('2025-03-01').total).toBe(0);
    expect(s.countsByDay('2025-01-01')).toEqual(new Map());
    expect(s.reviewDays('2025-12-31')).toEqual([]);
    s.close();
  });

  it('refuses to undo a review that was followed by another', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const first = answer(s, 'cnn.a', 1);
    answer(s, 'cnn.a', 3, new Date(NOW.getTime() + 60_000), 1);
    expect(s.undoReview(first.reviewId)).toMatchObject({ ok: false });
    s.close();
  });

  it('two connections: the second schedules from the first one\'s result, both logged once', () => {
    const home = tempHome();
    const a = Store.open(home, { now: NOW });
    const b = Store.open(home, { now: NOW });
    const ra = answer(a, 'cnn.a', 3, NOW, 0);
    const rb = answer(b, 'cnn.a', 3, new Date(NOW.getTime() + 5000), 0); // b showed it when it was new
    expect(ra.concurrent).toBe(false);
    expect(rb.concurrent).toBe(true);
    expect(rb.before).toEqual(ra.after);
    const rows = a.reviewsOf('cnn.a');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.before).toEqual(rows[0]!.after);
    expect(a.card('cnn.a')!.reps).toBe(2);
    a.close();
    b.close();
  });

  it('suspends and buries', () => {
    const s = Store.open(tempHome(), { now: NOW });
    expect(s.setSuspended('cnn.b', true, newCardState(NOW))).toBe(true);
    expect(s.setSuspended('cnn.b', true, newCardState(NOW))).toBe(false);
    expect(s.card('cnn.b')).toMatchObject({ suspended: true, reps: 0 });
    s.setBuried('cnn.b', NOW.getTime() + 1000, newCardState(NOW));
    expect(s.card('cnn.b')!.buried_until).toBe(NOW.getTime() + 1000);
    s.close();
  });
});

describe('store: faults leave the file untouched', () => {
  it('migrates an older database after backing it up', () => {
    const home = tempHome();
    const old = Store.open(home, { now: NOW, migrations: [MIGRATIONS[0]!] });
    const st = JSON.stringify(newCardState(NOW));
    old.db.prepare("INSERT INTO reviews (card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms) VALUES ('cnn.a', 1, '2025-03-01', 3, 0, 'null', ?, 5)").run(st);
    old.close();
    const s = Store.open(home, { now: NOW });
    expect(s.backup).toBeDefined();
    expect(s.reviewsOf('cnn.a')).toHaveLength(1);
    const bak = new Database(s.backup!, { readonly: true });
    expect(bak.prepare('SELECT MAX(version) FROM schema_version').pluck().get()).toBe(1);
    expect(bak.prepare('SELECT COUNT(*) FROM reviews').pluck().get()).toBe(1);
    bak.close();
    s.close();
    expect(readdirSync(home).filter((f) => f.includes('.bak-v1-'))).toHaveLength(1);
  });

  it('refuses a database from a newer dlnotes', () => {
    const home = tempHome();
    const s = Store.open(home, { now: NOW });
    s.db.prepare("INSERT INTO schema_version VALUES (99, 0, 'future')").run();
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const file = join(home, 'dlnotes.db');
    const before = readFileSync(file);
    expect(() => Store.open(home, { now: NOW })).toThrow(StoreError);
    expect(() => Store.open(home, { now: NOW })).toThrow(/newer dlnotes \(schema v99; this version knows up to v4\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['garbage', Buffer.from('this is not a database at all, just some text\n'.repeat(100))],
    ['damaged pages', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080, 0x5a)])],
  ])('refuses a corrupt file (%s)', (_name, bytes) => {
    const home = tempHome();
    const file = join(home, 'dlnotes.db');
    writeFileSync(file, bytes);
    expect(() => Store.open(home, { now: NOW })).toThrow(/damaged|not an SQLite database/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(`${file}-wal`) && readFileSync(`${file}-wal`).length > 0).toBe(false);
  });

  it('refuses an SQLite file that is not ours', () => {
    const home = tempHome();
    const db = new Database(join(home, 'dlnotes.db'));
    db.exec('CREATE TABLE notes (x)');
    db.close();
    expect(() => Store.open(home, { now: NOW })).toThrow(/not a dlnotes database/);
  });

  it('a full disk is a clear StoreError and keeps earlier answers', () => {
    const home = tempHome();
    const s = Store.open(home, { now: NOW });
    answer(s, 'cnn.kept', 3);
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    s.db.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(50_000);
    let error: unknown;
    try {
      for (let i = 0; i < 100; i++) {
        s.recordReview({ cardId: `cnn.f${i}`, now: NOW, day: '2025-03-01', rating: 3, elapsedMs: 1, answer: big, correct: true, hash: null, sessionId: null }, 0,
          () => ({ before: newCardState(NOW), after: newCardState(NOW), leech: false }));
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/disk is full/);
    s.close();
    const again = Store.open(home, { now: NOW });
    expect(again.reviewsOf('cnn.kept')).toHaveLength(1);
    again.close();
  });
});
