/**
 * The student's settings, stored as `config.json` in the data directory
 * (`dlnotes config list|get|set|unset|add|remove|path`). Every key has a
 * default, so a missing or partial file is fine. Parsing is pure: the command
 * reads and writes the file.
 */
import { bi, msg, tr, type Text } from '../core/text';
import type { Lang } from './types';
import { normalizeDateTime, parseNow } from './clock';

export interface QuizConfig {
  /** FSRS desired retention (probability of recall at the due date). */
  desired_retention: number;
  /** Local hour at which a new study day starts. */
  day_start_hour: number;
  /** New questions introduced per day. */
  new_per_day: number;
  /** Reviews per day. */
  reviews_per_day: number;
  /** Extra question-bank directories, loaded with the shipped bank. */
  bank_dirs: string[];
  /** Language of prompts; empty means from the locale. */
  lang: '' | Lang;
  /** Spread due dates a little so cards learnt together do not stay together. */
  fuzz: boolean;
  /** Learning steps for new questions (e.g. 1m, 10m). */
  learning_steps: string[];
  /** Relearning steps after a lapse. */
  relearning_steps: string[];
  /** Longest interval in days. */
  maximum_interval: number;
  /** Lapses after which a question is tagged leech and suspended. */
  leech_threshold: number;
  /** FSRS parameters fitted by `dlnotes optimize --apply`; empty means FSRS's defaults. */
  w: number[];
  /** The exam's date and time (local unless it has an offset), e.g. 2027-01-15T09:00; empty: no exam. */
  exam: string;
}

export const DEFAULT_CONFIG: QuizConfig = {
  desired_retention: 0.9,
  day_start_hour: 4,
  new_per_day: 20,
  reviews_per_day: 200,
  bank_dirs: [],
  lang: '',
  fuzz: true,
  learning_steps: ['1m', '10m'],
  relearning_steps: ['10m'],
  maximum_interval: 36500,
  leech_threshold: 8,
  w: [],
  exam: '',
};

type Kind = 'number' | 'int' | 'bool' | 'lang' | 'paths' | 'steps' | 'params' | 'datetime';
interface KeySpec { kind: Kind; min?: number; max?: number; help: Text }

export const CONFIG_KEYS: Record<keyof QuizConfig, KeySpec> = {
  desired_retention: { kind: 'number', min: 0.7, max: 0.99, help: bi('FSRS desired retention, 0.7-0.99', 'FSRS 期望记忆保持率，0.7-0.99') },
  day_start_hour: { kind: 'int', min: 0, max: 23, help: bi('local hour a study day starts, 0-23', '每个学习日开始的本地钟点，0-23') },
  new_per_day: { kind: 'int', min: 0, max: 9999, help: bi('new questions per day', '每天的新题数') },
  reviews_per_day: { kind: 'int', min: 0, max: 99999, help: bi('reviews per day', '每天的复习数') },
  bank_dirs: { kind: 'paths', help: bi('extra question-bank directories (add/remove)', '额外的题库目录（add/remove）') },
  lang: { kind: 'lang', help: bi('zh or en (empty: from the locale)', 'zh 或 en（空：按系统语言环境）') },
  fuzz: { kind: 'bool', help: bi('spread due dates slightly (true/false)', '让到期日略微分散（true/false）') },
  learning_steps: { kind: 'steps', help: bi('learning steps, e.g. 1m,10m', '学习阶段间隔，如 1m,10m') },
  relearning_steps: { kind: 'steps', help: bi('relearning steps, e.g. 10m', '重学阶段间隔，如 10m') },
  maximum_interval: { kind: 'int', min: 1, max: 36500, help: bi('longest interval in days', '最长间隔（天）') },
  leech_threshold: { kind: 'int', min: 1, max: 99, help: bi('lapses before a question is suspended as a leech', '遗忘多少次后作为顽固题暂停') },
  w: { kind: 'params', help: bi('FSRS parameters (optimize --apply; unset: defaults)', 'FSRS 参数（optimize --apply 写入；unset 恢复默认）') },
  exam: { kind: 'datetime', help: bi('exam date and time, e.g. 2027-01-15T09:00', '考试日期和时间，如 2027-01-15T09:00') },
};

/** A config problem: which key, what was wrong and what is allowed (`text` in both languages). */
export class ConfigError extends Error {
  constructor(readonly key: string, readonly text: Text) {
    super(tr(text, 'en'));
    this.name = 'ConfigError';
  }
}

