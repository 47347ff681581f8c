/**
 * One review's question, ready to show and grade: the prompt in the chosen
 * language with LaTeX shown as Unicode, how to ask for the answer, the
 * correct answer as text, and a grader for one line of input. Generated
 * questions are drawn here with the given random source.
 *
 * Formula grading needs the expression parser and generated questions need
 * every calculator's core, so both are loaded lazily:
 * `await prepareGenerators()` before present() on a generated question and
 * `await prepareFormulas()` before grade() on a formula question (or
 * `preparePresent()` for both). The first question appears without that cost.
 */
import { parseAssignments, parseTuple, REASON, type Tolerance } from '../core/answer';
import { checkQuantity, type Quantity } from '../core/check';
import { InputError } from '../core/errors';
import { bi, msg, tr } from '../core/text';
import { fmtInt, fmtNum } from '../core/format';
import type { Rng } from '../core/random';
import { shuffled } from '../core/random';
import { UsageError } from '../errors';
import { renderMathText } from '../render/latex';
import { checkLetters, letter, parseLetters } from './grade/choice';
import type { SlipId } from '../core/slips';
import { checkBlank, markBlanks, parseCloze, splitBlankAnswers } from './grade/cloze';
import type { Expected } from './generators/types';
import { textIn } from './lang';
import type {
  CardQuestion, ChoiceQuestion, ClozeQuestion, FormulaQuestion, GeneratedQuestion, GradeResult, Lang,
  NumericQuestion, Presented, PresentFn, Question, Text,
} from './types';

const M = {
  right: bi('right', '正确'),
  selfGraded: bi('a card is self-graded: rate how well you knew it', '卡片由你自评：请评价你掌握得怎么样'),
  blanks: msg((n: number, got: number) => `give ${n} answer${n > 1 ? 's separated by ";"' : ''}, got ${got}`,
    (n, got) => `请给出 ${n} 个答案${n > 1 ? '（用 ; 分隔）' : ''}，收到 ${got} 个`),
  expected: msg((list: string) => `expected ${list}`, (list) => `应为 ${list}`),
  emptyBlank: bi('empty answer', '答案为空'),
  unknownTemplate: msg((where: string, template: string, id: string) => `${where}: unknown template "${template}" in question ${id} (\`dlnotes bank templates\` lists them)`,
    (where, template, id) => `${where}：题目 ${id} 用了未知的模板 "${template}"（\`dlnotes bank templates\` 列出全部）`),
  count: msg((want: number, got: number, labels: string) => `give ${want} numbers${labels ? ` (${labels})` : ''}, got ${got}`,
    (want, got, labels) => `请给出 ${want} 个数${labels ? `（${labels}）` : ''}，收到 ${got} 个`),
};

/** A grader's verdict with its text in the question's language. */
function inLang(v: { correct: boolean; feedback: Text; given: string; unreadable?: boolean }, lang: Lang): GradeResult {
  return { correct: v.correct, feedback: tr(v.feedback, lang), given: v.given, ...(v.unreadable ? { unreadable: true } : {}) };
}

type FormulaModule = typeof import('./grade/formula');
let formulaModule: FormulaModule | undefined;
type GeneratorsModule = typeof import('./generators/index');
let generatorsModule: GeneratorsModule | undefined;
type DiagramsModule = typeof import('./diagram');
let diagramsModule: DiagramsModule | undefined;

/** Loads what grading formula questions needs (the formula grader). Idempotent; call before grade() on a formula question. */
export async function prepareFormulas(): Promise<void> {
  formulaModule ??= await import('./grade/formula');
}

/**
 * Loads the generated-problem templates (every calculator's core). Idempotent;
 * call before present() on a generated question. Kept out of the start so
 * that a session whose first question is not generated shows it sooner.
 */
export async function prepareGenerators(): Promise<void> {
  generatorsModule ??= await import('./generators/index');
}

/** Loads the architecture diagrams (src/core/diagrams). Idempotent; call before present() on a diagram question. */
export async function prepareDiagrams(): Promise<void> {
  diagramsModule ??= await import('./diagram');
}

