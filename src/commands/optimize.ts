/**
 * dlnotes optimize: fits FSRS's parameters to the student's review log with
 * fsrs-rs (the binding loads only here), reports how much better they predict
 * the student's later reviews than the defaults, recommends a desired
 * retention and learning steps, and with --apply stores the parameters and
 * recomputes every card's memory state from its history.
 */
import { fmtInt } from '../core/format';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { daysBetween, dayKey, localDateTime } from '../quiz/clock';
import { memoryModel } from '../quiz/memory';
import { fitParameters, MIN_ITEMS, NotEnoughHistory, stepsText, type Binding, type FitReport, type Metrics } from '../quiz/optimize';
import { replayHistory } from '../quiz/replay';
import { makeFsrs } from '../quiz/schedule';
import { habitsOf, recommendRetention, type Workload } from '../quiz/simulate';
import { writeConfig } from '../quiz/store/config-file';
import { t } from '../render/lang';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { termWidth } from '../render/width';
import { writeErr } from '../write';
import { print, printJson } from './output';
import { examOf, loadStudyBank, openStudy, scheduleOptions, type StudyFlags } from './study';

export interface OptimizeFlags extends StudyFlags {
  apply?: boolean;
  reschedule?: boolean;
  json?: boolean;
}

const M = {
  unavailable: msg(
    (platform: string, why: string) => `optimize: the FSRS optimizer (fsrs-rs) has no build for ${platform} (${why}); the quiz keeps scheduling with the current parameters`,
    (platform, why) => `optimize：FSRS 优化器（fsrs-rs）没有适用于 ${platform} 的版本（${why}）；测验仍按当前参数安排复习`,
  ),
  notEnough: msg(
    (have: number, need: number) => `optimize needs at least ${fmtInt(need)} reviews made on a later day than the question's previous review; you have ${fmtInt(have)}: ${fmtInt(need - have)} more to go. Until then FSRS's defaults (fitted to millions of reviews) serve you well.`,
    (have, need) => `optimize 至少需要 ${fmtInt(need)} 次“与该题上一次复习不在同一天”的复习；你现在有 ${fmtInt(have)} 次，还差 ${fmtInt(need - have)} 次。在那之前，FSRS 的默认参数（由数百万次复习拟合）已经够用。`,
  ),
  rescheduleAlone: bi('--reschedule goes with --apply', '--reschedule 需要与 --apply 一起使用'),
  phase1: bi('fitting on the earlier reviews', '用较早的复习拟合'),
  phase2: bi('fitting on all reviews', '用全部复习拟合'),
  title: bi('FSRS parameters fitted to your reviews', '按你的复习记录拟合的 FSRS 参数'),
  reviews: msg(
    (n: number, items: number) => `${fmtInt(n)} reviews in your log; ${fmtInt(items)} usable (made on a later day than the question's previous review)`,
    (n, items) => `日志中共 ${fmtInt(n)} 次复习；其中 ${fmtInt(items)} 次可用（与该题上一次复习不在同一天）`,
  ),
  split: msg(
    (train: number, test: number, from: string) => `Judged on your latest ${fmtInt(test)} usable reviews (from ${from}), which the fit on the earlier ${fmtInt(train)} never saw:`,
    (train, test, from) => `在最近的 ${fmtInt(test)} 次可用复习（${from} 起）上评估，拟合只用了更早的 ${fmtInt(train)} 次：`,
  ),
  cols: { params: bi('parameters', '参数'), logloss: bi('log loss', '对数损失'), rmse: bi('RMSE (bins)', 'RMSE（分箱）') },
  defaults: bi('FSRS defaults', 'FSRS 默认参数'),
  current: bi('in use now', '当前使用的参数'),
  fitted: bi('fitted to you', '为你拟合的参数'),
  better: msg(
    (pct: number) => `The fitted parameters predict your recall with ${pct}% less log loss than the defaults.`,
    (pct) => `拟合的参数预测你的记忆，对数损失比默认参数低 ${pct}%。`,
  ),
  worse: bi(
    'The fitted parameters predict your later reviews no better than the defaults yet: keep the defaults for now (more reviews will help).',
    '拟合的参数对你较新的复习的预测还不比默认参数好：暂时保留默认参数（复习更多后再试）。',
  ),
  retention: msg(
    (best: number, now: number, days: number) => `Recommended desired retention: ${best.toFixed(2)} (you use ${now.toFixed(2)}): the least study time per question remembered over ${days} days, simulated with your answer times.`,
    (best, now, days) => `建议的期望记忆率：${best.toFixed(2)}（你现在用 ${now.toFixed(2)}）：按你的答题时间模拟 ${days} 天，每记住一道题花的时间最少。`,
  ),
  workload: msg(
    (r: string, min: string, kept: string, of: string) => `  at ${r}: ${min} min a day, ${kept} of the ${of} questions remembered at the end`,
    (r, min, kept, of) => `  期望记忆率 ${r}：每天 ${min} 分钟，最后记住 ${of} 道题中的 ${kept} 道`,
  ),
  steps: msg(
    (learning: string, relearning: string, nowL: string, nowR: string) => `Recommended steps: learning ${learning} (you use ${nowL}), relearning ${relearning} (you use ${nowR}).`,
    // A step list ("1m 10m") is set off by spaces, a full-width parenthesis (none: …) needs none.
    (learning, relearning, nowL, nowR) => `建议的步长：学习步长${learning.startsWith('（') ? '' : ' '}${learning}（你现在用 ${nowL}），重学步长${relearning.startsWith('（') ? '' : ' '}${relearning}（你现在用 ${nowR}）。`,
  ),
  noSteps: bi('(none: the log cannot tell)', '（无：日志不足以判断）'),
  applyAnyway: bi('dlnotes optimize --apply would store them anyway; dlnotes config unset w goes back to the defaults', 'dlnotes optimize --apply 仍可保存这些参数；dlnotes config unset w 可恢复默认参数'),
  applyHint: bi('Apply them: dlnotes optimize --apply (dlnotes config unset w goes back to the defaults)', '应用参数：dlnotes optimize --apply（dlnotes config unset w 可恢复默认参数）'),
  applied: msg(
    (file: string, cards: number) => `Applied: w stored in ${file}; ${fmtInt(cards)} question${cards === 1 ? '' : 's'} recomputed from ${cards === 1 ? 'its' : 'their'} history (memory state; due dates kept, as Anki does: --reschedule moves them too).`,
    (file, cards) => `已应用：w 已保存到 ${file}；${fmtInt(cards)} 道题按复习历史重新计算了记忆状态（到期日不变，与 Anki 相同；--reschedule 会一并重排到期日）。`,
  ),
  appliedRe: msg(
    (file: string, cards: number) => `Applied: w stored in ${file}; ${fmtInt(cards)} question${cards === 1 ? '' : 's'} recomputed and rescheduled from ${cards === 1 ? 'its' : 'their'} history.`,
    (file, cards) => `已应用：w 已保存到 ${file}；${fmtInt(cards)} 道题按复习历史重新计算并重排了到期日。`,
  ),
};

