import { describe, expect, it } from 'vitest';
import { drawPaper, largestRemainder } from '../../src/quiz/exam/paper';
import { examTotals, pct, scoreByDeck } from '../../src/quiz/exam/score';
import type { ItemResult } from '../../src/quiz/exam/types';
import type { Question, QuestionType, Section } from '../../src/quiz/types';

describe('largestRemainder (Hamilton apportionment)', () => {
  it.each([
    // quotas 6, 4, 2: exact
    [[3, 2, 1], 12, undefined, undefined, [6, 4, 2]],
    // quotas 3.5, 2.1, 1.4: floors 3, 2, 1 and the one seat left goes to the largest remainder (.5)
    [[5, 3, 2], 7, undefined, undefined, [4, 2, 1]],
    // quotas 1⅓, 2⅔, 4: floors 1, 2, 4; the seat left goes to the larger remainder (⅔)
    [[1, 2, 3], 8, undefined, undefined, [1, 3, 4]],
    // equal quotas 3⅓: the seat left goes to the best rank (index 1 here)
    [[1, 1, 1], 10, undefined, [2, 0, 1], [3, 4, 3]],
    [[1, 1, 1], 10, undefined, [0, 1, 2], [4, 3, 3]],
    // a capped item keeps its cap and the rest is shared again: 8 by 3:1 would be 6, 2; cap 2 on the first
    [[3, 1], 8, [2, 10], undefined, [2, 6]],
    // caps cascade: 10 by 1:1:1 with caps 1, 2, 100
    [[1, 1, 1], 10, [1, 2, 100], undefined, [1, 2, 7]],
    // weight 0 gets nothing, even with room
    [[0, 1], 5, [9, 9], undefined, [0, 5]],
    // more asked than there is: everything there is
    [[1, 2], 50, [3, 4], undefined, [3, 4]],
    // nothing asked
    [[1, 2], 0, undefined, undefined, [0, 0]],
  ])('%j into %d (caps %j, rank %j) -> %j', (weights, total, caps, rank, want) => {
    expect(largestRemainder(weights, total, caps, rank)).toEqual(want);
  });
});

let line = 0;
function q(id: string, deck: string, source: string, type: QuestionType = 'numeric'): Question {
  line += 1;
  const base = { id, deck, tags: ['calc'], source, file: 'f.yaml', line, hash: `h${line}`, prompt: id, explanation: 'x' };
  switch (type) {
    case 'card': return { ...base, type, answer: 'a' };
    case 'generated': return { ...base, type, template: 'conv-output-size' };
    case 'choice': return { ...base, type, choices: ['a', 'b'], answer: [0], shuffle: false };
    case 'cloze': return { ...base, type, prompt: '{{x}}' };
    case 'formula': return { ...base, type, answer: 'x', variables: { x: [0, 1] } };
    default: return { ...base, type: 'numeric', answer: 1 };
  }
}

const SECTIONS: Section[] = [
  { id: 's.a', title: 'A', weight: 3 },
  { id: 's.b', title: 'B', weight: 2 },
  { id: 's.c', title: 'C', weight: 1 },
  { id: 's.empty', title: 'E', weight: 5 },
  { id: 's.zero', title: 'Z', weight: 0 },
];

/** 10 questions in each of A, B, C; A half generated; cards and a weight-0 section on top. Decks: two, out of order. */
function bank(): Question[] {
  const out: Question[] = [];
  for (let i = 0; i < 10; i++) out.push(q(`late.a${i}`, 'late', 'A', i % 2 === 0 ? 'generated' : 'choice'));
  for (let i = 0; i < 10; i++) out.push(q(`early.b${i}`, 'early', 'B', i % 3 === 0 ? 'cloze' : 'numeric'));
  for (let i = 0; i < 10; i++) out.push(q(`late.c${i}`, 'late', 'C', 'formula'));
  for (let i = 0; i < 5; i++) out.push(q(`early.card${i}`, 'early', 'A', 'card'));
  for (let i = 0; i < 4; i++) out.push(q(`early.z${i}`, 'early', 'Z'));
  return out;
}

const DECKS = ['early', 'late'];

function sectionCounts(items: { section: string }[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const it of items) c[it.section] = (c[it.section] ?? 0) + 1;
  return c;
}

