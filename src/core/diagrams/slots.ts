/**
 * Reading a diagram's slots (`{key}` in its art, see types.ts): where each
 * label goes, how wide it may be, and the order blanks are numbered in.
 */
import type { Diagram } from './types';

export type SlotAlign = 'center' | 'left' | 'right';

export interface Slot {
  key: string;
  /** 0-based line of the art. */
  line: number;
  /** Index in the line's string where the slot starts. */
  index: number;
  /** The slot's width in columns (the whole `{key...}` token). */
  width: number;
  align: SlotAlign;
}

const SLOT = /\{([<>]?)([a-z0-9-]+)\.*\}/g;

/** The slots of one art line, left to right. */
export function lineSlots(text: string, line: number): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(SLOT)) {
    const align: SlotAlign = m[1] === '<' ? 'left' : m[1] === '>' ? 'right' : 'center';
    out.push({ key: m[2]!, line, index: m.index!, width: m[0].length, align });
  }
  return out;
}

/** Every slot of a diagram in reading order (top to bottom, left to right). */
export function slotsOf(d: Diagram): Slot[] {
  return d.art.flatMap((text, line) => lineSlots(text, line));
}

/**
 * Blank keys in the order they are numbered: by the first slot each fills,
 * in reading order, so (1) is the blank a student meets first.
 */
export function blankOrder(d: Diagram, keys: readonly string[]): string[] {
  const first = new Map<string, number>();
  slotsOf(d).forEach((s, i) => {
    if (!first.has(s.key)) first.set(s.key, i);
  });
  return [...new Set(keys)].sort((a, b) => (first.get(a) ?? Infinity) - (first.get(b) ?? Infinity));
}
