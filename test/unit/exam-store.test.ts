import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { Store } from '../../src/quiz/store/store';
import { LATEST_VERSION, MIGRATIONS } from '../../src/quiz/store/schema';
import { ExamLog, type ExamProgress } from '../../src/quiz/store/exams';
import { historyData, lastRetake, renderHistory } from '../../src/quiz/exam/history';
import { retakeCommand } from '../../src/quiz/exam/render';
import { scoreByDeck } from '../../src/quiz/exam/score';
import type { ItemResult } from '../../src/quiz/exam/types';
import { tempHome } from '../helpers/quiz';
import { setWidth, termWidth } from '../../src/render/width';

const NOW = new Date('2025-03-01T10:00:00Z');

const ITEMS: ItemResult[] = [
  { id: 'a.1', deck: 'a', type: 'numeric', answered: false, correct: false, given: null },
  { id: 'b.1', deck: 'b', type: 'choice', answered: false, correct: false, given: null },
];

function progress(items: ItemResult[], usedMs = 1000): ExamProgress {
  return {
    answered: items.filter((i) => i.answered).length, correct: items.filter((i) => i.correct).length,
    usedMs, items, perDeck: scoreByDeck(items, ['a', 'b']), sessionId: null,
  };
}

function start(log: ExamLog, at = NOW, seed = 7): number {
  return log.start({ startedAt: at, day: '2025-03-01', seed, minutes: 30, items: ITEMS, perDeck: scoreByDeck(ITEMS, ['a', 'b']), scope: { questions: 2, deck: 'a,b', lang: 'en' } });
}

