/**
 * Study statistics as plain data: due counts by study day, streak, retention.
 * The command gathers rows from the store and the bank; these functions only
 * count.
 */
import { addDays, dayStart, type DayKey } from './clock';
import type { CardSnapshot } from './store/store';
import { isHeld } from './session/queue';

/**
 * Consecutive study days with reviews, ending today, or yesterday when
 * nothing has been reviewed yet today (the streak is not broken until the
 * day is over). `days` are distinct day keys, latest first.
 */
export function streakOf(days: DayKey[], today: DayKey): number {
  const set = new Set(days);
  return streakBy((d) => set.has(d), today);
}

/** The same, asking `reviewed(day)` day by day backwards. */
export function streakBy(reviewed: (day: DayKey) => boolean, today: DayKey): number {
  let day = reviewed(today) ? today : addDays(today, -1);
  let n = 0;
  while (reviewed(day)) {
    n += 1;
    day = addDays(day, -1);
  }
  return n;
}

export interface DueForecast {
  /** Due by the end of today (learning and review, not suspended or buried). */
  today: number;
  /** Due on each of the next `days` study days (today excluded). */
  next: { day: DayKey; due: number }[];
  /** Questions in the bank never reviewed. */
  unseen: number;
  suspended: number;
  leeches: number;
}

/** Due counts per study day for the questions in `ids` (the snapshot must reach past the last day). */
export function forecast(ids: string[], cards: CardSnapshot, now: Date, today: DayKey, dayStartHour: number, days = 7): DueForecast {
  const bounds = forecastBounds(today, dayStartHour, days);
  if (cards.dueBefore < bounds[bounds.length - 1]!) throw new Error('forecast: the card snapshot does not reach the last day');
  const counts = new Array<number>(days + 1).fill(0);
  let unseen = 0;
  let suspended = 0;
  let leeches = 0;
  for (const id of ids) {
    const c = cards.near.get(id);
    if (!c && cards.seen.has(id)) continue;
    if (c?.leech) leeches += 1;
    if (c?.suspended) suspended += 1;
    if (!c || c.reps === 0) {
      if (!c?.suspended) unseen += 1;
      continue;
    }
    if (c.suspended) continue;
    // A buried card is not due before the day it comes back.
    const due = c.buried_until !== null && isHeld(c, now) ? Math.max(c.due, c.buried_until) : c.due;
    const slot = bounds.findIndex((b) => due < b);
    if (slot >= 0) counts[slot]! += 1;
  }
  return {
    today: counts[0]!,
    next: counts.slice(1).map((due, i) => ({ day: addDays(today, i + 1), due })),
    unseen,
    suspended,
    leeches,
  };
}

/** Ends of today and the next `days` study days (epoch ms). */
export function forecastBounds(today: DayKey, dayStartHour: number, days: number): number[] {
  return Array.from({ length: days + 1 }, (_, i) => dayStart(addDays(today, i + 1), dayStartHour).getTime());
}

/** Share of reviews recalled (rated Hard, Good or Easy); null with no reviews. */
export function retention(r: { total: number; recalled: number }): number | null {
  return r.total > 0 ? r.recalled / r.total : null;
}
