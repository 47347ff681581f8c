/**
 * The config key `lang`, read cheaply at start-up to decide the language of
 * every command (src/render/lang.ts). A missing or broken config file counts
 * as unset here; the commands that use the config report a broken one.
 */
import { readFileSync, statSync } from 'node:fs';
import { configPath, dataDir } from './paths';

export function configLang(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const file = configPath(dataDir(env));
    // Every command reads this: never a device (a link to /dev/zero would never end) or a huge file.
    const st = statSync(file);
    if (!st.isFile() || st.size > 1024 * 1024) return undefined;
    const data = JSON.parse(readFileSync(file, 'utf8')) as { lang?: unknown };
    return typeof data?.lang === 'string' ? data.lang : undefined;
  } catch {
    return undefined;
  }
}
