/**
 * The detection and segmentation calculators through the built binary:
 * worked output, --json, --answer with slips, bad input (one line, exit 2),
 * Chinese, 80 columns, homework templates, `net` entries, and every
 * generated problem reproduced by the command it names (an oracle that does
 * not share the generator's code path).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/vision';
import { displayWidth } from '../../src/render/table';
import { dlnotes, dlnotesJson } from '../helpers/cli';
import { englishLeft, hasCjk } from '../helpers/english';

const F4 = '1,2,3,4; 5,6,7,8; 9,10,11,12; 13,14,15,16';

const RUNS: Array<[string, string[]]> = [
  ['iou', ['iou', '--a', '0,0,4,4', '--b', '2,2,6,6']],
  ['nms', ['nms', '--boxes', '0,0,10,10; 1,1,11,11; 20,20,30,30; 2,0,12,10', '--scores', '0.9,0.8,0.7,0.95', '--iou', '0.5']],
  ['nms per class', ['nms', '--boxes', '0,0,10,10; 1,1,11,11; 2,2,12,12', '--scores', '0.9,0.8,0.7', '--per-class', '--labels', '0,1,0']],
  ['box encode', ['box', 'encode', '--anchor', '0,0,100,100', '--gt', '10,20,110,140']],
  ['box decode', ['box', 'decode', '--anchor', '0,0,100,100', '--t', '1,2,0,50', '--weights', '10,10,5,5']],
  ['roi pool', ['roi', '--mode', 'pool', '--feature', F4, '--box', '0.6,0.6,3.2,3.4', '--out', '2']],
  ['roi align', ['roi', '--mode', 'align', '--feature', F4, '--box', '0.6,0.6,3.2,3.4', '--out', '2', '--sampling-ratio', '2']],
  ['anchors', ['anchors', '--h', '38', '--w', '50']],
  ['ap voc12', ['ap', '--tp', '1,0,1,1,0', '--gt', '4']],
  ['ap dets', ['ap', '--dets', '0,0,10,10; 0,0,10,9; 20,20,30,30; 1,1,9,11', '--scores', '0.9,0.8,0.7,0.95', '--gts', '0,0,10,10; 0,0,10,8; 21,20,31,30', '--method', 'voc07']],
  ['ap coco', ['ap', '--tp', '1,1,0,1,0,1,0,0,1,1', '--scores', '0.9,0.85,0.8,0.7,0.65,0.6,0.5,0.4,0.3,0.2', '--gt', '10', '--method', 'coco']],
  ['ap files', ['ap', '--dets', 'docs/examples/dets.txt', '--gts', 'docs/examples/gts.txt']],
  ['ap files coco range', ['ap', '--dets', 'docs/examples/dets.txt', '--gts', 'docs/examples/gts.txt', '--method', 'coco', '--iou', '0.5:0.05:0.95', '--class', 'dog']],
  ['map', ['map', '--tp', '1,0,1; 1,1,0,0', '--gt', '3,2', '--names', 'cat,dog']],
  ['map ious', ['map', '--ious', '0.92,0.81,0.55,0.4,0.77,0.63,0.58,0.91,0.5,0.71', '--gt', '12']],
  ['miou', ['miou', '--confusion', '50,2,3; 4,40,1; 0,5,30', '--names', 'background,person,car']],
  ['net faster-rcnn', ['net', 'faster-rcnn']],
  ['net deeplab', ['net', 'deeplab']],
];

describe('every detection command: worked output at 80 columns, in English and Chinese', () => {
  it.each(RUNS)('%s', (_name, args) => {
    for (const lang of ['en', 'zh']) {
      const r = dlnotes([...args, '--lang', lang], { env: { COLUMNS: '80' } });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const wide = r.stdout.split('\n').filter((l) => displayWidth(l) > 80);
      expect(wide).toEqual([]);
      if (lang === 'zh') expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('every detection command speaks one language (test/helpers/english.ts)', () => {
  it.each(RUNS)('%s', (_name, args) => {
    const zh = dlnotes([...args, '--lang', 'zh']).stdout;
    // Allowed: names and formula symbols ((stride − 1)/2), and the papers' authors line (a citation: "with Zhu, …").
    expect(englishLeft(zh, ['stride', 'with', 'torchvision', 'pycocotools', 'voc_eval', 'batched_nms', 'logit', 'sigmoid', 'softmax', 'objectness', 'deltas', 'anchor', 'size', 'sizes', 'ratios', 'union', 'area', 'row', 'col'])).toEqual([]);
    expect(hasCjk(dlnotes([...args, '--lang', 'en']).stdout)).toBe(false);
  });
});

describe('dlnotes iou', () => {
  it('works the intersection, union, IoU and GIoU out, as torchvision', () => {
    const r = dlnotes(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6']);
    expect(r.stdout).toContain('= (max(0, 2), max(0, 2), min(4, 6), min(4, 6))');
    expect(r.stdout).toContain('→ intersection = 2·2 = 4');
    expect(r.stdout).toContain('= 16 + 16 − 4 = 28');
    expect(r.stdout).toContain('→ IoU = 0.142857');
    expect(r.stdout).toContain('→ GIoU = -0.0793651');
    expect(r.stdout).toMatch(/IoU\s+would be 0\.219512/);
  });
  it('--json has at least iou, intersection and union', () => {
    const { data } = dlnotesJson(['iou', '--a', '10,20,40,40', '--b', '30,30,40,40', '--format', 'xywh']);
    expect(data).toMatchObject({ intersection: 600, union: 2600, format: 'xywh', boxes: { a: [10, 20, 50, 60], b: [30, 30, 70, 70] } });
    expect(data.iou).toBeCloseTo(600 / 2600, 12);
  });
  it('--answer: right, rounded, and wrong with the slip named', () => {
    expect(dlnotes(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--answer', '1/7']).code).toBe(0);
    expect(dlnotes(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--answer', '0.143']).code).toBe(0);
    const wrong = dlnotes(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--answer', '0.25']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout.split('\n')[0]).toBe("✗ IoU: you said 0.25, the answer is 1/7 — looks like the intersection was divided by one box's area: 4/16 = 0.25; IoU divides by the union: 0.142857");
    const pixel = dlnotesJson(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--answer', '0.2195']);
    expect((pixel.data as { answer: { checks: Array<{ slip: { id: string } }> } }).answer.checks[0]!.slip.id).toBe('iou-pixel-convention');
    const union = dlnotes(['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--answer', 'union=32', '--lang', 'zh']);
    expect(union.stdout).toContain('看起来只把两个面积相加，没有减去交集');
  });
});

describe('dlnotes nms', () => {
  it('keeps torchvision\'s indices in score order; --json has keep', () => {
    const { data } = dlnotesJson<{ keep: number[]; steps: Array<{ keep: number; removed: Array<{ index: number }> }> }>(RUNS[1]![1]);
    expect(data.keep).toEqual([3, 2]);
    expect(data.steps[0]!.removed.map((x) => x.index)).toEqual([0, 1]);
  });
  it('accepts the kept set in any order, names the unsorted and the one-based slips', () => {
    expect(dlnotes([...RUNS[1]![1], '--answer', '2,3']).code).toBe(0);
    const unsorted = dlnotes(['nms', '--boxes', '0,0,10,10; 1,1,11,11; 2,0,12,10', '--scores', '0.6,0.9,0.8', '--answer', '0']);
    expect(unsorted.code).toBe(1);
    expect(unsorted.stdout).toContain('without sorting by score first');
    const oneBased = dlnotes(['nms', '--boxes', '0,0,10,10; 1,1,11,11; 2,0,12,10', '--scores', '0.6,0.9,0.8', '--answer', '2']);
    expect(oneBased.stdout).toContain("torchvision's indices start at 0");
  });
});

describe('dlnotes box, roi, anchors', () => {
  it('box encode/decode --json: t and box; the clamp is explained', () => {
    expect(dlnotesJson<{ t: number[] }>(['box', 'encode', '--anchor', '0,0,100,100', '--gt', '10,20,110,140', '--weights', '10,10,5,5']).data.t).toEqual([1, 3, 0, 0.911607783969773]);
    const dec = dlnotes(RUNS[4]![1]);
    expect(dec.stdout).toContain('dh = 10 is clamped to log(1000/16) = 4.13517');
    expect(dlnotesJson<{ box: number[] }>(RUNS[4]![1]).data.box).toEqual([10, -3055, 110, 3195]);
    const noLog = dlnotes(['box', 'encode', '--anchor', '0,0,100,100', '--gt', '10,20,110,140', '--answer', 'th=1.2']);
    expect(noLog.stdout).toContain('looks like the log was left out');
  });
  it('roi --json output; RoI Pool and Align differ on the same box', () => {
    expect(dlnotesJson<{ output: number[][] }>(RUNS[5]![1]).data.output).toEqual([[11, 12], [15, 16]]);
    expect(dlnotesJson<{ output: number[][] }>(RUNS[6]![1]).data.output).toEqual([[7.45, 8.75], [12.95, 14.25]]);
    expect(dlnotes([...RUNS[6]![1], '--answer', 'out_1_1=7.45']).code).toBe(0);
    const max = dlnotes([...RUNS[6]![1], '--answer', 'out_1_1=9.175']);
    expect(max.stdout).toContain('RoI Align averages them');
  });
  it('anchors: 17,100 for 38×50, the RPN shapes and parameters; the one-position and positions-only slips', () => {
    const { data } = dlnotesJson<{ total: number; rpn_head: { objectness: number[]; deltas: number[]; params: number } }>(['anchors', '--h', '38', '--w', '50']);
    expect(data.total).toBe(17100);
    expect(data.rpn_head).toMatchObject({ objectness: [1, 9, 38, 50], deltas: [1, 36, 38, 50], params: 2382893 });
    expect(dlnotes(['anchors', '--h', '38', '--w', '50', '--answer', 'objectness=9x38x50']).code).toBe(0);
    expect(dlnotes(['anchors', '--h', '38', '--w', '50', '--answer', '9']).stdout).toContain('only one position was counted');
    expect(dlnotes(['anchors', '--h', '38', '--w', '50', '--answer', '1900']).stdout).toContain('the positions were counted, not the anchors: H·W = 1,900; each position has 9 anchors, so 1,900 × 9 = 17,100');
    expect(dlnotes(['anchors', '--h', '38', '--w', '50', '--answer', 'objectness=18x38x50']).stdout).toContain("the paper's softmax");
  });
});

describe('dlnotes ap, map, miou', () => {
  it('ap --json: ap, precision, recall; the methods differ and the slip says which rule', () => {
    const { data } = dlnotesJson<{ ap: number; precision: number[]; recall: number[]; methods: Record<string, number> }>(['ap', '--tp', '1,0,1,1,0', '--gt', '4']);
    expect(data.ap).toBe(0.625);
    expect(data.precision).toEqual([1, 0.5, 0.666666666666667, 0.75, 0.6]);
    expect(data.recall).toEqual([0.25, 0.25, 0.5, 0.75, 0.75]);
    expect(data.methods.voc07).toBeCloseTo(6.75 / 11, 12);
    const r = dlnotes(['ap', '--tp', '1,0,1,1,0', '--gt', '4', '--answer', '0.6136']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('looks like the VOC2007 11-point rule: 0.6136; the VOC2010+ all-point area gives 0.625');
  });
  it('ap --dets --gts: matched step by step, the rule as the method says; --answer tp=', () => {
    const args = ['ap', '--dets', '0,0,10,10; 0,0,10,9; 20,20,30,30', '--scores', '0.9,0.8,0.7', '--gts', '0,0,10,10; 0,0,10,8'];
    const voc = dlnotesJson<{ ap: number; match: { rule: string; detections: Array<{ tp: boolean; duplicate_of?: number }> } }>(args);
    expect(voc.data.ap).toBe(0.5);
    expect(voc.data.match.rule).toBe('voc');
    expect(voc.data.match.detections[1]).toMatchObject({ tp: false, duplicate_of: 0 });
    expect(dlnotesJson<{ ap: number }>([...args, '--method', 'coco']).data.ap).toBe(1);
    const wrong = dlnotes([...args, '--answer', 'tp=1,1,0']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('looks like a duplicate detection was counted as TP: 1,1,0');
    expect(dlnotes([...args, '--lang', 'zh']).stdout).toContain('→ FP：它 IoU 最大的物体 g0 已被 #0 占用（重复检测）');
  });
  it('ap says when pycocotools\' floating point would differ', () => {
    const r = dlnotes(['ap', '--tp', '1,1,1', '--gt', '10', '--method', 'voc07']);
    expect(r.stdout).toContain('→ AP = 0.363636');
    expect(r.stdout).toMatch(/voc_eval\.py compares in floating point.*0\.272727/s);
  });
  it('map: per-class APs and their mean; AP@[.5:.95] over thresholds', () => {
    expect(dlnotesJson<{ map: number }>(['map', '--tp', '1,0,1; 1,1,0,0', '--gt', '3,2', '--names', 'cat,dog']).data.map).toBeCloseTo((5 / 9 + 1) / 2, 12);
    const { data } = dlnotesJson<{ iou_thresholds: number[]; per_threshold: number[]; map: number }>(['map', '--ious', '0.92,0.81,0.55,0.4', '--gt', '4']);
    expect(data.iou_thresholds).toHaveLength(10);
    expect(data.map).toBeCloseTo(data.per_threshold.reduce((s, x) => s + x, 0) / 10, 12);
    expect(dlnotes(['map', '--ious', '0.92,0.81,0.55,0.4', '--gt', '4', '--iou-thresholds', '0.5:0.25:0.75', '--json']).stdout).toContain('"iou_thresholds": [\n    0.5,\n    0.75\n  ]');
    expect(dlnotes(['map', '--aps', '0.62,0.71,0.55', '--answer', '0.6267']).code).toBe(0);
  });
  it('miou --json and slips', () => {
    const { data } = dlnotesJson<{ miou: number; pixel_accuracy: number }>(['miou', '--confusion', '50,2,3; 4,40,1; 0,5,30']);
    expect(data.miou).toBeCloseTo(0.7953063885267274, 12);
    expect(data.pixel_accuracy).toBeCloseTo(120 / 135, 12);
    expect(dlnotes(['miou', '--confusion', '50,2,3; 4,40,1; 0,5,30', '--answer', '0.8889']).stdout).toContain('looks like the pixel accuracy');
  });
});

describe('bad input: one line naming the flag, exit 2', () => {
  it.each([
    [['iou', '--a', '5,0,1,4', '--b', '0,0,2,2'], /--a: box A: x2 = 1 is less than x1 = 5/],
    [['iou', '--a', '0,0,4,4', '--b', '2,2,2,6'], /--b: box B has no area/],
    [['iou', '--a', '0,0,4', '--b', '2,2,6,6'], /--a: a box has 4 numbers/],
    [['iou', '--a', '0,0,4,4'], /--b is required/],
    [['iou', '--a', '0,0,4,4', '--b', '2,2,6,6', '--format', 'xywh', '--pixel'], /--pixel/],
    [['nms', '--boxes', '0,0,1,1; 0,0,2,2', '--scores', '0.9'], /--scores: 2 boxes but 1 scores/],
    [['nms', '--boxes', '0,0,1,1', '--scores', '0.9', '--iou', '1.5'], /--iou: the IoU threshold must be between 0 and 1, got 1.5/],
    [['nms', '--boxes', '0,0,1,1', '--scores', '0.9', '--per-class'], /--per-class needs --labels/],
    [['roi', '--feature', '1,2; 3,4', '--box', '0,0,32,32'], /--box: the box \(0, 0, 32, 32\) lies outside the 2×2 feature map.*--scale/],
    [['roi', '--feature', '1,2; 3,4,5', '--box', '0,0,1,1'], /--feature: row 2 has 3 values/],
    [['roi', '--mode', 'pool', '--feature', '1,2; 3,4', '--box', '0,0,1,1', '--aligned'], /RoI Align/],
    [['anchors', '--h', '0'], /--h: expected a positive integer/],
    [['anchors', '--h', '38', '--ratios', '0.5,-1'], /--ratios: every value must be greater than 0/],
    [['ap', '--tp', '1,1,0', '--gt', '1'], /--tp: 2 true positives but only 1 ground-truth objects/],
    [['ap', '--tp', '1,2', '--gt', '3'], /--tp: item 2 must be 1 \(true positive\) or 0/],
    [['ap', '--tp', '1,0', '--scores', '0.5', '--gt', '3'], /--scores: 2 detections in --tp but 1 scores/],
    [['map', '--tp', '1,0; 1', '--gt', '3'], /--gt/],
    [['ap', '--dets', '0,0,1,1; 0,0,2,2', '--scores', '0.9', '--gts', '0,0,1,1'], /--scores: 2 detections but 1 scores/],
    [['ap', '--dets', '0,0,1,1', '--scores', '0.9', '--gts', '3,0,1,1'], /--gts: box g0: x2 = 1 is less than x1 = 3/],
    [['ap', '--dets', '0,0,1,1', '--scores', '0.9', '--gts', '0,0,1,1', '--iou', '1.5'], /--iou: the IoU threshold must be between 0 and 1/],
    [['ap', '--dets', '0,0,1,1', '--scores', '0.9'], /--gts is required/],
    [['ap', '--tp', '1,0', '--gt', '2', '--iou', '0.7'], /--iou and --pixel judge boxes/],
    [['ap', '--dets', 'docs/examples/dets.txt', '--gts', 'missing.txt'], /--gts: "missing.txt": no such file/],
    [['ap', '--dets', 'docs/examples/dets.txt', '--gts', '0,0,10,10'], /give --dets and --gts both as files/],
    [['ap', '--dets', 'a cat 0.9 0 0 10; a cat 0.8 0 0 5 5', '--gts', 'a cat 0 0 5 5'], /--dets: row 1: a detection is "image class score x1 y1 x2 y2" \(7 fields\), got 6/],
    [['ap', '--dets', 'docs/examples/dets.txt', '--gts', 'docs/examples/gts.txt', '--class', 'horse'], /--class: no class "horse"/],
    [['miou', '--confusion', '1,2,3; 4,5,6'], /--confusion: the confusion matrix must be square/],
    [['box', 'decode', '--anchor', '0,0,10,10', '--t', '1,2,3'], /--t: the deltas must be 4 numbers/],
    [['box', 'encode', '--anchor', '0,0,10,10', '--gt', '0,0,5,5', '--weights', '1,0,1,1'], /--weights: the weights must be 4 positive numbers/],
  ])('%j', (args, pattern) => {
    const r = dlnotes(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
  it('in Chinese too, and reads a Chinese keyboard\'s punctuation', () => {
    const r = dlnotes(['nms', '--boxes', '0,0,1,1', '--scores', '0.9', '--iou', '2', '--lang', 'zh']);
    expect(r.stderr).toMatch(/^dlnotes: --iou[:：] ?IoU 阈值必须在 0 到 1 之间，收到 2\n$/);
    const cn = dlnotesJson<{ iou: number }>(['iou', '--a', '０，０，４，４', '--b', '２，２，６，６']);
    expect(cn.data.iou).toBeCloseTo(1 / 7, 12);
    expect(dlnotesJson<{ keep: number[] }>(['nms', '--boxes', '0,0,10,10；1,1,11,11', '--scores', '0.9，0.8']).data.keep).toEqual([0]);
  });
});

describe('ap over several images and classes (files)', () => {
  const files = ['--dets', 'docs/examples/dets.txt', '--gts', 'docs/examples/gts.txt'];

  it('a table of the classes, mAP, then the matching of one class', () => {
    const r = dlnotes(['ap', ...files, '--lang', 'en'], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain([
      'AP per class',
      '    class   objects  dets  TP  FP  AP',
      '    cat     3        4     2   2   0.6667',
      '    dog     3        4     3   0   1 (+1 ignored: difficult/crowd)',
    ].join('\n'));
    expect(r.stdout).toContain('  → mAP = 0.833333');
    expect(r.stdout).toContain('       → FP: g1 already taken by d1 (duplicate)');
    const dog = dlnotes(['ap', ...files, '--class', 'dog', '--lang', 'zh']).stdout;
    expect(dog).toContain('→ 忽略：匹配到 difficult 物体 g5（IoU 0.8787）');
  });

  it('--json and --answer keys', () => {
    const { data } = dlnotesJson<{ map: number; classes: Array<{ name: string; ap: number; ranked: Array<{ result: string }> }> }>(['ap', ...files]);
    expect(data.map).toBeCloseTo(5 / 6, 12);
    expect(data.classes.map((c) => [c.name, c.ap])).toEqual([['cat', expect.closeTo(2 / 3, 12)], ['dog', 1]]);
    expect(data.classes[1]!.ranked.map((x) => x.result)).toEqual(['tp', 'ignored', 'tp', 'tp']);
    const r = dlnotes(['ap', ...files, '--answer', 'map=0.8333,ap_cat=0.75', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['✓ mAP: 0.8333 (correct to the 4 decimal places given)', '✗ AP of cat: you said 0.75, the answer is 2/3']);
  });

  it('the files may come from a Windows editor or a spreadsheet (CRLF, a header, commas)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-apfiles-'));
    writeFileSync(join(dir, 'd.csv'), 'image,class,score,x1,y1,x2,y2\r\n1,cat,0.9,0,0,10,10\r\n2,cat,0.8,0,0,10,10\r\n');
    writeFileSync(join(dir, 'g.csv'), 'image,class,x1,y1,x2,y2\r\n1,cat,0,0,10,10\r\n2,cat,50,50,60,60\r\n');
    const { data } = dlnotesJson<{ map: number }>(['ap', '--dets', join(dir, 'd.csv'), '--gts', join(dir, 'g.csv')]);
    expect(data.map).toBeCloseTo(0.5, 12);
  });
});

describe('dlnotes check: the detection templates grade right', () => {
  it.each(['iou', 'nms', 'box', 'roi', 'anchors', 'ap', 'map', 'miou'])('%s', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'dlnotes-det-'));
    const file = join(dir, 'hw.yaml');
    writeFileSync(file, dlnotes(['check', '--template', name]).stdout);
    const r = dlnotes(['check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answers right \(100%\)/);
  });
});

describe('dlnotes net: detection and segmentation', () => {
  it.each([
    ['faster-rcnn', 2015, 'Anchors'], ['mask-rcnn', 2017, 'RoIAlign'], ['yolo', 2016, 'Detection as one regression'], ['ssd', 2016, 'Predictions from several feature maps'],
    ['fpn', 2017, 'One anchor size per level'], ['fcn', 2015, 'In-network upsampling'], ['unet', 2015, 'Skips by concatenation'], ['deeplab', 2015, 'Atrous spatial pyramid pooling (ASPP)'],
  ])('%s', (name, year, idea) => {
    const { code, data } = dlnotesJson<{ classic: { family: string; year: number }; ideas: Array<{ title: string; text: string }> }>(['net', name, '--lang', 'en']);
    expect(code).toBe(0);
    expect(data.classic).toMatchObject({ family: name, year });
    expect(data.ideas.map((i) => i.title)).toContain(idea);
  });
  it('quotes computed figures', () => {
    const texts = (name: string) => dlnotesJson<{ ideas: Array<{ text: string }> }>(['net', name, '--lang', 'en']).data.ideas.map((i) => i.text).join(' ');
    expect(texts('faster-rcnn')).toContain('2,400 positions and 21,600 anchors');
    expect(texts('yolo')).toContain('7·7·(5·2 + 20) = 7·7·30 = 1,470 numbers');
    expect(texts('ssd')).toContain('8,732 default boxes');
    expect(texts('unet')).toContain('31,030,658 parameters');
    expect(texts('unet')).toContain('388×388');
    expect(texts('fcn')).toContain('35,322,218 parameters');
    expect(texts('mask-rcnn')).toContain('RoI Pool gives [11, 12; 15, 16], RoI Align [7.45, 8.75; 12.95, 14.25]');
    expect(dlnotes(['net', 'fcn_resnet50']).stdout).toMatch(/^FCN \(Fully Convolutional Network\) \(2015\)/);
    expect(dlnotes(['net', 'fcn', '--lang', 'zh']).stdout).toContain('创新点');
  });
  it('every command it suggests runs (the diagrams of the four drawn networks too)', () => {
    // "a b "c d" e" -> ['a', 'b', 'c d', 'e']: the suggestions quote like a shell.
    const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const suggested: string[] = [];
    for (const name of ['faster-rcnn', 'mask-rcnn', 'yolo', 'ssd', 'fpn', 'fcn', 'unet', 'deeplab']) {
      suggested.push(...dlnotesJson<{ classic: { tryIt: string[] } }>(['net', name]).data.classic.tryIt);
    }
    expect(suggested.filter((c) => c.startsWith('dlnotes diagram ')).sort()).toEqual(['dlnotes diagram faster-rcnn', 'dlnotes diagram fcn', 'dlnotes diagram mask-rcnn', 'dlnotes diagram unet']);
    for (const line of suggested) {
      const [head, ...args] = words(line);
      expect(head).toBe('dlnotes');
      const r = dlnotes([...args, '--json']);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    }
  }, 120_000);
});

describe('summary: the segmentation zoo and the U-Net spec', () => {
  it('fcn_resnet50 and deeplabv3_resnet50 have torchvision\'s parameter counts', () => {
    expect(dlnotesJson<{ total: { params: number } }>(['summary', 'fcn_resnet50']).data.total.params).toBe(35_322_218);
    expect(dlnotesJson<{ total: { params: number } }>(['summary', 'deeplabv3_resnet50']).data.total.params).toBe(42_004_074);
  });
  it('docs/examples/unet.yaml runs: 31,030,658 parameters, 2×512×512 out', () => {
    const { code, data } = dlnotesJson<{ total: { params: number }; output: number[] }>(['summary', '--spec', 'docs/examples/unet.yaml']);
    expect(code).toBe(0);
    expect(data.total.params).toBe(31_030_658);
    expect(data.output).toEqual([2, 512, 512]);
  });
});

/** Splits a command line with double quotes, as a shell would for these simple commands. */
function argv(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
}

