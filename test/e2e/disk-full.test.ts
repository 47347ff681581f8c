/**
 * A full disk, for real: a 1 MB tmpfs filled to a few KB (needs root to
 * mount; skipped elsewhere). At 0-16 KB free SQLite cannot even map its
 * shared-memory index, and says "disk I/O error": dlnotes must still say the
 * disk is full, and that nothing changed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, dlnotes } from '../helpers/cli';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const mounts: string[] = [];

function tmpfs(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'dlnotes-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

const probe = tmpfs();
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
      rmSync(m, { recursive: true, force: true });
    } catch {
      // left for the system to clean
    }
  }
});

/** Fills the file system of `dir` until `free` bytes are left. */
function fillTo(dir: string, free: number): void {
  const fill = join(dir, 'fill');
  if (existsSync(fill)) unlinkSync(fill);
  const s = statfsSync(dir);
  writeFileSync(fill, Buffer.alloc(Math.max(0, s.bavail * s.bsize - free)));
}

const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

function envFor(home: string): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '' };
}

describe.skipIf(probe === undefined)('a full disk (tmpfs)', () => {
  function homeWithHistory(): string {
    const root = probe ?? tmpfs()!;
    const home = mkdtempSync(join(root, 'home-'));
    const r = dlnotes(['quiz', '--bank', BANK, '--lang', 'en', '--now', '2025-03-01T10:00', '--new', '1'], { input: '760\n', env: envFor(home) });
    expect(r.code, r.stderr).toBe(0);
    return home;
  }

  it.each([0, 4096, 16384])('%i bytes free: the quiz says the disk is full and nothing changed', (free) => {
    const home = homeWithHistory();
    const file = join(home, 'dlnotes.db');
    const before = sha(file);
    fillTo(home, free);
    try {
      const r = dlnotes(['quiz', '--bank', BANK, '--lang', 'en', '--now', '2025-03-01T10:05'], { input: 'a,c\n', env: envFor(home) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/dlnotes\.db: the disk is full/);
      expect(r.stderr).not.toMatch(/input\/output error/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      if (r.stdout.includes('answer:')) expect(r.stdout).toMatch(/not saved: your answer to/);
      else expect(r.stderr).toMatch(/nothing was changed/);
      expect(r.stdout).not.toContain('saved after every answer');
      expect(sha(file)).toBe(before);
    } finally {
      unlinkSync(join(home, 'fill'));
    }
  });

  it('an answer that does not fit is named in the summary', () => {
    const named: number[] = [];
    for (const kb of [32, 48, 64]) {
      const home = homeWithHistory();
      fillTo(home, kb * 1024);
      try {
        // The card basics.relu: reveal, then rate it Good.
        const r = dlnotes(['quiz', '--bank', BANK, '--lang', 'en', '--now', '2025-03-01T10:05'], { input: '\ngood\n', env: envFor(home) });
        expect(r.code, r.stdout + r.stderr).toBe(2);
        expect(r.stderr).toMatch(/the disk is full/);
        expect(r.stdout).not.toContain('saved after every answer');
        if (/not saved: your answer to basics\.relu/.test(r.stdout)) named.push(kb);
      } finally {
        unlinkSync(join(home, 'fill'));
      }
    }
    expect(named.length).toBeGreaterThan(0);
  });

  it('the start-up code cache is not written where less than 64 MiB are free', () => {
    const home = mkdtempSync(join(probe ?? tmpfs()!, 'home-'));
    const r = dlnotes(['conv', '--h', '32', '--f', '5'], { env: envFor(home) });
    expect(r.code).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });

  it('config set leaves the old settings and no temporary file', () => {
    const home = homeWithHistory();
    expect(dlnotes(['config', 'set', 'new_per_day', '7'], { env: envFor(home) }).code).toBe(0);
    const cfg = readFileSync(join(home, 'config.json'), 'utf8');
    fillTo(home, 0);
    try {
      const r = dlnotes(['config', 'set', 'new_per_day', '9'], { env: envFor(home) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/config\.json: the disk is full: the settings were not changed/);
      expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(cfg);
    } finally {
      unlinkSync(join(home, 'fill'));
    }
  });
});
