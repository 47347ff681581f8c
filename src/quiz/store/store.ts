/**
 * The study state: one row per question ever seen (its FSRS state, suspended,
 * buried, leech, the content hash last seen) and the append-only review log.
 * Every answer is one IMMEDIATE transaction that re-reads the card, so a
 * second session schedules from the first's result and nothing is lost or
 * counted twice; it is committed before the session moves on.
 */
import type { CardState, CardStateKind, Rating } from '../schedule';
import { localDay, openDb, type Db, type OpenedDb, type OpenOptions } from './open';
import { storeFault } from './errors';
import { dailyBackup, dailyBackupDue } from './backups';
import { writeStamp } from './integrity';
import { rowsOf } from './rows';
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

/**
 * One review as the portable log has it (dlnotes log export|import): every
 * field the store keeps about a review except what is local to one machine
 * (row id, session) and what a replay recomputes (the states before and after).
 */
export interface LogRow {
  card_id: string;
  /** Epoch milliseconds (UTC). */
  reviewed_at: number;
  /** The study day it counted for on the machine where it was made. */
  day: string;
  rating: Rating;
  /** The card's state before the review: 0 new, 1 learning, 2 review, 3 relearning. */
  state_before: CardStateKind;
  elapsed_ms: number;
  answer: string | null;
  correct: boolean | null;
  question_hash: string | null;
  /** The drawn parameters of a generated question, as JSON text. */
  params: string | null;
  slips: string[];
  undone: boolean;
}

/** A card's history in time order for a replay; `fresh` marks rows not yet in the database. */
export interface HistoryRow extends LogRow { fresh: boolean }

/** What replaying one card's history gives: the states around each row, and the card at the end. */
export interface Replayed {
  /** Per history row (same order): the state before (null at first sight) and after it; `leeched` when it made the card a leech. */
  steps: Array<{ before: CardState | null; after: CardState; leeched?: boolean }>;
  /** The card after its last review that was not undone; null when none counts. */
  final: CardState | null;
  leech: boolean;
}

/** What a merge did. */
export interface MergeResult {
  inserted: number;
  /** Rows already present (same question id and time). */
  skipped: number;
  /** Rows present here but undone in the import: now undone here too. */
  undone: number;
  /** Cards whose state was recomputed. */
  cards: number;
}

/** A reviewed card's memory as predictions need it (Store.memoryStates). */
export interface MemoryRow {
  stability: number;
  difficulty: number;
  /** Epoch ms of the last review. */
  last_review: number;
  due: number;
  reps: number;
}

/** Store.memoryColumns: row i of every array is one card reviewed or suspended. */
export interface MemoryColumns {
  id: string[];
  stability: Float64Array;
  difficulty: Float64Array;
  /** Epoch ms of the last review (NaN: none). */
  lastReview: Float64Array;
  due: Float64Array;
  reps: Float64Array;
  /** 1: suspended. */
  suspended: Uint8Array;
  /** 1: has a memory state (reviewed, with a last review); 0: only suspended. */
  reviewed: Uint8Array;
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

const LOG_COLS = 'card_id, reviewed_at, day, rating, state_before, elapsed_ms, answer, correct, question_hash, params, slip, undone';

/** The question hash of the last review that counts (what the card row remembers). */
function lastHash(history: readonly LogRow[]): string | null {
  for (let i = history.length - 1; i >= 0; i--) if (!history[i]!.undone) return history[i]!.question_hash;
  return null;
}

/**
 * Rows whose first column is the review id, in id order: a table scan gives
 * them so (rowid order), which is checked rather than assumed.
 */
function inIdOrder<T extends [number, ...unknown[]]>(rows: T[]): T[] {
  for (let i = 1; i < rows.length; i++) if (rows[i]![0] < rows[i - 1]![0]) return rows.sort((a, b) => a[0] - b[0]);
  return rows;
}

function logRowOf(r: unknown[]): LogRow {
  return historyRowOf(r, false);
}

/** A log row from the database as a history row (built in one object: 100,000 of them in an optimize). */
function historyRowOf(r: unknown[], fresh: boolean): HistoryRow {
  const [card_id, reviewed_at, day, rating, state_before, elapsed_ms, answer, correct, question_hash, params, slip, undone] = r;
  return {
    card_id: card_id as string,
    reviewed_at: reviewed_at as number,
    day: day as string,
    rating: rating as Rating,
    state_before: state_before as CardStateKind,
    elapsed_ms: elapsed_ms as number,
    answer: (answer as string | null) ?? null,
    correct: correct === null || correct === undefined ? null : correct === 1,
    question_hash: (question_hash as string | null) ?? null,
    params: (params as string | null) ?? null,
    slips: typeof slip === 'string' && slip !== '' ? slip.split(',') : [],
    undone: undone === 1,
    fresh,
  };
}

export interface StoreOptions extends OpenOptions {
  /**
   * Keep today's backup if there is none yet (the commands that study turn
   * this on; it runs in the background and close() waits for it).
   */
  dailyBackup?: boolean;
}

export class Store {
  /** Today's backup while it is being made. */
  private pending: Promise<string | undefined> | undefined;
  private closing = false;
  private closed = false;

