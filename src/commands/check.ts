/** dlnotes check: grade a homework file of problems and answers with the calculators. */
import { readFileSync } from 'node:fs';
import { checkQuantity, type AnswerCheck, type Quantity } from '../core/check';
import { SpecError } from '../core/spec';
import { ExitError, UsageError } from '../errors';
import { ADAPTERS, findAdapter } from '../check/registry';
import { parseHomework, type HomeworkAnswer, type HomeworkItem } from '../check/parse';
import { CROSS, style, TICK } from '../render/style';
import { renderWorked } from '../render/worked';
import { localizeCheck, print, printJson, renderChecks, type Outcome } from './output';
import { writeErr } from '../write';
import { t } from '../render/lang';
import { bi, msg, tr } from '../core/text';

const M = {
  unknownCalc: msg((calc: string, known: string) => `unknown calculator "${calc}"; known: ${known}`, (calc, known) => `未知的计算器 "${calc}"；可用：${known}`),
  cannotCheck: msg((calc: string, key: string, known: string) => `${calc} cannot check "${key}" here; checkable: ${known}`,
    (calc, key, known) => `${calc} 在这里不能检查 "${key}"；可检查：${known}`),
  score: msg((right: number, total: number, pc: number, full: number, problems: number) => `Score: ${right}/${total} answers right (${pc}%); ${full}/${problems} problems fully right.`,
    (right, total, pc, full, problems) => `得分：${right}/${total} 个答案正确（${pc}%）；${full}/${problems} 道题全对。`),
  header: bi(
    '# dlnotes check FILE: one problem per list item. The inputs are the calculator\'s flags\n# (see dlnotes <calculator> --help); "answer" holds your answers to check.\n',
    '# dlnotes check FILE：每个列表项是一道题。输入就是计算器的参数\n# （见 dlnotes <计算器> --help）；"answer" 里写要检查的答案。\n',
  ),
  unknownTemplate: msg((name: string, known: string) => `--template: unknown calculator "${name}"; known: ${known}, all`, (name, known) => `--template：未知的计算器 "${name}"；可用：${known}, all`),
  giveFile: bi('give a homework file (dlnotes check homework.yaml), or --template conv for an example', '请给出作业文件（dlnotes check homework.yaml），或用 --template conv 查看示例'),
  cannotRead: msg((file: string, code: string) => `cannot read "${file}"${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
    (file, code) => `无法读取 "${file}"${code === 'ENOENT' ? '：文件不存在' : code ? `（${code}）` : ''}`),
};

export interface CheckFlags {
  template?: string | boolean;
  json?: boolean;
}

interface Graded {
  item: HomeworkItem;
  outcome: Outcome;
  checks: AnswerCheck[];
}

/** Finds the quantity an answer names: "grads.x" also matches "x"; aliases count. */
function findQuantity(quantities: Record<string, Quantity>, key: string): Quantity | undefined {
  const candidates = [key, key.split('.').slice(1).join('.'), key.split('.').pop()!].filter(Boolean).map((k) => k.toLowerCase());
  for (const k of candidates) {
    const q = quantities[k] ?? Object.values(quantities).find((x) => x.aliases?.includes(k));
    if (q) return q;
  }
  return undefined;
}

function describeItem(item: HomeworkItem): string {
  const inputs = Object.entries(item.inputs)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return `${item.label ? `${item.label}: ` : ''}${item.calculator} ${inputs}`.trim();
}

/** Runs every problem's calculator; collects every mistake in the file before grading anything. */
async function gradeAll(items: HomeworkItem[]): Promise<Graded[]> {
  const problems: string[] = [];
  const graded: Graded[] = [];
  for (const item of items) {
    const adapter = findAdapter(item.calculator);
    if (!adapter) {
      problems.push(`${item.where}: ${t(M.unknownCalc(item.calculator, ADAPTERS.map((a) => a.name).join(', ')))}`);
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = await adapter.compute(item.inputs);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problems.push(locate(item, e.flag, t(e.text)));
      continue;
    }
    const checks: AnswerCheck[] = [];
    for (const answer of item.answers) {
      const q = answer.key === 'answer' ? defaultQuantity(outcome, answer) : findQuantity(outcome.quantities, answer.key);
      if (!q) {
        problems.push(`${answer.where}: ${t(M.cannotCheck(item.calculator, answer.key, Object.keys(outcome.quantities).join(', ')))}`);
        continue;
      }
      checks.push(checkQuantity(q, answer.text));
    }
    graded.push({ item, outcome, checks });
  }
  if (problems.length > 0) {
    writeErr(`${problems.map((p) => `dlnotes: ${p}`).join('\n')}\n`);
    throw new ExitError(2);
  }
  return graded;
}

function defaultQuantity(outcome: Outcome, answer: HomeworkAnswer): Quantity | undefined {
  const key = typeof outcome.defaultKey === 'string' ? outcome.defaultKey : outcome.defaultKey(answer.text);
  return outcome.quantities[key];
}

/** A calculator's "--flag: message" points at that input in the file. */
function locate(item: HomeworkItem, flag: string | undefined, message: string): string {
  const m = /^--([\w-]+)[:：]\s*(.*)$/s.exec(message);
  const name = flag ?? m?.[1];
  if (name !== undefined) {
    const key = [...item.inputWhere.keys()].find((k) => k === name || k.replace(/-/g, '') === name.replace(/-/g, ''));
    if (key) return `${item.inputWhere.get(key)}: ${item.calculator} ${key}: ${m ? m[2] : message}`;
  }
  return `${item.where}: ${item.calculator}: ${message.replace(/--([\w-]+)/g, '$1')}`;
}

function report(graded: Graded[]): string {
  const out: string[] = [];
  for (const g of graded) {
    const ok = g.checks.every((c) => c.ok);
    out.push(`${ok ? style.good(TICK) : style.bad(CROSS)} ${style.bold(`${g.item.index}.`)} ${describeItem(g.item)}  ${style.dim(`(${g.item.where})`)}`);
    out.push(indent(renderChecks(g.checks)));
    if (!ok) {
      const worked = typeof g.outcome.worked === 'string' ? g.outcome.worked : renderWorked(g.outcome.worked);
      out.push(indent(worked));
    }
    out.push('');
  }
  const right = graded.reduce((n, g) => n + g.checks.filter((c) => c.ok).length, 0);
  const total = graded.reduce((n, g) => n + g.checks.length, 0);
  const full = graded.filter((g) => g.checks.every((c) => c.ok)).length;
  out.push(style.bold(t(M.score(right, total, Math.round((100 * right) / total), full, graded.length))));
  return out.join('\n');
}

export function templateText(name: string | undefined): string {
  const header = t(M.header);
  if (name === undefined || name === 'all') return header + ADAPTERS.map((a) => `\n# ${a.name}: ${t(a.summary)}\n${a.template}`).join('');
  const a = findAdapter(name);
  if (!a) throw new UsageError(M.unknownTemplate(name, ADAPTERS.map((x) => x.name).join(', ')));
  return `${header}# ${a.name}: ${t(a.summary)}\n${a.template}`;
}

export async function run(file: string | undefined, o: CheckFlags): Promise<void> {
  if (o.template !== undefined) {
    print(templateText(o.template === true ? undefined : String(o.template)));
    return;
  }
  if (file === undefined) throw new UsageError(M.giveFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(M.cannotRead(file, code ?? ''));
  }
  let items: HomeworkItem[];
  try {
    items = parseHomework(text, file);
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
  const graded = await gradeAll(items);
  const allRight = graded.every((g) => g.checks.every((c) => c.ok));
  if (o.json) {
    const right = graded.reduce((n, g) => n + g.checks.filter((c) => c.ok).length, 0);
    const total = graded.reduce((n, g) => n + g.checks.length, 0);
    printJson({
      correct: allRight,
      score: { right, total },
      items: graded.map((g) => ({
        index: g.item.index,
        calculator: g.item.calculator,
        where: g.item.where,
        ...(g.item.label ? { label: g.item.label } : {}),
        correct: g.checks.every((c) => c.ok),
        checks: g.checks.map((c) => localizeCheck(c)),
      })),
    });
  } else {
    print(report(graded));
  }
  if (!allRight) throw new ExitError(1);
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l.trim() ? `   ${l}` : '')).join('\n');
}
