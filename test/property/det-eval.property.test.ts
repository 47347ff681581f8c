/**
 * mAP over several images and classes against a brute-force oracle: IoU by
 * counting unit cells, the matching written out per image and class, and AP
 * straight from its definition (all-point: each true positive adds 1/npos
 * times the best precision from its rank on; 101-point: the best precision
 * at recall ≥ r for each r). Plus what must not change: the order of the
 * rows, the names of images and classes, evaluating one class alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDetections } from '../../src/core/vision/det-eval';
import type { Detection, GroundTruth } from '../../src/core/vision/det-table';
import type { Box } from '../../src/core/vision/boxes';

const box = fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .map(([x, y, w, h]): Box => [x, y, x + w, y + h]);

const gtRow = fc.record({ image: fc.constantFrom('i1', 'i2', 'i3'), cls: fc.constantFrom('a', 'b'), box, difficult: fc.boolean() });
const detRow = fc.record({ image: fc.constantFrom('i1', 'i2', 'i3'), cls: fc.constantFrom('a', 'b'), box });

/** A data set: at least one object of class a; detections with distinct scores (ties have their own tests). */
const dataset = (difficult: boolean) => fc.tuple(fc.array(gtRow, { minLength: 0, maxLength: 8 }), fc.array(detRow, { minLength: 0, maxLength: 12 }), fc.integer({ min: 0, max: 1000 }))
  .map(([g, d, seed]) => {
    const gts: GroundTruth[] = [{ image: 'i1', cls: 'a', box: [0, 0, 5, 5], difficult: false, crowd: false, at: 'g' }, ...g.map((x, i) => ({ ...x, difficult: difficult && x.difficult && i % 3 === 0, crowd: false, at: `g${i}` }))];
    // Half the detections sit near an object, so that matches happen.
    const dets: Detection[] = d.map((x, i) => {
      const near = gts[(i * 7 + seed) % gts.length]!;
      const b: Box = i % 2 === 0 ? [near.box[0], near.box[1], near.box[2] + (i % 3), near.box[3]] : x.box;
      return { image: i % 2 === 0 ? near.image : x.image, cls: i % 2 === 0 ? near.cls : x.cls, box: b, score: ((i * 37 + seed) % 101 + 1) / 103 + i * 1e-6, at: `d${i}` };
    });
    return { gts, dets };
  });

function cells(b: Box): Set<string> {
  const out = new Set<string>();
  for (let x = b[0]; x < b[2]; x++) for (let y = b[1]; y < b[3]; y++) out.add(`${x},${y}`);
  return out;
}

function iouByCells(a: Box, b: Box): number {
  const ca = cells(a);
  const cb = cells(b);
  let inter = 0;
  for (const c of ca) if (cb.has(c)) inter++;
  return inter / (ca.size + cb.size - inter);
}

/** TP flags in ranked order (ignored detections dropped) and the objects counted, by the written-out rule. */
function oracleFlags(dets: Detection[], gts: GroundTruth[], cls: string, rule: 'voc' | 'coco', t: number): { flags: boolean[]; npos: number } {
  const objs = gts.map((g, i) => ({ g, i })).filter((o) => o.g.cls === cls);
  const npos = objs.filter((o) => !o.g.difficult).length;
  const ranked = dets.filter((d) => d.cls === cls).sort((a, b) => b.score - a.score);
  const taken = new Set<number>();
  const flags: boolean[] = [];
  for (const d of ranked) {
    const here = objs.filter((o) => o.g.image === d.image);
    if (rule === 'voc') {
      let best: { i: number; v: number; difficult: boolean } | null = null;
      for (const o of here) {
        const v = iouByCells(d.box, o.g.box);
        if (best === null || v > best.v) best = { i: o.i, v, difficult: o.g.difficult };
      }
      if (best !== null && best.v > t && best.difficult) continue;
      const tp = best !== null && best.v > t && !taken.has(best.i);
      if (tp) taken.add(best!.i);
      flags.push(tp);
    } else {
      // No ignored objects in the COCO data sets: the free object with the highest IoU ≥ t (the last of equals).
      let best: { i: number; v: number } | null = null;
      for (const o of here) {
        const v = iouByCells(d.box, o.g.box);
        if (taken.has(o.i) || v < t) continue;
        if (best === null || v >= best.v) best = { i: o.i, v };
      }
      if (best) taken.add(best.i);
      flags.push(best !== null);
    }
  }
  return { flags, npos };
}

function precisions(flags: boolean[]): number[] {
  let tp = 0;
  return flags.map((f, k) => (tp += f ? 1 : 0) / (k + 1));
}

