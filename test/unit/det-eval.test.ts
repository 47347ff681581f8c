/**
 * `ap --dets FILE --gts FILE`: detections of several images and classes,
 * matched per image and class. Reference values from
 * test/fixtures/det-eval-reference.py (ports of voc_eval.py and pycocotools'
 * COCOeval, written from their source), the file format's reader, and bad
 * input naming the file and line.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { computeAp } from '../../src/commands/ap';
import { checkAnswerText } from '../../src/core/check';
import { readDetections, readGroundTruth } from '../../src/core/vision/det-table';
import { evaluateDetections } from '../../src/core/vision/det-eval';
import { DET_EVAL } from '../fixtures/det-eval-reference';
import { ROOT } from '../helpers/cli';

interface ClassJson { name: string; ap: number | null; code_ap?: number; gt: number; tp: number; fp: number; ranked: Array<{ det_row: number; result: string; object_row: number | null }> }
interface EvalJson { map: number; code_map?: number; classes: ClassJson[]; per_threshold?: number[] }

const EXAMPLE = { dets: join(ROOT, 'docs', 'examples', 'dets.txt'), gts: join(ROOT, 'docs', 'examples', 'gts.txt') };
const FLAGS = { voc07: { method: 'voc07' }, voc12: { method: 'voc12' }, voc12_pixel: { method: 'voc12', pixel: true }, coco50: { method: 'coco' }, coco: { method: 'coco', iou: '0.5:0.05:0.95' } } as const;

describe('mAP over images and classes: the reference code\'s values', () => {
  const rows = DET_EVAL.flatMap(([name, dets, gts, ref]) => Object.entries(ref).map(([key, want]) => [name, key, dets, gts, want] as const));
  it.each(rows)('%s, %s', (name, key, dets, gts, want) => {
    const input = name === 'example' ? EXAMPLE : { dets, gts };
    const out = computeAp({ ...input, ...FLAGS[key as keyof typeof FLAGS] });
    const data = out.data as unknown as EvalJson;
    // The reference code compares recall thresholds in floating point; where that changes a value, the JSON says what it reports.
    expect(data.code_map ?? data.map).toBeCloseTo(want.map, 12);
    expect(Object.fromEntries(data.classes.map((c) => [c.name, c.code_ap ?? c.ap]))).toEqual(Object.fromEntries(Object.entries(want.aps).map(([c, v]) => [c, v === null ? null : expect.closeTo(v, 12)])));
  });

  it('a recall exactly on a VOC07 threshold: the exact AP, and what voc_eval.py reports beside it', () => {
    const [, dets, gts] = DET_EVAL.find(([name]) => name === 'random3')!;
    const data = computeAp({ dets, gts, method: 'voc07' }).data as unknown as EvalJson;
    expect(data.code_map).toBeDefined();
    expect(data.map).not.toBeCloseTo(data.code_map!, 6);
    expect(data.classes.filter((c) => c.code_ap !== undefined).length).toBeGreaterThan(0);
  });
});
