/** Text of the session: header, progress bar, feedback, summary. Pure: data in, string out, in the run's language. */
import type { Presented, QuestionType } from '../types';
import type { Rating } from '../schedule';
import { durationText, intervalText, RATING_TEXT } from '../words';
import { bi, msg, type Text } from '../../core/text';
import { t } from '../../render/lang';
import { renderWorked } from '../../render/worked';
import { CROSS, style, TICK } from '../../render/style';
import { termWidth } from '../../render/width';
import { wrapProse, wrapText } from '../../render/wrap';
import { displayWidth } from '../../render/table';
import type { QueueCounts } from './queue';

/** "today's 20 new questions are" / "today's 1 new question is". */
const todaysNew = (n: number): string => (n === 1 ? "today's 1 new question is" : `today's ${n} new questions are`);

const M = {
  commands: bi(
    ':s skip · :b bury (until tomorrow) · :sus suspend · :u undo last answer · :h hint · :q quit',
    ':s 跳过 · :b 搁置（到明天） · :sus 暂停 · :u 撤销上一个答案 · :h 提示 · :q 退出',
  ),
  commandsLead: bi('  commands: ', '  命令：'),
  deck: msg((d: string) => `deck ${d}`, (d) => `卡组 ${d}`),
  tag: msg((tag: string) => `tag ${tag}`, (tag) => `标签 ${tag}`),
  seed: msg((seed: number) => `seed ${seed}`, (seed) => `种子 ${seed}`),
  due: msg((n: number) => `due ${n}`, (n) => `到期 ${n}`),
  learning: msg((n: number) => ` (${n} learning)`, (n) => `（${n} 道学习中）`),
  fresh: msg((n: number) => `new ${n}`, (n) => `新题 ${n}`),
  newDone: msg(
    (limit: number, raise: number) => `No new questions now: ${todaysNew(limit)} done; --new ${raise} raises today's limit to ${raise}.`,
    (limit, raise) => `现在没有新题：今天的 ${limit} 道新题已经学完；--new ${raise} 可把今天的上限提高到 ${raise}。`,
  ),
  newOver: msg(
    (done: number, limit: number, raise: number) => `No new questions now: ${done} new questions were introduced today, over today's limit of ${limit}; --new ${raise} allows more.`,
    (done, limit, raise) => `现在没有新题：今天已学 ${done} 道新题，超过了今天的上限 ${limit}；--new ${raise} 可以再学一些。`,
  ),
  newOff: msg(
    (raise: number) => `No new questions: the new-question limit is 0 (--new 0 or config new_per_day); --new ${raise} allows ${raise} today.`,
    (raise) => `没有新题：新题上限为 0（--new 0 或 config new_per_day）；--new ${raise} 允许今天学 ${raise} 道。`,
  ),
  allSeen: bi('No new questions left: every question in scope has been seen.', '没有剩下的新题：范围内的题目都已学过。'),
  newToday: msg(
    (fresh: number, limit: number, done: number) => `New today: ${fresh} (limit ${limit} a day${done > 0 ? `, ${done} already introduced today` : ''})`,
    (fresh, limit, done) => `今天的新题：${fresh} 道（每天上限 ${limit} 道${done > 0 ? `，今天已学 ${done} 道` : ''}）`,
  ),
  newBeyond: msg(
    (n: number) => `; ${n} more new beyond today's limit (--new N changes today's limit)`,
    (n) => `；另有 ${n} 道新题超出今天的上限（--new N 可修改今天的上限）`,
  ),
  reviewsBeyond: msg(
    (n: number, limit: number) => `${n} more due beyond today's review limit of ${limit} (--limit N changes it)`,
    (n, limit) => `另有 ${n} 道到期题超出今天的复习上限 ${limit}（--limit N 可修改）`,
  ),
  progress: msg((done: number, left: number) => `${done} done · ${left} left`, (done, left) => `已答 ${done} · 还剩 ${left}`),
  edited: bi('! this question was edited since you last answered it', '! 这道题在你上次作答后被修改过'),
  right: bi('right', '正确'),
  wrong: bi('wrong', '错误'),
  rightIs: msg((verdict: string, answer: string) => `${verdict}: ${answer}`, (verdict, answer) => `${verdict}：${answer}`),
  youSaid: msg((given: string) => `: you said ${given}`, (given) => `：你的答案 ${given}`),
  theAnswer: msg((answer: string) => `; the answer is ${answer}`, (answer) => `；正确答案 ${answer}`),
  dash: bi(' — ', ' —— '),
  slipOr: bi('; or ', '；或者'),
  answerLabel: bi('Answer:', '答案：'),
  changed: msg((from: string) => ` (you changed it from ${from})`, (from) => `（由 ${from} 改来）`),
  nextIn: msg((rating: string, how: string, interval: string) => `${rating}${how} · next in ${interval}`, (rating, how, interval) => `${rating}${how} · 下次：${interval}后`),
  leech: bi(
    '! leech: you have forgotten this one many times; it is now suspended (dlnotes card <id> --unsuspend to bring it back). Try rewriting it in your own words.',
    '! 顽固题：这道题已经忘了很多次，现已暂停（dlnotes card <id> --unsuspend 可恢复）。试着用自己的话重写它。',
  ),
};

