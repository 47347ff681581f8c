/**
 * Reads one deck file (docs/bank-format.md) into Question objects, checking
 * the schema and the registries and reporting every problem with its
 * file:line:col. Formula keys are checked here too (compile, finite, pass
 * their own grader), so the quiz refuses what lint rejects; checks that need
 * KaTeX or the generators (LaTeX, templates) are lint's (lint.ts): loading
 * stays fast.
 */
import type { BankSlip, Question, QuestionType } from '../types';
import { bi, msg, tr, type Text } from '../../core/text';
import { slipInfo } from '../../core/slips';
import { parseCloze } from '../grade/cloze';
import { formulaKeyProblems } from '../grade/formula';
import { FieldReader, type FieldPositions } from './fields';
import { hash64 } from './hash';
import type { BankProblem } from './problems';
import type { Registry } from './registry';
import { entries, isMap, isSeq, readYaml, scalarValue, type Node, type Pos, type YamlReader } from '../../core/yaml';

export const QUESTION_TYPES: readonly QuestionType[] = ['card', 'choice', 'numeric', 'formula', 'cloze', 'generated', 'diagram'];

const COMMON_FIELDS = ['id', 'type', 'prompt', 'explanation', 'tags', 'source', 'hint'];
const TYPE_FIELDS: Record<QuestionType, string[]> = {
  card: ['answer'],
  choice: ['choices', 'answer', 'shuffle', 'slips'],
  numeric: ['answer', 'count', 'tolerance', 'rel_tolerance', 'unit', 'slips'],
  formula: ['answer', 'variables', 'display'],
  cloze: [],
  generated: ['template', 'options'],
  diagram: ['diagram', 'blanks'],
};
const DECK_FIELDS = ['deck', 'title', 'order', 'questions'];

