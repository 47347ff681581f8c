/**
 * The study engine through the built binary: log export/import between two
 * machines, bad rows refused whole, plan, the exam-aware quiz and --cram,
 * optimize with --apply and config unset w, and the Anki export.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { default_w, forgetting_curve } from 'ts-fsrs';
import { ROOT, dlnotes, dlnotesJson } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';
import { cardTable, simulatedLog } from '../helpers/history';
import { Store } from '../../src/quiz/store/store';
import { toCsv } from '../../src/quiz/revlog';
import { displayWidth } from '../../src/render/table';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const IDS = ['basics.params', 'basics.relu', 'basics.zero-centred', 'optim.sigmoid-grad', 'optim.adam-beta'];

function env(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '', DLNOTES_LANG: '', ...extra };
}

const run = (home: string, args: string[], input = '', extra: Record<string, string> = {}) => dlnotes(args, { input, env: env(home, extra) });

/** Answers everything right, or everything wrong, in line mode. */
const RIGHT = ['760', '', 'good', 'a,c', 's*(1-s)', '0.9; 0.999'].join('\n');
const WRONG = ['1', '', 'again', 'b', 's', '1; 2'].join('\n');

function quizDay(home: string, now: string, input: string, args: string[] = []) {
  const r = run(home, ['quiz', '--bank', BANK, '--lang', 'en', '--now', now, ...args], `${input}\n${input}\n${input}\n`);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** Every card's stored state, read from the database the binary wrote. */
function cards(home: string): Record<string, unknown> {
  const s = Store.open(home, { now: new Date() });
  try {
    return cardTable(s);
  } finally {
    s.close();
  }
}

describe('dlnotes log export | import', () => {
  it('moves a history to another machine: every card the same; a second import changes nothing', () => {
    const a = tempHome();
    quizDay(a, '2025-03-01T10:00', RIGHT);
    quizDay(a, '2025-03-02T10:00', WRONG);
    quizDay(a, '2025-03-05T10:00', RIGHT);
    const jsonl = join(a, 'out.jsonl');
    const csv = join(a, 'out.csv');
    const e1 = run(a, ['log', 'export', '--out', jsonl]);
    expect(e1.code, e1.stderr).toBe(0);
    expect(e1.stdout).toMatch(/^Exported \d+ reviews of 5 questions \(JSONL\) to /);
    expect(run(a, ['log', 'export', '--out', csv]).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('card_id,review_time,review_rating,review_state,review_duration');
    const stdoutCsv = run(a, ['log', 'export']);
    expect(stdoutCsv.stdout).toBe(readFileSync(csv, 'utf8'));

    for (const file of [jsonl, csv]) {
      const b = tempHome();
      const r = run(b, ['log', 'import', file, '--bank', BANK]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Imported \d+ reviews from out\.(jsonl|csv)\n  5 questions recomputed/);
      expect(Object.keys(cards(b)).sort()).toEqual([...IDS].sort());
      expect(cards(b)).toEqual(cards(a));
      const again = run(b, ['log', 'import', file, '--bank', BANK]);
      expect(again.stdout).toContain('Nothing new: every review in the file is already here.');
      if (file === jsonl) expect(run(b, ['log', 'export', '--format', 'jsonl']).stdout).toBe(run(a, ['log', 'export', '--format', 'jsonl']).stdout);
    }
  }, 180_000);

  it('refuses a file with a bad row as file:line, importing nothing', () => {
    const b = tempHome();
    quizDay(b, '2025-03-01T10:00', RIGHT);
    const before = run(b, ['log', 'export', '--format', 'jsonl']).stdout;
    const bad = join(b, 'bad.csv');
    writeFileSync(bad, 'card_id,review_time,review_rating,review_state,review_duration\nbasics.params,1740794400000,3,2,1000\nbasics.relu,1740794460000,7,2,1000\n');
    const r = run(b, ['log', 'import', bad, '--bank', BANK]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dlnotes: ${bad}:3: review_rating: 7 is out of range (1-4); nothing was imported\n`);
    expect(run(b, ['log', 'export', '--format', 'jsonl']).stdout).toBe(before);
    const zh = run(b, ['log', 'import', bad, '--bank', BANK, '--lang', 'zh']);
    expect(zh.stderr).toBe(`dlnotes: ${bad}:3: review_rating：7 超出范围（1-4）；未导入任何记录\n`);
    const missing = run(b, ['log', 'import', join(b, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dlnotes: log import: cannot read .*nope\.csv \(no such file\)\n$/);
  }, 120_000);

  it('keeps and reports reviews of questions not in the banks', () => {
    const b = tempHome();
    const file = join(b, 'other.csv');
    writeFileSync(file, 'card_id,review_time,review_rating,review_state,review_duration\nghost.q1,1740794400000,3,0,1000\nbasics.params,1740794400000,3,0,1000\n');
    const r = dlnotesJson<{ imported: number; unknown: { reviews: number; questions: string[] } }>(['log', 'import', file, '--bank', BANK], { env: env(b) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.data).toMatchObject({ imported: 2, unknown: { reviews: 1, questions: ['ghost.q1'] } });
    expect(run(b, ['log', 'export']).stdout).toContain('ghost.q1,1740794400000,3,0,1000');
  }, 120_000);
});

describe('dlnotes plan and the exam-aware quiz', () => {
  it('shows predicted recall per notes section and a day-by-day plan', () => {
    const h = tempHome();
    quizDay(h, '2025-03-01T10:00', RIGHT);
    const r = dlnotesJson<{
      exam: string; expected_recall: number; planned_recall: number; questions: number; seen: number;
      sections: Array<{ title: string; questions: number; expected_recall: number }>; days: Array<{ day: string; new: number; reviews: number; minutes: number }>; left_unseen: number;
    }>(['plan', '--bank', BANK, '--exam', '2025-03-20T09:00', '--now', '2025-03-02T10:00', '--hours-per-day', '1'], { env: env(h) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.data.exam).toBe('2025-03-20T01:00:00.000Z');
    expect(r.data.questions).toBe(5);
    expect(r.data.sections.map((s) => s.title)).toContain('04 卷积神经网络 / 计算方法');
    expect(r.data.sections.reduce((a, s) => a + s.questions, 0)).toBe(5);
    expect(r.data.days[0]!.day).toBe('2025-03-02');
    expect(r.data.days.at(-1)!.day).toBe('2025-03-19');
    expect(r.data.days.reduce((a, d) => a + d.new, 0) + r.data.left_unseen).toBe(5 - r.data.seen);
    expect(r.data.expected_recall).toBeGreaterThan(0);
    expect(r.data.planned_recall).toBeGreaterThanOrEqual(r.data.expected_recall);

    const text = run(h, ['plan', '--bank', BANK, '--exam', '2025-03-20T09:00', '--now', '2025-03-02T10:00', '--lang', 'zh'], '', { COLUMNS: '80' });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^考试计划 · 2025-03-20 09:00（还有 18 天）· 5 道题，已学 \d 道/);
    expect(text.stdout).toContain('考试时的预测记忆率，最弱的章节在前');
    for (const line of text.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  }, 120_000);

  it('plans a scope (--deck, --tag, --ids), the same from the bank cache as from the YAML', () => {
    const h = tempHome();
    // Cards in different states: the basics ones changed by hand, one suspended (counted at its recall).
    quizDay(h, '2025-03-01T10:00', RIGHT);
    const s = Store.open(h, { now: new Date() });
    s.db.prepare("UPDATE cards SET stability = stability * (1 + length(id) / 10.0), last_review = last_review - length(id) * 3600000 WHERE id LIKE 'basics.%'").run();
    s.db.prepare("UPDATE cards SET suspended = 1 WHERE id = 'optim.adam-beta'").run();
    s.close();
    const plan = (...args: string[]) => dlnotesJson<{ questions: number; seen: number; expected_recall: number; planned_recall: number; days: unknown[] }>(
      ['plan', '--bank', BANK, '--exam', '2025-03-20T09:00', '--now', '2025-03-02T10:00', ...args], { env: env(h) });
    const seen = Object.keys(cards(h));
    expect(seen.length).toBeGreaterThan(0);
    for (const [args, ids] of [
      [[], IDS],
      [['--deck', 'optim'], ['optim.sigmoid-grad', 'optim.adam-beta']],
      [['--deck', '-optim'], ['basics.params', 'basics.relu', 'basics.zero-centred']],
      [['--tag', 'activation'], ['basics.relu', 'basics.zero-centred', 'optim.sigmoid-grad']],
      [['--ids', 'optim.adam-beta，basics.params'], ['basics.params', 'optim.adam-beta']],
      [['--deck', 'basics', '--ids', 'basics.relu,basics.params'], ['basics.params', 'basics.relu']],
    ] as Array<[string[], string[]]>) {
      const r = plan(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.data.questions, args.join(' ')).toBe(ids.length);
      expect(r.data.seen, args.join(' ')).toBe(ids.filter((id) => seen.includes(id)).length);
    }
    // Each card's own memory: its predicted recall at the exam, by ts-fsrs's forgetting curve from what the store holds.
    const table = cards(h) as Record<string, { stability: number; last_review: number; reps: number }>;
    const examAt = Date.parse('2025-03-20T09:00:00+08:00');
    for (const id of IDS) {
      const c = table[id];
      const want = c && c.reps > 0 ? forgetting_curve(default_w, Math.floor((examAt - c.last_review) / 86_400_000), c.stability) : 0;
      expect(plan('--ids', id).data.expected_recall, id).toBeCloseTo(want, 3);
    }
    // A fresh data directory reads the YAML (and writes the cache); the next run reads the cache's index only.
    const fresh = tempHome();
    const once = (home: string) => dlnotes(['plan', '--bank', BANK, '--exam', '2025-03-20T09:00', '--now', '2025-03-02T10:00', '--json'], { env: env(home) }).stdout;
    const fromYaml = once(fresh);
    expect(once(fresh)).toBe(fromYaml);
    const refused = (...args: string[]) => run(h, ['plan', '--bank', BANK, '--exam', '2025-03-20T09:00', '--now', '2025-03-02T10:00', ...args]);
    expect(refused('--ids', 'basics.nope').stderr).toBe('dlnotes: --ids: no question with the id basics.nope in the bank\n');
    expect(refused('--deck', 'nope').stderr).toMatch(/nope.*basics, optim/);
    expect(refused('--deck', 'optim', '--ids', 'basics.relu').stderr).toBe('dlnotes: plan: no questions in scope\n');
  }, 120_000);

  it('refuses a plan without an exam, with a bad one or after it', () => {
    const h = tempHome();
    expect(run(h, ['plan', '--bank', BANK]).stderr).toContain('plan: when is the exam? Give --exam 2027-01-15T09:00');
    expect(run(h, ['plan', '--bank', BANK, '--exam', 'next friday']).stderr).toBe('dlnotes: --exam: expected a date and time like 2027-01-15T09:00, got "next friday"\n');
    const past = run(h, ['plan', '--bank', BANK, '--exam', '2025-01-01T09:00', '--now', '2025-03-01T10:00']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('the exam (2025-01-01 09:00) is over');
  }, 120_000);

  it('config set exam plans the quiz for it; --cram asks the least remembered first', () => {
    const h = tempHome();
    // Day 1: params and relu right (Good), the rest wrong; a week on, nothing more.
    quizDay(h, '2025-03-01T10:00', ['760', '', 'good', 'b', 's', '1; 2'].join('\n'));
    const set = run(h, ['config', 'set', 'exam', '2025-03-20T09:00'], '', { DLNOTES_NOW: '2025-03-02T10:00' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/exam = 2025-03-20T09:00/);
    expect(dlnotes(['config', 'get', 'exam', '--json'], { env: env(h) }).stdout.trim()).toBe('"2025-03-20T09:00"');
    const q = run(h, ['quiz', '--bank', BANK, '--lang', 'en', '--now', '2025-03-02T10:00'], '');
    expect(q.stdout).toMatch(/^Exam 2025-03-20 09:00 in 18 days: /);
    const cram = run(h, ['quiz', '--cram', '--bank', BANK, '--lang', 'en', '--now', '2025-03-18T10:00'], ':s\n:s\n:s\n:s\n:s\n');
    expect(cram.code, cram.stderr).toBe(0);
    expect(cram.stdout).toContain('Cram for the exam 2025-03-20 09:00: 5 questions');
    const order = [...cram.stdout.matchAll(/^(basics|optim)\.[a-z-]+(?= ·)/gm)].map((m) => m[0]);
    // Lapsed ones (relearnt the same day) before the two answered Good.
    expect(order.slice(0, 3).sort()).toEqual(['basics.zero-centred', 'optim.adam-beta', 'optim.sigmoid-grad']);
    expect(order.slice(3).sort()).toEqual(['basics.params', 'basics.relu']);
    const over = run(h, ['quiz', '--cram', '--bank', BANK, '--now', '2025-03-21T10:00']);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('--cram: the exam (2025-03-20 09:00) is over');
    expect(run(tempHome(), ['quiz', '--cram', '--bank', BANK]).stderr).toContain('--cram: set the exam first');
  }, 180_000);
});

describe('dlnotes optimize', () => {
  it('refuses politely below the minimum', () => {
    const h = tempHome();
    quizDay(h, '2025-03-01T10:00', RIGHT);
    const r = run(h, ['optimize', '--bank', BANK]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/optimize needs at least 400 reviews made on a later day than the question's previous review; you have 0: 400 more to go/);
    expect(run(h, ['optimize', '--bank', BANK, '--lang', 'zh']).stderr).toContain('至少需要 400 次');
    expect(run(h, ['optimize', '--reschedule']).stderr).toContain('--reschedule goes with --apply');
  }, 120_000);

  it('fits, reports before and after, applies, and config unset w goes back to the defaults', () => {
    const h = tempHome();
    const w = [...default_w];
    w[2] = 8;
    const file = join(h, 'log.csv');
    writeFileSync(file, toCsv(simulatedLog(w, 300, 120)));
    expect(run(h, ['log', 'import', file, '--bank', BANK]).code).toBe(0);
    const r = dlnotesJson<{ w: number[]; reviews: number; before: { logloss: number; rmse: number }; after: { logloss: number; rmse: number }; recommended: { desired_retention: number; learning_steps: string[] }; applied: boolean }>(['optimize', '--bank', BANK], { env: env(h) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.data.w).toHaveLength(21);
    expect(r.data.reviews).toBeGreaterThan(1000);
    expect(Object.keys(r.data.before).sort()).toEqual(['logloss', 'rmse']);
    expect(r.data.recommended.desired_retention).toBeGreaterThanOrEqual(0.7);
    expect(r.data.applied).toBe(false);
    const text = run(h, ['optimize', '--bank', BANK], '', { COLUMNS: '80' });
    expect(text.stdout).toMatch(/^FSRS parameters fitted to your reviews\n/);
    expect(text.stdout).toContain('FSRS defaults');
    expect(text.stdout).toMatch(/(Apply them: dlnotes optimize --apply|dlnotes optimize --apply would store them anyway)/);
    const applied = dlnotesJson<{ applied: boolean; recomputed: number; w: number[] }>(['optimize', '--apply', '--bank', BANK], { env: env(h) });
    expect(applied.data).toMatchObject({ applied: true, recomputed: 300 });
    expect(JSON.parse(dlnotes(['config', 'get', 'w', '--json'], { env: env(h) }).stdout)).toEqual(applied.data.w);
    expect(run(h, ['config', 'unset', 'w']).code).toBe(0);
    expect(JSON.parse(dlnotes(['config', 'get', 'w', '--json'], { env: env(h) }).stdout)).toEqual([]);
  }, 240_000);
});

describe('dlnotes export anki', () => {
  it('writes a file Anki imports', () => {
    const h = tempHome();
    const out = join(h, 'anki.txt');
    const r = run(h, ['export', 'anki', '--bank', BANK, '--out', out, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已把 2 个牌组的 5 条笔记写入 /);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.slice(0, 6)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic', '#guid column:1', '#deck column:2', '#tags column:5']);
    expect(lines[6]).toMatch(/^dlnotes:basics\.params\tdlnotes::01 基础::计算方法\t/);
    expect(run(h, ['export', 'anki', '--bank', BANK]).stderr).toBe('dlnotes: export anki: give the file to write with --out, e.g. --out dlnotes.txt\n');
  }, 120_000);
});
