/**
 * Reads one deck file (docs/bank-format.md) into Question objects, checking
 * the schema and the registries and reporting every problem with its
 * file:line:col. Checks that need mathjs, KaTeX or the generators (formula
 * keys, LaTeX, templates) are lint's (lint.ts): loading stays fast.
 */
import type { Question, QuestionType, Text } from '../types';
import { parseCloze } from '../grade/cloze';
import { FieldReader, type FieldPositions } from './fields';
import { hash64 } from './hash';
import type { BankProblem } from './problems';
import type { Registry } from './registry';
import { entries, isMap, isSeq, readYaml, scalarValue, type Node, type Pos, type YamlReader } from '../../core/yaml';

export const QUESTION_TYPES: readonly QuestionType[] = ['card', 'choice', 'numeric', 'formula', 'cloze', 'generated', 'diagram'];

const COMMON_FIELDS = ['id', 'type', 'prompt', 'explanation', 'tags', 'source', 'hint'];
const TYPE_FIELDS: Record<QuestionType, string[]> = {
  card: ['answer'],
  choice: ['choices', 'answer', 'shuffle'],
  numeric: ['answer', 'count', 'tolerance', 'rel_tolerance', 'unit'],
  formula: ['answer', 'variables', 'display'],
  cloze: [],
  generated: ['template', 'options'],
  diagram: ['diagram', 'blanks'],
};
const DECK_FIELDS = ['deck', 'title', 'order', 'questions'];