/** The problems a deck file can have, in both languages (`bank lint`, and the quiz refusing a bank). */
const M = {
  empty: bi('the file is empty: a deck file is a mapping with deck, title and questions', '文件是空的：卡组文件是一个包含 deck、title 和 questions 的映射'),
  notMap: bi('a deck file is a mapping with deck, title and questions', '卡组文件应是一个包含 deck、title 和 questions 的映射'),
  unknownTop: msg((key: string, allowed: string) => `unknown top-level field "${key}"; allowed: ${allowed}`, (key, allowed) => `未知的顶层字段 "${key}"；可用：${allowed}`),
  noDeck: bi('missing "deck:" (the deck id, e.g. deck: cnn)', '缺少 "deck:"（卡组 id，例如 deck: cnn）'),
  noTitle: bi('missing "title:" ({zh: ..., en: ...})', '缺少 "title:"（{zh: ..., en: ...}）'),
  noQuestions: bi('missing "questions:" (a list of questions)', '缺少 "questions:"（题目的列表）'),
  questionsList: bi('"questions" must be a list', '"questions" 应是列表'),
  questionMap: bi('a question is a mapping with id, type, prompt, ...', '一道题是一个包含 id、type、prompt 等字段的映射'),
  missing: msg((key: string, what: Text) => `missing "${key}" (${tr(what, 'en')})`, (key, what) => `缺少 "${key}"（${tr(what, 'zh')}）`),
  deckPrefix: msg((id: string, deck: string) => `id "${id}" must start with its deck id and a dot ("${deck}.")`,
    (id, deck) => `id "${id}" 应以所在卡组的 id 加一个点开头（"${deck}."）`),
  unknownType: msg((type: string, allowed: string) => `unknown type "${type}"; allowed: ${allowed}`, (type, allowed) => `未知的题型 "${type}"；可用：${allowed}`),
  unknownField: msg((key: string, type: string | undefined, allowed: string) => `unknown field "${key}"${type ? ` for a ${type} question` : ''}; allowed: ${allowed}`,
    (key, type, allowed) => `${type ? `${type} 题` : ''}没有字段 "${key}"；可用：${allowed}`),
  noTags: bi('tags must not be empty', 'tags 不能为空'),
  unknownTag: msg((tag: string) => `unknown tag "${tag}": add it to tags.yaml with its meaning, or use an existing tag`,
    (tag) => `未知的标签 "${tag}"：请把它和它的含义加到 tags.yaml，或使用已有的标签`),
  unknownSource: msg((source: string, near: string | undefined) => `unknown source "${source}": it must be a section title from sections.yaml${near ? ` (did you mean "${near}"?)` : ''}`,
    (source, near) => `未知的出处 "${source}"：应是 sections.yaml 中的章节标题${near ? `（是不是 "${near}"？）` : ''}`),
  choiceCount: msg((max: number, n: number) => `a choice question has 2 to ${max} choices, got ${n}`, (max, n) => `选择题应有 2 到 ${max} 个选项，这里有 ${n} 个`),
  countInteger: msg((answer: number) => `a count (count: true) must be an integer, got ${answer}`, (answer) => `计数（count: true）应是整数，这里是 ${answer}`),
  countTolerance: bi('a count (count: true) is exact, or an estimate the student marks with ~: drop the tolerance',
    '计数（count: true）要么精确，要么由学生用 ~ 标明是估算：请去掉容差'),
  noBlank: bi('blanks must name at least one label to blank', 'blanks 至少要列出一个要挖空的标签'),
  blankTwice: msg((b: string) => `blank "${b}" is listed twice`, (b) => `空 "${b}" 列出了两次`),
  letters: msg((field: string, got: string) => `${field} must be choice letters (a to h), got ${got}`, (field, got) => `${field} 应是选项字母（a 到 h），收到 ${got}`),
  letterRange: msg((field: string, letter: string, count: number, last: string) => `${field} "${letter}" is out of range: there ${count === 1 ? 'is 1 choice' : `are ${count} choices`} (a-${last})`,
    (field, letter, count, last) => `${field} "${letter}" 超出范围：只有 ${count} 个选项（a-${last}）`),
  noLetter: msg((field: string) => `${field} must name at least one choice letter`, (field) => `${field} 至少要给出一个选项字母`),
  slipMap: msg((field: string) => `${field} must be a mapping: {answer: ..., slip: <id>, explanation: {zh: ..., en: ...}}`,
    (field) => `${field} 应是一个映射：{answer: ..., slip: <id>, explanation: {zh: ..., en: ...}}`),
  slipField: msg((key: string, field: string, allowed: string) => `unknown field "${key}" in ${field}; allowed: ${allowed}`,
    (key, field, allowed) => `${field} 中有未知字段 "${key}"；可用：${allowed}`),
  slipMissing: msg((field: string, key: string) => `${field} is missing "${key}"`, (field, key) => `${field} 缺少 "${key}"`),
  slipId: msg((field: string, slip: string) => `${field} "${slip}" is not a known slip id; the ids are listed in docs/bank-format.md (from src/core/slips.ts)`,
    (field, slip) => `${field} "${slip}" 不是已知的失误 id；全部 id 见 docs/bank-format.md（来自 src/core/slips.ts）`),
  variablesMap: bi('variables must be a mapping from each variable to its range, e.g. {s: [0.01, 0.99]}', 'variables 应是从每个变量到其取值范围的映射，例如 {s: [0.01, 0.99]}'),
  variableName: msg((name: string) => `variable name "${name}" must be a letter followed by letters, digits or _`,
    (name) => `变量名 "${name}" 应以字母开头，后面是字母、数字或 _`),
  reserved: msg((name: string) => `"${name}" is a function or constant in answers and cannot be a variable name`,
    (name) => `"${name}" 在答案中是函数或常数，不能用作变量名`),
  range: msg((name: string) => `the range of ${name} must be [low, high] with low < high, e.g. [-3, 3]`,
    (name) => `${name} 的范围应写成 [下限, 上限]，且下限 < 上限，例如 [-3, 3]`),
  optionsMap: bi('options must be a mapping, e.g. {trap: true}', 'options 应是一个映射，例如 {trap: true}'),
  optionValue: msg((name: string) => `option ${name} must be a number, text or true/false`, (name) => `选项 ${name} 应是数字、文本或 true/false`),
  clozeNone: msg((field: string) => `${field} has no blanks: write each blank as {{answer}} (alternatives {{a|b}})`,
    (field) => `${field} 没有空：每个空写成 {{答案}}（多个可接受答案写 {{a|b}}）`),
  clozeEmpty: msg((field: string) => `${field} has an empty blank or an empty alternative`, (field) => `${field} 有空的空或空的备选答案`),
  clozeCount: msg((zh: number, en: number) => `the zh prompt has ${zh} blank${zh === 1 ? '' : 's'} but the en prompt has ${en}: they must match`,
    (zh, en) => `zh 题干有 ${zh} 个空，en 题干有 ${en} 个：两者应一致`),
};

