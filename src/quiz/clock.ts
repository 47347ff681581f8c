/**
 * The study day. A day starts at `dayStartHour` o'clock LOCAL time (4 a.m.
 * by default, as in Anki), not at UTC midnight: a review at 1 a.m. counts for
 * the evening before. Everything that says "today" (limits, due today,
 * streaks, the heatmap) goes through these functions. The local time zone is
 * the process's (TZ is honoured by Node); `now` is always passed in.
 */

/** A study day as "YYYY-MM-DD" (the local calendar date on which it starts). */
export type DayKey = string;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function keyOf(y: number, m: number, d: number): DayKey {
  // Normalise overflowing days/months through a local Date at noon (DST-safe).
  const t = new Date(y, m, d, 12);
  return `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())}`;
}

/** The study day that instant `t` belongs to. */
export function dayKey(t: Date, dayStartHour: number): DayKey {
  const back = t.getHours() < dayStartHour ? 1 : 0;
  return keyOf(t.getFullYear(), t.getMonth(), t.getDate() - back);
}

function parts(key: DayKey): [number, number, number] {
  const [y, m, d] = key.split('-').map(Number);
  return [y!, m! - 1, d!];
}

/** The instant a study day starts (dayStartHour o'clock local time on its date). */
export function dayStart(key: DayKey, dayStartHour: number): Date {
  const [y, m, d] = parts(key);
  return new Date(y, m, d, dayStartHour);
}

/** The study day `n` days after `key` (n may be negative). */
export function addDays(key: DayKey, n: number): DayKey {
  const [y, m, d] = parts(key);
  return keyOf(y, m, d + n);
}

/** Start and end (exclusive) of the study day containing `t`. */
export function dayBounds(t: Date, dayStartHour: number): { key: DayKey; start: Date; end: Date } {
  const key = dayKey(t, dayStartHour);
  return { key, start: dayStart(key, dayStartHour), end: dayStart(addDays(key, 1), dayStartHour) };
}

/** Whole days from `a` to `b` (both day keys); positive when b is later. */
export function daysBetween(a: DayKey, b: DayKey): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb, db) - Date.UTC(ya, ma, da)) / 86_400_000);
}

/** Day of the week of a study day, 0 = Monday .. 6 = Sunday. */
export function weekday(key: DayKey): number {
  const [y, m, d] = parts(key);
  return (new Date(Date.UTC(y, m, d)).getUTCDay() + 6) % 7;
}

/**
 * Parses the --now / DLNOTES_NOW clock: an ISO 8601 date-time ("2025-03-01T09:30",
 * "2025-03-01T09:30:00+08:00", "2025-03-01"). Without an offset the time is local,
 * as a student would mean it. Returns null when it is not a valid time.
 */
export function parseNow(text: string): Date | null {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  // new Date(50, …) is 1950: a study date before 1970 is a typo, not a date to read as another.
  if (Number(y) < 1970) return null;
  let out: Date;
  if (zone) {
    out = new Date(t.replace(' ', 'T'));
  } else {
    out = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
    if (out.getMonth() !== Number(mo) - 1 || out.getDate() !== Number(d)) return null;
  }
  return Number.isNaN(out.getTime()) ? null : out;
}
