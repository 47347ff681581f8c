/** Text of a drill: header, problem heading, a skipped problem's answer, the summary, the topic list. Pure. */
import type { Generator } from '../generators/types';
import type { GeneratedQuestion, Lang, Presented } from '../types';
import { renderTable } from '../../render/table';
import { renderWorked } from '../../render/worked';
import { style } from '../../render/style';
import { t } from '../../render/lang';
import { termWidth } from '../../render/width';
import { wrapText } from '../../render/wrap';
import { bi, msg, type Text } from '../../core/text';
import { durationText } from '../words';
import { practiceWords, seedText } from '../session/render';
import type { DrillTarget } from './topics';
import type { DrillSummary } from './runner';

const M = {
  help: bi(':s show the answer and move on · :q stop', ':s 显示答案并继续 · :q 停止'),
  short: bi(':s show answer · :q stop', ':s 显示答案 · :q 停止'),
  skip: bi('show the answer and move on', '显示答案并继续'),
  quit: bi('stop the drill', '停止练习'),
  topic: msg((name: string) => `topic ${name}`, (name) => `主题 ${name}`),
  yourSlips: msg((ids: string, topic: string) => `your slips ${ids}${topic ? ` in ${topic}` : ''}`, (ids, topic) => `你的典型失误 ${ids}${topic ? `（${topic}）` : ''}`),
  template: msg((name: string) => `template ${name}`, (name) => `模板 ${name}`),
  problems: msg((n: number) => `${n} problem${n === 1 ? '' : 's'}`, (n) => `${n} 道题`),
  inTurn: msg((ids: string) => `templates in turn: ${ids}`, (ids) => `轮流使用的模板：${ids}`),
  graded: bi('Each answer is graded at once, with the worked solution.', '每个答案立即评分，并给出详细解答。'),
  countsToward: msg((g: string, q: string) => `results of ${g} count toward ${q} in your schedule`, (g, q) => `${g} 的结果计入你复习计划中的 ${q}`),
  notScheduled: msg((g: string) => `no question in the bank uses ${g}: its results are not scheduled`, (g) => `题库中没有题目使用 ${g}：其结果不计入复习计划`),
  head: msg((k: number, n: number, title: string, id: string) => `problem ${k}/${n} · ${title} (${id})`, (k, n, title, id) => `第 ${k}/${n} 题 · ${title}（${id}）`),
  skipped: msg((answer: string) => `  skipped; the answer is ${answer}`, (answer) => `  已跳过；正确答案 ${answer}`),
  done: bi('Drill done.', '练习完成。'),
  quitEnd: bi('Drill stopped.', '练习已停止。'),
  input: bi('End of input: drill stopped.', '输入结束：练习已停止。'),
  interrupted: bi('Drill stopped (Ctrl-C).', '练习已停止（Ctrl-C）。'),
  right: msg((right: number, answered: number, acc: string, skipped: number, time: string) => `  right ${right}/${answered} answered${acc}${skipped ? ` · ${skipped} skipped` : ''} · time ${time}`,
    (right, answered, acc, skipped, time) => `  正确 ${right}/${answered}${acc}${skipped ? ` · 跳过 ${skipped}` : ''} · 用时 ${time}`),
  scheduled: msg((list: string) => `  scheduled: ${list}`, (list) => `  计入复习：${list}`),
  reviewsOf: msg((n: number, id: string) => `${n} review${n === 1 ? '' : 's'} of ${id}`, (n, id) => `${id} ${n} 次`),
  nothingScheduled: bi('  scheduled: nothing (no answer counted toward a bank question)', '  计入复习：无（没有答案计入题库中的题目）'),
  leeches: msg((ids: string) => `  ! now suspended as leeches: ${ids}`, (ids) => `  ! 以下顽固题现已暂停：${ids}`),
  topicCol: bi('topic', '主题'),
  templateCol: bi('template', '模板'),
  asks: bi('what it asks', '考什么'),
  as: msg((id: string) => `(${id})`, (id) => `（${id}）`),
  listHint: bi('dlnotes drill <topic> rotates through its templates; dlnotes drill <template> drills one.', 'dlnotes drill <主题> 轮流使用该主题的模板；dlnotes drill <模板> 只练一个模板。'),
};

/** The commands of a drill, for the help line, the interactive prompt and its menu. */
export function drillWords(): { help: string; short: string; skip: string; quit: string } {
  return practiceWords(M);
}

export function renderDrillHeader(o: { target: DrillTarget; count: number; seed: number; lang: Lang; scheduleAs: ReadonlyMap<string, GeneratedQuestion> }): string {
  const tg = o.target;
  const width = termWidth();
  const what = tg.slips ? t(M.yourSlips(tg.slips.join(', '), tg.topic ?? '')) : tg.topic ? t(M.topic(tg.topic)) : t(M.template(tg.name));
  const lines = [`${style.bold('dlnotes drill')} · ${what} · ${t(M.problems(o.count))} · ${seedText(o.seed)}`];
  if (tg.templates.length > 1) lines.push(wrapText(t(M.inTurn(tg.templates.map((g) => g.id).join(', '))), width));
  lines.push(wrapText(`${t(M.graded)} ${t(M.help)}`, width));
  for (const g of tg.templates) {
    const q = o.scheduleAs.get(g.id);
    lines.push(style.dim(wrapText(t(q ? M.countsToward(g.id, q.id) : M.notScheduled(g.id)), width)));
  }
  return lines.join('\n');
}

/** "(alpha.conv-size)": the bank question a drill answer was recorded for. */
export function scheduledAs(id: string): string {
  return t(M.as(id));
}

/** "problem 3/10 · Conv layer output size (conv-output-size)". */
export function renderProblemHead(k: number, n: number, g: Generator, lang: Lang): string {
  return style.dim(t(M.head(k, n, g.title[lang], g.id)));
}

/** A skipped problem: its answer and worked solution, so the drill still teaches. */
export function renderSkipped(p: Presented): string {
  return [wrapText(t(M.skipped(style.bold(p.answerText))), termWidth()), ...(p.solution ? ['', wrapText(renderWorked(p.solution), termWidth())] : [])].join('\n');
}

const ENDS: Record<DrillSummary['ended'], Text> = { done: M.done, quit: M.quitEnd, input: M.input, interrupted: M.interrupted };

export function renderDrillSummary(s: DrillSummary): string {
  const acc = s.answered > 0 ? ` (${Math.round((100 * s.correct) / s.answered)}%)` : '';
  const lines = [
    '',
    style.bold(t(ENDS[s.ended])),
    t(M.right(s.correct, s.answered, acc, s.skipped, t(durationText(s.ms)))),
  ];
  const rec = [...s.recorded.entries()];
  lines.push(wrapText(rec.length > 0 ? t(M.scheduled(rec.map(([id, n]) => t(M.reviewsOf(n, id))).join(', '))) : t(M.nothingScheduled), termWidth()));
  if (s.leeches.length > 0) lines.push(style.warn(t(M.leeches(s.leeches.join(', ')))));
  return lines.join('\n');
}

/** `dlnotes drill --list`: topics and their templates. */
export function renderTopicList(topics: { topic: string; templates: Generator[] }[], lang: Lang): string {
  return [
    renderTable([t(M.topicCol), t(M.templateCol), t(M.asks)], topics.flatMap(({ topic, templates }) =>
      templates.map((g, i) => [i === 0 ? topic : '', g.id, g.title[lang]]))),
    '',
    style.dim(wrapText(t(M.listHint), termWidth())),
  ].join('\n');
}
