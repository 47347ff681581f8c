/**
 * The language the student reads, decided once by the entry point:
 * `--lang zh|en`, else DLNOTES_LANG, else the config key `lang`, else the
 * locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese). Renderers call `t()`
 * and never look at the environment themselves.
 */
import { LANGS, tr, type Lang, type Text } from '../core/text';
import { UsageError } from '../errors';

// On the global object, not in this module: the CLI is several bundles
// (scripts/build.mjs), each with its own copy of this module.
const KEY = Symbol.for('dlnotes.lang');
const shared = globalThis as { [KEY]?: Lang };

export function setLang(lang: Lang): void {
  shared[KEY] = lang;
}

/** The language of this run (English until the entry point decides). */
export function currentLang(): Lang {
  return shared[KEY] ?? 'en';
}

/** A text in the language of this run. */
export function t(text: Text): string {
  return tr(text, currentLang());
}

/** zh when the effective locale starts with "zh" (zh_CN.UTF-8, zh_TW, zh-Hans), else en. */
export function localeLang(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v !== '') return /^zh/i.test(v) ? 'zh' : 'en';
  }
  return 'en';
}

function readLang(where: string, raw: string): Lang {
  const v = raw.trim().toLowerCase();
  if ((LANGS as readonly string[]).includes(v)) return v as Lang;
  throw new UsageError({
    en: `${where}: expected one of zh, en, got "${raw}"`,
    zh: `${where}：应为 zh 或 en，收到 "${raw}"`,
  });
}

/** The value of `--lang X` or `--lang=X` in argv (before a lone `--`), if given. */
export function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') found = argv[i + 1] ?? '';
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

/**
 * Decides the language of a run. `configLang` is only called when neither
 * the flag nor DLNOTES_LANG decides (it reads a file).
 */
export function langWanted(argv: readonly string[], env: Record<string, string | undefined>, configLang: () => string | undefined): Lang {
  const flag = langFlag(argv);
  if (flag !== undefined) return readLang('--lang', flag);
  const fromEnv = env.DLNOTES_LANG;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return readLang('DLNOTES_LANG', fromEnv);
  const fromConfig = configLang();
  if (fromConfig !== undefined && fromConfig.trim() !== '') return readLang('config lang', fromConfig);
  return localeLang(env);
}
