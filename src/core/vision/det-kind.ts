/**
 * What a --dets/--gts value is, decided without loading the table reader
 * (a one-class `ap` starts without it): plain boxes of one image
 * ("0,0,10,10; 1,0,11,10"), rows of the detection table inline
 * ("img1 cat 0.9 0 0 10 10; ..."), or the name of a file of such rows.
 */
import { normalizeInput } from '../answer';

export type DetInput = 'boxes' | 'rows' | 'file';

/** Rows of several fields (6 or more: image, class, [score,] box) rather than boxes of 4. */
function looksLikeRows(raw: string): boolean {
  const first = normalizeInput(raw).split(/[;\n]/).map((r) => r.replace(/#.*$/, '').trim()).find((r) => r !== '');
  return first !== undefined && first.split(/\s*,\s*|\s+/).filter((x) => x !== '').length >= 6;
}

/** Boxes are numbers and separators only, in rows of fewer than 6; anything else with a name in it is a file. */
export function detInputKind(raw: string): DetInput {
  if (looksLikeRows(raw)) return 'rows';
  return /^[\s\d.,;:+\-eE()[\]]*$/.test(normalizeInput(raw)) ? 'boxes' : 'file';
}
