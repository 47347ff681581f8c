/**
 * Bench setup (bundled and run by bench/quiz-scale.mjs): fills a data
 * directory with a review history through the real store and scheduler:
 * `cards` questions seen, `reviews` reviews in total, spread over two years.
 * Usage: node seed.mjs <home> <bank ids file> <reviews> <now ISO>
 */
import { readFileSync } from 'node:fs';
import { dayKey } from '../src/quiz/clock';
import { makeFsrs, newCardState, scheduleWith, type CardState, type Rating } from '../src/quiz/schedule';
import { cardState, Store } from '../src/quiz/store/store';
import { seededRng } from '../src/core/random';

const [home, idsFile, reviewsArg, nowArg] = process.argv.slice(2);
const ids = readFileSync(idsFile!, 'utf8').split('\n').filter(Boolean);
const total = Number(reviewsArg);
const now = new Date(nowArg!);
const start = now.getTime() - 730 * 86_400_000;
const f = makeFsrs({ retention: 0.9, fuzz: true, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 });
const rng = seededRng(42);
const store = Store.open(home!, { now });
const seen = ids.slice(0, Math.floor(ids.length * 0.8));
const perCard = Math.ceil(total / seen.length);
let written = 0;

store.db.transaction(() => {
  for (const [i, id] of seen.entries()) {
    let t = start + Math.floor(rng.next() * 600) * 86_400_000 + i;
    let state: CardState = newCardState(new Date(t));
    for (let k = 0; k < perCard && written < total; k++) {
      if (t > now.getTime()) t = now.getTime() - (perCard - k) * 60_000;
      const at = new Date(t);
      const rating: Rating = rng.next() < 0.88 ? 3 : rng.next() < 0.5 ? 1 : rng.next() < 0.5 ? 2 : 4;
      const rec = store.recordReview({ cardId: id, now: at, day: dayKey(at, 4), rating, elapsedMs: 4000, answer: '1', correct: rating > 1, hash: null, sessionId: null }, state.reps, (cur) => {
        const before = cur ? cardState(cur) : state;
        return { before, after: scheduleWith(f, id, before, at, rating).after, leech: false };
      });
      state = rec.after;
      written += 1;
      t = Math.max(state.due, t + 60_000);
    }
  }
})();
store.close();
process.stdout.write(`${written} reviews of ${seen.length} questions\n`);
