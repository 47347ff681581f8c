import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadBank } from '../../src/quiz/bank/load';
import { DEFAULT_CONFIG, type QuizConfig } from '../../src/quiz/config';
import { drawPaper } from '../../src/quiz/exam/paper';
import { ExamRunner, itemRng } from '../../src/quiz/exam/runner';
import type { PracticeIo, PracticeReply } from '../../src/quiz/practice/io';
import { prepareGenerators, present, preparePresent } from '../../src/quiz/present';

beforeAll(async () => {
  await prepareGenerators();
});
import { makeFsrs } from '../../src/quiz/schedule';
import { ExamLog } from '../../src/quiz/store/exams';
import { Store } from '../../src/quiz/store/store';
import type { Presented } from '../../src/quiz/types';
import { ROOT } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

const BANK = join(ROOT, 'test', 'fixtures', 'exam-bank');
const CONFIG: QuizConfig = { ...DEFAULT_CONFIG, fuzz: false };
const NOW = new Date('2025-03-01T10:00:00Z');
const SEED = 3;

/** One scripted reply, after `after` ms on the fake monotonic clock. */
type Step = { after?: number; reply: PracticeReply } | { after?: number; answer: (p: Presented) => string };

class ScriptIo implements PracticeIo {
  readonly mode = 'line' as const;
  readonly text: string[] = [];
  readonly asked: string[] = [];
  constructor(private readonly steps: Step[], private readonly clock: { t: number }) {}
  show(t: string): void {
    this.text.push(t);
  }
  async ask(p: Presented, signal?: AbortSignal): Promise<PracticeReply> {
    this.asked.push(p.questionId);
    const s = this.steps.shift();
    if (!s) return { kind: 'end' };
    this.clock.t += s.after ?? 1000;
    if (signal?.aborted) return { kind: 'timeout' };
    return 'reply' in s ? s.reply : { kind: 'answer', text: s.answer(p) };
  }
  close(): void {}
}

const ans = (text: string): Step => ({ reply: { kind: 'answer', text } });
const skip: Step = { reply: { kind: 'skip' } };
/** The right answer of the generated conv question: its numbers as H'xW'xK. */
const convRight: Step = { answer: (p) => p.answerText.match(/\d+/g)!.join('x') };

async function runExam(steps: Step[], minutes = 120, home = tempHome()) {
  const bank = loadBank([BANK], { cache: false });
  const deckOrder = bank.decks.map((d) => d.id);
  const paper = drawPaper({ questions: bank.questions, sections: bank.sections, deckOrder, count: 40, seed: SEED });
  const clock = { t: 0 };
  const io = new ScriptIo(steps, clock);
  const store = Store.open(home, { now: NOW });
  try {
    const r = await new ExamRunner({
      store, paper, wanted: 40, byId: bank.byId, deckOrder, lang: 'en', io, clock: () => NOW, config: CONFIG,
      scheduler: makeFsrs({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 }),
      minutes, scope: { questions: 40, lang: 'en' }, present, prepareFormula: preparePresent, mono: () => clock.t,
    }).run();
    return { r, io, reviews: store.allReviews(), exams: new ExamLog(store).list(), sessions: store.db.prepare('SELECT mode, answered, recalled FROM sessions').all() };
  } finally {
    store.close();
  }
}

// The paper over the fixture bank (every auto-graded question, in deck order):
const PAPER = ['alpha.params', 'alpha.pool', 'alpha.bn-eps', 'alpha.conv-size', 'beta.adam-lr', 'beta.sigmoid-grad', 'beta.zero-centred'];