/** The session commands, one line. */
export function commandHelp(): string {
  return wrapText(t(M.commands), termWidth());
}

/** The commands after a prompt asked for help (":?"). */
export function commandHelpLine(): string {
  return commandsHelpWith(t(M.commands));
}

/** "  commands: …" with a given list (exams and drills have their own). */
export function commandsHelpWith(list: string): string {
  return wrapText(`${t(M.commandsLead)}${list}`, termWidth());
}

const TYPE_NAME: Record<QuestionType, Text> = {
  card: bi('card', '卡片'),
  choice: bi('choice', '选择题'),
  numeric: bi('numeric', '数值题'),
  formula: bi('formula', '公式题'),
  cloze: bi('cloze', '填空题'),
  generated: bi('generated', '生成题'),
  diagram: bi('diagram', '结构图题'),
};

/** A question type's name in the run's language. */
export function typeName(type: QuestionType): string {
  return t(TYPE_NAME[type]);
}

const KIND_NAME: Record<string, Text> = {
  new: bi('new', '新题'),
  review: bi('review', '复习'),
  learning: bi('learning', '学习中'),
};

/** What the header says about today's new questions: how many, the limit, and why none when none. */
export interface NewInfo {
  /** New questions a day (--new, else config new_per_day). */
  limit: number;
  /** New questions introduced earlier today. */
  done: number;
}

/** "deck cnn, tag calc" / "卡组 cnn, 标签 calc": the scope of a quiz or an exam ('' for all). */
export function scopeText(deck?: string, tag?: string): string {
  return [deck ? t(M.deck(deck)) : '', tag ? t(M.tag(tag)) : ''].filter(Boolean).join(', ');
}

/** "seed 42" / "种子 42", in the header of an exam or a drill. */
export function seedText(seed: number): string {
  return t(M.seed(seed));
}

/** What an exam's or a drill's prompts call their commands (PracticeWords). */
export function practiceWords(w: { help: Text; short: Text; skip: Text; quit: Text }): { help: string; short: string; skip: string; quit: string } {
  return { help: t(w.help), short: t(w.short), skip: t(w.skip), quit: t(w.quit) };
}

export function renderHeader(o: { day: string; counts: QueueCounts; deck?: string; tag?: string; news?: NewInfo; reviewLimit?: number }): string {
  const c = o.counts;
  const scope = scopeText(o.deck, o.tag);
  const parts = [
    `${style.bold('dlnotes quiz')} · ${o.day}${scope ? ` · ${scope}` : ''}`,
    `${t(M.due(c.reviews + c.learning))}${c.learning ? t(M.learning(c.learning)) : ''} · ${t(M.fresh(c.fresh))}`,
  ];
  const notes: string[] = [];
  const news = newLine(c, o.news);
  if (news) notes.push(news);
  if (c.reviewsOverLimit > 0) notes.push(t(M.reviewsBeyond(c.reviewsOverLimit, o.reviewLimit ?? c.reviews)));
  return [parts.join(' · '), ...notes.map((n) => style.dim(wrapText(n, termWidth())))].join('\n');
}

