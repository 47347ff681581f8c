/**
 * The daily session: builds the queue, asks one question at a time through a
 * SessionIo, grades, schedules with FSRS and commits each answer before
 * moving on, then prints the summary. Every time comes from `clock`.
 */
import type { FSRS } from 'ts-fsrs';
import type { Lang, Presented, PresentFn, Question } from '../types';
import type { QuizConfig } from '../config';
import { dayBounds, dayKey } from '../clock';
import { autoRating, isLeechLapse, newCardState, scheduleWith, type Rating } from '../schedule';
import { cardState, type Recorded, type Store } from '../store/store';
import { seededRng, seedFrom } from '../../core/random';
import { isHeld, SessionQueue, type QueueItem } from './queue';
import type { SessionCommand, SessionIo } from './io';
import {
  commandHelp, commandHelpLine, progressBar, renderFeedback, renderHeader, renderQuestion, renderReveal, renderScheduled, renderSummary,
  renderUnreadable, sessionText, type SessionSummary,
} from './render';
import { forecast, forecastBounds, streakOf } from '../stats';
import { t } from '../../render/lang';

export interface SessionOptions {
  store: Store;
  /** Questions in scope (deck/tag filtered), in bank order. */
  questions: Question[];
  present: PresentFn;
  lang: Lang;
  io: SessionIo;
  clock: () => Date;
  config: QuizConfig;
  scheduler: FSRS;
  /** Day limits (flags override config). */
  newPerDay: number;
  reviewsPerDay: number;
  shuffle: boolean;
  deck?: string;
  tag?: string;
  /** Set when the student pressed Ctrl-C outside a prompt. */
  stopped?: () => boolean;
  /** Loads what grading a formula needs, only when a formula question is answered. */
  prepareFormula?: () => Promise<void>;
  /** Loads what showing a question needs (the templates of a generated one), just before it is shown. */
  prepareQuestion?: (q: Question) => Promise<void>;
  /** quiz --cram: ask these in this order (exam-date.ts cramOrder) instead of what is due. */
  cram?: QueueItem[];
}

/** An answered question; `item.seed` is what it was shown with, so an undo puts back the same problem. */
interface Answered { item: QueueItem; reviewId: number; recalled: boolean }

/** What one prompt round produced: a rating to record, a session command, or the end. */
type Step =
  | { kind: 'rated'; rating: Rating; auto: Rating | null; given: string | null; correct: boolean | null; slips: string[]; quit: boolean }
  | { kind: 'command'; command: SessionCommand }
  | { kind: 'end' };

type Outcome = { kind: 'answered'; recorded: Recorded; rating: Rating } | { kind: 'skipped' } | { kind: 'undo' } | { kind: 'end'; why: SessionSummary['ended'] };

export class Session {
  private readonly queue: SessionQueue;
  private readonly history: Answered[] = [];
  private readonly byId: Map<string, Question>;
  private readonly startMs = monoMs();
  private readonly startedAt: Date;
  /** Created with the first answer, so a session that answers nothing writes nothing. */
  private sessionId: number | null = null;
  private readonly day: string;
  private readonly dayEnd: Date;
  /** The question whose answer could not be saved (the store failed), if any. */
  private unsaved: string | undefined;
  /** New questions introduced today before this session. */
  private readonly newDone: number;

  constructor(private readonly o: SessionOptions) {
    const now = o.clock();
    const b = dayBounds(now, o.config.day_start_hour);
    this.day = b.key;
    this.dayEnd = b.end;
    // A loop rather than a map to pairs: 10,000 short-lived arrays less before the first question.
    this.byId = new Map();
    for (const q of o.questions) this.byId.set(q.id, q);
    const counts = o.store.dayCounts(b.key);
    this.newDone = counts.newIntroduced;
    this.queue = new SessionQueue({
      ids: o.questions.map((q) => q.id),
      cards: o.store.snapshot(b.end.getTime()),
      now,
      dayEnd: b.end,
      newLeft: o.newPerDay - counts.newIntroduced,
      reviewsLeft: o.reviewsPerDay - counts.reviewsDone,
      ...(o.shuffle ? { shuffle: seededRng(seedFrom(`shuffle|${now.getTime()}`)) } : {}),
      ...(o.cram ? { cram: o.cram } : {}),
    });
    this.startedAt = now;
  }