/** What a required field holds, for "missing" problems. */
const WHAT = {
  id: bi('a stable id such as cnn.conv.params-760', '一个固定的 id，例如 cnn.conv.params-760'),
  prompt: bi('the question text', '题目文本'),
  explanation: bi('why the answer is right, in a line or three', '答案为什么对，一到三行'),
  tags: bi('a non-empty list from tags.yaml', 'tags.yaml 中标签的非空列表'),
  source: bi('a section title from sections.yaml', 'sections.yaml 中的一个章节标题'),
  card: bi('the text shown when the card is revealed', '翻开卡片时显示的文本'),
  choices: bi('a list of 2 to 8 options', '2 到 8 个选项的列表'),
  letters: bi('the correct letter(s): b, or [a, c]', '正确选项的字母：b，或 [a, c]'),
  number: bi('a number', '一个数'),
  formula: bi('an expression, e.g. "s*(1-s)" (docs/bank-format.md)', '一个表达式，例如 "s*(1-s)"（见 docs/bank-format.md）'),
  variables: bi('each variable with its sampling range, e.g. {s: [0.01, 0.99]}', '每个变量及其取样范围，例如 {s: [0.01, 0.99]}'),
  diagram: bi('a diagram id; `dlnotes diagram --list` lists them', '一张图的 id；`dlnotes diagram --list` 列出全部'),
  blanks: bi('the label keys to blank, e.g. [forget, input]', '要挖空的标签键，例如 [forget, input]'),
  template: bi('a generator id; `dlnotes bank templates` lists them', '一个题目模板的 id；`dlnotes bank templates` 列出全部'),
};

export const DECK_ID = { re: /^[a-z][a-z0-9-]*$/, what: bi('a deck id is lowercase letters, digits and "-", starting with a letter', '卡组 id 由小写字母、数字和 "-" 组成，以字母开头') };
export const QUESTION_ID = {
  re: /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/,
  what: bi('an id is lowercase words joined by "." (and "-" inside words), e.g. cnn.conv.params-760', 'id 是用 "." 连接的小写单词（单词内可用 "-"），例如 cnn.conv.params-760'),
};
const TEMPLATE_ID = { re: /^[a-z0-9][a-z0-9-]*$/, what: bi('a template id is lowercase words joined by "-"', '模板 id 是用 "-" 连接的小写单词') };
const DIAGRAM_ID = { re: /^[a-z0-9][a-z0-9-]*$/, what: bi('a diagram id is lowercase words joined by "-" (dlnotes diagram --list)', '图的 id 是用 "-" 连接的小写单词（见 dlnotes diagram --list）') };
const LABEL_KEY = { re: /^[a-z0-9][a-z0-9-]*$/, what: bi('a blank is a label key of the diagram, lowercase (dlnotes bank show lists them)', '空是图中某个标签的键，小写（dlnotes bank show 会列出）') };
/** Names a formula variable may not take: they are functions or constants in answers. */
export const RESERVED_NAMES = new Set(['exp', 'log', 'ln', 'sqrt', 'abs', 'max', 'min', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'erf', 'pi', 'e']);
const LETTERS = 'abcdefgh';

export interface DeckMeta {
  id: string;
  title: Text;
  order?: number;
  /** Position of the deck id, for duplicate-deck reports. */
  pos: Pos;
}

export interface ParsedDeck {
  file: string;
  deck?: DeckMeta;
  /** The structurally valid questions, in file order. */
  questions: Question[];
  /** Where each question's id was written, parallel to `questions`. */
  idPos: Pos[];
  /** Where every field of each question was written, parallel to `questions` (lint uses it; not cached). */
  fields: FieldPositions[];
  problems: BankProblem[];
}

