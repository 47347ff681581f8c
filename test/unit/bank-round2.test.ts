/**
 * The bank's second round (issue 17) on the shipped bank: the share of
 * single-answer choices whose key is the uniquely longest option (reported,
 * and at most a third per deck and language), the review's fixes, merged
 * near-duplicates, counts marked, the new topics present and sourced, the
 * diagram questions covering every diagram, and the beyond-the-notes deck
 * kept out of mock exams.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIAGRAMS } from '../../src/core/diagrams/index';
import { seededRng } from '../../src/core/random';
import { LONGEST_KEY_SHARE, longestKeyShare } from '../../src/quiz/bank/choice-length';
import { readBank } from '../../src/quiz/bank/load';
import { shippedBankDir } from '../../src/quiz/bank/paths';
import { drawPaper } from '../../src/quiz/exam/paper';
import { preparePresent, present } from '../../src/quiz/present';
import type { Bank, ChoiceQuestion, DiagramQuestion, NumericQuestion, Question } from '../../src/quiz/types';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

let bank: Bank;
beforeAll(async () => {
  await preparePresent();
  bank = readBank([shippedBankDir()], { cache: false }).bank;
}, 60_000);

const en = (q: Question): string => (q.prompt === undefined ? '' : typeof q.prompt === 'string' ? q.prompt : q.prompt.en);
const zh = (q: Question): string => (q.prompt === undefined ? '' : typeof q.prompt === 'string' ? q.prompt : q.prompt.zh);

describe('choices cannot be guessed by their length', () => {
  it('reports the share of single-answer choices whose key is the uniquely longest option, at most a third per deck', () => {
    const rows = bank.decks.map((d) => {
      const s = longestKeyShare(d.questions);
      return { deck: d.id, single: s.single, zh: s.longest.zh.length, en: s.longest.en.length };
    });
    const all = rows.reduce((a, r) => ({ single: a.single + r.single, zh: a.zh + r.zh, en: a.en + r.en }), { single: 0, zh: 0, en: 0 });
    const pct = (n: number, d: number): string => `${Math.round((100 * n) / Math.max(1, d))}%`;
    console.info([
      'key is the uniquely longest option (single-answer choice questions):',
      ...rows.map((r) => `  ${r.deck.padEnd(15)} ${String(r.single).padStart(3)}  zh ${pct(r.zh, r.single).padStart(4)}  en ${pct(r.en, r.single).padStart(4)}`),
      `  ${'all'.padEnd(15)} ${String(all.single).padStart(3)}  zh ${pct(all.zh, all.single).padStart(4)}  en ${pct(all.en, all.single).padStart(4)}`,
    ].join('\n'));
    for (const r of rows) {
      expect(r.zh, `${r.deck} (zh)`).toBeLessThanOrEqual(r.single * LONGEST_KEY_SHARE);
      expect(r.en, `${r.deck} (en)`).toBeLessThanOrEqual(r.single * LONGEST_KEY_SHARE);
    }
  });
});

describe('the review\'s fixes', () => {
  const text = (id: string): string => JSON.stringify(bank.byId.get(id));

  it('VGG-16: 154.7 亿 MACs in all, 153.5 亿 in the convs', () => {
    expect(text('architectures.vgg.where-memory-params')).toContain('共约 154.7 亿 MACs，其中卷积层约 153.5 亿');
  });

  it('the softmax loss lies in (0, +∞)', () => {
    const q = bank.byId.get('linear.softmax.range') as ChoiceQuestion;
    expect(JSON.stringify(q.choices[q.answer[0]!])).toContain('(0, +\\\\infty)');
  });

  it('BN at test time is BatchNorm2d in the eval bug, and re-centres before β in the zero-centring remedies', () => {
    expect(en(bank.byId.get('cnn.bn.eval-bug')!)).toContain('BatchNorm2d');
    expect(text('backprop.zc.remedies')).toContain('then shifted by the learnt β');
  });

  it('the ResNet gradient no longer claims to keep at least g', () => {
    const t = text('architectures.resnet.grad-formula');
    expect(t).not.toContain('keeps at least');
    expect(t).toContain('1 + a');
  });

  it('VGG activations ask what an examiner asks, as a count', () => {
    const q = bank.byId.get('architectures.cost.vgg-activations') as NumericQuestion;
    expect(q.count).toBe(true);
    expect(en(q)).not.toContain('CS231n');
    const p = present(q, 'en', seededRng(1));
    expect(p.grade('15,237,608').correct).toBe(true);
    expect(p.grade('~15.2M')).toMatchObject({ correct: true, approx: true });
    expect(p.grade('15.2M').correct).toBe(false);
  });

  it('uses one Chinese term for "template": 模板', () => {
    for (const f of readdirSync(shippedBankDir()).filter((x) => x.endsWith('.yaml'))) {
      expect(readFileSync(join(shippedBankDir(), f), 'utf8'), f).not.toContain('模版');
    }
  });
});

describe('near-duplicates', () => {
  it('keep their ids where the question stays, and now ask different things', () => {
    for (const id of ['cnn.bn.train-vs-test', 'cnn.bn.test-time', 'cnn.bn.eval-bug', 'regularization.other.bn', 'cnn.bn.regularization-why',
      'optimization.lr.warmup-why', 'sequence.transformer.warmup-why', 'backprop.graph.gate-patterns', 'backprop.graph.gate-cloze',
      'sequence.lstm.highway', 'sequence.lstm.cell-gradient-product']) {
      expect(bank.byId.has(id), id).toBe(true);
    }
    expect(bank.byId.has('sequence.lstm.cell-gradient')).toBe(false);
    expect(en(bank.byId.get('cnn.bn.regularization-why')!)).toContain('larger batch');
    expect(en(bank.byId.get('sequence.transformer.warmup-why')!)).toContain('How does it change');
    expect(en(bank.byId.get('backprop.graph.gate-patterns')!)).toContain('cache');
    expect(en(bank.byId.get('cnn.bn.test-time')!)).not.toBe(en(bank.byId.get('cnn.bn.train-vs-test')!));
  });
});

describe('counts are marked', () => {
  it('every numeric question asking "how many" parameters, MACs, entries, anchors or layers is a count, with no tolerance', () => {
    const counts = bank.questions.filter((q): q is NumericQuestion => q.type === 'numeric' && q.count === true);
    expect(counts.length).toBeGreaterThanOrEqual(85);
    for (const q of counts) expect(q.tolerance === undefined && q.relTolerance === undefined, q.id).toBe(true);
    const unmarked = bank.questions.filter((q): q is NumericQuestion => q.type === 'numeric' && !q.count
      && /how many (parameters|multiply|weights|entries|anchors|layers|channels|numbers|training points|boxes|activation)/i.test(en(q)));
    expect(unmarked.map((q) => q.id)).toEqual([]);
  });
});

describe('new topics', () => {
  const bySource = (source: string): Question[] => bank.questions.filter((q) => q.source === source);

  it.each([
    ['补充 / 权重初始化', 8],
    ['补充 / 训练实践', 10],
    ['02 正则化与优化 / Dropout', 8],
    ['03 神经网络与反向传播 / 层的反向传播', 8],
  ])('%s has at least %i questions', (source, n) => {
    expect(bySource(source).length).toBeGreaterThanOrEqual(n);
  });

  it('every new question exists in both languages with Chinese in the zh text', () => {
    for (const q of bank.questions.filter((x) => ['training', 'beyond'].includes(x.deck) || x.id.startsWith('regularization.dropout.') || x.id.startsWith('backprop.layer.'))) {
      expect(zh(q), q.id).toMatch(/[\u4e00-\u9fff]/);
      expect(en(q), q.id).not.toMatch(/[\u4e00-\u9fff]/);
      expect(q.explanation, q.id).toBeDefined();
    }
  });

  it('the beyond-the-notes deck says so, and mock exams leave it out unless asked', () => {
    const beyond = bank.decks.find((d) => d.id === 'beyond')!;
    expect(beyond.questions.length).toBeGreaterThanOrEqual(15);
    for (const q of beyond.questions) {
      expect(q.source.startsWith('课外 / '), q.id).toBe(true);
      expect(q.tags).toContain('beyond');
    }
    const sections = bank.sections.filter((s) => s.title.startsWith('课外 / '));
    expect(sections.every((s) => s.weight === 0)).toBe(true);
    const deckOrder = bank.decks.map((d) => d.id);
    const paper = drawPaper({ questions: bank.questions, sections: bank.sections, deckOrder, count: 60, seed: 7 });
    expect(paper.items.filter((it) => it.deck === 'beyond')).toEqual([]);
    const only = drawPaper({ questions: beyond.questions, sections: bank.sections, deckOrder, count: 8, seed: 7 });
    expect(only.items).toHaveLength(8);
  });
});

describe('diagram questions', () => {
  it('at least 12, covering every diagram, each with a blank that grades its own labels', () => {
    const qs = bank.questions.filter((q): q is DiagramQuestion => q.type === 'diagram');
    expect(qs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(qs.map((q) => q.diagram))).toEqual(new Set(DIAGRAMS.map((d) => d.id)));
    for (const q of qs) {
      for (const lang of ['zh', 'en'] as const) {
        const p = present(q, lang, seededRng(1));
        expect(p.grade(p.answerText).correct, `${q.id} ${lang}`).toBe(true);
        expect(p.figure, q.id).toBeDefined();
      }
    }
  });
});
