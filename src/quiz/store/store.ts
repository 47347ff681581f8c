/**
 * The study state: one row per question ever seen (its FSRS state, suspended,
 * buried, leech, the content hash last seen) and the append-only review log.
 * Every answer is one IMMEDIATE transaction that re-reads the card, so a
 * second session schedules from the first's result and nothing is lost or
 * counted twice; it is committed before the session moves on.
 */
import type { CardState, CardStateKind, Rating } from '../schedule';
import { openDb, type Db, type OpenOptions } from './open';
import { storeFault } from './errors';
import { bi, type Text } from '../../core/text';

/** What the queue and the forecasts need of a card: cheap to read for thousands of cards. */
export interface CardBrief {
  id: string;
  state: CardStateKind;
  due: number;
  reps: number;
  suspended: boolean;
  /** Epoch ms until which the card is buried, or null. */
  buried_until: number | null;
  leech: boolean;
}

/** Cards due soon (or held) in brief, and the ids of all cards ever seen. */
export interface CardSnapshot {
  near: Map<string, CardBrief>;
  seen: Set<string>;
  /** Cards in `seen` but not in `near` are due at or after this time (epoch ms). */
  dueBefore: number;
}

/** A snapshot holding every card in brief (tests, small sets). */
export function snapshotOf(cards: Iterable<CardBrief>): CardSnapshot {
  const near = new Map([...cards].map((c) => [c.id, c]));
  return { near, seen: new Set(near.keys()), dueBefore: Number.POSITIVE_INFINITY };
}

export interface CardRow extends CardState, CardBrief {
  id: string;
  state: CardStateKind;
  due: number;
  reps: number;
  /** Content hash of the question when it was last reviewed. */
  hash: string | null;
}

export interface ReviewRow {
  id: number;
  card_id: string;
  reviewed_at: number;
  day: string;
  rating: Rating;
  state_before: CardStateKind;
  before: CardState | null;
  after: CardState;
  elapsed_ms: number;
  answer: string | null;
  correct: boolean | null;
  question_hash: string | null;
  params: Record<string, unknown> | null;
  session_id: number | null;
  /** Slip ids the answer matched (core/slips.ts), empty when none. */
  slips: string[];
  undone: boolean;
  /** This review made the question a leech (and suspended it). */
  leeched: boolean;
}

export interface ReviewInput {
  cardId: string;
  now: Date;
  day: string;
  rating: Rating;
  elapsedMs: number;
  answer: string | null;
  correct: boolean | null;
  hash: string | null;
  params?: Record<string, unknown>;
  sessionId: number | null;
  /** Slip ids a wrong answer matched (core/slips.ts). */
  slips?: readonly string[];
}

/** What the scheduler decided, given the card as it is now in the database (null if never seen). */
export interface Decision {
  before: CardState;
  after: CardState;
  /** Tag as leech and suspend. */
  leech: boolean;
}

export interface Recorded {
  reviewId: number;
  before: CardState;
  after: CardState;
  leech: boolean;
  /** True when another session had reviewed this card after ours was shown. */
  concurrent: boolean;
}

export interface DayCounts {
  /** Questions seen for the first time today. */
  newIntroduced: number;
  /** Reviews of cards that were in the Review state. */
  reviewsDone: number;
  /** All answers today. */
  total: number;
  recalled: number;
}

type SqlRow = Record<string, unknown>;

function stateOf(r: SqlRow): CardState {
  return {
    state: r.state as CardStateKind,
    due: r.due as number,
    stability: r.stability as number,
    difficulty: r.difficulty as number,
    elapsed_days: r.elapsed_days as number,
    scheduled_days: r.scheduled_days as number,
    reps: r.reps as number,
    lapses: r.lapses as number,
    learning_steps: r.learning_steps as number,
    last_review: (r.last_review as number | null) ?? null,
  };
}

/** The FSRS state of a card row (without its flags). */
export function cardState(row: CardRow): CardState {
  return stateOf(row as unknown as SqlRow);
}

