/**
 * `dlnotes bank lint`: everything the loader checks (schema, registries,
 * duplicate ids) plus what needs the heavy parts: LaTeX that does not parse,
 * formula keys that do not compile, use undeclared variables or are not
 * finite in their ranges, keys that fail their own grader, unknown
 * templates or options, and templates whose answers fail their own grader.
 * Every problem is reported, each at file:line:col.
 */
import { fmtNum } from '../../core/format';
import { InputError } from '../../core/errors';
import { seededRng } from '../../core/random';
import { displayProblem, latexProblems } from './latex-problems';
import { letter } from '../grade/choice';
import type { Expected, Generator, OptionType } from '../generators/types';
import { GENERATORS } from '../generators/index';
import { LANGS } from '../lang';
import { bi, msg, tr } from '../../core/text';
import { expectedPart, preparePresent, present } from '../present';
import type { Lang, Question, Text } from '../types';
import type { FieldPositions } from './fields';
import { diagramById } from '../../core/diagrams/index';
import { blankOrder, slotsOf } from '../../core/diagrams/slots';
import { diagramArt } from '../../render/diagram';
import { displayWidth } from '../../render/table';
import { labelAnswers } from '../grade/diagram';
import { longestKeyShare, overLongestKeyLimit, LONGEST_KEY_SHARE } from './choice-length';
import { readBank, type BankRead, type LoadOptions } from './load';
import { bankProblem, sortProblems, type BankProblem } from './problems';

/** What lint finds beyond the loader, in both languages (the author may write questions in --lang zh). */
const M = {
  longest: msg((n: number, single: number, pct: number, lang: Lang, limit: number, examples: string) =>
    `in ${n} of ${single} single-answer choice questions (${pct}%, ${lang}) the key is the uniquely longest option, so the longest can be guessed; keep it at most ${limit}% by lengthening a distractor or tightening the key (e.g. ${examples})`,
  (n, single, pct, lang, limit, examples) =>
    `${single} 道单选题中有 ${n} 道（${pct}%，${lang}）的正确选项是唯一最长的，学生挑最长的就能猜对；请加长干扰项或精简正确选项，把比例控制在 ${limit}% 以内（例如 ${examples}）`),
  clozeKey: msg((lang: Lang, answers: string) => `the ${lang} blanks' own answers (${answers}) do not pass the grader`,
    (lang, answers) => `${lang} 的空自己的答案（${answers}）通不过评分`),
  noDiagram: msg((id: string) => `unknown diagram "${id}" (dlnotes diagram --list lists them)`, (id) => `未知的图 "${id}"（dlnotes diagram --list 列出全部）`),
  notLabel: msg((key: string, id: string, labels: string) => `"${key}" is not a label of ${id}; its labels: ${labels}`,
    (key, id, labels) => `"${key}" 不是 ${id} 的标签；它的标签：${labels}`),
  narrow: msg((key: string, width: number) => `the slot of "${key}" is ${width} columns wide, too narrow for a blank number`,
    (key, width) => `"${key}" 的位置只有 ${width} 列宽，放不下空的编号`),
  givenAway: msg((key: string, other: string) => `blank "${key}" is given away: label "${other}" shows the same text; blank it too or choose another`,
    (key, other) => `空 "${key}" 的答案被泄露了：标签 "${other}" 显示同样的文字；把它也挖空，或换一个空`),
  tooWide: msg((id: string, wide: number, lang: Lang, max: number) => `diagram ${id} is ${wide} columns wide in ${lang} with these blanks; keep it within ${max}`,
    (id, wide, lang, max) => `挖空后图 ${id} 的 ${lang} 版本有 ${wide} 列宽；请控制在 ${max} 列以内`),
  labelsFail: msg((lang: Lang, key: string, feedback: string) => `the ${lang} labels (${key}) do not pass the grader: ${feedback}`,
    (lang, key, feedback) => `${lang} 的标签（${key}）通不过评分：${feedback}`),
  keyFails: msg((input: string, feedback: Text) => `the key "${input}" does not pass its own grader (${tr(feedback, 'en')})`,
    (input, feedback) => `答案 "${input}" 通不过它自己的评分（${tr(feedback, 'zh')}）`),
  slipRight: msg((input: string) => `the slip answer "${input}" is graded right: a slip lists a wrong answer`,
    (input) => `失误答案 "${input}" 被判为正确：slips 只能列出错误的答案`),
  slipUnnamed: msg((input: string, id: string, feedback: Text) => `the slip answer "${input}" is not named as ${id} by the grader (${tr(feedback, 'en')})`,
    (input, id, feedback) => `评分没有把失误答案 "${input}" 认作 ${id}（${tr(feedback, 'zh')}）`),
  repeats: msg((a: string, b: string) => `choice ${a} repeats choice ${b}`, (a, b) => `选项 ${a} 与选项 ${b} 重复`),
  noOption: msg((id: string, name: string, names: string) => `template ${id} has no option "${name}"; ${names ? `its options: ${names}` : 'it takes no options'}`,
    (id, name, names) => `模板 ${id} 没有选项 "${name}"；${names ? `它的选项：${names}` : '它不接受任何选项'}`),
  optionType: msg((name: string, id: string, type: Text, got: string) => `option ${name} of ${id} must be ${tr(type, 'en')}, got ${got}`,
    (name, id, type, got) => `${id} 的选项 ${name} 应是${tr(type, 'zh')}，收到 ${got}`),
  oneOf: msg((values: string) => `one of ${values}`, (values) => ` ${values} 之一`),
  boolean: bi('true or false', ' true 或 false'),
  integer: bi('an integer', '整数'),
  number: bi('a number', '数字'),
  string: bi('a string', '文本'),
  unknownTemplate: msg((template: string, known: string) => `unknown template "${template}"; ${known ? `known: ${known}` : 'no templates are registered'}`,
    (template, known) => `未知的模板 "${template}"；${known ? `已有：${known}` : '没有注册任何模板'}`),
  emptyPrompt: msg((template: string, seed: number, lang: Lang) => `template ${template} (seed ${seed}) drew an empty ${lang} prompt`,
    (template, seed, lang) => `模板 ${template}（种子 ${seed}）生成的 ${lang} 题干是空的`),
  ownAnswer: msg((template: string, seed: number, key: string, feedback: string) => `template ${template} (seed ${seed}): its own answer ${key} does not pass its grader (${feedback})`,
    (template, seed, key, feedback) => `模板 ${template}（种子 ${seed}）：它自己的答案 ${key} 通不过评分（${feedback}）`),
  failed: msg((template: string, seed: number, error: Text) => `template ${template} failed with seed ${seed}: ${tr(error, 'en')}`,
    (template, seed, error) => `模板 ${template} 在种子 ${seed} 时出错：${tr(error, 'zh')}`),
};

