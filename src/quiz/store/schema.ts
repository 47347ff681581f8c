/**
 * The database schema as ordered migrations. `schema_version` holds one row
 * per applied migration; the highest is the file's version. Never edit a
 * released migration: add the next one.
 */

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'cards and the append-only review log',
    sql: `
      CREATE TABLE cards (
        id TEXT PRIMARY KEY,
        state INTEGER NOT NULL,
        due INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        learning_steps INTEGER NOT NULL,
        last_review INTEGER,
        suspended INTEGER NOT NULL DEFAULT 0,
        buried_until INTEGER,
        leech INTEGER NOT NULL DEFAULT 0,
        hash TEXT
      );
      CREATE INDEX cards_due ON cards(due);
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        card_id TEXT NOT NULL,
        reviewed_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        rating INTEGER NOT NULL,
        state_before INTEGER NOT NULL,
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        elapsed_ms INTEGER NOT NULL,
        answer TEXT,
        correct INTEGER,
        question_hash TEXT,
        params TEXT,
        undone INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX reviews_card ON reviews(card_id, id);
      -- Covers the per-day counts, the streak and retention without touching the log rows.
      CREATE INDEX reviews_day ON reviews(day, undone, rating, state_before);
      -- Append-only: a review is never deleted and never rewritten; only its
      -- undone flag may change (undo of the last answer).
      CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
      CREATE TRIGGER reviews_no_rewrite BEFORE UPDATE OF id, card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms, answer, correct, question_hash, params ON reviews
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
    `,
  },
  {
    version: 2,
    description: 'sessions, linked from reviews; reviews per study day',
    sql: `
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        day TEXT NOT NULL,
        answered INTEGER NOT NULL DEFAULT 0,
        recalled INTEGER NOT NULL DEFAULT 0,
        mode TEXT NOT NULL
      );
      ALTER TABLE reviews ADD COLUMN session_id INTEGER REFERENCES sessions(id);
      -- Reviews per study day, kept by triggers: streaks and the heatmap read
      -- a few hundred rows instead of the whole log.
      CREATE TABLE review_days (day TEXT PRIMARY KEY, reviews INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO review_days (day, reviews) SELECT day, COUNT(*) FROM reviews WHERE undone = 0 GROUP BY day;
      CREATE TRIGGER reviews_day_count AFTER INSERT ON reviews WHEN NEW.undone = 0 BEGIN
        INSERT INTO review_days (day, reviews) VALUES (NEW.day, 1) ON CONFLICT(day) DO UPDATE SET reviews = reviews + 1;
      END;
      CREATE TRIGGER reviews_day_uncount AFTER UPDATE OF undone ON reviews WHEN NEW.undone = 1 AND OLD.undone = 0 BEGIN
        UPDATE review_days SET reviews = reviews - 1 WHERE day = NEW.day;
      END;
    `,
  },
  {
    version: 3,
    description: 'mock exams: every paper with its items and scores',
    sql: `
      -- One row per mock exam (dlnotes exam). The row is written when the paper
      -- is drawn and updated with each answer in the same transaction as the
      -- review, so a killed exam keeps what was answered (ended stays NULL).
      CREATE TABLE exams (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        day TEXT NOT NULL,
        seed INTEGER NOT NULL,
        minutes REAL NOT NULL,
        questions INTEGER NOT NULL,
        answered INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        -- Time used on the monotonic clock, in milliseconds.
        used_ms INTEGER NOT NULL DEFAULT 0,
        -- JSON [{deck, questions, answered, correct}] in deck order.
        per_deck TEXT NOT NULL,
        -- JSON [{id, deck, type, answered, correct, given}] in paper order.
        items TEXT NOT NULL,
        -- JSON {deck?, tag?, lang}: what the paper was drawn from, to re-take it.
        scope TEXT NOT NULL,
        -- done | quit | time | input | interrupted; NULL while running (or when killed).
        ended TEXT,
        session_id INTEGER REFERENCES sessions(id)
      );
      CREATE INDEX exams_started ON exams(started_at);
    `,
  },
  {
    version: 4,
    description: 'the classic slip a wrong answer matched, kept with its review',
    sql: `
      -- Comma-separated slip ids (src/core/slips.ts) the answer matched; NULL when none.
      ALTER TABLE reviews ADD COLUMN slip TEXT;
      DROP TRIGGER reviews_no_rewrite;
      CREATE TRIGGER reviews_no_rewrite BEFORE UPDATE OF id, card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms, answer, correct, question_hash, params, session_id, slip ON reviews
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
      CREATE INDEX reviews_slip ON reviews(slip) WHERE slip IS NOT NULL;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
