/** dlnotes config: show and change the study settings (config.json in the data directory). */
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../errors';
import { CONFIG_KEYS, ConfigError, DEFAULT_CONFIG, isConfigKey, parseConfigValue, type QuizConfig } from '../quiz/config';
import { readConfig, writeConfig } from '../quiz/store/config-file';
import { configPath, dataDir } from '../quiz/store/paths';
import { renderTableFit } from '../render/fit';
import { t } from '../render/lang';
import { bi, msg, txt } from '../core/text';
import { print, printJson, printRaw } from './output';

export interface ConfigFlags { json?: boolean }

const ACTIONS = ['list', 'get', 'set', 'unset', 'add', 'remove', 'path', 'reset'] as const;

const M = {
  fsrsDefaults: bi('(FSRS defaults)', '（FSRS 默认值）'),
  fitted: msg((n: number) => `${n} fitted parameters (config get w)`, (n) => `${n} 个拟合参数（config get w）`),
  whichKey: msg((action: string, keys: string) => `config ${action}: which key? (${keys})`, (action, keys) => `config ${action}：哪个键？（${keys}）`),
  unknownKey: msg((action: string, key: string, keys: string) => `config ${action}: unknown key "${key}" (keys: ${keys})`,
    (action, key, keys) => `config ${action}：未知的键 "${key}"（可用：${keys}）`),
  none: bi('(none)', '（无）'),
  fromLocale: bi('(from the locale)', '（按系统语言环境）'),
  unknownAction: msg((action: string, actions: string) => `config: unknown action "${action}" (actions: ${actions})`,
    (action, actions) => `config：未知的操作 "${action}"（可用：${actions}）`),
  key: bi('key', '键'),
  value: bi('value', '值'),
  meaning: bi('meaning', '含义'),
  legend: msg((file: string) => `* changed from the default · file: ${file}`, (file) => `* 表示已改动（非默认值） · 文件：${file}`),
  giveValue: msg((k: string) => `config set ${k}: give a value (`, (k) => `config set ${k}：请给出一个值（`),
  useAdd: msg((k: string) => `config set ${k}: use "dlnotes config add ${k} DIR" and "remove" for directories`,
    (k) => `config set ${k}：目录请用 "dlnotes config add ${k} DIR" 和 "remove"`),
  notPaths: msg((act: string, k: string) => `config ${act}: ${k} is not a list of directories (use set)`, (act, k) => `config ${act}：${k} 不是目录列表（请用 set）`),
  giveDir: msg((act: string, k: string) => `config ${act} ${k}: give a directory`, (act, k) => `config ${act} ${k}：请给出一个目录`),
  notDir: msg((k: string, v: string) => `config add ${k}: "${v}" is not a directory`, (k, v) => `config add ${k}："${v}" 不是目录`),
  notListed: msg((k: string, dir: string, list: string) => `config remove ${k}: "${dir}" is not in the list (${list || 'the list is empty'})`,
    (k, dir, list) => `config remove ${k}："${dir}" 不在列表中（${list || '列表是空的'}）`),
  saved: msg((key: string, value: string, file: string) => `${key} = ${value}  (${file})`, (key, value, file) => `${key} = ${value}（已保存到 ${file}）`),
  reset: msg((file: string) => `reset to defaults (${file})`, (file) => `已恢复默认设置（${file}）`),
};

function keyArg(key: string | undefined, action: string): keyof QuizConfig {
  if (key === undefined) throw new UsageError(M.whichKey(action, Object.keys(CONFIG_KEYS).join(', ')));
  if (!isConfigKey(key)) throw new UsageError(M.unknownKey(action, key, Object.keys(CONFIG_KEYS).join(', ')));
  return key;
}

const show = (v: unknown, k?: keyof QuizConfig): string => {
  if (k === 'w' && Array.isArray(v)) return v.length === 0 ? t(M.fsrsDefaults) : t(M.fitted(v.length));
  if (k === 'exam' && v === '') return t(M.none);
  return Array.isArray(v) ? v.join(', ') || t(M.none) : v === '' ? t(M.fromLocale) : String(v);
};

export async function run(action: string | undefined, key: string | undefined, value: string | undefined, o: ConfigFlags): Promise<void> {
  const act = (action ?? 'list').toLowerCase();
  if (!(ACTIONS as readonly string[]).includes(act)) throw new UsageError(M.unknownAction(action ?? '', ACTIONS.join(', ')));
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
      if (e instanceof ConfigError) throw new UsageError(txt`config set ${e.text}`);
      throw e;
    }
  };
  switch (act) {
    case 'list':
      if (o.json) { printJson(config); return; }
      print(renderTableFit([t(M.key), t(M.value), t(M.meaning)], (Object.keys(CONFIG_KEYS) as (keyof QuizConfig)[]).map((k) => [
        k, `${show(config[k], k)}${JSON.stringify(config[k]) === JSON.stringify(DEFAULT_CONFIG[k]) ? '' : ' *'}`, t(CONFIG_KEYS[k].help),
      ])));
      print(`\n${t(M.legend(configPath(home)))}`);
      return;
    case 'get': {
      const k = keyArg(key, act);
      printRaw(o.json ? JSON.stringify(config[k]) : (k === 'w' && config.w.length > 0 ? config.w.join(', ') : show(config[k], k)));
      return;
    }
    case 'set': {
      const k = keyArg(key, act);
      if (value === undefined) throw new UsageError(txt`${M.giveValue(k)}${CONFIG_KEYS[k].help}${bi(')', '）')}`);
      if (CONFIG_KEYS[k].kind === 'paths') throw new UsageError(M.useAdd(k));
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
      if (CONFIG_KEYS[k].kind !== 'paths') throw new UsageError(M.notPaths(act, k));
      // An empty path would resolve to the current directory: never what a student meant.
      if (value === undefined || value.trim() === '') throw new UsageError(M.giveDir(act, k));
      const dir = resolve(value);
      const list = config[k] as string[];
      if (act === 'add') {
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(M.notDir(k, value));
        if (!list.includes(dir)) set(k, [...list, dir]);
      } else {
        if (!list.includes(dir)) throw new UsageError(M.notListed(k, dir, list.join(', ')));
        set(k, list.filter((d) => d !== dir));
      }
      break;
    }
    default:
      break;
  }
  const file = writeConfig(home, config);
  if (key !== undefined && isConfigKey(key)) print(t(M.saved(key, show(config[key], key), file)));
  else print(t(M.reset(file)));
  if (act === 'set' && key === 'exam') {
    const { capForExamDate } = await import('./config-exam');
    const { clockFrom } = await import('./study');
    print(capForExamDate(home, config, clockFrom(undefined, process.env)()));
  }
}
