/**
 * Reading the point a graph is evaluated at from `name=value` words:
 * `x=-2 y=5`, `x=-2,y=5,z=-4`, and vectors `w=[2,-3,-3]` (or `w=2,-3,-3`),
 * which name w0, w1, w2 as in the CS231n sigmoid-neuron example.
 */
import { parseNumber } from '../answer';
import { InputError } from '../errors';
import { msg } from '../text';

/** The texts of the value reader, in both languages. */
const M = {
  twice: msg((name: string, word: string) => `${name} is given twice ("${word}")`, (name, word) => `${name} 给了两次（"${word}"）`),
  notValue: msg((part: string) => `"${part}" is not a value: write name=number, e.g. x=-2 (or w=[2,-3,-3] for w0, w1, w2)`,
    (part) => `"${part}" 不是一个值：请写成 名称=数，例如 x=-2（或者用 w=[2,-3,-3] 表示 w0, w1, w2）`),
  notName: msg((name: string, part: string) => `"${name}" in "${part}" is not a variable name (letters, digits and _)`, (name, part) => `"${part}" 中的 "${name}" 不是变量名（只能由字母、数字和 _ 组成）`),
  notNumber: msg((word: string, text: string) => `"${word}": "${text}" is not a number (write e.g. x=-2, x=0.5, x=1/3)`, (word, text) => `"${word}"："${text}" 不是数（例如写成 x=-2、x=0.5、x=1/3）`),
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses the value words into name -> number, in the order given.
 * Throws InputError('values', ...) naming the word that is wrong.
 */
export function parseValues(words: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const set = (name: string, value: number, word: string) => {
    if (name in out) throw new InputError('values', M.twice(name, word));
    out[name] = value;
  };
  for (const word of words) {
    for (const part of word.split(/[,;]\s*(?=[A-Za-z_][A-Za-z0-9_]*\s*=)/)) {
      const m = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(part);
      if (!m) throw new InputError('values', M.notValue(part));
      const [, name = '', raw = ''] = m;
      if (!NAME.test(name)) throw new InputError('values', M.notName(name, part));
      const list = /^\[.*\]$/.test(raw) || raw.includes(',') ? raw.replace(/^\[|\]$/g, '').split(/\s*,\s*/) : null;
      if (list) {
        list.forEach((item, i) => set(`${name}${i}`, number(item, part), part));
      } else {
        set(name, number(raw, part), part);
      }
    }
  }
  return out;
}

function number(text: string, word: string): number {
  const p = parseNumber(text);
  if (!p || !Number.isFinite(p.value)) throw new InputError('values', M.notNumber(word, text));
  return p.value;
}
