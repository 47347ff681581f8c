/**
 * Reads a homework file: a YAML (or JSON) list of problems, each naming one
 * calculator with its flags and the student's answers:
 *
 *   - conv: {h: 32, c: 3, k: 10, f: 5, s: 1, p: 2}
 *     answer: {output: 32x32x10, params: 760}
 *
 * Every problem is kept with file:line:col positions so mistakes in the file
 * are reported where they are. Answers keep the exact text the student wrote
 * ("2.90" stays "2.90"), because the grader credits rounding to the digits given.
 */
import type { Pair } from 'yaml';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from '../core/yaml';
import { SpecError } from '../core/spec';
import { parseYamlDocument, type YamlPositions } from '../core/spec-yaml';
import { bi, msg } from '../core/text';

/** The texts of the homework-file reader, in both languages. */
const M = {
  notList: bi('a homework file is a list of problems, e.g. "- conv: {h: 32, f: 5}\\n  answer: {output: 32}"',
    '作业文件是题目的列表，例如 "- conv: {h: 32, f: 5}\\n  answer: {output: 32}"'),
  noProblems: bi('the file lists no problems', '文件里没有题目'),
  notMapping: msg((i: number) => `problem ${i} must be a mapping like {conv: {...}, answer: {...}}`,
    (i) => `第 ${i} 题必须是映射，例如 {conv: {...}, answer: {...}}`),
  twoCalculators: msg((i: number, a: string, b: string) => `problem ${i} names two calculators ("${a}" and "${b}"); one per problem`,
    (i, a, b) => `第 ${i} 题写了两个计算器（"${a}" 和 "${b}"）；每题只能有一个`),
  noCalculator: msg((i: number) => `problem ${i} names no calculator (e.g. conv, pool, params, rf)`,
    (i) => `第 ${i} 题没有写计算器（例如 conv, pool, params, rf）`),
  inputsMapping: msg((calc: string) => `the inputs of ${calc} must be a mapping of its flags, e.g. {h: 32, f: 5}`,
    (calc) => `${calc} 的输入必须是其参数的映射，例如 {h: 32, f: 5}`),
  noAnswer: msg((i: number, calc: string) => `problem ${i} (${calc}) has no "answer"`, (i, calc) => `第 ${i} 题（${calc}）没有 "answer"`),
  emptyAnswer: msg((i: number) => `problem ${i} has an empty answer`, (i) => `第 ${i} 题的答案为空`),
  answerNoValue: msg((key: string) => `answer "${key}" has no value`, (key) => `答案 "${key}" 没有值`),
};

export type InputValue = string | number | boolean | null | InputValue[] | { [key: string]: InputValue };

export interface HomeworkAnswer {
  /** The quantity, with nested keys joined by dots: "output", "grads.x". */
  key: string;
  text: string;
  where: string;
}

export interface HomeworkItem {
  index: number;
  calculator: string;
  inputs: Record<string, InputValue>;
  /** Position of each input's value, for errors about that value. */
  inputWhere: Map<string, string>;
  /** Position of each input's key, for errors about the key itself (a flag the calculator does not take). */
  inputKeyWhere: Map<string, string>;
  answers: HomeworkAnswer[];
  where: string;
  /** Optional label the student gave ("Q3"). */
  label?: string;
}

const RESERVED = new Set(['answer', 'answers', 'name', 'label', 'id']);

export function parseHomework(text: string, file: string): HomeworkItem[] {
  const parsed = parseYamlDocument(text, file);
  const { pos } = parsed;
  let root = parsed.root;
  if (isMap(root) && root.has('problems')) root = root.get('problems', true) as Node;
  if (!isSeq(root)) throw new SpecError(pos.at(root), M.notList);
  const items: HomeworkItem[] = [];
  root.items.forEach((node, i) => {
    items.push(readItem(node as Node, i + 1, pos, text));
  });
  if (items.length === 0) throw new SpecError(pos.at(root), M.noProblems);
  return items;
}

function readItem(node: Node, index: number, pos: YamlPositions, text: string): HomeworkItem {
  const where = pos.at(node);
  if (!isMap(node)) throw new SpecError(where, M.notMapping(index));
  let calc: { name: string; value: Node | null; where: string } | undefined;
  let answerNode: Node | null | undefined;
  let label: string | undefined;
  for (const pair of (node as YAMLMap).items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'answer' || key === 'answers') answerNode = pair.value;
    else if (RESERVED.has(key)) label = isScalar(pair.value) ? String(pair.value.value) : undefined;
    else if (calc) throw new SpecError(pos.at(pair.key), M.twoCalculators(index, calc.name, key));
    else calc = { name: key, value: pair.value, where: pos.at(pair.key) };
  }
  if (!calc) throw new SpecError(where, M.noCalculator(index));
  const inputs: Record<string, InputValue> = {};
  const inputWhere = new Map<string, string>();
  const inputKeyWhere = new Map<string, string>();
  if (calc.value !== null && !(isScalar(calc.value) && calc.value.value === null)) {
    if (!isMap(calc.value)) throw new SpecError(pos.at(calc.value), M.inputsMapping(calc.name));
    for (const pair of calc.value.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      inputs[key] = toValue(pair.value);
      inputWhere.set(key, pos.at(pair.value ?? pair.key));
      inputKeyWhere.set(key, pos.at(pair.key));
    }
  }
  if (answerNode === undefined || answerNode === null) throw new SpecError(where, M.noAnswer(index, calc.name));
  const answers: HomeworkAnswer[] = [];
  collectAnswers(answerNode, '', answers, pos, text);
  if (answers.length === 0) throw new SpecError(pos.at(answerNode), M.emptyAnswer(index));
  return { index, calculator: calc.name, inputs, inputWhere, inputKeyWhere, answers, where: calc.where, ...(label !== undefined ? { label } : {}) };
}

function collectAnswers(node: Node, prefix: string, out: HomeworkAnswer[], pos: YamlPositions, text: string): void {
  if (isMap(node)) {
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const full = prefix ? `${prefix}.${key}` : key;
      if (pair.value === null) throw new SpecError(pos.at(pair.key), M.answerNoValue(full));
      collectAnswers(pair.value, full, out, pos, text);
    }
    return;
  }
  const key = prefix || 'answer';
  if (isSeq(node)) {
    out.push({ key, text: flatScalars(node, text).join(','), where: pos.at(node) });
    return;
  }
  out.push({ key, text: sourceText(node, text), where: pos.at(node) });
}

/** The scalars of a (nested) list in order: [[4, 4], [6, 6]] -> 4, 4, 6, 6. */
function flatScalars(node: Node, text: string): string[] {
  return isSeq(node) ? node.items.flatMap((n) => flatScalars(n as Node, text)) : [sourceText(node, text)];
}

/** The scalar exactly as written in the file (quotes removed). */
function sourceText(node: Node, text: string): string {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  const range = (node as { range?: [number, number, number] }).range;
  if (range) return text.slice(range[0], range[1]).trim();
  return isScalar(node) ? String(node.value) : '';
}

function toValue(node: Node | null): InputValue {
  if (node === null) return null;
  if (isScalar(node)) return node.value as InputValue;
  if (isSeq(node)) return node.items.map((n) => toValue(n as Node));
  if (isMap(node)) {
    const out: Record<string, InputValue> = {};
    for (const pair of node.items as Pair<Node, Node | null>[]) out[isScalar(pair.key) ? String(pair.key.value) : ''] = toValue(pair.value);
    return out;
  }
  return null;
}
