/**
 * `ap --dets FILE --gts FILE`: detections of several images and classes,
 * matched per image and class. Reference values from
 * test/fixtures/det-eval-reference.py (ports of voc_eval.py and pycocotools'
 * COCOeval, written from their source), the file format's reader, and bad
 * input naming the file and line.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { computeAp as computeOne, isMultiImage, type ApFlags } from '../../src/commands/ap';
import { computeApFiles } from '../../src/commands/ap-files';
import { checkAnswerText } from '../../src/core/check';
import { readDetections, readGroundTruth } from '../../src/core/vision/det-table';
import { evaluateDetections } from '../../src/core/vision/det-eval';
import { DET_EVAL } from '../fixtures/det-eval-reference';
import { ROOT } from '../helpers/cli';

interface ClassJson { name: string; ap: number | null; code_ap?: number; gt: number; tp: number; fp: number; ranked: Array<{ det_row: number; result: string; object_row: number | null }> }
interface EvalJson { map: number; code_map?: number; classes: ClassJson[]; per_threshold?: number[] }

/** What the command runs: the files' evaluation (loaded on demand there) or one class. */
const computeAp = (o: ApFlags) => (isMultiImage(o) ? computeApFiles(o) : computeOne(o));

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

/** Two images, cats found twice, a dog missed in favour of a stray box; one difficult cat never found. */
const SLIPPY = {
  dets: 'a cat 0.9 0 0 10 10; b cat 0.8 0 0 10 10; b dog 0.95 0 0 5 5; a dog 0.7 20 20 30 30',
  gts: 'a cat 0 0 10 10; b cat 0 0 10 10; b cat 50 50 60 60 difficult; a dog 20 20 30 30; b dog 40 40 50 50',
};

describe('answers and slips', () => {
  // cat: TP, TP of 2 → 1; dog: FP, TP of 2 → 0.5·0.5 = 0.25; mAP 0.625.
  it('map, ap_<class>, tp_/fp_<class> are answer keys', () => {
    const out = computeAp(SLIPPY);
    const checks = checkAnswerText('map=0.625, ap_cat=1, ap_dog=0.25, tp_dog=1, fp_dog=1, ap2=0.25', out.quantities, out.defaultKey);
    expect(checks.map((c) => c.ok)).toEqual([true, true, true, true, true, true]);
    expect(checkAnswerText('0.625', out.quantities, out.defaultKey)[0]!.ok).toBe(true);
  });

  it.each([
    // Pooled: 0.95 FP, 0.9 TP, 0.8 TP, 0.7 TP of 4: 3 × 0.75/4 = 0.5625.
    ['one list for all classes', 'map=0.5625', ['map-pooled-classes']],
    // The difficult cat counted: cat 2/3, mAP (0.6667 + 0.25)/2 = 0.4583.
    ['difficult counted (mAP)', 'map=0.4583', ['ap-difficult-counted']],
    ['difficult counted (AP of cat)', 'ap_cat=0.6667', ['ap-difficult-counted']],
  ])('%s: %s', (_, answer, ids) => {
    const out = computeAp(SLIPPY);
    const [c] = checkAnswerText(answer, out.quantities, out.defaultKey);
    expect(c!.ok).toBe(false);
    expect(c!.slips?.map((s) => s.id)).toEqual(ids);
  });

  it('a slip that gives the right value is not named: pooling one image of one class changes nothing', () => {
    const out = computeAp({ dets: 'a cat 0.9 0 0 10 10; a cat 0.8 30 30 40 40', gts: 'a cat 0 0 10 10' });
    const [c] = checkAnswerText('map=1', out.quantities, out.defaultKey);
    expect(c!.ok).toBe(true);
    expect(c!.slips).toBeUndefined();
  });

  it('the slips are not offered under COCO, which has no difficult objects to count', () => {
    const out = computeAp({ ...SLIPPY, method: 'coco' });
    const [c] = checkAnswerText('ap_cat=0.6667', out.quantities, out.defaultKey);
    expect(c!.slips).toBeUndefined();
  });
});