/** What presenting `q` needs loaded first (a generated or diagram question), if anything. */
export function prepareQuestion(q: Question): Promise<void> {
  if (q.type === 'generated') return prepareGenerators();
  if (q.type === 'diagram') return prepareDiagrams();
  return Promise.resolve();
}

/** Loads everything present() and grade() may need, for callers that show many kinds (lint, bank show). */
export async function preparePresent(): Promise<void> {
  await Promise.all([prepareFormulas(), prepareGenerators(), prepareDiagrams()]);
}

/** Whether preparePresent() has completed. */
export function presentReady(): boolean {
  return formulaModule !== undefined;
}

/** Text in a language, LaTeX shown as Unicode. */
export function showText(text: Text, lang: Lang): string {
  return renderMathText(textIn(text, lang));
}

/** Presents a question in `lang`; `rng` shuffles choices and draws generated problems. */
export function present(q: Question, lang: Lang, rng: Rng): Presented {
  const common = {
    questionId: q.id,
    type: q.type,
    ...(q.hint !== undefined ? { hint: showText(q.hint, lang) } : {}),
    ...(q.explanation !== undefined ? { explanation: showText(q.explanation, lang) } : {}),
  };
  const prompt = q.prompt !== undefined ? showText(q.prompt, lang) : '';
  switch (q.type) {
    case 'card': return { ...common, prompt, ...presentCard(q, lang) };
    case 'choice': return { ...common, prompt, ...presentChoice(q, lang, rng) };
    case 'numeric': return { ...common, prompt, ...presentNumeric(q, lang) };
    case 'formula': return { ...common, prompt, ...presentFormula(q, lang) };
    case 'cloze': return { ...common, ...presentCloze(q, lang) };
    case 'generated': return { ...common, ...presentGenerated(q, lang, rng, prompt) };
    case 'diagram': {
      if (!diagramsModule) throw new Error('internal: call prepareDiagrams() before presenting a diagram question');
      return { ...common, ...diagramsModule.presentDiagram(q, lang, prompt) };
    }
  }
}

type Part = Omit<Presented, 'questionId' | 'type' | 'hint' | 'explanation' | 'prompt'> & { prompt?: string };

function presentCard(q: CardQuestion, lang: Lang): Part {
  return {
    mode: { kind: 'reveal' },
    answerText: showText(q.answer, lang),
    grade: (input) => ({ correct: false, feedback: tr(M.selfGraded, lang), given: input.trim() }),
  };
}

function presentChoice(q: ChoiceQuestion, lang: Lang, rng: Rng): Part {
  const indices = q.choices.map((_, i) => i);
  const order = q.shuffle ? shuffled(rng, indices) : indices;
  const choices = order.map((i) => showText(q.choices[i]!, lang));
  const correct = order.flatMap((orig, shown) => (q.answer.includes(orig) ? [shown] : []));
  // The bank's known wrong answers, at the positions the choices are shown in.
  const slips = (q.slips ?? []).map((s) => ({ shown: s.answer.map((orig) => order.indexOf(orig)).sort((a, b) => a - b), id: s.slip, text: s.explanation }));
  return {
    mode: { kind: 'choice', choices, multiple: q.answer.length > 1 },
    answerText: correct.map((k) => `${letter(k)}) ${choices[k]}`).join('; '),
    grade: (input) => {
      const v = inLang(checkLetters(input, correct, choices.length), lang);
      if (v.correct || slips.length === 0) return v;
      const given = parseLetters(input, choices.length);
      const hit = given && slips.filter((s) => s.shown.length === given.length && s.shown.every((x, i) => x === given[i]));
      return hit && hit.length > 0 ? { ...v, slips: hit.map((s) => ({ id: s.id, text: showText(s.text, lang) })) } : v;
    },
  };
}