function cardOf(r: SqlRow): CardRow {
  return {
    id: r.id as string,
    ...stateOf(r),
    suspended: r.suspended === 1,
    buried_until: (r.buried_until as number | null) ?? null,
    leech: r.leech === 1,
    hash: (r.hash as string | null) ?? null,
  };
}

function reviewOf(r: SqlRow): ReviewRow {
  const { leech, ...after } = JSON.parse(r.after_json as string) as CardState & { leech?: boolean };
  return {
    id: r.id as number,
    card_id: r.card_id as string,
    reviewed_at: r.reviewed_at as number,
    day: r.day as string,
    rating: r.rating as Rating,
    state_before: r.state_before as CardStateKind,
    before: r.before_json === 'null' ? null : JSON.parse(r.before_json as string) as CardState,
    after,
    elapsed_ms: r.elapsed_ms as number,
    answer: (r.answer as string | null) ?? null,
    correct: r.correct === null || r.correct === undefined ? null : r.correct === 1,
    question_hash: (r.question_hash as string | null) ?? null,
    params: r.params ? JSON.parse(r.params as string) as Record<string, unknown> : null,
    session_id: (r.session_id as number | null) ?? null,
    slips: typeof r.slip === 'string' && r.slip !== '' ? r.slip.split(',') : [],
    undone: r.undone === 1,
    leeched: leech === true,
  };
}

const CARD_COLS = 'id, state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, learning_steps, last_review, suspended, buried_until, leech, hash';

export class Store {
  private constructor(readonly db: Db, readonly file: string, readonly backup?: string) {}

