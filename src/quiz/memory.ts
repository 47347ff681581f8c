/**
 * FSRS's memory model for predictions (plan, cram, the retention simulator):
 * the forgetting curve and the stability after a review, from ts-fsrs with the
 * parameters in use. Predictions never schedule anything; the scheduler is
 * schedule.ts. One place maps the settings to the model, so a plan and a cram
 * order use the same parameters as the quiz.
 */
import { computeDecayFactor, FSRSAlgorithm, roundTo, S_MIN, type FSRSState } from 'ts-fsrs';
import { fsrsParams, makeFsrs, newCardState, scheduleWith, type CardState, type Rating, type ScheduleOptions } from './schedule';

const DAY_MS = 86_400_000;

export interface Memory {
  stability: number;
  difficulty: number;
}

/** What the predictions need of FSRS (with next() on plain numbers: MemoryKernel). */
export interface MemoryModel extends MemoryKernel {
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

/** The scalar halves of nextState (MemoryModel.stabilityAfter, difficultyAfter, updatable). */
export interface MemoryKernel {
  /** The forgetting curve: recall `t` whole days after a review at stability `s` (> 0). */
  curve(t: number, s: number): number;
  /**
   * next() on plain numbers, without an object: the stability after a review
   * rated `g`, `t` days after the last one, recalled with probability `r`
   * (the forgetting curve's when not given). Only for a state `updatable` accepts.
   */
  stabilityAfter(d: number, s: number, t: number, g: Rating, r?: number): number;
  /** The difficulty after a review rated `g` (the other half of next(); it does not depend on the stability). */
  difficultyAfter(d: number, g: Rating): number;
  /** Whether the kernel applies to this state (else next() hands it to ts-fsrs). */
  updatable(d: number, s: number): boolean;
  /**
   * A review answered Good at `at` (epoch ms), the last one at `last`, from
   * a state updatable accepts: writes into `out` [0] the recall at the
   * review, [1] the stability and [2] the difficulty after it and [3] the
   * days to the next review. recall, stabilityAfter, difficultyAfter and
   * interval in one call: a plan takes tens of thousands of these steps, most
   * of them before V8 optimises anything, where each call costs.
   */
  goodReview(d: number, s: number, last: number, at: number, out: Float64Array): void;
}

/**
 * ts-fsrs's next_state for a card that has a memory state, on plain numbers,
 * with what depends only on the parameters (e^w8, the difficulty of an Easy
 * first answer, the short-term floor, the forgetting curve's decay and
 * factor) computed once: a plan over 10,000 questions runs tens of thousands
 * of updates, and these were half of their transcendental functions. The same
 * operations in the same order on the same doubles, so the same results bit
 * for bit (test/unit/memory-fast.test.ts compares it with ts-fsrs on random
 * states). roundTo(x, 8) and clamp are written out: most of a plan runs before
 * V8 optimises it, where every call costs.
 */
export function memoryKernel(algo: FSRSAlgorithm): MemoryKernel {
  const p = algo.parameters;
  const w = [...p.w];
  const shortTerm = p.enable_short_term;
  const expW8 = Math.exp(w[8]!);
  // init_difficulty(Easy): w4 − e^((4 − 1)·w5) + 1, rounded as ts-fsrs rounds it.
  const easyInit = roundTo(w[4]! - Math.exp((4 - 1) * w[5]!) + 1, 8);
  const failFloor = Math.exp((shortTerm ? w[17]! : 0) * (shortTerm ? w[18]! : 0));
  // ts-fsrs's forgetting_curve recomputes these on every call.
  const { decay, factor } = computeDecayFactor(w);
  const [w6, w7, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19] = [w[6]!, w[7]!, w[9]!, w[10]!, w[11]!, w[12]!, w[13]!, w[14]!, w[15]!, w[16]!, w[17]!, w[18]!, w[19]!];
  const R8 = 10 ** 8;
  // ts-fsrs's forgetting curve, R = (1 + FACTOR·t/S)^DECAY rounded as ts-fsrs rounds it, with DECAY
  // and FACTOR computed once: ts-fsrs recomputes them (an exp and a log) on every call, and a plan
  // over 10,000 questions asks tens of thousands of times. test/unit/exam-plan.test.ts checks it
  // against ts-fsrs's get_retrievability.
  const curve = (t: number, s: number): number => Math.round(Math.pow(1 + (factor * t) / s, decay) * R8) / R8;
  // next_interval without fuzz: the desired retention's interval, at least a day, at most the maximum.
  const modifier = roundTo((Math.pow(p.request_retention, 1 / decay) - 1) / factor, 8);
  const maxInterval = p.maximum_interval;
  const fuzz = p.enable_fuzz;
  const stabilityAfter: MemoryKernel['stabilityAfter'] = (d, s, t, g, r) => {
    const R = typeof r === 'number' ? r : curve(t, s);
    if (t === 0 && shortTerm) {
      const sinc = Math.pow(s, -w19) * Math.exp(w17 * (g - 3 + w18));
      const masked = g >= 2 ? Math.max(sinc, 1) : sinc;
      return Math.round(Math.min(Math.max(s * masked, S_MIN), 36500) * R8) / R8;
    }
    if (g === 1) {
      const afterFail = Math.round(Math.min(Math.max(w11 * Math.pow(d, -w12) * (Math.pow(s + 1, w13) - 1) * Math.exp((1 - R) * w14), S_MIN), 36500) * R8) / R8;
      return Math.min(Math.max(Math.round((s / failFloor) * R8) / R8, S_MIN), afterFail);
    }
    const hard = g === 2 ? w15 : 1;
    const easy = g === 4 ? w16 : 1;
    return Math.round(Math.min(Math.max(s * (1 + expW8 * (11 - d) * Math.pow(s, -w9) * (Math.exp((1 - R) * w10) - 1) * hard * easy), S_MIN), 36500) * R8) / R8;
  };
  // next_difficulty: linear damping, then mean reversion toward the Easy start.
  const difficultyAfter: MemoryKernel['difficultyAfter'] = (d, g) => {
    const nextD = d + Math.round(((-w6 * (g - 3)) * (10 - d)) / 9 * R8) / R8;
    return Math.min(Math.max(Math.round((w7 * easyInit + (1 - w7) * nextD) * R8) / R8, 1), 10);
  };
  return {
    curve,
    stabilityAfter,
    difficultyAfter,
    goodReview: (d, s, last, at, out) => {
      const t = elapsedDays(last, at);
      const R = curve(t, s);
      const next = stabilityAfter(d, s, t, 3, R);
      out[0] = R;
      out[1] = next;
      out[2] = difficultyAfter(d, 3);
      out[3] = fuzz ? algo.next_interval(next, 0) : Math.min(Math.max(1, Math.round(next * modifier)), maxInterval);
    },
    updatable: (d, s) => !((d === 0 && s === 0) || d < 1 || s < S_MIN),
  };
}

/** ts-fsrs's next_state: the kernel for a card that has a valid memory state, ts-fsrs itself for anything else (a first answer, an invalid state). */
export function nextState(algo: FSRSAlgorithm, kernel: MemoryKernel = memoryKernel(algo)): MemoryModel['next'] {
  return (m, t, g, r): FSRSState => {
    if (!m || t < 0 || g < 1 || g > 4 || !kernel.updatable(m.difficulty, m.stability)) return algo.next_state(m, t, g, r);
    return { difficulty: kernel.difficultyAfter(m.difficulty, g), stability: kernel.stabilityAfter(m.difficulty, m.stability, t, g, r) };
  };
}

/** The model for these settings (fuzz is off: a prediction is the expected schedule). */
export function memoryModel(o: ScheduleOptions): MemoryModel {
  const plain = { ...o, fuzz: false };
  const algo = new FixedParameters(fsrsParams(plain));
  const w = [...algo.parameters.w];
  const scheduler = makeFsrs(plain);
  const kernel = memoryKernel(algo);
  return {
    w,
    recall: (t, s) => (s > 0 ? kernel.curve(t, s) : 0),
    next: nextState(algo, kernel),
    ...kernel,
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
