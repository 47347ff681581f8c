/**
 * What quiz, stats and card share: the clock (--now, DLNOTES_NOW), the data
 * directory and its config, the store, the bank (shipped + config dirs, or
 * --bank), the deck/tag scope and the language.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { parseNow } from '../quiz/clock';
import type { QuizConfig } from '../quiz/config';
import { makeFsrs, type ScheduleOptions } from '../quiz/schedule';
import { examDate, type ExamDate } from '../quiz/exam-date';
import { readConfig } from '../quiz/store/config-file';
import { dataDir } from '../quiz/store/paths';
import { Store } from '../quiz/store/store';
import { bankIndexOf, indexBank, loadBank, type BankIndex } from '../quiz/bank/load';
import { shippedBankDir } from '../quiz/bank/paths';
import type { Bank, Question } from '../quiz/types';
import { msg } from '../core/text';

const M = {
  now: msg((where: string, raw: string) => `${where}: expected an ISO date-time from 1970 on, like 2025-03-01T09:30 or 2025-03-01T09:30:00+08:00, got "${raw}"`,
    (where, raw) => `${where}：应为 1970 年以后的 ISO 日期时间，如 2025-03-01T09:30 或 2025-03-01T09:30:00+08:00，收到 "${raw}"`),
  deck: msg((name: string, decks: string) => `--deck: unknown deck "${name}" (decks: ${decks || 'none'})`,
    (name, decks) => `--deck：未知的卡组 "${name}"（卡组：${decks || '无'}）`),
  tag: msg((tag: string, known: string) => `--tag: no question has the tag "${tag}" (tags in use: ${known})`,
    (tag, known) => `--tag：没有题目带标签 "${tag}"（在用的标签：${known}）`),
};

export interface StudyFlags {
  now?: string;
  bank?: string[];
  lang?: string;
  deck?: string;
  tag?: string;
}

/** The clock: --now or DLNOTES_NOW fix it (for practice and tests), else the real time. */
export function clockFrom(flag: string | undefined, env: NodeJS.ProcessEnv): () => Date {
  const raw = flag ?? env.DLNOTES_NOW;
  if (raw === undefined || raw.trim() === '') return () => new Date();
  const t = parseNow(raw);
  const where = flag !== undefined ? '--now' : 'DLNOTES_NOW';
  if (!t) throw new UsageError(M.now(where, raw));
  return () => new Date(t.getTime());
}

export interface StudyContext {
  home: string;
  config: QuizConfig;
  clock: () => Date;
  store: Store;
}

/** The config, for commands that need no store (exit 2 on a bad config). */
export function readStudyConfig(env: NodeJS.ProcessEnv = process.env): QuizConfig {
  return withEnvOverrides(readConfig(dataDir(env)), env);
}

/** Reads the config and opens the store (exit 2 on a bad config or database). */
export function openStudy(flags: StudyFlags, env: NodeJS.ProcessEnv = process.env): StudyContext {
  const clock = clockFrom(flags.now, env);
  const home = dataDir(env);
  const config = readStudyConfig(env);
  const store = Store.open(home, { now: clock(), dailyBackup: true });
  return { home, config, clock, store };
}

/** DLNOTES_FUZZ=0/1 overrides the config (tests turn fuzz off to get exact dates). */
function withEnvOverrides(c: QuizConfig, env: NodeJS.ProcessEnv): QuizConfig {
  const fuzz = env.DLNOTES_FUZZ?.trim();
  if (fuzz === '0' || fuzz === 'false') return { ...c, fuzz: false };
  if (fuzz === '1' || fuzz === 'true') return { ...c, fuzz: true };
  return c;
}

/** The bank directories: --bank replaces the shipped bank for this run; otherwise shipped + config bank_dirs. */
export function bankDirs(flags: StudyFlags, config: QuizConfig): string[] {
  if (flags.bank && flags.bank.length > 0) return flags.bank.map((d) => resolve(d));
  return [shippedBankDir(), ...config.bank_dirs];
}

export function loadStudyBank(flags: StudyFlags, config: QuizConfig): Bank {
  return loadBank(bankDirs(flags, config));
}

/** The bank's questions without their text (indexBank), or the whole bank when the cache cannot give them. */
export function loadStudyIndex(flags: StudyFlags, config: QuizConfig): BankIndex {
  const dirs = bankDirs(flags, config);
  return indexBank(dirs) ?? bankIndexOf(loadBank(dirs));
}


/** Questions in scope for --deck and --tag, in bank order; unknown names are exit 2 with the known ones. */
export function scopeQuestions<Q extends Pick<Question, 'deck' | 'tags'>>(bank: { decks: ReadonlyArray<{ id: string }>; questions: readonly Q[] }, flags: StudyFlags): Q[] {
  let qs = bank.questions as Q[];
  if (flags.deck !== undefined) {
    const decks = bank.decks.map((d) => d.id);
    // "-id" (or "!id") leaves a deck out: --deck -beyond is everything but the beyond-the-notes deck.
    const items = flags.deck.split(',').map((d) => d.trim()).filter(Boolean);
    const excluded = items.filter((d) => /^[-!]/.test(d)).map((d) => d.slice(1));
    const included = items.filter((d) => !/^[-!]/.test(d));
    const unknown = [...included, ...excluded].filter((d) => !decks.includes(d));
    if (unknown.length > 0 || items.length === 0) {
      throw new UsageError(M.deck(unknown[0] ?? flags.deck, decks.join(', ')));
    }
    const wanted = (included.length > 0 ? included : decks).filter((d) => !excluded.includes(d));
    qs = qs.filter((q) => wanted.includes(q.deck));
  }
  if (flags.tag !== undefined) {
    const tag = flags.tag.trim();
    const used = new Set(bank.questions.flatMap((q) => q.tags));
    if (!used.has(tag)) {
      const known = [...used].sort();
      throw new UsageError(M.tag(tag, `${known.slice(0, 30).join(', ')}${known.length > 30 ? ', ...' : ''}`));
    }
    qs = qs.filter((q) => q.tags.includes(tag));
  }
  return qs;
}

/** The scheduling options of these settings: fitted parameters when applied, toward the exam when one is set. */
export function scheduleOptions(c: QuizConfig): ScheduleOptions {
  const exam = examOf(c);
  return {
    retention: c.desired_retention, fuzz: c.fuzz, learningSteps: c.learning_steps, relearningSteps: c.relearning_steps, maximumInterval: c.maximum_interval,
    ...(c.w.length > 0 ? { w: c.w } : {}),
    ...(exam ? { exam } : {}),
  };
}

/** The scheduler for these settings (see scheduleOptions). */
export function schedulerFor(c: QuizConfig): ReturnType<typeof makeFsrs> {
  return makeFsrs(scheduleOptions(c));
}

/** The exam in the config (`config set exam`), or undefined. */
export function examOf(c: QuizConfig): ExamDate | undefined {
  const at = c.exam === '' ? null : parseNow(c.exam);
  return at ? examDate(at, c.day_start_hour) : undefined;
}
