/**
 * Rolling daily backups: the first run of each day copies the (just
 * checked) database into `backups/dlnotes-YYYY-MM-DD.db` with SQLite's online
 * backup, which copies a consistent snapshot page by page while the run goes
 * on (a file copy could catch a half-written page). The last 7 are kept.
 * The copy is written under a temporary name and renamed when complete, so a
 * killed run never leaves a half backup under a backup's name.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';

export const BACKUP_DIR = 'backups';
export const KEEP_BACKUPS = 7;

const DAILY = /^dlnotes-(\d{4}-\d{2}-\d{2})\.db$/;
// Copies made before a migration (dlnotes.db.bak-v3-2025-03-01T...): kept, never pruned.
const MIGRATION = /^dlnotes\.db\.bak-v(\d+)-(\d{4}-\d{2}-\d{2})T.*$/;

export interface BackupFile {
  /** Absolute path. */
  path: string;
  /** The file name: what `db restore NAME` takes (or the day of a daily backup). */
  name: string;
  /** The local date it was made. */
  day: string;
  kind: 'daily' | 'migration';
  bytes: number;
  /** Modification time (epoch ms): orders backups of the same day. */
  mtime: number;
}

export const backupDir = (home: string): string => join(home, BACKUP_DIR);

export const dailyBackupPath = (home: string, day: string): string => join(backupDir(home), `dlnotes-${day}.db`);

function fileInfo(path: string, day: string, kind: BackupFile['kind']): BackupFile | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? { path, name: basename(path), day, kind, bytes: s.size, mtime: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Every backup of the database in `home`, newest first. */
export function listBackups(home: string): BackupFile[] {
  const out: BackupFile[] = [];
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const name of list(backupDir(home))) {
    const m = DAILY.exec(name);
    const f = m ? fileInfo(join(backupDir(home), name), m[1]!, 'daily') : undefined;
    if (f) out.push(f);
  }
  for (const name of list(home)) {
    const m = MIGRATION.exec(name);
    const f = m ? fileInfo(join(home, name), m[2]!, 'migration') : undefined;
    if (f) out.push(f);
  }
  return out.sort((a, b) => (a.day === b.day ? b.mtime - a.mtime : a.day < b.day ? 1 : -1));
}

/** Whether today's backup is still to be made. */
export function dailyBackupDue(home: string, day: string): boolean {
  return !existsSync(dailyBackupPath(home, day));
}

/** Removes daily backups beyond the newest `keep`, and temporary files of killed runs. */
export function pruneBackups(home: string, keep = KEEP_BACKUPS): void {
  const dir = backupDir(home);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const daily = names.filter((n) => DAILY.test(n)).sort().reverse();
  const stale = names.filter((n) => /\.tmp-\d+$/.test(n) && olderThan(join(dir, n), 3_600_000));
  for (const n of [...daily.slice(keep), ...stale]) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      try {
        unlinkSync(join(dir, `${n}${suffix}`));
      } catch {
        // already gone (another run pruned it)
      }
    }
  }
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * Copies `db` to `dest` with SQLite's online backup (asynchronous: it runs
 * between other work on the same connection, and includes that work's
 * writes). Resolves with `dest` once complete and renamed into place.
 */
export async function backupTo(db: Database.Database, dest: string): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    await db.backup(tmp);
    // A rollback-journal file: reading it later (db check, restore) leaves no -wal/-shm beside it.
    const copy = openSqlite(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(tmp, dest);
    return dest;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw e;
  }
}

/** Today's backup, then pruning to the last 7. A failure costs only this backup (the next run tries again). */
export async function dailyBackup(db: Database.Database, home: string, day: string): Promise<string | undefined> {
  try {
    const path = await backupTo(db, dailyBackupPath(home, day));
    pruneBackups(home);
    return path;
  } catch {
    return undefined;
  }
}
