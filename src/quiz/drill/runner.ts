/**
 * A focused drill: freshly generated problems of one topic (or template),
 * one after another, each graded at once with the correct answer and the
 * worked solution, until the count is reached or the student stops. Each
 * answer is a review (mode 'drill') of the bank's generated question that
 * uses the same template, when the bank has one.
 */
import type { FSRS } from 'ts-fsrs';
import { seededRng, seedFrom } from '../../core/random';
import { dayKey } from '../clock';
import type { QuizConfig } from '../config';
import type { Generator } from '../generators/types';
import type { PracticeIo, PracticeReply } from '../practice/io';
import { autoRating, isLeechLapse, newCardState, scheduleWith } from '../schedule';
import { renderFeedback, renderScheduled, renderUnreadable } from '../session/render';
import { cardState, type Store } from '../store/store';
import { style } from '../../render/style';
import type { GeneratedQuestion, GradeResult, Lang, Presented, PresentFn } from '../types';
import { renderPrompt } from '../practice/render';
import { renderProblemHead, renderSkipped, scheduledAs } from './render';

export type DrillEnd = 'done' | 'quit' | 'input' | 'interrupted';

export interface DrillRunOptions {
  templates: readonly Generator[];
  count: number;
  seed: number;
  /** Template id -> the options it is drawn with (--options). */
  options: ReadonlyMap<string, Record<string, unknown>>;
  /** Template id -> the bank question its results count toward (first in bank order), if any. */
  scheduleAs: ReadonlyMap<string, GeneratedQuestion>;
  lang: Lang;
  io: PracticeIo;
  present: PresentFn;
  store: Store;
  clock: () => Date;
  config: QuizConfig;
  scheduler: FSRS;
  stopped?: () => boolean;
  mono?: () => number;
  /**
   * Slip ids to practise (dlnotes drill --slips): each problem is redrawn
   * (deterministically, a bounded number of times) until one of them would
   * show in it, i.e. a wrong answer could name it.
   */
  slips?: readonly string[];
}

/** Draws per problem when looking for one where a wanted slip shows. */
const SLIP_DRAWS = 40;

export interface DrillSummary {
  /** Problems shown. */
  asked: number;
  answered: number;
  correct: number;
  skipped: number;
  /** Reviews written, per bank question id. */
  recorded: Map<string, number>;
  leeches: string[];
  ms: number;
  ended: DrillEnd;
}

function monoMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}

/** The question a drill problem is presented as: the bank's (for its id and hash) with the drill's options, or a stand-in. */
function drillQuestion(g: Generator, bank: GeneratedQuestion | undefined, options: Record<string, unknown>): GeneratedQuestion {
  const opts = Object.keys(options).length > 0 ? { options } : {};
  if (bank) {
    // The bank entry's own lead-in and options are left out: the drill draws with its own.
    const { prompt: _prompt, options: _options, ...rest } = bank;
    return { ...rest, ...opts };
  }
  return { id: `drill.${g.id}`, type: 'generated', deck: 'drill', template: g.id, tags: [], source: '', file: '(drill)', line: 0, hash: '', ...opts };
}

/** A drill never asks the same problem again within this many draws. */
export const NO_REPEAT_WITHIN = 5;
/** Redraws of one problem before giving up on avoiding a repeat (a template with very few problems). */
const REDRAWS = 20;

export class DrillRunner {
  private readonly mono: () => number;
  private readonly drawn: Array<{ gen: Generator; p: Presented; key: string }> = [];
  private sessionId: number | null = null;
  private readonly startedAt: Date;
  private readonly day: string;

  constructor(private readonly o: DrillRunOptions) {
    this.mono = o.mono ?? monoMs;
    this.startedAt = o.clock();
    this.day = dayKey(this.startedAt, o.config.day_start_hour);
  }

  /**
   * The problem for position i (0-based): same seed, same problems. A draw
   * that repeats one of the previous NO_REPEAT_WITHIN problems is drawn
   * again, so a template with few parameters does not ask the same thing twice in a row.
   */
  problem(i: number): { gen: Generator; p: Presented } {
    while (this.drawn.length <= i) this.drawn.push(this.draw(this.drawn.length));
    return this.drawn[i]!;
  }

