/**
 * Drawing a mock-exam paper from the bank, as plain data. The question count
 * is shared among the sections of the notes in proportion to their weight
 * (sections.yaml: the notes' emphasis) by largest remainders, over the
 * sections that have auto-gradable questions in scope; within a section the
 * questions are drawn at random, generated problems in proportion to their
 * share of the section. The paper is then ordered like a real one: by deck
 * (chapter) order, and bank order within a deck. Everything random comes
 * from the seed, so a seed (with the same bank and scope) is the paper.
 */
import { seededRng, shuffled } from '../../core/random';
import type { Question, Section } from '../types';
import { EXAM_TYPES, type Paper, type PaperItem, type SectionShare } from './types';

const EPS = 1e-9;

/**
 * Splits `total` in proportion to `weights` by the largest-remainder
 * (Hamilton) method: each item gets the whole part of its quota, and what is
 * left goes one by one to the largest fractional parts (ties to the lower
 * `rank`, else the lower index). No item gets more than its cap: an item
 * whose share would exceed it is fixed at the cap and the rest is shared
 * again among the others. Items with weight 0 get nothing. Hands out
 * min(total, sum of the caps of items with weight > 0).
 */
export function largestRemainder(weights: readonly number[], total: number, caps?: readonly number[], rank?: readonly number[]): number[] {
  const n = weights.length;
  const cap = (i: number): number => caps?.[i] ?? Number.POSITIVE_INFINITY;
  const out = new Array<number>(n).fill(0);
  const fixed = new Set<number>();
  const usable = weights.map((w, i) => w > 0 && cap(i) > 0);
  const capacity = usable.reduce((s, ok, i) => s + (ok ? cap(i) : 0), 0);
  const target = Math.max(0, Math.min(Math.floor(total), capacity));
  for (;;) {
    const active = weights.flatMap((_, i) => (usable[i] && !fixed.has(i) ? [i] : []));
    const rest = target - [...fixed].reduce((s, i) => s + out[i]!, 0);
    const share = hamilton(active.map((i) => weights[i]!), rest, active.map((i) => rank?.[i] ?? i));
    const over = active.filter((i, k) => share[k]! > cap(i));
    if (over.length === 0) {
      active.forEach((i, k) => { out[i] = share[k]!; });
      return out;
    }
    for (const i of over) {
      out[i] = cap(i);
      fixed.add(i);
    }
  }
}

/** Plain Hamilton apportionment of `total` by `weights` (all > 0), ties by `rank`. */
function hamilton(weights: readonly number[], total: number, rank: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sum <= 0 || total <= 0) return weights.map(() => 0);
  return roundQuotas(weights.map((w) => (total * w) / sum), total, rank);
}

/**
 * Rounds quotas to integers summing to `total`: whole parts first, then one
 * more to each of the largest fractional parts (ties to the lower rank).
 * `total` must lie between the sum of the floors and the sum of the ceilings.
 */
function roundQuotas(quotas: readonly number[], total: number, rank: readonly number[]): number[] {
  const base = quotas.map((q) => Math.floor(q + EPS));
  let left = total - base.reduce((s, b) => s + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - base[i]! }))
    .filter((x) => x.frac > EPS)
    .sort((a, b) => b.frac - a.frac || rank[a.i]! - rank[b.i]!);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i]! += 1;
    left -= 1;
  }
  return base;
}

export interface PaperInput {
  /** The questions in scope (deck/tag filtered), in bank order. */
  questions: readonly Question[];
  /** sections.yaml, in its order. */
  sections: readonly Section[];
  /** Deck ids in deck order. */
  deckOrder: readonly string[];
  /** Questions wanted on the paper (fewer when fewer are eligible). */
  count: number;
  seed: number;
  /** Suspended question ids: left out, as a daily session leaves them out. */
  suspended?: ReadonlySet<string>;
}

interface Group {
  section: Section;
  fixed: Question[];
  generated: Question[];
}

