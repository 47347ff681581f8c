/**
 * `instanceof` that works across bundles. The CLI is built as several
 * self-contained bundles (see scripts/build.mjs), each with its own copy of
 * the error classes, so an error thrown in one is not an instance of the other
 * copy's class. Branded classes mark their instances with a registered symbol
 * and answer `instanceof` by that mark; subclasses keep the normal check.
 */
export function brandCheck(cls: unknown, self: unknown, brand: symbol, x: unknown): boolean {
  if (self !== cls) return Function.prototype[Symbol.hasInstance].call(self as () => void, x);
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}
