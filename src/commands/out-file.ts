/**
 * Writing a file the student asked for (--out): whole or not at all (written
 * beside it, then renamed), so an interrupted export never leaves half a file
 * where a good one was. Problems are one line naming the file, exit 2.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { msg } from '../core/text';
import { UsageError } from '../errors';

const M = {
  noDir: msg(
    (flag: string, file: string) => `${flag}: cannot write ${file}: its directory does not exist`,
    (flag, file) => `${flag}：无法写入 ${file}：所在目录不存在`,
  ),
  cannot: msg(
    (flag: string, file: string, why: string) => `${flag}: cannot write ${file} (${why})`,
    (flag, file, why) => `${flag}：无法写入 ${file}（${why}）`,
  ),
};

/** Writes `text` to `file` atomically; returns the absolute path. */
export function writeOutFile(file: string, text: string, flag = '--out'): string {
  const path = resolve(file);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(err.code === 'ENOENT' ? M.noDir(flag, file) : M.cannot(flag, file, err.code ?? err.message));
  }
  return path;
}
