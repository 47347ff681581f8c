/**
 * Names a student reads for scheduling data, in both languages: ratings,
 * card states and intervals. The English names in schedule.ts
 * (RATING_NAMES, STATE_NAMES) stay the language-neutral values of JSON.
 */
import { bi, type Bi } from '../core/text';
import type { CardStateKind, Rating } from './schedule';

/** Anki's names in its Chinese interface: 重来 · 困难 · 良好 · 简单. */
export const RATING_TEXT: Record<Rating, Bi> = {
  1: bi('Again', '重来'),
  2: bi('Hard', '困难'),
  3: bi('Good', '良好'),
  4: bi('Easy', '简单'),
};

export const STATE_TEXT: Record<CardStateKind, Bi> = {
  0: bi('new', '新'),
  1: bi('learning', '学习中'),
  2: bi('review', '复习'),
  3: bi('relearning', '重学中'),
};

/** Human interval from now to a due time: "10m" / "10 分钟", "3h", "4d", "2.1mo", "1.3y". */
export function intervalText(ms: number): Bi {
  const m = Math.max(0, ms) / 60_000;
  if (m < 60) {
    const n = Math.max(1, Math.round(m));
    return bi(`${n}m`, `${n} 分钟`);
  }
  const h = m / 60;
  if (h < 24) return bi(`${Math.round(h)}h`, `${Math.round(h)} 小时`);
  const d = h / 24;
  if (d < 30) return bi(`${Math.round(d)}d`, `${Math.round(d)} 天`);
  if (d < 365) return bi(`${(d / 30).toFixed(1)}mo`, `${(d / 30).toFixed(1)} 个月`);
  return bi(`${(d / 365).toFixed(1)}y`, `${(d / 365).toFixed(1)} 年`);
}

/** "1m 05s" / "1 分 05 秒": the length of a session or a drill. */
export function durationText(ms: number): Bi {
  const s = Math.round(ms / 1000);
  if (s < 60) return bi(`${s}s`, `${s} 秒`);
  const mm = Math.floor(s / 60);
  const ss = String(s % 60).padStart(2, '0');
  return bi(`${mm}m ${ss}s`, `${mm} 分 ${ss} 秒`);
}

/**
 * Reads "1".."4" (full-width digits too), again/hard/good/easy (any case, or
 * a unique prefix) or 重来/困难/良好/简单; null otherwise.
 */
export function parseRating(text: string): Rating | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (/^[1-4]$/.test(t)) return Number(t) as Rating;
  if (t === '') return null;
  for (const n of [1, 2, 3, 4] as Rating[]) {
    const { en, zh } = RATING_TEXT[n];
    if (en.toLowerCase().startsWith(t) || zh === t) return n;
  }
  return null;
}
