/**
 * Runs a mock exam: shows the paper one question at a time with the time
 * left and no feedback, lets the student skip and come back, stops when
 * time is up (the deadline is on the monotonic clock, not on --now), and
 * commits every answer the moment it is given: its review (FSRS, right =
 * Good, wrong = Again) and the exam's progress in one transaction.
 * Unanswered questions are not reviews.
 */
import type { FSRS } from 'ts-fsrs';
import { seededRng, seedFrom } from '../../core/random';
import { dayKey } from '../clock';
import type { QuizConfig } from '../config';
import type { PracticeIo, PracticeReply } from '../practice/io';
import { autoRating, isLeechLapse, newCardState, scheduleWith } from '../schedule';
import { ExamLog, type ExamProgress } from '../store/exams';
import { cardState, type Store } from '../store/store';
import type { GradeResult, Lang, Presented, PresentFn, Question } from '../types';
import { renderPrompt } from '../practice/render';
import { examText, renderExamHeader, renderQuestionHead } from './render';
import { renderUnreadable } from '../session/render';
import { examTotals, scoreByDeck, type ExamTotals } from './score';
import type { DeckScore, ExamEnd, ExamScope, ItemResult, Paper, PaperItem } from './types';

export interface ExamRunOptions {
  store: Store;
  paper: Paper;
  /** Questions asked for (the paper may hold fewer). */
  wanted: number;
  byId: ReadonlyMap<string, Question>;
  deckOrder: readonly string[];
  lang: Lang;
  io: PracticeIo;
  /** Stamps the reviews and the exam (--now); never used for the time limit. */
  clock: () => Date;
  config: QuizConfig;
  scheduler: FSRS;
  minutes: number;
  scope: ExamScope;
  present: PresentFn;
  /** Loads what grading a formula needs (the formula grader, on first use). */
  prepareFormula?: () => Promise<void>;
  /** Set when the student pressed Ctrl-C. */
  stopped?: () => boolean;
  /** Monotonic milliseconds (tests inject a fake one). */
  mono?: () => number;
}

export interface ExamOutcome {
  /** Null when the paper was not kept (nothing answered and the student left). */
  examId: number | null;
  day: string;
  startedAt: Date;
  endedAt: Date;
  ended: ExamEnd;
  usedMs: number;
  /** The paper as asked (questions that could not be shown are dropped). */
  paper: PaperItem[];
  items: ItemResult[];
  presented: Presented[];
  perDeck: DeckScore[];
  totals: ExamTotals;
  /** Reviews written, and how many of them were Again. */
  recorded: number;
  again: number;
  leeches: string[];
  /** The slip texts of each question's wrong answer (in the run's language), by paper position. */
  slips: Array<string[] | undefined>;
}

/** Monotonic milliseconds: the time limit must not jump with the wall clock. */
export function monoMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}

/** The random source a question of a paper is shown with: the same seed shows the same numbers and choice order. */
export function itemRng(seed: number, id: string): ReturnType<typeof seededRng> {
  return seededRng(seedFrom(`exam|${seed}|${id}`));
}

export class ExamRunner {
  private readonly mono: () => number;
  private readonly log: ExamLog;
  private readonly items: ItemResult[] = [];
  private readonly presented: Presented[] = [];
  private readonly paper: PaperItem[] = [];
  private sessionId: number | null = null;
  private examId = 0;
  private recorded = 0;
  private again = 0;
  private readonly leeches: string[] = [];
  /** The slip texts of each wrong answer, by question index, for the report. */
  private readonly slipTexts = new Map<number, string[]>();
  private startMono = 0;
  private deadline = 0;
  private startedAt: Date;
  private day: string;
  private formulaReady: Promise<void> | undefined;

  constructor(private readonly o: ExamRunOptions) {
    this.mono = o.mono ?? monoMs;
    this.log = new ExamLog(o.store);
    this.startedAt = o.clock();
    this.day = dayKey(this.startedAt, o.config.day_start_hour);
  }

