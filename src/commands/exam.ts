/**
 * dlnotes exam: a timed mock exam across the chapters in scope, with no
 * feedback until the end; `--history` lists past papers. With --json the
 * questions go to stderr and the result (JSON) to stdout.
 */
import { currentLang } from '../render/lang';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import type { ExamOutcome } from '../quiz/exam/runner';
import { pct } from '../quiz/exam/score';
import type { ExamScope } from '../quiz/exam/types';
import { msg } from '../core/text';
import { textIn } from '../quiz/lang';
import { ExamLog } from '../quiz/store/exams';
import type { Bank, Lang } from '../quiz/types';
import { intFlag, numFlag } from './flags';
import { print, printJson, printProse, printRaw } from './output';
import { openPractice, printErr, timeSeed } from './practice-io';
import { loadStudyBank, openStudy, schedulerFor, scopeQuestions, type StudyFlags } from './study';

export interface ExamFlags extends StudyFlags {
  minutes?: string;
  questions?: string;
  seed?: string;
  history?: boolean;
  json?: boolean;
}

const M = {
  allSuspended: msg((n: number) => `exam: no auto-graded question in scope (the ${n} auto-graded ones are suspended); a mock exam asks choice, numeric, formula, cloze, generated and diagram questions`,
    (n) => `exam：范围内没有可自动评分的题（${n} 道都已暂停）；模拟考试只出选择、数值、公式、填空、生成和结构图题`),
  cardsOnly: msg((n: number) => `exam: no auto-graded question in scope (${n} self-graded card${n === 1 ? '' : 's'} only); a mock exam asks choice, numeric, formula, cloze, generated and diagram questions`,
    (n) => `exam：范围内没有可自动评分的题（只有 ${n} 张自评卡片）；模拟考试只出选择、数值、公式、填空、生成和结构图题`),
};

const DEFAULT_MINUTES = 120;
const DEFAULT_QUESTIONS = 40;

export async function run(o: ExamFlags): Promise<void> {
  const minutes = numFlag('minutes', o.minutes, { positive: true, max: 24 * 60 }) ?? DEFAULT_MINUTES;
  const questions = intFlag('questions', o.questions, { min: 1, max: 10_000 }) ?? DEFAULT_QUESTIONS;
  const givenSeed = intFlag('seed', o.seed, { min: 0, max: 0xffffffff });
  if (o.history) {
    await history(o);
    return;
  }
  // Loaded only for a paper (not for --history): the generators, the LaTeX renderer, the runner.
  const [{ drawPaper }, { examText, examWords, renderExamReport, retakeCommand }, { ExamRunner }, { present, prepareFormulas, prepareGenerators, prepareDiagrams }] = await Promise.all([
    import('../quiz/exam/paper'), import('../quiz/exam/render'), import('../quiz/exam/runner'), import('../quiz/present'),
  ]);
  const ctx = openStudy(o);
  const out = o.json ? printErr : printProse;
  let practice: Awaited<ReturnType<typeof openPractice>> | undefined;
  try {
    const bank = loadStudyBank(o, ctx.config);
    const inScope = scopeQuestions(bank, o);
    const lang = currentLang();
    const seed = givenSeed ?? timeSeed();
    const suspended = new Set([...ctx.store.snapshot(0).near.values()].filter((c) => c.suspended).map((c) => c.id));
    const deckOrder = bank.decks.map((d) => d.id);
    const paper = drawPaper({ questions: inScope, sections: bank.sections, deckOrder, count: questions, seed, suspended });
    if (paper.items.length === 0) {
      throw new UsageError(paper.suspended > 0 ? M.allSuspended(paper.suspended) : M.cardsOnly(paper.cards));
    }
    const scope: ExamScope = {
      questions, ...(o.deck !== undefined ? { deck: o.deck } : {}), ...(o.tag !== undefined ? { tag: o.tag } : {}),
      ...(o.bank && o.bank.length > 0 ? { bank: o.bank.map((d) => resolve(d)) } : {}), lang,
    };
    if (paper.items.some((it) => it.type === 'generated')) await prepareGenerators();
    if (paper.items.some((it) => it.type === 'diagram')) await prepareDiagrams();
    practice = await openPractice(examWords(), out, o.json ? process.stderr : undefined);
    const runner = new ExamRunner({
      store: ctx.store, paper, wanted: questions, byId: bank.byId, deckOrder, lang, io: practice.io,
      clock: ctx.clock, config: ctx.config, scheduler: schedulerFor(ctx.config), minutes, scope, present,
      prepareFormula: prepareFormulas, stopped: practice.stopped,
    });
    const result = await runner.run();
    const titles = deckTitles(bank, lang);
    const retake = retakeCommand(seed, minutes, scope);
    if (o.json) {
      out(examText.overJson(result.ended, result.totals.correct, result.totals.questions));
      printJson(resultJson(result, seed, minutes, titles, retake));
      return;
    }
    out(renderExamReport({
      ended: result.ended, usedMs: result.usedMs, minutes, totals: result.totals,
      perDeck: result.perDeck.map((d) => ({ ...d, title: titles.get(d.deck) ?? d.deck })),
      items: result.items, presented: result.presented, recorded: result.recorded, again: result.again,
      leeches: result.leeches, kept: result.examId !== null, slips: result.slips,
    }));
    printRaw(`  ${retake}`);
  } finally {
    practice?.close();
    ctx.store.close();
  }
}

async function history(o: ExamFlags): Promise<void> {
  const ctx = openStudy(o);
  try {
    const rows = new ExamLog(ctx.store).list();
    const { historyData, lastRetake, renderHistory } = await import('../quiz/exam/history');
    if (o.json) {
      printJson(historyData(rows));
      return;
    }
    print(renderHistory(rows));
    // Printed as it is, never wrapped: it is there to be copied.
    const retake = lastRetake(rows);
    if (retake) printRaw(`  ${retake}`);
  } finally {
    ctx.store.close();
  }
}

function deckTitles(bank: Bank, lang: Lang): Map<string, string> {
  return new Map(bank.decks.map((d) => [d.id, textIn(d.title, lang)]));
}

function resultJson(r: ExamOutcome, seed: number, minutes: number, titles: Map<string, string>, retake: string): Record<string, unknown> {
  return {
    exam_id: r.examId,
    seed,
    day: r.day,
    started_at: r.startedAt.toISOString(),
    ended_at: r.endedAt.toISOString(),
    minutes,
    ended: r.ended,
    time_used_s: Math.round(r.usedMs / 100) / 10,
    questions: r.totals.questions,
    answered: r.totals.answered,
    correct: r.totals.correct,
    score: r.totals.score,
    score_text: pct(r.totals.correct, r.totals.questions),
    per_deck: r.perDeck.map((d) => ({ ...d, title: titles.get(d.deck) ?? d.deck, score: d.questions > 0 ? d.correct / d.questions : 0 })),
    items: r.items.map((it, i) => {
      const p = r.presented[i]!;
      return {
        n: i + 1,
        id: it.id,
        deck: it.deck,
        type: it.type,
        answered: it.answered,
        correct: it.answered && it.correct,
        given: it.given,
        answer: p.answerText,
        ...(p.params ? { params: p.params } : {}),
      };
    }),
    recorded: r.recorded,
    again: r.again,
    leeches: r.leeches,
    retake,
  };
}