export const DECK_ID = { re: /^[a-z][a-z0-9-]*$/, what: 'a deck id is lowercase letters, digits and "-", starting with a letter' };
export const QUESTION_ID = { re: /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/, what: 'an id is lowercase words joined by "." (and "-" inside words), e.g. cnn.conv.params-760' };
const TEMPLATE_ID = { re: /^[a-z0-9][a-z0-9-]*$/, what: 'a template id is lowercase words joined by "-"' };
const DIAGRAM_ID = { re: /^[a-z0-9][a-z0-9-]*$/, what: 'a diagram id is lowercase words joined by "-" (dlnotes diagram --list)' };
const LABEL_KEY = { re: /^[a-z0-9][a-z0-9-]*$/, what: 'a blank is a label key of the diagram, lowercase (dlnotes bank show lists them)' };
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
    if (reader.problems.length === 0) reader.problem(null, 'the file is empty: a deck file is a mapping with deck, title and questions');
    return out;
  }
  if (!isMap(root)) {
    reader.problem(root, 'a deck file is a mapping with deck, title and questions');
    return out;
  }
  const e = entries(root, reader);
  for (const [key, { key: k }] of e) if (!DECK_FIELDS.includes(key)) reader.problem(k, `unknown top-level field "${key}"; allowed: ${DECK_FIELDS.join(', ')}`);
  const fr = new FieldReader(reader);
  const deckNode = e.get('deck')?.value ?? null;
  const id = e.has('deck') ? fr.string(deckNode, 'deck', DECK_ID) : undefined;
  if (!e.has('deck')) reader.problem(root, 'missing "deck:" (the deck id, e.g. deck: cnn)');
  const title = e.has('title') ? fr.text(e.get('title')!.value, 'title') : undefined;
  if (!e.has('title')) reader.problem(root, 'missing "title:" ({zh: ..., en: ...})');
  const order = e.has('order') ? fr.number(e.get('order')!.value, 'order') : undefined;
  if (id !== undefined && title !== undefined) {
    out.deck = { id, title, pos: reader.pos(deckNode), ...(order !== undefined ? { order } : {}) };
  }
  const list = e.get('questions')?.value ?? null;
  if (!e.has('questions')) {
    reader.problem(root, 'missing "questions:" (a list of questions)');
  } else if (!isSeq(list) && scalarValue(list) !== null) {
    reader.problem(list, '"questions" must be a list');
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
    reader.problem(item, 'a question is a mapping with id, type, prompt, ...');
    return undefined;
  }
  const fr = new FieldReader(reader);
  const e = entries(item, reader);
  const get = (k: string): Node | null => e.get(k)?.value ?? null;
  const require = (k: string, what: string): boolean => {
    if (e.has(k)) return true;
    fr.problem(item, `missing "${k}" (${what})`);
    return false;
  };

  const id = require('id', 'a stable id such as cnn.conv.params-760') ? fr.string(get('id'), 'id', QUESTION_ID) : undefined;
  if (id !== undefined && deck !== undefined && !id.startsWith(`${deck}.`)) {
    fr.problem(get('id'), `id "${id}" must start with its deck id and a dot ("${deck}.")`);
  }
  const typeRaw = require('type', QUESTION_TYPES.join(', ')) ? fr.string(get('type'), 'type') : undefined;
  let type: QuestionType | undefined;
  if (typeRaw !== undefined) {
    if ((QUESTION_TYPES as readonly string[]).includes(typeRaw)) type = typeRaw as QuestionType;
    else fr.problem(get('type'), `unknown type "${typeRaw}"; allowed: ${QUESTION_TYPES.join(', ')}`);
  }
  const allowed = type ? [...COMMON_FIELDS, ...TYPE_FIELDS[type]] : [...COMMON_FIELDS, ...new Set(Object.values(TYPE_FIELDS).flat())];
  for (const [key, { key: k }] of e) {
    if (!allowed.includes(key)) fr.problem(k, `unknown field "${key}"${type ? ` for a ${type} question` : ''}; allowed: ${allowed.join(', ')}`);
  }

  const textOptional = type === 'generated';
  const prompt = e.has('prompt') ? fr.text(get('prompt'), 'prompt') : (textOptional || require('prompt', 'the question text'), undefined);
  const explanation = e.has('explanation') ? fr.text(get('explanation'), 'explanation') : (textOptional || require('explanation', 'why the answer is right, in a line or three'), undefined);
  const hint = e.has('hint') ? fr.text(get('hint'), 'hint') : undefined;
  const tags = require('tags', 'a non-empty list from tags.yaml') ? fr.list(get('tags'), 'tags', (n, f) => fr.string(n, f)) : undefined;
  if (tags !== undefined) {
    if (tags.length === 0) fr.problem(get('tags'), 'tags must not be empty');
    if (registry && registry.tags.size > 0) {
      tags.forEach((t, i) => {
        if (!registry.tags.has(t)) fr.problem(seqItem(get('tags'), i), `unknown tag "${t}": add it to tags.yaml with its meaning, or use an existing tag`);
      });
    }
  }
  const source = require('source', 'a section title from sections.yaml') ? fr.string(get('source'), 'source') : undefined;
  if (source !== undefined && registry && registry.sections.length > 0 && !registry.sections.some((s) => s.title === source)) {
    fr.problem(get('source'), `unknown source "${source}": it must be a section title from sections.yaml${nearest(source, registry.sections.map((s) => s.title))}`);
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
  const need = (k: string, what: string): boolean => {
    if (e.has(k)) return true;
    fr.problem(item, `missing "${k}" (${what})`);
    return false;
  };
  switch (type) {
    case 'card': {
      const answer = need('answer', 'the text shown when the card is revealed') ? fr.text(get('answer'), 'answer') : undefined;
      return answer === undefined ? undefined : { answer };
    }
    case 'choice': {
      const choices = need('choices', 'a list of 2 to 8 options') ? fr.list(get('choices'), 'choices', (n, f) => fr.text(n, f)) : undefined;
      if (choices && (choices.length < 2 || choices.length > LETTERS.length)) fr.problem(get('choices'), `a choice question has 2 to ${LETTERS.length} choices, got ${choices.length}`);
      const answer = need('answer', 'the correct letter(s): b, or [a, c]') ? readLetters(fr, get('answer'), choices?.length) : undefined;
      const shuffle = e.has('shuffle') ? fr.boolean(get('shuffle'), 'shuffle') : true;
      return choices && answer && shuffle !== undefined ? { choices, answer, shuffle } : undefined;
    }
    case 'numeric': {
      const answer = need('answer', 'a number') ? fr.number(get('answer'), 'answer') : undefined;
      const tolerance = e.has('tolerance') ? fr.number(get('tolerance'), 'tolerance', { min: 0 }) : undefined;
      const relTolerance = e.has('rel_tolerance') ? fr.number(get('rel_tolerance'), 'rel_tolerance', { min: 0 }) : undefined;
      const unit = e.has('unit') ? fr.string(get('unit'), 'unit') : undefined;
      const count = e.has('count') ? fr.boolean(get('count'), 'count') : undefined;
      if (answer === undefined) return undefined;
      if (count && !Number.isInteger(answer)) fr.problem(get('answer'), `a count (count: true) must be an integer, got ${answer}`);
      if (count && (e.has('tolerance') || e.has('rel_tolerance'))) {
        fr.problem(get(e.has('tolerance') ? 'tolerance' : 'rel_tolerance'), 'a count (count: true) is exact, or an estimate the student marks with ~: drop the tolerance');
      }
      return {
        answer, ...(count ? { count } : {}), ...(tolerance !== undefined ? { tolerance } : {}),
        ...(relTolerance !== undefined ? { relTolerance } : {}), ...(unit !== undefined ? { unit } : {}),
      };
    }
    case 'formula': {
      let answer: string | undefined;
      if (need('answer', 'an expression in mathjs syntax, e.g. "s*(1-s)"')) {
        const v = scalarValue(get('answer'));
        answer = typeof v === 'number' ? (fr.mark('answer', get('answer')), String(v)) : fr.string(get('answer'), 'answer');
      }
      const variables = need('variables', 'each variable with its sampling range, e.g. {s: [0.01, 0.99]}') ? readVariables(fr, get('variables')) : undefined;
      const display = e.has('display') ? fr.string(get('display'), 'display') : undefined;
      if (answer === undefined || variables === undefined) return undefined;
      return { answer, variables, ...(display !== undefined ? { display } : {}) };
    }
    case 'cloze': {
      if (prompt === undefined) return undefined;
      checkClozeBlanks(fr, get('prompt'), prompt);
      return {};
    }
    case 'diagram': {
      const diagram = need('diagram', 'a diagram id; `dlnotes diagram --list` lists them') ? fr.string(get('diagram'), 'diagram', DIAGRAM_ID) : undefined;
      const blanks = need('blanks', 'the label keys to blank, e.g. [forget, input]') ? fr.list(get('blanks'), 'blanks', (n, f) => fr.string(n, f, LABEL_KEY)) : undefined;
      if (blanks !== undefined && blanks.length === 0) fr.problem(get('blanks'), 'blanks must name at least one label to blank');
      blanks?.forEach((b, i) => {
        if (blanks.indexOf(b) !== i) fr.problem(seqItem(get('blanks'), i), `blank "${b}" is listed twice`);
      });
      if (diagram === undefined || blanks === undefined) return undefined;
      return { diagram, blanks };
    }
    case 'generated': {
      const template = need('template', 'a generator id; `dlnotes bank templates` lists them') ? fr.string(get('template'), 'template', TEMPLATE_ID) : undefined;
      const options = e.has('options') ? readOptions(fr, get('options')) : undefined;
      if (template === undefined) return undefined;
      return { template, ...(options !== undefined ? { options } : {}) };
    }
  }
}

