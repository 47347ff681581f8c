/** Building questions and a minimal present() for session tests without the bank loader. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNumber } from '../../src/core/answer';
import { tr } from '../../src/core/text';
import type { CardQuestion, NumericQuestion, Presented, PresentFn, Question } from '../../src/quiz/types';

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'dlnotes-test-'));
}

export function numericQ(id: string, answer: number, text = `What is ${id}?`): NumericQuestion {
  return { id, type: 'numeric', deck: id.split('.')[0]!, prompt: text, answer, explanation: `because ${answer}`, tags: ['calc'], source: 's', file: 'f.yaml', line: 1, hash: `h:${text}:${answer}` };
}

export function cardQ(id: string, text = `Explain ${id}`): CardQuestion {
  return { id, type: 'card', deck: id.split('.')[0]!, prompt: text, answer: `the answer to ${id}`, tags: ['concept'], source: 's', file: 'f.yaml', line: 1, hash: `h:${text}` };
}

/** A present() for numeric and card questions (the real one lives in src/quiz/present.ts). */
export const fakePresent: PresentFn = (q: Question): Presented => {
  const prompt = typeof q.prompt === 'string' ? q.prompt : q.prompt?.en ?? '';
  if (q.type === 'card') {
    return { questionId: q.id, type: q.type, prompt, mode: { kind: 'reveal' }, answerText: String(q.answer), grade: () => { throw new Error('cards are rated'); } };
  }
  if (q.type !== 'numeric') throw new Error(`fakePresent: ${q.type}`);
  return {
    questionId: q.id, type: q.type, prompt, mode: { kind: 'number' }, answerText: String(q.answer),
    explanation: typeof q.explanation === 'string' ? q.explanation : undefined,
    grade: (input: string) => {
      const v = checkNumber(input, q.answer, { abs: q.tolerance ?? 0 });
      return { correct: v.ok, feedback: v.ok ? 'right' : tr(v.reason, 'en'), given: input.trim() };
    },
  };
};