function allPoint(flags: boolean[], npos: number): number {
  const p = precisions(flags);
  return flags.reduce((s, f, k) => s + (f ? Math.max(...p.slice(k)) / npos : 0), 0);
}

function point101(flags: boolean[], npos: number): number {
  const p = precisions(flags);
  let tp = 0;
  const cum = flags.map((f) => (tp += f ? 1 : 0));
  let sum = 0;
  for (let r = 0; r <= 100; r++) {
    const ok = p.filter((_, k) => cum[k]! * 100 >= r * npos);
    sum += ok.length ? Math.max(...ok) : 0;
  }
  return sum / 101;
}

function oracleMap(dets: Detection[], gts: GroundTruth[], rule: 'voc' | 'coco'): { aps: Map<string, number>; map: number } {
  const aps = new Map<string, number>();
  for (const cls of ['a', 'b']) {
    const { flags, npos } = oracleFlags(dets, gts, cls, rule, 0.5);
    if (npos > 0) aps.set(cls, rule === 'voc' ? allPoint(flags, npos) : point101(flags, npos));
  }
  return { aps, map: [...aps.values()].reduce((s, x) => s + x, 0) / aps.size };
}

describe('mAP over images and classes', () => {
  it('VOC (all-point, difficult objects) equals the written-out matching and AP', () => {
    fc.assert(fc.property(dataset(true), ({ dets, gts }) => {
      const r = evaluateDetections({ dets, gts, method: 'voc12', thresholds: [0.5] });
      const want = oracleMap(dets, gts, 'voc');
      expect(r.map).toBeCloseTo(want.map, 12);
      for (const c of r.classes) if (c.ap !== null) expect(c.ap).toBeCloseTo(want.aps.get(c.name)!, 12);
      expect(r.classes.filter((c) => c.ap !== null).map((c) => c.name).sort()).toEqual([...want.aps.keys()].sort());
    }), { numRuns: 300 });
  });

  it('COCO (101 points) equals the written-out matching and AP', () => {
    fc.assert(fc.property(dataset(false), ({ dets, gts }) => {
      const r = evaluateDetections({ dets, gts, method: 'coco', thresholds: [0.5] });
      const want = oracleMap(dets, gts, 'coco');
      expect(r.map).toBeCloseTo(want.map, 12);
    }), { numRuns: 300 });
  });

  it('is in [0, 1]; the rows\' order and the names do not matter; a class alone has the same AP', () => {
    fc.assert(fc.property(dataset(true), fc.constantFrom('voc07', 'voc12', 'coco') , ({ dets, gts }, method) => {
      const r = evaluateDetections({ dets, gts, method, thresholds: [0.5] });
      expect(r.map).toBeGreaterThanOrEqual(0);
      expect(r.map).toBeLessThanOrEqual(1 + 1e-12);
      const renamed = (x: string): string => `x-${x}`;
      const shuffled = evaluateDetections({
        dets: [...dets].reverse().map((d) => ({ ...d, image: renamed(d.image), cls: renamed(d.cls) })),
        gts: gts.map((g) => ({ ...g, image: renamed(g.image), cls: renamed(g.cls) })),
        method, thresholds: [0.5],
      });
      expect(shuffled.map).toBeCloseTo(r.map, 12);
      for (const c of r.classes) {
        if (c.ap === null) continue;
        const alone = evaluateDetections({ dets: dets.filter((d) => d.cls === c.name), gts: gts.filter((g) => g.cls === c.name), method, thresholds: [0.5] });
        expect(alone.map).toBeCloseTo(c.ap, 12);
      }
    }), { numRuns: 200 });
  });

  it('the ground truth itself, as detections, scores 1 by every rule and threshold', () => {
    fc.assert(fc.property(dataset(false), fc.constantFrom('voc07', 'voc12', 'coco'), ({ gts }, method) => {
      // Identical objects in one image would be one object to VOC's argmax (the second detection a duplicate): kept once.
      const unique = gts.filter((g, i) => gts.findIndex((h) => h.image === g.image && h.cls === g.cls && h.box.join() === g.box.join()) === i);
      const dets = unique.map((g, i): Detection => ({ image: g.image, cls: g.cls, box: g.box, score: 1 - i / 100, at: `d${i}` }));
      const r = evaluateDetections({ dets, gts: unique, method, thresholds: [0.5, 0.75, 0.95] });
      expect(r.map).toBeCloseTo(1, 12);
    }), { numRuns: 100 });
  });
});