describe('drawPaper', () => {
  it('shares the count among sections by weight (largest remainder), over sections with eligible questions', () => {
    // Weights 3:2:1 of 12 -> 6, 4, 2 exactly; E has no question and Z weighs 0: neither gets any.
    const p = drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 12, seed: 1 });
    expect(p.items).toHaveLength(12);
    expect(sectionCounts(p.items)).toEqual({ 's.a': 6, 's.b': 4, 's.c': 2 });
    expect(p.sections.map((s) => [s.id, s.eligible, s.drawn])).toEqual([['s.a', 10, 6], ['s.b', 10, 4], ['s.c', 10, 2], ['s.zero', 4, 0]]);
    expect(p).toMatchObject({ eligible: 34, cards: 5, suspended: 0 });
  });

  it('rounds by largest remainder: 7 by 3:2:1 is 3.5, 2.33, 1.17 -> 4, 2, 1', () => {
    const p = drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 7, seed: 5 });
    expect(sectionCounts(p.items)).toEqual({ 's.a': 4, 's.b': 2, 's.c': 1 });
  });

  it('draws generated problems in proportion: half of A is generated, so half of A\'s share', () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 12, seed });
      const a = p.items.filter((i) => i.section === 's.a');
      expect(a.filter((i) => i.type === 'generated')).toHaveLength(3);
      expect(p.sections[0]).toMatchObject({ drawn: 6, generated: 5, drawnGenerated: 3 });
    }
  });

  it('takes only auto-gradable types: never a card, never a suspended question', () => {
    const suspended = new Set(['late.a1', 'late.a3', 'late.a5', 'late.a7', 'late.a9']);
    const p = drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 30, seed: 9, suspended });
    expect(p.items.some((i) => i.type === 'card')).toBe(false);
    expect(p.items.some((i) => suspended.has(i.id))).toBe(false);
    expect(p).toMatchObject({ eligible: 29, suspended: 5, cards: 5 });
    // A has 5 left (all generated): capped, its surplus goes to B and C.
    expect(sectionCounts(p.items)).toEqual({ 's.a': 5, 's.b': 10, 's.c': 10 });
  });

  it('orders the paper by deck order, then bank order', () => {
    const qs = bank();
    const p = drawPaper({ questions: qs, sections: SECTIONS, deckOrder: DECKS, count: 15, seed: 3 });
    const pos = new Map(qs.map((x, i) => [x.id, i]));
    const key = (id: string): number => DECKS.indexOf(id.split('.')[0]!) * 1000 + pos.get(id)!;
    const ids = p.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => key(a) - key(b)));
    expect(ids[0]!.startsWith('early.')).toBe(true);
  });

  it('is deterministic for a seed and varies with it', () => {
    const draw = (seed: number) => drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 10, seed }).items.map((i) => i.id);
    expect(draw(42)).toEqual(draw(42));
    const papers = new Set([1, 2, 3, 4, 5, 6].map((s) => draw(s).join()));
    expect(papers.size).toBeGreaterThan(1);
  });

  it('gives every question when more are asked than there are', () => {
    const p = drawPaper({ questions: bank(), sections: SECTIONS, deckOrder: DECKS, count: 100, seed: 1 });
    // Z weighs 0: its questions are never drawn, even to fill the paper.
    expect(p.items).toHaveLength(30);
  });

  it('a source that is not in sections.yaml is its own section of weight 1; all-zero weights count equally', () => {
    const qs = [q('d.x1', 'd', 'elsewhere'), q('d.x2', 'd', 'elsewhere'), q('d.z1', 'd', 'Z'), q('d.z2', 'd', 'Z')];
    const p = drawPaper({ questions: qs, sections: SECTIONS, deckOrder: ['d'], count: 2, seed: 1 });
    expect(sectionCounts(p.items)).toEqual({ elsewhere: 2 });
    const zeros = drawPaper({ questions: qs.slice(2), sections: SECTIONS, deckOrder: ['d'], count: 2, seed: 1 });
    expect(zeros.items.map((i) => i.id)).toEqual(['d.z1', 'd.z2']);
  });
});

describe('scoring', () => {
  const items: ItemResult[] = [
    { id: 'b.1', deck: 'b', type: 'numeric', answered: true, correct: true, given: '1' },
    { id: 'a.1', deck: 'a', type: 'numeric', answered: true, correct: false, given: '2' },
    { id: 'a.2', deck: 'a', type: 'choice', answered: false, correct: false, given: null },
    { id: 'a.3', deck: 'a', type: 'cloze', answered: true, correct: true, given: 'x' },
    { id: 'c.1', deck: 'c', type: 'formula', answered: true, correct: true, given: 's' },
  ];

  it('per deck in deck order; a deck not in the order comes last', () => {
    expect(scoreByDeck(items, ['a', 'b'])).toEqual([
      { deck: 'a', questions: 3, answered: 2, correct: 1 },
      { deck: 'b', questions: 1, answered: 1, correct: 1 },
      { deck: 'c', questions: 1, answered: 1, correct: 1 },
    ]);
  });

  it('totals: an unanswered question scores nothing', () => {
    expect(examTotals(items)).toEqual({ questions: 5, answered: 4, correct: 3, score: 0.6 });
    expect(examTotals([])).toEqual({ questions: 0, answered: 0, correct: 0, score: 0 });
    expect([pct(2, 3), pct(1, 8), pct(0, 0)]).toEqual(['67%', '13%', '-']);
  });
});
