/** dlnotes bank lint [DIR...]: every problem of a bank, each as file:line:col; exit 1 when there are any. */
import { ExitError } from '../../errors';
import { lintBank } from '../../quiz/bank/lint';
import { formatProblem, problemText, type BankProblem } from '../../quiz/bank/problems';
import { CROSS, style, TICK } from '../../render/style';
import { intFlag } from '../flags';
import { print, printJson, printRaw } from '../output';
import { bankDirs } from './common';
import { bi, msg, plural, tr } from '../../core/text';
import { currentLang, t } from '../../render/lang';

const M = {
  clean: msg((decks: number, questions: number, warnings: number) => `${plural(decks, 'deck')}, ${plural(questions, 'question')}: no problems${warnings ? ` (${plural(warnings, 'warning')})` : ''}`,
    (decks, questions, warnings) => `${decks} 个卡组，${questions} 道题：没有问题${warnings ? `（${warnings} 个警告）` : ''}`),
  problems: msg((n: number, files: number, decks: number, questions: number) => `${plural(n, 'problem')} in ${plural(files, 'file')} (${plural(decks, 'deck')}, ${plural(questions, 'question')} read)`,
    (n, files, decks, questions) => `${files} 个文件中有 ${n} 个问题（已读取 ${decks} 个卡组、${questions} 道题）`),
  warning: bi('warning:', '警告：'),
};

/** A problem for --json, the same in both languages: `message` in English, `text` in both. */
function jsonProblem<P extends BankProblem>(p: P): P {
  return { ...p, text: { en: tr(p.text, 'en'), zh: tr(p.text, 'zh') } };
}

export interface LintFlags {
  json?: boolean;
  seeds?: string;
}

export async function run(dirs: string[], o: LintFlags): Promise<void> {
  const seedCount = intFlag('seeds', o.seeds, { min: 1, max: 10000 }) ?? 8;
  const { read, problems, warnings } = await lintBank(bankDirs({ bank: dirs }), { seeds: Array.from({ length: seedCount }, (_, i) => i + 1) });
  const decks = read.bank.decks.length;
  const questions = read.files.reduce((n, f) => n + f.questions.length, 0);
  const lang = currentLang();
  if (!o.json && warnings.length > 0) {
    printRaw(warnings.map((w) => `${w.file}:${w.line}:${w.col}: ${style.warn(t(M.warning))}${lang === 'zh' ? '' : ' '}${problemText(w, lang)}`).join('\n'));
  }
  if (o.json) {
    printJson({ ok: problems.length === 0, decks, questions, problems: problems.map(jsonProblem), warnings: warnings.map(jsonProblem) });
  } else if (problems.length === 0) {
    print(`${style.good(TICK)} ${t(M.clean(decks, questions, warnings.length))}`);
  } else {
    const files = new Set(problems.map((p) => p.file)).size;
    printRaw(problems.map((p) => formatProblem(p, lang)).join('\n'));
    print(`${style.bad(CROSS)} ${t(M.problems(problems.length, files, decks, questions))}`);
  }
  if (problems.length > 0) throw new ExitError(1);
}

