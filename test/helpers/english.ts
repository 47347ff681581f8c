/**
 * Finding English left in a Chinese rendering. A zh run may keep symbols and
 * names (Conv2d, ReLU, MACs, PyTorch), formulas, flags and code (--h,
 * nn.Linear(in, out), ceil_mode=True, dlnotes conv --h 32), but no English
 * sentence: none of the common words below may appear outside those.
 *
 *   expect(englishLeft(stdout)).toEqual([]);
 *
 * Shared by the calculators' test (test/e2e/i18n-calculators.test.ts) and
 * the study side's.
 */

/**
 * Words that only an English sentence, label or header uses. Words that
 * are also symbols or names in formulas stay out of the list (a, in, out, x,
 * max, min, add, mul, copy, relu, sigmoid, softmax, svm), and so do words
 * Chinese text about deep learning uses as they are (epoch, batch size is
 * 批大小 but "mini-batch" stays).
 */
export const ENGLISH_WORDS: readonly string[] = [
  // function words
  'the', 'is', 'are', 'was', 'be', 'been', 'of', 'and', 'or', 'with', 'without', 'for', 'from', 'into', 'to', 'by',
  'on', 'at', 'as', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'not', 'no', 'each', 'every', 'all', 'both',
  'when', 'where', 'which', 'what', 'why', 'how', 'than', 'then', 'only', 'also', 'so', 'but', 'if', 'has', 'have',
  'does', 'do', 'must', 'can', 'cannot', 'would', 'should', 'will', 'may', 'one', 'two', 'three', 'per', 'here',
  'there', 'same', 'other', 'more', 'less', 'most', 'fewer', 'first', 'last', 'next', 'after', 'before', 'about',
  'give', 'given', 'got', 'expected', 'use', 'uses', 'used', 'needs', 'need', 'takes', 'take', 'gives', 'see', 'say',
  'unknown', 'required', 'missing', 'empty', 'wrong', 'right', 'true', 'false', 'yes', 'none', 'unchanged', 'never',
  'always', 'larger', 'smaller', 'largest', 'smallest', 'positive', 'negative', 'number', 'numbers', 'integer', 'value',
  'values', 'list', 'row', 'rows', 'column', 'columns', 'item', 'items', 'name', 'names', 'total', 'totals', 'result',
  'results', 'note', 'notes', 'rule', 'formula', 'sum', 'mean', 'average', 'divide', 'divided', 'times', 'plus',
  'minus', 'whole', 'half',
  // the course's terms
  'input', 'output', 'inputs', 'outputs', 'layer', 'layers', 'parameter', 'parameters', 'weight', 'weights', 'bias',
  'biases', 'filter', 'filters', 'kernel', 'stride', 'padding', 'dilation', 'channel', 'channels', 'height', 'width',
  'size', 'shape', 'window', 'receptive', 'field', 'jump', 'memory', 'activation', 'activations', 'compute',
  'gradient', 'gradients', 'derivative', 'forward', 'backward', 'pass', 'upstream', 'downstream', 'local', 'gate',
  'node', 'graph', 'variable', 'variables', 'expression', 'function', 'loss', 'losses', 'sample', 'samples', 'class',
  'classes', 'label', 'labels', 'score', 'scores', 'probability', 'probabilities', 'margin', 'learning', 'rate',
  'step', 'steps', 'schedule', 'warm', 'decay', 'momentum', 'optimizer', 'update', 'batch',
  'feature', 'features', 'variance', 'running', 'training', 'test', 'mode', 'distance', 'neighbour', 'neighbours',
  'nearest', 'vote', 'tie', 'prediction', 'network', 'depth', 'model', 'ideas', 'figures', 'pros', 'cons', 'saturates',
  'centred', 'dead', 'neurons', 'cost', 'verdict', 'analytic', 'numerical', 'centred', 'difference', 'error', 'relative',
  'matrix', 'shapes', 'element', 'elements', 'regularization', 'divergence', 'entropy', 'initialisation', 'kink',
  'spec', 'file', 'key', 'keys', 'allowed', 'known', 'kind', 'kinds',
];

const WORDS = new Set(ENGLISH_WORDS.map((w) => w.toLowerCase()));

/**
 * The text with code-like parts blanked: command lines (dlnotes ...),
 * flags and their values (--h 32, --tie nearest), anything in backticks or ASCII quotes, calls with their
 * arguments (torch.optim.SGD(params, lr=0.1), max(0, x)), key=value pairs,
 * file positions and names with digits, dots or underscores (conv1,
 * running_mean, nn.Linear), lists of names (out, k, s, p, groups) and
 * capitalised labels (INPUT, FC).
 */
export function stripCode(text: string): string {
  return text
    // A command line runs to the end of the line or to the next CJK punctuation.
    .replace(/dlnotes [^，。；：（）\n]*/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    // File paths: test/fixtures/specs/bad-key.yaml:4:32.
    .replace(/[\w.-]*\/[\w./:-]+/g, ' ')
    .replace(/"[^"\n]*"/g, ' ')
    // 'same' is quoted; H' and f'(x) are primes.
    .replace(/(?<![\w)])'[^'\s][^'\n]*'/g, ' ')
    // A flag with its value: --tie nearest, --lr 0.1.
    .replace(/--[A-Za-z][\w-]*(?:[ =][\w.,:+/-]+)?/g, ' ')
    // A call and its arguments, nested once: f(a, g(b)).
    .replace(/[A-Za-z_][\w.]*\((?:[^()\n]|\([^()\n]*\))*\)/g, ' ')
    .replace(/[A-Za-z_][\w.]*=\S*/g, ' ')
    // Ids go with their hyphenated parts: alpha.conv-size, basics.zero-centred.
    .replace(/\b[A-Za-z]*[_.\d][\w.-]*\b/g, ' ')
    .replace(/\b[A-Za-z][\w-]*(?:(?:, ?|、)[A-Za-z][\w-]*)+\b/g, ' ')
    .replace(/\b[A-Z]{2,}\b/g, ' ');
}

export interface EnglishHit {
  word: string;
  line: string;
}

/** Every common English word in `text` outside code-like parts, with its line (empty when none is left). */
export function englishLeft(text: string, allow: readonly string[] = []): EnglishHit[] {
  const allowed = new Set(allow.map((w) => w.toLowerCase()));
  const hits: EnglishHit[] = [];
  // A quotation may be wrapped over lines: blank it first, keeping the line breaks.
  const unquoted = text.replace(/"[^"]*"/g, (q) => q.replace(/[^\n]/g, ' '));
  const original = text.split('\n');
  unquoted.split('\n').forEach((line, i) => {
    // Hyphenated words are names of things (one-hot, log-sum-exp, leaky-relu).
    for (const m of stripCode(line).matchAll(/[A-Za-z]+(?:-[A-Za-z]+)*/g)) {
      const w = m[0].toLowerCase();
      if (WORDS.has(w) && !allowed.has(w)) hits.push({ word: m[0], line: original[i]!.trim() });
    }
  });
  return hits;
}

/** The English words of `englishLeft`, without their lines. */
export function englishWords(text: string): string[] {
  return englishLeft(text).map((h) => h.word);
}

/** `text` without any whitespace: phrases compare equal however the output was wrapped. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Whether `text` has any CJK character (an English run must have none). */
export function hasCjk(text: string): boolean {
  return /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(text);
}