  private constructor(readonly db: Db, readonly file: string, private readonly opened: OpenedDb, readonly backup?: string) {}

  /**
   * Opens the store in a data directory. Before anything can write to the
   * file it is checked (see openDb): a damaged, foreign or newer database is
   * refused with the file untouched, so every writer goes through the check.
   */
  static open(dir: string, opts: StoreOptions): Store {
    const o = openDb(dir, opts);
    const store = new Store(o.db, o.file, o, o.backup);
    const day = localDay(opts.now);
    if (opts.dailyBackup && o.foundVersion > 0 && o.checkedDay === day && dailyBackupDue(dir, day)) {
      store.pending = dailyBackup(o.db, dir, day).finally(() => {
        store.pending = undefined;
        if (store.closing) store.close();
      });
    }
    return store;
  }

  /** Resolves when today's backup (if one is being made) is done. */
  async settled(): Promise<void> {
    await this.pending;
  }

  /**
   * Closes the database (after today's backup, if it is still running) and
   * stamps the file as sound, so the next run can skip the full check.
   */
  close(): void {
    if (this.closed) return;
    if (this.pending) {
      this.closing = true;
      return;
    }
    this.closed = true;
    try {
      this.db.close();
    } catch {
      // closing after a fault: nothing left to save
      return;
    }
    writeStamp(this.file, this.opened.checkedDay, this.opened.ino);
  }

