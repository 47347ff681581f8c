/**
 * The portable review log (dlnotes log export|import), as text:
 *
 * - CSV in the FSRS optimizer's revlog format
 *   (card_id,review_time,review_rating,review_state,review_duration): the
 *   question id, epoch milliseconds (UTC), rating 1-4, the state before the
 *   review (0 new, 1 learning, 2 review, 3 relearning) and the time taken in
 *   milliseconds. The FSRS tools and notebooks read it; undone reviews are
 *   left out (the format cannot mark them).
 * - JSONL, one review per line with the same five keys and everything else
 *   the store keeps: the study day, the answer given, whether it was right,
 *   the slips it matched, the question's content hash, a generated question's
 *   drawn parameters, and whether it was undone.
 *
 * Parsing checks every row and reports the first bad one as file:line; the
 * caller imports nothing unless the whole file reads.
 */
import { bi, msg, type Bi, type Text } from '../core/text';
import { dayKey } from './clock';
import type { CardStateKind, Rating } from './schedule';
import type { LogRow } from './store/store';

export type LogFormat = 'csv' | 'jsonl';

export const REVLOG_COLUMNS = ['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration'] as const;

/** One line of the JSONL log. */
export interface JsonlReview {
  card_id: string;
  review_time: number;
  review_rating: Rating;
  review_state: CardStateKind;
  review_duration: number;
  day: string;
  answer: string | null;
  correct: boolean | null;
  slips: string[];
  question_hash: string | null;
  params: unknown;
  undone: boolean;
}

/** What a JSONL field must be, for the messages. */
const KIND = {
  string: bi('a string', '字符串'),
  stringOrNull: bi('a string or null', '字符串或 null'),
  boolOrNull: bi('true, false or null', 'true、false 或 null'),
  bool: bi('true or false', 'true 或 false'),
  slips: bi('a list of slip ids', '失误编号的列表'),
  object: bi('an object or null', '对象或 null'),
};

const M = {
  header: msg(
    (got: string) => `expected the revlog header ${REVLOG_COLUMNS.join(',')}, got "${got}"`,
    (got) => `应为 revlog 表头 ${REVLOG_COLUMNS.join(',')}，收到 "${got}"`,
  ),
  columns: msg(
    (n: number, want: number) => `${n} columns, the header has ${want}`,
    (n, want) => `有 ${n} 列，表头有 ${want} 列`,
  ),
  quote: bi('a quoted field is not closed', '引号括起的字段没有结束'),
  // JSON.parse explains in English only: the Chinese message says what is wrong without it.
  json: msg((why: string) => `not a JSON object (${why})`, (_why) => '不是有效的 JSON 对象'),
  notObject: bi('expected a JSON object', '应为一个 JSON 对象'),
  missing: msg((key: string) => `${key} is missing`, (key) => `缺少 ${key}`),
  empty: msg((key: string) => `${key} is empty`, (key) => `${key} 为空`),
  int: msg((key: string, got: string) => `${key}: expected a whole number, got ${got}`, (key, got) => `${key}：应为整数，收到 ${got}`),
  range: msg(
    (key: string, got: string, allowed: string) => `${key}: ${got} is out of range (${allowed})`,
    (key, got, allowed) => `${key}：${got} 超出范围（${allowed}）`,
  ),
  seconds: msg(
    (got: string) => `review_time: ${got} looks like seconds; the revlog format takes milliseconds since 1970 (UTC)`,
    (got) => `review_time：${got} 像是秒；revlog 格式要求自 1970 年起的毫秒数（UTC）`,
  ),
  type: msg(
    (key: string, want: Bi) => `${key}: expected ${want.en}`,
    (key, want) => `${key}：应为${want.zh}`,
  ),
  day: msg((got: string) => `day: expected YYYY-MM-DD, got ${got}`, (got) => `day：应为 YYYY-MM-DD，收到 ${got}`),
  slip: msg((got: string) => `slips: "${got}" is not a slip id`, (got) => `slips："${got}" 不是失误编号`),
  nothing: bi('no reviews in the file', '文件中没有任何复习记录'),
};

/** A row that does not read: `line` is 1-based; nothing of the file may be imported. */
export class LogParseError extends Error {
  constructor(readonly line: number, readonly text: Text) {
    super(typeof text === 'string' ? text : text.en);
    this.name = 'LogParseError';
  }
}

