/**
 * What to ask next, as plain data: learning questions that are due come
 * first, then due reviews (oldest due first, up to the day's review limit),
 * then new questions (bank order, or shuffled, up to the day's new limit).
 * A question still in (re)learning after an answer comes back in the same
 * session when its step is due, or when nothing else is left and it is due
 * within the learn-ahead window (as Anki does).
 */
import type { CardState } from '../schedule';
import type { CardBrief, CardSnapshot } from '../store/store';
import { shuffled, type Rng } from '../../core/random';

export type ItemKind = 'learning' | 'review' | 'new';

export interface QueueItem {
  id: string;
  kind: ItemKind;
  /** Epoch ms; 0 for new questions. */
  due: number;
  /** The card's reps when queued (detects answers from another session). */
  reps: number;
  /** The seed it was shown with, once shown: an undo puts it back with the same numbers. */
  seed?: string;
}

export interface QueueInput {
  /** The questions in scope, in bank order. */
  ids: string[];
  /** Taken with dueBefore >= dayEnd. */
  cards: CardSnapshot;
  now: Date;
  /** End (exclusive) of the current study day. */
  dayEnd: Date;
  newLeft: number;
  reviewsLeft: number;
  /** Shuffle new questions with this source (--shuffle). */
  shuffle?: Rng;
  /**
   * Cram (quiz --cram): ask exactly these, in this order, whether due or not
   * and beyond the day's limits; learning steps still come back as usual.
   */
  cram?: QueueItem[];
}

/** Counts for the session header. */
export interface QueueCounts {
  learning: number;
  reviews: number;
  fresh: number;
  /** Reviews due today beyond the day's limit. */
  reviewsOverLimit: number;
  /** New questions available beyond the day's limit. */
  newOverLimit: number;
}

export const LEARN_AHEAD_MS = 20 * 60_000;

/** True when a card is not to be asked now: suspended, or buried into the future. */
export function isHeld(c: CardBrief, now: Date): boolean {
  return c.suspended || (c.buried_until !== null && c.buried_until > now.getTime());
}

const byDue = (a: QueueItem, b: QueueItem): number => a.due - b.due;

/**
 * The first `n` items of a stable sort by due time (bank order among equal
 * times), without sorting them all: a student back after a break can have
 * thousands of overdue reviews and a limit of 200 a day, and sorting every
 * one with a comparator was a good part of the quiz's start. The due times
 * alone are sorted as numbers to find the n-th; only the items up to it are
 * sorted as objects.
 */
export function firstByDue(items: readonly QueueItem[], n: number): QueueItem[] {
  if (n <= 0) return [];
  if (items.length <= n) return [...items].sort(byDue);
  const dues = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) dues[i] = items[i]!.due;
  dues.sort();
  const cut = dues[n - 1]!;
  // Items due at the cut itself: as many as are left, the first in bank order.
  let atCut = 0;
  for (let i = n - 1; i >= 0 && dues[i] === cut; i--) atCut += 1;
  const out: QueueItem[] = [];
  for (const item of items) {
    if (item.due < cut) out.push(item);
    else if (item.due === cut && atCut > 0) {
      out.push(item);
      atCut -= 1;
    }
  }
  return out.sort(byDue);
}

export class SessionQueue {
  private learning: QueueItem[] = [];
  private reviews: QueueItem[] = [];
  private fresh: QueueItem[] = [];
  /** Questions put back by an undo: asked before anything else. */
  private front: QueueItem[] = [];
  readonly counts: QueueCounts;

  constructor(input: QueueInput) {
    if (input.cram) {
      // One list in the order given: new questions are asked where they fall in it.
      this.reviews = [...input.cram];
      const fresh = input.cram.filter((i) => i.kind === 'new').length;
      this.counts = { learning: 0, reviews: input.cram.length - fresh, fresh, reviewsOverLimit: 0, newOverLimit: 0 };
      return;
    }
    const end = input.dayEnd.getTime();
    const due: QueueItem[] = [];
    let unseen: string[] = [];
    for (const id of input.ids) {
      const c = input.cards.near.get(id);
      if (!c) {
        // Never seen: new. Seen but not in the snapshot: due after today.
        if (!input.cards.seen.has(id)) unseen.push(id);
        continue;
      }
      if (c.state === 0 && c.reps === 0) {
        if (!isHeld(c, input.now)) unseen.push(id);
        continue;
      }
      if (isHeld(c, input.now) || c.due >= end) continue;
      if (c.state === 2) due.push({ id, kind: 'review', due: c.due, reps: c.reps });
      else this.learning.push({ id, kind: 'learning', due: c.due, reps: c.reps });
    }
    // Stable sort keeps bank order among equal due times.
    this.learning.sort(byDue);
    const reviewsLeft = Math.max(0, input.reviewsLeft);
    const newLeft = Math.max(0, input.newLeft);
    this.reviews = firstByDue(due, reviewsLeft);
    if (input.shuffle) unseen = shuffled(input.shuffle, unseen);
    this.fresh = unseen.slice(0, newLeft).map((id) => ({ id, kind: 'new', due: 0, reps: 0 }));
    this.counts = {
      learning: this.learning.length,
      reviews: this.reviews.length,
      fresh: this.fresh.length,
      reviewsOverLimit: due.length - this.reviews.length,
      newOverLimit: unseen.length - this.fresh.length,
    };
  }

  /** Questions still to ask (including learning steps due later today). */
  get remaining(): number {
    return this.front.length + this.learning.length + this.reviews.length + this.fresh.length;
  }

  /** Learning questions not due within the learn-ahead window: they wait for a later session today. */
  waitingLater(now: Date): number {
    return this.learning.filter((i) => i.due > now.getTime() + LEARN_AHEAD_MS).length;
  }

  /** The next question to ask, removed from the queue; null when the session is done. */
  next(now: Date): QueueItem | null {
    const t = now.getTime();
    if (this.front.length > 0) return this.front.shift()!;
    if (this.learning[0] && this.learning[0].due <= t) return this.learning.shift()!;
    if (this.reviews.length > 0) return this.reviews.shift()!;
    if (this.fresh.length > 0) return this.fresh.shift()!;
    if (this.learning[0] && this.learning[0].due <= t + LEARN_AHEAD_MS) return this.learning.shift()!;
    return null;
  }

  /** After an answer: a question still in (re)learning today comes back at its step. */
  answered(id: string, after: CardState, dayEnd: Date): void {
    if ((after.state === 1 || after.state === 3) && after.due < dayEnd.getTime()) {
      this.insertLearning({ id, kind: 'learning', due: after.due, reps: after.reps });
    }
  }

  /** Puts a question back to be asked next (after an undo); drops any requeued copy first. */
  putBack(item: QueueItem): void {
    this.drop(item.id);
    this.front.unshift(item);
  }

  /** Removes every pending copy of a question (suspended, buried, undone). */
  drop(id: string): void {
    this.front = this.front.filter((i) => i.id !== id);
    this.learning = this.learning.filter((i) => i.id !== id);
    this.reviews = this.reviews.filter((i) => i.id !== id);
    this.fresh = this.fresh.filter((i) => i.id !== id);
  }

  private insertLearning(item: QueueItem): void {
    this.drop(item.id);
    const at = this.learning.findIndex((i) => i.due > item.due);
    if (at < 0) this.learning.push(item);
    else this.learning.splice(at, 0, item);
  }
}
