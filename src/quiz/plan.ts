/**
 * Planning for the exam, as plain data (dlnotes plan):
 *
 * - the predicted recall of every question at the exam time if nothing more
 *   is studied (FSRS's forgetting curve from each card's stability and last
 *   review; a question never seen counts 0), averaged per notes section;
 * - a day-by-day plan to the exam: the reviews that fall due (each answered
 *   as FSRS expects, at the desired retention, with the exam cap of
 *   exam-date.ts), and as many new questions a day as see everything in time
 *   (newPace) within the hours a day given; the expected recall at the exam
 *   if the plan is kept.
 *
 * New questions introduced on the same day follow the same path, so each
 * day's batch is simulated once; known cards are simulated one by one.
 */
import { addDays, dayStart, daysBetween, type DayKey } from './clock';
import { capDue, newPace, type ExamDate } from './exam-date';
import { elapsedDays, type MemoryModel } from './memory';
import type { MemoryRow } from './store/store';

const DAY_MS = 86_400_000;

/** One question in scope, as a test or a small caller describes it (planCards turns a list into PlanCards). */
export interface PlanCard {
  id: string;
  /** The notes section (its id) the question belongs to. */
  section: string;
  /** The card's memory as stored; undefined when never reviewed. */
  memory?: Pick<MemoryRow, 'stability' | 'difficulty' | 'last_review' | 'due'>;
  /** Suspended: counted at its predicted recall, never planned. */
  held: boolean;
}

/**
 * The questions in scope in columns (index i = the i-th question, in bank
 * order): 10,000 questions are a few arrays of numbers instead of 20,000
 * small objects for the garbage collector to copy while the plan runs.
 */
export interface PlanCards {
  id: readonly string[];
  section: readonly string[];
  /** 1: suspended (counted at its predicted recall, never planned). */
  held: Uint8Array;
  /** 1: reviewed (the memory columns hold its state); 0: never seen. */
  seen: Uint8Array;
  stability: Float64Array;
  difficulty: Float64Array;
  /** Epoch ms of the last review. */
  lastReview: Float64Array;
  due: Float64Array;
}

/** Empty columns for n questions (ids and sections to fill in). */
export function planColumns(n: number): PlanCards & { id: string[]; section: string[] } {
  return {
    id: new Array<string>(n), section: new Array<string>(n), held: new Uint8Array(n), seen: new Uint8Array(n),
    stability: new Float64Array(n), difficulty: new Float64Array(n), lastReview: new Float64Array(n), due: new Float64Array(n),
  };
}

/** A list of questions as PlanCards. */
export function planCards(list: readonly PlanCard[]): PlanCards {
  const c = planColumns(list.length);
  list.forEach((q, i) => {
    c.id[i] = q.id;
    c.section[i] = q.section;
    c.held[i] = q.held ? 1 : 0;
    if (!q.memory) return;
    c.seen[i] = 1;
    c.stability[i] = q.memory.stability;
    c.difficulty[i] = q.memory.difficulty;
    c.lastReview[i] = q.memory.last_review;
    c.due[i] = q.memory.due;
  });
  return c;
}

export interface PlanSettings {
  now: number;
  today: DayKey;
  exam: ExamDate;
  /** Study time a day, in hours (Infinity: no limit). */
  hoursPerDay: number;
  /** Seconds per review, and for a new question's whole first day. */
  costs: { review: number; fresh: number };
  /** The configured new questions a day (newPace raises it when needed). */
  newPerDay: number;
}

export interface PlanDay {
  day: DayKey;
  new: number;
  reviews: number;
  minutes: number;
}

export interface SectionPlan {
  section: string;
  questions: number;
  seen: number;
  /** Mean predicted recall at the exam if nothing more is studied. */
  expected_recall: number;
  /** Mean expected recall at the exam if the plan is kept. */
  planned_recall: number;
}

export interface ExamPlan {
  questions: number;
  seen: number;
  expected_recall: number;
  planned_recall: number;
  sections: SectionPlan[];
  days: PlanDay[];
  /** New questions the plan cannot fit before the exam within the hours given. */
  left_unseen: number;
  /** Hours a day the busiest day needs when every question is seen in time (no hour limit). */
  hours_needed: number;
  /** The last day new questions are introduced. */
  deadline: DayKey;
}

