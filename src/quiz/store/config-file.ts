/** Reading and writing config.json in the data directory. */
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../errors';
import { FILE_LIMITS, readTextFile } from '../../read';
import { configDiff, configFromJson, ConfigError, DEFAULT_CONFIG, type QuizConfig } from '../config';
import { configPath } from './paths';
import { StoreError, STORE_MESSAGES, storeFault } from './errors';
import { txt } from '../../core/text';

/** The config in `dir` (defaults when there is no file). A bad file is a one-line error naming it. */
export function readConfig(dir: string): QuizConfig {
  const file = configPath(dir);
  if (!existsSync(file)) return { ...DEFAULT_CONFIG };
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(file, 'config', FILE_LIMITS.small));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof SyntaxError) throw new StoreError(STORE_MESSAGES.badJson(file, e.message));
    throw storeFault(e, file, 'config');
  }
  try {
    return configFromJson(data);
  } catch (e) {
    if (e instanceof ConfigError) throw new StoreError(txt`${file}: ${e.text}`);
    throw e;
  }
}

/**
 * Writes only the keys that differ from the defaults, atomically (write then
 * rename). When the write fails (a full disk) the temporary file is removed:
 * the old config stays as it was and nothing is left behind.
 */
export function writeConfig(dir: string, c: QuizConfig): string {
  const file = configPath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, `${JSON.stringify(configDiff(c), null, 2)}\n`);
    renameSync(tmp, file);
    return file;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw storeFault(e, file, 'config');
  }
}
