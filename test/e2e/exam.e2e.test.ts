/**
 * dlnotes exam and dlnotes drill through the built binary in line mode,
 * with a fixture bank (test/fixtures/exam-bank) so nothing depends on the
 * shipped questions.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, dlnotes, dlnotesJson } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const BANK = join(ROOT, 'test', 'fixtures', 'exam-bank');
const NOW = '2025-03-01T10:00';
const FAKE_MONO = join(ROOT, 'test', 'helpers', 'fake-mono.mjs');

function envFor(home: string): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '' };
}

function exam(home: string, input: string, args: string[] = []) {
  return dlnotes(['exam', '--bank', BANK, '--lang', 'en', '--now', NOW, ...args], { input, env: envFor(home) });
}

interface ExamJson {
  exam_id: number | null; seed: number; ended: string; questions: number; answered: number; correct: number; score: number;
  per_deck: { deck: string; title: string; questions: number; answered: number; correct: number; score: number }[];
  items: { n: number; id: string; deck: string; type: string; answered: boolean; correct: boolean; given: string | null; answer: string }[];
  recorded: number; again: number; retake: string;
}
interface CardJson { reps: number; state: string; reviews: { rating: number; answer: string | null; correct: boolean | null }[] }
interface HistoryJson { exams: { id: number; seed: number; questions: number; answered: number; correct: number; score: number; ended: string | null; per_deck: { deck: string; correct: number; questions: number }[]; items: { id: string; correct: boolean; given: string | null }[] }[] }

function card(home: string, id: string): CardJson {
  const r = dlnotesJson<CardJson>(['card', id, '--bank', BANK, '--now', NOW], { env: envFor(home) });
  expect(r.code, r.stderr).toBe(0);
  return r.data;
}

/** The paper over the fixture bank at --questions 7: every auto-graded question, in deck order. */
const PAPER = ['alpha.params', 'alpha.pool', 'alpha.bn-eps', 'alpha.conv-size', 'beta.adam-lr', 'beta.sigmoid-grad', 'beta.zero-centred'];

/** The generated question's answer for a seed, read from a run with no input (the same seed draws the same paper). */
function generatedAnswer(seed: number): string {
  const r = dlnotesJson<ExamJson>(['exam', '--bank', BANK, '--lang', 'en', '--questions', '7', '--seed', String(seed)], { env: envFor(tempHome()) });
  expect(r.code, r.stderr).toBe(0);
  expect(r.data.exam_id).toBeNull(); // nothing answered: not kept
  const item = r.data.items.find((i) => i.id === 'alpha.conv-size')!;
  return item.answer.match(/\d+/g)!.join('x');
}

