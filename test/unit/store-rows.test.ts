import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_ROWS, rowsOf } from '../../src/quiz/store/rows';

/** The rows as better-sqlite3 hands them over one by one: what rowsOf must equal. */
function direct(db: Database.Database, sql: string, params: unknown[] = []): unknown[][] {
  return db.prepare(sql).raw().all(...params) as unknown[][];
}

function table(rows: Array<[string, number, number | null, string | null]>): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, x REAL, n INTEGER, s TEXT)');
  const ins = db.prepare('INSERT OR IGNORE INTO t VALUES (?, ?, ?, ?)');
  for (const r of rows) ins.run(...r);
  return db;
}

describe('rowsOf (many rows read as one JSON text)', () => {
  it('gives exactly the values of a row-by-row read: doubles, integers, NULL and any text', () => {
    const row = fc.tuple(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.option(fc.maxSafeInteger(), { nil: null }),
      fc.option(fc.string({ unit: 'binary', maxLength: 8 }), { nil: null }),
    );
    fc.assert(fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
      // -0 is stored by SQLite as 0.0; both readers give 0.
      const db = table(rows.map(([id, x, n, s]) => [id, Object.is(x, -0) ? 0 : x, n, s]));
      const got = rowsOf(db, { cols: 'id, x, n, s', from: 'FROM t' });
      expect(got).toEqual(direct(db, 'SELECT id, x, n, s FROM t'));
      db.close();
    }), { numRuns: 200 });
  });

  it('round-trips doubles of every magnitude bit for bit', () => {
    const xs = Array.from({ length: 5000 }, (_, i) => Math.sin(i + 1) * 10 ** ((i % 40) - 20));
    const db = table(xs.map((x, i) => [`q${i}`, x, i, null]));
    const got = rowsOf<[number, number]>(db, { cols: 'n, x', from: 'FROM t' });
    expect(got.sort((a, b) => a[0] - b[0]).map((r) => r[1])).toEqual(xs);
  });

  it('takes parameters, and gives [] for no rows', () => {
    const db = table([['b', 2, 1, 'x'], ['a', 1, 2, 'y'], ['c', 3, 3, null]]);
    expect(rowsOf(db, { cols: 'id', from: 'FROM t WHERE x > ?', params: [1] }).sort()).toEqual([['b'], ['c']]);
    expect(rowsOf(db, { cols: 'id', from: 'FROM t WHERE x > ?', params: [9], bounded: true })).toEqual([]);
  });

  it('reads row by row past MAX_JSON_ROWS rather than build one huge text', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (n INTEGER); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${MAX_JSON_ROWS + 1}) INSERT INTO t SELECT i FROM c`);
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    const got = rowsOf<[number]>(db, { cols: 'n', from: 'FROM t WHERE n > ?', params: [0] });
    expect(got).toHaveLength(MAX_JSON_ROWS + 1);
    expect(got[MAX_JSON_ROWS]).toEqual([MAX_JSON_ROWS + 1]);
    expect(seen.some((s) => s.includes('json_group_array'))).toBe(false);
  });
});