export interface LintOptions extends LoadOptions {
  /** Seeds each generated question is drawn with (default 1..8). */
  seeds?: number[];
}

export interface LintResult {
  read: BankRead;
  problems: BankProblem[];
  /** Habits worth fixing that do not make the bank wrong (lint still exits 0). */
  warnings: BankWarning[];
}

/** A warning about a deck as a whole; `ids` are the questions it is about. */
export interface BankWarning extends BankProblem {
  ids?: string[];
}

export async function lintBank(dirs: string[], opts: LintOptions = {}): Promise<LintResult> {
  await preparePresent();
  const read = readBank(dirs, { ...opts, positions: true });
  const problems = [...read.problems];
  const seeds = opts.seeds ?? [1, 2, 3, 4, 5, 6, 7, 8];
  for (const file of read.files) {
    file.questions.forEach((q, i) => {
      const fields = file.fields[i] ?? {};
      const at = (field: string): [number, number] => fields[field] ?? fields[field.split('.')[0]!] ?? [q.line, 1];
      for (const p of lintQuestion(q, fields, seeds)) problems.push(bankProblem(q.file, at(p.field), p.text));
    });
  }
  return { read, problems: sortProblems(problems), warnings: deckWarnings(read) };
}

/** Decks where the right option of single-answer choices is too often the longest. */
function deckWarnings(read: BankRead): BankWarning[] {
  const out: BankWarning[] = [];
  for (const file of read.files) {
    if (!file.deck) continue;
    const s = longestKeyShare(file.questions);
    if (!overLongestKeyLimit(s)) continue;
    const worst = LANGS.reduce((a, b) => (s.longest[b].length > s.longest[a].length ? b : a));
    const ids = s.longest[worst];
    const pct = Math.round((100 * ids.length) / s.single);
    const text = M.longest(ids.length, s.single, pct, worst, Math.round(LONGEST_KEY_SHARE * 100), ids.slice(0, 3).join(', '));
    out.push({ ...bankProblem(file.file, file.deck.pos, text), ids });
  }
  return out;
}

export interface FieldProblem {
  field: string;
  text: Text;
}

