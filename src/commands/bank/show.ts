/** dlnotes bank show <id>: everything about one question, rendered; a generated one with a sample instance. */
import { editDistance } from '../../core/suggest';
import { seededRng, seedFrom } from '../../core/random';
import { UsageError } from '../../errors';
import { loadBank } from '../../quiz/bank/load';
import { letter } from '../../quiz/grade/choice';
import { preparePresent, prepareQuestion, present, showText } from '../../quiz/present';
import type { Bank, Lang, Presented, Question } from '../../quiz/types';
import { style, TICK } from '../../render/style';
import { renderWorked, workedToPlainLines } from '../../render/worked';
import { intFlag } from '../flags';
import { print, printJson } from '../output';
import { bankDirs, langFlag, type BankFlags } from './common';
import { t } from '../../render/lang';
import { typeName } from '../../quiz/session/render';
import { bi, msg } from '../../core/text';

const M = {
  noSuch: msg((id: string, near: string) => `no question with id "${id}"${near ? `; did you mean ${near}?` : ''} (\`dlnotes bank list\` lists them)`,
    (id, near) => `没有 id 为 "${id}" 的题目${near ? `；是不是 ${near}？` : ''}（\`dlnotes bank list\` 列出全部）`),
  meta: msg((type: string, deck: string) => `${type} · deck ${deck}`, (type, deck) => `${type} · 卡组 ${deck}`),
  source: msg((s: string) => `source: ${s}`, (s) => `出处：${s}`),
  tags: msg((s: string) => `tags: ${s}`, (s) => `标签：${s}`),
  template: msg((id: string, seed: number) => `template: ${id} · sample drawn with --seed ${seed}`, (id, seed) => `模板：${id} · 样例由 --seed ${seed} 抽取`),
  expression: msg((vars: string) => `(type an expression in ${vars})`, (vars) => `（输入含 ${vars} 的表达式）`),
  numbersOnly: bi('numbers only', '只含数'),
  answer: bi('Answer', '答案'),
  explanation: bi('Explanation', '解析'),
  hint: bi('Hint', '提示'),
  key: msg((key: string, ranges: string) => `  key: ${key}${ranges ? `; graded at random points with ${ranges}` : ''}`,
    (key, ranges) => `  标准答案：${key}${ranges ? `；在 ${ranges} 的随机点上评分` : ''}`),
  diagram: msg((id: string, blanks: string) => `diagram: ${id} · blanks: ${blanks} (dlnotes diagram ${id})`,
    (id, blanks) => `结构图：${id} · 空：${blanks}（dlnotes diagram ${id}）`),
  colon: bi(': ', '：'),
};

export interface ShowFlags extends BankFlags {
  seed?: string;
}

export async function run(id: string, o: ShowFlags): Promise<void> {
  const bank = loadBank(bankDirs(o));
  const lang = langFlag(o);
  const seed = intFlag('seed', o.seed, { min: 0 }) ?? seedFrom(id);
  const q = findQuestion(bank, id);
  // Choices in bank order, so the letters match the file.
  // (Reading a field first loads a cached question's text, so the copy has it.)
  const shown = q.type === 'choice' && q.choices ? { ...q, shuffle: false } : q;
  if (q.type === 'generated') await preparePresent();
  else await prepareQuestion(q);
  const p = present(shown, lang, seededRng(seed));
  if (o.json) {
    printJson(showJson(q, p, lang, seed));
    return;
  }
  print(renderShow(q, p, lang, seed));
}

