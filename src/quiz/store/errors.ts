/**
 * Store faults the student must hear about in one clear line (exit 2): a
 * corrupt file, a database from a newer dlnotes, a full disk, a read-only
 * directory. Nothing is deleted or rewritten when these happen.
 */
import { UsageError } from '../../errors';

export class StoreError extends UsageError {
  constructor(message: string) {
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
    return new StoreError(`${file}: the database file is damaged or not a dlnotes database (${detail}); it was left untouched: move it aside to start afresh, or restore a backup (dlnotes.db.bak-*)`);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code === 'SQLITE_IOERR_WRITE' && /space/i.test(detail))) {
    return new StoreError(`${file}: the disk is full; the last answer was not saved (everything before it is kept). Free some space and run again`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(`${file}: cannot write there (${detail}); set DLNOTES_HOME to a writable directory`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new StoreError(`${file}: cannot open the database (${detail}); set DLNOTES_HOME to a writable directory`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError(`${file}: the database stayed locked by another dlnotes process; try again`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreError(`${file}: input/output error (${detail}); the last answer may not be saved, earlier ones are kept`);
  }
  return e;
}
