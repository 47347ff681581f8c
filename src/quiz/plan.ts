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
import { capDue, examSlot, newPace, type ExamDate } from './exam-date';
import { elapsedDays, recallAt, type Memory, type MemoryModel } from './memory';
import type { MemoryRow } from './store/store';

const DAY_MS = 86_400_000;

export interface PlanCard {
  id: string;
  /** The notes section (its id) the question belongs to. */
  section: string;
  /** The card's memory as stored; undefined when never reviewed. */
  memory?: Pick<MemoryRow, 'stability' | 'difficulty' | 'last_review' | 'due'>;
  /** Suspended: counted at its predicted recall, never planned. */
  held: boolean;
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

/**
 * Follows one card from its state to the exam, adding its reviews to
 * `counts`: each review on the day it falls due (an overdue one today),
 * answered Good, the next due date capped for the exam as the scheduler caps
 * it; reviews after the last plan day (`end`) are not planned. Returns the
 * expected recall at the exam: the last review is recalled with the chance
 * FSRS gives it, and when it is not, the card is relearnt the next day.
 */
function walk(model: MemoryModel, id: string, from: PlanCard['memory'] & object, starts: readonly number[], end: number, exam: ExamDate, counts: number[]): number {
  let memory: Memory = { stability: from.stability, difficulty: from.difficulty };
  let last = from.last_review;
  let due = from.due;
  const slot = examSlot(id, exam);
  // The memory before the last review, its gap and its chance of recall (for the lapse branch).
  let prior: Memory | undefined;
  let gap = 0;
  let chance = 1;
  for (let guard = 0; guard < 1000 && due < end; guard++) {
    const d = dayIndex(starts, due);
    const at = Math.max(due, starts[d]!);
    gap = elapsedDays(last, at);
    prior = memory;
    chance = model.recall(gap, memory.stability);
    memory = model.next(memory, gap, 3, chance);
    counts[d]! += 1;
    last = at;
    due = capDue(id, at + model.interval(memory.stability) * DAY_MS, at, exam, slot);
  }
  const recalled = model.recall(elapsedDays(last, exam.at), memory.stability);
  if (!prior) return recalled;
  const lapsed = model.next(prior, gap, 1, chance);
  const again = last + DAY_MS < exam.at;
  const relearnt = again ? model.next(lapsed, 1, 3) : lapsed;
  const forgot = model.recall(elapsedDays(again ? last + DAY_MS : last, exam.at), relearnt.stability);
  return chance * recalled + (1 - chance) * forgot;
}

/** Builds the plan. Pure: the model and every time come in. */
export function examPlan(cards: readonly PlanCard[], model: MemoryModel, o: PlanSettings): ExamPlan {
  const days = planDays(o.today, o.exam);
  const starts = days.map((d) => dayStart(d, o.exam.dayStartHour).getTime());
  starts[0] = Math.max(starts[0]!, o.now);
  // Reviews are planned up to the exam day's start (or the exam itself when it is today).
  const end = o.today === o.exam.day ? o.exam.at : dayStart(o.exam.day, o.exam.dayStartHour).getTime();
  const reviews = new Array<number>(days.length).fill(0);
  const now = cards.map((c) => (c.memory ? recallAt(model, c.memory, o.exam.at) : 0));
  const planned = [...now];
  const unseen: number[] = [];
  cards.forEach((c, i) => {
    if (c.held) return;
    if (!c.memory) {
      unseen.push(i);
      return;
    }
    planned[i] = walk(model, c.id, c.memory, starts, end, o.exam, reviews);
  });

  // New questions: each day's batch follows one path (learnt at the start of its day).
  const batch = days.map((_, d) => {
    const learned = model.learn(starts[d]!);
    const counts = new Array<number>(days.length).fill(0);
    const recall = walk(model, `new|${days[d]}`, { ...learned.state, last_review: learned.state.last_review ?? starts[d]! }, starts, end, o.exam, counts);
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

  const bySection = new Map<string, number[]>();
  cards.forEach((c, i) => {
    const list = bySection.get(c.section);
    if (list) list.push(i);
    else bySection.set(c.section, [i]);
  });
  const mean = (xs: number[], of: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, i) => a + of[i]!, 0) / xs.length);
  const sections = [...bySection].map(([section, idx]): SectionPlan => ({
    section,
    questions: idx.length,
    seen: idx.filter((i) => cards[i]!.memory !== undefined).length,
    expected_recall: mean(idx, now),
    planned_recall: mean(idx, planned),
  }));
  sections.sort((a, b) => a.expected_recall - b.expected_recall || a.section.localeCompare(b.section));
  const all = cards.map((_, i) => i);
  const m = minutes(plan.fresh, plan.load);
  const pace = newPace(unseen.length, o.today, o.exam, o.newPerDay);
  return {
    questions: cards.length,
    seen: cards.filter((c) => c.memory !== undefined).length,
    expected_recall: mean(all, now),
    planned_recall: mean(all, planned),
    sections,
    days: days.map((day, d) => ({ day, new: plan.fresh[d]!, reviews: plan.load[d]!, minutes: m[d]! })),
    left_unseen: unseen.length - plan.fresh.reduce((a, b) => a + b, 0),
    hours_needed: Math.max(0, ...minutes(free.fresh, free.load)) / 60,
    deadline: pace?.deadline ?? o.exam.day,
  };
}
