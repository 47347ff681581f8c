/** "Did you mean …?": the closest known names to a mistyped one. */

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Words students use for the course's symbols: a homework file that says
 * `pad: 2` or `stride: 2` means the calculator's `p` or `s`.
 */
const SYNONYMS: Record<string, readonly string[]> = {
  p: ['pad', 'padding', 'paddings'],
  s: ['stride', 'strides', 'step'],
  f: ['kernel', 'kernel_size', 'kernel-size', 'filter', 'filter_size', 'filter-size', 'window', 'k_size'],
  k: ['filters', 'out_channels', 'out-channels', 'num_filters', 'kernels', 'cout'],
  c: ['channels', 'in_channels', 'in-channels', 'cin', 'depth'],
  d: ['dilation'],
  h: ['height', 'input_size', 'input-size'],
  w: ['width'],
  n: ['batch', 'count', 'layers'],
  batch: ['n', 'batch_size', 'batch-size', 'bs'],
  label: ['y', 'target', 'class'],
  labels: ['y', 'targets', 'classes'],
  lr: ['learning_rate', 'learning-rate', 'eta', 'alpha'],
  lambda: ['reg', 'weight_decay', 'weight-decay', 'l2'],
  size: ['h', 'out', 'output_size', 'output-size'],
  params: ['parameters', 'param', 'num_params', 'count'],
  macs: ['mac', 'multiply_adds', 'mult-adds'],
  flops: ['flop', 'flops_count'],
  output: ['shape', 'out_shape', 'output_shape'],
};

/**
 * The known names closest to `word`: a name the word is a synonym of, else
 * names within a small edit distance (ignoring case, "-" and "_"), best first.
 */
export function closest(word: string, known: readonly string[], max = 2): string[] {
  const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  const w = norm(word);
  const bySynonym = known.filter((k) => SYNONYMS[k]?.some((s) => norm(s) === w));
  if (bySynonym.length > 0) return bySynonym.slice(0, max);
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  return known
    .map((k) => ({ k, d: editDistance(norm(k), w) }))
    .filter((x) => x.d <= limit && x.d < Math.max(norm(x.k).length, w.length))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.k);
}