/** Parses one deck file. `registry` checks tags and sources; omit it to skip those checks. */
export function parseDeck(text: string, file: string, registry?: Registry): ParsedDeck {
  const { root, reader } = readYaml(text, file);
  const out: ParsedDeck = { file, questions: [], idPos: [], fields: [], problems: reader.problems };
  if (root === null) {
    if (reader.problems.length === 0) reader.problem(null, M.empty);
    return out;
  }
  if (!isMap(root)) {
    reader.problem(root, M.notMap);
    return out;
  }
  const e = entries(root, reader);
  for (const [key, { key: k }] of e) if (!DECK_FIELDS.includes(key)) reader.problem(k, M.unknownTop(key, DECK_FIELDS.join(', ')));
  const fr = new FieldReader(reader);
  const deckNode = e.get('deck')?.value ?? null;
  const id = e.has('deck') ? fr.string(deckNode, 'deck', DECK_ID) : undefined;
  if (!e.has('deck')) reader.problem(root, M.noDeck);
  const title = e.has('title') ? fr.text(e.get('title')!.value, 'title') : undefined;
  if (!e.has('title')) reader.problem(root, M.noTitle);
  const order = e.has('order') ? fr.number(e.get('order')!.value, 'order') : undefined;
  if (id !== undefined && title !== undefined) {
    out.deck = { id, title, pos: reader.pos(deckNode), ...(order !== undefined ? { order } : {}) };
  }
  const list = e.get('questions')?.value ?? null;
  if (!e.has('questions')) {
    reader.problem(root, M.noQuestions);
  } else if (!isSeq(list) && scalarValue(list) !== null) {
    reader.problem(list, M.questionsList);
  } else if (isSeq(list)) {
    for (const item of list.items as Node[]) {
      const q = readQuestion(item, reader, id, registry);
      if (q) {
        out.questions.push(q.question);
        out.idPos.push(q.idPos);
        out.fields.push(q.fields);
      }
    }
  }
  return out;
}

function readQuestion(item: Node, reader: YamlReader, deck: string | undefined, registry?: Registry):
  { question: Question; idPos: Pos; fields: FieldPositions } | undefined {
  if (!isMap(item)) {
    reader.problem(item, M.questionMap);
    return undefined;
  }
  const fr = new FieldReader(reader);
  const e = entries(item, reader);
  const get = (k: string): Node | null => e.get(k)?.value ?? null;
  const require = (k: string, what: Text): boolean => {
    if (e.has(k)) return true;
    fr.problem(item, M.missing(k, what));
    return false;
  };

  const id = require('id', WHAT.id) ? fr.string(get('id'), 'id', QUESTION_ID) : undefined;
  if (id !== undefined && deck !== undefined && !id.startsWith(`${deck}.`)) {
    fr.problem(get('id'), M.deckPrefix(id, deck));
  }
  const typeRaw = require('type', QUESTION_TYPES.join(', ')) ? fr.string(get('type'), 'type') : undefined;
  let type: QuestionType | undefined;
  if (typeRaw !== undefined) {
    if ((QUESTION_TYPES as readonly string[]).includes(typeRaw)) type = typeRaw as QuestionType;
    else fr.problem(get('type'), M.unknownType(typeRaw, QUESTION_TYPES.join(', ')));
  }
  const allowed = type ? [...COMMON_FIELDS, ...TYPE_FIELDS[type]] : [...COMMON_FIELDS, ...new Set(Object.values(TYPE_FIELDS).flat())];
  for (const [key, { key: k }] of e) {
    if (!allowed.includes(key)) fr.problem(k, M.unknownField(key, type, allowed.join(', ')));
  }

  const textOptional = type === 'generated';
  const prompt = e.has('prompt') ? fr.text(get('prompt'), 'prompt') : (textOptional || require('prompt', WHAT.prompt), undefined);
  const explanation = e.has('explanation') ? fr.text(get('explanation'), 'explanation') : (textOptional || require('explanation', WHAT.explanation), undefined);
  const hint = e.has('hint') ? fr.text(get('hint'), 'hint') : undefined;
  const tags = require('tags', WHAT.tags) ? fr.list(get('tags'), 'tags', (n, f) => fr.string(n, f)) : undefined;
  if (tags !== undefined) {
    if (tags.length === 0) fr.problem(get('tags'), M.noTags);
    if (registry && registry.tags.size > 0) {
      tags.forEach((t, i) => {
        if (!registry.tags.has(t)) fr.problem(seqItem(get('tags'), i), M.unknownTag(t));
      });
    }
  }
  const source = require('source', WHAT.source) ? fr.string(get('source'), 'source') : undefined;
  if (source !== undefined && registry && registry.sections.length > 0 && !registry.sections.some((s) => s.title === source)) {
    fr.problem(get('source'), M.unknownSource(source, nearest(source, registry.sections.map((s) => s.title))));
  }

  if (id === undefined || type === undefined) return undefined;
  const base = {
    id,
    deck: deck ?? '',
    ...(prompt !== undefined ? { prompt } : {}),
    ...(explanation !== undefined ? { explanation } : {}),
    ...(hint !== undefined ? { hint } : {}),
    tags: tags ?? [],
    source: source ?? '',
    file: reader.file,
    line: reader.pos(item)[0],
    hash: '',
  };
  const specific = readTypeFields(type, fr, e, item, prompt);
  if (fr.bad || specific === undefined) return undefined;
  const question = { ...base, type, ...specific } as Question;
  question.hash = contentHash(question);
  return { question, idPos: reader.pos(get('id')), fields: fr.fields };
}