const M = {
  number: msg((got: string) => `expected a number, got ${got}`, (got) => `应为数字，收到 ${got}`),
  integer: msg((got: number) => `expected an integer, got ${got}`, (got) => `应为整数，收到 ${got}`),
  range: msg((n: number) => `${n} is out of range`, (n) => `${n} 超出范围`),
  bool: msg((got: string) => `expected true or false, got ${got}`, (got) => `应为 true 或 false，收到 ${got}`),
  lang: msg((got: string) => `expected zh or en, got ${got}`, (got) => `应为 zh 或 en，收到 ${got}`),
  paths: bi('expected a list of directory paths', '应为目录路径的列表'),
  steps: msg((got: string) => `expected steps like 1m,10m,1h,1d, got ${got}`, (got) => `应为类似 1m,10m,1h,1d 的间隔，收到 ${got}`),
  object: bi('the file must hold a JSON object', '文件内容必须是一个 JSON 对象'),
  unknown: msg((key: string, known: string) => `unknown key "${key}" (known: ${known})`, (key, known) => `未知的键 "${key}"（可用：${known}）`),
  numbers: msg((got: string) => `expected numbers, got ${got}`, (got) => `应为一组数字，收到 ${got}`),
  paramCount: msg((got: number) => `expected 21 numbers (FSRS-6) or 19 (FSRS-5), got ${got}`, (got) => `应为 21 个数（FSRS-6）或 19 个数（FSRS-5），收到 ${got} 个`),
  dateTime: msg((got: string) => `expected a date and time like 2027-01-15T09:00, got ${got}`, (got) => `应为日期和时间，如 2027-01-15T09:00，收到 ${got}`),
  bad: msg((key: string, what: Text, help: Text) => `${key}: ${tr(what, 'en')} (${tr(help, 'en')})`, (key, what, help) => `${key}：${tr(what, 'zh')}（${tr(help, 'zh')}）`),
};

export function isConfigKey(key: string): key is keyof QuizConfig {
  return Object.prototype.hasOwnProperty.call(CONFIG_KEYS, key);
}

const STEP = /^\d+(\.\d+)?[mhd]$/;

/**
 * FSRS-6 has 21 parameters (fsrs-rs 6 and Anki 25 write these). FSRS-5's 19
 * are FSRS-6 with w19 = 0 and the decay 0.5 (as ts-fsrs migrates them), so
 * they are stored as 21; the 17 of FSRS-4.5 need a new optimize.
 */
export const PARAM_COUNTS: readonly number[] = [19, 21];

/** Checks one value (from JSON or from the command line) and returns it typed. */
export function parseConfigValue(key: keyof QuizConfig, raw: unknown): QuizConfig[typeof key] {
  const spec = CONFIG_KEYS[key];
  const bad = (what: Text): never => {
    throw new ConfigError(key, M.bad(key, what, spec.help));
  };
  switch (spec.kind) {
    case 'number':
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return bad(M.number(JSON.stringify(raw)));
      if (spec.kind === 'int' && !Number.isInteger(n)) return bad(M.integer(n));
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return bad(M.range(n));
      return n;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const t = String(raw).trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(t)) return true;
      if (['false', 'no', 'off', '0'].includes(t)) return false;
      return bad(M.bool(JSON.stringify(raw)));
    }
    case 'lang': {
      const t = String(raw ?? '').trim().toLowerCase();
      if (t === '' || t === 'zh' || t === 'en') return t as '' | Lang;
      return bad(M.lang(JSON.stringify(raw)));
    }
    case 'paths': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((p): p is string => typeof p === 'string' && p.trim() !== '')) return bad(M.paths);
      return list.map((p) => p.trim());
    }
    case 'params': {
      const list = Array.isArray(raw) ? raw : String(raw).trim().replace(/^\[|\]$/g, '').split(/[\s,，]+/).filter(Boolean).map(Number);
      if (list.length === 0) return [];
      if (!list.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) return bad(M.numbers(JSON.stringify(raw)));
      if (!PARAM_COUNTS.includes(list.length)) return bad(M.paramCount(list.length));
      return list.length === 19 ? [...list, 0, 0.5] : list;
    }
    case 'datetime': {
      // Stored as parseNow reads it: 2027年1月15日 9:00 and full-width forms become 2027-01-15T09:00.
      const t = normalizeDateTime(String(raw ?? ''));
      if (t === '') return '';
      if (!parseNow(t)) return bad(M.dateTime(JSON.stringify(raw)));
      return t;
    }
    case 'steps': {
      const list = Array.isArray(raw) ? raw : String(raw).split(/[\s,]+/).filter(Boolean);
      if (!list.every((s): s is string => typeof s === 'string' && STEP.test(s))) return bad(M.steps(JSON.stringify(raw)));
      return list;
    }
  }
}

/** Builds a full config from a parsed JSON file; unknown keys and bad values are errors. */
export function configFromJson(data: unknown): QuizConfig {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('', M.object);
  const out: QuizConfig = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(data)) {
    if (!isConfigKey(key)) throw new ConfigError(key, M.unknown(key, Object.keys(CONFIG_KEYS).join(', ')));
    (out as unknown as Record<string, unknown>)[key] = parseConfigValue(key, value);
  }
  return out;
}

/** Only the keys that differ from the defaults, for writing back. */
export function configDiff(c: QuizConfig): Partial<QuizConfig> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_KEYS) as (keyof QuizConfig)[]) {
    if (JSON.stringify(c[key]) !== JSON.stringify(DEFAULT_CONFIG[key])) out[key] = c[key];
  }
  return out as Partial<QuizConfig>;
}
