/**
 * The exams table (schema v3): every mock exam's paper, progress and
 * result. A row is written when the paper is drawn and updated with each
 * answer inside the same transaction as that answer's review, so killing
 * the process mid-exam loses nothing answered.
 */
import type { DeckScore, ExamEnd, ExamScope, ItemResult } from '../exam/types';
import type { Store } from './store';

export interface ExamRow {
  id: number;
  started_at: number;
  ended_at: number | null;
  day: string;
  seed: number;
  minutes: number;
  questions: number;
  answered: number;
  correct: number;
  used_ms: number;
  per_deck: DeckScore[];
  items: ItemResult[];
  scope: ExamScope;
  /** Null while running, or when the process was killed. */
  ended: ExamEnd | null;
  session_id: number | null;
}

export interface ExamStart {
  startedAt: Date;
  day: string;
  seed: number;
  minutes: number;
  items: ItemResult[];
  perDeck: DeckScore[];
  scope: ExamScope;
}

export interface ExamProgress {
  answered: number;
  correct: number;
  usedMs: number;
  items: ItemResult[];
  perDeck: DeckScore[];
  sessionId: number | null;
}

type SqlRow = Record<string, unknown>;

function rowOf(r: SqlRow): ExamRow {
  return {
    id: r.id as number,
    started_at: r.started_at as number,
    ended_at: (r.ended_at as number | null) ?? null,
    day: r.day as string,
    seed: r.seed as number,
    minutes: r.minutes as number,
    questions: r.questions as number,
    answered: r.answered as number,
    correct: r.correct as number,
    used_ms: r.used_ms as number,
    per_deck: JSON.parse(r.per_deck as string) as DeckScore[],
    items: JSON.parse(r.items as string) as ItemResult[],
    scope: JSON.parse(r.scope as string) as ExamScope,
    ended: (r.ended as ExamEnd | null) ?? null,
    session_id: (r.session_id as number | null) ?? null,
  };
}

export class ExamLog {
  constructor(private readonly store: Store) {}

  /** Records a new paper; returns its id. */
  start(e: ExamStart): number {
    return this.store.guard(() => Number(this.store.db.prepare(`
      INSERT INTO exams (started_at, day, seed, minutes, questions, per_deck, items, scope)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      e.startedAt.getTime(), e.day, e.seed, e.minutes, e.items.length,
      JSON.stringify(e.perDeck), JSON.stringify(e.items), JSON.stringify(e.scope),
    ).lastInsertRowid));
  }

  /**
   * Runs `answer` (which records the review) and saves the exam's progress in
   * one transaction: both are kept, or neither.
   */
  answer<T>(id: number, answer: () => T, progress: () => ExamProgress): T {
    return this.store.guard(() => this.store.db.transaction((): T => {
      const out = answer();
      this.save(id, progress());
      return out;
    }).immediate());
  }

  /** Saves the exam's progress and how it ended. */
  finish(id: number, p: ExamProgress, endedAt: Date, ended: ExamEnd): void {
    this.store.guard(() => this.store.db.transaction(() => {
      this.save(id, p);
      this.store.db.prepare('UPDATE exams SET ended_at = ?, ended = ? WHERE id = ?').run(endedAt.getTime(), ended, id);
    }).immediate());
  }

  /** Forgets a paper on which nothing was answered (the student left at once). */
  discard(id: number): boolean {
    return this.store.guard(() => this.store.db.prepare('DELETE FROM exams WHERE id = ? AND answered = 0').run(id).changes > 0);
  }

  /** Every exam, oldest first. */
  list(): ExamRow[] {
    return this.store.read(() => (this.store.db.prepare('SELECT * FROM exams ORDER BY started_at, id').all() as SqlRow[]).map(rowOf));
  }

  get(id: number): ExamRow | undefined {
    return this.store.read(() => {
      const r = this.store.db.prepare('SELECT * FROM exams WHERE id = ?').get(id) as SqlRow | undefined;
      return r ? rowOf(r) : undefined;
    });
  }

  private save(id: number, p: ExamProgress): void {
    this.store.db.prepare(`
      UPDATE exams SET answered = ?, correct = ?, used_ms = ?, items = ?, per_deck = ?, session_id = COALESCE(?, session_id)
      WHERE id = ?`).run(p.answered, p.correct, Math.max(0, Math.round(p.usedMs)), JSON.stringify(p.items), JSON.stringify(p.perDeck), p.sessionId, id);
  }
}