  /** Runs to the end (all done, time up, :q, end of input or Ctrl-C) and returns the result. */
  async run(): Promise<ExamOutcome> {
    const { io } = this.o;
    this.presentAll();
    io.show(renderExamHeader({
      day: this.day, paper: { ...this.o.paper, items: this.paper }, wanted: this.o.wanted, minutes: this.o.minutes,
      decks: scoreByDeck(this.items, this.o.deckOrder).map((d) => ({ deck: d.deck, questions: d.questions })), scope: this.o.scope,
    }));
    if (this.paper.some((it) => it.type === 'formula') && this.o.prepareFormula) {
      this.formulaReady = this.o.prepareFormula();
      // Awaited before grading a formula; a failure surfaces there, not as an unhandled rejection.
      this.formulaReady.catch(() => undefined);
    }
    this.examId = this.log.start({
      startedAt: this.startedAt, day: this.day, seed: this.o.paper.seed, minutes: this.o.minutes,
      items: this.items, perDeck: this.perDeck(), scope: this.o.scope,
    });
    this.startMono = this.mono();
    this.deadline = this.startMono + this.o.minutes * 60_000;
    let ended: ExamEnd;
    try {
      ended = await this.rounds();
    } catch (e) {
      try {
        this.finish('interrupted');
      } catch {
        // The first fault is the one to report; what was answered is already saved.
      }
      throw e;
    }
    return this.finish(ended);
  }

  /** Shows every question of the paper once, so its problem is fixed; one that cannot be shown is dropped. */
  private presentAll(): void {
    for (const it of this.o.paper.items) {
      const q = this.o.byId.get(it.id);
      if (!q) continue;
      try {
        this.presented.push(this.o.present(q, this.o.lang, itemRng(this.o.paper.seed, q.id)));
      } catch (e) {
        this.o.io.show(examText.cannotShow(q.id, `${q.file}:${q.line}`, e));
        continue;
      }
      this.paper.push(it);
      this.items.push({ id: it.id, deck: it.deck, type: it.type, answered: false, correct: false, given: null });
    }
  }

  /** The first pass, then the skipped questions again while time remains; a pass that answers nothing hands in. */
  private async rounds(): Promise<ExamEnd> {
    let queue = this.items.map((_, i) => i);
    for (let round = 1; queue.length > 0; round++) {
      const skipped: number[] = [];
      let answered = 0;
      if (round > 1) this.o.io.show(`\n${examText.backTo(queue.length)}`);
      for (const i of queue) {
        if (this.o.stopped?.()) return 'interrupted';
        if (this.mono() >= this.deadline) return 'time';
        const shownAt = this.mono();
        const reply = await this.ask(i);
        if (reply.kind === 'timeout') {
          this.o.io.show(`\n${examText.timeUp()}`);
          return 'time';
        }
        if (reply.kind === 'end') return this.o.io.mode === 'line' && !this.o.stopped?.() ? 'input' : 'interrupted';
        if (reply.kind === 'quit') return 'quit';
        if (reply.kind === 'skip') {
          skipped.push(i);
          this.o.io.show(examText.skipped());
          continue;
        }
        if (this.mono() > this.deadline) {
          this.o.io.show(examText.tooLate());
          return 'time';
        }
        this.answer(i, reply.grade, this.mono() - shownAt);
        answered += 1;
      }
      if (skipped.length > 0 && round > 1 && answered === 0) return 'quit';
      queue = skipped;
    }
    return 'done';
  }

