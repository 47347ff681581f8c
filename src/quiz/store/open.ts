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
import { msg } from '../../core/text';

const M = {
  notSqlite: msg((file: string) => `${file}: not an SQLite database (damaged or overwritten); it was left untouched: move it aside to start afresh, or restore a backup (dlnotes.db.bak-*)`,
    (file) => `${file}：不是 SQLite 数据库（已损坏或被覆盖）；文件未被改动：把它移开可重新开始，或恢复一个备份（dlnotes.db.bak-*）`),
  notOurs: msg((file: string) => `${file}: this SQLite file is not a dlnotes database (no schema_version table); it was left untouched`,
    (file) => `${file}：这个 SQLite 文件不是 dlnotes 的数据库（没有 schema_version 表）；文件未被改动`),
  newer: msg((file: string, found: number, latest: number) => `${file}: the database was written by a newer dlnotes (schema v${found}; this version knows up to v${latest}); it was left untouched: upgrade dlnotes`,
    (file, found, latest) => `${file}：数据库由更新版本的 dlnotes 写入（schema v${found}；本版本最高支持 v${latest}）；文件未被改动：请升级 dlnotes`),
};

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
    throw new StoreError(M.notSqlite(file));
  }
}

/** The schema version of an open database; 0 when it is empty. Throws on a foreign database. */
export function schemaVersion(db: Db, file: string): number {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (tables.length === 0) return 0;
  if (!tables.includes('schema_version')) {
    throw new StoreError(M.notOurs(file));
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
      throw new StoreError(M.newer(file, found, latest));
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
