/**
 * The one mathjs instance, built from only the functions dlnotes uses so the
 * bundle stays small (the full mathjs takes about a second to import).
 * Import this module only from commands that parse expressions (backprop,
 * gradcheck, optim --f, formula grading): never from the CLI entry point.
 */
import {
  create,
  addDependencies,
  compileDependencies,
  cosDependencies,
  derivativeDependencies,
  eDependencies,
  evaluateDependencies,
  expDependencies,
  logDependencies,
  parseDependencies,
  piDependencies,
  sechDependencies,
  simplifyDependencies,
  sinDependencies,
  sqrtDependencies,
  tanhDependencies,
} from 'mathjs';

export const math = create({
  addDependencies,
  compileDependencies,
  derivativeDependencies,
  evaluateDependencies,
  parseDependencies,
  simplifyDependencies,
  // Functions an objective such as `optim --f` may use, and what their derivatives need
  // (tanh' = sech²).
  cosDependencies,
  eDependencies,
  expDependencies,
  logDependencies,
  piDependencies,
  sechDependencies,
  sinDependencies,
  sqrtDependencies,
  tanhDependencies,
});