  /** Runs `fn` (which writes), turning SQLite faults into one-line StoreErrors. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw storeFault(e, this.file, 'write');
    }
  }

  /** Runs `fn`, which only reads: a fault there lost nothing, and the message says so. */
  read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw storeFault(e, this.file, 'read');
    }
  }

  /**
   * The cards as the queue and the forecasts need them, cheaply for thousands
   * of cards: those due before `dueBefore`, suspended, buried or leeches in
   * brief; every other card only by id (seen, due later).
   */
  snapshot(dueBefore: number): CardSnapshot {
    return this.read(() => {
      // One read of every card: the far ones by id alone (a 0 in place of the state).
      const rows = rowsOf<[string, number, number, number, number, number | null, number]>(this.db, {
        cols: 'id, CASE WHEN due < ? OR suspended = 1 OR leech = 1 OR buried_until IS NOT NULL THEN state + 1 ELSE 0 END, due, reps, suspended, buried_until, leech',
        from: 'FROM cards', params: [dueBefore], bounded: true,
      });
      const near = new Map<string, CardBrief>();
      const seen = new Set<string>();
      for (const [id, near1, due, reps, suspended, buried, leech] of rows) {
        seen.add(id);
        if (near1 > 0) near.set(id, { id, state: (near1 - 1) as CardStateKind, due, reps, suspended: suspended === 1, buried_until: buried, leech: leech === 1 });
      }
      return { near, seen, dueBefore };
    });
  }

  card(id: string): CardRow | undefined {
    return this.read(() => {
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
    return this.read(() => {
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
    return this.read(() => (this.db.prepare('SELECT * FROM reviews WHERE card_id = ? ORDER BY id').all(id) as SqlRow[]).map(reviewOf));
  }

  /** Reviews in id order, for tests and exports. */
  allReviews(): ReviewRow[] {
    return this.read(() => (this.db.prepare('SELECT * FROM reviews ORDER BY id').all() as SqlRow[]).map(reviewOf));
  }

  /** Review counts per study day from `fromDay` on. */
  countsByDay(fromDay: string): Map<string, number> {
    return this.read(() => {
      const rows = this.db.prepare('SELECT day, reviews AS n FROM review_days WHERE day >= ? AND reviews > 0').all(fromDay) as SqlRow[];
      return new Map(rows.map((r) => [r.day as string, r.n as number]));
    });
  }

  /** Study days with at least one review, on or before `lastDay`, latest first. */
  reviewDays(lastDay: string): string[] {
    return this.read(() => this.db.prepare('SELECT day FROM review_days WHERE reviews > 0 AND day <= ? ORDER BY day DESC').pluck().all(lastDay) as string[]);
  }

  /** Number of reviews and how many were recalled (rated above Again), optionally from a day on. */
  recall(fromDay?: string): { total: number; recalled: number } {
    return this.read(() => {
      const r = this.db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(rating > 1), 0) AS recalled FROM reviews WHERE undone = 0 ${fromDay ? 'AND day >= ?' : ''}`)
        .get(...(fromDay ? [fromDay] : [])) as SqlRow;
      return { total: r.total as number, recalled: r.recalled as number };
    });
  }

  /**
   * How often each slip id (core/slips.ts) was recorded, and the last study
   * day it was, over the reviews from `fromDay` on (all when omitted; undone
   * reviews left out). One review may name several slips: each counts.
   */
  slipCounts(fromDay?: string): Map<string, { count: number; lastDay: string }> {
    return this.guard(() => {
      const rows = this.db.prepare(`SELECT slip, day FROM reviews WHERE slip IS NOT NULL AND undone = 0 ${fromDay ? 'AND day >= ?' : ''}`)
        .all(...(fromDay ? [fromDay] : [])) as SqlRow[];
      const out = new Map<string, { count: number; lastDay: string }>();
      for (const r of rows) {
        for (const id of String(r.slip).split(',')) {
          if (id === '') continue;
          const prev = out.get(id);
          const day = r.day as string;
          out.set(id, { count: (prev?.count ?? 0) + 1, lastDay: prev && prev.lastDay > day ? prev.lastDay : day });
        }
      }
      return out;
    });
  }

  /**
   * Where each slip id was recorded: the questions (card ids) whose reviews
   * named it, with how often (undone reviews left out), so stats can suggest
   * the drills where the student actually made it.
   */
  slipCards(): Map<string, Map<string, number>> {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT slip, card_id, COUNT(*) AS n FROM reviews WHERE slip IS NOT NULL AND undone = 0 GROUP BY slip, card_id').all() as SqlRow[];
      const out = new Map<string, Map<string, number>>();
      for (const r of rows) {
        for (const id of String(r.slip).split(',')) {
          if (id === '') continue;
          const cards = out.get(id) ?? new Map<string, number>();
          cards.set(String(r.card_id), (cards.get(String(r.card_id)) ?? 0) + (r.n as number));
          out.set(id, cards);
        }
      }
      return out;
    });
  }

  startSession(now: Date, day: string, mode: string): number {
    return this.guard(() => Number(this.db.prepare('INSERT INTO sessions (started_at, day, mode) VALUES (?, ?, ?)').run(now.getTime(), day, mode).lastInsertRowid));
  }

  endSession(id: number, now: Date): void {
    this.guard(() => this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ?').run(now.getTime(), id));
  }
  /** Every card row. */
  allCards(): CardRow[] {
    return this.guard(() => (this.db.prepare(`SELECT ${CARD_COLS} FROM cards`).all() as SqlRow[]).map(cardOf));
  }

  /**
   * The memory of every card that has been reviewed or suspended, in
   * columns (row i of each): what predictions need, in one scan of few
   * columns. A plan over 10,000 cards keeps them as a few arrays of numbers,
   * not 10,000 objects for the garbage collector to copy while it runs.
   */
  memoryColumns(): MemoryColumns {
    return this.guard(() => {
      const rows = this.db.prepare('SELECT id, stability, difficulty, last_review, due, suspended, reps FROM cards WHERE reps > 0 OR suspended = 1')
        .raw().all() as [string, number, number, number | null, number, number, number][];
      const n = rows.length;
      const c: MemoryColumns = {
        id: new Array<string>(n), stability: new Float64Array(n), difficulty: new Float64Array(n), lastReview: new Float64Array(n),
        due: new Float64Array(n), reps: new Float64Array(n), suspended: new Uint8Array(n), reviewed: new Uint8Array(n),
      };
      // Indexed, not destructured: destructuring runs the array iterator for every field, and this loop runs before V8 optimises it.
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        c.id[i] = r[0];
        c.stability[i] = r[1];
        c.difficulty[i] = r[2];
        c.lastReview[i] = r[3] ?? Number.NaN;
        c.due[i] = r[4];
        c.suspended[i] = r[5] === 1 ? 1 : 0;
        c.reps[i] = r[6];
        c.reviewed[i] = r[6] > 0 && r[3] !== null ? 1 : 0;
      }
      return c;
    });
  }

  /** memoryColumns by id: the memory of each reviewed card, and which are suspended. */
  memoryStates(): Map<string, { memory?: MemoryRow; suspended: boolean }> {
    const c = this.memoryColumns();
    const out = new Map<string, { memory?: MemoryRow; suspended: boolean }>();
    c.id.forEach((id, i) => {
      const suspended = c.suspended[i] === 1;
      out.set(id, c.reviewed[i] === 1
        ? { memory: { stability: c.stability[i]!, difficulty: c.difficulty[i]!, last_review: c.lastReview[i]!, due: c.due[i]!, reps: c.reps[i]! }, suspended }
        : { suspended });
    });
    return out;
  }

  /**
   * Brings due dates forward for an exam (config set exam): every reviewed
   * card gets `cap(id, due, last_review)`; only earlier dates are taken, in
   * one transaction. Returns how many cards moved.
   */
  capDueDates(cap: (id: string, due: number, lastReview: number) => number): number {
    return this.guard(() => this.db.transaction((): number => {
      const rows = this.db.prepare('SELECT id, due, last_review FROM cards WHERE reps > 0 AND last_review IS NOT NULL').raw().all() as [string, number, number][];
      const move = this.db.prepare('UPDATE cards SET due = ?, scheduled_days = MAX(0, CAST(ROUND((? - last_review) / 86400000.0) AS INTEGER)) WHERE id = ?');
      let moved = 0;
      for (const [id, due, last] of rows) {
        const to = cap(id, due, last);
        if (to < due) {
          move.run(to, to, id);
          moved += 1;
        }
      }
      return moved;
    }).immediate());
  }

  /**
   * How long the student takes, from the last 1,000 answers (recent pace is
   * what a plan needs; each answer counted at most 5 minutes, as a pause is
   * not study): per review of a known card, and per new card over its first
   * day (first sight and the learning steps).
   */
  studyTimes(): { reviews: number; reviewMs: number; fresh: number; freshMs: number } {
    return this.guard(() => {
      const r = this.db.prepare(`SELECT
          COALESCE(SUM(state_before >= 2), 0) AS reviews,
          COALESCE(SUM(CASE WHEN state_before >= 2 THEN MIN(elapsed_ms, 300000) ELSE 0 END), 0) AS review_ms,
          COALESCE(SUM(state_before = 0), 0) AS fresh,
          COALESCE(SUM(CASE WHEN state_before < 2 THEN MIN(elapsed_ms, 300000) ELSE 0 END), 0) AS fresh_ms
        FROM reviews WHERE undone = 0 AND id > (SELECT COALESCE(MAX(id), 0) - 1000 FROM reviews)`).get() as SqlRow;
      return { reviews: r.reviews as number, reviewMs: r.review_ms as number, fresh: r.fresh as number, freshMs: r.fresh_ms as number };
    });
  }

  /** The review log in time order (then row order), undone rows included only when asked. */
  logRows(withUndone: boolean): LogRow[] {
    return this.guard(() => {
      // Row by row: SQLite's sort is most of this read, and json_group_array sorts slower.
      const rows = this.db.prepare(`SELECT ${LOG_COLS} FROM reviews ${withUndone ? '' : 'WHERE undone = 0'} ORDER BY reviewed_at, card_id, id`).raw().all() as unknown[][];
      return rows.map(logRowOf);
    });
  }

  /**
   * Merges reviews from another machine or an export, in one IMMEDIATE
   * transaction: rows already present (same question id and time, counted:
   * two such rows here match the first two in the file) are skipped, except
   * that an undo made elsewhere is carried over; every touched card's
   * history is replayed by `replay` in time order, the new rows are appended
   * with the states the replay gives them, and the card takes the final state.
   * Suspended stays as it was (a leech found by the replay suspends).
   * The rows given become this call's: the new ones are marked `fresh`
   * rather than copied.
   */
  mergeLog(rows: LogRow[], replay: (id: string, history: HistoryRow[]) => Replayed): MergeResult {
    return this.guard(() => this.db.transaction((): MergeResult => {
      // Rows here by question id and time; a fixed clock (--now) can give one card several
      // answers at the same time, so each key holds a list, matched in order (a multiset).
      const present = new Map<string, Array<{ id: number; undone: boolean }>>();
      const hasHistory = new Set<string>();
      for (const [id, card, at, undone] of inIdOrder(rowsOf<[number, string, number, number]>(this.db, { cols: 'id, card_id, reviewed_at, undone', from: 'FROM reviews' }))) {
        const key = `${card}\u0000${at}`;
        const list = present.get(key);
        if (list) list.push({ id, undone: undone === 1 });
        else present.set(key, [{ id, undone: undone === 1 }]);
        hasHistory.add(card);
      }
      const used = new Map<string, number>();
      const fresh = new Map<string, LogRow[]>();
      const undo: number[] = [];
      const touched = new Set<string>();
      let skipped = 0;
      for (const r of rows) {
        const key = `${r.card_id}\u0000${r.reviewed_at}`;
        const n = used.get(key) ?? 0;
        const had = present.get(key)?.[n];
        if (had) {
          used.set(key, n + 1);
          skipped += 1;
          if (r.undone && !had.undone) {
            undo.push(had.id);
            had.undone = true;
            touched.add(r.card_id);
          }
          continue;
        }
        const list = fresh.get(r.card_id);
        if (list) list.push(r);
        else fresh.set(r.card_id, [r]);
        touched.add(r.card_id);
      }
      const markUndone = this.db.prepare('UPDATE reviews SET undone = 1 WHERE id = ?');
      const unsession = this.db.prepare('UPDATE sessions SET answered = answered - 1, recalled = recalled - (SELECT rating > 1 FROM reviews WHERE id = ?) WHERE id = (SELECT session_id FROM reviews WHERE id = ?)');
      for (const id of undo) {
        markUndone.run(id);
        unsession.run(id, id);
      }
      // The per-day counts are kept by a trigger, one upsert per row: for a whole log
      // that is a third of the work, so the trigger is set aside (inside this
      // transaction: readers never see it missing) and the days counted at once.
      const trigger = this.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'reviews_day_count'").pluck().get() as string | undefined;
      if (trigger) this.db.exec('DROP TRIGGER reviews_day_count');
      const days = new Map<string, number>();
      const history = this.db.prepare(`SELECT ${LOG_COLS} FROM reviews WHERE card_id = ? ORDER BY reviewed_at, id`).raw();
      const insert = this.db.prepare(`
        INSERT INTO reviews (card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms, answer, correct, question_hash, params, session_id, slip, undone)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`);
      const write = this.replayWriter(true);
      let inserted = 0;
      for (const id of touched) {
        const old = hasHistory.has(id) ? (history.all(id) as unknown[][]).map((r) => historyRowOf(r, false)) : [];
        // The parsed rows are this call's own: marked rather than copied (100,000 copies in a whole-log import).
        const add = (fresh.get(id) ?? []) as HistoryRow[];
        for (const r of add) r.fresh = true;
        const merged = old.length === 0 ? add : [...old, ...add];
        // Stable: at equal times the row already here comes first.
        merged.sort((a, b) => a.reviewed_at - b.reviewed_at);
        const out = replay(id, merged);
        for (let i = 0; i < merged.length; i++) {
          const r = merged[i]!;
          if (!r.fresh) continue;
          const step = out.steps[i]!;
          insert.run(
            r.card_id, r.reviewed_at, r.day, r.rating, r.state_before, JSON.stringify(step.before), JSON.stringify(step.leeched ? { ...step.after, leech: true } : step.after),
            Math.max(0, Math.round(r.elapsed_ms)), r.answer, r.correct === null ? null : r.correct ? 1 : 0, r.question_hash, r.params,
            r.slips.length > 0 ? r.slips.join(',') : null, r.undone ? 1 : 0,
          );
          inserted += 1;
          if (!r.undone) days.set(r.day, (days.get(r.day) ?? 0) + 1);
        }
        write(id, out, lastHash(merged));
      }
      if (trigger) {
        this.db.exec(trigger);
        const count = this.db.prepare('INSERT INTO review_days (day, reviews) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET reviews = reviews + excluded.reviews');
        for (const [day, n] of days) count.run(day, n);
      }
      return { inserted, skipped, undone: undo.length, cards: touched.size };
    }).immediate());
  }

  /**
   * Replays the history of every card that has one (after new FSRS parameters)
   * in one transaction. With `reschedule` false only the memory state
   * (stability, difficulty) changes and due dates stay, as Anki does when
   * parameters change; with true the whole replayed state is taken.
   */
  replayAll(replay: (id: string, history: HistoryRow[]) => Replayed, reschedule: boolean): number {
    return this.guard(() => this.db.transaction((): number => {
      const rows = this.db.prepare(`SELECT ${LOG_COLS} FROM reviews ORDER BY card_id, reviewed_at, id`).raw().all() as unknown[][];
      const write = this.replayWriter(reschedule);
      let cards = 0;
      let start = 0;
      while (start < rows.length) {
        const id = rows[start]![0] as string;
        let end = start;
        while (end < rows.length && rows[end]![0] === id) end += 1;
        const merged = rows.slice(start, end).map((r) => historyRowOf(r, false));
        const out = replay(id, merged);
        if (out.final && write(id, out, lastHash(merged))) cards += 1;
        start = end;
      }
      return cards;
    }).immediate());
  }

  /**
   * Writes replayed cards (statements prepared once for thousands of cards):
   * the whole state, or only stability and difficulty. Returns whether a card
   * row was written.
   */
  private replayWriter(whole: boolean): (id: string, out: Replayed, hash: string | null) => boolean {
    // Nothing counts any more (every review undone): the question is new again, as undo does.
    const drop = this.db.prepare('DELETE FROM cards WHERE id = ? AND suspended = 0 AND buried_until IS NULL');
    const memory = this.db.prepare('UPDATE cards SET stability = ?, difficulty = ? WHERE id = ?');
    const upsert = this.db.prepare(`
      INSERT INTO cards (${CARD_COLS}) VALUES (@id, @state, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @reps, @lapses, @learning_steps, @last_review, @leech, NULL, @leech, @hash)
      ON CONFLICT(id) DO UPDATE SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
        elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, reps = @reps, lapses = @lapses,
        learning_steps = @learning_steps, last_review = @last_review, hash = COALESCE(@hash, hash),
        suspended = MAX(suspended, @leech), leech = MAX(leech, @leech)`);
    return (id, out, hash) => {
      const a = out.final;
      if (!a) {
        drop.run(id);
        return false;
      }
      if (!whole) return memory.run(a.stability, a.difficulty, id).changes > 0;
      upsert.run({ id, ...a, leech: out.leech ? 1 : 0, hash });
      return true;
    };
  }

}

