/**
 * Inputs that never end or multiply, through the built binary: devices,
 * huge files, links that dangle or loop, nested repeats. Each ends within
 * seconds with one line naming the file and the limit (exit 2); pipes and
 * process substitution keep working.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, dlnotes } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const HW = 'problems:\n  - conv: {h: 32, f: 5, p: 2}\n    answer: 32\n';

function expectOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

/** A sparse file of `bytes` (instant, takes no disk). */
function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

const env = (home = tempHome()): Record<string, string> => ({ DLNOTES_HOME: home, LANG: 'C', LC_ALL: '' });

describe('files that are not files, or too large', () => {
  it.each<[string, string[], RegExp]>([
    ['check /dev/zero', ['check', '/dev/zero'], /check: "\/dev\/zero" is not a regular file \(a character device\)/],
    ['summary --spec /dev/zero', ['summary', '--spec', '/dev/zero'], /--spec: "\/dev\/zero" is not a regular file/],
    ['rf --spec /dev/zero', ['rf', '--spec', '/dev/zero'], /--spec: "\/dev\/zero" is not a regular file/],
    ['check a directory', ['check', ROOT], /is a directory; give a file/],
    ['check a missing file', ['check', '/nonexistent/hw.yaml'], /"\/nonexistent\/hw\.yaml": no such file/],
  ])('%s: one line, exit 2', (_name, args, pattern) => {
    expectOneLine(dlnotes(args, { env: env() }), pattern);
  });

  it('a 50 MB homework file is refused before reading, with the limit', () => {
    const dir = tempHome();
    const file = join(dir, 'big.yaml');
    sparse(file, 50 * 1024 * 1024);
    expectOneLine(dlnotes(['check', file], { env: env() }), /check: ".*big\.yaml" is 50\.0 MB; it may be at most 1\.0 MB/);
  });

  it('process substitution and pipes still work', () => {
    const dir = tempHome();
    const file = join(dir, 'hw.yaml');
    writeFileSync(file, HW);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check <(cat "${file}")`], { encoding: 'utf8', env: { ...process.env, ...env(), NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Score: 1\/1/);
    const big = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check <(head -c 2000000 /dev/zero)`], { encoding: 'utf8', env: { ...process.env, ...env() } });
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/more than 1\.0 MB came through "\/dev\/fd\/\d+"; it may be at most 1\.0 MB/);
  });

  it('a config.json that is a link to /dev/zero does not hang any command', () => {
    const home = tempHome();
    symlinkSync('/dev/zero', join(home, 'config.json'));
    const calc = dlnotes(['conv', '--h', '5', '--f', '3'], { env: env(home) });
    expect(calc.code, calc.stderr).toBe(0);
    expectOneLine(dlnotes(['config'], { env: env(home) }), /config: ".*config\.json" is not a regular file/);
  });
});

describe('bank directories with links', () => {
  function bankCopy(): string {
    const dir = join(tempHome(), 'bank');
    cpSync(BANK, dir, { recursive: true });
    return dir;
  }

  it.each<[string, (dir: string) => void, RegExp]>([
    ['a dangling link', (dir) => symlinkSync(join(dir, 'gone.yaml'), join(dir, 'extra.yaml')), /bank: ".*extra\.yaml" is a symbolic link to ".*gone\.yaml", which does not exist/],
    ['a looping link', (dir) => { symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml')); symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml')); }, /bank: ".*a\.yaml" is a symbolic link that loops back on itself/],
    ['a deck that links to a device', (dir) => symlinkSync('/dev/zero', join(dir, 'zero.yaml')), /bank: ".*zero\.yaml" is not a regular file/],
    ['a deck too large', (dir) => sparse(join(dir, 'huge.yaml'), 20 * 1024 * 1024), /bank: ".*huge\.yaml" is 20\.0 MB; it may be at most 16\.0 MB/],
    ['a bank too large in all', (dir) => { for (let i = 0; i < 5; i++) sparse(join(dir, `part${i}.yaml`), 15 * 1024 * 1024); }, /bank: the decks add up to 75\.\d MB in 7 files; dlnotes loads at most 64\.0 MB/],
  ])('%s: one line naming the file, exit 2', (_name, damage, pattern) => {
    const dir = bankCopy();
    damage(dir);
    expectOneLine(dlnotes(['quiz', '--bank', dir, '--lang', 'en'], { env: env() }), pattern);
    expectOneLine(dlnotes(['bank', 'lint', dir], { env: env() }), pattern);
  });

  it('a linked directory is followed once (a link back to the bank does not loop)', () => {
    const dir = bankCopy();
    const more = join(tempHome(), 'more');
    mkdirSync(more);
    writeFileSync(join(more, 'extra.yaml'), 'deck: extra\ntitle: {zh: 额外, en: Extra}\nquestions:\n  - id: extra.one\n    type: numeric\n    prompt: {zh: "1 + 1 = ?", en: "1 + 1 = ?"}\n    answer: 2\n    explanation: {zh: "2", en: "2"}\n    tags: [calc]\n    source: "04 卷积神经网络 / 计算方法"\n');
    symlinkSync(more, join(dir, 'more'));
    symlinkSync(dir, join(more, 'back'));
    const r = dlnotes(['bank', 'stats', '--bank', dir, '--json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).decks.map((d: { id: string }) => d.id)).toContain('extra');
  });
});

describe('specs that multiply', () => {
  it('four levels of repeat: 100 end within seconds with the path of the repeat', () => {
    const dir = tempHome();
    let body = '[relu]';
    for (let i = 0; i < 4; i++) body = `[{seq: ${body}, repeat: 100}]`;
    writeFileSync(join(dir, 'net.yaml'), `input: [3, 32, 32]\nlayers: ${body}\n`);
    const t0 = Date.now();
    expectOneLine(dlnotes(['summary', '--spec', join(dir, 'net.yaml')], { env: env() }), /net\.yaml:2:\d+: repeat: 100 at layers\[0\]\.seq\[0\] makes 2,010,100 layers/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});