// ---------------------------------------------------------------- writing

/** A CSV field, quoted when it must be (RFC 4180). */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The FSRS revlog CSV of these rows (undone rows are left out). */
export function toCsv(rows: readonly LogRow[]): string {
  const out = [REVLOG_COLUMNS.join(',')];
  for (const r of rows) {
    if (r.undone) continue;
    out.push(`${csvField(r.card_id)},${r.reviewed_at},${r.rating},${r.state_before},${Math.max(0, Math.round(r.elapsed_ms))}`);
  }
  return `${out.join('\n')}\n`;
}

function parsedParams(p: string | null): unknown {
  if (p === null) return null;
  try {
    return JSON.parse(p) as unknown;
  } catch {
    return p;
  }
}

/** One review as a JSONL line's object. */
export function toJsonlReview(r: LogRow): JsonlReview {
  return {
    card_id: r.card_id,
    review_time: r.reviewed_at,
    review_rating: r.rating,
    review_state: r.state_before,
    review_duration: Math.max(0, Math.round(r.elapsed_ms)),
    day: r.day,
    answer: r.answer,
    correct: r.correct,
    slips: r.slips,
    question_hash: r.question_hash,
    params: parsedParams(r.params),
    undone: r.undone,
  };
}

/** The JSONL log of these rows, undone rows included (marked). */
export function toJsonl(rows: readonly LogRow[]): string {
  let out = '';
  for (const r of rows) out += `${JSON.stringify(toJsonlReview(r))}\n`;
  return out;
}

// ---------------------------------------------------------------- reading

/** The format of a file: by its name, else by its first character. */
export function detectFormat(name: string, text: string): LogFormat {
  if (/\.jsonl?$/i.test(name) || /\.ndjson$/i.test(name)) return 'jsonl';
  if (/\.csv$/i.test(name)) return 'csv';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** Earliest plausible review time: 2000-01-01 (anything smaller is seconds, not milliseconds). */
const MIN_TIME = 946_684_800_000;
/** Latest: year 3000. */
const MAX_TIME = 32_503_680_000_000;

function intOf(key: string, raw: unknown, line: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new LogParseError(line, M.int(key, JSON.stringify(raw)));
  return n;
}

function timeOf(raw: unknown, line: number): number {
  const t = intOf('review_time', raw, line);
  if (t >= 946_684_800 && t < MIN_TIME / 1000 * 40) throw new LogParseError(line, M.seconds(String(t)));
  if (t < MIN_TIME || t > MAX_TIME) throw new LogParseError(line, M.range('review_time', String(t), '2000-01-01 .. 3000-01-01, ms'));
  return t;
}

function ratingOf(raw: unknown, line: number): Rating {
  const n = intOf('review_rating', raw, line);
  if (n < 1 || n > 4) throw new LogParseError(line, M.range('review_rating', String(n), '1-4'));
  return n as Rating;
}

function stateOf(raw: unknown, line: number): CardStateKind {
  const n = intOf('review_state', raw, line);
  if (n < 0 || n > 3) throw new LogParseError(line, M.range('review_state', String(n), '0-3'));
  return n as CardStateKind;
}

function durationOf(raw: unknown, line: number): number {
  const n = intOf('review_duration', raw, line);
  if (n < 0) throw new LogParseError(line, M.range('review_duration', String(n), '>= 0 ms'));
  return n;
}

function idOf(raw: unknown, line: number): string {
  if (typeof raw !== 'string') throw new LogParseError(line, raw === undefined ? M.missing('card_id') : M.type('card_id', KIND.string));
  const id = raw.trim();
  if (id === '') throw new LogParseError(line, M.empty('card_id'));
  return id;
}

/** Splits one CSV record; quoted fields may hold commas and doubled quotes (not line breaks: ids have none). */
function splitCsv(line: string, no: number): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new LogParseError(no, M.quote);
        s += line.slice(i, q);
        if (line[q + 1] === '"') {
          s += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(s);
    } else {
      const c = line.indexOf(',', i);
      out.push(line.slice(i, c < 0 ? line.length : c));
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) return out;
    i += 1;
    if (i === line.length) {
      out.push('');
      return out;
    }
  }
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** Reads a revlog CSV; study days are computed in the local time zone with the day start given. */
export function parseCsv(text: string, dayStartHour: number): LogRow[] {
  const all = lines(text);
  const first = all.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new LogParseError(1, M.nothing);
  const header = splitCsv(all[first]!.trim(), first + 1).map((h) => h.trim().toLowerCase());
  const col = REVLOG_COLUMNS.map((c) => header.indexOf(c));
  if (col.some((c) => c < 0)) throw new LogParseError(first + 1, M.header(all[first]!.trim().slice(0, 80)));
  const rows: LogRow[] = [];
  for (let i = first + 1; i < all.length; i++) {
    const raw = all[i]!;
    if (raw.trim() === '') continue;
    const no = i + 1;
    const f = splitCsv(raw, no);
    if (f.length !== header.length) throw new LogParseError(no, M.columns(f.length, header.length));
    const [id, time, rating, state, duration] = col.map((c) => f[c]!.trim());
    const reviewed_at = timeOf(time, no);
    rows.push({
      card_id: idOf(id, no), reviewed_at, day: dayKey(new Date(reviewed_at), dayStartHour),
      rating: ratingOf(rating, no), state_before: stateOf(state, no), elapsed_ms: duration === '' ? 0 : durationOf(duration, no),
      answer: null, correct: null, question_hash: null, params: null, slips: [], undone: false,
    });
  }
  if (rows.length === 0) throw new LogParseError(first + 1, M.nothing);
  return rows;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLIP_ID = /^[a-z0-9][a-z0-9-]*$/;

function optString(o: Record<string, unknown>, key: string, line: number): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new LogParseError(line, M.type(key, KIND.stringOrNull));
  return v;
}