describe('the table reader', () => {
  it('reads spaces, commas, a header, comments and a Chinese keyboard\'s punctuation', () => {
    const text = 'image,class,score,x1,y1,x2,y2\n# a comment\nimg1, cat, 0.9, 1, 2, 3, 4  # after a row\n\nimg2　dog　０.８　0　0　５　5\n';
    expect(readDetections('dets', text, 'd.csv')).toEqual([
      { image: 'img1', cls: 'cat', score: 0.9, box: [1, 2, 3, 4], at: 'd.csv:3' },
      { image: 'img2', cls: 'dog', score: 0.8, box: [0, 0, 5, 5], at: 'd.csv:5' },
    ]);
    expect(readGroundTruth('gts', 'a cat 0 0 1 1；a cat 2 2 3 3 difficult；a dog 0 0 9 9 crowd', null).map((g) => [g.at, g.difficult, g.crowd])).toEqual([['row 1', false, false], ['row 2', true, false], ['row 3', false, true]]);
  });

  it.each([
    ['dets', 'img1 cat 0.9 1 2 3', 'd.txt:1: a detection is "image class score x1 y1 x2 y2" (7 fields), got 6'],
    ['dets', 'img1 cat high 1 2 3 4', 'd.txt:1: score is not a number: "high"'],
    ['dets', '# nothing\n', 'no detections in it (one a row: image class score x1 y1 x2 y2)'],
    ['dets', 'img1 cat 0.9 5 2 3 4', 'box d.txt:1: x2 = 3 is less than x1 = 5; in xyxy the second corner is the bottom-right one'],
    ['gts', 'img1 cat 1 2 3 4 hard', 'd.txt:1: the 7th field of a ground-truth object is difficult (VOC) or crowd (COCO\'s iscrowd), got "hard"'],
    ['gts', 'img1 cat 1 2 3', 'd.txt:1: a ground-truth object is "image class x1 y1 x2 y2" and optionally difficult or crowd (6 or 7 fields), got 5'],
  ])('%s: %s', (field, text, message) => {
    const read = field === 'dets' ? readDetections : readGroundTruth;
    expect(() => read(field, text, 'd.txt')).toThrow(message);
  });
});

describe('bad input to ap with files: one line naming the flag', () => {
  it.each<[ApFlags, RegExp]>([
    [{ dets: EXAMPLE.dets, gts: '0,0,10,10' }, /give --dets and --gts both as files/],
    [{ dets: EXAMPLE.dets }, /--gts is required/],
    [{ ...EXAMPLE, scores: '0.9' }, /--scores is for one image and one class/],
    [{ ...EXAMPLE, gt: '3' }, /--gt is for one image and one class/],
    [{ ...EXAMPLE, class: 'horse' }, /--class: no class "horse" \(classes: cat, dog\)/],
    [{ tp: '1,0', gt: '2', class: 'cat' }, /--class picks the class whose matching is shown/],
    [{ ...EXAMPLE, iou: '0.5:0.05:1.5' }, /IoU threshold must be between 0 and 1/],
    [{ dets: 'no-such-file.txt', gts: EXAMPLE.gts }, /no-such-file\.txt": no such file/],
    [{ dets: EXAMPLE.dets, gts: 'a cat 0 0 1 1 difficult' }, /no ground-truth object to count/],
  ])('%o', (flags, message) => {
    expect(() => computeAp(flags)).toThrow(message);
  });
});

describe('evaluateDetections', () => {
  it('COCO keeps 100 detections per image and class and says how many it dropped', () => {
    const dets = Array.from({ length: 102 }, (_, i) => ({ image: 'a', cls: 'c', score: 1 - i / 1000, box: [0, 0, 10, 10 + i] as [number, number, number, number], at: `r${i}` }));
    const r = evaluateDetections({ dets, gts: [{ image: 'a', cls: 'c', box: [0, 0, 10, 10], difficult: false, crowd: false, at: 'g' }], method: 'coco', thresholds: [0.5] });
    expect(r.dropped).toBe(2);
    expect(r.classes[0]!.at[0]!.ranked).toHaveLength(100);
    const voc = evaluateDetections({ dets, gts: [{ image: 'a', cls: 'c', box: [0, 0, 10, 10], difficult: false, crowd: false, at: 'g' }], method: 'voc12', thresholds: [0.5] });
    expect(voc.classes[0]!.at[0]!.ranked).toHaveLength(102);
  });
});
