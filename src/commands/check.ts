/** dlnotes check: grade a homework file of problems and answers with the calculators. */
import { FILE_LIMITS, readTextFile } from '../read';
import { commandFlags } from '../registry-access';
import { checkQuantity, findQuantity, type AnswerCheck, type Quantity } from '../core/check';
import { InputError } from '../core/errors';
import { closest } from '../core/suggest';
import { bi, msg } from '../core/text';
import { t } from '../render/lang';
import { termWidth } from '../render/width';
import { wrapText } from '../render/wrap';
import { summarizeKeys } from './answer-keys';
import { SpecError } from '../core/spec';
import { ExitError, UsageError } from '../errors';
import { ADAPTERS, findAdapter, type CheckAdapter } from '../check/registry';
import { parseHomework, type HomeworkAnswer, type HomeworkItem } from '../check/parse';
import { CROSS, style, TICK } from '../render/style';
import { renderWorked } from '../render/worked';
import { localizeCheck, print, printJson, printRaw, renderChecks, type Outcome } from './output';
import { renderSlipTally, slipTally } from './slip-tally';
import { tr } from '../core/text';
import { currentLang } from '../render/lang';
import { writeErr } from '../write';

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
function findKey(quantities: Record<string, Quantity>, key: string): [string, Quantity] | undefined {
  const candidates = [key, key.split('.').slice(1).join('.'), key.split('.').pop()!].filter(Boolean);
  for (const k of candidates) {
    const hit = findQuantity(quantities, k);
    if (hit) return hit;
  }
  return undefined;
}

function describeItem(item: HomeworkItem): string {
  const inputs = Object.entries(item.inputs)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return `${item.label ? `${item.label}: ` : ''}${item.calculator} ${inputs}`.trim();
}

const M = {
  unknownCalc: msg((name: string, known: string) => `unknown calculator "${name}"; known: ${known}`, (name, known) => `没有叫 "${name}" 的计算器；可用：${known}`),
  noInput: msg(
    (calc: string, key: string, near: string[], known: string) => `${calc} has no input "${key}" (${near.length ? `did you mean ${near.join(' or ')}?` : `its inputs: ${known}`})`,
    (calc, key, near, known) => `${calc} 没有输入 "${key}"（${near.length ? `是不是 ${near.join(' 或 ')}？` : `它的输入：${known}`}）`,
  ),
  noAnswer: msg(
    (calc: string, key: string, near: string[], known: string) => `${calc} has no answer "${key}" here (${near.length ? `did you mean ${near.join(' or ')}?` : `checkable: ${known}`})`,
    (calc, key, near, known) => `${calc} 这里没有可检查的答案 "${key}"（${near.length ? `是不是 ${near.join(' 或 ')}？` : `可检查：${known}`}）`,
  ),
  badAnswer: msg((calc: string, key: string, why: string) => `${calc} ${key}: ${why}`, (calc, key, why) => `${calc} ${key}：${why}`),
  score: msg((right: number, total: number, pc: number, full: number, problems: number) => `Score: ${right}/${total} answers right (${pc}%); ${full}/${problems} problems fully right.`,
    (right, total, pc, full, problems) => `得分：${right}/${total} 个答案正确（${pc}%）；${full}/${problems} 道题全对。`),
  header: bi(
    'dlnotes check FILE: one problem per list item. The inputs are the calculator\'s flags (see dlnotes <calculator> --help); "answer" holds your answers to check.',
    'dlnotes check FILE：每个列表项是一道题。输入就是计算器的参数（见 dlnotes <计算器> --help）；"answer" 里写要检查的答案。',
  ),
  unknownTemplate: msg((name: string, known: string) => `--template: unknown calculator "${name}"; known: ${known}, all`, (name, known) => `--template：未知的计算器 "${name}"；可用：${known}, all`),
  giveFile: bi('give a homework file (dlnotes check homework.yaml), or --template conv for an example', '请给出作业文件（dlnotes check homework.yaml），或用 --template conv 查看示例'),
};

/** Flags no homework problem gives: how to print, not what to compute. */
const NOT_INPUTS = new Set(['json', 'answer', 'lang', 'color', 'no-color', 'help']);

/** The inputs a problem of this calculator may give: its flags (kebab-case or camelCase) and the adapter's positionals. */
function acceptedInputs(adapter: CheckAdapter): string[] {
  const flags = commandFlags(adapter.command ?? adapter.name);
  if (!flags) throw new Error(`check: no command registered for the calculator ${adapter.name}`);
  return [...(adapter.positionals ?? []), ...flags.filter((f) => !NOT_INPUTS.has(f))];
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');

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
    const accepted = acceptedInputs(adapter);
    const unknown = Object.keys(item.inputs).filter((k) => !accepted.includes(k) && !accepted.includes(kebab(k)));
    for (const key of unknown) {
      problems.push(`${item.inputKeyWhere.get(key) ?? item.where}: ${t(M.noInput(item.calculator, key, closest(key, accepted), accepted.join(', ')))}`);
    }
    if (unknown.length > 0) continue;
    let outcome: Outcome;
    try {
      outcome = await adapter.compute(item.inputs);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problems.push(locate(item, e));
      continue;
    }
    const checks: AnswerCheck[] = [];
    for (const answer of item.answers) {
      const found = answer.key === 'answer' ? defaultQuantity(outcome, answer) : findKey(outcome.quantities, answer.key);
      if (!found) {
        const keys = Object.keys(outcome.quantities);
        problems.push(`${answer.where}: ${t(M.noAnswer(item.calculator, answer.key, closest(answer.key.split('.').pop()!, keys), summarizeKeys(outcome.quantities)))}`);
        continue;
      }
      try {
        checks.push(checkQuantity(found[1], answer.text, found[0]));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        problems.push(`${answer.where}: ${t(M.badAnswer(item.calculator, answer.key, t(e.text)))}`);
      }
    }
    graded.push({ item, outcome, checks });
  }
  if (problems.length > 0) {
    writeErr(`${problems.map((p) => `dlnotes: ${p}`).join('\n')}\n`);
    throw new ExitError(2);
  }
  return graded;
}

