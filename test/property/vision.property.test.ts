/**
 * The detection and segmentation calculators against brute-force oracles:
 * IoU by counting unit cells, NMS by its recursive definition, AP by
 * integrating the interpolated curve at every recall step, RoI Align on
 * linear maps (where bilinear sampling is exact), mIoU by counting pixels.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../src/core/vision/ap';
import { decodeBox, encodeBox } from '../../src/core/vision/box-coder';
import { boxIou, iou } from '../../src/core/vision/boxes';
import { matchDetections } from '../../src/core/vision/match';
import { miou } from '../../src/core/vision/miou';
import { nms } from '../../src/core/vision/nms';
import { roi } from '../../src/core/vision/roi';

/** An integer box inside [0, 12]² with positive width and height. */
const intBox = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .map(([x, y, w, h]) => [x, y, x + w, y + h]);

function cells(b: number[], pixel: boolean): Set<string> {
  const out = new Set<string>();
  const end = pixel ? 1 : 0;
  for (let x = b[0]!; x < b[2]! + end; x++) for (let y = b[1]!; y < b[3]! + end; y++) out.add(`${x},${y}`);
  return out;
}

describe('iou', () => {
  it('equals the share of unit cells the boxes have in common (both conventions)', () => {
    fc.assert(fc.property(intBox, intBox, fc.boolean(), (a, b, pixel) => {
      const ca = cells(a, pixel);
      const cb = cells(b, pixel);
      const inter = [...ca].filter((c) => cb.has(c)).length;
      const union = new Set([...ca, ...cb]).size;
      const r = iou(a, b, 'xyxy', pixel);
      expect(r.intersection).toBe(inter);
      expect(r.union).toBe(union);
      expect(r.iou).toBeCloseTo(inter / union, 12);
    }));
  });
  it('is symmetric, in [0, 1], 1 only for the same box; GIoU ≤ IoU and > −1', () => {
    fc.assert(fc.property(intBox, intBox, (a, b) => {
      const r = iou(a, b);
      expect(r.iou).toBe(iou(b, a).iou);
      expect(r.iou).toBeGreaterThanOrEqual(0);
      expect(r.iou).toBeLessThanOrEqual(1);
      expect(r.iou === 1).toBe(a.join() === b.join());
      expect(r.giou).toBeLessThanOrEqual(r.iou + 1e-12);
      expect(r.giou).toBeGreaterThan(-1);
    }));
  });
});

/** NMS by its definition: a box is kept when no kept box with a higher rank overlaps it by more than t. */
function nmsByDefinition(boxes: number[][], scores: number[], t: number): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const kept: number[] = [];
  for (const j of order) {
    if (kept.every((i) => boxIou(boxes[i] as [number, number, number, number], boxes[j] as [number, number, number, number]) <= t)) kept.push(j);
  }
  return kept;
}

describe('nms', () => {
  const input = fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.array(intBox, { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }), fc.double({ min: 0, max: 1, noNaN: true })));
  it('matches its definition; keeps the top box; no two kept boxes overlap above t', () => {
    fc.assert(fc.property(input, ([boxes, raw, t]) => {
      const scores = raw.map((s) => s / 100);
      const r = nms({ boxes, scores, iou: t });
      expect(r.keep).toEqual(nmsByDefinition(boxes, scores, t));
      expect(r.keep[0]).toBe(r.order[0]);
      for (const i of r.keep) for (const j of r.keep) if (i < j) expect(boxIou(r.boxes[i]!, r.boxes[j]!)).toBeLessThanOrEqual(t);
      // Every removed box overlaps the kept box that removed it above t.
      r.removedBy.forEach((by, j) => {
        if (by !== null) expect(boxIou(r.boxes[by]!, r.boxes[j]!)).toBeGreaterThan(t);
      });
    }));
  });
  it('per class equals NMS run on each class alone', () => {
    fc.assert(fc.property(input, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 }), ([boxes, raw, t], lab) => {
      const scores = raw.map((s) => s / 100);
      const labels = boxes.map((_, i) => lab[i]!);
      const r = nms({ boxes, scores, iou: t, labels });
      const alone = [...new Set(labels)].flatMap((c) => {
        const idx = labels.flatMap((l, i) => (l === c ? [i] : []));
        return nmsByDefinition(idx.map((i) => boxes[i]!), idx.map((i) => scores[i]!), t).map((k) => idx[k]!);
      });
      expect([...r.keep].sort((a, b) => a - b)).toEqual(alone.sort((a, b) => a - b));
    }));
  });
});

