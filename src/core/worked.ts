/**
 * A worked solution as data: what a student would write on the exam paper.
 * Core functions build it next to the formula they apply, so the calculator,
 * the homework checker and the quiz generators all show the same steps;
 * src/render/worked.ts turns it into text. Prose is bilingual (core/text.ts:
 * `bi`/`msg`); formulas with numbers are plain, language-neutral strings.
 */
import type { Text } from './text';

export type WorkedLine =
  /** A sub-heading, e.g. "Output size". */
  | { kind: 'heading'; text: Text }
  /** The symbolic formula, e.g. "H' = floor((H + 2P - D(F-1) - 1)/S) + 1". */
  | { kind: 'formula'; text: Text }
  /** A continuation with numbers substituted, e.g. "= floor(31/1) + 1". */
  | { kind: 'step'; text: Text }
  /** The value a step arrives at. */
  | { kind: 'result'; text: Text }
  /** Prose explaining a step or a convention. */
  | { kind: 'note'; text: Text }
  /** Something the student must not miss (a non-integer size, a PyTorch constraint). */
  | { kind: 'warn'; text: Text };

export interface Worked {
  title: Text;
  lines: WorkedLine[];
}

/** Small builder so core code reads top to bottom like the solution it writes. */
export class WorkedBuilder {
  private readonly lines: WorkedLine[] = [];
  constructor(private readonly title: Text) {}
  heading(text: Text): this { this.lines.push({ kind: 'heading', text }); return this; }
  formula(text: Text): this { this.lines.push({ kind: 'formula', text }); return this; }
  step(text: Text): this { this.lines.push({ kind: 'step', text }); return this; }
  result(text: Text): this { this.lines.push({ kind: 'result', text }); return this; }
  note(text: Text): this { this.lines.push({ kind: 'note', text }); return this; }
  warn(text: Text): this { this.lines.push({ kind: 'warn', text }); return this; }
  build(): Worked { return { title: this.title, lines: [...this.lines] }; }
}
