/** `config set` on a full disk: the old settings stay, and no temporary file is left behind. */
import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, writeFileSync as realWrite } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/quiz/config';
import { tempHome } from '../helpers/quiz';

const full = { on: false };

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    // As on a full disk: the file is created, part of it is written, then ENOSPC.
    writeFileSync: (path: string, data: string, ...rest: unknown[]) => {
      if (full.on && String(path).endsWith('.tmp')) {
        fs.writeFileSync(path, String(data).slice(0, 4));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      }
      return (fs.writeFileSync as (...a: unknown[]) => void)(path, data, ...rest);
    },
  };
});

describe('config on a full disk', () => {
  it('keeps the old file and leaves no temporary file', async () => {
    const { writeConfig } = await import('../../src/quiz/store/config-file');
    const home = tempHome();
    realWrite(join(home, 'config.json'), '{\n  "new_per_day": 7\n}\n');
    full.on = true;
    try {
      expect(() => writeConfig(home, { ...DEFAULT_CONFIG, new_per_day: 9 })).toThrow(/config\.json: the disk is full: the settings were not changed/);
    } finally {
      full.on = false;
    }
    expect(readdirSync(home)).toEqual(['config.json']);
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toContain('"new_per_day": 7');
  });
});
