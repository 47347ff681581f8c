/**
 * Counts past 2^53 are not exact in a double: a calculator refuses them
 * rather than print a wrong last digit as if it were exact.
 */
import { InputError } from './errors';
import { bi, msg, tr } from './text';

const COUNT_NAME = {
  params: bi('the parameter count', '参数量'),
  macs: bi('the MAC count', 'MACs'),
  memory: bi('the memory', '显存'),
};

const INEXACT = msg(
  (what: keyof typeof COUNT_NAME, v: string) => `${tr(COUNT_NAME[what], 'en')} would be ${v}, beyond 2^53 = 9,007,199,254,740,992: too large to count exactly`,
  (what, v) => `${tr(COUNT_NAME[what], 'zh')}将是 ${v}，超过 2^53 = 9,007,199,254,740,992：太大，无法精确计数`,
);

/** The count, or an InputError blamed on `field` when it is past 2^53. */
export function exactCount(field: string, what: keyof typeof COUNT_NAME, v: number): number {
  if (!Number.isSafeInteger(v)) throw new InputError(field, INEXACT(what, v.toExponential(3)));
  return v;
}