type Json = Record<string, unknown>;

/** What each template's answer is in its command's --json. */
const FROM_JSON: Record<string, (d: Json, p: Record<string, unknown>) => number | number[]> = {
  'iou-boxes': (d) => d.iou as number,
  'nms-keep': (d) => d.keep as number[],
  'box-target': (d) => d.t as number[],
  'roi-align-value': (d, p) => (d.output as number[][])[p.row as number]![p.col as number]!,
  'ap-ranked': (d) => d.ap as number,
  'ap-images': (d) => d.map as number,
  'ap-match': (d) => [...(d.match as { detections: Array<{ index: number; tp: boolean }> }).detections].sort((a, b) => a.index - b.index).map((x) => Number(x.tp)),
  'anchors-count': (d, p) => (p.ask === 'total' ? (d.total as number) : ((d.rpn_head as { objectness: number[] }).objectness.slice(1))),
  'miou-confusion': (d) => d.miou as number,
  'fcn-upsample': (d) => (d.output as { h: number }).h,
  'seg-output-stride': (d, p) => ((d.blocks as Array<{ name: string; output: number[] }>).find((b) => b.name === p.layer)!.output[1]!),
};

describe('generated problems reproduce through their command', () => {
  for (const g of generators) {
    it(g.id, () => {
      for (const seed of [1, 7, 23, 99]) {
        const p = g.generate(seededRng(seed));
        const { code, data } = dlnotesJson(argv(p.command!));
        expect(code).toBe(0);
        const got = FROM_JSON[g.id]!(data, p.params);
        const want = p.expected.kind === 'number' ? p.expected.value : p.expected.kind === 'tuple' ? p.expected.orders[0]! : [];
        if (Array.isArray(got)) (got as number[]).forEach((v, i) => expect(v).toBeCloseTo((want as number[])[i]!, 10));
        else expect(got).toBeCloseTo(want as number, 10);
      }
    });
  }
});
