/**
 * Numbers that used to come out wrong or silently changed, through the
 * built binary: softmax at 1e16, integers past 2^53 − 1, a zoo network given
 * the wrong channels, repeated layer keys, the flag named for too many
 * gradients, exact parameter counts.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dlnotes, dlnotesJson } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const env = { LANG: 'C', LC_ALL: '' };

function expectOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('numbers', () => {
  it('softmax of two scores of 1e16 is ln 2, not 0', () => {
    const r = dlnotesJson<{ loss: number }>(['loss', 'softmax', '--scores', '1e16,1e16', '--label', '0'], { env });
    expect(r.code).toBe(0);
    expect(r.data.loss).toBeCloseTo(Math.LN2, 12);
    expect(dlnotes(['loss', 'softmax', '--scores', '1e16,1e16', '--label', '0', '--answer', '0.6931'], { env }).code).toBe(0);
  });

  it.each<[string[], RegExp]>([
    [['conv', '--h', '9007199254740993', '--f', '3'], /--h: 9007199254740993 is too large to be exact; integers go up to 9007199254740991/],
    [['pool', '--h', '9007199254740992', '--f', '2'], /--h: 9007199254740992 is too large to be exact/],
    [['params', 'fc', '--in', '99999999999999999999', '--out', '2'], /--in: 99999999999999999999 is too large to be exact/],
    [['rf', '--layers', 'conv k=9007199254740993'], /conv k must be/],
    [['summary', '--spec', 'x.yaml', '--input', '3x9007199254740993x9'], /--input: expected C×H×W/],
  ])('%j: an integer past 2^53 − 1 is refused, not rounded', (args, pattern) => {
    const dir = tempHome();
    writeFileSync(join(dir, 'x.yaml'), 'layers: [relu]\n');
    expectOneLine(dlnotes(args, { env, cwd: dir }), pattern);
  });

  it('a homework file with an integer past 2^53 − 1 names its position', () => {
    const dir = tempHome();
    writeFileSync(join(dir, 'hw.yaml'), '- conv: {h: 9007199254740993, f: 3}\n  answer: 9007199254740991\n');
    expectOneLine(dlnotes(['check', join(dir, 'hw.yaml')], { env }), /hw\.yaml:1:13: 9007199254740993 is too large to be exact/);
  });

  it('a zoo network checks its input channels', () => {
    expectOneLine(dlnotes(['summary', 'resnet18', '--input', '1x1x1'], { env }), /--input: resnet18 takes 3 input channels .*got 1: give 3x1x1, or only H×W \(default 3x224x224\)/);
    expect(dlnotes(['summary', 'resnet18', '--input', '3x64x64', '--json'], { env }).code).toBe(0);
    expect(dlnotes(['summary', 'resnet18', '--input', '64x64', '--json'], { env }).code).toBe(0);
  });

  it('rf --layers: a repeated key is an error', () => {
    expectOneLine(dlnotes(['rf', '--layers', 'conv k=3 k=5'], { env }), /--layers layer 1 \("conv k=3 k=5"\): k is given twice/);
  });

  it('optim --grads with 10,001 values names --grads', () => {
    const grads = Array.from({ length: 10_001 }, () => '0.1').join(',');
    expectOneLine(dlnotes(['optim', 'sgd', '--grads', grads, '--lr', '0.1'], { env }), /^dlnotes: --grads: expected 1 to 10000 gradients \(one step each\), got 10001/);
  });

  it('a parameter count off by 136 in 138 million is wrong', () => {
    const r = dlnotes(['summary', 'vgg16', '--answer', 'params=138357408'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ parameters: you said 138357408, the answer is 138,357,544/);
    expect(dlnotes(['summary', 'vgg16', '--answer', 'params=~138.4M'], { env }).code).toBe(0);
  });
});