describe('box coder', () => {
  it('decode(encode(gt)) = gt', () => {
    fc.assert(fc.property(intBox, intBox, fc.constantFrom([1, 1, 1, 1], [10, 10, 5, 5], [2, 3, 4, 5]), (anchor, gt, w) => {
      const t = encodeBox(anchor, gt, w).t;
      decodeBox(anchor, t, w).box.forEach((v, i) => expect(v).toBeCloseTo(gt[i]!, 9));
    }));
  });
});

/** AP by integrating p_interp(r) = max{precision at recall ≥ r} over each recall step. */
function apByIntegral(tp: boolean[], npos: number): number {
  let cum = 0;
  const pts = tp.map((x, k) => {
    if (x) cum++;
    return { p: cum / (k + 1), r: cum / npos };
  });
  let area = 0;
  for (let step = 1; step <= npos; step++) {
    const mid = (step - 0.5) / npos;
    area += Math.max(0, ...pts.filter((q) => q.r >= mid).map((q) => q.p)) / npos;
  }
  return area;
}

describe('ap', () => {
  const list = fc.array(fc.boolean(), { minLength: 1, maxLength: 25 }).chain((tp) => fc.tuple(fc.constant(tp), fc.integer({ min: Math.max(1, tp.filter(Boolean).length), max: tp.filter(Boolean).length + 5 })));
  it('all-point equals the integral of the interpolated curve; every method in [0, 1]', () => {
    fc.assert(fc.property(list, ([tp, npos]) => {
      const r = averagePrecision({ tp, npos, method: 'voc12' });
      expect(r.ap).toBeCloseTo(apByIntegral(tp, npos), 12);
      for (const v of [r.voc07, r.voc12, r.coco]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }
    }));
  });
  it('the 11- and 101-point rules sample max{precision at recall ≥ r}', () => {
    fc.assert(fc.property(list, ([tp, npos]) => {
      const r = averagePrecision({ tp, npos, method: 'coco' });
      const rows = r.rows;
      const at = (num: number, den: number) => Math.max(0, ...rows.filter((x) => x.cumTp * den >= num * npos).map((x) => x.precision));
      expect(r.coco).toBeCloseTo(Array.from({ length: 101 }, (_, i) => at(i, 100)).reduce((s, x) => s + x, 0) / 101, 12);
      expect(r.voc07).toBeCloseTo(Array.from({ length: 11 }, (_, i) => at(i, 10)).reduce((s, x) => s + x, 0) / 11, 12);
    }));
  });
  it('is 1 for a perfect ranking by every rule, and ranking a TP higher never lowers it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 }), (n, fps) => {
      const tp = [...Array(n).fill(true), ...Array(fps).fill(false)];
      const r = averagePrecision({ tp, npos: n, method: 'voc12' });
      expect([r.voc07, r.voc12, r.coco].map((v) => Number(v.toFixed(12)))).toEqual([1, 1, 1]);
    }));
    fc.assert(fc.property(list, fc.nat(), ([tp, npos], k) => {
      const i = k % tp.length;
      if (i === 0 || !tp[i] || tp[i - 1]) return;
      const swapped = [...tp];
      [swapped[i - 1], swapped[i]] = [true, false];
      expect(averagePrecision({ tp: swapped, npos, method: 'voc12' }).ap).toBeGreaterThanOrEqual(averagePrecision({ tp, npos, method: 'voc12' }).ap - 1e-12);
    }));
  });
});

