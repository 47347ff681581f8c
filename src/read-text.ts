/**
 * Reading a text file a student wrote (a homework file, a network spec, a
 * question bank): UTF-8 with or without a byte-order mark. A UTF-16 file or
 * one in another encoding (GBK, from a Chinese Windows editor) gets a
 * message saying so, never a garbled parse. Errors are one line naming the
 * file (`what` says which input it is, e.g. "--spec").
 */
import { readFileSync } from 'node:fs';
import { msg, type Text } from './core/text';
import { UsageError } from './errors';

const M = {
  missing: msg((what: string, file: string) => `${what}: cannot read "${file}": no such file`, (what, file) => `${what}：无法读取 "${file}"：文件不存在`),
  cannot: msg((what: string, file: string, code: string) => `${what}: cannot read "${file}" (${code})`, (what, file, code) => `${what}：无法读取 "${file}"（${code}）`),
  utf16: msg((what: string, file: string) => `${what}: "${file}" is saved as UTF-16; save it as UTF-8 and try again`, (what, file) => `${what}："${file}" 是 UTF-16 编码；请另存为 UTF-8 后再试`),
  notUtf8: msg((what: string, file: string, line: number) => `${what}: "${file}" is not UTF-8 (line ${line}); save it as UTF-8 (a Chinese editor may have saved it as GBK)`,
    (what, file, line) => `${what}："${file}" 不是 UTF-8 编码（第 ${line} 行）；请另存为 UTF-8（中文编辑器可能存成了 GBK）`),
};

/** Decodes a file's bytes as UTF-8 text; a message (not a throw) when it is not. */
export function decodeText(bytes: Uint8Array, what: string, file: string): string | Exclude<Text, string> {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return M.utf16(what, file);
  // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
  const sample = bytes.subarray(0, 512);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (sample.length >= 4 && zeros >= sample.length / 4) return M.utf16(what, file);
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return M.notUtf8(what, file, firstBadLine(bytes.subarray(start)));
  }
}

function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let from = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(from, i));
      } catch {
        return line;
      }
      line++;
      from = i + 1;
    }
  }
  return line;
}

/** Reads a student's text file, or throws a one-line UsageError. */
export function readUserText(file: string, what: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? M.missing(what, file) : M.cannot(what, file, code ?? String(e)));
  }
  const text = decodeText(bytes, what, file);
  if (typeof text !== 'string') throw new UsageError(text);
  return text;
}