async function loadBinding(): Promise<Binding> {
  try {
    return await import('@open-spaced-repetition/binding');
  } catch (e) {
    throw new UsageError(M.unavailable(`${process.platform}-${process.arch}`, String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 120)));
  }
}

/** Minutes east of UTC at an instant, in this process's time zone (TZ is honoured). */
const offsetMinutes = (ms: number): number => -new Date(ms).getTimezoneOffset();

/** A progress bar on stderr while fitting, when stderr is a terminal. */
function progressBar(): { update: (phase: 1 | 2, done: number, total: number) => void; done: () => void } | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  let shown = false;
  return {
    update: (phase, done, total) => {
      const label = t(phase === 1 ? M.phase1 : M.phase2);
      const cells = Math.max(10, Math.min(40, termWidth() - 30));
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const full = Math.round(frac * cells);
      writeErr(`\r[${'█'.repeat(full)}${'░'.repeat(cells - full)}] ${String(Math.round(frac * 100)).padStart(3)}% ${phase}/2 ${label}\u001b[K`);
      shown = true;
    },
    done: () => {
      if (shown) writeErr('\r\u001b[K');
    },
  };
}

export async function run(o: OptimizeFlags): Promise<void> {
  if (o.reschedule && !o.apply) throw new UsageError(M.rescheduleAlone);
  const b = await loadBinding();
  const ctx = openStudy(o);
  try {
    const now = ctx.clock();
    const rows = ctx.store.logRows(false);
    const bar = progressBar();
    let report: FitReport;
    try {
      report = await fitParameters(b, rows, {
        dayStartHour: ctx.config.day_start_hour,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        offsetMinutes,
        desiredRetention: ctx.config.desired_retention,
        relearningSteps: ctx.config.relearning_steps.length,
        ...(ctx.config.w.length > 0 ? { current: ctx.config.w } : {}),
        ...(bar ? { progress: bar.update } : {}),
      });
    } catch (e) {
      if (e instanceof NotEnoughHistory) throw new UsageError(M.notEnough(e.items, MIN_ITEMS));
      throw e;
    } finally {
      bar?.done();
    }
    const options = scheduleOptions(ctx.config);
    const exam = examOf(ctx.config);
    const today = dayKey(now, ctx.config.day_start_hour);
    const days = exam && exam.at > now.getTime() ? Math.max(7, daysBetween(today, exam.day)) : 365;
    const questions = loadStudyBank(o, ctx.config).questions.length;
    const advice = recommendRetention((retention) => memoryModel({ ...options, w: report.w, retention }), {
      questions, days, newPerDay: ctx.config.new_per_day, habits: habitsOf(rows),
    });
    let applied: { file: string; cards: number } | undefined;
    if (o.apply) {
      const file = writeConfig(ctx.home, { ...ctx.config, w: report.w });
      const f = makeFsrs({ ...options, w: report.w });
      const cards = ctx.store.replayAll((id, history) => replayHistory(f, id, history, ctx.config.leech_threshold), o.reschedule === true);
      applied = { file, cards };
    }
    if (o.json) {
      printJson({
        w: report.w,
        reviews: report.reviews,
        items: report.items,
        train: report.train,
        test: report.test,
        split_at: new Date(report.split_at).toISOString(),
        before: round(report.before),
        after: round(report.after),
        ...(report.current ? { current: round(report.current) } : {}),
        recommended: {
          desired_retention: advice.retention,
          learning_steps: stepsText(report.steps.learning),
          relearning_steps: stepsText(report.steps.relearning),
        },
        simulation: { days, questions, table: advice.table.map((w) => ({ retention: w.retention, minutes_per_day: round1(w.minutes_per_day), remembered: Math.round(w.remembered) })) },
        applied: applied !== undefined,
        ...(applied ? { recomputed: applied.cards, rescheduled: o.reschedule === true } : {}),
      });
      return;
    }
    print(renderReport(report, advice, ctx.config.desired_retention, ctx.config.learning_steps, ctx.config.relearning_steps, days, questions));
    if (applied) print(`\n${style.good(t((o.reschedule ? M.appliedRe : M.applied)(applied.file, applied.cards)))}`);
    else print(`\n${style.dim(t(report.after.logloss < report.before.logloss ? M.applyHint : M.applyAnyway))}`);
  } finally {
    ctx.store.close();
  }
}

