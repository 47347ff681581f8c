/** Building data directories with a review history, and damaging them, for the store's fault tests. */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { seededRng } from '../../src/core/random';
import { dayKey } from '../../src/quiz/clock';
import { newCardState } from '../../src/quiz/schedule';
import { Store } from '../../src/quiz/store/store';

/** Fills `home` with `reviews` reviews (one a minute from `start`, over 40 question ids) through the real store. */
export function seedHome(home: string, reviews: number, start: Date): void {
  const store = Store.open(home, { now: start });
  store.db.transaction(() => {
    for (let i = 0; i < reviews; i++) {
      const now = new Date(start.getTime() + i * 60_000);
      const id = `basics.q${i % 40}`;
      store.recordReview({
        cardId: id, now, day: dayKey(now, 4), rating: 3, elapsedMs: 1000, answer: `answer ${i} ${'x'.repeat(200)}`,
        correct: true, hash: null, sessionId: null,
      }, 0, (cur) => ({ before: cur ?? newCardState(now), after: { ...newCardState(now), reps: (cur?.reps ?? 0) + 1, due: now.getTime() + 86_400_000 }, leech: false }));
    }
  })();
  store.close();
}

/** Overwrites one leaf page of `table` in the middle of its b-tree with 4 KB of (seeded) garbage. */
export function damagePage(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  const pages = db.prepare("SELECT pageno, pgoffset, pgsize FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as { pageno: number; pgoffset: number; pgsize: number }[];
  db.close();
  if (pages.length < 3) throw new Error(`damagePage: ${table} has only ${pages.length} leaf pages`);
  const page = pages[Math.floor(pages.length / 2)]!;
  const rng = seededRng(page.pageno);
  const junk = Buffer.from(Array.from({ length: page.pgsize }, () => Math.floor(rng.next() * 256)));
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, junk, 0, junk.length, page.pgoffset);
  } finally {
    closeSync(fd);
  }
  return page.pageno;
}

export const dbFile = (home: string): string => join(home, 'dlnotes.db');
