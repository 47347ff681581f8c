#!/usr/bin/env node
// What checking the database before the first write costs at 100,000 reviews
// (issue #18): PRAGMA quick_check alone, the quiz's first run of a day (full
// check and the daily backup), and later runs of the same day (the stamp).
//   npm run build && node bench/store-check.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { quizScaleSetup } from './quiz-scale.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'dlnotes.js');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const Database = createRequire(import.meta.url)('better-sqlite3');

const made = await quizScaleSetup(root);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
try {
  const quiz = (now) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'quiz', '--bank', made.bank, '--now', now, '--lang', 'en'], {
      env: { ...process.env, DLNOTES_HOME: made.home, NO_COLOR: '1' }, input: '', encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`quiz exited ${r.status}: ${r.stderr}`);
    return performance.now() - t;
  };
  const bare = median(Array.from({ length: runs }, () => {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t;
  }));
  // A warm-up run builds the bank cache; the next day's first run then checks in full.
  quiz(made.now);
  const day = (n) => made.now.replace(/^(\d{4}-\d{2})-(\d{2})/, (_, ym, d) => `${ym}-${String(Number(d) + n).padStart(2, '0')}`);
  const first = Array.from({ length: Math.min(runs, 5) }, (_, i) => quiz(day(i + 1)));
  const later = Array.from({ length: runs }, () => quiz(day(Math.min(runs, 5))));
  const file = join(made.home, 'dlnotes.db');
  const db = new Database(file, { readonly: true });
  const checks = Array.from({ length: runs }, () => {
    const t = performance.now();
    db.pragma('quick_check');
    return performance.now() - t;
  });
  db.close();
  console.log(made.log);
  console.log(`node -e 0:                          ${ms(bare)}`);
  console.log(`PRAGMA quick_check alone:           ${ms(median(checks))}`);
  console.log(`quiz, first run of a day (check + backup): ${ms(median(first))}`);
  console.log(`quiz, later runs that day (stamp):  ${ms(median(later))}  (${(median(later) / bare).toFixed(2)}x bare node)`);
} finally {
  made.cleanup();
}
