/** dlnotes card <id>: one question's text, scheduling state and review history; suspend, unsuspend, unbury. */
import { UsageError } from '../errors';
import { dayBounds } from '../quiz/clock';
import { newCardState, RATING_NAMES, STATE_NAMES } from '../quiz/schedule';
import { intervalText, RATING_TEXT, STATE_TEXT } from '../quiz/words';
import type { CardRow, ReviewRow } from '../quiz/store/store';
import type { Presented, Question } from '../quiz/types';
import { typeName } from '../quiz/session/render';
import { currentLang, t } from '../render/lang';
import { displayWidth, renderTable } from '../render/table';
import { style } from '../render/style';
import { termWidth } from '../render/width';
import { wrapProse, wrapText } from '../render/wrap';
import { fmtNum } from '../core/format';
import { seededRng, seedFrom } from '../core/random';
import { bi, msg } from '../core/text';
import { print, printJson } from './output';
import { loadStudyBank, openStudy, type StudyFlags } from './study';

export interface CardFlags extends StudyFlags {
  json?: boolean;
  suspend?: boolean;
  unsuspend?: boolean;
  unbury?: boolean;
}

const M = {
  oneAction: bi('--suspend, --unsuspend and --unbury: give at most one', '--suspend、--unsuspend 和 --unbury：最多给一个'),
  noSuch: msg((id: string, near: string) => `card: no question with id "${id}" in the bank or in your history${near ? ` (did you mean ${near}?)` : ''}`,
    (id, near) => `card：题库和你的记录里都没有 id 为 "${id}" 的题目${near ? `（是不是 ${near}？）` : ''}`),
  suspended: bi('suspended', '已暂停'),
  unsuspended: bi('unsuspended', '已恢复'),
  alreadySuspended: bi('already suspended', '本来就已暂停'),
  notSuspended: bi('already not suspended', '本来就没有暂停'),
  unburied: bi('unburied', '已取消搁置'),
  notInBank: bi('! not in the current bank (history kept)', '! 不在当前题库中（记录仍保留）'),
  changed: bi('! the question text changed since your last review (history kept)', '! 自你上次复习以来题目文字有改动（记录仍保留）'),
  answer: bi('Answer:', '答案：'),
  generated: msg((template: string) => `(generated from the template ${template}: new numbers each time; this is one sample)`,
    (template) => `（由模板 ${template} 生成：每次数字不同；以下是一个样例）`),
  state: bi('state', '状态'),
  memory: bi('memory', '记忆'),
  reviews: bi('reviews', '复习'),
  neverReviewed: bi('new (never reviewed)', '新题（从未复习）'),
  dueToday: bi('due today', '今天到期'),
  dueIn: msg((i: string) => `due in ${i}`, (i) => `${i}后到期`),
  stability: msg((s: string, d: string) => `stability ${s} d · difficulty ${d}`, (s, d) => `稳定性 ${s} 天 · 难度 ${d}`),
  reps: msg((reps: number, lapses: number) => `${reps} · lapses ${lapses}`, (reps, lapses) => `${reps} 次 · 遗忘 ${lapses} 次`),
  leech: bi('leech', '顽固题'),
  buried: bi('buried', '已搁置'),
  when: bi('when', '时间'),
  rating: bi('rating', '评分'),
  given: bi('answer', '作答'),
  next: bi('next', '下次'),
  undone: bi('(undone)', '（已撤销）'),
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function reviewJson(r: ReviewRow): Record<string, unknown> {
  return {
    time: iso(r.reviewed_at),
    day: r.day,
    rating: r.rating,
    rating_name: RATING_NAMES[r.rating],
    answer: r.answer,
    correct: r.correct,
    elapsed_ms: r.elapsed_ms,
    state_before: STATE_NAMES[r.state_before],
    state_after: STATE_NAMES[r.after.state],
    due_after: iso(r.after.due),
    stability_after: r.after.stability,
    difficulty_after: r.after.difficulty,
    question_hash: r.question_hash,
    ...(r.params ? { params: r.params } : {}),
    ...(r.slips.length > 0 ? { slips: r.slips } : {}),
    undone: r.undone,
  };
}

/** Close ids for "did you mean": same deck prefix or a shared word. */
function suggest(id: string, ids: string[]): string[] {
  const words = id.toLowerCase().split(/[.-]/).filter((w) => w.length > 2);
  return ids.filter((x) => words.some((w) => x.includes(w))).slice(0, 5);
}

export async function run(id: string, o: CardFlags): Promise<void> {
  const actions = [o.suspend, o.unsuspend, o.unbury].filter(Boolean).length;
  if (actions > 1) throw new UsageError(M.oneAction);
  const ctx = openStudy(o);
  try {
    const bank = loadStudyBank(o, ctx.config);
    const q = bank.byId.get(id);
    const s = ctx.store;
    let row = s.card(id);
    if (!q && !row) {
      const near = suggest(id, [...bank.byId.keys()]);
      throw new UsageError(M.noSuch(id, near.join(', ')));
    }
    const now = ctx.clock();
    if (o.suspend || o.unsuspend) {
      const changed = s.setSuspended(id, o.suspend === true, newCardState(now));
      if (!o.json) print(`${id}: ${t(changed ? (o.suspend ? M.suspended : M.unsuspended) : o.suspend ? M.alreadySuspended : M.notSuspended)}`);
      row = s.card(id);
    } else if (o.unbury) {
      if (row) s.setBuried(id, null, newCardState(now));
      if (!o.json) print(`${id}: ${t(M.unburied)}`);
      row = s.card(id);
    }
    const reviews = s.reviewsOf(id);
    const shown = q ? await presentQuestion(q) : undefined;
    const data = cardJson(id, row, reviews, q, shown, now);
    if (o.json) {
      printJson(data);
      return;
    }
    print(renderCard(data, q, shown, row, reviews, now, ctx.config.day_start_hour));
  } finally {
    ctx.store.close();
  }
}

/** The question as the quiz shows it, in the run's language (a generated one with a sample drawn from its id, a diagram with its numbered blanks). */
async function presentQuestion(q: Question): Promise<Presented> {
  const { present, prepareQuestion } = await import('../quiz/present');
  await prepareQuestion(q);
  // Choices in bank order; reading `choices` first loads a cached question's text, so the copy has it.
  const shown = q.type === 'choice' && q.choices ? { ...q, shuffle: false } : q;
  return present(shown, currentLang(), seededRng(seedFrom(q.id)));
}

function cardJson(id: string, row: CardRow | undefined, reviews: ReviewRow[], q: Question | undefined, p: Presented | undefined, now: Date): Record<string, unknown> {
  const seen = row !== undefined && row.reps > 0;
  return {
    id,
    in_bank: q !== undefined,
    ...(q && p ? { type: q.type, deck: q.deck, lang: currentLang(), prompt: p.prompt, answer: p.answerText, ...(p.mode.kind === 'choice' ? { choices: p.mode.choices } : {}) } : {}),
    state: seen ? STATE_NAMES[row.state] : 'new',
    due: seen ? iso(row.due) : null,
    stability: seen ? row.stability : null,
    difficulty: seen ? row.difficulty : null,
    reps: row?.reps ?? 0,
    lapses: row?.lapses ?? 0,
    last_review: iso(row?.last_review ?? null),
    suspended: row?.suspended ?? false,
    buried_until: row?.buried_until && row.buried_until > now.getTime() ? iso(row.buried_until) : null,
    leech: row?.leech ?? false,
    text_changed: q !== undefined && row?.hash != null ? row.hash !== q.hash : false,
    reviews: reviews.map(reviewJson),
  };
}

function renderCard(d: Record<string, unknown>, q: Question | undefined, p: Presented | undefined, row: CardRow | undefined, reviews: ReviewRow[], now: Date, hour: number): string {
  const width = termWidth();
  const lines = [`${style.heading(String(d.id))}${q ? `  ${style.dim(`${typeName(q.type)} · ${q.deck}`)}` : ''}`];
  if (!d.in_bank) lines.push(style.warn(t(M.notInBank)));
  if (d.text_changed) lines.push(style.warn(t(M.changed)));
  if (q && p) {
    if (q.type === 'generated') lines.push(style.dim(wrapText(t(M.generated(q.template)), width)));
    lines.push(wrapProse(p.prompt, width));
    if (p.mode.kind === 'choice') lines.push(...p.mode.choices.map((c, i) => wrapText(`  ${String.fromCharCode(97 + i)}) ${c}`, width)));
    const label = t(M.answer);
    lines.push(style.dim(wrapText(`${label}${label.endsWith(':') ? ' ' : ''}${p.answerText}`, width)));
  }
  lines.push('');
  const field = (name: string, text: string): string => `  ${name}${' '.repeat(Math.max(1, 11 - displayWidth(name)))}${text}`;
  if (!row || row.reps === 0) {
    lines.push(field(t(M.state), `${t(M.neverReviewed)}${row?.suspended ? ` · ${t(M.suspended)}` : ''}`));
  } else {
    const dueIn = row.due - now.getTime();
    const dueText = row.due < dayBounds(now, hour).end.getTime() ? t(M.dueToday) : t(M.dueIn(t(intervalText(dueIn))));
    const flags = [row.leech ? t(M.leech) : '', row.suspended ? t(M.suspended) : '', d.buried_until ? t(M.buried) : ''].filter(Boolean);
    lines.push(
      field(t(M.state), `${t(STATE_TEXT[row.state])} · ${dueText} (${new Date(row.due).toLocaleString('sv-SE').slice(0, 16)})`),
      field(t(M.memory), t(M.stability(fmtNum(row.stability, 4), fmtNum(row.difficulty, 3)))),
      field(t(M.reviews), `${t(M.reps(row.reps, row.lapses))}${flags.map((f) => ` · ${f}`).join('')}`),
    );
  }
  if (reviews.length > 0) {
    lines.push('', renderTable(
      [t(M.when), t(M.rating), t(M.given), t(M.state), t(M.next)],
      reviews.map((r) => [
        new Date(r.reviewed_at).toLocaleString('sv-SE').slice(0, 16),
        `${t(RATING_TEXT[r.rating])}${r.correct === null ? '' : r.correct ? ' ✓' : ' ✗'}`,
        (r.answer ?? '').slice(0, 24),
        `${t(STATE_TEXT[r.state_before])}→${t(STATE_TEXT[r.after.state])}`,
        r.undone ? style.dim(t(M.undone)) : t(intervalText(r.after.due - r.reviewed_at)),
      ]),
    ));
  }
  return lines.join('\n');
}
