// Bench case for the quiz at scale: a 10,000-question bank and a data
// directory with 100,000 logged reviews, made in a temp directory. The case
// times `dlnotes quiz` in line mode with empty input: it prints the header and
// the first question, reads end of input and prints the summary.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const QUESTIONS = 10_000;
const REVIEWS = 100_000;
const DECKS = 20;
const NOW = '2025-03-01T10:00:00+08:00';

function bankYaml(deck, from, count) {
  const lines = [`deck: ${deck}`, `title: {zh: 第 ${deck} 组, en: Deck ${deck}}`, 'questions:'];
  for (let i = from; i < from + count; i++) {
    lines.push(
      `  - id: ${deck}.q${i}`,
      '    type: numeric',
      `    prompt: {zh: "第 ${i} 题:${i} 加 1 是多少?", en: "Question ${i}: what is ${i} + 1?"}`,
      `    answer: ${i + 1}`,
      `    explanation: {zh: "${i} + 1 = ${i + 1}", en: "${i} + 1 = ${i + 1}"}`,
      '    tags: [calc]',
      '    source: "04 卷积神经网络 / 计算方法"',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Makes the bank and the history; returns the paths and a cleanup. */
export async function quizScaleSetup(root) {
  const dir = mkdtempSync(join(tmpdir(), 'dlnotes-bench-'));
  const bank = join(dir, 'bank');
  const home = join(dir, 'home');
  mkdirSync(bank);
  mkdirSync(home);
  const per = QUESTIONS / DECKS;
  const ids = [];
  for (let d = 0; d < DECKS; d++) {
    const deck = `deck${String(d).padStart(2, '0')}`;
    writeFileSync(join(bank, `${deck}.yaml`), bankYaml(deck, d * per, per));
    for (let i = d * per; i < (d + 1) * per; i++) ids.push(`${deck}.q${i}`);
  }
  writeFileSync(join(dir, 'ids.txt'), ids.join('\n'));
  // Inside the project so the bundle finds better-sqlite3 (a native addon, not bundled).
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const seed = join(cache, 'dlnotes-quiz-scale-seed.mjs');
  await build({
    entryPoints: [join(root, 'bench', 'quiz-scale-seed.ts')], outfile: seed, bundle: true, format: 'esm', platform: 'node',
    external: ['better-sqlite3'], logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const r = spawnSync(process.execPath, [seed, home, join(dir, 'ids.txt'), String(REVIEWS), NOW], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seeding failed: ${r.stderr}`);
  return { dir, bank, home, now: NOW, cleanup: () => rmSync(dir, { recursive: true, force: true }), log: r.stdout.trim() };
}
