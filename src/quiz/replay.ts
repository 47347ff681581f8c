/**
 * Replaying a question's review history with a scheduler: how `log import`
 * merges two machines' logs and how `optimize --apply` recomputes memory
 * states. The replay schedules each review exactly as the session did
 * (schedule.ts: the same seeded fuzz, the same exam cap, the same leech rule),
 * so a history replayed with the settings it was made with gives the state
 * the session gave. Undone reviews are scheduled (their row keeps the states)
 * but do not advance the card, as an undo restores the state before.
 */
import type { FSRS } from 'ts-fsrs';
import { isLeechLapse, newCardState, scheduleWith, type CardState } from './schedule';
import type { HistoryRow, Replayed } from './store/store';

export function replayHistory(f: FSRS, id: string, history: readonly HistoryRow[], leechThreshold: number): Replayed {
  let state: CardState | null = null;
  let leech = false;
  const steps = history.map((r) => {
    const at = new Date(r.reviewed_at);
    const s = scheduleWith(f, id, state ?? newCardState(at), at, r.rating);
    const leeched = !r.undone && s.lapse && isLeechLapse(s.after.lapses, leechThreshold);
    const step = leeched ? { before: state, after: s.after, leeched: true } : { before: state, after: s.after };
    if (!r.undone) {
      state = s.after;
      leech ||= leeched;
    }
    return step;
  });
  return { steps, final: state, leech };
}
