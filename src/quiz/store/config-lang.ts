/**
 * The config key `lang`, read cheaply at start-up to decide the language of
 * every command (src/render/lang.ts). A missing or broken config file counts
 * as unset here; the commands that use the config report a broken one.
 */
import { readFileSync } from 'node:fs';
import { configPath, dataDir } from './paths';

export function configLang(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const data = JSON.parse(readFileSync(configPath(dataDir(env)), 'utf8')) as { lang?: unknown };
    return typeof data?.lang === 'string' ? data.lang : undefined;
  } catch {
    return undefined;
  }
}