function readLetters(fr: FieldReader, node: Node | null, count: number | undefined): number[] | undefined {
  fr.mark('answer', node);
  let raw: unknown[];
  if (isSeq(node)) raw = (node.items as Node[]).map((n) => scalarValue(n));
  else raw = String(scalarValue(node) ?? '').split(/[\s,]+/).filter(Boolean);
  const out: number[] = [];
  for (const r of raw) {
    const letter = typeof r === 'string' ? r.trim().toLowerCase() : '';
    const i = LETTERS.indexOf(letter);
    if (letter.length !== 1 || i < 0) {
      fr.problem(node, `answer must be choice letters (a to h), got ${JSON.stringify(r)}`);
      return undefined;
    }
    if (count !== undefined && i >= count) {
      fr.problem(node, `answer "${letter}" is out of range: there ${count === 1 ? 'is 1 choice' : `are ${count} choices`} (a-${LETTERS[count - 1]})`);
      return undefined;
    }
    if (!out.includes(i)) out.push(i);
  }
  if (out.length === 0) {
    fr.problem(node, 'answer must name at least one choice letter');
    return undefined;
  }
  return out.sort((a, b) => a - b);
}

function readVariables(fr: FieldReader, node: Node | null): Record<string, [number, number]> | undefined {
  fr.mark('variables', node);
  if (scalarValue(node) === null) return {};
  if (!isMap(node)) {
    fr.problem(node, 'variables must be a mapping from each variable to its range, e.g. {s: [0.01, 0.99]}');
    return undefined;
  }
  const out: Record<string, [number, number]> = {};
  for (const [name, { key, value }] of entries(node, fr.reader)) {
    fr.mark(`variables.${name}`, key);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      fr.problem(key, `variable name "${name}" must be a letter followed by letters, digits or _`);
      continue;
    }
    if (RESERVED_NAMES.has(name)) {
      fr.problem(key, `"${name}" is a function or constant in answers and cannot be a variable name`);
      continue;
    }
    const range = isSeq(value) ? (value.items as Node[]).map((n) => scalarValue(n)) : [];
    const [lo, hi] = range;
    if (range.length !== 2 || typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
      fr.problem(value ?? key, `the range of ${name} must be [low, high] with low < high, e.g. [-3, 3]`);
      continue;
    }
    out[name] = [lo, hi];
  }
  return out;
}

