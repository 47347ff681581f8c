/** dlnotes config: show and change the study settings (config.json in the data directory). */
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../errors';
import { CONFIG_KEYS, ConfigError, DEFAULT_CONFIG, isConfigKey, parseConfigValue, type QuizConfig } from '../quiz/config';
import { readConfig, writeConfig } from '../quiz/store/config-file';
import { configPath, dataDir } from '../quiz/store/paths';
import { renderTable } from '../render/table';
import { print, printJson, printRaw } from './output';

export interface ConfigFlags { json?: boolean }

const ACTIONS = ['list', 'get', 'set', 'unset', 'add', 'remove', 'path', 'reset'] as const;

function keyArg(key: string | undefined, action: string): keyof QuizConfig {
  if (key === undefined) throw new UsageError(`config ${action}: which key? (${Object.keys(CONFIG_KEYS).join(', ')})`);
  if (!isConfigKey(key)) throw new UsageError(`config ${action}: unknown key "${key}" (keys: ${Object.keys(CONFIG_KEYS).join(', ')})`);
  return key;
}

const show = (v: unknown, k?: keyof QuizConfig): string => {
  if (k === 'w' && Array.isArray(v)) return v.length === 0 ? '(FSRS defaults)' : `${v.length} fitted parameters (config get w)`;
  if (k === 'exam' && v === '') return '(none)';
  return Array.isArray(v) ? v.join(', ') || '(none)' : v === '' ? '(from the locale)' : String(v);
};

export async function run(action: string | undefined, key: string | undefined, value: string | undefined, o: ConfigFlags): Promise<void> {
  const act = (action ?? 'list').toLowerCase();
  if (!(ACTIONS as readonly string[]).includes(act)) throw new UsageError(`config: unknown action "${action}" (actions: ${ACTIONS.join(', ')})`);
  const home = dataDir();
  if (act === 'path') {
    printRaw(configPath(home));
    return;
  }
  // reset must work even when the file is broken, so it does not read it.
  const config = act === 'reset' ? { ...DEFAULT_CONFIG } : readConfig(home);
  const set = (k: keyof QuizConfig, v: unknown): void => {
    try {
      (config as unknown as Record<string, unknown>)[k] = parseConfigValue(k, v);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(`config set ${e.message}`);
      throw e;
    }
  };
  switch (act) {
    case 'list':
      if (o.json) { printJson(config); return; }
      print(renderTable(['key', 'value', 'meaning'], (Object.keys(CONFIG_KEYS) as (keyof QuizConfig)[]).map((k) => [
        k, `${show(config[k], k)}${JSON.stringify(config[k]) === JSON.stringify(DEFAULT_CONFIG[k]) ? '' : ' *'}`, CONFIG_KEYS[k].help,
      ])));
      print(`\n* changed from the default · file: ${configPath(home)}`);
      return;
    case 'get': {
      const k = keyArg(key, act);
      printRaw(o.json ? JSON.stringify(config[k]) : (k === 'w' && config.w.length > 0 ? config.w.join(', ') : show(config[k], k)));
      return;
    }
    case 'set': {
      const k = keyArg(key, act);
      if (value === undefined) throw new UsageError(`config set ${k}: give a value (${CONFIG_KEYS[k].help})`);
      if (CONFIG_KEYS[k].kind === 'paths') throw new UsageError(`config set ${k}: use "dlnotes config add ${k} DIR" and "remove" for directories`);
      set(k, value);
      break;
    }
    case 'unset': {
      const k = keyArg(key, act);
      (config as unknown as Record<string, unknown>)[k] = DEFAULT_CONFIG[k];
      break;
    }
    case 'add':
    case 'remove': {
      const k = keyArg(key, act);
      if (CONFIG_KEYS[k].kind !== 'paths') throw new UsageError(`config ${act}: ${k} is not a list of directories (use set)`);
      // An empty path would resolve to the current directory: never what a student meant.
      if (value === undefined || value.trim() === '') throw new UsageError(`config ${act} ${k}: give a directory`);
      const dir = resolve(value);
      const list = config[k] as string[];
      if (act === 'add') {
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`config add ${k}: "${value}" is not a directory`);
        if (!list.includes(dir)) set(k, [...list, dir]);
      } else {
        if (!list.includes(dir)) throw new UsageError(`config remove ${k}: "${dir}" is not in the list (${show(list)})`);
        set(k, list.filter((d) => d !== dir));
      }
      break;
    }
    default:
      break;
  }
  const file = writeConfig(home, config);
  if (key !== undefined && isConfigKey(key)) print(`${key} = ${show(config[key], key)}  (${file})`);
  else print(`reset to defaults (${file})`);
  if (act === 'set' && key === 'exam') {
    const { capForExamDate } = await import('./config-exam');
    const { clockFrom } = await import('./study');
    print(capForExamDate(home, config, clockFrom(undefined, process.env)()));
  }
}