describe('ExamRunner', () => {
  it('asks the paper in order, skipped questions at the end, scores per deck and records each answer', async () => {
    const { r, io, reviews, exams, sessions } = await runExam([
      ans('760'), ans('b'), ans('1e-5'), skip, ans('0.001'), ans('s*(1-s)'), ans('a'), convRight,
    ]);
    expect(r.paper.map((i) => i.id)).toEqual(PAPER);
    expect(io.asked).toEqual([...PAPER, 'alpha.conv-size']);
    expect(r.ended).toBe('done');
    expect(r.totals).toEqual({ questions: 7, answered: 7, correct: 5, score: 5 / 7 });
    expect(r.perDeck).toEqual([
      { deck: 'alpha', questions: 4, answered: 4, correct: 3 },
      { deck: 'beta', questions: 3, answered: 3, correct: 2 },
    ]);
    expect(r.items.map((i) => [i.id, i.correct, i.given])).toEqual([
      ['alpha.params', true, '760'], ['alpha.pool', false, 'b'], ['alpha.bn-eps', true, '1e-5'], ['alpha.conv-size', true, expect.stringMatching(/^\d+x\d+x\d+$/)],
      ['beta.adam-lr', true, '0.001'], ['beta.sigmoid-grad', true, 's*(1-s)'], ['beta.zero-centred', false, 'a'],
    ]);
    // No feedback during the exam: nothing says right or wrong before the end.
    expect(io.text.join('\n')).not.toMatch(/✓|✗|the answer is/);
    expect(io.text.join('\n')).toContain('skipped: it comes back at the end');
    expect(io.text.join('\n')).toContain('Back to the 1 skipped question.');
    // Reviews in answer order: wrong -> Again (1), right -> Good (3); the generated one with its drawn parameters.
    expect(reviews.map((x) => [x.card_id, x.rating, x.correct])).toEqual([
      ['alpha.params', 3, true], ['alpha.pool', 1, false], ['alpha.bn-eps', 3, true], ['beta.adam-lr', 3, true],
      ['beta.sigmoid-grad', 3, true], ['beta.zero-centred', 1, false], ['alpha.conv-size', 3, true],
    ]);
    expect(reviews.at(-1)!.params).toMatchObject({ h: expect.any(Number) });
    expect(reviews.every((x) => x.session_id === reviews[0]!.session_id && x.session_id !== null)).toBe(true);
    expect(sessions).toEqual([{ mode: 'exam', answered: 7, recalled: 5 }]);
    expect(exams).toHaveLength(1);
    expect(exams[0]).toMatchObject({ seed: SEED, questions: 7, answered: 7, correct: 5, ended: 'done', minutes: 120 });
    expect(r).toMatchObject({ recorded: 7, again: 2, examId: exams[0]!.id });
  });

  it('the same seed shows the same generated problem', async () => {
    const a = await runExam([]);
    const b = await runExam([]);
    expect(a.r.presented[3]!.prompt).toBe(b.r.presented[3]!.prompt);
    const bank = loadBank([BANK], { cache: false });
    expect(a.r.presented[3]!.prompt).toBe(present(bank.byId.get('alpha.conv-size')!, 'en', itemRng(SEED, 'alpha.conv-size')).prompt);
  });

  it('an answer that comes after the deadline is not counted, and the rest stay unanswered', async () => {
    const { r, reviews, exams } = await runExam([{ after: 20_000, reply: { kind: 'answer', text: '760' } }, { after: 50_000, reply: { kind: 'answer', text: 'a' } }], 1);
    expect(r.ended).toBe('time');
    expect(r.totals).toMatchObject({ questions: 7, answered: 1, correct: 1 });
    expect(r.items.filter((i) => i.answered).map((i) => i.id)).toEqual(['alpha.params']);
    expect(reviews.map((x) => x.card_id)).toEqual(['alpha.params']);
    expect(exams[0]).toMatchObject({ answered: 1, correct: 1, ended: 'time', used_ms: 60_000 });
  });

  it('time running out while waiting ends the exam', async () => {
    const { r } = await runExam([ans('760'), { reply: { kind: 'timeout' } }]);
    expect(r).toMatchObject({ ended: 'time', totals: { answered: 1 } });
  });

  it('skipping the skipped ones again hands the paper in', async () => {
    const six = PAPER.slice(1).map(() => skip);
    const { r, io } = await runExam([skip, ...six, ans('760'), ...six, ...six]);
    expect(io.asked).toEqual([...PAPER, ...PAPER, ...PAPER.slice(1)]);
    expect(r).toMatchObject({ ended: 'quit', totals: { answered: 1, correct: 1 } });
  });

  it(':q hands in at once; a paper with nothing answered is not kept', async () => {
    const kept = await runExam([ans('1'), { reply: { kind: 'quit' } }]);
    expect(kept.r).toMatchObject({ ended: 'quit', totals: { answered: 1, correct: 0 } });
    expect(kept.exams).toHaveLength(1);
    const gone = await runExam([{ reply: { kind: 'quit' } }]);
    expect(gone.r.examId).toBeNull();
    expect(gone.exams).toHaveLength(0);
    expect(gone.reviews).toHaveLength(0);
    // Time up with nothing answered is a real result (0 of 7): kept.
    const zero = await runExam([{ reply: { kind: 'timeout' } }]);
    expect(zero.exams).toMatchObject([{ answered: 0, ended: 'time' }]);
  });

  it('end of input in line mode', async () => {
    const { r } = await runExam([ans('760'), ans('a')]);
    expect(r).toMatchObject({ ended: 'input', totals: { answered: 2, correct: 2 } });
  });
});