export function findQuestion(bank: Bank, id: string): Question {
  const q = bank.byId.get(id);
  if (q) return q;
  const near = bank.questions
    .map((x) => ({ id: x.id, d: x.id.includes(id) ? 0 : editDistance(x.id, id) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(id.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.id);
  throw new UsageError(M.noSuch(id, near.join(', ')));
}

function renderShow(q: Question, p: Presented, lang: Lang, seed: number): string {
  const lines: string[] = [];
  lines.push(`${style.heading(q.id)}  ${style.dim(t(M.meta(typeName(q.type), q.deck)))}`);
  lines.push(style.dim(`${q.file}:${q.line}`));
  lines.push(style.dim(t(M.source(q.source))));
  lines.push(style.dim(t(M.tags(q.tags.join(', ')))));
  if (q.type === 'generated') lines.push(style.dim(t(M.template(`${q.template}${q.options ? ` ${JSON.stringify(q.options)}` : ''}`, seed))));
  if (q.type === 'diagram') lines.push(style.dim(t(M.diagram(q.diagram, q.blanks.join(', ')))));
  lines.push('', p.prompt);
  if (p.mode.kind === 'choice') {
    const right = new Set(q.type === 'choice' ? q.answer.map(letter) : correctLetters(p));
    p.mode.choices.forEach((c, i) => lines.push(`  ${right.has(letter(i)) ? style.good(TICK) : ' '} ${letter(i)}) ${c}`));
  }
  if (p.mode.kind === 'formula') lines.push(style.dim(t(M.expression(p.mode.variables.join(', ') || t(M.numbersOnly)))));
  lines.push('', `${style.bold(t(M.answer))}${t(M.colon)}${p.answerText}`);
  if (q.type === 'formula') {
    const ranges = Object.entries(q.variables).map(([v, [lo, hi]]) => `${v} ∈ [${lo}, ${hi}]`).join(', ');
    lines.push(style.dim(t(M.key(q.answer, ranges))));
  }
  if (p.explanation) lines.push('', `${style.bold(t(M.explanation))}${t(M.colon)}${p.explanation}`);
  if (p.hint) lines.push(`${style.bold(t(M.hint))}${t(M.colon)}${p.hint}`);
  const slips = knownSlips(q, p, lang);
  if (slips.length > 0) {
    lines.push('', style.bold(lang === 'zh' ? '已知的典型失误：' : 'Known slips:'));
    for (const sl of slips) lines.push(`  ${sl.answer} — ${sl.slip}${lang === 'zh' ? '：' : ': '}${sl.explanation}`);
  }
  if (p.slips) lines.push(style.dim(`${lang === 'zh' ? '本题可识别的典型失误' : 'slips a wrong answer here can name'}: ${p.slips.join(', ')}`));
  if (p.figure) lines.push('', p.figure);
  if (p.solution) lines.push('', renderWorked(p.solution));
  return lines.join('\n');
}

/** A hand-written question's known wrong answers (`slips:`), choices by the letters they are shown at. */
function knownSlips(q: Question, p: Presented, lang: Lang): Array<{ answer: string; slip: string; explanation: string }> {
  if (q.type !== 'numeric' && q.type !== 'choice') return [];
  const shown = (orig: number): string => letter(p.mode.kind === 'choice' && q.type === 'choice' ? p.mode.choices.indexOf(showText(q.choices[orig]!, lang)) : orig);
  return (q.slips ?? []).map((sl) => ({
    answer: Array.isArray(sl.answer) ? sl.answer.map(shown).join(',') : String(sl.answer),
    slip: sl.slip,
    explanation: showText(sl.explanation, lang),
  }));
}

/** The letters in a generated choice's answer text ("b) …; d) …"). */
function correctLetters(p: Presented): string[] {
  return [...p.answerText.matchAll(/(?:^|; )([a-h])\) /g)].map((m) => m[1]!);
}

function showJson(q: Question, p: Presented, lang: Lang, seed: number): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: q.id, deck: q.deck, type: q.type, tags: q.tags, source: q.source,
    file: q.file, line: q.line, hash: q.hash, lang,
    prompt: p.prompt,
    answer: p.answerText,
    ...(p.explanation !== undefined ? { explanation: p.explanation } : {}),
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
    mode: p.mode,
    ...(knownSlips(q, p, lang).length > 0 ? { slips: knownSlips(q, p, lang) } : {}),
    ...(p.slips ? { can_name: p.slips } : {}),
  };
  switch (q.type) {
    case 'choice':
      return { ...base, correct: q.answer.map(letter) };
    case 'numeric':
      return { ...base, value: q.answer, ...(q.tolerance !== undefined ? { tolerance: q.tolerance } : {}), ...(q.relTolerance !== undefined ? { rel_tolerance: q.relTolerance } : {}), ...(q.unit ? { unit: q.unit } : {}) };
    case 'formula':
      return { ...base, key: q.answer, variables: q.variables };
    case 'diagram':
      return { ...base, diagram: q.diagram, blanks: q.blanks };
    case 'generated':
      return {
        ...base,
        template: q.template,
        ...(q.options ? { options: q.options } : {}),
        sample: { seed, params: p.params ?? {}, solution: p.solution ? [p.solution.title, ...workedToPlainLines(p.solution)] : [] },
      };
    default:
      return base;
  }
}
