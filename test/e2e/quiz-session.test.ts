/**
 * The quiz session through the built binary in line mode (stdin not a TTY),
 * with a small fixture bank so nothing depends on the shipped questions.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, dlnotes, dlnotesJson } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';
import { Store } from '../../src/quiz/store/store';
import { MIGRATIONS } from '../../src/quiz/store/schema';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const BROKEN = join(ROOT, 'test', 'fixtures', 'session-bank-broken');

function envFor(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '', ...extra };
}

function quiz(home: string, input: string, args: string[] = [], extra: Record<string, string> = {}) {
  return dlnotes(['quiz', '--bank', BANK, '--lang', 'en', ...args], { input, env: envFor(home, extra) });
}

interface Stats { reviews_total: number; reviews_today: number; due_today: number; new_remaining: number; new_unseen: number; retention: number | null; retention_30d: number | null; streak: number; today: string }
interface CardJson { id: string; state: string; reps: number; lapses: number; due: string | null; text_changed: boolean; reviews: { day: string; rating: number; answer: string | null; correct: boolean | null; undone: boolean }[] }

function stats(home: string, now: string, extra: Record<string, string> = {}): Stats {
  const r = dlnotesJson<Stats>(['stats', '--bank', BANK, '--now', now], { env: envFor(home, extra) });
  expect(r.code, r.stderr).toBe(0);
  return r.data;
}

function card(home: string, id: string, now: string, extra: Record<string, string> = {}): CardJson {
  const r = dlnotesJson<CardJson>(['card', id, '--bank', BANK, '--now', now], { env: envFor(home, extra) });
  expect(r.code, r.stderr).toBe(0);
  return r.data;
}

const NOW = '2025-03-01T10:00';

describe('dlnotes quiz (line mode)', () => {
  it('runs a whole scripted session and records every answer', () => {
    const home = tempHome();
    const input = [
      '760', // basics.params: right -> Good (10m)
      '', 'good', // basics.relu: reveal, rate Good
      'a,c', // basics.zero-centred: right
      's*(1-s)', // optim.sigmoid-grad: right
      '0.9; 0.999', // optim.adam-beta: right
      '760', '', 'easy', 'a,c', 's - s^2', '0.9;0.999', // learning steps come back in the same order
    ].join('\n');
    const r = quiz(home, `${input}\n`, ['--now', NOW]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dlnotes quiz · 2025-03-01 · due 0 · new 5');
    expect(r.stdout).toContain('Input 32x32x3, ten 5x5 filters: how many parameters?');
    expect(r.stdout).toContain('Answer: max(0, x)');
    expect(r.stdout).toContain('→ Easy · next in');
    expect(r.stdout).toMatch(/Done for now\.\n {2}answered {2}10 · right 10 \(100%\)/);
    expect(r.stdout).toContain('streak    1 day');
    const s = stats(home, NOW);
    expect(s).toMatchObject({ reviews_total: 10, reviews_today: 10, retention: 1, streak: 1, new_unseen: 0, new_remaining: 0, today: '2025-03-01' });
    const c = card(home, 'basics.params', NOW);
    expect(c).toMatchObject({ id: 'basics.params', state: 'review', reps: 2, lapses: 0, text_changed: false });
    expect(c.reviews.map((x) => [x.rating, x.answer, x.correct])).toEqual([[3, '760', true], [3, '760', true]]);
  });

  it('grades wrong answers, shows the answer and explanation, and schedules Again', () => {
    const home = tempHome();
    const r = quiz(home, '700\n', ['--now', NOW, '--new', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ wrong value: you said 700; the answer is 760');
    expect(r.stdout).toContain('5*5*3*10 weights + 10 biases = 760');
    expect(r.stdout).toContain('→ Again · next in 1m');
    expect(r.stdout).toContain('End of input: session ended.');
    const c = card(home, 'basics.params', NOW);
    expect(c.reviews).toEqual([expect.objectContaining({ rating: 1, answer: '700', correct: false })]);
  });

  it('respects --new and --deck, and empty input ends with a summary', () => {
    const home = tempHome();
    const r = quiz(home, '', ['--now', NOW, '--new', '2', '--deck', 'optim']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deck optim · due 0 · new 2');
    expect(r.stdout).toContain('optim.sigmoid-grad');
    expect(r.stdout).toContain('answered  0');
  });

  it('undo, bury and suspend from the answer prompt', () => {
    const home = tempHome();
    const r = quiz(home, '1\n:u\n760\n:b\n:sus\n', ['--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('undone: basics.params is back as it was');
    const c = card(home, 'basics.params', NOW);
    expect(c.reviews.map((x) => [x.answer, x.undone])).toEqual([['1', true], ['760', false]]);
    const relu = dlnotesJson<{ buried_until: string | null }>(['card', 'basics.relu', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    // Buried until the next study day: 04:00 local (Asia/Shanghai, UTC+8) on 2 March, after a review at 10:00 on 1 March.
    expect(new Date(relu.data.buried_until!).toISOString()).toBe('2025-03-01T20:00:00.000Z');
    const zc = dlnotesJson<{ suspended: boolean }>(['card', 'basics.zero-centred', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(zc.data.suspended).toBe(true);
    const un = dlnotes(['card', 'basics.zero-centred', '--unsuspend', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(un.stdout).toContain('basics.zero-centred: unsuspended');
  });
});

describe('editing a question keeps its history', () => {
  it('notices the changed text in card --json and in the session', () => {
    const home = tempHome();
    const bank = join(tempHome(), 'bank');
    cpSync(BANK, bank, { recursive: true });
    const env = envFor(home);
    const run = (input: string, now: string) => dlnotes(['quiz', '--bank', bank, '--lang', 'en', '--deck', 'basics', '--now', now], { input, env });
    expect(run('760\n\ngood\na,c\n760\n\ngood\na,c\n', NOW).code).toBe(0);
    const file = join(bank, 'basics.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('how many parameters?', 'how many learnable parameters?'));
    const c = dlnotesJson<CardJson>(['card', 'basics.params', '--bank', bank, '--now', NOW], { env });
    expect(c.data.text_changed).toBe(true);
    expect(c.data.reviews).toHaveLength(2);
    const other = dlnotesJson<CardJson>(['card', 'basics.relu', '--bank', bank, '--now', NOW], { env });
    expect(other.data.text_changed).toBe(false);
    const later = run('760\n', '2025-04-01T10:00');
    expect(later.stdout).toContain('basics.params · numeric · review\n! this question was edited since you last answered it\nInput 32x32x3, ten 5x5 filters: how many learnable parameters?');
    const after = dlnotesJson<CardJson>(['card', 'basics.params', '--bank', bank, '--now', '2025-04-01T10:00'], { env });
    expect(after.data).toMatchObject({ text_changed: false, reps: 3 });
  });
});

describe('the study day rolls over at 4 a.m. local time', () => {
  it.each([
    ['Asia/Shanghai', '2025-03-02T03:30', '2025-03-01'],
    ['America/Los_Angeles', '2025-03-02T03:30', '2025-03-01'],
  ])('%s: an answer at 03:30 belongs to the day before', (tz, at, day) => {
    const home = tempHome();
    const env = { TZ: tz };
    expect(quiz(home, '760\n', ['--now', at], env).code).toBe(0);
    expect(card(home, 'basics.params', at, env).reviews[0]!.day).toBe(day);
    // 03:59 local: still the same study day.
    expect(stats(home, '2025-03-02T03:59', env)).toMatchObject({ reviews_today: 1, today: day, streak: 1 });
    // 04:00 local: a new day; yesterday's review keeps the streak alive.
    expect(stats(home, '2025-03-02T04:00', env)).toMatchObject({ reviews_today: 0, today: '2025-03-02', streak: 1, reviews_total: 1 });
  });

  it('UTC midnight is not the boundary (Shanghai 07:59 = 23:59 UTC)', () => {
    const home = tempHome();
    expect(quiz(home, '760\n', ['--now', '2025-03-01T07:59']).code).toBe(0);
    expect(stats(home, '2025-03-01T08:01')).toMatchObject({ reviews_today: 1, today: '2025-03-01' });
  });

  it('day_start_hour is configurable', () => {
    const home = tempHome();
    expect(dlnotes(['config', 'set', 'day_start_hour', '0'], { env: envFor(home) }).code).toBe(0);
    expect(quiz(home, '760\n', ['--now', '2025-03-02T03:30']).code).toBe(0);
    expect(stats(home, '2025-03-02T03:40').today).toBe('2025-03-02');
  });
});

/** Spawns the quiz, feeding lines one at a time as its output asks for them. */
function interactiveRun(home: string, now: string) {
  const child = spawn(process.execPath, [BIN, 'quiz', '--bank', BANK, '--lang', 'en', '--now', now], {
    env: { ...process.env, NO_COLOR: '1', ...envFor(home) }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; count: number; resolve: () => void }[] = [];
  const occurrences = (t: string): number => out.split(t).length - 1;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (occurrences(w.text) >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    waitFor: (text: string, count: number) => new Promise<void>((resolve, reject) => {
      if (occurrences(text) >= count) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count}x "${text}" in:\n${out}`)), 15000);
      waiters.push({ text, count, resolve: () => { clearTimeout(timer); resolve(); } });
    }),
    send: (line: string) => child.stdin.write(`${line}\n`),
  };
}

describe('durability and concurrency', () => {
  it('kill -9 between answers loses nothing already answered', async () => {
    const home = tempHome();
    const p = interactiveRun(home, NOW);
    await p.waitFor('answer: a number', 1);
    p.send('760');
    await p.waitFor('next in', 1);
    p.send('');
    p.send('hard');
    await p.waitFor('next in', 2);
    p.send('b'); // a wrong choice
    await p.waitFor('next in', 3);
    await p.waitFor('answer: an expression in s', 1); // the fourth question is on screen, unanswered
    p.child.kill('SIGKILL');
    expect(await p.exited).toBeNull();
    const s = stats(home, NOW);
    expect(s.reviews_total).toBe(3);
    expect(card(home, 'basics.params', NOW).reviews).toHaveLength(1);
    expect(card(home, 'basics.relu', NOW).reviews.map((r) => r.rating)).toEqual([2]);
    expect(card(home, 'basics.zero-centred', NOW).reviews.map((r) => [r.answer, r.correct])).toEqual([['b', false]]);
    expect(card(home, 'optim.sigmoid-grad', NOW).reviews).toHaveLength(0);
  });

  it('two sessions at once: every review logged once, states chained', async () => {
    const home = tempHome();
    // Create the database first so both start from the same schema.
    expect(stats(home, NOW).reviews_total).toBe(0);
    const lines = ['760', '', 'good', 'a,c', 's*(1-s)', '0.9;0.999', '760', '', 'good', 'a,c', 's*(1-s)', '0.9;0.999'].join('\n');
    // Both sessions build their queue from the same state before either answers.
    const a = interactiveRun(home, NOW);
    const b = interactiveRun(home, NOW);
    await Promise.all([a.waitFor('answer: a number', 1), b.waitFor('answer: a number', 1)]);
    for (const p of [a, b]) p.child.stdin.end(`${lines}\n`);
    const [codeA, codeB] = await Promise.all([a.exited, b.exited]);
    expect(codeA, a.output()).toBe(0);
    expect(codeB, b.output()).toBe(0);
    const out = { a: a.output(), b: b.output() };
    const answered = (o: string): number => Number(/answered {2}(\d+)/.exec(o)![1]);
    const total = answered(out.a) + answered(out.b);
    // Each answered at least the question both had on screen; the first question was answered twice.
    expect(answered(out.a)).toBeGreaterThanOrEqual(1);
    expect(answered(out.b)).toBeGreaterThanOrEqual(1);
    const db = new Database(join(home, 'dlnotes.db'), { readonly: true });
    const rows = db.prepare('SELECT card_id, before_json, after_json, session_id FROM reviews WHERE undone = 0 ORDER BY id').all() as { card_id: string; before_json: string; after_json: string; session_id: number }[];
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.session_id)).size).toBe(2);
    const byCard = new Map<string, typeof rows>();
    for (const r of rows) byCard.set(r.card_id, [...(byCard.get(r.card_id) ?? []), r]);
    expect(byCard.get('basics.params')!.length).toBeGreaterThanOrEqual(2);
    expect(out.a + out.b).toContain('also answered in another session');
    for (const [id, list] of byCard) {
      for (let i = 1; i < list.length; i++) expect(JSON.parse(list[i]!.before_json), id).toEqual(JSON.parse(list[i - 1]!.after_json));
      const cardRow = db.prepare('SELECT reps FROM cards WHERE id = ?').get(id) as { reps: number };
      expect(cardRow.reps).toBe(list.length);
    }
    db.close();
  });
});

describe('bad input and faults: one line, exit 2, nothing lost', () => {
  function expectUsage(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }

  it.each([
    [['--deck', 'nosuch'], /--deck: unknown deck "nosuch" \(decks: basics, optim\)/],
    [['--tag', 'nosuch'], /--tag: no question has the tag "nosuch"/],
    [['--new', '-1'], /--new: expected a non-negative integer/],
    [['--limit', 'lots'], /--limit: expected a non-negative integer/],
    [['--lang', 'fr'], /--lang: expected one of zh, en/],
    [['--now', 'tomorrow'], /--now: expected an ISO date-time/],
  ])('quiz %j', (args, pattern) => {
    expectUsage(quiz(tempHome(), '', args), pattern);
  });

  it('a malformed bank file', () => {
    const r = dlnotes(['quiz', '--bank', BROKEN], { env: envFor(tempHome()) });
    expectUsage(r, /broken\.yaml:\d+:\d+/);
  });

  it('an unknown card id', () => {
    expectUsage(dlnotes(['card', 'basics.nosuch', '--bank', BANK], { env: envFor(tempHome()) }), /no question with id "basics.nosuch".*did you mean/);
  });

  it('a corrupt database is refused and left untouched', () => {
    const home = tempHome();
    const file = join(home, 'dlnotes.db');
    const junk = Buffer.from('not a database\n'.repeat(300));
    writeFileSync(file, junk);
    expectUsage(quiz(home, '760\n', ['--now', NOW]), /dlnotes\.db: not an SQLite database .* left untouched/);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('a database from a newer dlnotes is refused and left untouched', () => {
    const home = tempHome();
    expect(quiz(home, '760\n', ['--now', NOW]).code).toBe(0);
    const db = new Database(join(home, 'dlnotes.db'));
    db.prepare("INSERT INTO schema_version VALUES (7, 0, 'from the future')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(join(home, 'dlnotes.db'));
    expectUsage(stats_raw(home), /newer dlnotes \(schema v7; this version knows up to v4\)/);
    expect(readFileSync(join(home, 'dlnotes.db')).equals(before)).toBe(true);
  });

  it('an older database is backed up, then migrated with its history', () => {
    const home = tempHome();
    const old = Store.open(home, { now: new Date(), migrations: [MIGRATIONS[0]!] });
    old.db.prepare(`INSERT INTO reviews (card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms) VALUES ('basics.params', ?, '2025-03-01', 3, 0, 'null', ?, 1000)`)
      .run(Date.parse('2025-03-01T02:00:00Z'), JSON.stringify({ state: 1, due: Date.parse('2025-03-01T02:10:00Z'), stability: 2.3, difficulty: 2.1, elapsed_days: 0, scheduled_days: 0, reps: 1, lapses: 0, learning_steps: 1, last_review: Date.parse('2025-03-01T02:00:00Z') }));
    old.close();
    const s = stats(home, NOW);
    expect(s.reviews_total).toBe(1);
    // v2 fills the per-day counts from the old log: the streak and heatmap see the old review.
    expect(s).toMatchObject({ streak: 1, reviews_today: 1 });
    expect(readdirSync(home).filter((f) => /^dlnotes\.db\.bak-v1-/.test(f))).toHaveLength(1);
  });

  it('a data directory that cannot be created', () => {
    const home = tempHome();
    writeFileSync(join(home, 'file'), 'x');
    expectUsage(dlnotes(['stats', '--bank', BANK], { env: envFor(join(home, 'file', 'sub')) }), /cannot open the database|cannot write/);
  });

  it('a bad config file', () => {
    const home = tempHome();
    writeFileSync(join(home, 'config.json'), '{"desired_retention": 2}');
    expectUsage(quiz(home, ''), /config\.json: desired_retention: 2 is out of range/);
    expectUsage(dlnotes(['config', 'set', 'new_per_day', 'many'], { env: envFor(tempHome()) }), /new_per_day: expected a number/);
  });
});

function stats_raw(home: string) {
  return dlnotes(['stats', '--bank', BANK, '--now', NOW], { env: envFor(home) });
}

describe('dlnotes stats and config', () => {
  it('prints a heatmap and retention', () => {
    const home = tempHome();
    quiz(home, '700\n760\n', ['--now', NOW, '--new', '1']);
    const r = dlnotes(['stats', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Study statistics · 2025-03-01');
    expect(r.stdout).toContain('retention   50.0% overall');
    expect(r.stdout).toMatch(/Mon [·░▒▓█ ]+/);
    expect(r.stdout).toContain('less · ░ ▒ ▓ █ more  (busiest day: 2)');
  });

  it('config set/get/list round-trips through the file', () => {
    const home = tempHome();
    const env = envFor(home);
    expect(dlnotes(['config', 'set', 'desired_retention', '0.85'], { env }).stdout).toContain('desired_retention = 0.85');
    expect(dlnotes(['config', 'get', 'desired_retention'], { env }).stdout.trim()).toBe('0.85');
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ desired_retention: 0.85 });
    expect(dlnotes(['config', 'add', 'bank_dirs', BANK], { env }).code).toBe(0);
    expect(dlnotesJson<{ bank_dirs: string[] }>(['config', 'list'], { env }).data.bank_dirs).toEqual([BANK]);
    expect(dlnotes(['config', 'unset', 'desired_retention'], { env }).code).toBe(0);
    expect(dlnotes(['config', 'get', 'desired_retention'], { env }).stdout.trim()).toBe('0.9');
  });
});

describe('reading answers and the session (issue 11)', () => {
  const GEN = join(ROOT, 'test', 'fixtures', 'bank-gen-real');

  it('an unreadable answer is asked again with the reason; full-width digits and punctuation are read', () => {
    const home = tempHome();
    // params: "four" cannot be read, then "７６０" (full-width) is right; the choice "x" cannot be read, then "ａ，ｃ".
    const r = quiz(home, 'four\n７６０\n\ngood\nx\nａ，ｃ\n', ['--now', NOW, '--deck', 'basics']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answer: a number:\n {2}\? not a number: four — type 4, 4\.0, 1\/2, 3e-4.*\n(?:.*\n)?answer: a number:\n✓ right: 760/);
    expect(r.stdout).toContain('  ? answer with choice letters (a-c), e.g. a,c');
    expect(r.stdout).toContain('✓ right: a) tanh; c) ELU (approximately)');
    const c = card(home, 'basics.params', NOW);
    expect(c.reviews.map((x) => [x.answer, x.correct])).toEqual([['７６０', true]]);
  });

  it('undo of a generated question puts back the same numbers (real clock)', () => {
    const home = tempHome();
    const env = { ...envFor(home), DLNOTES_NOW: '' };
    const r = dlnotes(['quiz', '--bank', GEN, '--lang', 'en', '--deck', 'gen', '--new', '1'], { input: '1x1x1\n:u\n1x1x1\n', env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('undone: gen.conv is back as it was');
    // Shown, answered, its learning step drawn (then undone), shown again: the first and the third are the same problem.
    const shown = r.stdout.split('\n').filter((l) => l.startsWith('Input '));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown[2]).toBe(shown[0]);
    const c = dlnotesJson<{ reviews: { undone: boolean; params?: Record<string, unknown> }[] }>(['card', 'gen.conv', '--bank', GEN], { env });
    expect(c.data.reviews.map((x) => x.undone)).toEqual([true, false]);
    expect(c.data.reviews[1]!.params).toEqual(c.data.reviews[0]!.params);
  });

  it('--new: the header and the summary say how many new questions are left today and why none', () => {
    const home = tempHome();
    const first = quiz(home, '760\n', ['--now', NOW, '--new', '1']);
    const flat = (s: string) => s.replace(/ *\n */g, ' ');
    expect(flat(first.stdout)).toContain("New today: 1 (limit 1 a day); 4 more new beyond today's limit (--new N changes today's limit)");
    expect(flat(first.stdout)).toContain("today's 1 new question is done (--new 5 raises today's limit to 5)");
    const again = quiz(home, '', ['--now', '2025-03-01T11:00', '--new', '1']);
    expect(flat(again.stdout)).toContain("No new questions now: today's 1 new question is done; --new 5 raises today's limit to 5.");
    const raised = quiz(home, '', ['--now', '2025-03-01T11:00', '--new', '3']);
    expect(raised.stdout).toContain('due 1 (1 learning) · new 2');
    expect(flat(raised.stdout)).toContain('New today: 2 (limit 3 a day, 1 already introduced today)');
  });

  it('the end of a session and stats count the same due questions', () => {
    const home = tempHome();
    const input = ['760', '', 'good', 'a,c', 's*(1-s)', '0.9; 0.999', '760', '', 'easy', 'a,c', 's - s^2', '0.9;0.999'].join('\n');
    const r = quiz(home, `${input}\n`, ['--now', NOW]);
    const today = Number(/today {5}(\d+) still due/.exec(r.stdout)![1]);
    const tomorrow = Number(/tomorrow {2}(\d+) due/.exec(r.stdout)![1]);
    const s = dlnotesJson<{ due_today: number; due_next_7_days: { due: number }[] }>(['stats', '--bank', BANK, '--now', NOW], { env: envFor(home) }).data;
    expect([today, tomorrow]).toEqual([s.due_today, s.due_next_7_days[0]!.due]);
    const text = dlnotes(['stats', '--bank', BANK, '--now', NOW, '--lang', 'en'], { env: envFor(home) }).stdout;
    expect(text).toContain(`${s.due_today} still due`);
  });

  it('dlnotes card shows the question in the chosen language, and its help example exists', () => {
    const home = tempHome();
    expect(dlnotes(['card', 'basics.params', '--bank', BANK, '--lang', 'en'], { env: envFor(home) }).stdout)
      .toContain('Input 32x32x3, ten 5x5 filters: how many parameters?\nAnswer: 760');
    expect(dlnotes(['card', 'basics.params', '--bank', BANK, '--lang', 'zh'], { env: envFor(home) }).stdout)
      .toContain('输入 32x32x3,10 个 5x5 滤波器,参数量是多少?\n答案：760');
    const help = dlnotes(['card', '--help']).stdout;
    const id = /\$ dlnotes card (\S+)/.exec(help)![1]!;
    const shipped = dlnotes(['card', id], { env: envFor(home) });
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(shipped.stdout.split('\n')[1]).toMatch(/\S/);
  });
});
