/**
 * The detection and segmentation calculators against reference tables
 * (test/fixtures/vision-reference.ts, computed by numpy ports of torchvision,
 * voc_eval.py and pycocotools), and hand-computed cases.
 */
import { describe, expect, it } from 'vitest';
import { anchors, baseAnchors, rpnHead } from '../../src/core/vision/anchors';
import { averagePrecision } from '../../src/core/vision/ap';
import { BBOX_XFORM_CLIP, decodeBox, encodeBox } from '../../src/core/vision/box-coder';
import { iou, toCorners } from '../../src/core/vision/boxes';
import { COCO_IOU_THRESHOLDS, judgeAt, meanAp, meanOfAps } from '../../src/core/vision/map';
import { miou } from '../../src/core/vision/miou';
import { nms } from '../../src/core/vision/nms';
import { cRound, roi } from '../../src/core/vision/roi';
import { ANCHORS, AP, BATCHED, DECODE, ENCODE, IOU, MIOU, NMS, ROI_ALIGN, ROI_POOL } from '../fixtures/vision-reference';

describe('iou: torchvision.ops.box_iou / generalized_box_iou, and voc_eval.py with --pixel', () => {
  it.each(IOU)('%j %j', (a, b, inter, union, value, giou, pixel) => {
    const r = iou(a, b);
    expect(r.intersection).toBeCloseTo(inter, 12);
    expect(r.union).toBeCloseTo(union, 12);
    expect(r.iou).toBeCloseTo(value, 12);
    expect(r.giou).toBeCloseTo(giou, 12);
    expect(iou(a, b, 'xyxy', true).iou).toBeCloseTo(pixel, 12);
  });

  it('reads xywh and cxcywh as torchvision.ops.box_convert', () => {
    expect(toCorners([10, 20, 30, 40], 'xywh', 'A', 'a')).toEqual([10, 20, 40, 60]);
    expect(toCorners([25, 40, 30, 40], 'cxcywh', 'A', 'a')).toEqual([10, 20, 40, 60]);
    expect(iou([10, 20, 30, 40], [20, 30, 30, 40], 'xywh').iou).toBeCloseTo(iou([10, 20, 40, 60], [20, 30, 50, 70]).iou, 15);
  });

  it('rejects swapped corners and boxes with no area, naming the box', () => {
    expect(() => iou([5, 0, 1, 4], [0, 0, 1, 1])).toThrow(/box A: x2 = 1 is less than x1 = 5/);
    expect(() => iou([0, 0, 4, 4], [2, 2, 2, 6])).toThrow(/box B has no area: x2 = x1/);
    expect(() => iou([0, 0, 0, 4], [0, 0, 1, 1], 'xywh')).toThrow(/w = 0/);
    // In the pixel convention a box x1 = x2 is one pixel wide.
    expect(iou([2, 2, 2, 2], [2, 2, 3, 3], 'xyxy', true).iou).toBeCloseTo(1 / 4, 15);
  });
});

