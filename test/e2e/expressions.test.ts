/**
 * Expressions that are long, deep or not allowed, through the built binary
 * and every place a student types one: backprop, gradcheck, optim --f,
 * dlnotes check and formula answers in the quiz. Long flat sums work; what is
 * too deep is refused in one line; nothing ends in a stack trace, and the
 * symbolic derivative no longer takes exponential time.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, dlnotes } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const env = (home = tempHome()): Record<string, string> => ({ DLNOTES_HOME: home, LANG: 'C', LC_ALL: '', DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai' });

function noTrace(r: { code: number; stdout: string; stderr: string }): void {
  expect(r.stderr).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
  expect([0, 1, 2]).toContain(r.code);
}

function timed<T>(fn: () => T): { r: T; ms: number } {
  const t0 = Date.now();
  const r = fn();
  return { r, ms: Date.now() - t0 };
}

const sum2000 = Array.from({ length: 2000 }, () => 'x').join('+');
const prod2000 = Array.from({ length: 2000 }, () => 'x').join('*');
let nestedSin = 'x';
for (let i = 0; i < 22; i++) nestedSin = `sin(${nestedSin})`;
const sigmoids = Array.from({ length: 12 }, (_, i) => `sigmoid(x${i})`).join('*');
const squares = Array.from({ length: 200 }, (_, i) => `(x${i} - ${i % 7})^2`).join(' + ');
const at = (n: number): string[] => Array.from({ length: n }, (_, i) => `x${i}=${(i % 5) / 10}`);

describe('long flat sums and products', () => {
  it('backprop of a 2,000-term sum: the gradient is 2,000', () => {
    // --answer: the worked solution of 2,000 gates is long; the verdict is what matters here.
    const r = dlnotes(['backprop', sum2000, 'x=1', '--answer', 'x=2000'], { env: env() });
    noTrace(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('gradcheck of a 2,000-term product', () => {
    const r = dlnotes(['gradcheck', prod2000, 'x=1', '--answer', 'x=2000'], { env: env() });
    noTrace(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('optim --f with a 2,000-term sum', () => {
    const f = Array.from({ length: 2000 }, () => 'w^2').join('+');
    const r = dlnotes(['optim', 'sgd', '--f', f, '--w0', '1', '--lr', '0.0001', '--steps', '2', '--json'], { env: env() });
    noTrace(r);
    expect(r.code, r.stderr).toBe(0);
  });

  it('dlnotes check with a 2,000-term expression', () => {
    const dir = tempHome();
    writeFileSync(join(dir, 'hw.yaml'), `- backprop: {expression: "${sum2000}", values: "x=1"}\n  answer: {x: 2000}\n`);
    const r = dlnotes(['check', join(dir, 'hw.yaml')], { env: env() });
    noTrace(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('a formula answer of 2,000 terms in the quiz is graded', () => {
    const home = tempHome();
    const answer = `s*(1-s)${' + 0*s'.repeat(2000)}`;
    const r = dlnotes(['quiz', '--bank', BANK, '--lang', 'en', '--deck', 'optim', '--now', '2025-03-01T10:00'], { input: `${answer}\n`, env: env(home) });
    noTrace(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ equivalent/);
  });

  it('nesting deeper than 200 levels is refused in one line', () => {
    const deep = `${'('.repeat(300)}x${')'.repeat(300)}`;
    for (const args of [['backprop', deep, 'x=1'], ['gradcheck', deep, 'x=1'], ['optim', 'sgd', '--f', deep.replace('x', 'w'), '--w0', '1']]) {
      const r = dlnotes(args, { env: env() });
      noTrace(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/nests more than 200 levels deep/);
    }
  });
});

describe('deep expressions stay fast (they took over 20 s)', () => {
  it.each<[string, string[]]>([
    ['gradcheck: sin nested 22 deep', ['gradcheck', nestedSin, 'x=0.7']],
    ['optim --f: sin nested 22 deep', ['optim', 'sgd', '--f', nestedSin.replace(/x/g, 'w'), '--w0', '0.7', '--steps', '20']],
    ['gradcheck: a product of 12 sigmoids', ['gradcheck', sigmoids, ...at(12)]],
    ['gradcheck: a sum of 200 squares', ['gradcheck', squares, ...at(200)]],
    ['optim --f: a product of 12 sigmoids of w', ['optim', 'adam', '--f', Array.from({ length: 12 }, (_, i) => `sigmoid(w + ${i})`).join('*'), '--w0', '0.5']],
  ])('%s', (_name, args) => {
    const { r, ms } = timed(() => dlnotes([...args, '--json'], { env: env() }));
    noTrace(r);
    expect(r.code, r.stderr).toBe(0);
    // Generous for a loaded machine: the computation itself takes milliseconds.
    expect(ms).toBeLessThan(15_000);
  });
});

describe('optim --f accepts only its documented functions', () => {
  it.each(['evaluate("1+1")', 'parse("w")', 'compile("w")', 'simplify(w)', 'derivative(w, w)', 'config({})', 'import("fs")', 'w.constructor', 'x^2', '[w, 1]'])('%s is refused', (f) => {
    const r = dlnotes(['optim', 'sgd', '--f', f, '--w0', '1'], { env: env() });
    noTrace(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dlnotes: --f: /);
  });

  it('f(w) = w^2 gives real numbers at every step', () => {
    const r = dlnotes(['optim', 'sgd', '--f', 'w^2', '--w0', '1', '--lr', '0.1', '--steps', '3', '--json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.grad).toBe('2*w');
    const ws = data.steps.map((s: { w: number }) => s.w);
    expect(ws).toEqual([0.8, 0.64, 0.512].map((x) => expect.closeTo(x, 12)));
  });
});

describe('the quiz refuses a bank that lint rejects', () => {
  it('a formula key that does not compile: one line at its file:line:col, nothing asked', () => {
    const dir = join(tempHome(), 'bank');
    cpSync(BANK, dir, { recursive: true });
    const file = join(dir, 'optim.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('answer: "s*(1-s)"', 'answer: "s*(1-s) + foo(s)"'));
    const lint = dlnotes(['bank', 'lint', dir], { env: env() });
    expect(lint.code).toBe(1);
    const r = dlnotes(['quiz', '--bank', dir, '--lang', 'en'], { input: 's\n', env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/optim\.yaml:\d+:\d+: the answer "s\*\(1-s\) \+ foo\(s\)" is not a valid formula: unknown function foo\(\)/);
    expect(lint.stdout + lint.stderr).toMatch(/unknown function foo\(\)/);
    expect(r.stdout).not.toMatch(/answer:/);
  });
});