  /** Runs to the end (queue empty, :q, end of input or Ctrl-C) and returns the summary. */
  async run(): Promise<SessionSummary> {
    const { io } = this.o;
    io.show(renderHeader({
      day: this.day, counts: this.queue.counts, news: { limit: this.o.newPerDay, done: this.newDone }, reviewLimit: this.o.reviewsPerDay,
      ...(this.o.deck ? { deck: this.o.deck } : {}), ...(this.o.tag ? { tag: this.o.tag } : {}),
    }));
    if (this.o.questions.length === 0) io.show(sessionText.empty());
    if (io.mode === 'line') io.show(commandHelp());
    let ended: SessionSummary['ended'] = 'done';
    try {
      for (;;) {
        if (this.o.stopped?.()) { ended = 'quit'; break; }
        const item = this.queue.next(this.o.clock());
        if (!item) break;
        const out = await this.ask(item);
        if (out.kind === 'end') { ended = out.why; break; }
      }
    } catch (e) {
      io.show(renderSummary(this.summary('error')));
      throw e;
    } finally {
      if (this.sessionId !== null) this.o.store.endSession(this.sessionId, this.o.clock());
    }
    const s = this.summary(ended);
    io.show(renderSummary(s));
    return s;
  }

  private summary(ended: SessionSummary['ended']): SessionSummary {
    const now = this.o.clock();
    const hour = this.o.config.day_start_hour;
    // Counted as `dlnotes stats` counts: still due today, and falling due tomorrow (its first "next 7 days").
    const today = dayKey(now, hour);
    const bounds = forecastBounds(today, hour, 1);
    const f = forecast(this.o.questions.map((q) => q.id), this.o.store.snapshot(bounds[1]!), now, today, hour, 1);
    const unseen = f.unseen;
    const done = this.o.store.dayCounts(today).newIntroduced;
    const limit = this.o.newPerDay;
    return {
      answered: this.history.length,
      recalled: this.history.filter((h) => h.recalled).length,
      ms: monoMs() - this.startMs,
      dueToday: f.today,
      tomorrow: { due: f.next[0]!.due, fresh: Math.min(unseen, limit) },
      news: { done, limit, left: Math.min(unseen, Math.max(0, limit - done)), unseen },
      streak: streakOf(this.o.store.reviewDays(today), today),
      laterToday: this.queue.waitingLater(now),
      ended,
      ...(this.unsaved !== undefined ? { unsaved: this.unsaved } : {}),
    };
  }

  private present(q: Question, seed: string): Presented | null {
    try {
      return this.o.present(q, this.o.lang, seededRng(seedFrom(seed)));
    } catch (e) {
      this.o.io.show(sessionText.cannotShow(q.id, `${q.file}:${q.line}`, e));
      return null;
    }
  }

  private async ask(item: QueueItem): Promise<Outcome> {
    const { io, store } = this.o;
    const q = this.byId.get(item.id)!;
    const now = this.o.clock();
    const card = store.card(item.id);
    if (card && card.reps !== item.reps && (isHeld(card, now) || card.due >= this.dayEnd.getTime() || (card.state === 2 && item.kind !== 'review'))) {
      // Another session answered it meanwhile and it is no longer due.
      return { kind: 'skipped' };
    }
    if (card && isHeld(card, now)) return { kind: 'skipped' };
    await this.o.prepareQuestion?.(q);
    // A question put back by an undo keeps the seed it was shown with: the same numbers, the same choice order.
    const shown: QueueItem = { ...item, seed: item.seed ?? `${q.id}|${now.getTime()}|${card?.reps ?? 0}` };
    const p = this.present(q, shown.seed!);
    if (!p) return { kind: 'skipped' };
    io.show('');
    io.show(progressBar(this.history.length, this.queue.remaining - this.queue.waitingLater(now) + 1));
    io.show(renderQuestion(p, { id: q.id, kind: item.kind, edited: card?.hash != null && card.hash !== q.hash, choices: io.mode === 'line' }));
    const t0 = monoMs();
    for (;;) {
      const step = p.mode.kind === 'reveal' ? await this.selfRated(p) : await this.autoGraded(p);
      if (step.kind === 'end') return { kind: 'end', why: this.endReason() };
      if (step.kind === 'command') {
        const out = this.command(step.command, shown, p);
        if (out === 'again') continue;
        return out;
      }
      const rec = this.record(shown, q, p, step, monoMs() - t0);
      io.show(renderScheduled(step.rating, step.auto, rec.after.due - this.o.clock().getTime(), rec.leech));
      if (rec.concurrent) io.show(sessionText.concurrent());
      return step.quit ? { kind: 'end', why: 'quit' } : { kind: 'answered', recorded: rec, rating: step.rating };
    }
  }