describe('nms: torchvision.ops.nms and batched_nms', () => {
  it.each(NMS)('%j scores %j at %s', (boxes, scores, t, keep) => {
    expect(nms({ boxes, scores, iou: t }).keep).toEqual(keep);
  });

  it('per class equals batched_nms\'s coordinate trick', () => {
    const [boxes, scores, labels, t, keep] = BATCHED;
    expect(nms({ boxes, scores, labels, iou: t }).keep).toEqual(keep);
    expect(nms({ boxes, scores, iou: t }).keep).toEqual([0, 2]);
  });

  it('suppresses only IoU > threshold: equal IoU survives', () => {
    // IoU of [0,0,2,1] and [1,0,3,1] is 1/3.
    expect(nms({ boxes: [[0, 0, 2, 1], [1, 0, 3, 1]], scores: [0.9, 0.8], iou: 1 / 3 }).keep).toEqual([0, 1]);
    expect(nms({ boxes: [[0, 0, 2, 1], [1, 0, 3, 1]], scores: [0.9, 0.8], iou: 0.3 }).keep).toEqual([0]);
  });

  it('records who removed whom; a removed box removes nothing', () => {
    // The bank's question: IoU(A,B) > t, IoU(B,C) > t, IoU(A,C) small: A and C stay.
    const r = nms({ boxes: [[0, 0, 10, 10], [4, 0, 14, 10], [8, 0, 18, 10]], scores: [0.9, 0.8, 0.7], iou: 0.4 });
    expect(r.keep).toEqual([0, 2]);
    expect(r.removedBy).toEqual([null, 0, null]);
    expect(r.groups[0]!.steps[0]!.compared.map((c) => c.j)).toEqual([1, 2]);
  });

  it('rejects bad input', () => {
    expect(() => nms({ boxes: [[0, 0, 1, 1]], scores: [0.9, 0.8], iou: 0.5 })).toThrow(/1 boxes but 2 scores/);
    expect(() => nms({ boxes: [[0, 0, 1, 1]], scores: [0.9], iou: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => nms({ boxes: [[0, 0, 1, 1]], scores: [0.9], iou: 0.5, labels: [0, 1] })).toThrow(/1 boxes but 2 labels/);
  });
});

describe('box coder: torchvision BoxCoder', () => {
  it.each(ENCODE)('encode %j → %j (weights %j)', (anchor, gt, w, t) => {
    encodeBox(anchor, gt, w).t.forEach((v, i) => expect(v).toBeCloseTo(t[i]!, 12));
  });
  it.each(DECODE)('decode %j with %j (weights %j)', (anchor, t, w, box) => {
    decodeBox(anchor, t, w).box.forEach((v, i) => expect(v).toBeCloseTo(box[i]!, 9));
  });
  it('clamps dw, dh at log(1000/16) and says so', () => {
    expect(BBOX_XFORM_CLIP).toBeCloseTo(4.135166556742356, 15);
    const r = decodeBox([0, 0, 16, 16], [0, 0, 5, 0]);
    expect(r.clampedW).toBe(true);
    expect(r.clampedH).toBe(false);
    expect(r.c.w).toBeCloseTo(1000, 9);
  });
  it('decode inverts encode', () => {
    const t = encodeBox([3, 5, 40, 61], [10, 2, 55, 70], [10, 10, 5, 5]).t;
    decodeBox([3, 5, 40, 61], t, [10, 10, 5, 5]).box.forEach((v, i) => expect(v).toBeCloseTo([10, 2, 55, 70][i]!, 9));
  });
});

describe('roi: torchvision roi_pool and roi_align CPU kernels', () => {
  it.each(ROI_POOL)('pool %j box %j scale %s → %s×%s', (feature, box, scale, oh, ow, output) => {
    expect(roi({ mode: 'pool', feature, box, scale, out: [oh, ow] }).output).toEqual(output);
  });
  it.each(ROI_ALIGN)('align %j box %j scale %s → %s×%s, sampling %s, aligned %s', (feature, box, scale, oh, ow, sr, aligned, output) => {
    const r = roi({ mode: 'align', feature, box, scale, out: [oh, ow], samplingRatio: sr, aligned });
    r.output.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(output[i]![j]!, 12)));
  });
  it('rounds half away from zero, as C\'s round()', () => {
    expect([cRound(0.5), cRound(1.5), cRound(2.5), cRound(-0.5)]).toEqual([1, 2, 3, -1]);
  });
  it('shows the bins and sample points', () => {
    const r = roi({ mode: 'align', feature: [[1, 2], [3, 4]], box: [0, 0, 1, 1], out: [1, 1], samplingRatio: 2 });
    expect(r.bins[0]!.samples!.map((p) => [p.y, p.x])).toEqual([[0.25, 0.25], [0.25, 0.75], [0.75, 0.25], [0.75, 0.75]]);
    expect(r.output[0]![0]).toBeCloseTo(2.5, 15);
    const p = roi({ mode: 'pool', feature: [[1, 2], [3, 4]], box: [0, 0, 1, 1], out: [1, 1] });
    expect([p.bins[0]!.y0, p.bins[0]!.y1, p.bins[0]!.x0, p.bins[0]!.x1, p.bins[0]!.argmax]).toEqual([0, 2, 0, 2, [1, 1]]);
  });
  it('rejects a box outside the feature map, hinting at --scale', () => {
    expect(() => roi({ mode: 'align', feature: [[1, 2], [3, 4]], box: [0, 0, 32, 32], out: [1, 1] })).toThrow(/outside the 2×2 feature map.*--scale/);
    expect(roi({ mode: 'align', feature: [[1, 2], [3, 4]], box: [0, 0, 32, 32], out: [1, 1], scale: 1 / 16 }).output[0]![0]).toBeCloseTo(3.25, 15);
    expect(() => roi({ mode: 'pool', feature: [[1]], box: [0, 0, 1, 1], out: [0, 1] })).toThrow(/output size/);
  });
});

