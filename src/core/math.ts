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
import type { Text } from './text';

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

/** mathjs's parse errors in Chinese; its own messages are English. */
const SYNTAX_ZH: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^Unexpected end of expression/, () => '表达式意外结束'],
  [/^Parenthesis \) expected/, () => '缺少右括号 )'],
  [/^Parenthesis \] expected/, () => '缺少右方括号 ]'],
  [/^Value expected/, () => '这里应该有一个值'],
  [/^Unexpected part "(.*)"/, (m) => `多余的部分 "${m[1]}"`],
  [/^Syntax error in part "(.*)"/, (m) => `"${m[1]}" 附近有语法错误`],
  [/^Unexpected operator (\S+)/, (m) => `意外的运算符 ${m[1]}`],
  [/^Digit expected, got "(.*)"/, (m) => `这里应该是数字，而不是 "${m[1]}"`],
  [/^Invalid left hand side of assignment operator =/, () => '赋值号 = 左边不合法'],
];

/**
 * A mathjs error message in both languages: the English as mathjs wrote it,
 * the Chinese from the table above (the English when it is not there), with
 * mathjs's "(char 3)" as "（第 3 个字符）".
 */
export function mathjsMessage(message: string): Text {
  const char = /\s*\(char (\d+)\)$/.exec(message);
  const body = char ? message.slice(0, char.index) : message;
  for (const [re, zh] of SYNTAX_ZH) {
    const m = re.exec(body);
    if (m) return { en: message, zh: `${zh(m)}${char ? `（第 ${char[1]} 个字符）` : ''}` };
  }
  return message;
}
