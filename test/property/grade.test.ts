import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDeck } from '../../src/quiz/bank/parse';
import { checkLetters, letter } from '../../src/quiz/grade/choice';
import { checkBlank } from '../../src/quiz/grade/cloze';
import { checkFormula } from '../../src/quiz/grade/formula';
import { expectedPart } from '../../src/quiz/present';
import { latexToUnicode } from '../../src/render/latex';

describe('formula equivalence (algebra as the oracle)', () => {
  const int = fc.integer({ min: -5, max: 5 });
  it('accepts the expanded form of (s+a)(s+b) and rejects it with the constant off by one', () => {
    fc.assert(fc.property(int, int, (a, b) => {
      const key = { answer: `(s+${a})*(s+${b})`, variables: { s: [-3, 3] as [number, number] } };
      expect(checkFormula(`s^2 + ${a + b}*s + ${a * b}`, key).correct).toBe(true);
      expect(checkFormula(`s^2 + ${a + b}*s + ${a * b + 1}`, key).correct).toBe(false);
    }), { numRuns: 60 });
  });
  it('treats sigmoid(x) and 1/(1+exp(-x)) alike under any affine argument', () => {
    fc.assert(fc.property(int, int, (a, b) => {
      const key = { answer: `sigmoid(${a}*x + ${b})`, variables: { x: [-2, 2] as [number, number] } };
      expect(checkFormula(`1/(1+exp(-(${a}*x + ${b})))`, key).correct).toBe(true);
    }), { numRuns: 40 });
  });
});

describe('choice sets (set equality as the oracle)', () => {
  const setup = fc.integer({ min: 2, max: 8 }).chain((n) => fc.record({
    n: fc.constant(n),
    correct: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
    given: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
  }));
  it('is right exactly when the sets are equal, in any order and separator', () => {
    fc.assert(fc.property(setup, fc.constantFrom(',', ' ', ', ', ''), ({ n, correct, given }, sep) => {
      const same = given.length === correct.length && given.every((g) => correct.includes(g));
      expect(checkLetters(given.map(letter).join(sep), correct, n).correct).toBe(same);
    }), { numRuns: 300 });
  });
});

describe('cloze text blanks', () => {
  it('ignore case and spacing of the answer', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.array(fc.boolean(), { maxLength: 11 }), (word, caps) => {
      const typed = [...word].map((c, i) => (caps[i] ? ` ${c.toUpperCase()}` : c)).join('');
      expect(checkBlank(typed, [word]).ok).toBe(true);
    }));
  });
});

describe('Unicode subscripts', () => {
  it('writes any digit string as subscript digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,6}$/), (digits) => {
      const sub = [...digits].map((d) => String.fromCharCode(0x2080 + Number(d))).join('');
      expect(latexToUnicode(`x_{${digits}}`)).toBe(`x${sub}`);
    }));
  });
});

describe('generated answers pass their own grader', () => {
  it('for any number, the shown answer is accepted', () => {
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
      const part = expectedPart({ kind: 'number', value: v }, 'en');
      expect(part.grade(part.answerText).correct).toBe(true);
    }), { numRuns: 500 });
  });
});

describe('content hash', () => {
  const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  it('ignores YAML style and changes with the text', () => {
    fc.assert(fc.property(text, text, text, (zh, en, answer) => {
      const q = { id: 'd.q', type: 'card', prompt: { zh, en }, answer, explanation: 'E', tags: ['concept'], source: 'S' };
      const block = stringify({ deck: 'd', title: 'D', questions: [q] });
      const flow = stringify({ deck: 'd', title: 'D', questions: [q] }, { collectionStyle: 'flow' });
      const a = parseDeck(block, 'a.yaml').questions[0]!;
      const b = parseDeck(flow, 'b.yaml').questions[0]!;
      expect(b.hash).toBe(a.hash);
      const edited = parseDeck(stringify({ deck: 'd', title: 'D', questions: [{ ...q, prompt: { zh, en: `${en}!` } }] }), 'c.yaml').questions[0]!;
      expect(edited.hash).not.toBe(a.hash);
    }), { numRuns: 100 });
  });
});