  /** A card: reveal, then the student's own rating. */
  private async selfRated(p: Presented): Promise<Step> {
    const { io } = this.o;
    const reply = await io.reveal(p);
    if (reply.kind !== 'answer') return reply;
    io.show(renderReveal(p));
    const r = await io.rate();
    if (r.kind !== 'rating') return r;
    return { kind: 'rated', rating: r.rating, auto: null, given: null, correct: null, slips: [], quit: false };
  }

  /**
   * An auto-graded question: grade, show feedback, then keep or override the
   * automatic rating. An answer that cannot be read is never graded: the
   * reason is shown and the question asked again.
   */
  private async autoGraded(p: Presented): Promise<Step> {
    const { io } = this.o;
    for (;;) {
      const reply = await io.answer(p);
      if (reply.kind !== 'answer') return reply;
      if (p.mode.kind === 'formula') await this.o.prepareFormula?.();
      const g = p.grade(reply.text);
      if (g.unreadable) {
        io.show(renderUnreadable(g.feedback));
        continue;
      }
      io.show(renderFeedback(p, g));
      const auto = autoRating(g.correct);
      const c = await io.confirm(auto);
      // Ctrl-C at the override step: the answer was given, so it is kept with its automatic rating.
      return { kind: 'rated', rating: c === 'end' ? auto : c, auto, given: g.given, correct: g.correct, slips: g.slips?.map((x) => x.id) ?? [], quit: c === 'end' };
    }
  }

  private record(item: QueueItem, q: Question, p: Presented, step: Extract<Step, { kind: 'rated' }>, elapsedMs: number): Recorded {
    const { rating, given, correct } = step;
    const now = this.o.clock();
    const cfg = this.o.config;
    // The summary must not claim this answer was saved when the store refuses it.
    this.unsaved = q.id;
    this.sessionId ??= this.o.store.startSession(this.startedAt, this.day, this.o.io.mode);
    const rec = this.o.store.recordReview({
      cardId: q.id, now, day: dayKey(now, cfg.day_start_hour), rating, elapsedMs,
      answer: given, correct, hash: q.hash, ...(p.params ? { params: p.params } : {}), sessionId: this.sessionId,
      ...(step.slips.length > 0 ? { slips: step.slips } : {}),
    }, item.reps, (current) => {
      const before = current && current.reps > 0 ? cardState(current) : newCardState(now);
      const s = scheduleWith(this.o.scheduler, q.id, before, now, rating);
      return { before, after: s.after, leech: s.lapse && isLeechLapse(s.after.lapses, cfg.leech_threshold) };
    });
    this.unsaved = undefined;
    this.history.push({ item, reviewId: rec.reviewId, recalled: rating > 1 });
    if (rec.leech) this.queue.drop(q.id);
    else this.queue.answered(q.id, rec.after, this.dayEnd);
    return rec;
  }

  /** End of input in line mode, unless Ctrl-C closed it; a closed prompt is the student quitting. */
  private endReason(): SessionSummary['ended'] {
    return this.o.io.mode === 'line' && !this.o.stopped?.() ? 'input' : 'quit';
  }


  /** Handles a session command; 'again' means ask the same question again. */
  private command(cmd: SessionCommand, item: QueueItem, p: Presented): Outcome | 'again' {
    const { io, store } = this.o;
    const now = this.o.clock();
    const fresh = newCardState(now);
    switch (cmd) {
      case 'skip':
        io.show(sessionText.skipped());
        return { kind: 'skipped' };
      case 'bury':
        store.setBuried(item.id, this.dayEnd.getTime(), fresh);
        this.queue.drop(item.id);
        io.show(sessionText.buried(this.dayEnd.toLocaleString('sv-SE').slice(0, 16)));
        return { kind: 'skipped' };
      case 'suspend':
        store.setSuspended(item.id, true, fresh);
        this.queue.drop(item.id);
        io.show(sessionText.suspended(item.id));
        return { kind: 'skipped' };
      case 'undo': {
        const last = this.history[this.history.length - 1];
        if (!last) {
          io.show(sessionText.nothingToUndo());
          return 'again';
        }
        const r = store.undoReview(last.reviewId);
        if (!r.ok) {
          io.show(sessionText.cannotUndo(t(r.reason)));
          return 'again';
        }
        this.history.pop();
        // The current question goes back first in its own queue, the undone one in front of it.
        this.queue.putBack(item);
        this.queue.putBack(last.item);
        io.show(sessionText.undone(last.item.id));
        return { kind: 'undo' };
      }
      case 'hint':
        io.show(sessionText.hint(p.hint));
        return 'again';
      case 'quit':
        return { kind: 'end', why: 'quit' };
      default:
        io.show(commandHelpLine());
        return 'again';
    }
  }
}

/** Monotonic milliseconds (answer times must not jump with the wall clock). */
function monoMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}