const round = (m: Metrics): Metrics => ({ logloss: Math.round(m.logloss * 1e4) / 1e4, rmse: Math.round(m.rmse * 1e4) / 1e4 });
const round1 = (x: number): number => Math.round(x * 10) / 10;

function renderReport(r: FitReport, advice: { retention: number; table: Workload[] }, retention: number, learning: string[], relearning: string[], days: number, questions: number): string {
  const row = (name: string, m: Metrics): string[] => [name, m.logloss.toFixed(4), `${(m.rmse * 100).toFixed(2)}%`];
  const out = [
    style.heading(t(M.title)),
    t(M.reviews(r.reviews, r.items)),
    '',
    t(M.split(r.train, r.test, localDateTime(r.split_at).slice(0, 10))),
    renderTable([t(M.cols.params), t(M.cols.logloss), t(M.cols.rmse)], [
      row(t(M.defaults), r.before),
      ...(r.current ? [row(t(M.current), r.current)] : []),
      row(t(M.fitted), r.after),
    ], { align: ['left', 'right', 'right'] }).split('\n').map((l) => `  ${l}`).join('\n'),
  ];
  const gain = Math.round((100 * (r.before.logloss - r.after.logloss)) / r.before.logloss);
  out.push(gain > 0 ? style.good(t(M.better(gain))) : style.warn(t(M.worse)), '');
  out.push(t(M.retention(advice.retention, retention, days)));
  for (const target of [advice.retention, retention]) {
    const w = advice.table.find((x) => x.retention === Math.round(target * 100) / 100);
    if (w) out.push(style.dim(t(M.workload(w.retention.toFixed(2), round1(w.minutes_per_day).toString(), fmtInt(Math.round(w.remembered)), fmtInt(questions)))));
  }
  const steps = (s: number[]): string => (s.length > 0 ? stepsText(s).join(' ') : t(M.noSteps));
  out.push(t(M.steps(steps(r.steps.learning), steps(r.steps.relearning), learning.join(' '), relearning.join(' '))), '');
  out.push(style.dim(`w = ${r.w.join(', ')}`));
  return out.join('\n');
}