type Entries = ReturnType<typeof entries>;

function readTypeFields(type: QuestionType, fr: FieldReader, e: Entries, item: Node, prompt: Text | undefined): Record<string, unknown> | undefined {
  const get = (k: string): Node | null => e.get(k)?.value ?? null;
  const need = (k: string, what: Text): boolean => {
    if (e.has(k)) return true;
    fr.problem(item, M.missing(k, what));
    return false;
  };
  switch (type) {
    case 'card': {
      const answer = need('answer', WHAT.card) ? fr.text(get('answer'), 'answer') : undefined;
      return answer === undefined ? undefined : { answer };
    }
    case 'choice': {
      const choices = need('choices', WHAT.choices) ? fr.list(get('choices'), 'choices', (n, f) => fr.text(n, f)) : undefined;
      if (choices && (choices.length < 2 || choices.length > LETTERS.length)) fr.problem(get('choices'), M.choiceCount(LETTERS.length, choices.length));
      const answer = need('answer', WHAT.letters) ? readLetters(fr, get('answer'), choices?.length) : undefined;
      const shuffle = e.has('shuffle') ? fr.boolean(get('shuffle'), 'shuffle') : true;
      const slips = e.has('slips') ? readSlips(fr, get('slips'), (n, f) => readLetters(fr, n, choices?.length, f)) : undefined;
      return choices && answer && shuffle !== undefined ? { choices, answer, shuffle, ...(slips ? { slips } : {}) } : undefined;
    }
    case 'numeric': {
      const answer = need('answer', WHAT.number) ? fr.number(get('answer'), 'answer') : undefined;
      const tolerance = e.has('tolerance') ? fr.number(get('tolerance'), 'tolerance', { min: 0 }) : undefined;
      const relTolerance = e.has('rel_tolerance') ? fr.number(get('rel_tolerance'), 'rel_tolerance', { min: 0 }) : undefined;
      const unit = e.has('unit') ? fr.string(get('unit'), 'unit') : undefined;
      const count = e.has('count') ? fr.boolean(get('count'), 'count') : undefined;
      const slips = e.has('slips') ? readSlips(fr, get('slips'), (n, f) => fr.number(n, f)) : undefined;
      if (answer === undefined) return undefined;
      if (count && !Number.isInteger(answer)) fr.problem(get('answer'), M.countInteger(answer));
      if (count && (e.has('tolerance') || e.has('rel_tolerance'))) {
        fr.problem(get(e.has('tolerance') ? 'tolerance' : 'rel_tolerance'), M.countTolerance);
      }
      return {
        answer, ...(count ? { count } : {}), ...(tolerance !== undefined ? { tolerance } : {}),
        ...(relTolerance !== undefined ? { relTolerance } : {}), ...(unit !== undefined ? { unit } : {}),
        ...(slips ? { slips } : {}),
      };
    }
    case 'formula': {
      let answer: string | undefined;
      if (need('answer', WHAT.formula)) {
        const v = scalarValue(get('answer'));
        answer = typeof v === 'number' ? (fr.mark('answer', get('answer')), String(v)) : fr.string(get('answer'), 'answer');
      }
      const variables = need('variables', WHAT.variables) ? readVariables(fr, get('variables')) : undefined;
      const display = e.has('display') ? fr.string(get('display'), 'display') : undefined;
      if (answer === undefined || variables === undefined) return undefined;
      // The key must work before any student answers it: the quiz refuses a bank lint would reject.
      for (const p of formulaKeyProblems(answer, variables)) fr.problem(get(p.field), p.text);
      return { answer, variables, ...(display !== undefined ? { display } : {}) };
    }
    case 'cloze': {
      if (prompt === undefined) return undefined;
      checkClozeBlanks(fr, get('prompt'), prompt);
      return {};
    }
    case 'diagram': {
      const diagram = need('diagram', WHAT.diagram) ? fr.string(get('diagram'), 'diagram', DIAGRAM_ID) : undefined;
      const blanks = need('blanks', WHAT.blanks) ? fr.list(get('blanks'), 'blanks', (n, f) => fr.string(n, f, LABEL_KEY)) : undefined;
      if (blanks !== undefined && blanks.length === 0) fr.problem(get('blanks'), M.noBlank);
      blanks?.forEach((b, i) => {
        if (blanks.indexOf(b) !== i) fr.problem(seqItem(get('blanks'), i), M.blankTwice(b));
      });
      if (diagram === undefined || blanks === undefined) return undefined;
      return { diagram, blanks };
    }
    case 'generated': {
      const template = need('template', WHAT.template) ? fr.string(get('template'), 'template', TEMPLATE_ID) : undefined;
      const options = e.has('options') ? readOptions(fr, get('options')) : undefined;
      if (template === undefined) return undefined;
      return { template, ...(options !== undefined ? { options } : {}) };
    }
  }
}

