/**
 * Bench setup (bundled and run by bench/quiz-scale.mjs): fills a data
 * directory with a review history through the real store and scheduler:
 * 80% of the questions seen, `reviews` reviews in total, spread over two years
 * and all before today.
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
// 80% of the questions have a history; every review lies before today, like a real log.
const seen = ids.slice(0, Math.floor(ids.length * 0.8));
const yesterday = now.getTime() - 86_400_000;
let written = 0;

function rate(): Rating {
  const x = rng.next();
  return x < 0.22 ? 1 : x < 0.32 ? 2 : x < 0.95 ? 3 : 4;
}

store.db.transaction(() => {
  // Sweep the questions until the log holds `total` reviews: each sweep adds one review per question still before today.
  const states = new Map<string, CardState>();
  const times = new Map<string, number>();
  seen.forEach((id, i) => times.set(id, start + Math.floor(rng.next() * 200) * 86_400_000 + i));
  while (written < total) {
    let progressed = false;
    for (const id of seen) {
      if (written >= total) break;
      const t = times.get(id)!;
      if (t > yesterday) continue;
      const at = new Date(t);
      const rating = rate();
      const before = states.get(id) ?? newCardState(at);
      const rec = store.recordReview({ cardId: id, now: at, day: dayKey(at, 4), rating, elapsedMs: 4000, answer: '1', correct: rating > 1, hash: null, sessionId: null }, before.reps, (cur) => {
        const b = cur ? cardState(cur) : before;
        return { before: b, after: scheduleWith(f, id, b, at, rating).after, leech: false };
      });
      states.set(id, rec.after);
      times.set(id, Math.max(rec.after.due, t + 60_000));
      written += 1;
      progressed = true;
    }
    if (!progressed) break;
  }
})();
store.close();
process.stdout.write(`${written} reviews of ${seen.length} questions\n`);
