/** Scoring a mock exam: totals and per deck (chapter), as plain data. */
import type { DeckScore, ItemResult } from './types';

export interface ExamTotals {
  questions: number;
  answered: number;
  correct: number;
  /** correct / questions (0 for an empty paper): an unanswered question scores nothing. */
  score: number;
}

/** Totals over the whole paper. */
export function examTotals(items: readonly ItemResult[]): ExamTotals {
  const answered = items.filter((i) => i.answered).length;
  const correct = items.filter((i) => i.answered && i.correct).length;
  return { questions: items.length, answered, correct, score: items.length > 0 ? correct / items.length : 0 };
}

/**
 * Scores per deck, in `deckOrder` (decks with no question on the paper are
 * left out; a deck not in `deckOrder` comes last, in paper order).
 */
export function scoreByDeck(items: readonly ItemResult[], deckOrder: readonly string[]): DeckScore[] {
  const by = new Map<string, DeckScore>();
  for (const it of items) {
    const d = by.get(it.deck) ?? { deck: it.deck, questions: 0, answered: 0, correct: 0 };
    d.questions += 1;
    if (it.answered) d.answered += 1;
    if (it.answered && it.correct) d.correct += 1;
    by.set(it.deck, d);
  }
  const at = (deck: string): number => {
    const i = deckOrder.indexOf(deck);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  // Stable: decks not in deckOrder keep the order they first appear on the paper.
  return [...by.values()].sort((a, b) => at(a.deck) - at(b.deck));
}

/** A score as a whole percentage: 0.666 -> "67%". */
export function pct(correct: number, total: number): string {
  return total > 0 ? `${Math.round((100 * correct) / total)}%` : '-';
}
