/** dlnotes card <id>: one question's scheduling state and review history; suspend, unsuspend, unbury. */
import { UsageError } from '../errors';
import { dayBounds } from '../quiz/clock';
import { newCardState, RATING_NAMES, STATE_NAMES, fmtInterval } from '../quiz/schedule';
import type { CardRow, ReviewRow } from '../quiz/store/store';
import { renderTable } from '../render/table';
import { style } from '../render/style';
import { fmtNum } from '../core/format';
import { print, printJson } from './output';
import { loadStudyBank, openStudy, type StudyFlags } from './study';

export interface CardFlags extends StudyFlags {
  json?: boolean;
  suspend?: boolean;
  unsuspend?: boolean;
  unbury?: boolean;
}

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
  if (actions > 1) throw new UsageError('--suspend, --unsuspend and --unbury: give at most one');
  const ctx = openStudy(o);
  try {
    const bank = loadStudyBank(o, ctx.config);
    const q = bank.byId.get(id);
    const s = ctx.store;
    let row = s.card(id);
    if (!q && !row) {
      const near = suggest(id, [...bank.byId.keys()]);
      throw new UsageError(`card: no question with id "${id}" in the bank or in your history${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    }
    const now = ctx.clock();
    if (o.suspend || o.unsuspend) {
      const changed = s.setSuspended(id, o.suspend === true, newCardState(now));
      if (!o.json) print(`${id}: ${changed ? (o.suspend ? 'suspended' : 'unsuspended') : `already ${o.suspend ? 'suspended' : 'not suspended'}`}`);
      row = s.card(id);
    } else if (o.unbury) {
      if (row) s.setBuried(id, null, newCardState(now));
      if (!o.json) print(`${id}: unburied`);
      row = s.card(id);
    }
    const reviews = s.reviewsOf(id);
    const data = cardJson(id, row, reviews, q?.hash, q !== undefined, now);
    if (o.json) {
      printJson(data);
      return;
    }
    print(renderCard(data, row, reviews, now, ctx.config.day_start_hour));
  } finally {
    ctx.store.close();
  }
}

function cardJson(id: string, row: CardRow | undefined, reviews: ReviewRow[], hash: string | undefined, inBank: boolean, now: Date): Record<string, unknown> {
  const seen = row !== undefined && row.reps > 0;
  return {
    id,
    in_bank: inBank,
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
    text_changed: inBank && row?.hash != null ? row.hash !== hash : false,
    reviews: reviews.map(reviewJson),
  };
}

function renderCard(d: Record<string, unknown>, row: CardRow | undefined, reviews: ReviewRow[], now: Date, hour: number): string {
  const lines = [style.heading(String(d.id))];
  if (!d.in_bank) lines.push(style.warn('! not in the current bank (history kept)'));
  if (d.text_changed) lines.push(style.warn('! the question text changed since your last review (history kept)'));
  if (!row || row.reps === 0) {
    lines.push(`  state      new (never reviewed)${row?.suspended ? ' · suspended' : ''}`);
  } else {
    const dueIn = row.due - now.getTime();
    const dueText = row.due < dayBounds(now, hour).end.getTime() ? 'due today' : `due in ${fmtInterval(dueIn)}`;
    lines.push(
      `  state      ${STATE_NAMES[row.state]} · ${dueText} (${new Date(row.due).toLocaleString('sv-SE').slice(0, 16)})`,
      `  memory     stability ${fmtNum(row.stability, 4)} d · difficulty ${fmtNum(row.difficulty, 3)}`,
      `  reviews    ${row.reps} · lapses ${row.lapses}${row.leech ? ' · leech' : ''}${row.suspended ? ' · suspended' : ''}${d.buried_until ? ' · buried' : ''}`,
    );
  }
  if (reviews.length > 0) {
    lines.push('', renderTable(
      ['when', 'rating', 'answer', 'state', 'next'],
      reviews.map((r) => [
        new Date(r.reviewed_at).toLocaleString('sv-SE').slice(0, 16),
        `${RATING_NAMES[r.rating]}${r.correct === null ? '' : r.correct ? ' ✓' : ' ✗'}`,
        (r.answer ?? '').slice(0, 24),
        `${STATE_NAMES[r.state_before]}→${STATE_NAMES[r.after.state]}`,
        r.undone ? style.dim('(undone)') : fmtInterval(r.after.due - r.reviewed_at),
      ]),
    ));
  }
  return lines.join('\n');
}
