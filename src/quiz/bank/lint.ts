/**
 * `dlnotes bank lint`: everything the loader checks (schema, registries,
 * duplicate ids) plus what needs the heavy parts: LaTeX that does not parse,
 * formula keys that do not compile, use undeclared variables or are not
 * finite in their ranges, keys that fail their own grader, unknown
 * templates or options, and templates whose answers fail their own grader.
 * Every problem is reported, each at file:line:col.
 */
import { fmtNum } from '../../core/format';
import { seededRng } from '../../core/random';
import { latexProblems, parseLatex } from '../../render/latex';
import { letter } from '../grade/choice';
import type { Expected, Generator, OptionType } from '../generators/types';
import { GENERATORS } from '../generators/index';
import { LANGS } from '../lang';
import { tr } from '../../core/text';
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
import { sortProblems, type BankProblem } from './problems';

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
      const report = (field: string, message: string): void => {
        const [line, col] = at(field);
        problems.push({ file: q.file, line, col, message });
      };
      for (const p of lintQuestion(q, fields, seeds)) report(p.field, p.message);
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
    out.push({
      file: file.file, line: file.deck.pos[0], col: file.deck.pos[1], ids,
      message: `in ${ids.length} of ${s.single} single-answer choice questions (${pct}%, ${worst}) the key is the uniquely longest option, so the longest can be guessed; keep it at most ${Math.round(LONGEST_KEY_SHARE * 100)}% by lengthening a distractor or tightening the key (e.g. ${ids.slice(0, 3).join(', ')})`,
    });
  }
  return out;
}

interface FieldProblem {
  field: string;
  message: string;
}

/** The deep checks of one structurally valid question. */
export function lintQuestion(q: Question, fields: FieldPositions, seeds: number[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const text = (t: Text | undefined, field: string): void => {
    if (t === undefined) return;
    if (typeof t === 'string') {
      for (const m of latexProblems(t)) out.push({ field, message: m });
      return;
    }
    for (const lang of LANGS) for (const m of latexProblems(t[lang])) out.push({ field: `${field}.${lang}`, message: m });
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
        try {
          parseLatex(q.display);
        } catch (e) {
          out.push({ field: 'display', message: `display LaTeX does not parse: ${(e as Error).message}` });
        }
      }
      break;
    case 'cloze':
      for (const lang of LANGS) {
        const p = present(q, lang, seededRng(1));
        if (!p.grade(p.answerText).correct) out.push({ field: 'prompt', message: `the ${lang} blanks' own answers (${p.answerText}) do not pass the grader` });
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
  if (!d) return [{ field: 'diagram', message: `unknown diagram "${id}" (dlnotes diagram --list lists them)` }];
  const out: FieldProblem[] = [];
  const slots = slotsOf(d);
  blanks.forEach((key, i) => {
    const label = d.labels[key];
    if (!label) {
      out.push({ field: `blanks.${i}`, message: `"${key}" is not a label of ${id}; its labels: ${[...new Set(slots.map((s) => s.key))].join(', ')}` });
      return;
    }
    const tight = slots.filter((s) => s.key === key && s.width < `(${blanks.length})`.length);
    if (tight.length > 0) out.push({ field: `blanks.${i}`, message: `the slot of "${key}" is ${tight[0]!.width} columns wide, too narrow for a blank number` });
    const mine = new Set(labelAnswers(label).map((a) => a.toLowerCase()));
    const seen = slots.find((s) => !blanks.includes(s.key) && LANGS.some((lang) => {
      const other = d.labels[s.key];
      return other !== undefined && mine.has(tr(other.text, lang).toLowerCase());
    }));
    if (seen) out.push({ field: `blanks.${i}`, message: `blank "${key}" is given away: label "${seen.key}" shows the same text; blank it too or choose another` });
  });
  if (out.length > 0) return out;
  const numbers = new Map(blankOrder(d, blanks).map((k, i) => [k, i + 1]));
  for (const lang of LANGS) {
    const wide = Math.max(...diagramArt(d, lang, numbers).map(displayWidth));
    if (wide > DIAGRAM_COLUMNS) out.push({ field: 'diagram', message: `diagram ${id} is ${wide} columns wide in ${lang} with these blanks; keep it within ${DIAGRAM_COLUMNS}` });
    const p = show(lang);
    const key = p.answerText.replace(/\(\d+\) /g, '');
    const r = p.grade(key);
    if (!r.correct) out.push({ field: 'blanks', message: `the ${lang} labels (${key}) do not pass the grader: ${r.feedback}` });
  }
  return out;
}

function selfGrade(q: Question, input: string, field: string, shown: Question = q): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const lang of LANGS) {
    const r = present(shown, lang, seededRng(1)).grade(input);
    if (!r.correct) return [{ field, message: `the key "${input}" does not pass its own grader (${r.feedback})` }];
  }
  return problems;
}

/** A listed slip must be a wrong answer that its grader names as that slip. */
function slipGrade(q: Question, input: string, id: string, field: string): FieldProblem[] {
  const r = present(q, 'en', seededRng(1)).grade(input);
  if (r.correct) return [{ field, message: `the slip answer "${input}" is graded right: a slip lists a wrong answer` }];
  if (!r.slips?.some((s) => s.id === id)) return [{ field, message: `the slip answer "${input}" is not named as ${id} by the grader (${r.feedback})` }];
  return [];
}

function duplicateChoices(choices: Text[]): FieldProblem[] {
  const seen = new Map<string, number>();
  const out: FieldProblem[] = [];
  choices.forEach((c, i) => {
    const key = typeof c === 'string' ? c : c.en;
    const prev = seen.get(key);
    if (prev !== undefined) out.push({ field: `choices.${i}`, message: `choice ${letter(i)} repeats choice ${letter(prev)}` });
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
      out.push({ field: `options.${name}`, message: `template ${gen.id} has no option "${name}"; ${names.length ? `its options: ${names.join(', ')}` : 'it takes no options'}` });
    } else if (!optionFits(type, value)) {
      out.push({ field: `options.${name}.value`, message: `option ${name} of ${gen.id} must be ${describeOption(type)}, got ${JSON.stringify(value)}` });
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

function describeOption(type: OptionType | readonly string[]): string {
  if (Array.isArray(type)) return `one of ${type.join(', ')}`;
  return type === 'boolean' ? 'true or false' : type === 'integer' ? 'an integer' : `a ${String(type)}`;
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
    return [{ field: 'template', message: `unknown template "${template}"; ${known.length ? `known: ${known.join(', ')}` : 'no templates are registered'}` }];
  }
  const opts = optionProblems(gen, options);
  if (opts.length > 0) return opts;
  for (const seed of seeds) {
    const problem = drawOrError(gen, seed, options);
    if (typeof problem === 'string') return [{ field: 'template', message: problem }];
    for (const lang of LANGS as readonly Lang[]) {
      if (problem.prompt[lang].trim() === '') return [{ field: 'template', message: `template ${template} (seed ${seed}) drew an empty ${lang} prompt` }];
      const part = expectedPart(problem.expected, lang);
      const key = keyInput(problem.expected);
      const r = part.grade(key);
      if (!r.correct) return [{ field: 'template', message: `template ${template} (seed ${seed}): its own answer ${key} does not pass its grader (${r.feedback})` }];
    }
  }
  return [];
}

function drawOrError(gen: Generator, seed: number, options: Record<string, unknown> | undefined): ReturnType<Generator['generate']> | string {
  try {
    return gen.generate(seededRng(seed), options);
  } catch (e) {
    return `template ${gen.id} failed with seed ${seed}: ${(e as Error).message}`;
  }
}
