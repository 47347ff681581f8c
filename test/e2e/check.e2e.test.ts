import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dlnotes } from '../helpers/cli';

const F = 'test/fixtures/homework';

describe('dlnotes check', () => {
  it('marks each answer and ends with a score; exit 1 when any is wrong', () => {
    const r = dlnotes(['check', `${F}/mixed.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 1. conv h=32 c=3 k=10 f=5 s=1 p=2');
    expect(r.stdout).toContain('✗ parameters: you said 750, the answer is 760');
    expect(r.stdout).toContain('weights = F_H·F_W·C·K = 5·5·3·10 = 750'); // worked solution of the wrong one
    expect(r.stdout).toContain('✓ 2. pool h=5 f=2 ceil=true');
    expect(r.stdout).toContain('Score: 5/6 answers right (83%); 3/4 problems fully right.');
  });

  it('JSON verdicts per item', () => {
    const r = dlnotes(['check', `${F}/mixed.yaml`, '--json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.score).toEqual({ right: 5, total: 6 });
    expect(data.items.map((i: { correct: boolean }) => i.correct)).toEqual([false, true, true, true]);
    expect(data.items[0].checks[1]).toMatchObject({ label: 'parameters', ok: false, given: '750', expected: '760' });
    expect(data.items[0].where).toBe(`${F}/mixed.yaml:1:3`);
  });

  it('JSON homework files work too; exit 0 when all right', () => {
    const r = dlnotes(['check', `${F}/all-right.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Score: 5/5 answers right (100%); 3/3 problems fully right.');
  });

  it('credits rounding to the digits given, from the text as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-check-'));
    const file = join(dir, 'hw.yaml');
    writeFileSync(file, '- params: {kind: separable, f: 3, c: 32, k: 64, no-bias: true}\n  answer: {ratio: 0.1267}\n- params: {kind: separable, f: 3, c: 32, k: 64, no-bias: true}\n  answer: {ratio: 0.13}\n- params: {kind: separable, f: 3, c: 32, k: 64, no-bias: true}\n  answer: {ratio: 0.12}\n');
    const data = JSON.parse(dlnotes(['check', file, '--json']).stdout);
    expect(data.items.map((i: { correct: boolean }) => i.correct)).toEqual([true, true, false]);
  });

  it('a malformed file: every problem as file:line:col, exit 2', () => {
    const r = dlnotes(['check', `${F}/malformed.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`dlnotes: ${F}/malformed.yaml:1:13: conv h: expected a positive integer, got "abc"`);
    expect(lines[1]).toBe(`dlnotes: ${F}/malformed.yaml:4:20: pool has no answer "volume" here (checkable: size, params)`);
    expect(lines[2]).toMatch(new RegExp(`^dlnotes: ${F}/malformed\\.yaml:5:3: unknown calculator "lstm"; known: conv, pool, params, rf`));
  });

  it('YAML syntax errors and missing answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-check-'));
    writeFileSync(join(dir, 'a.yaml'), '- conv: {h: 32, f: 3\n');
    writeFileSync(join(dir, 'b.yaml'), '- conv: {h: 32, f: 3}\n');
    expect(dlnotes(['check', join(dir, 'a.yaml')]).stderr).toMatch(/a\.yaml:\d+:\d+: YAML syntax error/);
    const b = dlnotes(['check', join(dir, 'b.yaml')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/b\.yaml:1:3: problem 1 \(conv\) has no "answer"/);
    expect(dlnotes(['check', join(dir, 'missing.yaml')]).stderr).toMatch(/no such file/);
  });

  it('--template prints a file that checks clean', () => {
    const t = dlnotes(['check', '--template', 'all']);
    expect(t.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-check-'));
    writeFileSync(join(dir, 'all.yaml'), t.stdout);
    const r = dlnotes(['check', join(dir, 'all.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(dlnotes(['check', '--template', 'nope']).stderr).toMatch(/--template: unknown calculator "nope"/);
  });
});

describe('dlnotes check across calculators', () => {
  it('gives exactly the expected verdicts for the issue example with planted mistakes', () => {
    const r = dlnotes(['check', `${F}/issue-example.yaml`, '--json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.items.map((i: { calculator: string; correct: boolean }) => `${i.calculator}:${i.correct}`)).toEqual([
      'conv:true', 'backprop:true', 'loss:true', 'loss:false', 'act:true', 'optim:true', 'lr:false', 'bn:true', 'knn:true', 'gradcheck:true', 'gate:true',
    ]);
    expect(data.score).toEqual({ right: 15, total: 17 });
    expect(data.items[3].checks[0]).toMatchObject({ ok: false, given: '0.89', expected: '2.040355153' });
    expect(data.items[6].checks[0]).toMatchObject({ ok: false, given: '0.1', expected: '0.01' });
  });

  it('shows the worked solution of each wrong answer in the text report', () => {
    const r = dlnotes(['check', `${F}/issue-example.yaml`]);
    expect(r.stdout).toContain('✗ 4. loss kind=softmax');
    expect(r.stdout).toContain('✗ 7. lr schedule=step');
    expect(r.stdout).toContain('Score: 15/17 answers right (88%); 9/11 problems fully right.');
  });
});

describe('dlnotes check: every problem in the file at once, before anything is graded (issue 11)', () => {
  it('names misspelled inputs and answers, wrong types and unreadable answers with file:line:col', () => {
    const r = dlnotes(['check', `${F}/misspelled.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `dlnotes: ${F}/misspelled.yaml:2:42: conv has no input "pad" (did you mean p?)`,
      `dlnotes: ${F}/misspelled.yaml:5:18: conv has no answer "sise" here (did you mean size?)`,
      `dlnotes: ${F}/misspelled.yaml:6:36: pool has no input "stride" (did you mean s?)`,
      `dlnotes: ${F}/misspelled.yaml:8:13: conv h: expected a positive integer, got "1,2"`,
      `dlnotes: ${F}/misspelled.yaml:11:18: conv size: not a number: four — type 4, 4.0, 1/2, 3e-4, 1,216, 1.2M or ~1.2k for an estimate`,
      `dlnotes: ${F}/misspelled.yaml:12:67: loss has no input "lamda" (did you mean lambda?)`,
    ]);
  });
  it('lists the inputs when nothing is close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-hw-'));
    writeFileSync(join(dir, 'hw.yaml'), '- pool: {h: 4, f: 2, zzzzzz: 1}\n  answer: {size: 2}\n');
    const r = dlnotes(['check', join(dir, 'hw.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pool has no input "zzzzzz" \(its inputs: h, w, c, f, s, p, d, ceil, type\)/);
  });
  it('reads a UTF-8 file with a byte-order mark; names UTF-16 and GBK files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-hw-'));
    const body = '- conv: {h: 32, f: 5, p: 2}\n  answer: {size: 32}\n';
    writeFileSync(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    expect(dlnotes(['check', join(dir, 'bom.yaml')]).code).toBe(0);
    writeFileSync(join(dir, 'u16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    const u16 = dlnotes(['check', join(dir, 'u16.yaml')]);
    expect(u16.code).toBe(2);
    expect(u16.stderr).toMatch(/is saved as UTF-16; save it as UTF-8/);
    writeFileSync(join(dir, 'gbk.yaml'), Buffer.concat([Buffer.from(body), Buffer.from([0x23, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a])]));
    const gbk = dlnotes(['check', join(dir, 'gbk.yaml')]);
    expect(gbk.code).toBe(2);
    expect(gbk.stderr).toMatch(/is not UTF-8 \(line 3\)/);
  });
  it('grades exact and approximate counts as --answer does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-hw-'));
    writeFileSync(join(dir, 'hw.yaml'), '- params: {kind: conv, f: 3, c: 64, k: 128}\n  answer: {params: 73.9k}\n- params: {kind: conv, f: 3, c: 64, k: 128}\n  answer: {params: ~73.9k}\n- params: {kind: conv, f: 3, c: 64, k: 128}\n  answer: {params: "73,856"}\n');
    const r = dlnotes(['check', join(dir, 'hw.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ parameters: you said 73.9k, the answer is 73856 (a count must be exact: 73.9k is rounded (write ~73.9k for an estimate))');
    expect(r.stdout).toContain('✓ parameters: ~73.9k (approximately right (exact: 73,856))');
    expect(r.stdout).toContain('✓ parameters: 73,856 (exact)');
  });
});