/** Reads the JSONL log. Keys it does not know are ignored (a newer dlnotes may add some). */
export function parseJsonl(text: string, dayStartHour: number): LogRow[] {
  const all = lines(text);
  const rows: LogRow[] = [];
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!.trim();
    if (raw === '') continue;
    const no = i + 1;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      throw new LogParseError(no, M.json((e as Error).message.replace(/ in JSON at position \d+.*$/, '').slice(0, 60)));
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new LogParseError(no, M.notObject);
    const o = v as Record<string, unknown>;
    for (const key of ['review_time', 'review_rating', 'review_state']) {
      if (o[key] === undefined) throw new LogParseError(no, M.missing(key));
    }
    const reviewed_at = timeOf(o.review_time, no);
    const day = o.day === undefined ? dayKey(new Date(reviewed_at), dayStartHour) : o.day;
    if (typeof day !== 'string' || !DAY.test(day)) throw new LogParseError(no, M.day(JSON.stringify(o.day)));
    const correct = o.correct;
    if (correct !== undefined && correct !== null && typeof correct !== 'boolean') throw new LogParseError(no, M.type('correct', KIND.boolOrNull));
    const slips = o.slips ?? [];
    if (!Array.isArray(slips) || !slips.every((s): s is string => typeof s === 'string')) throw new LogParseError(no, M.type('slips', KIND.slips));
    const bad = slips.find((s) => !SLIP_ID.test(s));
    if (bad !== undefined) throw new LogParseError(no, M.slip(bad));
    const undone = o.undone ?? false;
    if (typeof undone !== 'boolean') throw new LogParseError(no, M.type('undone', KIND.bool));
    const params = o.params;
    if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) throw new LogParseError(no, M.type('params', KIND.object));
    rows.push({
      card_id: idOf(o.card_id, no), reviewed_at, day,
      rating: ratingOf(o.review_rating, no), state_before: stateOf(o.review_state, no),
      elapsed_ms: o.review_duration === undefined || o.review_duration === null ? 0 : durationOf(o.review_duration, no),
      answer: optString(o, 'answer', no), correct: typeof correct === 'boolean' ? correct : null,
      question_hash: optString(o, 'question_hash', no), params: params === undefined || params === null ? null : JSON.stringify(params),
      slips, undone,
    });
  }
  if (rows.length === 0) throw new LogParseError(1, M.nothing);
  return rows;
}

/** Reads a log file's text in the given format. */
export function parseLog(text: string, format: LogFormat, dayStartHour: number): LogRow[] {
  return format === 'csv' ? parseCsv(text, dayStartHour) : parseJsonl(text, dayStartHour);
}
