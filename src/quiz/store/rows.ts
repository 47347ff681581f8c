/**
 * Reading many rows at once. better-sqlite3 hands rows over one by one, at
 * about 2-3 µs a row on this machine whatever their width: 8,000 card ids
 * cost 20-30 ms, as much as the rest of a plan. Asked for one value instead,
 * SQLite builds the rows into a single JSON text (json_group_array) in about
 * 2 ms, and JSON.parse reads it back in a few. The values are the same:
 * strings are escaped, NULL is null, integers stay integers, and the SQLite
 * built into better-sqlite3 (3.53) writes a double with the digits that read
 * back to the same double (test/unit/store-rows.test.ts checks all of these).
 * Writing and parsing doubles costs about what it saves, so rows of doubles
 * are read as before; ids, integers and short texts gain the most.
 *
 * One text holds every row, so a result larger than MAX_JSON_ROWS (a review
 * log of many years) is read row by row as before rather than risk a string
 * longer than V8 allows.
 */
import type { Db } from './open';

/** Above this many rows, read row by row (100,000 log rows make about 15 MB of JSON). */
export const MAX_JSON_ROWS = 400_000;

export interface RowQuery {
  /** The SELECT list (expressions, no aliases needed). */
  cols: string;
  /** The rest of the query from FROM on, without ORDER BY: "FROM cards WHERE due < ?". */
  from: string;
  params?: readonly unknown[];
  /** Known to fit one text (the cards table: one row per question, and a bank holds at most about 150,000); else the rows are counted first. */
  bounded?: boolean;
}

/**
 * The rows of `q` as arrays, in no particular order: an ORDER BY inside
 * json_group_array made a sorted read slower than row by row, so callers
 * that need an order read row by row or sort what they get.
 */
export function rowsOf<T extends unknown[]>(db: Db, q: RowQuery): T[] {
  const params = q.params ?? [];
  if (!q.bounded && (db.prepare(`SELECT COUNT(*) ${q.from}`).pluck().get(...params) as number) > MAX_JSON_ROWS) {
    return db.prepare(`SELECT ${q.cols} ${q.from}`).raw().all(...params) as T[];
  }
  const text = db.prepare(`SELECT json_group_array(json_array(${q.cols})) ${q.from}`).pluck().get(...params) as string;
  return JSON.parse(text) as T[];
}
