/**
 * The registry of architecture diagrams: `dlnotes diagram` draws them and
 * bank questions of `type: diagram` blank their labels. One place: a
 * diagram is drawn, labelled and graded from the same data.
 */
import { recurrent } from './recurrent';
import { transformer } from './transformer';
import { cnn } from './cnn';
import { vision } from './vision';
import type { Diagram } from './types';

export type { Diagram, DiagramLabel } from './types';

/** Every diagram, in the order `--list` shows them. */
export const DIAGRAMS: readonly Diagram[] = [...recurrent, ...transformer, ...cnn, ...vision];

const BY_ID = new Map(DIAGRAMS.map((d) => [d.id, d]));

/** The diagram with this id, if any. */
export function diagramById(id: string): Diagram | undefined {
  return BY_ID.get(id);
}

/** Every diagram id, in `--list` order. */
export function diagramIds(): string[] {
  return DIAGRAMS.map((d) => d.id);
}