function readLetters(fr: FieldReader, node: Node | null, count: number | undefined, field = 'answer'): number[] | undefined {
  fr.mark(field, node);
  let raw: unknown[];
  if (isSeq(node)) raw = (node.items as Node[]).map((n) => scalarValue(n));
  else raw = String(scalarValue(node) ?? '').split(/[\s,]+/).filter(Boolean);
  const out: number[] = [];
  for (const r of raw) {
    const letter = typeof r === 'string' ? r.trim().toLowerCase() : '';
    const i = LETTERS.indexOf(letter);
    if (letter.length !== 1 || i < 0) {
      fr.problem(node, M.letters(field, JSON.stringify(r)));
      return undefined;
    }
    if (count !== undefined && i >= count) {
      fr.problem(node, M.letterRange(field, letter, count, LETTERS[count - 1]!));
      return undefined;
    }
    if (!out.includes(i)) out.push(i);
  }
  if (out.length === 0) {
    fr.problem(node, M.noLetter(field));
    return undefined;
  }
  return out.sort((a, b) => a - b);
}

const SLIP_FIELDS = ['answer', 'slip', 'explanation'];

/**
 * `slips:` a list of known wrong answers, each `{answer, slip, explanation}`
 * with `slip` an id from the catalogue (core/slips.ts). That each answer is
 * wrong (and named by its grader) is lint's check.
 */
function readSlips<A>(fr: FieldReader, node: Node | null, answer: (n: Node | null, field: string) => A | undefined): BankSlip<A>[] | undefined {
  return fr.list(node, 'slips', (item, field) => {
    if (!isMap(item)) {
      fr.problem(item, M.slipMap(field));
      return undefined;
    }
    const e = entries(item, fr.reader);
    for (const [key, { key: k }] of e) if (!SLIP_FIELDS.includes(key)) fr.problem(k, M.slipField(key, field, SLIP_FIELDS.join(', ')));
    for (const key of SLIP_FIELDS) if (!e.has(key)) fr.problem(item, M.slipMissing(field, key));
    if (SLIP_FIELDS.some((k) => !e.has(k))) return undefined;
    const a = answer(e.get('answer')!.value, `${field}.answer`);
    const slip = fr.string(e.get('slip')!.value, `${field}.slip`);
    if (slip !== undefined && !slipInfo(slip)) {
      fr.problem(e.get('slip')!.value, M.slipId(`${field}.slip`, slip));
      return undefined;
    }
    const explanation = fr.text(e.get('explanation')!.value, `${field}.explanation`);
    return a !== undefined && slip !== undefined && explanation !== undefined ? { answer: a, slip, explanation } : undefined;
  });
}