  /**
   * Shows question i and waits for an answer that can be read, a command,
   * the end or the deadline. An unreadable answer is never graded: the
   * reason is shown and the question asked again in the time left.
   */
  private async ask(i: number): Promise<Exclude<PracticeReply, { kind: 'answer' }> | { kind: 'graded'; grade: GradeResult }> {
    const { io } = this.o;
    const p = this.presented[i]!;
    io.show('');
    io.show(renderQuestionHead(i + 1, this.items.length, this.deadline - this.mono(), this.items[i]!.deck));
    io.show(renderPrompt(p, io.mode === 'line'));
    for (;;) {
      const left = this.deadline - this.mono();
      if (left <= 0) return { kind: 'timeout' };
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), left);
      let reply: PracticeReply;
      try {
        reply = await io.ask(p, ac.signal);
      } finally {
        clearTimeout(timer);
      }
      if (reply.kind !== 'answer') return reply;
      if (p.mode.kind === 'formula') await (this.formulaReady ?? this.o.prepareFormula?.());
      const grade = p.grade(reply.text);
      if (!grade.unreadable) return { kind: 'graded', grade };
      io.show(renderUnreadable(grade.feedback));
    }
  }

  private answer(i: number, g: GradeResult, elapsedMs: number): void {
    const p = this.presented[i]!;
    const q = this.o.byId.get(p.questionId)!;
    const slips = g.slips?.map((s) => s.id) ?? [];
    const item = this.items[i]!;
    item.answered = true;
    item.correct = g.correct;
    item.given = g.given;
    if (slips.length > 0) item.slips = slips;
    else delete item.slips;
    if (g.slips?.length) this.slipTexts.set(i, g.slips.map((s) => s.text));
    else this.slipTexts.delete(i);
    const now = this.o.clock();
    const rating = autoRating(g.correct);
    const cfg = this.o.config;
    const seenReps = this.o.store.card(q.id)?.reps ?? 0;
    const rec = this.log.answer(this.examId, () => {
      this.sessionId ??= this.o.store.startSession(this.startedAt, this.day, 'exam');
      return this.o.store.recordReview({
        cardId: q.id, now, day: dayKey(now, cfg.day_start_hour), rating, elapsedMs,
        answer: g.given, correct: g.correct, hash: q.hash, ...(p.params ? { params: p.params } : {}), sessionId: this.sessionId,
        ...(slips.length > 0 ? { slips } : {}),
      }, seenReps, (current) => {
        const before = current && current.reps > 0 ? cardState(current) : newCardState(now);
        const s = scheduleWith(this.o.scheduler, q.id, before, now, rating);
        return { before, after: s.after, leech: s.lapse && isLeechLapse(s.after.lapses, cfg.leech_threshold) };
      });
    }, () => this.progress());
    this.recorded += 1;
    if (rating === 1) this.again += 1;
    if (rec.leech) this.leeches.push(q.id);
  }

  private perDeck(): DeckScore[] {
    return scoreByDeck(this.items, this.o.deckOrder);
  }

  private progress(): ExamProgress {
    const t = examTotals(this.items);
    return { answered: t.answered, correct: t.correct, usedMs: this.mono() - this.startMono, items: this.items, perDeck: this.perDeck(), sessionId: this.sessionId };
  }

  private finish(ended: ExamEnd): ExamOutcome {
    const endedAt = this.o.clock();
    const progress = this.progress();
    const usedMs = Math.min(progress.usedMs, this.o.minutes * 60_000);
    const leaving = ended === 'quit' || ended === 'input' || ended === 'interrupted';
    let kept = true;
    if (progress.answered === 0 && leaving) kept = !this.log.discard(this.examId);
    else this.log.finish(this.examId, { ...progress, usedMs }, endedAt, ended);
    if (this.sessionId !== null) this.o.store.endSession(this.sessionId, endedAt);
    return {
      examId: kept ? this.examId : null, day: this.day, startedAt: this.startedAt, endedAt, ended, usedMs,
      paper: this.paper, items: this.items, presented: this.presented, perDeck: progress.perDeck, totals: examTotals(this.items),
      recorded: this.recorded, again: this.again, leeches: this.leeches,
      slips: this.items.map((_, i) => this.slipTexts.get(i)),
    };
  }
}
