/**
 * Issue #18: no flag value and no answer string makes a calculator crash.
 * fast-check draws argument lists for every calculator from its own
 * registration (options, arguments, subcommands), with values students type
 * and values that break parsers (huge and negative integers, 2^53 + 1, NaN,
 * full-width digits, Chinese punctuation, lone separators, deep and long
 * expressions), and runs them through the entry point in-process: the exit
 * code is 0, 1 or 2, never 70, stderr carries no stack trace, and each run
 * ends within seconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const out: string[] = [];
const err: string[] = [];
vi.mock('../../src/write', () => ({
  writeOut: (s: string) => void out.push(s),
  writeErr: (s: string) => void err.push(s),
}));

const { buildProgram, main } = await import('../../src/cli');

/** Commands that use the store, prompt or read a file; every other command is a calculator and is fuzzed. */
const NOT_CALCULATORS = new Set(['check', 'bank', 'quiz', 'stats', 'card', 'config', 'db', 'exam', 'drill', 'help', 'plan', 'optimize', 'log', 'export']);
const CALCULATORS = buildProgram(['node', 'dlnotes']).commands.map((c) => c.name()).filter((n) => !NOT_CALCULATORS.has(n));

const NUMBERS = ['0', '1', '-1', '3', '7', '224', '1e3', '1e308', '1e400', '-1e400', '9007199254740991', '9007199254740993', '0.5', '-0.0', 'NaN', 'Infinity', '１２', '3。5', '1,216', '50%', '~12', '1.2万', '2 MB', '0x10', '', ' ', '3x', 'same', 'valid', 'true'];
const LISTS = ['1,2,3', '1,2;3,4', '1;2;3', ';;;', ',,,', '1，2，3', '1,,2', '1e16,1e16', '-1e16,1e16', '1e-320,0', '3x224x224', '1x1x1', '1x0x5', '9007199254740993x2x2', 'conv k=3 s=1 p=1', 'conv k=3 k=5', 'pool k=2; conv k=3 s=2', 'relu,gelu,elu', 'mul', 'x', 'w=[2,-3,-3]'];
const EXPRESSIONS = [
  'x^2 + 3*x',
  'sigmoid(w0*x0 + w1)',
  'evaluate("1+1")',
  'w.constructor',
  '√x·２',
  '((((((x))))))',
  Array.from({ length: 2000 }, () => 'x').join('+'),
  `${'sin('.repeat(300)}x${')'.repeat(300)}`,
  `${'-'.repeat(500)}x`,
  `x${'^x'.repeat(300)}`,
  'log(x, 0)',
  'x/0',
  '1e999*x',
];
const ANSWERS = ['32', '32x32x10', 'params=760', 'output=32x32x10, macs=768000', '~1.2k', '１２３', '；；；', ';;;', '=', 'params=', '=5', 'x=1=2', '1/0', '0/0', '1e400', '9007199254740993', '64 KiB', '1.5 GFLOPs', '大约 3', '✓', 'a'.repeat(5000)];

/** Values a calculator accepts more often than not, so the draws reach past argument checks. */
const plausible = fc.oneof(
  fc.integer({ min: 1, max: 64 }).map(String),
  fc.double({ min: -10, max: 10, noNaN: true }).map((x) => String(Math.round(x * 100) / 100)),
  fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(',')),
);

