import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dayBounds, dayKey, daysBetween, parseNow, weekday } from '../../src/quiz/clock';

const saved = process.env.TZ;
afterEach(() => {
  process.env.TZ = saved;
});

describe('study day in Asia/Shanghai (UTC+8), day starts 04:00 local', () => {
  it.each([
    ['2025-03-01T19:59:00Z', '2025-03-01'], // 03:59 local on the 2nd: still the 1st
    ['2025-03-01T20:00:00Z', '2025-03-02'], // 04:00 local on the 2nd
    ['2025-03-01T16:30:00Z', '2025-03-01'], // 00:30 local: UTC says the 1st, local midnight passed, day not over
    ['2025-03-01T15:59:00Z', '2025-03-01'], // 23:59 local on the 1st
  ])('%s -> %s', (iso, key) => {
    process.env.TZ = 'Asia/Shanghai';
    expect(dayKey(new Date(iso), 4)).toBe(key);
  });
  it('bounds are 04:00 local to 04:00 local', () => {
    process.env.TZ = 'Asia/Shanghai';
    const b = dayBounds(new Date('2025-03-01T22:00:00Z'), 4);
    expect(b.key).toBe('2025-03-02');
    expect(b.start.toISOString()).toBe('2025-03-01T20:00:00.000Z');
    expect(b.end.toISOString()).toBe('2025-03-02T20:00:00.000Z');
  });
});

describe('study day in America/Los_Angeles, across daylight saving', () => {
  it('a review at 02:00 local belongs to the day before', () => {
    process.env.TZ = 'America/Los_Angeles';
    // 2025-03-01 02:00 PST = 10:00Z
    expect(dayKey(new Date('2025-03-01T10:00:00Z'), 4)).toBe('2025-02-28');
    expect(dayKey(new Date('2025-03-01T12:00:00Z'), 4)).toBe('2025-03-01');
  });
  it('the study day over the DST change (2am, 9 March 2025) is 23 hours long', () => {
    process.env.TZ = 'America/Los_Angeles';
    const b = dayBounds(new Date('2025-03-08T18:00:00Z'), 4);
    expect(b.key).toBe('2025-03-08');
    expect(b.start.toISOString()).toBe('2025-03-08T12:00:00.000Z'); // 04:00 PST
    expect(b.end.toISOString()).toBe('2025-03-09T11:00:00.000Z'); // 04:00 PDT
    expect(b.end.getTime() - b.start.getTime()).toBe(23 * 3600_000);
  });
  it('day_start_hour 0 is local midnight', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(dayKey(new Date('2025-03-01T07:59:00Z'), 0)).toBe('2025-02-28');
    expect(dayKey(new Date('2025-03-01T08:00:00Z'), 0)).toBe('2025-03-01');
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2025-02-28', 1, '2025-03-01'], ['2024-02-28', 1, '2024-02-29'], ['2025-01-01', -1, '2024-12-31'], ['2025-03-01', 30, '2025-03-31'],
  ])('%s + %d = %s', (k, n, out) => expect(addDays(k, n)).toBe(out));
  it('daysBetween and weekday', () => {
    expect(daysBetween('2024-12-30', '2025-01-02')).toBe(3);
    expect(daysBetween('2025-01-02', '2024-12-30')).toBe(-3);
    expect(weekday('2025-03-03')).toBe(0); // Monday
    expect(weekday('2025-03-09')).toBe(6); // Sunday
  });
});

describe('parseNow', () => {
  it('reads local and offset times', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(parseNow('2025-03-01T09:30')!.toISOString()).toBe('2025-03-01T01:30:00.000Z');
    expect(parseNow('2025-03-01')!.toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(parseNow('2025-03-01T09:30:00Z')!.toISOString()).toBe('2025-03-01T09:30:00.000Z');
    expect(parseNow('2025-03-01T09:30:00-08:00')!.toISOString()).toBe('2025-03-01T17:30:00.000Z');
  });
  it.each(['yesterday', '2025-13-01', '2025-02-30T10:00', '2025-3-1', ''])('rejects %j', (t) => expect(parseNow(t)).toBeNull());
});

describe('parseNow: years before 1970 (issue 11)', () => {
  it('refuses year 0050 instead of reading it as 1950', () => {
    expect(parseNow('0050-06-15')).toBeNull();
    expect(parseNow('1969-12-31T23:00')).toBeNull();
    expect(parseNow('1970-01-02')!.getFullYear()).toBe(1970);
  });
});
