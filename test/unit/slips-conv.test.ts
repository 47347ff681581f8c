/**
 * Slips of the conv calculator (issue 14): a wrong answer that equals a
 * classic slip names it; a slip that coincides with the right answer is not
 * named; a right answer never carries a slip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeConv } from '../../src/commands/conv';
import { checkAnswerText } from '../../src/core/check';
import { tr } from '../../src/core/text';

const slipsOf = (flags: Record<string, string>, answer: string): string[] => {
  const out = computeConv(flags);
  return checkAnswerText(answer, out.quantities, out.defaultKey).flatMap((c) => (c.slips ?? []).map((s) => s.id));
};

describe('conv slips: named when the wrong answer is the slip', () => {
  it.each([
    // input 32, F 5, P 2, S 1: right 32
    [{ h: '32', f: '5', p: '2' }, '31', ['forgot-plus-one']],
    [{ h: '32', f: '5', p: '2' }, '30', ['padding-once']],
    [{ h: '32', f: '5', p: '2' }, '28', ['forgot-padding']],
    // 10, F 3, S 2: numerator 7, right floor(3.5)+1 = 4; ceil gives 5, no +1 gives 3, no stride gives 8
    [{ h: '10', f: '3', s: '2' }, '5', ['ceil-instead-of-floor']],
    [{ h: '10', f: '3', s: '2' }, '8', ['forgot-stride']],
    // dilation 2, F 3: span 5; 32 + 2 − 5 + 1 = 30, without dilation 32 + 2 − 3 + 1 = 32
    [{ h: '32', f: '3', p: '1', d: '2' }, '32', ['forgot-dilation']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'params=750', ['forgot-bias']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'params=260', ['forgot-input-channels']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'params=1500', ['bias-per-weight']],
    [{ h: '32', c: '4', k: '8', f: '3', p: '1', groups: '2' }, 'params=296', ['groups-ignored']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'macs=1536000', ['flops-vs-macs']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'flops=768000', ['flops-vs-macs']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2', batch: '4' }, 'macs=768000', ['forgot-batch']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'bytes=327680', ['bits-vs-bytes']],
    [{ h: '32', c: '3', k: '10', f: '5', p: '2' }, 'output=31x31x10', ['forgot-plus-one']],
  ])('%j answered %s', (flags, answer, ids) => {
    expect(slipsOf(flags, answer)).toEqual(ids);
  });

  it('says what the slip did with these numbers, in both languages', () => {
    const out = computeConv({ h: '32', f: '5', p: '2' });
    const [c] = checkAnswerText('31', out.quantities, out.defaultKey);
    expect(tr(c!.slips![0]!.text, 'en')).toBe('looks like the "+1" was left out: (32 − 5 + 2·2)/1 = 31, then + 1 = 32');
    expect(tr(c!.slips![0]!.text, 'zh')).toBe('看起来漏了“+1”：(32 − 5 + 2·2)/1 = 31，再 + 1 = 32');
  });

  it('does not name a slip that gives the right value here', () => {
    // Stride 2 divides evenly: ceil = floor, so 16 + 1 would be "ceil" only if it differed.
    expect(slipsOf({ h: '32', f: '2', s: '2' }, '17')).toEqual([]);
    // No padding: padding-once and forgot-padding coincide with the answer and are not offered.
    expect(slipsOf({ h: '32', f: '5' }, '27')).toEqual(['forgot-plus-one']);
  });

  it('a right answer never carries a slip', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }),
      (h, f, s, p, d) => {
        fc.pre(d * (f - 1) + 1 <= h + 2 * p);
        const out = computeConv({ h: String(h), f: String(f), s: String(s), p: String(p), d: String(d), c: '3', k: '4' });
        for (const [key, q] of Object.entries(out.quantities)) {
          const right = typeof q.expected === 'number' ? String(q.expected) : Array.isArray(q.expected) ? q.expected[0]!.join('x') : q.expected;
          const [c] = checkAnswerText(`${key}=${right}`, out.quantities, out.defaultKey);
          expect(c!.ok).toBe(true);
          expect(c!.slips).toBeUndefined();
        }
      },
    ), { numRuns: 300 });
  });
});
