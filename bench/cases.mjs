// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBank } from './make-bank.mjs';

export async function extraCases({ bin }) {
  // A student's bank at the scale (10,000 questions), loaded from a warm cache.
  const work = mkdtempSync(join(tmpdir(), 'dlnotes-bench-bank-'));
  const bank = join(work, 'bank');
  const env = { DLNOTES_HOME: join(work, 'home'), NO_COLOR: '1' };
  const warm = () => {
    makeBank(bank, 10000, 10);
    spawnSync(process.execPath, [bin, 'bank', 'stats', '--bank', bank, '--json'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  };
  let made = false;
  const setup = () => {
    if (!made) warm();
    made = true;
  };
  const cases = [
    { name: 'bank-stats-10k', argv: [bin, 'bank', 'stats', '--bank', bank, '--json'], target: 2.5, env, setup },
    { name: 'bank-show-10k', argv: [bin, 'bank', 'show', 'big5.q5001', '--bank', bank], target: 2.5, env, setup },
  ];
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  return cases;
}
