/**
 * The error function to double precision (GELU's exact form needs it; JS has
 * no Math.erf). Two classical expansions, each used where it is accurate:
 *  - |x| <= 2.5: erf(x) = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)). Every term
 *    is positive, so there is no cancellation (unlike the Taylor series).
 *  - |x| > 2.5: erfc(x) = (e^(−x²)/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 *    the Laplace continued fraction, evaluated bottom-up.
 * Both agree with published values to about 1e-16 (see test/unit/erf.test.ts).
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π
const SWITCH = 2.5;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x > 2 by the continued fraction; 120 levels are far more than double precision needs there. */
function erfcFraction(x: number): number {
  let g = x;
  for (let k = 120; k >= 1; k--) g = x + k / 2 / g;
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / g;
}

/** The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt, accurate to about 1e-16. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const v = a <= SWITCH ? erfSeries(a) : 1 - erfcFraction(a);
  return x < 0 ? -v : v;
}

/** The complementary error function 1 − erf(x), keeping relative accuracy in the right tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > SWITCH) return erfcFraction(x);
  if (x < -SWITCH) return 2 - erfcFraction(-x);
  return 1 - erf(x);
}

/** Standard normal CDF Φ(x) = ½·erfc(−x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x) = e^(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