describe('anchors: torchvision AnchorGenerator and RPNHead', () => {
  it.each(ANCHORS)('sizes %j ratios %j', (sizes, ratios, base) => {
    expect(baseAnchors(sizes, ratios).map((b) => b.box)).toEqual(base);
  });
  it('counts the paper\'s 38×50 map: 9 per position, 17,100 in all', () => {
    const r = anchors({ h: 38, w: 50, sizes: [128, 256, 512], ratios: [0.5, 1, 2], stride: 16, c: 512 });
    expect([r.perPosition, r.total]).toEqual([9, 17100]);
    expect(r.objectness).toEqual([1, 9, 38, 50]);
    expect(r.deltas).toEqual([1, 36, 38, 50]);
    // conv 3×3 512→512 + 1×1 512→9 + 1×1 512→36, with biases.
    expect(r.head.params).toBe(9 * 512 * 512 + 512 + 512 * 9 + 9 + 512 * 36 + 36);
    expect(r.last[3]).toEqual([49 * 16 - 64, 37 * 16 - 64, 49 * 16 + 64, 37 * 16 + 64]);
  });
  it('keeps every anchor of one size at area size² (before rounding)', () => {
    for (const b of baseAnchors([100], [0.25, 0.5, 1, 2, 4])) expect(b.w * b.h).toBeCloseTo(10000, 9);
    expect(rpnHead(256, 3, 1, 1).params).toBe(9 * 256 * 256 + 256 + 256 * 3 + 3 + 256 * 12 + 12);
  });
});

describe('ap: voc_eval.py (VOC07 11-point, all-point) and pycocotools (101-point)', () => {
  it.each(AP)('%j scores %j gt %s', (tp, scores, npos, voc07, voc12, coco) => {
    const flags = tp.map((x) => x === 1);
    const run = (method: 'voc07' | 'voc12' | 'coco') => averagePrecision({ tp: flags, npos, method, ...(scores ? { scores } : {}) });
    // The reference code compares thresholds in floating point: its value is `code` when that matters.
    const r07 = run('voc07');
    expect(r07.code?.ap ?? r07.ap).toBeCloseTo(voc07, 12);
    expect(run('voc12').ap).toBeCloseTo(voc12, 12);
    const rc = run('coco');
    expect(rc.code?.ap ?? rc.ap).toBeCloseTo(coco, 12);
  });

  it('by hand: 1,0,1,1,0 with 4 objects', () => {
    const r = averagePrecision({ tp: [true, false, true, true, false], npos: 4, method: 'voc12' });
    expect(r.rows.map((x) => x.precision)).toEqual([1, 1 / 2, 2 / 3, 3 / 4, 3 / 5]);
    expect(r.rows.map((x) => x.recall)).toEqual([0.25, 0.25, 0.5, 0.75, 0.75]);
    expect(r.rows.map((x) => x.interp)).toEqual([1, 0.75, 0.75, 0.75, 0.6]);
    // 0.25·1 + 0.25·0.75 + 0.25·0.75
    expect(r.ap).toBeCloseTo(0.625, 15);
    // 11-point: r = 0..0.2 → 1 (3 points), 0.3..0.7 → 0.75 (5), 0.8..1 → 0: 6.75/11
    expect(r.voc07).toBeCloseTo(6.75 / 11, 15);
  });

  it('takes recall exactly at a threshold, where the reference code\'s floats miss it', () => {
    // 10 objects, recall 0.3 at rank 3: 3·0.1 = 0.30000000000000004 in voc_eval.py.
    const r = averagePrecision({ tp: [true, true, true], npos: 10, method: 'voc07' });
    expect(r.ap).toBeCloseTo(4 / 11, 15);
    expect(r.code?.ap).toBeCloseTo(3 / 11, 15);
    expect(r.code?.thresholds).toEqual([0.30000000000000004]);
  });

  it('ranks by score with a stable sort, and rejects impossible lists', () => {
    const r = averagePrecision({ tp: [false, true], scores: [0.5, 0.5], npos: 1, method: 'voc12' });
    expect(r.rows.map((x) => x.index)).toEqual([0, 1]);
    expect(() => averagePrecision({ tp: [true, true], npos: 1, method: 'voc12' })).toThrow(/2 true positives but only 1/);
    expect(() => averagePrecision({ tp: [true], scores: [1, 2], npos: 1, method: 'voc12' })).toThrow(/1 detections in --tp but 2 scores/);
  });
});

