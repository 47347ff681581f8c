/**
 * The one mathjs instance, built from only the functions dlnotes uses so the
 * bundle stays small (the full mathjs takes about a second to import).
 * Import this module only from commands that parse expressions (backprop,
 * gradcheck, optim --f, formula grading): never from the CLI entry point.
 *
 * It is built from mathjs's number-only entry ('mathjs/number': plain JS
 * numbers, no BigNumber/Fraction/Unit/Matrix), which is about half the code
 * of the full entry. The elementary functions are there so expressions and
 * derivative() results can be evaluated (tanh' needs sech), and e and pi are
 * constants an expression may use.
 */
import {
  create,
  absDependencies,
  addDependencies,
  compileDependencies,
  cosDependencies,
  derivativeDependencies,
  divideDependencies,
  eDependencies,
  erfDependencies,
  evaluateDependencies,
  expDependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  piDependencies,
  powDependencies,
  sechDependencies,
  simplifyDependencies,
  sinDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanhDependencies,
  unaryMinusDependencies,
} from 'mathjs/number';

export const math = create({
  absDependencies,
  addDependencies,
  compileDependencies,
  cosDependencies,
  derivativeDependencies,
  divideDependencies,
  eDependencies,
  erfDependencies,
  evaluateDependencies,
  expDependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  piDependencies,
  powDependencies,
  sechDependencies,
  simplifyDependencies,
  sinDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanhDependencies,
  unaryMinusDependencies,
});
