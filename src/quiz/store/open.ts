/**
 * Opening the database safely: refuse a damaged file or one written by a
 * newer dlnotes before anything is written to it, keep a backup copy before
 * migrating an older one, and run migrations in one IMMEDIATE transaction so
 * two processes starting at once do not both migrate.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dbPath } from './paths';
import { MIGRATIONS, type Migration } from './schema';
import { StoreError, storeFault } from './errors';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  file: string;
  /** The schema version found before migrating (0 for a new file). */
  foundVersion: number;
  /** The backup made before migrating, if any. */
  backup?: string;
}

const HEADER = 'SQLite format 3\0';

function checkHeader(file: string): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const buf = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (buf.toString('latin1') !== HEADER) {
    throw new StoreError(`${file}: not an SQLite database (damaged or overwritten); it was left untouched: move it aside to start afresh, or restore a backup (dlnotes.db.bak-*)`);
  }
}

/** The schema version of an open database; 0 when it is empty. Throws on a foreign database. */
export function schemaVersion(db: Db, file: string): number {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (tables.length === 0) return 0;
  if (!tables.includes('schema_version')) {
    throw new StoreError(`${file}: this SQLite file is not a dlnotes database (no schema_version table); it was left untouched`);
  }
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

/** Opens (creating if needed) the database in `dir`, checked and migrated. */
export function openDb(dir: string, opts: OpenOptions): OpenedDb {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]!.version;
  const file = dbPath(dir);
  let db: Db | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    checkHeader(file);
    db = new Database(file);
    db.pragma('busy_timeout = 10000');
    const found = schemaVersion(db, file);
    if (found > latest) {
      throw new StoreError(`${file}: the database was written by a newer dlnotes (schema v${found}; this version knows up to v${latest}); it was left untouched: upgrade dlnotes`);
    }
    db.pragma('journal_mode = WAL');
    // Every answer is committed on its own: FULL makes it survive a power cut too, not just a kill.
    db.pragma('synchronous = FULL');
    let backup: string | undefined;
    if (found < latest) {
      if (found > 0) {
        backup = backupName(file, found, opts.now);
        db.prepare('VACUUM INTO ?').run(backup);
      }
      migrate(db, migrations, opts.now);
    }
    return { db, file, foundVersion: found, ...(backup ? { backup } : {}) };
  } catch (e) {
    db?.close();
    throw storeFault(e, file);
  }
}