describe('schema v3: the exams table', () => {
  it('migrates a v2 database: keeps its reviews and sessions, backs it up first', () => {
    const home = tempHome();
    const old = Store.open(home, { now: NOW, migrations: MIGRATIONS.slice(0, 2) });
    const sid = old.startSession(NOW, '2025-03-01', 'line');
    old.db.prepare(`INSERT INTO reviews (card_id, reviewed_at, day, rating, state_before, before_json, after_json, elapsed_ms, session_id) VALUES ('a.1', ?, '2025-03-01', 3, 0, 'null', ?, 1000, ?)`)
      .run(NOW.getTime(), JSON.stringify({ state: 1, due: NOW.getTime() + 600_000, stability: 2.3, difficulty: 2.1, elapsed_days: 0, scheduled_days: 0, reps: 1, lapses: 0, learning_steps: 1, last_review: NOW.getTime() }), sid);
    expect(old.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'exams'").pluck().get()).toBe(0);
    old.close();

    const s = Store.open(home, { now: NOW });
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(3);
    expect(s.db.prepare('SELECT MAX(version) FROM schema_version').pluck().get()).toBe(LATEST_VERSION);
    expect(s.allReviews().map((r) => [r.card_id, r.rating, r.session_id])).toEqual([['a.1', 3, sid]]);
    expect(s.dayCounts('2025-03-01')).toMatchObject({ total: 1, recalled: 1 });
    expect(new ExamLog(s).list()).toEqual([]);
    expect(s.backup).toMatch(/dlnotes\.db\.bak-v2-/);
    expect(readdirSync(home).filter((f) => /^dlnotes\.db\.bak-v2-/.test(f))).toHaveLength(1);
    s.close();
  });
});

describe('ExamLog', () => {
  it('keeps a paper from the start, its progress with each answer, and how it ended', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const log = new ExamLog(s);
    const id = start(log);
    expect(log.get(id)).toMatchObject({ id, seed: 7, minutes: 30, questions: 2, answered: 0, correct: 0, ended: null, ended_at: null, items: ITEMS, scope: { questions: 2, deck: 'a,b', lang: 'en' } });
    const after: ItemResult[] = [{ ...ITEMS[0]!, answered: true, correct: true, given: '760' }, ITEMS[1]!];
    const out = log.answer(id, () => 'reviewed', () => progress(after, 4200));
    expect(out).toBe('reviewed');
    expect(log.get(id)).toMatchObject({ answered: 1, correct: 1, used_ms: 4200, ended: null, per_deck: [{ deck: 'a', questions: 1, answered: 1, correct: 1 }, { deck: 'b', questions: 1, answered: 0, correct: 0 }] });
    log.finish(id, progress(after, 5000), new Date(NOW.getTime() + 5000), 'time');
    expect(log.get(id)).toMatchObject({ answered: 1, correct: 1, used_ms: 5000, ended: 'time', ended_at: NOW.getTime() + 5000 });
    s.close();
  });

  it('an answer and the progress are one transaction: a failure keeps neither', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const log = new ExamLog(s);
    const id = start(log);
    const after: ItemResult[] = [{ ...ITEMS[0]!, answered: true, correct: false, given: '1' }, ITEMS[1]!];
    expect(() => log.answer(id, () => {
      s.startSession(NOW, '2025-03-01', 'exam');
      throw new Error('disk full');
    }, () => progress(after))).toThrow('disk full');
    expect(log.get(id)!.answered).toBe(0);
    expect(s.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
    expect(() => log.answer(id, () => 1, () => { throw new Error('bad progress'); })).toThrow('bad progress');
    s.close();
  });

  it('discards only a paper with nothing answered', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const log = new ExamLog(s);
    const empty = start(log);
    const used = start(log);
    log.answer(used, () => null, () => progress([{ ...ITEMS[0]!, answered: true, correct: true, given: '1' }, ITEMS[1]!]));
    expect(log.discard(used)).toBe(false);
    expect(log.discard(empty)).toBe(true);
    expect(log.list().map((r) => r.id)).toEqual([used]);
    s.close();
  });

  it('lists exams oldest first, and history shows scores per chapter and over time', () => {
    const s = Store.open(tempHome(), { now: NOW });
    const log = new ExamLog(s);
    const later = start(log, new Date('2025-03-05T10:00:00Z'), 11);
    const earlier = start(log, new Date('2025-03-02T10:00:00Z'), 5);
    const right: ItemResult[] = [{ ...ITEMS[0]!, answered: true, correct: true, given: '760' }, { ...ITEMS[1]!, answered: true, correct: true, given: 'a' }];
    const half: ItemResult[] = [{ ...ITEMS[0]!, answered: true, correct: true, given: '760' }, ITEMS[1]!];
    log.finish(earlier, progress(half, 61_000), new Date('2025-03-02T10:01:01Z'), 'quit');
    log.finish(later, progress(right, 125_000), new Date('2025-03-05T10:02:05Z'), 'done');
    const rows = log.list();
    expect(rows.map((r) => r.seed)).toEqual([5, 11]);
    const h = historyData(rows);
    expect(h.exams.map((e) => [e.started_at, e.score, e.time_used_s, e.ended])).toEqual([
      ['2025-03-02T10:00:00.000Z', 0.5, 61, 'quit'],
      ['2025-03-05T10:00:00.000Z', 1, 125, 'done'],
    ]);
    expect(h.exams[0]!.per_deck).toEqual([{ deck: 'a', questions: 1, answered: 1, correct: 1, score: 1 }, { deck: 'b', questions: 1, answered: 0, correct: 0, score: 0 }]);
    // Every column at full width: this checks the content, the 80-column layout is render/table's.
    const before = termWidth();
    setWidth(160);
    const text = renderHistory(rows);
    setWidth(before);
    expect(text).toContain('Mock exams (2)');
    expect(text).toMatch(/1\/2 +50% +1\/2 +1:01 \/ 30:00 +5 +handed in · a 1\/1 · b 0\/1/);
    expect(text).toMatch(/2\/2 +100% +2\/2 +2:05 \/ 30:00 +11 +all questions answered · a 1\/1 · b 1\/1/);
    expect(text).toContain('score (%) by exam');
    // The command is printed on a line of its own, never wrapped (exam.ts prints lastRetake()).
    expect(text).toContain('Re-take the last paper (another: its seed with the same flags):');
    expect(lastRetake(rows)).toBe('dlnotes exam --seed 11 --questions 2 --minutes 30 --deck a,b');
    expect(renderHistory([])).toMatch(/^No mock exams yet/);
    s.close();
  });
});

describe('retakeCommand', () => {
  it('names the seed, count, time, scope and bank (quoted when needed)', () => {
    expect(retakeCommand(42, 120, { questions: 40, lang: 'en' })).toBe('dlnotes exam --seed 42 --questions 40');
    expect(retakeCommand(42, 0.5, { questions: 5, deck: 'cnn,backprop', tag: 'calc', bank: ['/tmp/my bank'], lang: 'zh' }))
      .toBe("dlnotes exam --seed 42 --questions 5 --minutes 0.5 --deck cnn,backprop --tag calc --bank '/tmp/my bank'");
  });
});
