import { describe, expect, it } from 'vitest';
import { detectFormat, LogParseError, parseCsv, parseJsonl, toCsv, toJsonl, toJsonlReview } from '../../src/quiz/revlog';
import type { LogRow } from '../../src/quiz/store/store';
import { dayKey } from '../../src/quiz/clock';

const row = (over: Partial<LogRow> = {}): LogRow => ({
  card_id: 'cnn.conv.params-760', reviewed_at: 1740794400000, day: '2025-03-01', rating: 3, state_before: 2, elapsed_ms: 4321,
  answer: '760', correct: true, question_hash: 'abc', params: null, slips: [], undone: false, ...over,
});

function parseError(fn: () => unknown): { line: number; en: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof LogParseError) return { line: e.line, en: typeof e.text === 'string' ? e.text : e.text.en };
    throw e;
  }
  throw new Error('no error');
}

describe('revlog CSV (the FSRS optimizer format)', () => {
  it('writes the header and one line per review, leaving undone ones out', () => {
    const text = toCsv([row(), row({ card_id: 'a,b', reviewed_at: 1740794460000, rating: 1, state_before: 0, elapsed_ms: 999.6 }), row({ undone: true })]);
    expect(text).toBe([
      'card_id,review_time,review_rating,review_state,review_duration',
      'cnn.conv.params-760,1740794400000,3,2,4321',
      '"a,b",1740794460000,1,0,1000',
      '',
    ].join('\n'));
  });

  it('reads it back, with study days in the local time zone and the day start', () => {
    const rows = parseCsv('\uFEFFcard_id,review_time,review_rating,review_state,review_duration\r\nx,1740794400000,4,1,10\r\n"a,""b",1740794460000,2,3,\r\n', 4);
    expect(rows.map((r) => [r.card_id, r.reviewed_at, r.rating, r.state_before, r.elapsed_ms])).toEqual([
      ['x', 1740794400000, 4, 1, 10],
      ['a,"b', 1740794460000, 2, 3, 0],
    ]);
    expect(rows[0]!.undone).toBe(false);
  });

  it('takes the columns in any order and ignores extra ones', () => {
    const rows = parseCsv('review_rating,card_id,note,review_state,review_duration,review_time\n3,q1,hi,2,100,1740794400000\n', 4);
    expect(rows[0]).toMatchObject({ card_id: 'q1', rating: 3, state_before: 2, elapsed_ms: 100, reviewed_at: 1740794400000 });
  });

  it.each([
    ['card_id,review_time\nq,1\n', 1, 'expected the revlog header'],
    ['card_id,review_time,review_rating,review_state,review_duration\nq,1740794400000,5,2,0\n', 2, 'review_rating: 5 is out of range (1-4)'],
    ['card_id,review_time,review_rating,review_state,review_duration\nq,1740794400000,3,2,0\nq,1740794400,3,2,0\n', 3, 'looks like seconds'],
    ['card_id,review_time,review_rating,review_state,review_duration\nq,1740794400000,3,4,0\n', 2, 'review_state: 4 is out of range (0-3)'],
    ['card_id,review_time,review_rating,review_state,review_duration\nq,1740794400000,3\n', 2, '3 columns, the header has 5'],
    ['card_id,review_time,review_rating,review_state,review_duration\n,1740794400000,3,2,0\n', 2, 'card_id is empty'],
    ['card_id,review_time,review_rating,review_state,review_duration\nq,1.5e12,3,2,0\n', 2, 'expected a whole number'],
    ['card_id,review_time,review_rating,review_state,review_duration\n"q,1740794400000,3,2,0\n', 2, 'a quoted field is not closed'],
    ['card_id,review_time,review_rating,review_state,review_duration\n\n', 1, 'no reviews in the file'],
  ])('reports a bad row as its line: %j', (text, line, message) => {
    const e = parseError(() => parseCsv(text, 4));
    expect(e.line).toBe(line);
    expect(e.en).toContain(message);
  });
});

describe('revlog JSONL (every field)', () => {
  it('round-trips every field, undone reviews included', () => {
    const rows = [row({ params: '{"h":32,"f":5}', slips: ['forgot-bias', 'flops-vs-macs'], correct: false, rating: 1 }), row({ undone: true, answer: null, correct: null, question_hash: null, reviewed_at: 1740794500000 })];
    const text = toJsonl(rows);
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0]!)).toEqual({
      card_id: 'cnn.conv.params-760', review_time: 1740794400000, review_rating: 1, review_state: 2, review_duration: 4321,
      day: '2025-03-01', answer: '760', correct: false, slips: ['forgot-bias', 'flops-vs-macs'], question_hash: 'abc', params: { h: 32, f: 5 }, undone: false,
    });
    expect(parseJsonl(text, 4)).toEqual(rows);
  });

  it('fills what a minimal line leaves out', () => {
    const [r] = parseJsonl('{"card_id":"q","review_time":1740794400000,"review_rating":3,"review_state":0,"future_key":1}\n', 4);
    expect(r).toMatchObject({ card_id: 'q', elapsed_ms: 0, answer: null, correct: null, slips: [], params: null, undone: false });
    expect(r!.day).toBe(dayKey(new Date(1740794400000), 4));
  });

  it.each([
    ['{"card_id":"q"\n', 1, 'not a JSON object'],
    ['[1,2]\n', 1, 'expected a JSON object'],
    [`${JSON.stringify(toJsonlReview(row()))}\n\n{"card_id":"q","review_time":1740794400000,"review_state":0}\n`, 3, 'review_rating is missing'],
    ['{"card_id":"q","review_time":1740794400000,"review_rating":3,"review_state":0,"slips":["a,b"]}\n', 1, 'is not a slip id'],
    ['{"card_id":"q","review_time":1740794400000,"review_rating":3,"review_state":0,"day":"1.3.2025"}\n', 1, 'day: expected YYYY-MM-DD'],
    ['{"card_id":"q","review_time":1740794400000,"review_rating":3,"review_state":0,"undone":"no"}\n', 1, 'undone: expected true or false'],
    ['{"card_id":7,"review_time":1740794400000,"review_rating":3,"review_state":0}\n', 1, 'card_id: expected a string'],
  ])('reports a bad line: %j', (text, line, message) => {
    const e = parseError(() => parseJsonl(text, 4));
    expect(e.line).toBe(line);
    expect(e.en).toContain(message);
  });
});

describe('detectFormat', () => {
  it.each([
    ['a.csv', '{', 'csv'],
    ['a.jsonl', 'card_id', 'jsonl'],
    ['a.txt', '  {"card_id"', 'jsonl'],
    ['revlog', 'card_id,review_time', 'csv'],
  ])('%s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });
});