  private draw(i: number): { gen: Generator; p: Presented; key: string } {
    const gen = this.o.templates[i % this.o.templates.length]!;
    const q = drillQuestion(gen, this.o.scheduleAs.get(gen.id), this.o.options.get(gen.id) ?? {});
    const draw = (k: number): Presented => this.o.present(q, this.o.lang, seededRng(seedFrom(k === 0 ? `drill|${this.o.seed}|${i}` : `drill|${this.o.seed}|${i}|${k}`)));
    const recent = new Set(this.drawn.slice(-NO_REPEAT_WITHIN).map((d) => d.key));
    const keyOf = (p: Presented): string => `${gen.id}|${JSON.stringify(p.params ?? p.prompt)}`;
    const wanted = this.o.slips ?? [];
    // With --slips, a fresh problem where a wanted slip would show; else (or
    // when none turns up) the first fresh one, a repeat only as a last resort.
    const shows = (p: Presented): boolean => wanted.length === 0 || (p.slips ?? []).some((id) => wanted.includes(id));
    let fallback: { gen: Generator; p: Presented; key: string } | undefined;
    const tries = wanted.length > 0 ? Math.max(SLIP_DRAWS, REDRAWS) : REDRAWS;
    for (let k = 0; k <= tries; k++) {
      const p = draw(k);
      const key = keyOf(p);
      const fresh = !recent.has(key);
      if (fresh && shows(p)) return { gen, p, key };
      if (!fallback || (fresh && recent.has(fallback.key))) fallback = { gen, p, key };
      if (fresh && wanted.length === 0) break;
    }
    return fallback!;
  }

  async run(): Promise<DrillSummary> {
    const { io } = this.o;
    const t0 = this.mono();
    const s: DrillSummary = { asked: 0, answered: 0, correct: 0, skipped: 0, recorded: new Map(), leeches: [], ms: 0, ended: 'done' };
    try {
      for (let i = 0; i < this.o.count; i++) {
        if (this.o.stopped?.()) { s.ended = 'interrupted'; break; }
        const { gen, p } = this.problem(i);
        io.show('');
        io.show(renderProblemHead(i + 1, this.o.count, gen, this.o.lang));
        io.show(renderPrompt(p, io.mode === 'line'));
        s.asked += 1;
        const shownAt = this.mono();
        const reply = await this.ask(p);
        if (reply.kind === 'end') { s.ended = io.mode === 'line' && !this.o.stopped?.() ? 'input' : 'interrupted'; break; }
        if (reply.kind === 'quit') { s.ended = 'quit'; break; }
        if (reply.kind === 'skip' || reply.kind === 'timeout') {
          s.skipped += 1;
          io.show(renderSkipped(p));
          continue;
        }
        const g = reply.grade;
        s.answered += 1;
        if (g.correct) s.correct += 1;
        io.show(renderFeedback(p, g));
        const bankQ = this.o.scheduleAs.get(gen.id);
        if (bankQ) this.record(bankQ, p, g, this.mono() - shownAt, s);
      }
    } finally {
      if (this.sessionId !== null) this.o.store.endSession(this.sessionId, this.o.clock());
      s.ms = this.mono() - t0;
    }
    return s;
  }

  /** Waits for an answer that can be read (an unreadable one is shown why and asked again), or a command. */
  private async ask(p: Presented): Promise<Exclude<PracticeReply, { kind: 'answer' }> | { kind: 'graded'; grade: GradeResult }> {
    for (;;) {
      const reply = await this.o.io.ask(p);
      if (reply.kind !== 'answer') return reply;
      const grade = p.grade(reply.text);
      if (!grade.unreadable) return { kind: 'graded', grade };
      this.o.io.show(renderUnreadable(grade.feedback));
    }
  }

  private record(q: GeneratedQuestion, p: Presented, g: GradeResult, elapsedMs: number, s: DrillSummary): void {
    const now = this.o.clock();
    const cfg = this.o.config;
    const rating = autoRating(g.correct);
    this.sessionId ??= this.o.store.startSession(this.startedAt, this.day, 'drill');
    const rec = this.o.store.recordReview({
      cardId: q.id, now, day: dayKey(now, cfg.day_start_hour), rating, elapsedMs,
      answer: g.given, correct: g.correct, hash: q.hash, ...(p.params ? { params: p.params } : {}), sessionId: this.sessionId,
      ...(g.slips?.length ? { slips: g.slips.map((x) => x.id) } : {}),
    }, this.o.store.card(q.id)?.reps ?? 0, (current) => {
      const before = current && current.reps > 0 ? cardState(current) : newCardState(now);
      const sch = scheduleWith(this.o.scheduler, q.id, before, now, rating);
      return { before, after: sch.after, leech: sch.lapse && isLeechLapse(sch.after.lapses, cfg.leech_threshold) };
    });
    s.recorded.set(q.id, (s.recorded.get(q.id) ?? 0) + 1);
    if (rec.leech) s.leeches.push(q.id);
    this.o.io.show(`${renderScheduled(rating, null, rec.after.due - now.getTime(), rec.leech)} ${style.dim(scheduledAs(q.id))}`);
  }
}