/** The line about new questions, when there is something to explain. */
function newLine(c: QueueCounts, news: NewInfo | undefined): string | null {
  const limit = news?.limit ?? c.fresh;
  const done = news?.done ?? 0;
  // Enough to show some, without asking for far more than the bank has.
  const raise = Math.max(limit, done) + Math.max(1, Math.min(10, c.newOverLimit));
  if (c.fresh === 0) {
    if (c.newOverLimit === 0) return news ? t(M.allSeen) : null;
    if (limit === 0) return t(M.newOff(raise));
    return t(done > limit ? M.newOver(done, limit, raise) : M.newDone(limit, raise));
  }
  if (!news) return c.newOverLimit > 0 ? t(M.newBeyond(c.newOverLimit)).replace(/^[;；]\s*/, '') : null;
  if (done === 0 && c.newOverLimit === 0) return null;
  return `${t(M.newToday(c.fresh, limit, done))}${c.newOverLimit > 0 ? t(M.newBeyond(c.newOverLimit)) : ''}`;
}

/**
 * "[████░░░░ 3 done · 5 left]": the bar fills with the share answered, and
 * the count says how many are left (it grows again only when a wrong answer
 * brings a question back).
 */
export function progressBar(done: number, left: number, width = 20): string {
  const total = done + left;
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(frac * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)} ${t(M.progress(done, left))}]`;
}

const HINT = {
  reveal: bi('press Enter to show the answer', '按回车键显示答案'),
  revealLine: bi('(press Enter to show the answer)', '（按回车键显示答案）'),
  many: bi('answer: letters of every correct choice, e.g. a,c', '作答：所有正确选项的字母，如 a,c'),
  one: bi('answer: one letter', '作答：一个字母'),
  number: msg((unit: string) => `answer: a number${unit ? ` in ${unit}` : ''}`, (unit) => `作答：一个数${unit ? `（单位 ${unit}）` : ''}`),
  labels: msg((labels: string) => `answer: ${labels}`, (labels) => `作答：${labels}`),
  tuple: bi('answer: numbers separated by x or commas', '作答：用 x 或逗号分隔的几个数'),
  formula: msg((vars: string) => `answer: an expression in ${vars}`, (vars) => `作答：含 ${vars} 的表达式`),
  formulaNone: bi('answer: an expression in the given variables', '作答：用题中变量写出的表达式'),
  blanks: msg((n: number) => `answer: ${n} blanks separated by ;`, (n) => `作答：${n} 个空，用 ; 分隔`),
  blank: bi('answer: the blank', '作答：填空'),
  colon: bi(':', '：'),
  commands: bi(' (:? for commands)', '（:? 查看命令）'),
};

/** The line describing what to type, in line mode and as the interactive prompt message. */
export function answerHint(p: Presented): string {
  const m = p.mode;
  switch (m.kind) {
    case 'reveal': return t(HINT.reveal);
    case 'choice': return t(m.multiple ? HINT.many : HINT.one);
    case 'number': return t(HINT.number(m.unit ?? ''));
    case 'tuple': return t(m.labels?.length ? HINT.labels(m.labels.join(' × ')) : HINT.tuple);
    case 'formula': return t(m.variables.length ? HINT.formula(m.variables.join(', ')) : HINT.formulaNone);
    case 'cloze': return t(m.blanks > 1 ? HINT.blanks(m.blanks) : HINT.blank);
  }
}

/** The hint as a line-mode prompt: "answer: a number:" / "作答：一个数：". */
export function answerPrompt(p: Presented): string {
  return `${answerHint(p)}${t(HINT.colon)}`;
}

/** A card's line-mode prompt: any line shows the answer. */
export function revealPrompt(): string {
  return t(HINT.revealLine);
}

/** The hint as the interactive prompt's message, with where the commands are. */
export function answerMessage(p: Presented): string {
  return `${answerHint(p)}${t(HINT.commands)}`;
}

/** An answer that could not be read: why, and that it is asked again. */
export function renderUnreadable(why: string): string {
  return style.warn(wrapText(`  ? ${why}`, termWidth()));
}

export const letter = (i: number): string => String.fromCharCode(97 + i);

/**
 * A choice as the terminal's menu shows it. The menu prints a choice after a
 * two-column cursor, and a long one would run on at column 0: it is wrapped
 * here to the terminal's width, its later lines under its text.
 */
export function choiceLabel(i: number, text: string, width = termWidth()): string {
  const head = `${letter(i)}) `;
  const lines = wrapText(text, Math.max(20, width - 2 - head.length)).split('\n');
  return lines.map((l, k) => (k === 0 ? head + l : ' '.repeat(2 + head.length) + l.trimStart())).join('\n');
}

/** The question as shown: meta line, prompt, and the choices for choice questions. */
export function renderQuestion(p: Presented, meta: { id: string; kind: string; edited: boolean; choices: boolean }): string {
  const kind = KIND_NAME[meta.kind];
  const lines = [style.dim(`${meta.id} · ${t(TYPE_NAME[p.type])} · ${kind ? t(kind) : meta.kind}`)];
  if (meta.edited) lines.push(style.warn(t(M.edited)));
  lines.push(wrapProse(p.prompt, termWidth()));
  if (p.mode.kind === 'choice' && meta.choices) {
    lines.push(...p.mode.choices.map((c, i) => wrapText(`  ${letter(i)}) ${c}`, termWidth())));
  }
  return lines.join('\n');
}

/** Right/wrong, the correct answer, the slip a wrong answer matches, the explanation and the worked solution. */
export function renderFeedback(p: Presented, g: { correct: boolean; feedback: string; given: string; slips?: ReadonlyArray<{ text: string }> }): string {
  let head: string;
  if (g.correct) {
    head = `${style.good(TICK)} ${t(M.rightIs(g.feedback || t(M.right), p.answerText))}`;
  } else {
    head = `${style.bad(CROSS)} ${g.feedback || t(M.wrong)}${g.given ? t(M.youSaid(g.given)) : ''}${t(M.theAnswer(style.bold(p.answerText)))}`;
    if (g.slips?.length) head += `${t(M.dash)}${g.slips.map((s) => s.text).join(t(M.slipOr))}`;
  }
  // A generated problem always shows its worked solution: the numbers were new this time.
  return [wrapText(head, termWidth()), ...renderNotes(p, true)].join('\n');
}

/** The answer of a self-graded card, with its explanation. */
export function renderReveal(p: Presented): string {
  const label = t(M.answerLabel);
  return [wrapText(`${style.bold(label)}${label.endsWith(':') ? ' ' : ''}${p.answerText}`, termWidth()), ...renderNotes(p, false)].join('\n');
}

function renderNotes(p: Presented, withSolution: boolean): string[] {
  const out: string[] = [];
  if (p.explanation) out.push(...wrapText(p.explanation.split('\n').map((l) => `  ${l}`).join('\n'), termWidth()).split('\n').map((l) => style.dim(l)));
  // A diagram question ends with the whole diagram, every label filled in (as drawn: a wrapped line would tear it).
  if (p.figure) out.push('', p.figure);
  if (p.solution && withSolution) out.push('', wrapText(renderWorked(p.solution), termWidth()));
  return out;
}

export function renderScheduled(rating: Rating, auto: Rating | null, dueIn: number, leech: boolean): string {
  const how = auto !== null && auto !== rating ? t(M.changed(t(RATING_TEXT[auto]))) : '';
  const lines = [`  ${style.accent('→')} ${t(M.nextIn(t(RATING_TEXT[rating]), how, t(intervalText(dueIn))))}`];
  if (leech) lines.push(style.warn(wrapText(`  ${t(M.leech)}`, termWidth())));
  return lines.join('\n');
}

export interface SessionSummary {
  answered: number;
  recalled: number;
  ms: number;
  /** Still due today (as `dlnotes stats` counts it: learning steps later today included). */
  dueToday: number;
  /** Falling due tomorrow (the first day of `dlnotes stats`' next 7 days), and new questions tomorrow. */
  tomorrow: { due: number; fresh: number };
  /** New questions: introduced today, the day's limit, and left today in scope. */
  news: { done: number; limit: number; left: number; unseen: number };
  streak: number;
  laterToday: number;
  ended: 'done' | 'quit' | 'input' | 'error';
  /** The question whose answer could not be saved (the session stopped there). */
  unsaved?: string;
}

const NOT_SAVED = msg(
  (id: string, saved: number) => `  ! not saved: your answer to ${id}${saved > 0 ? ` (the ${saved} answer${saved === 1 ? '' : 's'} before it ${saved === 1 ? 'is' : 'are'} saved)` : ''}`,
  (id, saved) => `  ! 没有保存：你对 ${id} 的回答${saved > 0 ? `（之前的 ${saved} 个回答已保存）` : ''}`,
);


const SUMMARY = {
  done: bi('Done for now.', '今天到此为止。'),
  quit: bi('Session ended.', '本次学习结束。'),
  input: bi('End of input: session ended.', '输入结束：本次学习结束。'),
  error: bi('Session stopped.', '本次学习中止。'),
  answered: msg((n: number, right: number, acc: string, time: string) => `  answered  ${n} · right ${right} (${acc}) · time ${time}`,
    (n, right, acc, time) => `  作答      ${n} · 正确 ${right}（${acc}） · 用时 ${time}`),
  today: msg((due: number) => `  today     ${due} still due`, (due) => `  今天      还有 ${due} 道到期`),
  newLeft: msg((left: number) => ` · ${left} new left`, (left) => ` · 还剩 ${left} 道新题`),
  newDone: msg((limit: number, raise: number) => ` · ${todaysNew(limit)} done (--new ${raise} raises today's limit to ${raise})`,
    (limit, raise) => ` · 今天的 ${limit} 道新题已学完（--new ${raise} 可把今天的上限提高到 ${raise}）`),
  tomorrow: msg((due: number, fresh: number) => `  tomorrow  ${due} due · ${fresh} new`, (due, fresh) => `  明天      ${due} 道到期 · ${fresh} 道新题`),
  streak: msg((n: number) => `  streak    ${n} day${n === 1 ? '' : 's'}`, (n) => `  连续      ${n} 天`),
  later: msg((n: number) => `  ${n} learning step${n === 1 ? '' : 's'} due later today: run dlnotes quiz again then`,
    (n) => `  今天稍后还有 ${n} 道学习中的题到期：到时再运行 dlnotes quiz`),
  saved: bi('  (saved after every answer)', '  （每个答案都已即时保存）'),
};

