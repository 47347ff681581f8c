/**
 * The LaTeX problems of a bank text, in both languages: unbalanced `$` or a
 * formula KaTeX cannot parse. KaTeX words its errors in English; the common
 * ones are said again in Chinese (the position and the excerpt stay as
 * KaTeX gives them), any other keeps KaTeX's words.
 */
import { LatexError, parseLatex, splitMath } from '../../render/latex';
import { msg, tr, type Text } from '../../core/text';

const M = {
  unclosed: msg((at: number) => `unclosed $ at character ${at} (write \\$ for a literal dollar)`,
    (at) => `第 ${at} 个字符处的 $ 没有闭合（表示美元符号本身请写 \\$）`),
  parse: msg((tex: string, detail: Text) => `LaTeX does not parse in $${tex}$: ${tr(detail, 'en')}`,
    (tex, detail) => `LaTeX 无法解析：$${tex}$：${tr(detail, 'zh')}`),
  display: msg((detail: Text) => `display LaTeX does not parse: ${tr(detail, 'en')}`, (detail) => `display 的 LaTeX 无法解析：${tr(detail, 'zh')}`),
};

/** KaTeX's common messages in Chinese: [pattern, its translation]. */
const KATEX_ZH: ReadonlyArray<readonly [RegExp, (...m: string[]) => string]> = [
  [/^Unexpected end of input in a macro argument, expected '(.+?)'/, (_, c) => `命令的参数没有写完，缺少 '${c}'`],
  [/^Expected 'EOF', got '(.+?)'/, (_, c) => `多出了 '${c}'`],
  [/^Expected '(.+?)', got 'EOF'/, (_, c) => `缺少 '${c}'`],
  [/^Expected '(.+?)', got '(.+?)'/, (_, want, got) => `应为 '${want}'，却是 '${got}'`],
  [/^Undefined control sequence: (\S+)/, (_, c) => `未定义的命令 ${c}`],
  [/^Double subscript/, () => '同一个符号有两个下标（请加花括号）'],
  [/^Double superscript/, () => '同一个符号有两个上标（请加花括号）'],
  [/^No such environment: (\S+)/, (_, e) => `没有这个环境：${e}`],
];

/** KaTeX's message in both languages: `… at position 3: ab}` becomes `…（第 3 个字符：ab}）`. */
export function katexText(message: string): Text {
  const m = /^(.*?) at (?:position (\d+)|end of input): (.*)$/s.exec(message);
  const [what, pos, excerpt] = m ? [m[1]!, m[2], m[3]!] : [message, undefined, undefined];
  for (const [pattern, zh] of KATEX_ZH) {
    const hit = pattern.exec(what);
    if (!hit) continue;
    const where = excerpt === undefined ? '' : pos !== undefined ? `（第 ${pos} 个字符：${excerpt}）` : `（在末尾：${excerpt}）`;
    return { en: message, zh: `${zh(...hit)}${where}` };
  }
  return message;
}

/** The LaTeX problems of a text: unbalanced $ or formulas that do not parse. */
export function latexProblems(text: string): Text[] {
  if (!text.includes('$')) return [];
  const { segments, unclosed } = splitMath(text);
  const out: Text[] = [];
  if (unclosed !== undefined) out.push(M.unclosed(unclosed + 1));
  for (const s of segments) {
    if (!s.math) continue;
    const problem = parseProblem(s.text);
    if (problem) out.push(M.parse(s.text, problem));
  }
  return out;
}

/** What is wrong with a `display:` formula (written without $), if anything. */
export function displayProblem(tex: string): Text | undefined {
  const problem = parseProblem(tex);
  return problem ? M.display(problem) : undefined;
}

function parseProblem(tex: string): Text | undefined {
  try {
    parseLatex(tex);
    return undefined;
  } catch (e) {
    if (e instanceof LatexError) return katexText(e.message);
    throw e;
  }
}
