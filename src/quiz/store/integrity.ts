/**
 * Knowing the database is sound before anything writes to it.
 *
 * `PRAGMA quick_check` reads every page: about 0.15-0.4 s at 100,000 reviews
 * on a loaded 2-core machine, more than the quiz's whole start-up budget. So
 * it runs when it can find something new:
 *  - on the first run of each study day (the daily backup is taken of a
 *    checked file), and before any migration;
 *  - whenever the file is not exactly as a dlnotes run left it: after every
 *    clean close, a stamp beside the database records its inode, size and
 *    modification and change times (nanoseconds). Anything that writes the
 *    file through the file system (an editor, dd, a sync tool, a restore)
 *    changes the change time, which no program can set back; a kill -9
 *    leaves the stamp stale or a write-ahead log behind. Either way the next
 *    run checks in full.
 * Damage that bypasses the file system (a failing disk) is found by the daily
 * check at the latest; `dlnotes db check` runs the full integrity_check.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

const STAMP_SUFFIX = '.checked';

interface Stamp {
  v: 1;
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  /** The local date of the last full check. */
  day: string;
}

function fingerprint(file: string): Omit<Stamp, 'v' | 'day'> | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return { dev: String(s.dev), ino: String(s.ino), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
  } catch {
    return undefined;
  }
}

export const stampPath = (file: string): string => `${file}${STAMP_SUFFIX}`;

/** A write-ahead log with frames in it: another process is running, or one was killed. */
export function walInUse(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * The day of the last full check, when the file is byte-for-byte as the last
 * clean close left it (same inode, size and times); undefined otherwise.
 */
export function checkedDay(file: string): string | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(file), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  const now = fingerprint(file);
  if (!now || stamp.v !== 1 || walInUse(file)) return undefined;
  const same = now.dev === stamp.dev && now.ino === stamp.ino && now.size === stamp.size && now.mtimeNs === stamp.mtimeNs && now.ctimeNs === stamp.ctimeNs;
  return same ? stamp.day : undefined;
}

/**
 * Records that the file as it is now is sound (checked in full on `day`).
 * Called after a clean close; `ino` guards against the file having been
 * replaced by another one meanwhile. Failing to write it only costs a full
 * check next time.
 */
export function writeStamp(file: string, day: string, ino: string): void {
  const f = fingerprint(file);
  if (!f || f.ino !== ino || walInUse(file)) return;
  const path = stampPath(file);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ v: 1, ...f, day } satisfies Stamp));
    renameSync(tmp, path);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

/** Forgets the stamp, so the next run checks in full (after a restore). */
export function dropStamp(file: string): void {
  try {
    unlinkSync(stampPath(file));
  } catch {
    // no stamp
  }
}

/** The inode of a file, as the stamp records it. */
export function inodeOf(file: string): string | undefined {
  return fingerprint(file)?.ino;
}

/**
 * SQLite's own verdict on the file: null when sound, else the first problems
 * it reports. `full` runs integrity_check (also compares every index with its
 * table), otherwise quick_check. A page too damaged to read makes the pragma
 * throw (SQLITE_CORRUPT): that is a verdict too.
 */
export function integrityProblems(db: Database.Database, full = false, max = 10): string[] | null {
  let rows: string[];
  try {
    rows = (db.pragma(`${full ? 'integrity_check' : 'quick_check'}(${max})`) as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return [(e as Error).message];
    throw e;
  }
  return rows.length === 1 && rows[0] === 'ok' ? null : rows;
}
