import { describe, expect, it } from 'vitest';
import { checkLetters, parseLetters } from '../../src/quiz/grade/choice';
import { tr, type Text } from '../../src/core/text';

const en = (text: Text): string => tr(text, 'en');
import { checkBlank, normaliseBlank, parseCloze, splitBlankAnswers } from '../../src/quiz/grade/cloze';
import { checkFormula, compileFormula, samplePoints } from '../../src/quiz/grade/formula';

describe('formula equivalence', () => {
  const sig = { answer: 's*(1-s)', variables: { s: [0.01, 0.99] as [number, number] } };
  it.each([
    ['s*(1-s)', true],
    ['s - s^2', true],
    ['s(1-s)', true], // a variable before parentheses multiplies, as on paper
    ['(1-s)*s', true],
    ['s*(1+s)', false],
    ['s', false],
    ['s*(1-s) + 1e-3', false],
  ])('sigmoid derivative: %s -> %s', (given, ok) => {
    expect(checkFormula(given, sig).correct).toBe(ok);
  });

  it('rejects a key scaled by (1 + 1e-4) or shifted by a hair: equivalence is to a relative 1e-7, not "close enough"', () => {
    expect(checkFormula('s*(1-s)*(1 + 1e-4)', sig).correct).toBe(false);
    expect(checkFormula('s*(1-s)*(1 - 1e-5)', sig).correct).toBe(false);
    expect(checkFormula('s*(1-s)*1.000001', sig).correct).toBe(false);
    const silu = { answer: 'x*sigmoid(x)', variables: { x: [-4, 4] as [number, number] } };
    expect(checkFormula('x*sigmoid(x)*(1 + 1e-4)', silu).correct).toBe(false);
    expect(checkFormula('x*sigmoid(x) + 1e-4', silu).correct).toBe(false);
    // Rounding noise of an equivalent form is not a different formula.
    expect(checkFormula('s*(1-s)*(1 + 1e-12)', sig).correct).toBe(true);
  });

  it('accepts the forms of x·σ(x) (SiLU)', () => {
    const key = { answer: 'x*sigmoid(x)', variables: { x: [-4, 4] as [number, number] } };
    for (const g of ['x/(1+exp(-x))', 'x*exp(x)/(1+exp(x))', 'x * sigmoid(x)', 'x*(1/(1+e^(-x)))']) expect(checkFormula(g, key).correct, g).toBe(true);
    expect(checkFormula('x*tanh(x)', key).correct).toBe(false);
  });

  it('checks relu and max forms on both sides of the kink', () => {
    const key = { answer: 'relu(x)', variables: { x: [-3, 3] as [number, number] } };
    expect(checkFormula('max(0, x)', key).correct).toBe(true);
    expect(checkFormula('(x+abs(x))/2', key).correct).toBe(true);
    expect(checkFormula('x', key).correct).toBe(false);
    expect(checkFormula('max(0.01*x, x)', key).correct).toBe(false);
  });

  it('reads the Unicode students type', () => {
    expect(checkFormula('s·(1−s)', sig).correct).toBe(true);
    expect(checkFormula('s − s²', sig).correct).toBe(true);
    expect(checkFormula('s - s**2', sig).correct).toBe(true);
  });

  it('explains what is wrong', () => {
    expect(checkFormula('s*(1+s)', sig).feedback).toBe('not equivalent: at s=0.759 yours gives 1.334, the answer 0.1831');
    expect(checkFormula('x*(1-x)', sig).feedback).toBe('unknown name "x": the variables are s (and the constants pi, e)');
    expect(checkFormula('x*(1-x)', sig, 'zh').feedback).toBe('未知名称 "x"：变量是 s（以及常数 pi、e）');
    expect(checkFormula('sinh(s)', sig).feedback).toBe('unknown function sinh(); allowed: exp, log, ln, sqrt, sigmoid, tanh, relu, abs, sin, cos, erf, max, min, pow');
    expect(checkFormula('exp', sig).feedback).toBe('exp is a function: write exp(...)');
    expect(checkFormula('s == 1', sig).feedback).toBe('"=" is not allowed in an expression: write only the right-hand side');
    expect(checkFormula('s > 0 ? s : 1', sig).feedback).toBe('the operator ">" is not supported (column 3); the expression may use + - * / ^');
    expect(checkFormula('s % 2', sig).feedback).toBe('the operator "%" is not supported (column 3); the expression may use + - * / ^');
    expect(checkFormula('', sig).feedback).toBe('empty expression');
    expect(checkFormula('log(s, 2, 3)', sig).feedback).toBe('log() takes 1 to 2 arguments, got 3');
  });

  it('never evaluates anything but arithmetic', () => {
    for (const bad of ['import("fs")', 'f(x) = 1', 'a = 2', '[1, 2]', '{a: 1}', '"text"', 'cos.constructor']) {
      expect(compileFormula(bad, ['s']).ok, bad).toBe(false);
    }
  });

  it('skips points where the key is undefined but rejects a student expression undefined where the key is not', () => {
    const key = { answer: 'sqrt(x)', variables: { x: [0, 4] as [number, number] } };
    expect(checkFormula('x^0.5', key).correct).toBe(true);
    expect(checkFormula('sqrt(x - 2)', key).correct).toBe(false);
  });

  it('draws the same points for the same key', () => {
    expect(samplePoints(sig)).toEqual(samplePoints(sig));
    expect(samplePoints(sig)).toHaveLength(16);
    for (const p of samplePoints(sig)) expect(p.s).toBeGreaterThanOrEqual(0.01);
  });

  it('evaluates erf precisely (GELU via Φ)', () => {
    const c = compileFormula('erf(1)', []);
    if (!c.ok) throw new Error(en(c.error));
    expect(c.fn({})).toBeCloseTo(0.8427007929497149, 12);
  });
});

