/** dlnotes quiz: today's spaced-repetition session (interactive in a terminal, one answer per line otherwise). */
import { currentLang } from '../render/lang';
import { prepareFormulas, prepareQuestion, present } from '../quiz/present';
import { Session } from '../quiz/session/runner';
import { LineIo, LineReader } from '../quiz/session/io-line';
import type { SessionIo } from '../quiz/session/io';
import { intFlag } from './flags';
import { examQuiz } from './quiz-exam';
import { print } from './output';
import { printProse } from './output';
import { loadStudyBank, openStudy, schedulerFor, scopeQuestions, type StudyFlags } from './study';

export interface QuizFlags extends StudyFlags {
  new?: string;
  limit?: string;
  shuffle?: boolean;
  cram?: boolean;
}

async function makeIo(interactive: boolean): Promise<SessionIo> {
  if (interactive) {
    const { PromptIo } = await import('../quiz/session/io-prompt');
    return new PromptIo(printProse);
  }
  return new LineIo(new LineReader(process.stdin), printProse);
}

export async function run(o: QuizFlags): Promise<void> {
  const newPerDay = intFlag('new', o.new, { min: 0 });
  const reviewsPerDay = intFlag('limit', o.limit, { min: 0 });
  const ctx = openStudy(o);
  const interactive = process.stdin.isTTY === true;
  let io: SessionIo | undefined;
  let stopped = false;
  const onSigint = (): void => {
    // Everything answered is already committed: stop asking and print the summary.
    stopped = true;
    io?.close();
  };
  // Output piped into a program that stopped reading (| head): end quietly, answers are saved.
  const onStdoutError = (e: NodeJS.ErrnoException): void => {
    if (e.code !== 'EPIPE' && !stopped) throw e;
    onSigint();
  };
  // Left attached: a broken pipe may be reported after the session has ended.
  process.stdout.on('error', onStdoutError);
  try {
    const bank = loadStudyBank(o, ctx.config);
    const questions = scopeQuestions(bank, o);
    const exam = examQuiz(ctx, questions, { cram: o.cram === true, ...(newPerDay !== undefined ? { newFlag: newPerDay } : {}), ...(reviewsPerDay !== undefined ? { limit: reviewsPerDay } : {}) });
    if (exam.notes.length > 0) print(exam.notes.join('\n'));
    const lang = currentLang();
    io = await makeIo(interactive);
    process.on('SIGINT', onSigint);
    const session = new Session({
      store: ctx.store,
      questions,
      present,
      lang,
      io,
      clock: ctx.clock,
      config: ctx.config,
      scheduler: schedulerFor(ctx.config),
      newPerDay: newPerDay ?? exam.newPerDay ?? ctx.config.new_per_day,
      reviewsPerDay: reviewsPerDay ?? ctx.config.reviews_per_day,
      shuffle: o.shuffle === true,
      ...(o.deck !== undefined ? { deck: o.deck } : {}),
      ...(o.tag !== undefined ? { tag: o.tag } : {}),
      stopped: () => stopped,
      prepareFormula: prepareFormulas,
      prepareQuestion,
      ...(exam.cram ? { cram: exam.cram } : {}),
    });
    await session.run();
  } finally {
    process.off('SIGINT', onSigint);
    io?.close();
    ctx.store.close();
    if (!interactive) process.stdin.destroy();
  }
}
