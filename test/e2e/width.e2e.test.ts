/**
 * Output fits the terminal (issue 11): at COLUMNS=80 no line of any command
 * is wider than 80 columns (CJK counts two), in English and in Chinese; at
 * COLUMNS=120 the wide layout of the summary table is used.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/table';
import { dlnotes } from '../helpers/cli';

const COMMANDS: string[][] = [
  ['--help'],
  ['conv', '--help'], ['backprop', '--help'], ['loss', '--help'], ['summary', '--help'], ['quiz', '--help'],
  ['conv', '--h', '32', '--c', '3', '--k', '16', '--f', '5', '--s', '2'],
  ['conv', '--h', '10', '--f', '3', '--s', '2', '--d', '2', '--p', '3'],
  ['pool', '--h', '5', '--f', '2', '--s', '2', '--ceil'],
  ['params', 'stack', '--n', '3', '--f', '3', '--c', '64'],
  ['rf', '--layers', 'conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2', '--input', '32'],
  ['summary', 'alexnet'], ['summary', 'resnet50'], ['summary', 'vgg16', '--cs231n'], ['summary', '--list'],
  ['net', 'googlenet'], ['net', 'resnet'],
  ['loss', 'svm', '--scores', '3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1', '--labels', '0,1,2'],
  ['loss', 'softmax', '--scores', '3.2,5.1,-1.7', '--label', '0'],
  ['act', 'all', '--x', '1'], ['act', 'relu,gelu,elu', '--plot'],
  ['optim', 'adam', '--grads', '0.5,-0.3,0.2', '--lr', '0.1'],
  ['lr', 'cosine', '--lr', '0.1', '--total', '100', '--warmup', '5'],
  ['bn', '--x', '1,2; 2,-1; 4,0.5'],
  ['knn', '--train', '1,1; 2,2; 5,5; 6,5', '--labels', '0,0,1,1', '--query', '3,3', '--k', '3'],
  ['backprop', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'],
  ['backprop', 'matmul', '--x', '1,2;3,4', '--w', '5,6;7,8'],
  ['gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2'],
  ['check', '--template', 'all'],
  ['bank', 'list'], ['bank', 'templates'], ['bank', 'stats'], ['drill', '--list'], ['config', 'list'], ['stats'],
];

function widest(text: string): { width: number; line: string } {
  let best = { width: 0, line: '' };
  for (const line of text.split('\n')) {
    const w = displayWidth(line);
    if (w > best.width) best = { width: w, line };
  }
  return best;
}

describe('output fits 80 columns', () => {
  const home = mkdtempSync(join(tmpdir(), 'dlnotes-width-'));
  for (const lang of ['en', 'zh']) {
    it.each(COMMANDS.map((c) => [c.join(' '), c] as const))(`${lang}: %s`, (_, args) => {
      const r = dlnotes([...args, '--lang', lang], { env: { COLUMNS: '80', DLNOTES_HOME: home } });
      expect(r.code, r.stderr).toBe(0);
      const { width, line } = widest(r.stdout);
      expect(width, line).toBeLessThanOrEqual(80);
    });
  }
});

describe('wide terminals get the wide layout', () => {
  it('summary at 120 columns shows every column; at 80 the compact one and says so', () => {
    const wide = dlnotes(['summary', 'alexnet'], { env: { COLUMNS: '120' } }).stdout;
    expect(wide).toMatch(/Layer\s+Kind\s+Output \(C×H×W\)\s+Params\s+MACs\s+Activations\s+fp32\s+RF\s+Jump/);
    const narrow = dlnotes(['summary', 'alexnet'], { env: { COLUMNS: '80' } }).stdout;
    expect(narrow).toMatch(/Layer\s+Output \(C×H×W\)\s+Params\s+MACs\s+RF\n/);
    expect(narrow).toContain('(left out to fit 80 columns: Activations, fp32, Jump, Kind; --wide shows them)');
    expect(dlnotes(['summary', 'alexnet', '--wide'], { env: { COLUMNS: '80' } }).stdout).toMatch(/Activations\s+fp32\s+RF\s+Jump/);
  });
  it('prose wraps at word boundaries, never inside a word', () => {
    const out = dlnotes(['lr', 'cosine', '--lr', '0.1', '--total', '100', '--warmup', '5'], { env: { COLUMNS: '60' } }).stdout;
    expect(widest(out).width).toBeLessThanOrEqual(60);
    expect(out).toContain('  Epochs count from t = 0 as PyTorch\'s schedulers do: the\n    value at t is the lr used during epoch t.');
  });
});