/** A summary row ("  today     …") wrapped so its continuation lines start under the value, not the label. */
function underLabel(row: string): string {
  const label = /^ *\S+ +/.exec(row)?.[0] ?? '';
  const col = displayWidth(label);
  const width = termWidth();
  if (displayWidth(row) <= width || col > width / 2) return wrapText(row, width);
  return wrapText(row.slice(label.length), width - col).split('\n').map((l, i) => (i === 0 ? label : ' '.repeat(col)) + l.trimStart()).join('\n');
}

/**
 * Why a question could not be shown, in the run's language (an error that
 * carries bilingual `text`, else its message), without the file position
 * the line already gives.
 */
export function whyNotShown(e: unknown, where: string): string {
  const text = (e as { text?: unknown } | undefined)?.text;
  const bilingual = typeof text === 'string' || (typeof text === 'object' && text !== null && 'en' in text && 'zh' in text);
  const why = bilingual ? t(text as Text) : e instanceof Error ? e.message : String(e);
  return why.startsWith(`${where}:`) || why.startsWith(`${where}：`) ? why.slice(where.length + 1).trimStart() : why;
}

export function renderSummary(s: SessionSummary): string {
  const acc = s.answered > 0 ? `${Math.round((100 * s.recalled) / s.answered)}%` : '-';
  const n = s.news;
  const raise = Math.max(n.limit, n.done) + Math.max(1, Math.min(10, n.unseen));
  const newPart = n.left > 0 ? t(SUMMARY.newLeft(n.left)) : n.unseen > 0 && n.limit > 0 && n.done >= n.limit ? t(SUMMARY.newDone(n.limit, raise)) : '';
  const lines = [
    '',
    style.bold(t(SUMMARY[s.ended])),
    t(SUMMARY.answered(s.answered, s.recalled, acc, t(durationText(s.ms)))),
    underLabel(`${t(SUMMARY.today(s.dueToday))}${newPart}`),
    t(SUMMARY.tomorrow(s.tomorrow.due, s.tomorrow.fresh)),
    t(SUMMARY.streak(s.streak)),
  ];
  if (s.laterToday > 0) lines.push(style.dim(t(SUMMARY.later(s.laterToday))));
  lines.push(s.unsaved !== undefined ? style.warn(t(NOT_SAVED(s.unsaved, s.answered))) : style.dim(t(SUMMARY.saved)));
  return lines.join('\n');
}

