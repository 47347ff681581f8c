/** Text of a mock exam: header, question heading, the final report and the history. Pure: data in, string out. */
import type { Presented } from '../types';
import { renderWorked } from '../../render/worked';
import { renderTable } from '../../render/table';
import { CROSS, style } from '../../render/style';
import { t } from '../../render/lang';
import { termWidth } from '../../render/width';
import { wrapText } from '../../render/wrap';
import { bi, msg } from '../../core/text';
import { renderPrompt } from '../practice/render';
import { practiceWords, scopeText, seedText, typeName, whyNotShown } from '../session/render';
import { pct, type ExamTotals } from './score';
import { END_NAMES, type DeckScore, type ExamEnd, type ExamScope, type ItemResult, type Paper } from './types';

const M = {
  help: bi(':s skip (it comes back at the end if time remains) · :q hand the paper in', ':s 跳过（若有剩余时间，最后会再回来） · :q 交卷'),
  short: bi(':s skip · :q hand in', ':s 跳过 · :q 交卷'),
  skip: bi('skip (come back to it at the end)', '跳过（最后再回来做）'),
  quit: bi('hand the paper in', '交卷'),
  mock: bi('mock exam', '模拟考试'),
  questions: msg((n: number) => `${n} question${n === 1 ? '' : 's'}`, (n) => `${n} 道题`),
  chapters: msg((list: string) => `chapters: ${list}`, (list) => `章节：${list}`),
  minutes: msg((m: string, one: boolean) => (one ? '1 minute' : `${m} minutes`), (m, _one) => `${m} 分钟`),
  noFeedback: bi('No feedback until the end.', '交卷前不给反馈。'),
  cards: msg((n: number) => `Self-graded cards are left out of a mock exam: ${n} in scope.`, (n) => `模拟考试不含自评卡片：范围内有 ${n} 张。`),
  suspended: msg((n: number) => `Suspended questions are left out: ${n} in scope.`, (n) => `已暂停的题目不出现：范围内有 ${n} 道。`),
  fewer: msg((n: number, wanted: number) => `Only ${n} auto-graded question${n === 1 ? '' : 's'} can be drawn in scope: the paper has ${n}, not ${wanted}.`,
    (n, wanted) => `范围内只能抽出 ${n} 道可自动评分的题：试卷有 ${n} 道，而不是 ${wanted} 道。`),
  head: msg((k: number, n: number, left: string, deck: string) => `question ${k}/${n} · ${left} left · ${deck}`, (k, n, left, deck) => `第 ${k}/${n} 题 · 剩余 ${left} · ${deck}`),
  over: msg((why: string) => `Mock exam over: ${why}.`, (why) => `模拟考试结束：${why}。`),
  score: msg((right: string, pc: string, answered: number, n: number, used: string, limit: string) => `  score  ${right} right (${pc}) · answered ${answered} of ${n} · time ${used} of ${limit}`,
    (right, pc, answered, n, used, limit) => `  得分  ${right} 正确（${pc}） · 作答 ${answered}/${n} · 用时 ${used}/${limit}`),
  chapter: bi('chapter', '章节'),
  title: bi('title', '标题'),
  questionsCol: bi('questions', '题数'),
  answeredCol: bi('answered', '作答'),
  rightCol: bi('right', '正确'),
  scoreCol: bi('score', '得分'),
  total: bi('total', '合计'),
  missed: msg((n: number) => `Missed (${n}):`, (n) => `错题与未答（${n}）：`),
  nothingMissed: bi('Nothing missed.', '全部答对。'),
  schedule: msg((n: number, again: number, partial: boolean) => `Schedule: ${n} answer${n === 1 ? '' : 's'} recorded as review${n === 1 ? '' : 's'} (${again} wrong as Again, ${n - again} right as Good)${partial ? '; unanswered questions are not reviews' : ''}.`,
    (n, again, partial) => `复习计划：${n} 个答案已记为复习（答错 ${again} 个记为“重来”，答对 ${n - again} 个记为“良好”）${partial ? '；未作答的题不算复习' : ''}。`),
  nothingRecorded: bi('Schedule: nothing answered, nothing recorded.', '复习计划：没有作答，没有记录。'),
  leeches: msg((ids: string) => `! now suspended as leeches (forgotten many times): ${ids} (dlnotes card <id> --unsuspend)`,
    (ids) => `! 以下顽固题（忘了很多次）现已暂停：${ids}（dlnotes card <id> --unsuspend 可恢复）`),
  kept: bi('Kept in the exam history (dlnotes exam --history). Re-take this paper:', '已记入考试历史（dlnotes exam --history）。重做这套试卷：'),
  notKept: bi('Nothing was answered, so this paper is not kept. Re-take it:', '没有作答，所以这套试卷不保留。重做：'),
  youSaid: msg((given: string) => `you said ${given}`, (given) => `你的答案 ${given}`),
  nothing: bi('(nothing)', '（空）'),
  notAnswered: bi('not answered', '未作答'),
  theAnswer: msg((answer: string) => `; the answer is ${answer}`, (answer) => `；正确答案 ${answer}`),
  dash: bi(' — ', ' —— '),
  slipOr: bi('; or ', '；或者'),
  cannotShow: msg((id: string, where: string, why: string) => `! could not show ${id} (${where}): ${why}; left off the paper (run dlnotes bank lint)`,
    (id, where, why) => `! 无法显示 ${id}（${where}）：${why}；已从试卷中去掉（请运行 dlnotes bank lint）`),
  backTo: msg((n: number) => `Back to the ${n} skipped question${n === 1 ? '' : 's'}.`, (n) => `回到跳过的 ${n} 道题。`),
  timeUp: bi('  time is up', '  时间到'),
  skipped: bi('  skipped: it comes back at the end', '  已跳过：最后会再回来'),
  tooLate: bi('  time was up before this answer came: not counted', '  答案提交前时间已到：不计分'),
  overJson: msg((why: string, right: number, n: number) => `Mock exam over: ${why}; ${right}/${n} right (the result is on stdout).`,
    (why, right, n) => `模拟考试结束：${why}；${right}/${n} 正确（结果已输出到 stdout）。`),
};

