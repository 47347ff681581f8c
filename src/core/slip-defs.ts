/**
 * Declaring slips (core/slips.ts): what a slip gives for one set of inputs,
 * and evaluating a calculator's slip definitions. Apart from the catalogue
 * so that the calculators' start-up bundles carry no slip names they do not
 * show (the catalogue is read by stats, drill and the bank).
 */
import type { SlipId } from './slips';
import type { Text } from './text';

/** What a slip gives for one set of inputs: attached to a Quantity (core/check.ts). */
export interface SlipValue {
  id: SlipId;
  /** The quantity computed with the mistake (a number, or accepted orders of a tuple). */
  expected: number | number[][];
  /** "looks like the "+1" was left out: (32 − 5 + 2·2)/1 = 31, then + 1 = 32". */
  text: Text;
}

/** A slip of a quantity computed from inputs `I`, declared next to the formula. */
export interface SlipDef<I> {
  id: SlipId;
  /** The quantity with this mistake; undefined when the slip cannot happen for these inputs. */
  value(inputs: I): number | number[][] | undefined;
  /** The slipped line next to the right one, with these numbers. */
  text(inputs: I, slipped: number | number[][]): Text;
}

/** Evaluates slip definitions for one set of inputs. */
export function slipValues<I>(defs: readonly SlipDef<I>[], inputs: I): SlipValue[] {
  const out: SlipValue[] = [];
  for (const d of defs) {
    const v = d.value(inputs);
    if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
    out.push({ id: d.id, expected: v, text: d.text(inputs, v) });
  }
  return out;
}

/**
 * The same slips over other inputs: `pick` maps the caller's inputs to the
 * ones the definitions take (undefined: none of them can happen here).
 */
export function adaptSlips<A, B>(defs: readonly SlipDef<A>[], pick: (inputs: B) => A | undefined): SlipDef<B>[] {
  return defs.map((d) => ({
    id: d.id,
    value: (b: B) => { const a = pick(b); return a === undefined ? undefined : d.value(a); },
    text: (b: B, v: number | number[][]) => d.text(pick(b)!, v),
  }));
}

/**
 * Whether a real-valued slip moves the answer enough to be told apart from
 * the right one (ε = 1e-8 in an optimizer step changes the 9th digit: no
 * answer written by hand can show it).
 */
export function differs(slipped: number, right: number, rel = 1e-6): boolean {
  return Number.isFinite(slipped) && Math.abs(slipped - right) > rel * Math.max(1, Math.abs(right));
}