/** The study days planned: today up to the day before the exam day (the exam day itself when it is today). */
export function planDays(today: DayKey, exam: ExamDate): DayKey[] {
  const n = Math.max(1, daysBetween(today, exam.day));
  return Array.from({ length: n }, (_, i) => addDays(today, i));
}

/** The plan day a time falls on: the last day starting at or before it (0 for anything earlier). */
function dayIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** goodReview's results, reused by every step of every walk. */
const STEP = new Float64Array(4);

/**
 * Follows one card from its state to the exam, adding its reviews to
 * `counts`: each review on the day it falls due (an overdue one today),
 * answered Good, the next due date capped for the exam as the scheduler caps
 * it; reviews after the last plan day (`end`) are not planned. Returns the
 * expected recall at the exam: the last review is recalled with the chance
 * FSRS gives it, and when it is not, the card is relearnt the next day.
 *
 * On plain numbers, a step one call of the model (goodReview): a plan over
 * 10,000 questions takes tens of thousands of steps, most of them before V8
 * optimises this function, where an object or a call a step adds up.
 * test/unit/exam-plan.test.ts checks it against the same walk through
 * model.next.
 */
function walk(model: MemoryModel, id: string, d: number, s: number, last: number, due: number, starts: readonly number[], end: number, exam: ExamDate, counts: number[]): number {
  // The memory before the last review, its gap and its chance of recall (for the lapse branch).
  let pd = 0;
  let ps = 0;
  let reviewed = false;
  let prev = last;
  let chance = 1;
  // Due dates only move forward: the day index is found once, then advanced.
  let day = due < end ? dayIndex(starts, due) : 0;
  const out = STEP;
  // A state FSRS made is one the kernel accepts (difficulty within 1..10, stability at least S_MIN): checked once.
  let kernel = model.updatable(d, s);
  for (let guard = 0; guard < 1000 && due < end; guard++) {
    while (day + 1 < starts.length && starts[day + 1]! <= due) day++;
    const at = Math.max(due, starts[day]!);
    pd = d;
    ps = s;
    prev = last;
    reviewed = true;
    let interval: number;
    if (kernel) {
      model.goodReview(d, s, last, at, out);
      chance = out[0]!;
      s = out[1]!;
      d = out[2]!;
      interval = out[3]!;
    } else {
      chance = model.recall(elapsedDays(last, at), s);
      const m = model.next({ difficulty: d, stability: s }, elapsedDays(last, at), 3, chance);
      d = m.difficulty;
      s = m.stability;
      interval = model.interval(s);
      kernel = true;
    }
    counts[day]! += 1;
    last = at;
    due = capDue(id, at + interval * DAY_MS, at, exam);
  }
  const recalled = model.recall(elapsedDays(last, exam.at), s);
  if (!reviewed) return recalled;
  const gap = elapsedDays(prev, last);
  // Forgotten at the last review: rated Again then, and Good when relearnt the next day.
  let ls: number;
  let ld: number;
  if (model.updatable(pd, ps)) {
    ls = model.stabilityAfter(pd, ps, gap, 1, chance);
    ld = model.difficultyAfter(pd, 1);
  } else {
    const m = model.next({ difficulty: pd, stability: ps }, gap, 1, chance);
    ls = m.stability;
    ld = m.difficulty;
  }
  const again = last + DAY_MS < exam.at;
  const relearnt = again ? model.stabilityAfter(ld, ls, 1, 3) : ls;
  const forgot = model.recall(elapsedDays(again ? last + DAY_MS : last, exam.at), relearnt);
  return chance * recalled + (1 - chance) * forgot;
}

