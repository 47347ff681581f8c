/**
 * Reading a file the student names (a homework file, a spec, a bank deck,
 * the config) without letting it exhaust memory: only regular files, pipes
 * and sockets are read (`check <(…)` and `--spec /dev/stdin` keep working),
 * never a device such as /dev/zero; a regular file's size is checked before
 * reading and a pipe is read only up to the limit. Every refusal is one line
 * that names the file and states the limit.
 */
import { closeSync, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { msg } from './core/text';
import { decodeText } from './read-text';
import { UsageError } from './errors';

const MB = 1024 * 1024;

let pause: Int32Array | undefined;

/** Size limits, in bytes. */
export const FILE_LIMITS = {
  /** A homework file for `dlnotes check`: hundreds of problems fit in a few KB. */
  homework: MB,
  /** A network spec (--spec): the largest zoo network as YAML is about 60 KB. */
  spec: MB,
  /** One deck file of a question bank: about 40,000 questions. */
  deck: 16 * MB,
  /** sections.yaml, tags.yaml, config.json. */
  small: MB,
} as const;

export const fmtSize = (bytes: number): string => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

const M = {
  missing: msg((label: string, path: string) => `${label}: "${path}": no such file`, (label, path) => `${label}："${path}"：文件不存在`),
  dangling: msg(
    (label: string, path: string, target: string) => `${label}: "${path}" is a symbolic link to "${target}", which does not exist`,
    (label, path, target) => `${label}："${path}" 是指向 "${target}" 的符号链接，但目标不存在`,
  ),
  loop: msg((label: string, path: string) => `${label}: "${path}" is a symbolic link that loops back on itself`, (label, path) => `${label}："${path}" 是循环的符号链接`),
  directory: msg((label: string, path: string) => `${label}: "${path}" is a directory; give a file`, (label, path) => `${label}："${path}" 是目录，请给出文件`),
  special: msg(
    (label: string, path: string, kind: string) => `${label}: "${path}" is not a regular file (${kind}); give a file or a pipe`,
    (label, path, kind) => `${label}："${path}" 不是普通文件（${kind}）；请给出文件或管道`,
  ),
  tooLarge: msg(
    (label: string, path: string, size: string, max: string) => `${label}: "${path}" is ${size}; it may be at most ${max}`,
    (label, path, size, max) => `${label}："${path}" 有 ${size}；最多 ${max}`,
  ),
  pipeTooLarge: msg(
    (label: string, path: string, max: string) => `${label}: more than ${max} came through "${path}"; it may be at most ${max}`,
    (label, path, max) => `${label}：从 "${path}" 读到的内容超过 ${max}；最多 ${max}`,
  ),
  unreadable: msg((label: string, path: string, code: string) => `${label}: "${path}" cannot be read (${code})`, (label, path, code) => `${label}："${path}" 无法读取（${code}）`),
};

function kindOf(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  return 'a special file';
}

/** Why `path` cannot be opened, in one line: a dangling or looping link says so. */
export function openFailure(label: string, path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'ELOOP') return new UsageError(M.loop(label, path));
  if (code === 'EISDIR') return new UsageError(M.directory(label, path));
  if (code === 'ENOENT') {
    try {
      if (lstatSync(path).isSymbolicLink()) return new UsageError(M.dangling(label, path, readlinkSync(path)));
    } catch {
      // not there at all
    }
    return new UsageError(M.missing(label, path));
  }
  return new UsageError(M.unreadable(label, path, code));
}

/**
 * The file's text (UTF-8, with or without a byte-order mark), or a
 * UsageError naming it: missing, a dangling or looping symbolic link, a
 * directory, a device, larger than `max` bytes, or not UTF-8 (read-text.ts).
 */
export function readTextFile(path: string, label: string, max: number): string {
  const text = decodeText(readFileBytes(path, label, max), label, path);
  if (typeof text !== 'string') throw new UsageError(text);
  return text;
}

/** The file's bytes, refused as readTextFile says before more than `max` bytes are read. */
export function readFileBytes(path: string, label: string, max: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw openFailure(label, path, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(M.directory(label, path));
    if (st.isFile()) {
      if (st.size > max) throw new UsageError(M.tooLarge(label, path, fmtSize(st.size), fmtSize(max)));
      return readUpTo(fd, max, label, path);
    }
    if (st.isFIFO() || st.isSocket()) return readUpTo(fd, max, label, path);
    throw new UsageError(M.special(label, path, kindOf(st)));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw openFailure(label, path, e);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, refusing once more than `max` bytes have come (a file may grow while read; a pipe has no size). */
function readUpTo(fd: number, max: number, label: string, path: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // A non-blocking pipe with nothing in it yet: wait a moment.
      pause ??= new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(pause, 0, 0, 2);
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new UsageError(M.pipeTooLarge(label, path, fmtSize(max)));
    chunks.push(buf.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}
