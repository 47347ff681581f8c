/**
 * Which desired retention suits the student's workload: a seeded Monte Carlo
 * simulation of studying the bank with FSRS (the memory model of memory.ts,
 * with the student's parameters), at each candidate retention, with the
 * student's own answer times and rating habits from the log. The retention
 * recommended is the one that costs the least study time per question
 * remembered at the end (the exam, or a year from now), as Anki's "compute
 * minimum recommended retention" does.
 */
import { seededRng, type Rng } from '../core/random';
import type { Memory, MemoryModel } from './memory';
import type { Rating } from './schedule';
import type { LogRow } from './store/store';

export interface Habits {
  /** Seconds: a new question's first day, a review recalled, a review forgotten (with its relearning). */
  seconds: { learn: number; pass: number; fail: number };
  /** Probabilities of the first rating 1-4 of a new question. */
  first: [number, number, number, number];
  /** Probabilities of Hard, Good, Easy when a review is recalled. */
  pass: [number, number, number];
}

/** Defaults for a log too short to tell (Anki's simulator defaults, rounded). */
export const DEFAULT_HABITS: Habits = {
  seconds: { learn: 90, pass: 30, fail: 60 },
  first: [0.2, 0.1, 0.6, 0.1],
  pass: [0.1, 0.8, 0.1],
};

const CAP_MS = 300_000;

/** The student's habits from the log (the defaults for what it has too few answers on). */
export function habitsOf(rows: readonly LogRow[]): Habits {
  const first = [0, 0, 0, 0];
  const pass = [0, 0, 0];
  let learnMs = 0;
  let passMs = 0;
  let passN = 0;
  let failMs = 0;
  let failN = 0;
  for (const r of rows) {
    if (r.undone) continue;
    const ms = Math.min(r.elapsed_ms, CAP_MS);
    if (r.state_before === 0) first[r.rating - 1]! += 1;
    if (r.state_before <= 1) learnMs += ms;
    else if (r.rating === 1) {
      failMs += ms;
      failN += 1;
    } else {
      passMs += ms;
      passN += 1;
      pass[r.rating - 2]! += 1;
    }
  }
  const fresh = first.reduce((a, b) => a + b, 0);
  const norm = <T extends number[]>(xs: T, n: number, dflt: T): T => (n >= 20 ? (xs.map((x) => x / n) as T) : dflt);
  const d = DEFAULT_HABITS;
  return {
    seconds: {
      learn: fresh >= 20 ? learnMs / fresh / 1000 : d.seconds.learn,
      pass: passN >= 20 ? passMs / passN / 1000 : d.seconds.pass,
      // A lapse also costs its relearning step: counted as two answers.
      fail: failN >= 20 ? (2 * failMs) / failN / 1000 : d.seconds.fail,
    },
    first: norm(first as [number, number, number, number], fresh, d.first),
    pass: norm(pass as [number, number, number], passN, d.pass),
  };
}

export interface Workload {
  retention: number;
  /** Average study minutes a day. */
  minutes_per_day: number;
  /** Questions remembered at the end (sum of predicted recall). */
  remembered: number;
  /** Study seconds per question remembered (lower is better). */
  seconds_per_remembered: number;
}

export interface SimulationInput {
  /** Questions in the bank. */
  questions: number;
  /** Days simulated (to the exam, or 365). */
  days: number;
  newPerDay: number;
  habits: Habits;
  /** At most this many questions are simulated and the results scaled (speed). */
  sample?: number;
  seed?: number;
}

function pick(rng: Rng, probs: readonly number[]): number {
  let x = rng.next();
  for (let i = 0; i < probs.length; i++) {
    x -= probs[i]!;
    if (x < 0) return i;
  }
  return probs.length - 1;
}

/**
 * Studies the bank for `days` at desired retention `retention`: each question
 * introduced in turn, reviewed when due, recalled with the probability the
 * forgetting curve gives, rated as the student rates.
 */
export function simulate(model: (retention: number) => MemoryModel, retention: number, s: SimulationInput): Workload {
  const m = model(retention);
  const n = Math.min(s.questions, s.sample ?? 400);
  const scale = s.questions / Math.max(1, n);
  const rng = seededRng(s.seed ?? 1);
  let seconds = 0;
  let remembered = 0;
  for (let i = 0; i < n; i++) {
    // Spread the sample over the introduction order of the whole bank.
    const day = Math.floor((i * scale) / Math.max(1, s.newPerDay));
    if (day >= s.days) continue;
    let memory: Memory = m.next(null, 0, (pick(rng, s.habits.first) + 1) as Rating);
    seconds += s.habits.seconds.learn;
    let last = day;
    let due = day + m.interval(memory.stability);
    while (due < s.days) {
      const t = due - last;
      if (rng.next() < m.recall(t, memory.stability)) {
        memory = m.next(memory, t, (pick(rng, s.habits.pass) + 2) as Rating);
        seconds += s.habits.seconds.pass;
        last = due;
        due += m.interval(memory.stability);
      } else {
        memory = m.next(memory, t, 1);
        seconds += s.habits.seconds.fail;
        last = due;
        due += 1;
      }
    }
    remembered += m.recall(s.days - last, memory.stability);
  }
  const total = seconds * scale;
  const kept = remembered * scale;
  return {
    retention,
    minutes_per_day: total / 60 / s.days,
    remembered: kept,
    seconds_per_remembered: kept > 0 ? total / kept : Number.POSITIVE_INFINITY,
  };
}

/** Candidate desired retentions: 0.70 to 0.95 (the config allows 0.7-0.99). */
export const RETENTIONS: readonly number[] = Array.from({ length: 26 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100);

/** The retention with the least study time per question remembered, and every candidate's workload. */
export function recommendRetention(model: (retention: number) => MemoryModel, s: SimulationInput): { retention: number; table: Workload[] } {
  const table = RETENTIONS.map((r) => simulate(model, r, s));
  const best = table.reduce((a, b) => (b.seconds_per_remembered < a.seconds_per_remembered ? b : a));
  return { retention: best.retention, table };
}