const value = fc.oneof(
  { arbitrary: plausible, weight: 6 },
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 1 },
  fc.constantFrom(...LISTS),
  fc.constantFrom(...EXPRESSIONS),
  fc.constantFrom(...ANSWERS),
  fc.integer({ min: -5, max: 300 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

interface Shape {
  path: string[];
  options: { flag: string; takesValue: boolean }[];
  args: number;
}

function shapes(cmd: Command, path: string[]): Shape[] {
  const own: Shape = {
    path,
    // --svg writes a file; --spec reads one (files are fuzzed in input-limits.test.ts).
    options: cmd.options.filter((o) => !['--lang', '--help', '--svg', '--spec'].includes(o.long ?? '')).map((o) => ({ flag: o.long ?? o.short!, takesValue: o.required || o.optional })),
    args: cmd.registeredArguments.length + (cmd.registeredArguments.some((a) => a.variadic) ? 2 : 0),
  };
  return [own, ...cmd.commands.flatMap((c) => shapes(c, [...path, c.name()]))];
}

const SHAPES: Shape[] = CALCULATORS.flatMap((name) => {
  const cmd = buildProgram(['node', 'dlnotes', name]).commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command ${name}`);
  return shapes(cmd, [name]);
});

/** An argument list for one command: some of its options with drawn values, drawn positionals, maybe an --answer. */
function argvFor(shape: Shape): fc.Arbitrary<string[]> {
  const opts = shape.options.length ? fc.subarray(shape.options, { maxLength: Math.min(6, shape.options.length) }) : fc.constant([]);
  return fc.tuple(opts, fc.array(value, { maxLength: shape.args }), fc.array(value, { minLength: 6, maxLength: 6 }), fc.constantFrom('en', 'zh')).map(([chosen, positional, vals, lang]) => [
    ...shape.path,
    ...positional,
    ...chosen.flatMap((o, i) => (o.takesValue ? [`${o.flag}=${vals[i]!}`] : [o.flag])),
    '--lang',
    lang,
  ]);
}

/** Splits an example command line as a shell would (quotes, no expansion); drops a trailing # comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** The calculators' help examples (src/cli.ts): valid invocations that reach each calculator's work. */
const EXAMPLES: string[][] = [...readFileSync(new URL('../../src/cli.ts', import.meta.url), 'utf8').matchAll(/^\s*'dlnotes ([^']*)',?$/gm)]
  .map((m) => shellWords(m[1]!))
  .filter((w) => CALCULATORS.includes(w[0]!) && !w.some((x) => /^[|>]$|^--(svg|spec)$/.test(x)));

const SUBCOMMANDS = new Set(SHAPES.filter((s) => s.path.length > 1).map((s) => s.path.join(' ')));

/** Commands whose first positional is an expression (fuzzed like any value); other first positionals name a kind. */
const EXPRESSION_COMMANDS = new Set(['backprop', 'gradcheck']);
const takes = (flag: string): Set<string> => new Set(SHAPES.filter((s) => s.options.some((o) => o.flag === flag)).map((s) => s.path.join(' ')));
const TAKES_ANSWER = takes('--answer');
const TAKES_JSON = takes('--json');

/**
 * An example with one or two of its values replaced by drawn ones (a flag's
 * value, the value in name=value, an expression), maybe an --answer (where
 * the command takes one) and --json added.
 */
const mutated: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 2 }), fc.option(value, { freq: 3 }), fc.boolean(), fc.constantFrom('en', 'zh'))
  .map(([example, swaps, answer, json, lang]) => {
    const words = [...example];
    const slots = words.map((_, i) => i).filter((i) => {
      const w = words[i]!;
      if (i === 0 || w.startsWith('--')) return false;
      if (words[i - 1] === '--lang') return false;
      if (words[i - 1]!.startsWith('--')) return true;
      if (/^[A-Za-z_]\w*=/.test(w)) return true;
      return i === 1 && EXPRESSION_COMMANDS.has(words[0]!) && w !== 'matmul';
    });
    for (const [k, v] of swaps) {
      if (!slots.length) break;
      const i = slots[k % slots.length]!;
      const named = /^([A-Za-z_]\w*)=/.exec(words[i]!);
      words[i] = named && !words[i - 1]!.startsWith('--') ? `${named[1]}=${v}` : v;
    }
    const path = SUBCOMMANDS.has(`${words[0]} ${words[1]}`) ? `${words[0]} ${words[1]}` : words[0]!;
    if (answer !== null && TAKES_ANSWER.has(path)) words.push(`--answer=${answer}`);
    if (json && TAKES_JSON.has(path)) words.push('--json');
    return [...words, '--lang', lang];
  });

const runs = Number(process.env.FUZZ_RUNS ?? 400);

describe('no calculator input crashes dlnotes', () => {
  let columns: string | undefined;
  // A calculator writes no file where it runs (review-log exports named after
  // fuzzed values once landed in the repository's root).
  let here: string[] = [];
  beforeAll(() => {
    columns = process.env.COLUMNS;
    process.env.COLUMNS = '80';
    here = readdirSync(process.cwd()).sort();
  });
  afterAll(() => {
    if (columns === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = columns;
    expect(readdirSync(process.cwd()).sort()).toEqual(here);
  });

  it('covers every calculator and its subcommands', () => {
    expect(CALCULATORS).toEqual(expect.arrayContaining(['conv', 'pool', 'rf', 'loss', 'backprop', 'gradcheck', 'optim', 'lr', 'summary']));
    expect(new Set(SHAPES.map((s) => s.path[0]))).toEqual(new Set(CALCULATORS));
    expect(new Set(EXAMPLES.map((w) => w[0]))).toEqual(new Set(CALCULATORS));
  });

  it('exit 0, 1 or 2 within seconds, never a stack trace', async () => {
    const codes = new Map<number, number>();
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: fc.constantFrom(...SHAPES).chain(argvFor), weight: 1 }), async (args) => {
        out.length = 0;
        err.length = 0;
        const started = performance.now();
        const code = await main(['node', 'dlnotes', ...args]);
        const took = performance.now() - started;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code !== 2) reached.add(args[0]!);
        const stderr = err.join('');
        expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
        expect([0, 1, 2]).toContain(code);
        if (code === 2) expect(stderr).toMatch(/^dlnotes: /);
        expect(took).toBeLessThan(5000);
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 18), endOnFailure: true },
    );
    // The draws reach the calculators' work, not only their argument checks.
    if (process.env.FUZZ_VERBOSE) console.log(codes, [...reached].sort().join(' '));
    expect(codes.get(0) ?? 0).toBeGreaterThan(runs / 20);
    expect(codes.get(2) ?? 0).toBeGreaterThan(runs / 10);
    expect(reached.size).toBeGreaterThan(CALCULATORS.length / 2);
  }, 600_000);
});