describe('map', () => {
  it('averages classes', () => {
    const r = meanAp([{ name: 'cat', npos: 3, tp: [true, false, true] }, { name: 'dog', npos: 2, tp: [true, true, false, false] }], 'voc12', null);
    expect(r.classes.map((c) => c.ap)).toEqual([averagePrecision({ tp: [true, false, true], npos: 3, method: 'voc12' }).ap, 1]);
    expect(r.map).toBeCloseTo((5 / 9 + 1) / 2, 15);
    expect(meanOfAps([0.5, 0.7, 0.9]).map).toBeCloseTo(0.7, 15);
  });
  it('judges each IoU threshold as pycocotools (IoU ≥ t) or VOC (IoU > t), duplicates false', () => {
    expect(COCO_IOU_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    expect(judgeAt([0.5, 0.9, 0.7], [0, 0, 1], [1, 0, 2], 0.5, true)).toEqual([false, true, true]);
    expect(judgeAt([0.5, 0.9, 0.7], [0, 1, 2], [0, 1, 2], 0.5, false)).toEqual([false, true, true]);
    const r = meanAp([{ name: 'a', npos: 4, ious: [0.92, 0.81, 0.55, 0.4] }], 'coco', COCO_IOU_THRESHOLDS);
    expect(r.classes[0]!.tps.map((t) => t.map(Number).join(''))).toEqual(['1110', '1110', '1100', '1100', '1100', '1100', '1100', '1000', '1000', '0000']);
    expect(r.map).toBeCloseTo(r.perThreshold.reduce((s, x) => s + x, 0) / 10, 15);
  });
});

describe('miou: torchvision references ConfusionMatrix', () => {
  it.each(MIOU)('%j', (m, ref) => {
    const r = miou(m);
    expect(r.pixelAccuracy).toBeCloseTo(ref.pixel_accuracy, 12);
    r.classes.forEach((c, i) => {
      expect(c.iou).toBeCloseTo(ref.iou[i]!, 12);
      expect(c.accuracy).toBeCloseTo(ref.acc[i]!, 12);
    });
    expect(r.miou).toBeCloseTo(ref.miou, 12);
  });
  it('leaves a class that occurs nowhere out of the mean', () => {
    const r = miou([[5, 1, 0], [2, 4, 0], [0, 0, 0]]);
    expect(r.absent).toEqual(['2']);
    expect(r.miou).toBeCloseTo((5 / 8 + 4 / 7) / 2, 15);
  });
  it('rejects a matrix that is not square or has negative counts', () => {
    expect(() => miou([[1, 2, 3], [4, 5, 6]])).toThrow(/square/);
    expect(() => miou([[1, -2], [3, 4]])).toThrow(/non-negative/);
  });
});
