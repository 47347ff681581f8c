/**
 * bin/dlnotes.js runs dlnotes' CommonJS bundles from a V8 code cache kept in
 * $DLNOTES_HOME/cache/v8 (start-up speed). A cache may only ever make a run
 * faster: the output is the same with it, without it, with a damaged one, with
 * one left from an edited bundle, and when it cannot be written.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dlnotes, ROOT } from '../helpers/cli';
import { spawnSync } from 'node:child_process';

const tmp = mkdtempSync(join(tmpdir(), 'dlnotes-code-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CONV = ['conv', '--h', '32', '--f', '5', '--s', '1', '--p', '2'];
const home = (name: string): string => join(tmp, name);
const cacheFiles = (h: string): string[] => readdirSync(join(h, 'cache', 'v8')).sort();

describe('the code cache', () => {
  const plain = dlnotes(CONV, { env: { DLNOTES_NO_CODE_CACHE: '1' } });

  it('is written by the first run, read by the next, and changes nothing a student sees', () => {
    const h = home('fresh');
    const first = dlnotes(CONV, { env: { DLNOTES_HOME: h } });
    expect(first).toEqual(plain);
    const files = cacheFiles(h);
    expect(files.some((f) => f.startsWith('cli-'))).toBe(true);
    expect(files.some((f) => f.startsWith('light-conv-'))).toBe(true);
    expect(files.every((f) => f.endsWith('.v8'))).toBe(true);
    const stamps = files.map((f) => statSync(join(h, 'cache', 'v8', f)).mtimeMs);
    const second = dlnotes(CONV, { env: { DLNOTES_HOME: h } });
    expect(second).toEqual(plain);
    // An accepted cache is not rewritten.
    expect(cacheFiles(h)).toEqual(files);
    expect(files.map((f) => statSync(join(h, 'cache', 'v8', f)).mtimeMs)).toEqual(stamps);
  });

  it('serves the other commands (the quiz engine) from an entry point cached by another command', () => {
    const h = home('esm');
    const args = ['bank', 'stats', '--json'];
    const expected = dlnotes(args, { env: { DLNOTES_NO_CODE_CACHE: '1', DLNOTES_HOME: h } });
    expect(expected.code).toBe(0);
    dlnotes(CONV, { env: { DLNOTES_HOME: h } });
    // The entry point's cache was made by a calculator's run; bank stats loads dist/cmd/bank-stats.js through it.
    expect(dlnotes(args, { env: { DLNOTES_HOME: h } })).toEqual(expected);
    expect(dlnotes(args, { env: { DLNOTES_HOME: h } })).toEqual(expected);
  });

  it('serves KaTeX (which bank lint loads for every LaTeX formula) from the cache too', () => {
    const h = home('katex');
    const args = ['bank', 'lint', '--json'];
    const expected = dlnotes(args, { env: { DLNOTES_NO_CODE_CACHE: '1', DLNOTES_HOME: h } });
    expect(expected.code).toBe(0);
    expect(dlnotes(args, { env: { DLNOTES_HOME: h } })).toEqual(expected);
    expect(cacheFiles(h).some((f) => f.startsWith('node_modules-katex-'))).toBe(true);
    expect(dlnotes(args, { env: { DLNOTES_HOME: h } })).toEqual(expected);
  });

  it('ignores a damaged cache file and replaces it', () => {
    const h = home('damaged');
    dlnotes(CONV, { env: { DLNOTES_HOME: h } });
    for (const f of cacheFiles(h)) writeFileSync(join(h, 'cache', 'v8', f), Buffer.alloc(5000, 7));
    expect(dlnotes(CONV, { env: { DLNOTES_HOME: h } })).toEqual(plain);
    for (const f of cacheFiles(h)) expect(readFileSync(join(h, 'cache', 'v8', f)).equals(Buffer.alloc(5000, 7))).toBe(false);
    expect(dlnotes(CONV, { env: { DLNOTES_HOME: h } })).toEqual(plain);
  });

  it('never runs a cache made from an older bundle, even one of the same length with the same modification time', () => {
    // A copy of the built program whose conv bundle is then edited in place.
    const copy = join(tmp, 'copy');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const h = home('edited');
    const run = (): string => spawnSync(process.execPath, [join(copy, 'bin', 'dlnotes.js'), ...CONV], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '250', DLNOTES_HOME: h } }).stdout;
    const bundle = join(copy, 'dist', 'light', 'conv.js');
    // A whole-second modification time, which utimes can set again exactly.
    utimesSync(bundle, 1_700_000_000, 1_700_000_000);
    expect(run()).toBe(plain.stdout);
    expect(run()).toBe(plain.stdout);
    const before = statSync(bundle);
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain('Output height');
    writeFileSync(bundle, source.replace('Output height', 'OUTPUT HEIGHT'));
    utimesSync(bundle, 1_700_000_000, 1_700_000_000);
    expect(statSync(bundle).size).toBe(before.size);
    expect(statSync(bundle).mtimeMs).toBe(before.mtimeMs);
    const edited = run();
    expect(edited).toContain('OUTPUT HEIGHT');
    expect(edited).not.toContain('Output height');
    // The cache of the old bundle is gone, not kept beside the new one.
    expect(cacheFiles(h).filter((f) => f.startsWith('light-conv-'))).toHaveLength(1);
  });

  it('works as without it when the cache cannot be written', () => {
    // DLNOTES_HOME is a file: no directory can be made under it.
    const h = home('a-file');
    writeFileSync(h, 'not a directory');
    const r = dlnotes(CONV, { env: { DLNOTES_HOME: h } });
    expect(r).toEqual(plain);
    expect(readFileSync(h, 'utf8')).toBe('not a directory');
  });

  it('is off with DLNOTES_NO_CODE_CACHE=1', () => {
    const h = home('off');
    expect(dlnotes(CONV, { env: { DLNOTES_HOME: h, DLNOTES_NO_CODE_CACHE: '1' } })).toEqual(plain);
    expect(() => readdirSync(join(h, 'cache', 'v8'))).toThrow();
  });
});