/** Builds the plan. Pure: the model and every time come in. */
export function examPlan(cards: PlanCards, model: MemoryModel, o: PlanSettings): ExamPlan {
  const days = planDays(o.today, o.exam);
  const starts = days.map((d) => dayStart(d, o.exam.dayStartHour).getTime());
  starts[0] = Math.max(starts[0]!, o.now);
  // Reviews are planned up to the exam day's start (or the exam itself when it is today).
  const end = o.today === o.exam.day ? o.exam.at : dayStart(o.exam.day, o.exam.dayStartHour).getTime();
  const reviews = new Array<number>(days.length).fill(0);
  const n = cards.id.length;
  const now = new Float64Array(n);
  const planned = new Float64Array(n);
  const unseen: number[] = [];
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (cards.seen[i] === 0) {
      if (cards.held[i] === 0) unseen.push(i);
      continue;
    }
    seen += 1;
    now[i] = model.recall(elapsedDays(cards.lastReview[i]!, o.exam.at), cards.stability[i]!);
    // A card held, or not due again before the exam, stays at its predicted recall (what walk would return).
    planned[i] = cards.held[i] === 1 || cards.due[i]! >= end ? now[i]! : walk(model, cards.id[i]!, cards.difficulty[i]!, cards.stability[i]!, cards.lastReview[i]!, cards.due[i]!, starts, end, o.exam, reviews);
  }

  // New questions: each day's batch follows one path (learnt at the start of its day).
  const batch = days.map((_, d) => {
    const learned = model.learn(starts[d]!);
    const counts = new Array<number>(days.length).fill(0);
    const st = learned.state;
    const recall = walk(model, `new|${days[d]}`, st.difficulty, st.stability, st.last_review ?? starts[d]!, st.due, starts, end, o.exam, counts);
    return { first: learned.reviews, later: counts, recall };
  });
  const allocate = (hours: number): { fresh: number[]; load: number[] } => {
    const fresh = new Array<number>(days.length).fill(0);
    const load = [...reviews];
    let left = unseen.length;
    days.forEach((day, d) => {
      if (left === 0) return;
      const pace = newPace(left, day, o.exam, o.newPerDay);
      const target = Math.min(left, pace ? pace.perDay : left);
      const room = hours * 3600 - load[d]! * o.costs.review;
      const fit = Number.isFinite(room) ? Math.max(0, Math.floor(room / o.costs.fresh)) : target;
      const n = Math.min(target, fit);
      if (n === 0) return;
      fresh[d] = n;
      left -= n;
      batch[d]!.later.forEach((k, j) => { load[j]! += k * n; });
    });
    return { fresh, load };
  };
  const plan = allocate(o.hoursPerDay);
  const free = allocate(Number.POSITIVE_INFINITY);
  const minutes = (fresh: number[], load: number[]): number[] => load.map((r, d) => (r * o.costs.review + fresh[d]! * o.costs.fresh) / 60);

  // Unseen questions are introduced in bank order, as the quiz does.
  let k = 0;
  plan.fresh.forEach((n, d) => {
    for (let j = 0; j < n; j++) planned[unseen[k++]!] = batch[d]!.recall;
  });

  // Per section and overall, in one pass: sums in question order (as a mean over the section's questions has them).
  const slot = new Map<string, number>();
  const names: string[] = [];
  const sec = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const name = cards.section[i]!;
    let k = slot.get(name);
    if (k === undefined) {
      k = names.length;
      slot.set(name, k);
      names.push(name);
    }
    sec[i] = k;
  }
  const count = new Float64Array(names.length);
  const seenIn = new Float64Array(names.length);
  const nowSum = new Float64Array(names.length);
  const plannedSum = new Float64Array(names.length);
  let nowAll = 0;
  let plannedAll = 0;
  for (let i = 0; i < n; i++) {
    const k = sec[i]!;
    count[k]! += 1;
    seenIn[k]! += cards.seen[i]!;
    nowSum[k]! += now[i]!;
    plannedSum[k]! += planned[i]!;
    nowAll += now[i]!;
    plannedAll += planned[i]!;
  }
  const sections = names.map((section, k): SectionPlan => ({
    section,
    questions: count[k]!,
    seen: seenIn[k]!,
    expected_recall: nowSum[k]! / count[k]!,
    planned_recall: plannedSum[k]! / count[k]!,
  }));
  sections.sort((a, b) => a.expected_recall - b.expected_recall || a.section.localeCompare(b.section));
  const m = minutes(plan.fresh, plan.load);
  const pace = newPace(unseen.length, o.today, o.exam, o.newPerDay);
  return {
    questions: n,
    seen,
    expected_recall: n === 0 ? 0 : nowAll / n,
    planned_recall: n === 0 ? 0 : plannedAll / n,
    sections,
    days: days.map((day, d) => ({ day, new: plan.fresh[d]!, reviews: plan.load[d]!, minutes: m[d]! })),
    left_unseen: unseen.length - plan.fresh.reduce((a, b) => a + b, 0),
    hours_needed: Math.max(0, ...minutes(free.fresh, free.load)) / 60,
    deadline: pace?.deadline ?? o.exam.day,
  };
}
