/** Tensor shapes of one image as a network summary sees them: C×H×W maps, or flat vectors after flatten/fc. */

export interface Shape {
  /** Channels, or the length of a flat vector. */
  c: number;
  h: number;
  w: number;
  /** A vector (after flatten or a linear layer): h = w = 1 and c is its length. */
  flat: boolean;
}

export function mapShape(c: number, h: number, w: number): Shape {
  return { c, h, w, flat: false };
}

export function vecShape(n: number): Shape {
  return { c: n, h: 1, w: 1, flat: true };
}

/** Number of values in one image's tensor. */
export function shapeSize(s: Shape): number {
  return s.c * s.h * s.w;
}

/** "64×112×112" (C×H×W, PyTorch's order) or "4096" for a vector. */
export function fmtShape(s: Shape): string {
  return s.flat ? String(s.c) : `${s.c}×${s.h}×${s.w}`;
}

/** [C, H, W] or [n], as in PyTorch's tensor.shape without the batch dimension. */
export function shapeArray(s: Shape): number[] {
  return s.flat ? [s.c] : [s.c, s.h, s.w];
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.flat === b.flat && a.c === b.c && a.h === b.h && a.w === b.w;
}
