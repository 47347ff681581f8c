/**
 * FSRS's memory model for predictions (plan, cram, the retention simulator):
 * the forgetting curve and the stability after a review, from ts-fsrs with the
 * parameters in use. Predictions never schedule anything; the scheduler is
 * schedule.ts. One place maps the settings to the model, so a plan and a cram
 * order use the same parameters as the quiz.
 */
import { clamp, computeDecayFactor, FSRSAlgorithm, roundTo, S_MIN, type FSRSState } from 'ts-fsrs';
import { fsrsParams, makeFsrs, newCardState, scheduleWith, type CardState, type Rating, type ScheduleOptions } from './schedule';

const DAY_MS = 86_400_000;

export interface Memory {
  stability: number;
  difficulty: number;
}

/** What the predictions need of FSRS. */
export interface MemoryModel {
  /** Probability of recall `t` whole days after the last review at stability `s` (ts-fsrs's forgetting curve). */
  recall(t: number, s: number): number;
  /** The memory after a review rated `g`, `t` whole days after the previous one (null: the first review); `r`: its recall, when known. */
  next(m: Memory | null, t: number, g: Rating, r?: number): Memory;
  /** Days to the next review at the desired retention (no fuzz, within the maximum interval). */
  interval(s: number): number;
  /** A new question answered Good at `at` through the learning steps, as the scheduler does it. */
  learn(at: number): Learned;
  /** The parameters in use (21 numbers). */
  w: readonly number[];
}

export interface Learned {
  /** Answers on the first day (first sight and the learning steps). */
  reviews: number;
  /** The card once it has graduated (or at the end of its first day). */
  state: CardState;
}

/** Whole days from `last` to `at`, as ts-fsrs counts them for retrievability. */
export function elapsedDays(last: number, at: number): number {
  return Math.max(0, Math.floor((at - last) / DAY_MS));
}

/**
 * ts-fsrs's algorithm with its parameters in a plain object. ts-fsrs keeps
 * them behind a Proxy (so that changing one recomputes what depends on it),
 * which makes every read several times slower; a prediction never changes
 * them, and a plan over 10,000 questions runs tens of thousands of updates.
 */
class FixedParameters extends FSRSAlgorithm {
  constructor(params: ConstructorParameters<typeof FSRSAlgorithm>[0]) {
    super(params);
    this.param = { ...this.param, w: [...this.param.w] };
  }
}

/**
 * ts-fsrs's next_state for a card that has a memory state, with what
 * depends only on the parameters (e^w8, the difficulty of an Easy first
 * answer, the short-term floor, the forgetting curve's decay and factor)
 * computed once: a plan over 10,000 questions
 * runs tens of thousands of updates and these were half of their
 * transcendental functions. The same operations in the same order on the
 * same doubles, so the same results bit for bit (test/unit/memory-fast.test.ts
 * compares it with ts-fsrs on random states); anything else (a first answer,
 * a manual rating, an invalid state) goes to ts-fsrs itself.
 */
export function nextState(algo: FSRSAlgorithm): MemoryModel['next'] {
  const p = algo.parameters;
  const w = [...p.w];
  const shortTerm = p.enable_short_term;
  const expW8 = Math.exp(w[8]!);
  // init_difficulty(Easy): w4 − e^((4 − 1)·w5) + 1, rounded as ts-fsrs rounds it.
  const easyInit = roundTo(w[4]! - Math.exp((4 - 1) * w[5]!) + 1, 8);
  const failFloor = Math.exp((shortTerm ? w[17]! : 0) * (shortTerm ? w[18]! : 0));
  // ts-fsrs's forgetting_curve recomputes these on every call.
  const { decay, factor } = computeDecayFactor(w);
  return (m, t, g, r): FSRSState => {
    if (!m || t < 0 || g < 1 || g > 4 || (m.difficulty === 0 && m.stability === 0) || m.difficulty < 1 || m.stability < S_MIN) return algo.next_state(m, t, g, r);
    const d = m.difficulty;
    const s = m.stability;
    const R = typeof r === 'number' ? r : roundTo(Math.pow(1 + (factor * t) / s, decay), 8);
    let newS: number;
    if (t === 0 && shortTerm) {
      const sinc = Math.pow(s, -w[19]!) * Math.exp(w[17]! * (g - 3 + w[18]!));
      const masked = g >= 2 ? Math.max(sinc, 1) : sinc;
      newS = roundTo(clamp(s * masked, S_MIN, 36500), 8);
    } else if (g === 1) {
      const afterFail = roundTo(clamp(w[11]! * Math.pow(d, -w[12]!) * (Math.pow(s + 1, w[13]!) - 1) * Math.exp((1 - R) * w[14]!), S_MIN, 36500), 8);
      newS = clamp(roundTo(s / failFloor, 8), S_MIN, afterFail);
    } else {
      const hard = g === 2 ? w[15]! : 1;
      const easy = g === 4 ? w[16]! : 1;
      newS = roundTo(clamp(s * (1 + expW8 * (11 - d) * Math.pow(s, -w[9]!) * (Math.exp((1 - R) * w[10]!) - 1) * hard * easy), S_MIN, 36500), 8);
    }
    // next_difficulty: linear damping, then mean reversion toward the Easy start.
    const deltaD = -w[6]! * (g - 3);
    const nextD = d + roundTo((deltaD * (10 - d)) / 9, 8);
    const newD = clamp(roundTo(w[7]! * easyInit + (1 - w[7]!) * nextD, 8), 1, 10);
    return { difficulty: newD, stability: newS };
  };
}

/** The model for these settings (fuzz is off: a prediction is the expected schedule). */
export function memoryModel(o: ScheduleOptions): MemoryModel {
  const plain = { ...o, fuzz: false };
  const algo = new FixedParameters(fsrsParams(plain));
  const w = [...algo.parameters.w];
  const scheduler = makeFsrs(plain);
  // ts-fsrs's forgetting curve, R = (1 + FACTOR·t/S)^DECAY rounded as ts-fsrs rounds it,
  // with DECAY and FACTOR computed once: ts-fsrs recomputes them (an exp and a log) on
  // every call, and a plan over 10,000 questions asks tens of thousands of times.
  // test/unit/exam-plan.test.ts checks it against ts-fsrs's get_retrievability.
  const { decay, factor } = computeDecayFactor(w);
  return {
    w,
    recall: (t, s) => (s > 0 ? roundTo(Math.pow(1 + (factor * t) / s, decay), 8) : 0),
    next: nextState(algo),
    interval: (s) => algo.next_interval(s, 0),
    learn: (at) => {
      let state = newCardState(new Date(at));
      let reviews = 0;
      let time = at;
      const dayEnd = at + DAY_MS;
      // Good at each step, as long as the step falls on the same day (a step of a day or more ends the first day).
      do {
        state = scheduleWith(scheduler, 'plan', state, new Date(time), 3).after;
        reviews += 1;
        time = state.due;
      } while (state.state !== 2 && time < dayEnd && reviews < 10);
      return { reviews, state };
    },
  };
}

/** A reviewed card's predicted recall at `at` (ts-fsrs's forgetting curve over whole days, as its get_retrievability). */
export function recallAt(model: MemoryModel, c: { stability: number; last_review: number }, at: number): number {
  return model.recall(elapsedDays(c.last_review, at), c.stability);
}