describe('roi align', () => {
  it('on a linear map, each bin is the map at the bin centre', () => {
    const grid = fc.record({ a: fc.integer({ min: -5, max: 5 }), b: fc.integer({ min: -3, max: 3 }), c: fc.integer({ min: -3, max: 3 }) });
    const box = fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true }));
    fc.assert(fc.property(grid, box, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), ({ a, b, c }, [x, y, w, h], out, sr) => {
      // An 8×8 map: every sample of a box inside [0, 7]² interpolates exactly.
      const feature = Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => a + b * i + c * j));
      const r = roi({ mode: 'align', feature, box: [x, y, x + w, y + h], out: [out, out], samplingRatio: sr });
      r.bins.forEach((bin) => expect(bin.value).toBeCloseTo(a + b * (bin.y0 + bin.y1) / 2 + c * (bin.x0 + bin.x1) / 2, 9));
    }));
  });
});

describe('miou', () => {
  it('equals per-class pixel-set IoU of label maps', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 4 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 60 }))), ([k, pixels]) => {
      const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      for (const [t, p] of pixels) m[t]![p]!++;
      const r = miou(m);
      const ious: number[] = [];
      for (let c = 0; c < k; c++) {
        const inter = pixels.filter(([t, p]) => t === c && p === c).length;
        const union = pixels.filter(([t, p]) => t === c || p === c).length;
        if (union > 0) ious.push(inter / union);
        expect(r.classes[c]!.iou).toBe(union > 0 ? inter / union : null);
      }
      expect(r.miou).toBeCloseTo(ious.reduce((s, x) => s + x, 0) / ious.length, 12);
      expect(r.pixelAccuracy).toBeCloseTo(pixels.filter(([t, p]) => t === p).length / pixels.length, 12);
    }));
  });
});

describe('matching detections to objects', () => {
  const scene = fc.record({
    dets: fc.array(intBox, { minLength: 1, maxLength: 6 }),
    gts: fc.array(intBox, { minLength: 1, maxLength: 4 }),
    t: fc.constantFrom(0.1, 0.3, 0.5, 0.7),
  }).chain((s) => fc.record({ s: fc.constant(s), scores: fc.array(fc.integer({ min: 1, max: 9 }).map((x) => x / 10), { minLength: s.dets.length, maxLength: s.dets.length }) }));

  it('takes each object once; a TP passes t; an FP is one the rule could not match (VOC > t on the best object, COCO ≥ t on a free one)', () => {
    fc.assert(fc.property(scene, ({ s, scores }) => {
      for (const rule of ['voc', 'coco'] as const) {
        const m = matchDetections({ dets: s.dets, gts: s.gts, scores, iou: s.t, rule });
        const taken = new Map<number, number>();
        m.rows.forEach((row, k) => {
          // Rows are in decreasing score order.
          if (k > 0) expect(m.rows[k - 1]!.score).toBeGreaterThanOrEqual(row.score);
          const iouWith = (g: number) => boxIou(m.dets[row.index]!, m.gts[g]!);
          const free = s.gts.map((_, g) => g).filter((g) => !taken.has(g));
          if (row.tp) {
            expect(taken.has(row.best!)).toBe(false);
            if (rule === 'voc') expect(iouWith(row.best!)).toBeGreaterThan(s.t);
            else {
              expect(iouWith(row.best!)).toBeGreaterThanOrEqual(s.t);
              for (const g of free) expect(iouWith(g)).toBeLessThanOrEqual(iouWith(row.best!));
            }
            taken.set(row.best!, row.index);
          } else if (rule === 'voc') {
            const best = Math.max(...s.gts.map((_, g) => iouWith(g)));
            expect(best <= s.t || taken.has(row.best!)).toBe(true);
          } else {
            for (const g of free) expect(iouWith(g)).toBeLessThan(s.t);
          }
        });
        expect(m.tp.filter(Boolean).length).toBe(taken.size);
        expect(taken.size).toBeLessThanOrEqual(Math.min(s.dets.length, s.gts.length));
      }
    }), { numRuns: 300 });
  });
});