/** The commands of an exam, for the help line, the interactive prompt and its menu. */
export function examWords(): { help: string; short: string; skip: string; quit: string } {
  return practiceWords(M);
}

/** Lines the exam runner and command print. */
export const examText = {
  cannotShow: (id: string, where: string, e: unknown): string => wrapText(t(M.cannotShow(id, where, whyNotShown(e, where))), termWidth()),
  backTo: (n: number): string => t(M.backTo(n)),
  timeUp: (): string => t(M.timeUp),
  skipped: (): string => t(M.skipped),
  tooLate: (): string => t(M.tooLate),
  overJson: (ended: ExamEnd, right: number, n: number): string => t(M.overJson(t(END_NAMES[ended]), right, n)),
};

/**
 * "m:ss" (minutes may exceed 59): 7_325_000 ms -> "122:05". Time used rounds
 * down; time left and limits round up, as a countdown shows them.
 */
export function fmtClock(ms: number, round: 'down' | 'up' = 'down'): string {
  const s = Math.max(0, round === 'up' ? Math.ceil(ms / 1000 - 1e-9) : Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export interface HeaderInfo {
  day: string;
  paper: Paper;
  /** Questions asked for (the paper may have fewer). */
  wanted: number;
  minutes: number;
  /** Questions per deck on the paper, in deck order. */
  decks: { deck: string; questions: number }[];
  scope: ExamScope;
}

export function renderExamHeader(h: HeaderInfo): string {
  const n = h.paper.items.length;
  const scope = scopeText(h.scope.deck, h.scope.tag);
  const width = termWidth();
  const lines = [
    wrapText(`${style.bold('dlnotes exam')} · ${t(M.mock)} · ${h.day}${scope ? ` · ${scope}` : ''} · ${seedText(h.paper.seed)}`, width),
    wrapText(`${t(M.questions(n))} · ${fmtMinutes(h.minutes)} · ${t(M.chapters(h.decks.map((d) => `${d.deck} ${d.questions}`).join(', ')))}`, width),
    wrapText(`${style.bold(t(M.noFeedback))} ${t(M.help)}`, width),
  ];
  const p = h.paper;
  if (p.cards > 0) lines.push(style.dim(wrapText(t(M.cards(p.cards)), width)));
  if (p.suspended > 0) lines.push(style.dim(wrapText(t(M.suspended(p.suspended)), width)));
  if (n < h.wanted) lines.push(style.dim(wrapText(t(M.fewer(n, h.wanted)), width)));
  return lines.join('\n');
}

function fmtMinutes(m: number): string {
  return t(M.minutes(Number.isInteger(m) ? String(m) : m.toFixed(2).replace(/\.?0+$/, ''), m === 1));
}

const DEFAULT_MINUTES = 120;

/** The command that draws the same paper again: the seed with the same count, scope and bank. */
export function retakeCommand(seed: number, minutes: number, scope: ExamScope): string {
  const q = (s: string): string => (/^[\w./,:=+@-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const parts = ['dlnotes exam', `--seed ${seed}`, `--questions ${scope.questions}`];
  if (minutes !== DEFAULT_MINUTES) parts.push(`--minutes ${minutes}`);
  if (scope.deck !== undefined) parts.push(`--deck ${q(scope.deck)}`);
  if (scope.tag !== undefined) parts.push(`--tag ${q(scope.tag)}`);
  for (const b of scope.bank ?? []) parts.push(`--bank ${q(b)}`);
  return parts.join(' ');
}

/** The line above each question: "question 3/40 · 112:05 left · cnn". */
export function renderQuestionHead(k: number, n: number, leftMs: number, deck: string): string {
  return style.dim(t(M.head(k, n, fmtClock(leftMs, 'up'), deck)));
}

export interface ReportInfo {
  ended: ExamEnd;
  usedMs: number;
  minutes: number;
  totals: ExamTotals;
  perDeck: (DeckScore & { title: string })[];
  items: ItemResult[];
  presented: Presented[];
  recorded: number;
  again: number;
  leeches: string[];
  kept: boolean;
  /** The slip texts of each question's wrong answer, in the run's language. */
  slips?: ReadonlyArray<readonly string[] | undefined>;
}

/** The result: score, the table per chapter, every question missed with its answer and explanation. */
export function renderExamReport(r: ReportInfo): string {
  const tot = r.totals;
  const width = termWidth();
  const out = [
    '',
    style.bold(t(M.over(t(END_NAMES[r.ended])))),
    t(M.score(style.bold(`${tot.correct}/${tot.questions}`), pct(tot.correct, tot.questions), tot.answered, tot.questions, fmtClock(r.usedMs), fmtClock(r.minutes * 60_000, 'up'))),
    '',
    renderTable(
      [t(M.chapter), t(M.title), t(M.questionsCol), t(M.answeredCol), t(M.rightCol), t(M.scoreCol)],
      [
        ...r.perDeck.map((d) => [d.deck, d.title, String(d.questions), String(d.answered), String(d.correct), pct(d.correct, d.questions)]),
        [t(M.total), '', String(tot.questions), String(tot.answered), String(tot.correct), pct(tot.correct, tot.questions)],
      ],
      { align: ['left', 'left', 'right', 'right', 'right', 'right'] },
    ),
  ];
  const missed = r.items.flatMap((it, i) => (it.answered && it.correct ? [] : [i]));
  if (missed.length > 0) {
    out.push('', style.bold(t(M.missed(missed.length))));
    for (const i of missed) out.push('', renderMissed(i, r.items.length, r.items[i]!, r.presented[i]!, r.slips?.[i]));
  } else if (tot.questions > 0) {
    out.push('', style.good(t(M.nothingMissed)));
  }
  out.push('');
  out.push(wrapText(r.recorded > 0 ? t(M.schedule(r.recorded, r.again, tot.answered < tot.questions)) : t(M.nothingRecorded), width));
  if (r.leeches.length > 0) out.push(style.warn(wrapText(t(M.leeches(r.leeches.join(', '))), width)));
  // The re-take command follows on a line of its own, printed as it is by the caller: it is there to be copied.
  out.push(style.dim(wrapText(t(r.kept ? M.kept : M.notKept), width)));
  return out.join('\n');
}

function renderMissed(i: number, n: number, it: ItemResult, p: Presented, slips: readonly string[] | undefined): string {
  const width = termWidth();
  const lines = [style.dim(`${i + 1}/${n} · ${it.id} · ${typeName(it.type)}`), renderPrompt(p, true)];
  const said = it.answered ? `${style.bad(CROSS)} ${t(M.youSaid(it.given === '' ? t(M.nothing) : it.given ?? ''))}` : `${style.warn('–')} ${t(M.notAnswered)}`;
  const slip = slips?.length ? `${t(M.dash)}${slips.join(t(M.slipOr))}` : '';
  lines.push(wrapText(`${said}${t(M.theAnswer(style.bold(p.answerText)))}${slip}`, width));
  if (p.explanation) lines.push(...wrapText(p.explanation.split('\n').map((l) => `  ${l}`).join('\n'), width).split('\n').map((l) => style.dim(l)));
  // A diagram question ends with the whole diagram (printed as drawn: a wrapped line would tear it).
  if (p.figure) lines.push('', p.figure);
  if (p.solution) lines.push('', wrapText(renderWorked(p.solution), width));
  return lines.join('\n');
}