  /** Opens the store in a data directory (see openDb for the checks). */
  static open(dir: string, opts: OpenOptions): Store {
    const o = openDb(dir, opts);
    return new Store(o.db, o.file, o.backup);
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // closing twice or after a fault: nothing left to save
    }
  }

  /** Runs `fn`, turning SQLite faults into one-line StoreErrors. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw storeFault(e, this.file);
    }
  }

  /**
   * The cards as the queue and the forecasts need them, cheaply for thousands
   * of cards: those due before `dueBefore`, suspended, buried or leeches in
   * brief; every other card only by id (seen, due later).
   */
  snapshot(dueBefore: number): CardSnapshot {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT id, state, due, reps, suspended, buried_until, leech FROM cards WHERE due < ? OR suspended = 1 OR leech = 1 OR buried_until IS NOT NULL')
        .raw().all(dueBefore) as [string, CardStateKind, number, number, number, number | null, number][];
      const near = new Map<string, CardBrief>();
      for (const [id, state, due, reps, suspended, buried, leech] of rows) {
        near.set(id, { id, state, due, reps, suspended: suspended === 1, buried_until: buried, leech: leech === 1 });
      }
      const seen = new Set(this.db.prepare('SELECT id FROM cards').pluck().all() as string[]);
      return { near, seen, dueBefore };
    });
  }

  card(id: string): CardRow | undefined {
    return this.guard(() => {
      const r = this.db.prepare(`SELECT ${CARD_COLS} FROM cards WHERE id = ?`).get(id) as SqlRow | undefined;
      return r ? cardOf(r) : undefined;
    });
  }

  /**
   * Records one answer atomically: re-reads the card inside an IMMEDIATE
   * transaction, lets `decide` schedule from that state, writes the card and
   * appends the review. `seenReps` is the card's reps when the question was
   * shown; a different value means another session reviewed it meanwhile.
   */
  recordReview(input: ReviewInput, seenReps: number, decide: (current: CardRow | undefined) => Decision): Recorded {
    return this.guard(() => this.db.transaction((): Recorded => {
      const current = this.card(input.cardId);
      const d = decide(current);
      const a = d.after;
      this.db.prepare(`
        INSERT INTO cards (${CARD_COLS}) VALUES (@id, @state, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @reps, @lapses, @learning_steps, @last_review, @suspended, NULL, @leech, @hash)
        ON CONFLICT(id) DO UPDATE SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
          elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, reps = @reps, lapses = @lapses,
          learning_steps = @learning_steps, last_review = @last_review, hash = @hash,
          suspended = MAX(suspended, @suspended), leech = MAX(leech, @leech)`).run({
        id: input.cardId, ...a, suspended: d.leech ? 1 : 0, leech: d.leech ? 1 : 0, hash: input.hash,
      });
      const info = this.db.prepare(`
        INSERT INTO reviews (card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms, answer, correct, question_hash, params, session_id, slip)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        input.cardId, input.now.getTime(), input.day, input.rating, d.before.state,
        JSON.stringify(current ? d.before : null), JSON.stringify(d.leech ? { ...a, leech: true } : a), Math.max(0, Math.round(input.elapsedMs)),
        input.answer, input.correct === null ? null : input.correct ? 1 : 0, input.hash,
        input.params ? JSON.stringify(input.params) : null, input.sessionId,
        input.slips && input.slips.length > 0 ? input.slips.join(',') : null,
      );
      if (input.sessionId !== null) {
        this.db.prepare('UPDATE sessions SET answered = answered + 1, recalled = recalled + ? WHERE id = ?').run(input.rating > 1 ? 1 : 0, input.sessionId);
      }
      return {
        reviewId: Number(info.lastInsertRowid), before: d.before, after: a, leech: d.leech,
        concurrent: (current?.reps ?? 0) !== seenReps,
      };
    }).immediate());
  }

  /**
   * Undoes one review: restores the card to its state before that review and
   * marks the log row undone (it stays in the log). Refused when the card was
   * reviewed again since (by another session), so no later answer is lost.
   */
  undoReview(reviewId: number): { ok: true; cardId: string; restored: CardState | null } | { ok: false; reason: Text } {
    return this.guard(() => this.db.transaction(() => {
      const r = this.db.prepare('SELECT * FROM reviews WHERE id = ?').get(reviewId) as SqlRow | undefined;
      if (!r) return { ok: false as const, reason: bi('no such review', '没有这条复习记录') };
      const rev = reviewOf(r);
      if (rev.undone) return { ok: false as const, reason: bi('already undone', '已经撤销过了') };
      const later = this.db.prepare('SELECT COUNT(*) FROM reviews WHERE card_id = ? AND id > ? AND undone = 0').pluck().get(rev.card_id, reviewId) as number;
      if (later > 0) return { ok: false as const, reason: bi('the question was answered again since (in another session)', '这道题之后又（在另一个会话中）作答过') };
      this.db.prepare('UPDATE reviews SET undone = 1 WHERE id = ?').run(reviewId);
      if (rev.session_id !== null) {
        this.db.prepare('UPDATE sessions SET answered = answered - 1, recalled = recalled - ? WHERE id = ?').run(rev.rating > 1 ? 1 : 0, rev.session_id);
      }
      if (rev.before === null) {
        // First sight: the question becomes new again, keeping suspend/bury flags off.
        this.db.prepare('DELETE FROM cards WHERE id = ?').run(rev.card_id);
      } else {
        const b = rev.before;
        const prevHash = this.db.prepare('SELECT question_hash FROM reviews WHERE card_id = ? AND id < ? AND undone = 0 ORDER BY id DESC LIMIT 1').pluck().get(rev.card_id, reviewId) as string | undefined;
        // A review that made the question a leech also suspended it: undo both.
        const unleech = rev.leeched ? ', leech = 0, suspended = 0' : '';
        this.db.prepare(`UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, reps = ?, lapses = ?, learning_steps = ?, last_review = ?, hash = ?${unleech} WHERE id = ?`).run(
          b.state, b.due, b.stability, b.difficulty, b.elapsed_days, b.scheduled_days, b.reps, b.lapses, b.learning_steps, b.last_review, prevHash ?? null, rev.card_id,
        );
      }
      return { ok: true as const, cardId: rev.card_id, restored: rev.before };
    }).immediate());
  }

  /** Suspends or unsuspends a question (creating its row if it was never seen). Returns false if unchanged. */
  setSuspended(id: string, on: boolean, fresh: CardState): boolean {
    return this.guard(() => this.db.transaction(() => {
      this.ensureCard(id, fresh);
      const changed = this.db.prepare('UPDATE cards SET suspended = ? WHERE id = ? AND suspended != ?').run(on ? 1 : 0, id, on ? 1 : 0).changes;
      return changed > 0;
    }).immediate());
  }

  /** Buries a question until `until` (the next study day), or unburies it with null. */
  setBuried(id: string, until: number | null, fresh: CardState): void {
    this.guard(() => this.db.transaction(() => {
      this.ensureCard(id, fresh);
      this.db.prepare('UPDATE cards SET buried_until = ? WHERE id = ?').run(until, id);
    }).immediate());
  }

  private ensureCard(id: string, fresh: CardState): void {
    this.db.prepare(`INSERT OR IGNORE INTO cards (${CARD_COLS}) VALUES (@id, @state, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @reps, @lapses, @learning_steps, @last_review, 0, NULL, 0, NULL)`)
      .run({ id, ...fresh });
  }

  /** Counts for one study day (undone reviews excluded). */
  dayCounts(day: string): DayCounts {
    return this.guard(() => {
      const r = this.db.prepare(`SELECT
          COUNT(*) AS total,
          COALESCE(SUM(state_before = 0), 0) AS new_introduced,
          COALESCE(SUM(state_before = 2), 0) AS reviews_done,
          COALESCE(SUM(rating > 1), 0) AS recalled
        FROM reviews WHERE day = ? AND undone = 0`).get(day) as SqlRow;
      return { total: r.total as number, newIntroduced: r.new_introduced as number, reviewsDone: r.reviews_done as number, recalled: r.recalled as number };
    });
  }

  /** One question's history, oldest first (undone reviews included, flagged). */
  reviewsOf(id: string): ReviewRow[] {
    return this.guard(() => (this.db.prepare('SELECT * FROM reviews WHERE card_id = ? ORDER BY id').all(id) as SqlRow[]).map(reviewOf));
  }

  /** Reviews in id order, for tests and exports. */
  allReviews(): ReviewRow[] {
    return this.guard(() => (this.db.prepare('SELECT * FROM reviews ORDER BY id').all() as SqlRow[]).map(reviewOf));
  }

  /** Review counts per study day from `fromDay` on. */
  countsByDay(fromDay: string): Map<string, number> {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT day, reviews AS n FROM review_days WHERE day >= ? AND reviews > 0').all(fromDay) as SqlRow[];
      return new Map(rows.map((r) => [r.day as string, r.n as number]));
    });
  }

  /** Study days with at least one review, on or before `lastDay`, latest first. */
  reviewDays(lastDay: string): string[] {
    return this.guard(() => this.db.prepare('SELECT day FROM review_days WHERE reviews > 0 AND day <= ? ORDER BY day DESC').pluck().all(lastDay) as string[]);
  }

  /** Number of reviews and how many were recalled (rated above Again), optionally from a day on. */
  recall(fromDay?: string): { total: number; recalled: number } {
    return this.guard(() => {
      const r = this.db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(rating > 1), 0) AS recalled FROM reviews WHERE undone = 0 ${fromDay ? 'AND day >= ?' : ''}`)
        .get(...(fromDay ? [fromDay] : [])) as SqlRow;
      return { total: r.total as number, recalled: r.recalled as number };
    });
  }

  startSession(now: Date, day: string, mode: string): number {
    return this.guard(() => Number(this.db.prepare('INSERT INTO sessions (started_at, day, mode) VALUES (?, ?, ?)').run(now.getTime(), day, mode).lastInsertRowid));
  }

  endSession(id: number, now: Date): void {
    this.guard(() => this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ?').run(now.getTime(), id));
  }
}
