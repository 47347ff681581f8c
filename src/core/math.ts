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
  derivativeDependencies,
  erfDependencies,
  evaluateDependencies,
  parseDependencies,
  simplifyDependencies,
} from 'mathjs';

export const math = create({
  addDependencies,
  compileDependencies,
  derivativeDependencies,
  erfDependencies,
  evaluateDependencies,
  parseDependencies,
  simplifyDependencies,
});