describe('ExamRunner: unreadable answers and slips', () => {
  it('asks again after an answer that cannot be read, within the time left; a slip is kept with the review and named in the report', async () => {
    const home = tempHome();
    const bank = loadBank([BANK], { cache: false });
    const deckOrder = bank.decks.map((d) => d.id);
    const paper = drawPaper({ questions: bank.questions, sections: bank.sections, deckOrder, count: 1, seed: SEED, suspended: new Set(PAPER.filter((id) => id !== 'alpha.params')) });
    const clock = { t: 0 };
    const io = new ScriptIo([ans('four'), ans('750')], clock);
    const slipping: typeof present = (q, lang, rng) => {
      const p = present(q, lang, rng);
      return { ...p, grade: (input) => ({ ...p.grade(input), ...(input === '750' ? { slips: [{ id: 'forgot-bias', text: 'looks like the bias was forgotten' }] } : {}) }) };
    };
    const store = Store.open(home, { now: NOW });
    try {
      const r = await new ExamRunner({
        store, paper, wanted: 1, byId: bank.byId, deckOrder, lang: 'en', io, clock: () => NOW, config: CONFIG,
        scheduler: makeFsrs({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 }),
        minutes: 120, scope: { questions: 1, lang: 'en' }, present: slipping, prepareFormula: preparePresent, mono: () => clock.t,
      }).run();
      expect(io.asked).toEqual(['alpha.params', 'alpha.params']);
      expect(io.text.join('\n')).toContain('  ? not a number: four');
      expect(r.items).toEqual([expect.objectContaining({ id: 'alpha.params', answered: true, correct: false, given: '750', slips: ['forgot-bias'] })]);
      expect(r.slips).toEqual([['looks like the bias was forgotten']]);
      expect(store.allReviews().map((x) => [x.answer, x.slips])).toEqual([['750', ['forgot-bias']]]);
      const { renderExamReport } = await import('../../src/quiz/exam/render');
      const report = renderExamReport({
        ended: r.ended, usedMs: r.usedMs, minutes: 120, totals: r.totals, perDeck: r.perDeck.map((d) => ({ ...d, title: d.deck })),
        items: r.items, presented: r.presented, recorded: r.recorded, again: r.again, leeches: r.leeches, kept: true, slips: r.slips,
      });
      expect(report.replace(/ *\n */g, ' ')).toContain('✗ you said 750; the answer is 760 — looks like the bias was forgotten');
    } finally {
      store.close();
    }
  });
});
