/**
 * Store faults the student must hear about in one clear line (exit 2): a
 * corrupt file, a database from a newer dlnotes, a full disk, a read-only
 * directory. Nothing is deleted or rewritten when these happen.
 */
import { UsageError } from '../../errors';
import { msg, type Text } from '../../core/text';

const M = {
  damaged: msg((file: string, detail: string) => `${file}: the database file is damaged or not a dlnotes database (${detail}); it was left untouched: move it aside to start afresh, or restore a backup (dlnotes.db.bak-*)`,
    (file, detail) => `${file}：数据库文件已损坏，或不是 dlnotes 的数据库（${detail}）；文件未被改动：把它移开可重新开始，或恢复一个备份（dlnotes.db.bak-*）`),
  full: msg((file: string) => `${file}: the disk is full; the last answer was not saved (everything before it is kept). Free some space and run again`,
    (file) => `${file}：磁盘已满；最后一个答案没有保存（之前的都还在）。请腾出空间后再运行`),
  readOnly: msg((file: string, detail: string) => `${file}: cannot write there (${detail}); set DLNOTES_HOME to a writable directory`,
    (file, detail) => `${file}：无法写入（${detail}）；请把 DLNOTES_HOME 设为可写的目录`),
  cannotOpen: msg((file: string, detail: string) => `${file}: cannot open the database (${detail}); set DLNOTES_HOME to a writable directory`,
    (file, detail) => `${file}：无法打开数据库（${detail}）；请把 DLNOTES_HOME 设为可写的目录`),
  locked: msg((file: string) => `${file}: the database stayed locked by another dlnotes process; try again`,
    (file) => `${file}：数据库一直被另一个 dlnotes 进程锁定；请再试一次`),
  io: msg((file: string, detail: string) => `${file}: input/output error (${detail}); the last answer may not be saved, earlier ones are kept`,
    (file, detail) => `${file}：输入/输出错误（${detail}）；最后一个答案可能没有保存，之前的都还在`),
};

export class StoreError extends UsageError {
  constructor(message: Text) {
    super(message);
    this.name = 'StoreError';
  }
}

interface CodedError { code?: unknown; message?: unknown }

/** Turns an SQLite or file-system error into a StoreError with advice; other errors pass through. */
export function storeFault(e: unknown, file: string): unknown {
  if (e instanceof StoreError) return e;
  const code = typeof (e as CodedError)?.code === 'string' ? (e as CodedError).code as string : '';
  const detail = String((e as CodedError)?.message ?? e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(M.damaged(file, detail));
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code === 'SQLITE_IOERR_WRITE' && /space/i.test(detail))) {
    return new StoreError(M.full(file));
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(M.readOnly(file, detail));
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new StoreError(M.cannotOpen(file, detail));
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError(M.locked(file));
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreError(M.io(file, detail));
  }
  return e;
}