function presentNumeric(q: NumericQuestion, lang: Lang): Part {
  const tol: Tolerance = { ...(q.tolerance !== undefined ? { abs: q.tolerance } : {}), ...(q.relTolerance !== undefined ? { rel: q.relTolerance } : {}) };
  const slack = q.tolerance ? ` (± ${fmtNum(q.tolerance)})` : q.relTolerance ? ` (± ${fmtNum(q.relTolerance * 100)}%)` : '';
  return {
    mode: { kind: 'number', ...(q.unit !== undefined ? { unit: q.unit } : {}) },
    // A count is shown as the calculators show counts: 31,467,520.
    answerText: `${q.count === true && Number.isInteger(q.answer) ? fmtInt(q.answer) : fmtNum(q.answer, 10)}${q.unit ? ` ${q.unit}` : ''}${slack}`,
    grade: (input) => gradeQuantity(stripUnit(input, q.unit), {
      label: '', expected: q.answer, real: q.count !== true, ...(q.tolerance !== undefined || q.relTolerance !== undefined ? { tol } : {}),
      ...(q.slips ? { slips: q.slips.map((s) => ({ id: s.slip as SlipId, expected: s.answer, text: showText(s.explanation, lang) })) } : {}),
    }, lang),
  };
}

/**
 * Grades one answer line against a quantity with the calculators' rules
 * (core/check.ts): exact counts, rounding credit, slips. Text that cannot be
 * read comes back `unreadable`, to be asked again.
 */
export function gradeQuantity(text: string, q: Quantity, lang: Lang): GradeResult {
  try {
    const c = checkQuantity(q, text);
    return {
      correct: c.ok,
      feedback: tr(c.reason === REASON.exact ? M.right : c.reason, lang),
      given: text.trim(),
      ...(c.approx ? { approx: true } : {}),
      ...(c.slips?.length ? { slips: c.slips.map((s) => ({ id: s.id, text: tr(s.text, lang) })) } : {}),
    };
  } catch (e) {
    if (e instanceof InputError) return { correct: false, unreadable: true, feedback: tr(e.text, lang), given: text.trim() };
    throw e;
  }
}

function stripUnit(input: string, unit?: string): string {
  const t = input.trim();
  if (unit && t.toLowerCase().endsWith(unit.toLowerCase())) return t.slice(0, t.length - unit.length).trim();
  return t;
}

function presentFormula(q: FormulaQuestion, lang: Lang): Part {
  const answerText = q.display !== undefined ? renderMathText(`$${q.display}$`) : q.answer;
  return {
    mode: { kind: 'formula', variables: Object.keys(q.variables) },
    answerText,
    grade: (input) => {
      if (!formulaModule) throw new Error('formula grading is not loaded: await preparePresent() before grading a formula question');
      return inLang(formulaModule.checkFormula(input, q, lang), lang);
    },
  };
}

const CLOZE = {
  count: msg(
    (want: number, got: number) => `give ${want} answer${want > 1 ? 's separated by ";"' : ''}, got ${got}`,
    (want, got) => `请给出 ${want} 个答案${want > 1 ? '，用 ";" 分隔' : ''}，收到 ${got} 个`,
  ),
  empty: msg(
    (which: string[], want: number) => `blank ${which.join(', ')} ${which.length > 1 ? 'are' : 'is'} empty: write ${want > 1 ? 'one answer per blank, separated by ";"' : 'the answer'}`,
    (which, want) => `第 ${which.join('、')} 空没有填：${want > 1 ? '每空写一个答案，用 ";" 分隔' : '请写出答案'}`,
  ),
};

function presentCloze(q: ClozeQuestion, lang: Lang): Part & { prompt: string } {
  const mine = parseCloze(textIn(q.prompt, lang));
  const other = parseCloze(textIn(q.prompt, lang === 'zh' ? 'en' : 'zh'));
  const prompt = renderMathText(markBlanks(textIn(q.prompt, lang))).replace(/⟦(\d+)⟧/g, (_, n: string) => `____(${n})`);
  const blanks = mine.blanks.map((alts, i) => [...alts, ...(other.blanks[i] ?? [])]);
  return {
    prompt,
    mode: { kind: 'cloze', blanks: blanks.length },
    answerText: mine.blanks.map((alts) => alts[0]).join('; '),
    grade: (input) => {
      const given = splitBlankAnswers(input);
      // Never graded, asked again: a wrong count or an empty blank (";;") is not an answer.
      if (given.length !== blanks.length) {
        return { correct: false, unreadable: true, feedback: tr(CLOZE.count(blanks.length, given.length), lang), given: given.join('; ') };
      }
      const empty = given.flatMap((g, i) => (g === '' ? [`(${i + 1})`] : []));
      if (empty.length > 0) return { correct: false, unreadable: true, feedback: tr(CLOZE.empty(empty, blanks.length), lang), given: given.join('; ') };
      const verdicts = given.map((g, i) => checkBlank(g, blanks[i]!));
      const wrong = verdicts.flatMap((v, i) => (v.ok ? [] : [`(${i + 1}) ${v.expected}`]));
      return { correct: wrong.length === 0, feedback: tr(wrong.length === 0 ? M.right : M.expected(wrong.join(', ')), lang), given: given.join('; ') };
    },
  };
}