const RUN = {
  empty: bi('No questions in scope: the bank is empty (add decks, or use --bank DIR; see docs/bank-format.md).',
    '范围内没有题目：题库为空（添加卡组，或用 --bank DIR；见 docs/bank-format.md）。'),
  cannotShow: msg((id: string, where: string, why: string) => `! could not show ${id} (${where}): ${why}; skipped (run dlnotes bank lint)`,
    (id, where, why) => `! 无法显示 ${id}（${where}）：${why}；已跳过（请运行 dlnotes bank lint）`),
  concurrent: bi('  (this question was also answered in another session; both answers are kept)', '  （这道题也在另一个会话中作答了；两个答案都已保留）'),
  skipped: bi('  skipped', '  已跳过'),
  buried: msg((until: string) => `  buried until ${until}`, (until) => `  已搁置到 ${until}`),
  suspended: msg((id: string) => `  suspended (dlnotes card ${id} --unsuspend to bring it back)`, (id) => `  已暂停（dlnotes card ${id} --unsuspend 可恢复）`),
  nothingToUndo: bi('  nothing to undo in this session', '  本次没有可以撤销的答案'),
  cannotUndo: msg((why: string) => `  cannot undo: ${why}`, (why) => `  无法撤销：${why}`),
  undone: msg((id: string) => `  undone: ${id} is back as it was`, (id) => `  已撤销：${id} 恢复原状，重新提问`),
  hint: msg((h: string) => `  hint: ${h}`, (h) => `  提示：${h}`),
  noHint: bi('  no hint for this question', '  这道题没有提示'),
};

