/**
 * An architecture diagram a student must be able to draw from memory, as
 * data: the drawing itself (Unicode box drawing, one string per line) with
 * named slots where the labels go, the labels in both languages with the
 * other names a student may write for them, the tensor shapes along the
 * arrows, and what to remember. `dlnotes diagram` shows it (terminal or
 * SVG) and bank questions of `type: diagram` blank some of its labels.
 *
 * A slot is written `{key}` inside an art line, padded with dots to the
 * width the label may take: `{forget.....}` is 13 columns wide. The label is
 * centred in it (`{<key}` left-aligns, `{>key}` right-aligns). Keeping the
 * slot as wide as its widest label keeps the art aligned in both languages.
 */
import type { Text } from '../text';

export interface DiagramLabel {
  /** What the slot shows: bilingual, or one string for a symbol or name (W_hh, Softmax). */
  text: Text;
  /** Other answers accepted for this label when it is a blank (synonyms, abbreviations, both languages). */
  accept?: readonly string[];
}

export interface Diagram {
  /** `dlnotes diagram <id>`, and the `diagram:` of a bank question. */
  id: string;
  title: Text;
  /** One line for `--list`. */
  summary: Text;
  /** The drawing, one string per line, with `{key}` slots (see above). */
  art: readonly string[];
  /** Every slot key's label. A key may fill several slots (the same weight at every time step). */
  labels: Readonly<Record<string, DiagramLabel>>;
  /** The shapes on the arrows: short lines (a text may span lines with "\n"). */
  shapes: readonly Text[];
  /** What to remember when drawing it: one note each (a note may span lines with "\n"). */
  notes: readonly Text[];
}
