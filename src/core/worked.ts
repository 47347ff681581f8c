/**
 * A worked solution as data: what a student would write on the exam paper.
 * Core functions build it next to the formula they apply, so the calculator,
 * the homework checker and the quiz generators all show the same steps;
 * src/render/worked.ts turns it into text.
 */
export type WorkedLine =
  /** A sub-heading, e.g. "Output size". */
  | { kind: 'heading'; text: string }
  /** The symbolic formula, e.g. "H' = floor((H + 2P - D(F-1) - 1)/S) + 1". */
  | { kind: 'formula'; text: string }
  /** A continuation with numbers substituted, e.g. "= floor(31/1) + 1". */
  | { kind: 'step'; text: string }
  /** The value a step arrives at. */
  | { kind: 'result'; text: string }
  /** Prose explaining a step or a convention. */
  | { kind: 'note'; text: string }
  /** Something the student must not miss (a non-integer size, a PyTorch constraint). */
  | { kind: 'warn'; text: string };

export interface Worked {
  title: string;
  lines: WorkedLine[];
}

/** Small builder so core code reads top to bottom like the solution it writes. */
export class WorkedBuilder {
  private readonly lines: WorkedLine[] = [];
  constructor(private readonly title: string) {}
  heading(text: string): this { this.lines.push({ kind: 'heading', text }); return this; }
  formula(text: string): this { this.lines.push({ kind: 'formula', text }); return this; }
  step(text: string): this { this.lines.push({ kind: 'step', text }); return this; }
  result(text: string): this { this.lines.push({ kind: 'result', text }); return this; }
  note(text: string): this { this.lines.push({ kind: 'note', text }); return this; }
  warn(text: string): this { this.lines.push({ kind: 'warn', text }); return this; }
  build(): Worked { return { title: this.title, lines: [...this.lines] }; }
}
