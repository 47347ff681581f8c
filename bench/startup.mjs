#!/usr/bin/env node
// Startup benchmark: times dlnotes subcommands against bare `node -e 0`
// over repeated, interleaved runs and prints the median ratio of each.
// Usage: npm run bench [-- --runs 30] [-- --only conv]
// Build first (npm run build). This is a benchmark, not a test: it never fails CI.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { extraCases } from './cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'dlnotes.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 25;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

/**
 * Each case: a name, the argv after `node`, a target ratio, and optional
 * setup/env; `until` (a regex) times until stdout first matches it instead
 * of until the process exits.
 */
const all = [
  { name: 'conv', argv: [bin, 'conv', '--h', '32', '--f', '5', '--s', '1', '--p', '2'], target: 1.3 },
  { name: 'rf', argv: [bin, 'rf', '--layers', 'conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2'], target: 1.3 },
  ...(await extraCases({ root, bin })),
];
// Issue #16: the calculators keep their targets in Chinese too (the zh text is in the same bundles).
const IN_CHINESE = new Set(['conv', 'rf', 'loss svm', 'act gelu', 'bn', 'knn', 'backprop', 'gate', 'optim --grads', 'lr', 'summary resnet152', 'net resnet']);
const zh = all.filter((c) => IN_CHINESE.has(c.name)).map((c) => ({ ...c, name: `${c.name} --lang zh`, argv: [...c.argv, '--lang', 'zh'] }));
const cases = [...all, ...zh].filter((c) => !only || c.name === only);

/** Milliseconds until stdout matches `until` (the first question of a quiz), then the child is stopped. */
function timeUntil(argv, env, until) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    let ms;
    child.stdout.on('data', (d) => {
      out += d;
      if (ms === undefined && until.test(out)) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.stdin.end();
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => (ms !== undefined ? resolve(ms) : reject(new Error(`${argv.join(' ')} exited ${code} before ${until}: ${err}`))));
  });
}

function time(argv, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

console.log(`runs per case: ${runs} (interleaved with bare node; medians)`);
console.log('case'.padEnd(22), 'node -e 0'.padStart(10), 'dlnotes'.padStart(10), 'ratio'.padStart(7), 'target'.padStart(7));
for (const c of cases) {
  await c.setup?.();
  const base = [];
  const cmd = [];
  const measure = (argv, env) => (c.until ? timeUntil(argv, env, c.until) : time(argv, env));
  time(['-e', '0']);
  await measure(c.argv, c.env);
  for (let i = 0; i < runs; i++) {
    base.push(time(['-e', '0']));
    cmd.push(await measure(c.argv, c.env));
  }
  const b = median(base);
  const m = median(cmd);
  const ratio = m / b;
  const verdict = ratio <= c.target ? 'ok' : 'SLOW';
  console.log(c.name.padEnd(22), `${b.toFixed(1)}ms`.padStart(10), `${m.toFixed(1)}ms`.padStart(10), ratio.toFixed(2).padStart(7), `${c.target}x`.padStart(7), verdict);
  await c.teardown?.();
}
