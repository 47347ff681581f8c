import { describe, expect, it } from 'vitest';
import { ExpressionError, num, op, printExpr, v, variablesOf } from '../../src/core/graph/expr';
import { parseExpression } from '../../src/core/graph/parse';
import { parseValues } from '../../src/core/graph/values';

describe('parseExpression', () => {
  it('reads precedence and implicit multiplication as mathjs does', () => {
    expect(parseExpression('(x+y)*z')).toEqual(op('mul', op('add', v('x'), v('y')), v('z')));
    expect(parseExpression('2x')).toEqual(op('mul', num(2), v('x')));
    expect(parseExpression('-x^2')).toEqual(op('neg', op('pow', v('x'), num(2))));
    expect(parseExpression('-a*b')).toEqual(op('mul', op('neg', v('a')), v('b')));
    expect(parseExpression('+x')).toEqual(v('x'));
    expect(parseExpression('ln(x)')).toEqual(op('log', v('x')));
    expect(parseExpression('pow(x, 3)')).toEqual(op('pow', v('x'), num(3)));
    expect(parseExpression('max(x, y, z)')).toEqual(op('max', v('x'), v('y'), v('z')));
  });

  const err = (text: string): ExpressionError => {
    try {
      parseExpression(text);
    } catch (e) {
      return e as ExpressionError;
    }
    throw new Error(`no error for ${text}`);
  };
  it.each([
    ['(x+y))*z', 5, /unexpected "\)" at column 6/],
    ['(x+y*z', 0, /"\)" expected: the "\(" at column 1 is never closed/],
    ['x +* y', 3, /a number, a name or "\(" expected at column 4/],
    ['foo(x)', 0, /unknown function foo\(\)/],
    ['x % 2', 2, /operator "%" is not supported/],
    ['x $ y', 2, /unexpected character "\$" at column 3/],
    ['log(x, 2)', 0, /log\(\) takes one argument/],
    ['max(x)', 0, /max\(\) takes at least 2 arguments/],
    ['exp + 1', 0, /exp is a function/],
  ])('%s: error at column %i', (text, column, message) => {
    const e = err(text);
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toMatch(message);
    expect(e.column).toBe(column);
  });
  it('rejects empty and unsupported forms without a column', () => {
    expect(err('  ').message).toMatch(/empty/);
    expect(err('x = 3').message).toMatch(/"=" is not allowed in an expression/);
  });
});

describe('printExpr', () => {
  it.each([
    '(x + y)*z',
    '1/(1 + exp(-(w0*x0 + w1*x1 + w2)))',
    '-x^2',
    '(-x)^2',
    'x^y^z',
    '(x^y)^z',
    'x - (y - z)',
    'x/(y*z)',
    'a*-b',
    'max(x, y)*relu(z)',
  ])('%s round-trips', (text) => {
    const e = parseExpression(text);
    expect(parseExpression(printExpr(e))).toEqual(e);
  });
  it('lists variables in order of first use', () => {
    expect(variablesOf(parseExpression('z*x + x*y'))).toEqual(['z', 'x', 'y']);
  });
});

describe('parseValues', () => {
  it('reads x=-2 y=5, comma lists, vectors and fractions', () => {
    expect(parseValues(['x=-2', 'y=5', 'z=-4'])).toEqual({ x: -2, y: 5, z: -4 });
    expect(parseValues(['x=-2,y=5,z=-4'])).toEqual({ x: -2, y: 5, z: -4 });
    expect(parseValues(['w=[2,-3,-3]', 'x=[-1,-2]'])).toEqual({ w0: 2, w1: -3, w2: -3, x0: -1, x1: -2 });
    expect(parseValues(['w=2,-3'])).toEqual({ w0: 2, w1: -3 });
    expect(parseValues(['a=1/4', 'b=1e-3', 'c=−2'])).toEqual({ a: 0.25, b: 0.001, c: -2 });
  });
  it.each([
    [['x'], /"x" is not a value/],
    [['x=abc'], /"abc" is not a number/],
    [['x=1', 'x=2'], /x is given twice/],
    [['w=[1,2]', 'w0=3'], /w0 is given twice/],
    [['1x=2'], /not a variable name/],
  ])('%j is rejected', (words, message) => {
    expect(() => parseValues(words)).toThrow(message);
  });
});