/** Draws a paper: see the module comment for the rules. Deterministic for a given input. */
export function drawPaper(input: PaperInput): Paper {
  const rng = seededRng(input.seed);
  const exam = new Set(EXAM_TYPES);
  const held = input.suspended ?? new Set<string>();
  const cards = input.questions.filter((q) => !exam.has(q.type)).length;
  const gradable = input.questions.filter((q) => exam.has(q.type));
  const eligible = gradable.filter((q) => !held.has(q.id));
  const groups = groupBySection(eligible, input.sections);
  const anyWeight = groups.some((g) => g.section.weight > 0);
  // A bank whose sections all weigh 0 still gets a paper: then every section counts the same.
  const weights = groups.map((g) => (anyWeight ? g.section.weight : 1));
  const rank = rankOf(shuffled(rng, groups.map((_, i) => i)));
  const sizes = groups.map((g) => g.fixed.length + g.generated.length);
  const counts = largestRemainder(weights, input.count, sizes, rank);
  const generatedCounts = generatedShares(groups, counts, rank);
  const shares: SectionShare[] = [];
  const drawn: Question[] = [];
  groups.forEach((g, i) => {
    const nGen = generatedCounts[i]!;
    const nFixed = counts[i]! - nGen;
    drawn.push(...shuffled(rng, g.generated).slice(0, nGen), ...shuffled(rng, g.fixed).slice(0, nFixed));
    shares.push({
      id: g.section.id, title: g.section.title, weight: g.section.weight, eligible: sizes[i]!,
      generated: g.generated.length, drawn: counts[i]!, drawnGenerated: nGen,
    });
  });
  const deckAt = new Map(input.deckOrder.map((d, i) => [d, i]));
  const bankAt = new Map(input.questions.map((q, i) => [q.id, i]));
  const sectionOf = new Map(groups.flatMap((g) => [...g.fixed, ...g.generated].map((q) => [q.id, g.section.id] as const)));
  const items: PaperItem[] = drawn
    .sort((a, b) => (deckAt.get(a.deck) ?? 1e9) - (deckAt.get(b.deck) ?? 1e9) || bankAt.get(a.id)! - bankAt.get(b.id)!)
    .map((q) => ({ id: q.id, deck: q.deck, section: sectionOf.get(q.id)!, type: q.type }));
  return { seed: input.seed, items, eligible: eligible.length, cards, suspended: gradable.length - eligible.length, sections: shares };
}

/** Eligible questions by section, in sections.yaml order; a source not in it is its own section of weight 1. */
function groupBySection(questions: readonly Question[], sections: readonly Section[]): Group[] {
  const byTitle = new Map<string, Group>();
  const order: Group[] = [];
  for (const s of sections) {
    const g: Group = { section: s, fixed: [], generated: [] };
    byTitle.set(s.title, g);
    order.push(g);
  }
  for (const q of questions) {
    let g = byTitle.get(q.source);
    if (!g) {
      g = { section: { id: q.source, title: q.source, weight: 1 }, fixed: [], generated: [] };
      byTitle.set(q.source, g);
      order.push(g);
    }
    (q.type === 'generated' ? g.generated : g.fixed).push(q);
  }
  return order.filter((g) => g.fixed.length + g.generated.length > 0);
}

/**
 * How many of each section's questions are generated problems: the section's
 * count times the generated share of its eligible questions, rounded by
 * largest remainders so the paper as a whole has its rounded share of them.
 * The result never exceeds a section's generated problems or its count, and
 * leaves no section short of fixed questions.
 */
function generatedShares(groups: readonly Group[], counts: readonly number[], rank: readonly number[]): number[] {
  const quotas = groups.map((g, i) => {
    const size = g.fixed.length + g.generated.length;
    return size > 0 ? (counts[i]! * g.generated.length) / size : 0;
  });
  const total = Math.round(quotas.reduce((s, q) => s + q, 0) + EPS);
  return roundQuotas(quotas, total, rank);
}

function rankOf(order: readonly number[]): number[] {
  const rank = new Array<number>(order.length);
  order.forEach((i, r) => { rank[i] = r; });
  return rank;
}
