/**
 * Fitting FSRS to the student (dlnotes optimize) with fsrs-rs, the optimizer
 * Anki ships, through @open-spaced-repetition/binding. The review log goes in
 * as the FSRS revlog CSV (revlog.ts), converted by the binding into training
 * items in the student's time zone with the configured day start, exactly as
 * Anki does.
 *
 * The report is honest: the parameters are fitted on the earlier reviews and
 * judged, with the defaults, on the later ones they never saw (a time-ordered
 * split, as forecasting is judged). The parameters returned for use are then
 * fitted on the whole log.
 */
import type * as FsrsBinding from '@open-spaced-repetition/binding';
import { default_w } from 'ts-fsrs';
import { toCsv } from './revlog';
import type { LogRow } from './store/store';

export type Binding = typeof FsrsBinding;

/**
 * Usable reviews needed: FSRS learns from reviews made on a later day than the
 * question's previous one (same-day steps carry no long-term signal). With 400,
 * the held-out fifth is 80 reviews, enough for log loss to mean something.
 */
export const MIN_ITEMS = 400;
/** The share of the log, latest first, held out to judge the parameters. */
export const TEST_SHARE = 0.2;
/** fsrs-rs's default training seed: the same log always gives the same parameters. */
export const TRAINING_SEED = 2023;

export interface Metrics {
  /** Mean log loss of the predicted recall against what happened (lower is better). */
  logloss: number;
  /** RMSE of predicted vs actual recall over bins (Anki's "RMSE (bins)"), 0-1. */
  rmse: number;
}

export interface FitReport {
  /** The fitted parameters (21 numbers), from the whole log. */
  w: number[];
  /** Reviews in the log (undone ones left out). */
  reviews: number;
  /** Usable reviews: on a later day than the question's previous review. */
  items: number;
  train: number;
  test: number;
  /** Reviews at or after this time (epoch ms) were held out. */
  split_at: number;
  before: Metrics;
  after: Metrics;
  /** The parameters in use before, when they are not the defaults. */
  current?: Metrics;
  /** fsrs-rs's recommended learning and relearning steps, in seconds (empty when the log cannot tell). */
  steps: { learning: number[]; relearning: number[] };
}

export interface FitOptions {
  dayStartHour: number;
  /** The local time zone's name (passed through to offsetMinutes). */
  timeZone: string;
  /** Minutes east of UTC at an instant, in the local time zone. */
  offsetMinutes: (ms: number) => number;
  desiredRetention: number;
  relearningSteps: number;
  /** The fitted parameters in use, if any. */
  current?: readonly number[];
  /** Progress of the two fits: phase 1 on the earlier reviews, phase 2 on all. */
  progress?: (phase: 1 | 2, done: number, total: number) => void;
}

/** Too little history: how many usable reviews there are and are needed. */
export class NotEnoughHistory extends Error {
  constructor(readonly items: number, readonly needed: number) {
    super(`${items} usable reviews, ${needed} needed`);
    this.name = 'NotEnoughHistory';
  }
}

const metrics = (e: FsrsBinding.ModelEvaluation): Metrics => ({ logloss: e.logLoss, rmse: e.rmseBins });

/** Fits and judges FSRS parameters on `rows` (the log without undone reviews, in time order). */
export async function fitParameters(b: Binding, rows: readonly LogRow[], o: FitOptions): Promise<FitReport> {
  const toItems = (part: readonly LogRow[]): FsrsBinding.FSRSItem[] =>
    b.convertCsvToFsrsItems(Buffer.from(toCsv(part)), o.dayStartHour, o.timeZone, (ms) => o.offsetMinutes(ms));
  const csv = Buffer.from(toCsv(rows));
  const all = b.convertCsvToFsrsItems(csv, o.dayStartHour, o.timeZone, (ms) => o.offsetMinutes(ms));
  if (all.length < MIN_ITEMS) throw new NotEnoughHistory(all.length, MIN_ITEMS);
  // The items come sorted by time, and an item depends only on the reviews
  // before it: the items of the earlier reviews are a prefix of all the items.
  const splitAt = rows[Math.floor(rows.length * (1 - TEST_SHARE))]!.reviewed_at;
  const train = toItems(rows.filter((r) => r.reviewed_at < splitAt));
  const test = all.slice(train.length);
  const options = (phase: 1 | 2): FsrsBinding.ComputeParametersOptions => ({
    enableShortTerm: true,
    numRelearningSteps: o.relearningSteps,
    trainingConfig: { numEpochs: 5, batchSize: 512, seed: TRAINING_SEED, maxSeqLen: 256, learningRate: 4e-2, gamma: 1 },
    // How often the binding reports progress, in ms.
    timeout: 50,
    ...(o.progress ? { progress: (done: number, total: number) => { o.progress!(phase, done, total); } } : {}),
  });
  const early = await b.computeParameters(train, options(1));
  const before = metrics(new b.FSRSBinding([...default_w]).evaluate(test));
  const after = metrics(new b.FSRSBinding(early).evaluate(test));
  const current = o.current && o.current.length > 0 ? metrics(new b.FSRSBinding([...o.current]).evaluate(test)) : undefined;
  const w = await b.computeParameters(all, options(2));
  const steps = b.computeOptimalSteps(csv, o.desiredRetention, w);
  return {
    w: w.map((x) => Math.round(x * 1e4) / 1e4),
    reviews: rows.length,
    items: all.length,
    train: train.length,
    test: test.length,
    split_at: splitAt,
    before,
    after,
    ...(current ? { current } : {}),
    steps: { learning: steps.recommendedLearningSteps, relearning: steps.recommendedRelearningSteps },
  };
}

/** Seconds as a learning step the config accepts (1m, 10m, 1.5h, 1d). */
export function stepText(seconds: number): string {
  const m = seconds / 60;
  if (m < 60) return `${Math.max(1, Math.round(m))}m`;
  const h = m / 60;
  if (h < 24) return `${Math.round(h * 10) / 10}h`;
  return `${Math.round((h / 24) * 10) / 10}d`;
}

/** Steps in seconds as config steps, a step that rounds to the one before it dropped (12 s and 50 s are both "1m"). */
export function stepsText(seconds: readonly number[]): string[] {
  const out: string[] = [];
  for (const s of seconds) {
    const text = stepText(s);
    if (out[out.length - 1] !== text) out.push(text);
  }
  return out;
}