/** The deep checks of one structurally valid question. */
export function lintQuestion(q: Question, fields: FieldPositions, seeds: number[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const text = (t: Text | undefined, field: string): void => {
    if (t === undefined) return;
    if (typeof t === 'string') {
      for (const m of latexProblems(t)) out.push({ field, text: m });
      return;
    }
    for (const lang of LANGS) for (const m of latexProblems(t[lang])) out.push({ field: `${field}.${lang}`, text: m });
  };
  text(q.prompt, 'prompt');
  text(q.explanation, 'explanation');
  text(q.hint, 'hint');
  switch (q.type) {
    case 'card':
      text(q.answer, 'answer');
      break;
    case 'choice':
      q.choices.forEach((c, i) => text(c, `choices.${i}`));
      out.push(...duplicateChoices(q.choices));
      out.push(...selfGrade(q, q.answer.map(letter).join(','), 'answer', { ...q, shuffle: false }));
      q.slips?.forEach((sl, i) => {
        text(sl.explanation, `slips.${i}.explanation`);
        out.push(...slipGrade({ ...q, shuffle: false }, sl.answer.map(letter).join(','), sl.slip, `slips.${i}.answer`));
      });
      break;
    case 'numeric':
      out.push(...selfGrade(q, String(q.answer), 'answer'));
      out.push(...selfGrade(q, fmtNum(q.answer), 'answer'));
      q.slips?.forEach((sl, i) => {
        text(sl.explanation, `slips.${i}.explanation`);
        out.push(...slipGrade(q, String(sl.answer), sl.slip, `slips.${i}.answer`));
      });
      break;
    case 'formula':
      // The key itself is checked when the deck is parsed (parse.ts), for the quiz too.
      if (q.display !== undefined) {
        const problem = displayProblem(q.display);
        if (problem) out.push({ field: 'display', text: problem });
      }
      break;
    case 'cloze':
      for (const lang of LANGS) {
        const p = present(q, lang, seededRng(1));
        if (!p.grade(p.answerText).correct) out.push({ field: 'prompt', text: M.clozeKey(lang, p.answerText) });
      }
      break;
    case 'generated':
      out.push(...lintGenerated(q.template, q.options, seeds));
      break;
    case 'diagram':
      out.push(...lintDiagram(q.diagram, q.blanks, (lang) => present(q, lang, seededRng(1))));
      break;
  }
  return out;
}

/** The widest a diagram question's prompt may be: an 80-column terminal. */
const DIAGRAM_COLUMNS = 80;

/**
 * A diagram question: the diagram exists, every blank is one of its labels
 * and leaves room for its number, no blank is given away by the same text
 * showing elsewhere, the prompt fits 80 columns and the labels' own text
 * passes the grader in both languages.
 */
export function lintDiagram(id: string, blanks: string[], show: (lang: Lang) => ReturnType<typeof present>): FieldProblem[] {
  const d = diagramById(id);
  if (!d) return [{ field: 'diagram', text: M.noDiagram(id) }];
  const out: FieldProblem[] = [];
  const slots = slotsOf(d);
  blanks.forEach((key, i) => {
    const label = d.labels[key];
    if (!label) {
      out.push({ field: `blanks.${i}`, text: M.notLabel(key, id, [...new Set(slots.map((s) => s.key))].join(', ')) });
      return;
    }
    const tight = slots.filter((s) => s.key === key && s.width < `(${blanks.length})`.length);
    if (tight.length > 0) out.push({ field: `blanks.${i}`, text: M.narrow(key, tight[0]!.width) });
    const mine = new Set(labelAnswers(label).map((a) => a.toLowerCase()));
    const seen = slots.find((s) => !blanks.includes(s.key) && LANGS.some((lang) => {
      const other = d.labels[s.key];
      return other !== undefined && mine.has(tr(other.text, lang).toLowerCase());
    }));
    if (seen) out.push({ field: `blanks.${i}`, text: M.givenAway(key, seen.key) });
  });
  if (out.length > 0) return out;
  const numbers = new Map(blankOrder(d, blanks).map((k, i) => [k, i + 1]));
  for (const lang of LANGS) {
    const wide = Math.max(...diagramArt(d, lang, numbers).map(displayWidth));
    if (wide > DIAGRAM_COLUMNS) out.push({ field: 'diagram', text: M.tooWide(id, wide, lang, DIAGRAM_COLUMNS) });
    const p = show(lang);
    const key = p.answerText.replace(/\(\d+\) /g, '');
    const r = p.grade(key);
    if (!r.correct) out.push({ field: 'blanks', text: M.labelsFail(lang, key, r.feedback) });
  }
  return out;
}

function selfGrade(q: Question, input: string, field: string, shown: Question = q): FieldProblem[] {
  const grade = (lang: Lang) => present(shown, lang, seededRng(1)).grade(input);
  const failing = LANGS.find((lang) => !grade(lang).correct);
  return failing === undefined ? [] : [{ field, text: M.keyFails(input, feedbackIn(grade)) }];
}

/** A grader's feedback in both languages (it answers in one language per call). */
function feedbackIn(grade: (lang: Lang) => { feedback: string }): Text {
  return bi(grade('en').feedback, grade('zh').feedback);
}

/** A listed slip must be a wrong answer that its grader names as that slip. */
function slipGrade(q: Question, input: string, id: string, field: string): FieldProblem[] {
  const grade = (lang: Lang) => present(q, lang, seededRng(1)).grade(input);
  const r = grade('en');
  if (r.correct) return [{ field, text: M.slipRight(input) }];
  if (!r.slips?.some((s) => s.id === id)) return [{ field, text: M.slipUnnamed(input, id, feedbackIn(grade)) }];
  return [];
}

function duplicateChoices(choices: Text[]): FieldProblem[] {
  const seen = new Map<string, number>();
  const out: FieldProblem[] = [];
  choices.forEach((c, i) => {
    const key = typeof c === 'string' ? c : c.en;
    const prev = seen.get(key);
    if (prev !== undefined) out.push({ field: `choices.${i}`, text: M.repeats(letter(i), letter(prev)) });
    else seen.set(key, i);
  });
  return out;
}

/** The options a bank entry passes, checked against the generator's declared options. */
export function optionProblems(gen: Generator, options: Record<string, unknown> | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const declared = gen.options ?? {};
  for (const [name, value] of Object.entries(options ?? {})) {
    const type = declared[name];
    if (type === undefined) {
      const names = Object.keys(declared);
      out.push({ field: `options.${name}`, text: M.noOption(gen.id, name, names.join(', ')) });
    } else if (!optionFits(type, value)) {
      out.push({ field: `options.${name}.value`, text: M.optionType(name, gen.id, describeOption(type), JSON.stringify(value)) });
    }
  }
  return out;
}

function optionFits(type: OptionType | readonly string[], v: unknown): boolean {
  if (Array.isArray(type)) return typeof v === 'string' && type.includes(v);
  switch (type) {
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
  }
  return false;
}

function describeOption(type: OptionType | readonly string[]): Text {
  if (Array.isArray(type)) return M.oneOf(type.join(', '));
  return type === 'boolean' ? M.boolean : type === 'integer' ? M.integer : type === 'number' ? M.number : M.string;
}

/** The text a student would type for an Expected answer (the key). */
export function keyInput(e: Expected): string {
  switch (e.kind) {
    case 'number': return fmtNum(e.value);
    case 'tuple': return (e.orders[0] ?? []).map((v) => fmtNum(v)).join(', ');
    case 'choice': return e.correct.map(letter).join(',');
  }
}

/** Draws a template with each seed: it must not throw, must have text in both languages, and its key must pass its grader. */
export function lintGenerated(template: string, options: Record<string, unknown> | undefined, seeds: number[]): FieldProblem[] {
  const gen = GENERATORS.get(template);
  if (!gen) {
    const known = [...GENERATORS.keys()];
    return [{ field: 'template', text: M.unknownTemplate(template, known.join(', ')) }];
  }
  const opts = optionProblems(gen, options);
  if (opts.length > 0) return opts;
  for (const seed of seeds) {
    const problem = drawOrError(gen, seed, options);
    if ('failed' in problem) return [{ field: 'template', text: problem.failed }];
    for (const lang of LANGS as readonly Lang[]) {
      if (problem.prompt[lang].trim() === '') return [{ field: 'template', text: M.emptyPrompt(template, seed, lang) }];
      const key = keyInput(problem.expected);
      const r = expectedPart(problem.expected, lang).grade(key);
      if (!r.correct) return [{ field: 'template', text: M.ownAnswer(template, seed, key, r.feedback) }];
    }
  }
  return [];
}

function drawOrError(gen: Generator, seed: number, options: Record<string, unknown> | undefined): ReturnType<Generator['generate']> | { failed: Text } {
  try {
    return gen.generate(seededRng(seed), options);
  } catch (e) {
    return { failed: M.failed(gen.id, seed, e instanceof InputError ? e.text : (e as Error).message) };
  }
}
