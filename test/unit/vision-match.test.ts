/**
 * `ap --dets --gts`: detections matched to objects as py-faster-rcnn's
 * voc_eval.py and pycocotools' COCOeval.evaluateImg do. Expected flags from
 * numpy ports of both (the matching loops of test/fixtures/vision-reference.py,
 * match_voc and match_coco), kept here as a table.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswerText } from '../../src/core/check';
import { tr } from '../../src/core/text';
import { matchDetections, type MatchRule } from '../../src/core/vision/match';
import { computeAp } from '../../src/commands/ap';
import type { Worked } from '../../src/core/worked';
import { renderWorked } from '../../src/render/worked';

type B = [number, number, number, number];
// dets, scores, gts, t, voc continuous, voc pixel (+1), coco
const TABLE: Array<[B[], number[], B[], number, number[], number[], number[]]> = [
  [[[0, 0, 10, 10], [0, 0, 10, 9], [20, 20, 30, 30]], [0.9, 0.8, 0.7], [[0, 0, 10, 10], [0, 0, 10, 8]], 0.5, [1, 0, 0], [1, 0, 0], [1, 1, 0]],
  [[[1, 1, 11, 11], [0, 0, 10, 10], [50, 50, 60, 60], [52, 50, 62, 60]], [0.6, 0.9, 0.8, 0.95], [[0, 0, 10, 10], [50, 50, 60, 60], [100, 100, 110, 110]], 0.5, [0, 1, 0, 1], [0, 1, 0, 1], [0, 1, 0, 1]],
  [[[0, 0, 10, 10]], [0.5], [[5, 0, 15, 10]], 1 / 3, [0], [1], [1]],
];

describe('matching detections: voc_eval.py and pycocotools', () => {
  it.each(TABLE)('dets %j', (dets, scores, gts, t, voc, vocPixel, coco) => {
    const flags = (rule: MatchRule, pixel = false) => matchDetections({ dets, scores, gts, iou: t, rule, pixel }).tp.map(Number);
    expect(flags('voc')).toEqual(voc);
    expect(flags('voc', true)).toEqual(vocPixel);
    expect(flags('coco')).toEqual(coco);
    expect(matchDetections({ dets, scores, gts, iou: t, rule: 'voc' }).otherTp.map(Number)).toEqual(coco);
  });

  it('explains a duplicate and what the other rule would do', () => {
    const m = matchDetections({ dets: TABLE[0]![0], scores: TABLE[0]![1], gts: TABLE[0]![2], iou: 0.5, rule: 'voc' });
    expect(m.rows.map((r) => [r.index, r.reason, r.best])).toEqual([[0, 'tp', 0], [1, 'taken', 0], [2, 'low', 0]]);
    expect(m.rows[1]!.takenBy).toBe(0);
  });

  it('rejects mismatched scores, a threshold outside [0, 1] and swapped corners, naming the flag', () => {
    const base = { dets: [[0, 0, 1, 1]], scores: [0.5], gts: [[0, 0, 1, 1]], iou: 0.5, rule: 'voc' as const };
    expect(() => matchDetections({ ...base, scores: [0.5, 0.4] })).toThrow(/1 detections but 2 scores/);
    expect(() => matchDetections({ ...base, iou: 1.2 })).toThrow(/between 0 and 1/);
    expect(() => matchDetections({ ...base, gts: [[2, 0, 1, 1]] })).toThrow(/g0/);
  });
});

describe('dlnotes ap --dets --gts', () => {
  const flags = { dets: '0,0,10,10; 0,0,10,9; 20,20,30,30', scores: '0.9,0.8,0.7', gts: '0,0,10,10; 0,0,10,8' };
  it('matches, then takes AP of the flags; the method picks the rule', () => {
    const voc = computeAp(flags);
    expect(voc.data).toMatchObject({ ap: 0.5, match: { rule: 'voc', other_rule_tp: [1, 1, 0] } });
    const coco = computeAp({ ...flags, method: 'coco' });
    expect(coco.data).toMatchObject({ ap: 1, match: { rule: 'coco' } });
    const text = renderWorked(voc.worked as Worked, 'en');
    expect(text).toContain('→ FP: its best object g0 is already taken by #0 (a duplicate)');
    expect(text).toContain('The COCO rule would give TP = 1,1,0 here');
    expect(renderWorked(voc.worked as Worked, 'zh')).toContain('已被 #0 占用（重复检测）');
  });
  it('grades the TP flags and names the duplicate and other-rule slips', () => {
    const out = computeAp(flags);
    const check = (answer: string) => checkAnswerText(answer, out.quantities, out.defaultKey)[0]!;
    expect(check('tp=1,0,0').ok).toBe(true);
    const dup = check('tp=1,1,0');
    expect(dup.ok).toBe(false);
    expect(dup.slips?.map((s) => s.id)).toEqual(['ap-duplicate-tp', 'ap-match-rule']);
    expect(tr(dup.slips![0]!.text, 'en')).toContain('a duplicate detection was counted as TP');
  });
  it('refuses --tp with boxes, a --gt that disagrees with --gts, and --iou without boxes', () => {
    expect(() => computeAp({ ...flags, tp: '1,0,0' })).toThrow(/either --tp/);
    expect(() => computeAp({ ...flags, gt: '3' })).toThrow(/--gts has 2 boxes but --gt says 3/);
    expect(() => computeAp({ tp: '1,0', gt: '2', iou: '0.5' })).toThrow(/--dets and --gts/);
  });
});