describe('dlnotes exam (line mode)', () => {
  it('a scripted mock exam: exact score per chapter, the schedule updated, the paper in the history', () => {
    const home = tempHome();
    const conv = generatedAnswer(11);
    // Right: params, bn-eps, conv (after a skip), adam-lr, sigmoid-grad. Wrong: pool (b), zero-centred (a only).
    const input = ['760', 'b', '1e-5', ':s', '0.001', 's*(1-s)', 'a', conv].join('\n');
    const r = exam(home, `${input}\n`, ['--questions', '7', '--seed', '11']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dlnotes exam · mock exam · 2025-03-01 · seed 11');
    expect(r.stdout).toContain('7 questions · 120 minutes · chapters: alpha 4, beta 3');
    expect(r.stdout).toContain('No feedback until the end.');
    expect(r.stdout).toContain('Self-graded cards are left out of a mock exam: 2 in scope.');
    expect(r.stdout).toMatch(/question 1\/7 · 120:00 left · alpha\nInput 32x32x3, ten 5x5 filters/);
    // No verdict before the report.
    const [during, report] = r.stdout.split('Mock exam over:');
    expect(during).not.toMatch(/✓|✗|the answer is/);
    expect(during).toContain('Back to the 1 skipped question.');
    expect(report).toMatch(/^ all questions answered\.\n {2}score {2}5\/7 right \(71%\) · answered 7 of 7 · time 0:0\d of 120:00/);
    expect(report).toMatch(/alpha +Alpha +4 +4 +3 +75%\nbeta +Beta +3 +3 +2 +67%\ntotal +7 +7 +5 +71%/);
    expect(report).toContain('Missed (2):');
    expect(report).toContain('2/7 · alpha.pool · choice');
    expect(report).toContain('✗ you said b; the answer is a) 112x112');
    expect(report).toContain('(224 - 2)/2 + 1 = 112');
    expect(report).toContain('✗ you said a; the answer is a) tanh; c) ELU (approximately)');
    expect(report).toContain('Schedule: 7 answers recorded as reviews (2 wrong as Again, 5 right as Good).');
    expect(report).toContain(`Re-take this paper:\n  dlnotes exam --seed 11 --questions 7 --bank ${BANK}`);

    // The schedule: a miss is Again, a right answer Good.
    expect(card(home, 'alpha.pool').reviews).toEqual([expect.objectContaining({ rating: 1, answer: 'b', correct: false })]);
    expect(card(home, 'alpha.params').reviews).toEqual([expect.objectContaining({ rating: 3, answer: '760', correct: true })]);
    expect(card(home, 'alpha.conv-size').reviews).toEqual([expect.objectContaining({ rating: 3, answer: conv, correct: true })]);
    expect(card(home, 'alpha.rf-card').reps).toBe(0);
    const stats = dlnotesJson<{ reviews_total: number; retention: number }>(['stats', '--bank', BANK, '--now', NOW], { env: envFor(home) });
    expect(stats.data).toMatchObject({ reviews_total: 7, retention: 5 / 7 });

    const h = dlnotesJson<HistoryJson>(['exam', '--history'], { env: envFor(home) });
    expect(h.code).toBe(0);
    expect(h.data.exams).toHaveLength(1);
    expect(h.data.exams[0]).toMatchObject({ seed: 11, questions: 7, answered: 7, correct: 5, score: 5 / 7, ended: 'done' });
    expect(h.data.exams[0]!.per_deck.map((d) => [d.deck, d.correct, d.questions])).toEqual([['alpha', 3, 4], ['beta', 2, 3]]);
    expect(h.data.exams[0]!.items.map((i) => i.id)).toEqual(PAPER);
    const wide = dlnotes(['exam', '--history'], { env: { ...envFor(home), COLUMNS: '120' } });
    expect(wide.stdout).toMatch(/1 +2025-03-01 10:00 +5\/7 +71% +7\/7 +0:0\d \/ 120:00 +11 +all questions answered · alpha 3\/4 · beta 2\/3/);
    expect(wide.stdout).toContain(`Re-take the last paper:\n  dlnotes exam --seed 11 --questions 7 --bank ${BANK}\n`);
    // At 80 columns how it ended and the chapters go under the row.
    const text = dlnotes(['exam', '--history'], { env: { ...envFor(home), COLUMNS: '80' } });
    expect(text.stdout).toMatch(/1 +2025-03-01 10:00 +5\/7 +71% +7\/7 +0:0\d \/ 120:00 +11\n +all questions answered · alpha 3\/4 · beta 2\/3/);
  });

  it('--json: the result on stdout, the questions on stderr', () => {
    const home = tempHome();
    const r = dlnotes(['exam', '--bank', BANK, '--lang', 'en', '--now', NOW, '--questions', '3', '--deck', 'beta', '--seed', '5', '--json'], { input: '0.001\ns*(1-s)\nb\n', env: envFor(home) });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as ExamJson;
    expect(data).toMatchObject({ seed: 5, ended: 'done', questions: 3, answered: 3, correct: 2, recorded: 3, again: 1, retake: `dlnotes exam --seed 5 --questions 3 --deck beta --bank ${BANK}` });
    expect(data.per_deck).toEqual([{ deck: 'beta', title: 'Beta', questions: 3, answered: 3, correct: 2, score: 2 / 3 }]);
    expect(data.items.map((i) => [i.n, i.id, i.correct, i.given])).toEqual([[1, 'beta.adam-lr', true, '0.001'], [2, 'beta.sigmoid-grad', true, 's*(1-s)'], [3, 'beta.zero-centred', false, 'b']]);
    expect(r.stderr).toContain('question 1/3 · 120:00 left · beta');
    expect(r.stderr).toContain('Mock exam over: all questions answered; 2/3 right (the result is on stdout).');
  });

  it('the same seed draws the same paper, in deck order', () => {
    const run = (seed: string) => dlnotesJson<ExamJson>(['exam', '--bank', BANK, '--lang', 'en', '--questions', '4', '--seed', seed], { env: envFor(tempHome()) }).data;
    const a = run('21');
    expect(run('21').items).toEqual(a.items);
    expect(a.items).toHaveLength(4);
    const decks = a.items.map((i) => i.deck);
    expect(decks).toEqual([...decks].sort());
  });

  /**
   * Runs the 7-question paper with a monotonic clock the test drives (test/helpers/fake-mono.mjs reads
   * it from a file): `script` answers a prompt (its number, 1-based) and sets the clock first, in ms
   * since the start; no real sleep, so a loaded machine cannot make the limit pass early or late.
   */
  async function timedExam(home: string, script: (n: number) => { at: number; input?: string }): Promise<{ code: number | null; out: string }> {
    const clock = join(home, 'mono-ms');
    const START = 1_000_000;
    writeFileSync(clock, String(START));
    const child = spawn(process.execPath, ['--import', pathToFileURL(FAKE_MONO).href, BIN, 'exam', '--bank', BANK, '--lang', 'en', '--now', NOW, '--questions', '7', '--seed', '11', '--minutes', '1'], {
      env: { ...process.env, NO_COLOR: '1', ...envFor(home), DLNOTES_TEST_MONO_FILE: clock }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.on('error', () => undefined); // the exam may be over (and stdin closed) when a late answer is written
    let out = '';
    let prompts = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      while ((out.match(/\nanswer: [^\n]*:/g) ?? []).length > prompts) {
        prompts += 1;
        const step = script(prompts);
        writeFileSync(clock, String(START + step.at));
        if (step.input !== undefined) child.stdin.write(step.input);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    return { code, out };
  }

  function expectTimeUpAfterOne(home: string, out: string): void {
    expect(out).toContain('Mock exam over: time up.');
    expect(out).toMatch(/score {2}1\/7 right \(14%\) · answered 1 of 7/);
    expect(out).toContain('– not answered; the answer is a) 112x112');
    expect(card(home, 'alpha.params').reviews).toHaveLength(1);
    expect(card(home, 'alpha.pool').reviews).toHaveLength(0);
    const h = dlnotesJson<HistoryJson>(['exam', '--history'], { env: envFor(home) });
    expect(h.data.exams[0]).toMatchObject({ answered: 1, correct: 1, ended: 'time' });
    expect(h.data.exams[0]!.items.filter((i) => i.given !== null).map((i) => i.id)).toEqual(['alpha.params']);
  }

  it('time running out: an answer in time counts, the next one (given after the limit) does not, the rest are unanswered', async () => {
    const home = tempHome();
    // Question 1 is answered at 0:30; question 2 is shown with 0:30 left and answered at 1:00.001.
    const r = await timedExam(home, (n) => (n === 1 ? { at: 30_000, input: '760\n' } : { at: 60_001, input: 'a\n' }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('question 2/7 · 0:30 left');
    expect(r.out).toContain('time was up before this answer came: not counted');
    expectTimeUpAfterOne(home, r.out);
  });

  it('time running out while a question waits: the exam ends at the limit without input', async () => {
    const home = tempHome();
    // Question 1 is answered 1 ms before the limit (it counts); question 2 then has 1 ms left and no answer comes.
    const r = await timedExam(home, (n) => (n === 1 ? { at: 59_999, input: '760\n' } : { at: 59_999 }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('time is up');
    expectTimeUpAfterOne(home, r.out);
  });

  it('kill -9 mid-exam keeps every answer given and the paper so far', async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [BIN, 'exam', '--bank', BANK, '--lang', 'en', '--now', NOW, '--questions', '7', '--seed', '11'], {
      env: { ...process.env, NO_COLOR: '1', ...envFor(home) }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('answer: a number:') && !out.includes('question 2/7')) child.stdin.write('760\nb\n');
        if (out.includes('question 3/7') && out.includes('answer: the blank:')) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    expect(card(home, 'alpha.params').reviews.map((x) => x.rating)).toEqual([3]);
    expect(card(home, 'alpha.pool').reviews.map((x) => x.rating)).toEqual([1]);
    const h = dlnotesJson<HistoryJson>(['exam', '--history'], { env: envFor(home) });
    expect(h.data.exams[0]).toMatchObject({ answered: 2, correct: 1, ended: null });
    expect(dlnotes(['exam', '--history'], { env: envFor(home) }).stdout).toContain('unfinished');
  });

  it('an empty history', () => {
    const r = dlnotes(['exam', '--history'], { env: envFor(tempHome()) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No mock exams yet/);
    expect(dlnotesJson(['exam', '--history'], { env: envFor(tempHome()) }).data).toEqual({ exams: [] });
  });
});

function expectUsage(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input: one line, exit 2', () => {
  it.each([
    [['--questions', '0'], /^dlnotes: --questions: expected a positive integer, got 0$/],
    [['--minutes', '-1'], /^dlnotes: --minutes: must be greater than 0, got -1$/],
    [['--minutes', 'soon'], /^dlnotes: --minutes: expected a number, got "soon"$/],
    [['--deck', 'nosuch'], /^dlnotes: --deck: unknown deck "nosuch" \(decks: alpha, beta\)$/],
    [['--seed', 'x'], /^dlnotes: --seed: expected a non-negative integer, got "x"$/],
    [['--lang', 'fr'], /--lang: expected one of zh, en/],
    [['--deck', 'alpha', '--tag', 'concept'], /^dlnotes: exam: no auto-graded question in scope \(1 self-graded card only\)/],
  ])('exam %j', (args, pattern) => {
    expectUsage(exam(tempHome(), '', args), pattern);
  });

  it.each([
    [['drill', 'nosuch'], /^dlnotes: drill: unknown topic "nosuch" \(topics: conv, params, pool, rf, backprop, loss, act, bn, knn, optim, lr(, [a-z]+)*; or a template id from dlnotes drill --list\)$/],
    [['drill'], /^dlnotes: drill: give a topic/],
    [['drill', 'conv', '-n', '0'], /^dlnotes: --count: expected a positive integer, got 0$/],
    [['drill', 'conv', '--options', 'trap=maybe'], /^dlnotes: --options: trap of conv-output-size must be true or false, got "maybe"$/],
    [['drill', 'loss', '--options', 'trap=true'], /^dlnotes: --options: no template of this drill takes "trap"/],
  ])('%j', (args, pattern) => {
    expectUsage(dlnotes(args, { env: envFor(tempHome()) }), pattern);
  });
});

describe('dlnotes drill (line mode)', () => {
  const drill = (home: string, input: string, args: string[]) => dlnotes(['drill', ...args, '--bank', BANK, '--lang', 'en', '--now', NOW], { input, env: envFor(home) });
  const withoutTime = (s: string): string => s.replace(/ · time \d+s/, '');

  it('the same seed asks the same problems: two runs, the same output', () => {
    // Wrong answers of the right form (a shape for the size, one number for MACs and memory).
    const wrong = '0x0x0\n0\n0\n0x0x0\n';
    const a = drill(tempHome(), wrong, ['conv', '-n', '4', '--seed', '99']);
    const b = drill(tempHome(), wrong, ['conv', '-n', '4', '--seed', '99']);
    expect(a.code).toBe(0);
    expect(withoutTime(a.stdout)).toBe(withoutTime(b.stdout));
    expect(a.stdout).toContain('dlnotes drill · topic conv · 4 problems · seed 99');
    expect(a.stdout.match(/^problem \d\/4 · .*$/gm)).toEqual([
      'problem 1/4 · Conv layer output size (conv-output-size)', 'problem 2/4 · Conv layer MACs (conv-macs)',
      'problem 3/4 · Conv layer output memory (conv-memory)', 'problem 4/4 · Conv layer output size (conv-output-size)',
    ]);
    const c = drill(tempHome(), wrong, ['conv', '-n', '4', '--seed', '100']);
    expect(withoutTime(c.stdout)).not.toBe(withoutTime(a.stdout));
  });

  it('grades right and wrong at once with the worked solution, and schedules the bank question of the template', () => {
    const home = tempHome();
    const first = drill(tempHome(), '0x0x0\n0x0x0\n0x0x0\n', ['conv-output-size', '-n', '3', '--seed', '5']);
    const answers = [...first.stdout.matchAll(/the answer is (H' = \d+, W' = \d+, K = \d+)/g)].map((m) => m[1]!.match(/\d+/g)!.join('x'));
    expect(answers).toHaveLength(3);
    const r = drill(home, `${answers[0]}\n1x1x1\n${answers[2]}\n`, ['conv-output-size', '-n', '3', '--seed', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('results of conv-output-size count toward alpha.conv-size in your schedule');
    expect(r.stdout.match(/^(✓|✗) .*$/gm)!.map((l) => l[0])).toEqual(['✓', '✗', '✓']);
    expect(r.stdout).toContain('✗ wrong value: you said 1x1x1; the answer is');
    expect(r.stdout).toContain('Output height');
    expect(r.stdout).toMatch(/Drill done\.\n {2}right 2\/3 answered \(67%\) · time \d+s\n {2}scheduled: 3 reviews of alpha.conv-size/);
    expect(card(home, 'alpha.conv-size').reviews.map((x) => [x.rating, x.correct])).toEqual([[3, true], [1, false], [3, true]]);
  });

  it('a template no bank question uses is drilled but not scheduled; :s shows the answer; --list', () => {
    const home = tempHome();
    const r = drill(home, ':s\n:q\n', ['optim-adam', '-n', '5', '--seed', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no question in the bank uses optim-adam: its results are not scheduled');
    // The revealed answer is Adam's for the numbers the prompt states, recomputed here step by step.
    const m = /β1 = ([\d.]+), β2 = ([\d.]+), ε = (\S+), α = ([\d.]+), m₀ = v₀ = 0\. w₀ = (-?[\d.]+) and the gradients at steps 1–\d+ are ([-\d., ]+)\. What/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const [b1, b2, eps, lr, w0] = m!.slice(1, 6).map(Number) as [number, number, number, number, number];
    let w = w0;
    let mo = 0;
    let v = 0;
    m![6]!.split(', ').map(Number).forEach((g, i) => {
      mo = b1 * mo + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= (lr * (mo / (1 - b1 ** (i + 1)))) / (Math.sqrt(v / (1 - b2 ** (i + 1))) + eps);
    });
    const revealed = /skipped; the answer is (-?\d+\.?\d*)\n/.exec(r.stdout)![1]!;
    expect(Math.abs(Number(revealed) - w)).toBeLessThanOrEqual(0.5 * 10 ** -(revealed.split('.')[1]?.length ?? 0) + 1e-12);
    expect(revealed.split('.')[1]!.length).toBeGreaterThanOrEqual(4);
    expect(r.stdout).toMatch(/Drill stopped\.\n {2}right 0\/0 answered · 1 skipped/);
    expect(r.stdout).toContain('scheduled: nothing');
    const list = dlnotes(['drill', '--list', '--lang', 'en']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/conv +conv-output-size +Conv layer output size\n +conv-macs/);
    expect(list.stdout).toMatch(/lr +lr-schedule/);
  });
});