/** The interactive prompts' messages (quiz, exam and drill). */
export const PROMPT = {
  typeAnswer: bi('type an answer (or :s to skip, :? for commands)', '请输入答案（或 :s 跳过，:? 查看命令）'),
  inParens: msg((what: string) => ` (${what})`, (what) => `（${what}）`),
  typeAnswerOr: msg((commands: string) => `type an answer (${commands})`, (commands) => `请输入答案（${commands}）`),
  yourAnswer: bi('your answer', '你的答案'),
  selectAll: bi('select all that apply (space to mark, enter to submit)', '选出所有正确选项（空格选中，回车提交）'),
  submitNone: bi('submit no choice', '不选任何选项，直接提交'),
  nothingSelected: bi('nothing selected', '没有选中任何选项'),
  reveal: bi('press Enter to show the answer (:? for commands)', '按回车键显示答案（:? 查看命令）'),
  howWell: bi('how well did you know it?', '你掌握得怎么样？'),
  rating: bi('rating', '评分'),
  keep: msg((name: string) => `${name} (keep)`, (name) => `${name}（保持）`),
};

const KEY_ACTIONS: Record<string, Text> = {
  navigate: bi('navigate', '移动'), select: bi('select', '选择'), submit: bi('submit', '提交'), all: bi('all', '全选'), invert: bi('invert', '反选'),
};

/** The interactive prompts' theme: their key hints ("↑↓ navigate • ⏎ select") in the run's language. */
export function promptTheme(): { style: { keysHelpTip: (keys: [string, string][]) => string } } {
  return {
    style: {
      keysHelpTip: (keys) => keys.map(([key, action]) => `${style.bold(key)} ${style.dim(KEY_ACTIONS[action] ? t(KEY_ACTIONS[action]!) : action)}`).join(style.dim(' • ')),
    },
  };
}

/** Lines the session runner prints for its commands and events. */
export const sessionText = {
  empty: (): string => t(RUN.empty),
  cannotShow: (id: string, where: string, e: unknown): string => wrapText(t(RUN.cannotShow(id, where, whyNotShown(e, where))), termWidth()),
  concurrent: (): string => t(RUN.concurrent),
  skipped: (): string => t(RUN.skipped),
  buried: (until: string): string => t(RUN.buried(until)),
  suspended: (id: string): string => t(RUN.suspended(id)),
  nothingToUndo: (): string => t(RUN.nothingToUndo),
  cannotUndo: (why: string): string => t(RUN.cannotUndo(why)),
  undone: (id: string): string => t(RUN.undone(id)),
  hint: (h: string | undefined): string => (h ? wrapText(t(RUN.hint(h)), termWidth()) : t(RUN.noHint)),
};