function defaultQuantity(outcome: Outcome, answer: HomeworkAnswer): [string, Quantity] | undefined {
  const key = typeof outcome.defaultKey === 'string' ? outcome.defaultKey : outcome.defaultKey(answer.text);
  const q = outcome.quantities[key];
  return q ? [key, q] : undefined;
}

/** A calculator's "--flag: message" points at that input in the file. */
function locate(item: HomeworkItem, e: UsageError): string {
  const message = t(e.text);
  const m = /^--([\w-]+)[:：] ?(.*)$/s.exec(message);
  const flag = e.flag ?? m?.[1];
  if (flag !== undefined) {
    const key = [...item.inputWhere.keys()].find((k) => k === flag || kebab(k) === flag || k.replace(/[-_]/g, '') === flag.replace(/-/g, ''));
    const rest = m ? m[2]! : message;
    if (key) return `${item.inputWhere.get(key)}: ${item.calculator} ${key}: ${rest}`;
  }
  // A command's own "act: …" prefix is not repeated after the calculator's name.
  const own = message.startsWith(`${item.calculator}: `) ? message.slice(item.calculator.length + 2) : message;
  return `${item.where}: ${item.calculator}: ${own.replace(/--([\w-]+)/g, '$1')}`;
}

function report(graded: Graded[]): string {
  const out: string[] = [];
  for (const g of graded) {
    const ok = g.checks.every((c) => c.ok);
    out.push(`${ok ? style.good(TICK) : style.bad(CROSS)} ${style.bold(`${g.item.index}.`)} ${describeItem(g.item)}  ${style.dim(`(${g.item.where})`)}`);
    out.push(wrapText(indent(renderChecks(g.checks)), termWidth()));
    if (!ok) {
      const worked = typeof g.outcome.worked === 'string' ? g.outcome.worked : renderWorked(g.outcome.worked);
      out.push(wrapText(indent(worked), termWidth()));
    }
    out.push('');
  }
  const right = graded.reduce((n, g) => n + g.checks.filter((c) => c.ok).length, 0);
  const total = graded.reduce((n, g) => n + g.checks.length, 0);
  const full = graded.filter((g) => g.checks.every((c) => c.ok)).length;
  out.push(style.bold(t(M.score(right, total, Math.round((100 * right) / total), full, graded.length))));
  const slips = slipTally(graded.flatMap((g) => g.checks));
  if (slips.length > 0) out.push(renderSlipTally(slips, currentLang()));
  return out.join('\n');
}

/** A YAML comment wrapped to fit the terminal, each line starting "# ". */
function comment(text: string): string {
  return wrapText(`# ${text}`, termWidth()).split('\n').map((l, i) => (i === 0 ? l : `# ${l.trimStart()}`)).join('\n');
}

export function templateText(name: string | undefined): string {
  const header = `${comment(t(M.header))}\n`;
  if (name === undefined || name === 'all') return header + ADAPTERS.map((a) => `\n${comment(`${a.name}: ${t(a.summary)}`)}\n${a.template}`).join('');
  const a = findAdapter(name);
  if (!a) throw new UsageError(M.unknownTemplate(name, ADAPTERS.map((x) => x.name).join(', ')));
  return `${header}${comment(`${a.name}: ${t(a.summary)}`)}\n${a.template}`;
}

export async function run(file: string | undefined, o: CheckFlags): Promise<void> {
  if (o.template !== undefined) {
    printRaw(templateText(o.template === true ? undefined : String(o.template)));
    return;
  }
  if (file === undefined) throw new UsageError(M.giveFile);
  const text = readTextFile(file, 'check', FILE_LIMITS.homework);
  let items: HomeworkItem[];
  try {
    items = parseHomework(text, file);
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.text);
    throw e;
  }
  const graded = await gradeAll(items);
  const allRight = graded.every((g) => g.checks.every((c) => c.ok));
  if (o.json) {
    const right = graded.reduce((n, g) => n + g.checks.filter((c) => c.ok).length, 0);
    const total = graded.reduce((n, g) => n + g.checks.length, 0);
    const lang = currentLang();
    printJson({
      correct: allRight,
      score: { right, total },
      slips: slipTally(graded.flatMap((g) => g.checks)).map((x) => ({ id: x.id, name: x.name ? tr(x.name, lang) : x.id, count: x.count })),
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
