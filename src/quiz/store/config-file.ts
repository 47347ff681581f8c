/** Reading and writing config.json in the data directory. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { configDiff, configFromJson, ConfigError, DEFAULT_CONFIG, type QuizConfig } from '../config';
import { configPath } from './paths';
import { StoreError, storeFault } from './errors';
import { msg, txt } from '../../core/text';

const M = {
  notJson: msg((file: string, why: string) => `${file}: not valid JSON (${why}); fix it or run dlnotes config reset`,
    (file, why) => `${file}：不是有效的 JSON（${why}）；请修正，或运行 dlnotes config reset`),
};

/** The config in `dir` (defaults when there is no file). A bad file is a one-line error naming it. */
export function readConfig(dir: string): QuizConfig {
  const file = configPath(dir);
  if (!existsSync(file)) return { ...DEFAULT_CONFIG };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new StoreError(M.notJson(file, e.message));
    throw storeFault(e, file);
  }
  try {
    return configFromJson(data);
  } catch (e) {
    if (e instanceof ConfigError) throw new StoreError(txt`${file}: ${e.text}`);
    throw e;
  }
}

/** Writes only the keys that differ from the defaults, atomically (write then rename). */
export function writeConfig(dir: string, c: QuizConfig): string {
  const file = configPath(dir);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(configDiff(c), null, 2)}\n`);
    renameSync(tmp, file);
    return file;
  } catch (e) {
    throw storeFault(e, file);
  }
}