describe('choice letters', () => {
  it.each([
    ['a', [0]], ['A', [0]], ['a,c', [0, 2]], ['c,a', [0, 2]], ['a c', [0, 2]], ['ac', [0, 2]], ['(b)', [1]], ['a，c', [0, 2]], ['a；c', [0, 2]], ['a,a', [0]],
  ])('%s', (input, out) => expect(parseLetters(input, 4)).toEqual(out));
  it.each(['', 'e', '1', 'ab1', 'x'])('rejects %j', (input) => expect(parseLetters(input, 4)).toBeNull());
  it('grades sets', () => {
    const grade = (input: string) => {
      const v = checkLetters(input, [0, 2], 4);
      return { ...v, feedback: en(v.feedback) };
    };
    expect(grade('c,a')).toEqual({ correct: true, feedback: 'right', given: 'a,c' });
    expect(grade('a')).toEqual({ correct: false, feedback: 'right so far, but 1 more correct choice', given: 'a' });
    expect(grade('a,b,c')).toEqual({ correct: false, feedback: 'wrong choice', given: 'a,b,c' });
    expect(checkLetters('１，３', [0, 2], 4).unreadable).toBe(true);
    expect(checkLetters('e', [0, 2], 4)).toMatchObject({ correct: false, unreadable: true });
    expect(checkLetters('-', [0, 2], 4)).toMatchObject({ correct: false, given: '' });
    expect(checkLetters('-', [0, 2], 4).unreadable).toBeUndefined();
    expect(checkLetters('ａ，ｃ', [0, 2], 4).correct).toBe(true);
  });
  it('says why an expression cannot be read, and asks again', () => {
    const sig = { answer: 's*(1-s)', variables: { s: [0.01, 0.99] as [number, number] } };
    expect(checkFormula('x*(1-x)', sig)).toMatchObject({ correct: false, unreadable: true });
    expect(checkFormula('s*(1+s)', sig).unreadable).toBeUndefined();
    expect(checkFormula('x*(1-x)', sig, 'zh').feedback).toBe('未知名称 "x"：变量是 s（以及常数 pi、e）');
  });
});

describe('cloze', () => {
  it('parses blanks and alternatives', () => {
    expect(parseCloze('a {{ReLU|relu}} b {{0.9}}')).toEqual({ parts: ['a ', ' b ', ''], blanks: [['ReLU', 'relu'], ['0.9']] });
    expect(parseCloze('none')).toEqual({ parts: ['none'], blanks: [] });
  });
  it('grades numbers with the rounding rule and text without case, spaces or punctuation', () => {
    expect(checkBlank('0.90', ['0.9']).ok).toBe(true);
    expect(checkBlank('0.91', ['0.9']).ok).toBe(false);
    expect(checkBlank('1e-8', ['1e-8']).ok).toBe(true);
    expect(checkBlank('Leaky  ReLU!', ['leaky relu']).ok).toBe(true);
    expect(checkBlank('梯度消失。', ['梯度消失']).ok).toBe(true);
    expect(checkBlank('', ['x']).ok).toBe(false);
    expect(normaliseBlank('Ｒｅ Ｌ Ｕ')).toBe('relu');
  });
  it('splits answers on ; and ；', () => {
    expect(splitBlankAnswers('0.9; 0.999；1e-8')).toEqual(['0.9', '0.999', '1e-8']);
  });
});