function readOptions(fr: FieldReader, node: Node | null): Record<string, unknown> | undefined {
  fr.mark('options', node);
  if (!isMap(node)) {
    fr.problem(node, 'options must be a mapping, e.g. {trap: true}');
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [name, { key, value }] of entries(node, fr.reader)) {
    fr.mark(`options.${name}`, key);
    fr.mark(`options.${name}.value`, value);
    const v = scalarValue(value);
    if (v === undefined || v === null) fr.problem(value, `option ${name} must be a number, text or true/false`);
    else out[name] = v;
  }
  return out;
}

function checkClozeBlanks(fr: FieldReader, node: Node | null, prompt: Text): void {
  const counts = typeof prompt === 'string'
    ? [['prompt', parseCloze(prompt).blanks] as const]
    : (['zh', 'en'] as const).map((l) => [`prompt.${l}`, parseCloze(prompt[l]).blanks] as const);
  for (const [field, blanks] of counts) {
    if (blanks.length === 0) fr.problem(node, `${field} has no blanks: write each blank as {{answer}} (alternatives {{a|b}})`);
    if (blanks.some((alts) => alts.some((a) => a === ''))) fr.problem(node, `${field} has an empty blank or an empty alternative`);
  }
  if (typeof prompt !== 'string') {
    const zh = parseCloze(prompt.zh).blanks.length;
    const en = parseCloze(prompt.en).blanks.length;
    if (zh !== en) fr.problem(node, `the zh prompt has ${zh} blank${zh === 1 ? '' : 's'} but the en prompt has ${en}: they must match`);
  }
}

function seqItem(node: Node | null, i: number): Node | null {
  return isSeq(node) ? ((node.items[i] as Node | undefined) ?? node) : node;
}

function nearest(word: string, options: string[]): string {
  const hit = options.find((o) => o.includes(word) || word.includes(o.split(' / ').pop() ?? '\u0000'));
  return hit ? ` (did you mean "${hit}"?)` : '';
}

/**
 * Hash of a question's content: everything but its identity and metadata
 * (id, deck, tags, source, file, line). Same content, same hash, whatever the
 * YAML formatting; an edited prompt, answer or explanation changes it.
 * Marking a numeric answer as a count (`count: true`) is grading metadata and
 * does not make the question "edited", nor does dropping a `tolerance: 0`.
 */
export function contentHash(q: Question): string {
  const { id: _id, deck: _deck, tags: _tags, source: _source, file: _file, line: _line, hash: _hash, ...content } = q;
  if ('count' in content) delete (content as { count?: boolean }).count;
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
