/**
 * The detection and segmentation templates (src/quiz/generators/vision.ts):
 * deterministic, varied, bilingual, graded by their own answer, and slips
 * named only for wrong answers. Their numbers are checked against the
 * calculators through the built CLI in test/e2e/vision.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkNumber, checkTuple } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { SLIP_CATALOGUE } from '../../src/core/slips';
import { generators } from '../../src/quiz/generators/vision';
import { GENERATORS, generatorsByTopic } from '../../src/quiz/generators/index';
import type { Expected, GeneratedProblem } from '../../src/quiz/generators/types';

function exactAnswer(e: Expected): string {
  if (e.kind === 'number') return String(e.value);
  if (e.kind === 'tuple') return e.orders[0]!.join(', ');
  return '';
}

function grade(e: Expected, text: string): boolean {
  if (e.kind === 'number') return checkNumber(text, e.value, e.tol, !e.real && !e.tol && Number.isInteger(e.value)).ok;
  if (e.kind === 'tuple') return checkTuple(text, e.orders, e.tol).ok;
  return false;
}

describe.each(generators.map((g) => [g.id, g] as const))('generator %s', (_id, g) => {
  const problems: GeneratedProblem[] = Array.from({ length: 200 }, (_, seed) => g.generate(seededRng(seed)));

  it('is registered under its topic', () => {
    expect(GENERATORS.get(g.id)).toBe(g);
    expect(generatorsByTopic.get(g.topic)).toContain(g);
    expect(['detection', 'segmentation']).toContain(g.topic);
  });

  it('is deterministic per seed and varies across seeds', () => {
    expect(g.generate(seededRng(42))).toEqual(g.generate(seededRng(42)));
    expect(new Set(problems.map((p) => p.prompt.en)).size).toBeGreaterThan(g.id === 'fcn-upsample' || g.id === 'seg-output-stride' ? 15 : 40);
  });

  it('asks in both languages (full-width punctuation in Chinese), with a worked solution and a command', () => {
    for (const p of problems) {
      expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.prompt.zh).toMatch(/[。？]/);
      expect(p.prompt.en.length).toBeGreaterThan(30);
      expect(p.solution.lines.length).toBeGreaterThan(2);
      expect(p.command).toMatch(/^dlnotes /);
    }
  });

  it('its own answer passes its grader; a wrong one does not; the answer never matches one of its slips', () => {
    for (const p of problems) {
      expect(grade(p.expected, exactAnswer(p.expected))).toBe(true);
      if (p.expected.kind === 'number') expect(grade(p.expected, String(p.expected.value * 2 + 1))).toBe(false);
      const slips = p.expected.kind === 'number' || p.expected.kind === 'tuple' ? p.expected.slips ?? [] : [];
      for (const s of slips) {
        expect(Object.keys(SLIP_CATALOGUE)).toContain(s.id);
        expect(SLIP_CATALOGUE[s.id].topics).toContain(g.topic);
      }
    }
  });

  it('draws sensible exam numbers', () => {
    for (const p of problems) {
      const values = p.expected.kind === 'number' ? [p.expected.value] : p.expected.kind === 'tuple' ? p.expected.orders[0]! : [];
      for (const v of values) {
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v)).toBeLessThan(1e6);
      }
    }
  });
});

describe('template details', () => {
  const byId = (id: string) => generators.find((g) => g.id === id)!;
  it('nms-keep always removes something and keeps at least two boxes; the set may be given in any order', () => {
    for (let s = 0; s < 100; s++) {
      const p = byId('nms-keep').generate(seededRng(s));
      const keep = p.params.keep as number[];
      expect(keep.length).toBeGreaterThanOrEqual(2);
      expect(keep.length).toBeLessThan((p.params.boxes as number[][]).length);
      expect(grade(p.expected, [...keep].sort((a, b) => a - b).join(','))).toBe(true);
      expect(grade(p.expected, keep.map((i) => i + 1).join(','))).toBe(false);
    }
  });
  it('options pin the format, the method and the question', () => {
    for (let s = 0; s < 30; s++) {
      expect(byId('iou-boxes').generate(seededRng(s), { format: 'xywh' }).command).toContain('--format xywh');
      expect(byId('iou-boxes').generate(seededRng(s), { pixel: true }).command).toContain('--pixel');
      expect(byId('ap-ranked').generate(seededRng(s), { method: 'coco' }).command).toContain('--method coco');
      expect(byId('anchors-count').generate(seededRng(s), { ask: 'objectness' }).expected.kind).toBe('tuple');
      expect(byId('box-target').generate(seededRng(s), { weights: true }).command).toContain('--weights 10,10,5,5');
      expect(byId('seg-output-stride').generate(seededRng(s), { stride: '8' }).command).toContain('fcn_resnet50');
    }
  });
  it('box-target never draws negative coordinates', () => {
    for (let s = 0; s < 200; s++) {
      const p = byId('box-target').generate(seededRng(s));
      expect([...(p.params.anchor as number[]), ...(p.params.gt as number[])].every((v) => v >= 0)).toBe(true);
    }
  });
});
