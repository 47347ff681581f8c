/**
 * Opening the database safely. Every check runs first on a read-only
 * connection, which can never write (not even a checkpoint when it closes):
 * a damaged file, a foreign one or one written by a newer dlnotes is refused
 * before any connection that could write to it exists, so "left untouched"
 * is true by construction. Only then is the file opened for writing; an older
 * file is copied aside and migrated in one IMMEDIATE transaction, so two
 * processes starting at once do not both migrate and a failed migration
 * rolls back to the very same bytes.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dayKey } from '../clock';
import { dbPath } from './paths';
import { MIGRATIONS, type Migration } from './schema';
import { StoreError, STORE_MESSAGES, storeFault } from './errors';
import { checkedDay, inodeOf, integrityProblems, walInUse } from './integrity';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  file: string;
  /** The schema version found before migrating (0 for a new file). */
  foundVersion: number;
  /** The backup made before migrating, if any. */
  backup?: string;
  /** The local date of the last full integrity check (today when this open ran one). */
  checkedDay: string;
  /** The inode opened, to stamp the same file when it is closed. */
  ino: string;
}

const HEADER = 'SQLite format 3\0';

function checkHeader(file: string): void {
  const buf = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (buf.toString('latin1') !== HEADER) throw new StoreError(STORE_MESSAGES.notSqlite(file));
}

/** The schema version of an open database; 0 when it is empty. Throws on a foreign database. */
export function schemaVersion(db: Db, file: string): number {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (tables.length === 0) return 0;
  if (!tables.includes('schema_version')) throw new StoreError(STORE_MESSAGES.foreign(file));
  return (db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_version').pluck().get() as number) ?? 0;
}

function backupName(file: string, version: number, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${file}.bak-v${version}-${stamp}-${process.pid}`;
}

/** Applies the migrations above the file's version, atomically. */
export function migrate(db: Db, migrations: Migration[], now: Date): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL, description TEXT NOT NULL)');
    const current = db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_version').pluck().get() as number;
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)').run(m.version, now.getTime(), m.description);
    }
  }).immediate();
}

export interface OpenOptions {
  now: Date;
  /** For tests: a different migration list. */
  migrations?: Migration[];
}

/** The local calendar date the integrity check and the daily backup go by. */
export const localDay = (now: Date): string => dayKey(now, 0);

/**
 * Everything that can be known about an existing file without writing to it:
 * its schema version (refusing a foreign or newer one) and, when it may have
 * changed since it was last known sound, SQLite's quick_check.
 */
function inspect(file: string, latest: number, today: string): { version: number; checkedDay: string } {
  checkHeader(file);
  const stamped = checkedDay(file);
  let ro: Db | undefined;
  try {
    ro = openSqlite(file, { readonly: true, fileMustExist: true });
    ro.pragma('busy_timeout = 10000');
    const version = schemaVersion(ro, file);
    if (version > latest) throw new StoreError(STORE_MESSAGES.newer(file, version, latest));
    if (stamped === today && version === latest) return { version, checkedDay: today };
    const problems = integrityProblems(ro);
    if (problems) throw new StoreError(STORE_MESSAGES.damaged(file, problems[0]!.replace(/\s+/g, ' ').slice(0, 160)));
    return { version, checkedDay: today };
  } catch (e) {
    throw storeFault(e, file, 'open');
  } finally {
    ro?.close();
  }
}

/** Opens (creating if needed) the database in `dir`, checked and migrated. */
export function openDb(dir: string, opts: OpenOptions): OpenedDb {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]!.version;
  const file = dbPath(dir);
  const today = localDay(opts.now);
  let db: Db | undefined;
  let found = 0;
  let backup: string | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const existed = existsSync(file) && (statSync(file).size > 0 || walInUse(file));
    const known = existed ? inspect(file, latest, today) : { version: 0, checkedDay: today };
    db = openSqlite(file);
    db.pragma('busy_timeout = 10000');
    // Read again on the writable connection: another process may have created or migrated it meanwhile.
    found = schemaVersion(db, file);
    if (found > latest) throw new StoreError(STORE_MESSAGES.newer(file, found, latest));
    if (found < latest) {
      if (found > 0) {
        backup = backupName(file, found, opts.now);
        db.prepare('VACUUM INTO ?').run(backup);
      }
      try {
        migrate(db, migrations, opts.now);
      } catch (e) {
        const fault = storeFault(e, file, 'open');
        if (fault !== e) throw fault;
        throw new StoreError(STORE_MESSAGES.migrate(file, latest, String((e as Error).message), backup ?? ''));
      }
    }
    // After migrating: switching a rollback-journal file to WAL rewrites its header.
    db.pragma('journal_mode = WAL');
    // Every answer is committed on its own: FULL makes it survive a power cut too, not just a kill.
    db.pragma('synchronous = FULL');
    return { db, file, foundVersion: found, ...(backup ? { backup } : {}), checkedDay: known.checkedDay, ino: inodeOf(file) ?? '' };
  } catch (e) {
    db?.close();
    throw storeFault(e, file, 'open');
  }
}
