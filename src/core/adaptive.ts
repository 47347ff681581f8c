/**
 * PyTorch's adaptive pooling windows (AdaptiveAvgPool2d / AdaptiveMaxPool2d):
 * output i of n covers input positions floor(i·n/out) up to
 * ceil((i+1)·n/out) - 1, so windows may differ in size and overlap when
 * out does not divide n.
 */

/** The [start, end) windows along one axis of length n pooled to `out` outputs. */
export function adaptiveWindows(n: number, out: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (let i = 0; i < out; i++) windows.push([Math.floor((i * n) / out), Math.ceil(((i + 1) * n) / out)]);
  return windows;
}

/** The largest window: the kernel extent that bounds the receptive field. */
export function adaptiveMaxWindow(n: number, out: number): number {
  return Math.max(...adaptiveWindows(n, out).map(([a, b]) => b - a));
}

/**
 * How an adaptive pool acts on an axis of known size: as the identity
 * (out = n), as an ordinary pool with kernel = stride = n/out (out divides
 * n), globally (out = 1), or with uneven windows.
 */
export type AdaptiveAction =
  | { kind: 'identity' }
  | { kind: 'pool'; k: number }
  | { kind: 'global' }
  | { kind: 'uneven'; kmax: number };

export function adaptiveAction(n: number, out: number): AdaptiveAction {
  if (out === n) return { kind: 'identity' };
  if (out === 1) return { kind: 'global' };
  if (n % out === 0) return { kind: 'pool', k: n / out };
  return { kind: 'uneven', kmax: adaptiveMaxWindow(n, out) };
}
