/**
 * Tensor shapes of one input as a network summary sees them: C×H×W maps,
 * flat vectors after flatten/fc, and sequences of T positions with D
 * features (T×D, PyTorch's batch_first (N, T, D) without the batch) or of
 * T token ids (the input of an embedding).
 */

export interface Shape {
  /** Channels, the length of a flat vector, or a sequence's features per position. */
  c: number;
  /** Height, or a sequence's length T. */
  h: number;
  w: number;
  /** A vector (after flatten or a linear layer): h = w = 1 and c is its length. */
  flat: boolean;
  /** A sequence: h = T positions of c features each, w = 1. */
  seq?: boolean;
  /** A sequence of token ids (c = 1): what an embedding takes. */
  ids?: boolean;
}

export function mapShape(c: number, h: number, w: number): Shape {
  return { c, h, w, flat: false };
}

export function vecShape(n: number): Shape {
  return { c: n, h: 1, w: 1, flat: true };
}

/** T positions of d features. */
export function seqShape(t: number, d: number): Shape {
  return { c: d, h: t, w: 1, flat: false, seq: true };
}

/** T token ids. */
export function idsShape(t: number): Shape {
  return { c: 1, h: t, w: 1, flat: false, seq: true, ids: true };
}

/** Number of values in one image's tensor. */
export function shapeSize(s: Shape): number {
  return s.c * s.h * s.w;
}

/** "64×112×112" (C×H×W, PyTorch's order), "4096" for a vector, "197×768" (T×D) for a sequence, "35 ids" for token ids. */
export function fmtShape(s: Shape): string {
  if (s.ids) return `${s.h} ids`;
  if (s.seq) return `${s.h}×${s.c}`;
  return s.flat ? String(s.c) : `${s.c}×${s.h}×${s.w}`;
}

/** [C, H, W], [n], [T, D] or [T], as in PyTorch's tensor.shape without the batch dimension (batch_first). */
export function shapeArray(s: Shape): number[] {
  if (s.ids) return [s.h];
  if (s.seq) return [s.h, s.c];
  return s.flat ? [s.c] : [s.c, s.h, s.w];
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.flat === b.flat && (a.seq ?? false) === (b.seq ?? false) && (a.ids ?? false) === (b.ids ?? false) && a.c === b.c && a.h === b.h && a.w === b.w;
}
