/**
 * What the box-drawing characters of a diagram connect: each line character
 * has arms (up, down, left, right) and each arrowhead a direction. The SVG
 * renderer draws these as lines and triangles; the tests check with them
 * that every arm of the art meets a matching arm (nothing misaligned).
 */

export type Arm = 'u' | 'd' | 'l' | 'r';

const ARMS: Readonly<Record<string, string>> = {
  '─': 'lr', '│': 'ud', '┌': 'rd', '┐': 'ld', '└': 'ru', '┘': 'lu',
  '├': 'udr', '┤': 'udl', '┬': 'lrd', '┴': 'lru', '┼': 'udlr',
  // Arcs close a brace under a group of boxes: their arms may end in space.
  '╭': 'rd', '╮': 'ld', '╰': 'ru', '╯': 'lu',
};

/** Arrowheads and the way each points. */
const ARROWS: Readonly<Record<string, Arm>> = { '▶': 'r', '◀': 'l', '▲': 'u', '▼': 'd' };

/** The arms of a line character, or undefined for anything else. */
export function armsOf(ch: string): readonly Arm[] | undefined {
  const a = ARMS[ch];
  return a === undefined ? undefined : ([...a] as Arm[]);
}

/** The direction an arrowhead points, or undefined. */
export function arrowOf(ch: string): Arm | undefined {
  return ARROWS[ch];
}

/** Whether the character is an arc, whose arms may end in empty space. */
export function isArc(ch: string): boolean {
  return ch === '╭' || ch === '╮' || ch === '╰' || ch === '╯';
}

export const OPPOSITE: Readonly<Record<Arm, Arm>> = { u: 'd', d: 'u', l: 'r', r: 'l' };
