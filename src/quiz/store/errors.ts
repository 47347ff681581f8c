/**
 * Store faults the student must hear about in one clear line (exit 2): a
 * damaged file, a database from a newer dlnotes, a full disk, a read-only
 * directory. Nothing is deleted or rewritten when these happen, and a message
 * says "left untouched" only where that is true (the checks run on a
 * read-only connection before the file is opened for writing).
 */
import { basename } from 'node:path';
import { msg, type Text } from '../../core/text';
import { UsageError } from '../../errors';

export class StoreError extends UsageError {
  constructor(message: Text) {
    super(message);
    this.name = 'StoreError';
  }
}

/** What was being done when the fault happened: it decides what the message can promise. */
export type FaultWhen = 'open' | 'read' | 'write' | 'config';

const RECOVER_EN = 'see what is wrong with dlnotes db check; go back to the last good backup with dlnotes db restore';
const RECOVER_ZH = '用 dlnotes db check 查看问题；用 dlnotes db restore 恢复到最近一次完好的备份';

export const STORE_MESSAGES = {
  damaged: msg(
    (file: string, detail: string) => `${file}: the database file is damaged (${detail}); it was left untouched: ${RECOVER_EN}`,
    (file, detail) => `${file}：数据库文件已损坏（${detail}），文件未被改动：${RECOVER_ZH}`,
  ),
  notSqlite: msg(
    (file: string) => `${file}: not an SQLite database (damaged or overwritten); it was left untouched: ${RECOVER_EN}`,
    (file) => `${file}：不是 SQLite 数据库（已损坏或被覆盖），文件未被改动：${RECOVER_ZH}`,
  ),
  foreign: msg(
    (file: string) => `${file}: this SQLite file is not a dlnotes database (no schema_version table); it was left untouched: move it aside, or set DLNOTES_HOME to another directory`,
    (file) => `${file}：这个 SQLite 文件不是 dlnotes 的数据库（没有 schema_version 表），文件未被改动：请把它移开，或把 DLNOTES_HOME 设为别的目录`,
  ),
  newer: msg(
    (file: string, found: number, latest: number) => `${file}: the database was written by a newer dlnotes (schema v${found}; this version knows up to v${latest}); it was left untouched: upgrade dlnotes`,
    (file, found, latest) => `${file}：数据库由更新版本的 dlnotes 写入（schema v${found}；本版本最多认识 v${latest}），文件未被改动：请升级 dlnotes`,
  ),
  migrate: msg(
    (file: string, version: number, detail: string, copy: string) => `${file}: could not upgrade the database to schema v${version} (${detail}); it was left untouched${copy ? ` (a copy was saved as ${copy})` : ''}`,
    (file, version, detail, copy) => `${file}：无法把数据库升级到 schema v${version}（${detail}），文件未被改动${copy ? `（副本已保存为 ${copy}）` : ''}`,
  ),
  fullRead: msg(
    (file: string) => `${file}: the disk is full: SQLite needs a few KB free even to read the database; nothing was changed. Free some space and run again`,
    (file) => `${file}：磁盘已满：SQLite 即使只读取数据库也需要几 KB 的空闲空间；没有任何改动。请释放一些空间后重试`,
  ),
  fullWrite: msg(
    (file: string) => `${file}: the disk is full: the last change was not saved (everything saved before it is kept). Free some space and run again`,
    (file) => `${file}：磁盘已满：最后一次改动没有保存（之前保存的都还在）。请释放一些空间后重试`,
  ),
  fullConfig: msg(
    (file: string) => `${file}: the disk is full: the settings were not changed. Free some space and run again`,
    (file) => `${file}：磁盘已满：设置没有改动。请释放一些空间后重试`,
  ),
  readOnly: msg(
    (file: string, detail: string, lost: boolean) => `${file}: cannot write there (${detail}); ${lost ? 'the last change was not saved' : 'nothing was changed'}: set DLNOTES_HOME to a writable directory`,
    (file, detail, lost) => `${file}：无法写入（${detail}），${lost ? '最后一次改动没有保存' : '没有任何改动'}：请把 DLNOTES_HOME 设为可写的目录`,
  ),
  cantOpen: msg(
    (file: string, detail: string) => `${file}: cannot open the database (${detail}); set DLNOTES_HOME to a writable directory`,
    (file, detail) => `${file}：无法打开数据库（${detail}）；请把 DLNOTES_HOME 设为可写的目录`,
  ),
  busy: msg(
    (file: string) => `${file}: the database stayed locked by another dlnotes process; try again`,
    (file) => `${file}：数据库一直被另一个 dlnotes 进程锁定；请稍后重试`,
  ),
  ioOpen: msg(
    (file: string, detail: string) => `${file}: input/output error while opening the database (${detail}); nothing was changed`,
    (file, detail) => `${file}：打开数据库时发生输入/输出错误（${detail}）；没有任何改动`,
  ),
  ioWrite: msg(
    (file: string, detail: string) => `${file}: input/output error (${detail}); the last change may not be saved, earlier ones are kept`,
    (file, detail) => `${file}：输入/输出错误（${detail}）；最后一次改动可能没有保存，之前的都还在`,
  ),
  badJson: msg(
    (file: string, detail: string) => `${file}: not valid JSON (${detail}); fix it or run dlnotes config reset`,
    (file, detail) => `${file}：不是有效的 JSON（${detail}）；请修正，或运行 dlnotes config reset`,
  ),
};

interface CodedError { code?: unknown; message?: unknown }

function codeOf(e: unknown): string {
  return typeof (e as CodedError)?.code === 'string' ? (e as CodedError).code as string : '';
}

/** SQLite or the file system saying the disk is full, in any of the forms it takes at 0-16 KB free. */
export function isDiskFull(e: unknown): boolean {
  const code = codeOf(e);
  const detail = String((e as CodedError)?.message ?? '');
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT'
    // The shared-memory index (-shm) cannot grow, or the journal cannot be written, for lack of space.
    || code === 'SQLITE_IOERR_SHMSIZE' || code === 'SQLITE_IOERR_SHMMAP'
    || ((code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_SHORT_WRITE' || code === 'SQLITE_IOERR_TRUNCATE') && /space|full/i.test(detail));
}

export function isCorrupt(e: unknown): boolean {
  const code = codeOf(e);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/**
 * Turns an SQLite or file-system error into a StoreError with advice; other
 * errors pass through. `when` decides what the message may promise: a fault
 * while opening or reading changed nothing; one while writing lost only the
 * last change.
 */
export function storeFault(e: unknown, file: string, when: FaultWhen = 'write'): unknown {
  if (e instanceof StoreError) return e;
  const code = codeOf(e);
  const detail = String((e as CodedError)?.message ?? e);
  if (isCorrupt(e)) return new StoreError(STORE_MESSAGES.damaged(file, detail));
  if (isDiskFull(e)) {
    return new StoreError(when === 'write' ? STORE_MESSAGES.fullWrite(file) : when === 'config' ? STORE_MESSAGES.fullConfig(file) : STORE_MESSAGES.fullRead(file));
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(STORE_MESSAGES.readOnly(file, detail, when === 'write' || when === 'config'));
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR') return new StoreError(STORE_MESSAGES.cantOpen(file, detail));
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new StoreError(STORE_MESSAGES.busy(file));
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new StoreError(when === 'write' ? STORE_MESSAGES.ioWrite(file, detail) : STORE_MESSAGES.ioOpen(file, detail));
  }
  return e;
}

/** The file name alone, for messages that already say where the data directory is. */
export const shortName = (file: string): string => basename(file);