function readVariables(fr: FieldReader, node: Node | null): Record<string, [number, number]> | undefined {
  fr.mark('variables', node);
  if (scalarValue(node) === null) return {};
  if (!isMap(node)) {
    fr.problem(node, M.variablesMap);
    return undefined;
  }
  const out: Record<string, [number, number]> = {};
  for (const [name, { key, value }] of entries(node, fr.reader)) {
    fr.mark(`variables.${name}`, key);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      fr.problem(key, M.variableName(name));
      continue;
    }
    if (RESERVED_NAMES.has(name)) {
      fr.problem(key, M.reserved(name));
      continue;
    }
    const range = isSeq(value) ? (value.items as Node[]).map((n) => scalarValue(n)) : [];
    const [lo, hi] = range;
    if (range.length !== 2 || typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
      fr.problem(value ?? key, M.range(name));
      continue;
    }
    out[name] = [lo, hi];
  }
  return out;
}

function readOptions(fr: FieldReader, node: Node | null): Record<string, unknown> | undefined {
  fr.mark('options', node);
  if (!isMap(node)) {
    fr.problem(node, M.optionsMap);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [name, { key, value }] of entries(node, fr.reader)) {
    fr.mark(`options.${name}`, key);
    fr.mark(`options.${name}.value`, value);
    const v = scalarValue(value);
    if (v === undefined || v === null) fr.problem(value, M.optionValue(name));
    else out[name] = v;
  }
  return out;
}

function checkClozeBlanks(fr: FieldReader, node: Node | null, prompt: Text): void {
  const counts = typeof prompt === 'string'
    ? [['prompt', parseCloze(prompt).blanks] as const]
    : (['zh', 'en'] as const).map((l) => [`prompt.${l}`, parseCloze(prompt[l]).blanks] as const);
  for (const [field, blanks] of counts) {
    if (blanks.length === 0) fr.problem(node, M.clozeNone(field));
    if (blanks.some((alts) => alts.some((a) => a === ''))) fr.problem(node, M.clozeEmpty(field));
  }
  if (typeof prompt !== 'string') {
    const zh = parseCloze(prompt.zh).blanks.length;
    const en = parseCloze(prompt.en).blanks.length;
    if (zh !== en) fr.problem(node, M.clozeCount(zh, en));
  }
}

function seqItem(node: Node | null, i: number): Node | null {
  return isSeq(node) ? ((node.items[i] as Node | undefined) ?? node) : node;
}

function nearest(word: string, options: string[]): string | undefined {
  return options.find((o) => o.includes(word) || word.includes(o.split(' / ').pop() ?? '\u0000'));
}

/**
 * Hash of a question's content: everything but its identity and metadata
 * (id, deck, tags, source, file, line). Same content, same hash, whatever the
 * YAML formatting; an edited prompt, answer or explanation changes it.
 * Marking a numeric answer as a count (`count: true`) and listing known wrong
 * answers (`slips:`) are grading metadata and do not make the question
 * "edited", nor does dropping a `tolerance: 0`.
 */
export function contentHash(q: Question): string {
  const { id: _id, deck: _deck, tags: _tags, source: _source, file: _file, line: _line, hash: _hash, ...content } = q;
  if ('count' in content) delete (content as { count?: boolean }).count;
  // Known wrong answers are grading aids too: listing them does not edit the question.
  if ('slips' in content) delete (content as { slips?: unknown }).slips;
  // An absolute tolerance of 0 grades exactly as no tolerance: dropping it is not an edit.
  if ((content as { tolerance?: number }).tolerance === 0) delete (content as { tolerance?: number }).tolerance;
  return hash64(canonicalJson(content));
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
