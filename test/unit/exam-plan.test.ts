/**
 * Studying toward an exam: the review window and the interval cap, the pace
 * of new questions, the cram order, predicted recall against ts-fsrs's own
 * forgetting curve, and the day-by-day plan.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEmptyCard, default_w, fsrs, generatorParameters, type Card } from 'ts-fsrs';
import { addDays, dayStart } from '../../src/quiz/clock';
import { capDue, capForExam, cramOrder, EXAM_REVIEW_DAYS, examDate, examSlot, newPace, type ExamDate } from '../../src/quiz/exam-date';
import { elapsedDays, memoryModel, recallAt, type Memory, type MemoryModel } from '../../src/quiz/memory';
import { examPlan, planCards, planDays, type PlanCard } from '../../src/quiz/plan';
import { makeFsrs, newCardState, scheduleWith, type CardState } from '../../src/quiz/schedule';

const H = 4;
const EXAM = examDate(new Date(2027, 0, 15, 9, 0), H);
const DAY = 86_400_000;
const OPTS = { retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 };
const review = (due: number, last: number): CardState => ({ ...newCardState(new Date(last)), state: 2, due, last_review: last, reps: 3, stability: 40, difficulty: 5 });

describe('the exam date', () => {
  it('has a review window of the 3 study days before the exam day', () => {
    expect(EXAM.day).toBe('2027-01-15');
    expect(EXAM.windowDay).toBe('2027-01-12');
    expect(EXAM_REVIEW_DAYS).toBe(3);
    expect(EXAM.windowStarts).toEqual(['2027-01-12', '2027-01-13', '2027-01-14'].map((d) => dayStart(d, H).getTime()));
    // An exam at 3 a.m. belongs to the study day before (the day starts at 4).
    expect(examDate(new Date(2027, 0, 15, 3, 0), H).day).toBe('2027-01-14');
  });

  it('brings a review due after the exam into the window, on the day the question id picks', () => {
    const now = new Date(2027, 0, 1, 10).getTime();
    const after = review(EXAM.at + 20 * DAY, now);
    const capped = capForExam('cnn.a', after, now, EXAM);
    expect(capped.due).toBe(examSlot('cnn.a', EXAM));
    expect(EXAM.windowStarts).toContain(capped.due);
    expect(capped.scheduled_days).toBe(Math.round((capped.due - now) / DAY));
    // Every other field is FSRS's.
    expect({ ...capped, due: 0, scheduled_days: 0 }).toEqual({ ...after, due: 0, scheduled_days: 0 });
  });

  it('leaves alone what is due before the exam, what is reviewed in the window and everything after the exam', () => {
    const early = new Date(2027, 0, 1, 10).getTime();
    const due = review(EXAM.at - 4 * DAY, early);
    expect(capForExam('q', due, early, EXAM)).toBe(due);
    const inWindow = EXAM.windowStart + 3_600_000;
    const late = review(EXAM.at + 30 * DAY, inWindow);
    expect(capForExam('q', late, inWindow, EXAM)).toBe(late);
    const afterExam = EXAM.at + DAY;
    const next = review(afterExam + 30 * DAY, afterExam);
    expect(capForExam('q', next, afterExam, EXAM)).toBe(next);
  });

  it('spreads the window evenly over its days by question id', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) counts.set(examSlot(`q${i}`, EXAM), (counts.get(examSlot(`q${i}`, EXAM)) ?? 0) + 1);
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });

  it('caps through the scheduler: a card reviewed before the window is due again in it', () => {
    const f = makeFsrs({ ...OPTS, exam: EXAM });
    const plain = makeFsrs(OPTS);
    let s = newCardState(new Date(2026, 11, 1, 9));
    let t = new Date(2026, 11, 1, 9);
    for (let i = 0; i < 6 && t.getTime() < EXAM.windowStart; i++) {
      const free = scheduleWith(plain, 'cnn.a', s, t, 3).after;
      s = scheduleWith(f, 'cnn.a', s, t, 3).after;
      if (free.due < EXAM.at) expect(s.due).toBe(free.due);
      else expect(EXAM.windowStarts).toContain(s.due);
      t = new Date(Math.max(s.due, t.getTime() + 60_000));
    }
    expect(s.due).toBeLessThan(EXAM.at);
  });
});

describe('newPace: new questions a day to see everything in time', () => {
  it.each([
    // unseen, today, configured -> perDay, deadline, days, raised
    [100, '2027-01-01', 20, 20, '2027-01-11', 11, false],
    [100, '2027-01-01', 5, 10, '2027-01-11', 11, true],
    [400, '2027-01-01', 20, 37, '2027-01-11', 11, true],
    [10, '2027-01-11', 5, 10, '2027-01-11', 1, true],
    // In the window: everything by the exam day.
    [30, '2027-01-13', 0, 10, '2027-01-15', 3, true],
    [0, '2027-01-01', 20, 20, '2027-01-11', 11, false],
  ])('%i unseen on %s (limit %i)', (unseen, today, configured, perDay, deadline, days, raised) => {
    expect(newPace(unseen, today, EXAM, configured)).toEqual({ perDay, deadline, days, raised });
  });

  it('is null after the exam', () => {
    expect(newPace(10, '2027-01-16', EXAM, 20)).toBeNull();
  });
});

describe('cramOrder', () => {
  it('asks the lowest predicted recall first, never-seen ones as 0, bank order among equals, suspended left out', () => {
    const order = cramOrder([
      { id: 'a', recall: 0.9, reps: 3, held: false },
      { id: 'b', recall: null, reps: 0, held: false },
      { id: 'c', recall: 0.2, reps: 5, held: false },
      { id: 'd', recall: 0.1, reps: 2, held: true },
      { id: 'e', recall: 0, reps: 1, held: false },
      { id: 'f', recall: null, reps: 0, held: false },
    ]);
    expect(order.map((i) => [i.id, i.kind, i.reps])).toEqual([
      ['b', 'new', 0], ['e', 'review', 1], ['f', 'new', 0], ['c', 'review', 5], ['a', 'review', 3],
    ]);
  });
});

describe('predicted recall', () => {
  it('is ts-fsrs\'s get_retrievability for the card at the exam time', () => {
    const w = [...default_w];
    w[20] = 0.3;
    for (const weights of [undefined, w]) {
      const model = memoryModel({ ...OPTS, ...(weights ? { w: weights } : {}) });
      const ref = fsrs(generatorParameters({ enable_fuzz: false, ...(weights ? { w: weights } : {}) }));
      for (const [stability, daysAgo, at] of [[1, 0, 0.5], [3.2, 2, 10.25], [40, 30, 44.9], [250, 100, 10], [0.5, 1, 100]] as const) {
        const last = EXAM.at - (daysAgo + at) * DAY;
        const card: Card = { ...createEmptyCard(new Date(last)), state: 2, stability, difficulty: 5, reps: 4, last_review: new Date(last) };
        const expected = ref.get_retrievability(card, new Date(EXAM.at), false);
        expect(recallAt(model, { stability, last_review: last }, EXAM.at)).toBeCloseTo(expected, 10);
      }
    }
  });
});

function cards(seen: number, unseen: number, now: number): PlanCard[] {
  const out: PlanCard[] = [];
  for (let i = 0; i < seen; i++) {
    out.push({ id: `s${i}`, section: `sec${i % 3}`, held: false, memory: { stability: 2 + (i % 17) * 3, difficulty: 3 + (i % 5), last_review: now - (i % 9) * DAY, due: now + ((i % 11) - 2) * DAY } });
  }
  for (let i = 0; i < unseen; i++) out.push({ id: `n${i}`, section: `sec${i % 4}`, held: false });
  return out;
}

describe('examPlan', () => {
  const now = new Date(2026, 11, 10, 10).getTime();
  const base = { now, today: '2026-12-10', exam: EXAM, costs: { review: 30, fresh: 90 }, newPerDay: 10 };
  const model = memoryModel({ ...OPTS, exam: EXAM });

  it('plans every day up to the exam day, and every unseen question before the window', () => {
    const p = examPlan(planCards(cards(40, 120, now)), model, { ...base, hoursPerDay: Number.POSITIVE_INFINITY });
    expect(p.days.map((d) => d.day)).toEqual(planDays('2026-12-10', EXAM));
    expect(p.days).toHaveLength(36);
    expect(p.days.reduce((a, d) => a + d.new, 0)).toBe(120);
    expect(p.left_unseen).toBe(0);
    expect(p.deadline).toBe('2027-01-11');
    for (const d of p.days) if (d.day > '2027-01-11') expect(d.new).toBe(0);
    expect(p.questions).toBe(160);
    expect(p.seen).toBe(40);
    // Every question is reviewed in the window: the window days carry at least all the cards once.
    const windowReviews = p.days.filter((d) => d.day >= '2027-01-12').reduce((a, d) => a + d.reviews, 0);
    expect(windowReviews).toBeGreaterThanOrEqual(160);
    expect(p.planned_recall).toBeGreaterThan(p.expected_recall);
    expect(p.sections.map((s) => s.questions).reduce((a, b) => a + b, 0)).toBe(160);
    const sorted = [...p.sections].sort((a, b) => a.expected_recall - b.expected_recall);
    expect(p.sections.map((s) => s.section)).toEqual(sorted.map((s) => s.section));
  });

  it('counts never-seen questions 0 now and suspended ones at their recall, never planned', () => {
    const list = cards(2, 2, now);
    list[0] = { ...list[0]!, held: true };
    const p = examPlan(planCards(list), model, { ...base, hoursPerDay: 2 });
    const r0 = recallAt(model, list[0]!.memory!, EXAM.at);
    const r1 = recallAt(model, list[1]!.memory!, EXAM.at);
    expect(p.expected_recall).toBeCloseTo((r0 + r1) / 4, 10);
  });

  it('keeps new questions within the hours a day and says what does not fit', () => {
    const p = examPlan(planCards(cards(0, 600, now)), model, { ...base, hoursPerDay: 0.5 });
    for (const d of p.days) expect(d.new * 90).toBeLessThanOrEqual(0.5 * 3600);
    expect(p.left_unseen).toBeGreaterThan(0);
    expect(p.days.reduce((a, d) => a + d.new, 0) + p.left_unseen).toBe(600);
    expect(p.hours_needed).toBeGreaterThan(0.5);
  });

  it('property: new questions planned + left unseen = unseen in scope; never more new than the time allows', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.1, max: 6, noNaN: true }),
      (seen, unseen, daysToExam, hours) => {
        const exam = examDate(new Date(now + daysToExam * DAY + 3_600_000), H);
        const p = examPlan(planCards(cards(seen, unseen, now)), memoryModel({ ...OPTS, exam }), { ...base, exam, hoursPerDay: hours });
        expect(p.days.reduce((a, d) => a + d.new, 0) + p.left_unseen).toBe(unseen);
        for (const d of p.days) {
          expect(d.new).toBeGreaterThanOrEqual(0);
          // New questions only fill the time the reviews leave.
          if (d.new > 0) expect(d.minutes).toBeLessThanOrEqual(Math.max(hours * 60, d.reviews * 0.5) + 1e-9);
        }
        expect(p.planned_recall).toBeGreaterThanOrEqual(p.expected_recall - 1e-9);
      },
    ), { numRuns: 40 });
  });

  it('property: each known card follows the same path as a walk through model.next, one object a step (the oracle)', () => {
    // The plan walks cards on plain numbers (model.stabilityAfter/difficultyAfter, a day index that only moves
    // forward, the exam slot only when a review is capped); this is the walk written the obvious way.
    const oracle = (m: MemoryModel, id: string, from: Memory & { last_review: number; due: number }, starts: number[], end: number, exam: ExamDate, counts: number[]): number => {
      let memory: Memory = { stability: from.stability, difficulty: from.difficulty };
      let last = from.last_review;
      let due = from.due;
      let prior: Memory | undefined;
      let gap = 0;
      let chance = 1;
      for (let guard = 0; guard < 1000 && due < end; guard++) {
        let d = 0;
        for (let j = 0; j < starts.length; j++) if (starts[j]! <= due) d = j;
        const at = Math.max(due, starts[d]!);
        gap = elapsedDays(last, at);
        prior = memory;
        chance = m.recall(gap, memory.stability);
        memory = m.next(memory, gap, 3, chance);
        counts[d]! += 1;
        last = at;
        due = capDue(id, at + m.interval(memory.stability) * DAY, at, exam, examSlot(id, exam));
      }
      const recalled = m.recall(elapsedDays(last, exam.at), memory.stability);
      if (!prior) return recalled;
      const lapsed = m.next(prior, gap, 1, chance);
      const again = last + DAY < exam.at;
      const relearnt = again ? m.next(lapsed, 1, 3) : lapsed;
      return chance * recalled + (1 - chance) * m.recall(elapsedDays(again ? last + DAY : last, exam.at), relearnt.stability);
    };
    const card = fc.record({
      stability: fc.oneof(fc.double({ min: 0.01, max: 400, noNaN: true }), fc.constantFrom(0.01, 1, 36500)),
      difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
      lastAgo: fc.integer({ min: 0, max: 200 }),
      dueIn: fc.integer({ min: -30, max: 80 }),
      hour: fc.integer({ min: 0, max: 23 }),
    });
    fc.assert(fc.property(fc.array(card, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 70 }), (list, daysToExam) => {
      const exam = examDate(new Date(now + daysToExam * DAY + 3_600_000), H);
      const m = memoryModel({ ...OPTS, exam });
      const input: PlanCard[] = list.map((c, i) => ({
        id: `k${i}`, section: `k${i}`, held: false,
        memory: { stability: c.stability, difficulty: c.difficulty, last_review: now - c.lastAgo * DAY - c.hour * 3_600_000, due: now + c.dueIn * DAY + c.hour * 3_600_000 },
      }));
      const p = examPlan(planCards(input), m, { ...base, exam, hoursPerDay: Number.POSITIVE_INFINITY });
      const days = planDays(base.today, exam);
      const starts = days.map((d) => dayStart(d, H).getTime());
      starts[0] = Math.max(starts[0]!, now);
      const end = base.today === exam.day ? exam.at : dayStart(exam.day, H).getTime();
      const counts = new Array<number>(days.length).fill(0);
      for (const c of input) {
        const expected = oracle(m, c.id, c.memory!, starts, end, exam, counts);
        expect(p.sections.find((s) => s.section === c.id)!.planned_recall).toBe(expected);
      }
      expect(p.days.map((d) => d.reviews)).toEqual(counts);
    }), { numRuns: 200 });
  });

  it('plans nothing new on the day of the exam itself when it is today', () => {
    const exam = examDate(new Date(2026, 11, 10, 18), H);
    expect(planDays('2026-12-10', exam)).toEqual(['2026-12-10']);
    expect(addDays('2026-12-10', 0)).toBe('2026-12-10');
  });
});

describe('config set exam: what is already scheduled', () => {
  it('brings cards due after the exam into the window, and nothing else', async () => {
    const { Store } = await import('../../src/quiz/store/store');
    const { tempHome } = await import('../helpers/quiz');
    const { capDue } = await import('../../src/quiz/exam-date');
    const s = Store.open(tempHome(), { now: new Date(2027, 0, 1) });
    const put = (id: string, due: number, last: number) => s.db.prepare(`INSERT INTO cards (id, state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, learning_steps, last_review) VALUES (?, 2, ?, 30, 5, 0, 30, 3, 0, 0, ?)`).run(id, due, last);
    const early = new Date(2027, 0, 1, 9).getTime();
    put('far', EXAM.at + 30 * DAY, early);
    put('near', EXAM.at - 5 * DAY, early);
    put('window', EXAM.at + 30 * DAY, EXAM.windowStart + 3_600_000);
    expect(s.capDueDates((id, due, last) => capDue(id, due, last, EXAM))).toBe(1);
    const due = (id: string) => s.card(id)!.due;
    expect(due('far')).toBe(examSlot('far', EXAM));
    expect(s.card('far')!.scheduled_days).toBe(Math.round((examSlot('far', EXAM) - early) / DAY));
    expect(due('near')).toBe(EXAM.at - 5 * DAY);
    expect(due('window')).toBe(EXAM.at + 30 * DAY);
    s.close();
  });
});
