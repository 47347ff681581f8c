import { describe, expect, it } from 'vitest';
import { explainMatmul, matmul, matmulBackward, transpose } from '../../src/core/matmul';
import { tr } from '../../src/core/text';

describe('matmulBackward', () => {
  // By hand: X = [[1,2],[3,4]], W = [[5,6],[7,8]], dY = [[1,0],[0,1]].
  const r = matmulBackward({ x: [[1, 2], [3, 4]], w: [[5, 6], [7, 8]], dy: [[1, 0], [0, 1]] });
  it('Y = XW', () => expect(r.y).toEqual([[19, 22], [43, 50]]));
  it('dX = dY·Wᵀ', () => expect(r.dX).toEqual([[5, 7], [6, 8]]));
  it('dW = Xᵀ·dY', () => expect(r.dW).toEqual([[1, 3], [2, 4]]));

  it('handles non-square shapes: X 1×3, W 3×2', () => {
    const s = matmulBackward({ x: [[1, 2, 3]], w: [[1, 0], [0, 1], [1, 1]], dy: [[2, -1]] });
    expect(s.y).toEqual([[4, 5]]);
    // dL/dx_{1,d} = Σ_m dy_{1,m} w_{d,m}
    expect(s.dX).toEqual([[2, -1, 1]]);
    // dL/dw_{d,m} = x_{1,d} dy_{1,m}
    expect(s.dW).toEqual([[2, -1], [4, -2], [6, -3]]);
    expect([s.n, s.d, s.m]).toEqual([1, 3, 2]);
  });
  it('defaults dY to ones (L = sum of Y)', () => {
    const s = matmulBackward({ x: [[1, 2]], w: [[3], [4]] });
    expect(s.dyIsOnes).toBe(true);
    expect(s.dX).toEqual([[3, 4]]);
    expect(s.dW).toEqual([[1], [2]]);
  });
  it('names both shapes when they do not fit', () => {
    expect(() => matmulBackward({ x: [[1, 2], [3, 4]], w: [[1, 0, 2]] })).toThrow(/W is 1×3 but X is 2×2: for Y = XW, W needs 2 rows/);
    expect(() => matmulBackward({ x: [[1, 2], [3, 4]], w: [[1], [2]], dy: [[1, 2]] })).toThrow(/must have the shape of Y = XW, which is 2×1.*got 1×2/);
    expect(() => matmulBackward({ x: [[1, 2], [3]], w: [[1], [2]] })).toThrow(/row 2 has 1 value but row 1 has 2/);
  });
});

describe('matmul and transpose', () => {
  it('multiply and transpose small matrices', () => {
    expect(matmul([[1, 2]], [[3], [4]])).toEqual([[11]]);
    expect(transpose([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
});

describe('explainMatmul', () => {
  it("spells out sums and the notes' Q1/Q2", () => {
    const text = explainMatmul(matmulBackward({ x: [[1, 2], [3, 4]], w: [[5, 6], [7, 8]], dy: [[1, 0], [0, 1]] })).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('y_{1,1} = 1·5 + 2·7 = 19');
    expect(text).toContain('dL/dx_{1,2} = 1·7 + 0·8 = 7');
    expect(text).toContain('dL/dw_{2,1} = 2·1 + 4·0 = 2');
    expect(text).toContain('Q1: x_{n,d} appears only in row n of Y');
    expect(text).toContain('∂y_{n,m}/∂x_{n,d} = w_{d,m}');
    expect(text).toContain('(2×2)(2×2) = 2×2, the shape of W');
  });
});