function presentGenerated(q: GeneratedQuestion, lang: Lang, rng: Rng, lead: string): Part & { prompt: string } {
  if (!generatorsModule) throw new Error('internal: call prepareGenerators() before presenting a generated question');
  const gen = generatorsModule.GENERATORS.get(q.template);
  if (!gen) throw new UsageError(M.unknownTemplate(`${q.file}:${q.line}`, q.template, q.id));
  const problem = gen.generate(rng, q.options);
  const body = renderMathText(problem.prompt[lang]);
  const slips = problem.expected.kind === 'choice' ? [] : [...new Set((problem.expected.slips ?? []).map((s) => s.id))];
  return {
    prompt: lead ? `${lead}\n${body}` : body,
    ...expectedPart(problem.expected, lang),
    solution: problem.solution,
    params: problem.params,
    ...(slips.length > 0 ? { slips } : {}),
  };
}

/** How to ask for and grade a generator's Expected answer. */
export function expectedPart(e: Expected, lang: Lang): Pick<Presented, 'mode' | 'answerText' | 'grade'> {
  switch (e.kind) {
    case 'number':
      return {
        mode: { kind: 'number', ...(e.unit !== undefined ? { unit: e.unit } : {}) },
        answerText: `${fmtNum(e.value)}${e.unit ? ` ${e.unit}` : ''}`,
        grade: (input) => gradeQuantity(stripUnit(input, e.unit), {
          label: '', expected: e.value, ...(e.tol ? { tol: e.tol } : {}), ...(e.real ? { real: true } : {}), ...(e.slips ? { slips: e.slips } : {}),
        }, lang),
      };
    case 'tuple': {
      const first = e.orders[0] ?? [];
      const shape = !e.labels && !e.list && first.every(Number.isInteger);
      const answerText = e.labels
        ? first.map((v, i) => `${e.labels![i] ?? i + 1} = ${fmtNum(v)}`).join(', ')
        : first.map((v) => fmtNum(v)).join(shape ? '×' : ', ');
      return {
        mode: { kind: 'tuple', ...(e.labels ? { labels: e.labels } : {}) },
        answerText,
        grade: (input) => {
          const text = e.labels ? byLabels(input, e.labels) : input.trim();
          // Fewer or more numbers than asked for did not answer the question: asked again, not graded.
          // A list (which boxes NMS keeps) is different: how many it has is part of the answer.
          const parts = parseTuple(text);
          if (parts && !e.list && !e.orders.some((o) => o.length === parts.length)) {
            return { correct: false, unreadable: true, feedback: tr(M.count(first.length, parts.length, e.labels?.join(' × ') ?? ''), lang), given: input.trim() };
          }
          return {
            ...gradeQuantity(text, { label: '', expected: e.orders, ...(e.tol ? { tol: e.tol } : {}), ...(e.slips ? { slips: e.slips } : {}) }, lang),
            given: input.trim(),
          };
        },
      };
    }
    case 'choice': {
      const choices = e.choices.map((c) => renderMathText(c[lang]));
      return {
        mode: { kind: 'choice', choices, multiple: e.correct.length > 1 },
        answerText: e.correct.map((k) => `${letter(k)}) ${choices[k]}`).join('; '),
        grade: (input) => inLang(checkLetters(input, e.correct, choices.length), lang),
      };
    }
  }
}

/** "dx=1, dy=2" in any order -> "1, 2" in label order; other input unchanged. */
function byLabels(input: string, labels: string[]): string {
  const named = input.includes('=') ? parseAssignments(input) : null;
  if (!named) return input.trim();
  const values = labels.map((l) => named.get(l));
  return values.every((v) => v !== undefined) && named.size === labels.length ? values.join(', ') : input.trim();
}
present satisfies PresentFn;
