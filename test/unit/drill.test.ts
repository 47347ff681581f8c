import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { DEFAULT_CONFIG } from '../../src/quiz/config';
import { parseDrillOptions } from '../../src/quiz/drill/options';
import { renderDrillSummary } from '../../src/quiz/drill/render';
import { DrillRunner, type DrillRunOptions } from '../../src/quiz/drill/runner';
import { drillTopics, resolveDrill } from '../../src/quiz/drill/topics';
import { GENERATORS } from '../../src/quiz/generators/index';
import type { PracticeIo, PracticeReply } from '../../src/quiz/practice/io';
import { prepareGenerators, present } from '../../src/quiz/present';

beforeAll(async () => {
  await prepareGenerators();
});
import { makeFsrs } from '../../src/quiz/schedule';
import { Store } from '../../src/quiz/store/store';
import type { GeneratedQuestion, Presented, PresentFn } from '../../src/quiz/types';
import { tempHome } from '../helpers/quiz';

describe('drill topics', () => {
  it('every generator topic of the issue, with its templates in registration order', () => {
    const topics = drillTopics();
    expect(topics.map((t) => t.topic).sort()).toEqual(['act', 'attention', 'backprop', 'bn', 'conv', 'detection', 'knn', 'loss', 'lr', 'optim', 'params', 'pool', 'rf', 'rnn', 'segmentation']);
    expect(topics.flatMap((t) => t.templates).length).toBe(GENERATORS.size);
    expect(resolveDrill('conv')!.templates.map((g) => g.id)).toEqual(['conv-output-size', 'conv-macs', 'conv-memory']);
    expect(resolveDrill('Loss')).toMatchObject({ topic: 'loss', name: 'loss' });
  });

  it('a template id drills that template alone; anything else is null', () => {
    expect(resolveDrill('conv-output-size')).toMatchObject({ topic: null, name: 'conv-output-size', templates: [GENERATORS.get('conv-output-size')] });
    expect(resolveDrill('convolution')).toBeNull();
    expect(resolveDrill('')).toBeNull();
  });
});

describe('--options', () => {
  const loss = resolveDrill('loss')!.templates;

  it('types values by what each template declares, and gives each template only its own keys', () => {
    const m = parseDrillOptions('classes=4, squared=true,ask=prob', loss);
    expect(m.get('svm-loss')).toEqual({ classes: 4, squared: true });
    expect(m.get('softmax-loss')).toEqual({ classes: 4, ask: 'prob' });
    expect(parseDrillOptions(undefined, loss).get('svm-loss')).toEqual({});
    expect(parseDrillOptions('trap=false', resolveDrill('conv-output-size')!.templates).get('conv-output-size')).toEqual({ trap: false });
  });

  it.each([
    ['classes', /expected key=value pairs/],
    ['trap=true', /no template of this drill takes "trap" \(options: classes, squared, ask\)/],
    ['classes=many', /classes of svm-loss must be an integer, got "many"/],
    ['ask=value', /ask of softmax-loss must be one of loss, prob, got "value"/],
    ['squared=yes', /squared of svm-loss must be true or false/],
  ])('%s is refused', (text, message) => {
    expect(() => parseDrillOptions(text, loss)).toThrow(InputError);
    expect(() => parseDrillOptions(text, loss)).toThrow(message);
  });
});

class ScriptIo implements PracticeIo {
  readonly mode = 'line' as const;
  readonly text: string[] = [];
  readonly prompts: string[] = [];
  constructor(private readonly replies: ((p: Presented) => PracticeReply)[]) {}
  show(t: string): void {
    this.text.push(t);
  }
  async ask(p: Presented): Promise<PracticeReply> {
    this.prompts.push(p.prompt);
    return this.replies.shift()?.(p) ?? { kind: 'end' };
  }
  close(): void {}
}

const NOW = new Date('2025-03-01T10:00:00Z');
const right = (p: Presented): PracticeReply => ({ kind: 'answer', text: p.answerText.match(/-?\d+(\.\d+)?/g)!.join('x') });
/** A wrong answer of the right form: as many numbers as asked for (fewer would be asked again). */
const wrong = (p: Presented): PracticeReply => ({ kind: 'answer', text: p.mode.kind === 'tuple' ? '0x0x0' : '0' });

function bankQ(id: string, template: string): GeneratedQuestion {
  return { id, type: 'generated', template, deck: 'gen', tags: ['generated'], source: 's', file: 'f.yaml', line: 1, hash: `h-${id}`, options: { trap: true } };
}

async function drill(over: Partial<DrillRunOptions>, replies: ((p: Presented) => PracticeReply)[]) {
  const store = Store.open(tempHome(), { now: NOW });
  const io = new ScriptIo(replies);
  try {
    const summary = await new DrillRunner({
      templates: resolveDrill('conv')!.templates, count: 3, seed: 7, options: new Map(), scheduleAs: new Map(), lang: 'en', io, present,
      store, clock: () => NOW, config: { ...DEFAULT_CONFIG, fuzz: false },
      scheduler: makeFsrs({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 }),
      mono: () => 0, ...over,
    }).run();
    return { summary, io, reviews: store.allReviews(), sessions: store.db.prepare('SELECT mode, answered, recalled FROM sessions').all() };
  } finally {
    store.close();
  }
}

describe('DrillRunner', () => {
  it('rotates through the topic\'s templates, grades at once with the worked solution, and is reproducible', async () => {
    const a = await drill({}, [wrong, wrong, wrong]);
    const b = await drill({}, [wrong, wrong, wrong]);
    expect(a.io.prompts).toEqual(b.io.prompts);
    expect(a.io.text).toEqual(b.io.text);
    expect(a.io.text.filter((t) => t.startsWith('problem '))).toEqual([
      'problem 1/3 · Conv layer output size (conv-output-size)', 'problem 2/3 · Conv layer MACs (conv-macs)', 'problem 3/3 · Conv layer output memory (conv-memory)',
    ]);
    expect(a.io.text.join('\n')).toMatch(/✗ wrong value: you said 0x0x0; the answer is/);
    expect(a.io.text.join('\n')).toContain('Output height');
    const c = await drill({ seed: 8 }, [wrong, wrong, wrong]);
    expect(c.io.prompts).not.toEqual(a.io.prompts);
    expect(a.summary).toMatchObject({ asked: 3, answered: 3, correct: 0, skipped: 0, ended: 'done' });
  });

  it('records each answer as a review of the bank question with the same template, drawn with the drill\'s options', async () => {
    const scheduleAs = new Map([['conv-output-size', bankQ('gen.conv', 'conv-output-size')]]);
    const r = await drill({ templates: resolveDrill('conv-output-size')!.templates, scheduleAs, options: new Map([['conv-output-size', { trap: false }]]) }, [right, wrong, (p) => right(p)]);
    expect(r.summary).toMatchObject({ answered: 3, correct: 2, ended: 'done', recorded: new Map([['gen.conv', 3]]) });
    expect(r.reviews.map((x) => [x.card_id, x.rating, x.correct, x.question_hash])).toEqual([
      ['gen.conv', 3, true, 'h-gen.conv'], ['gen.conv', 1, false, 'h-gen.conv'], ['gen.conv', 3, true, 'h-gen.conv'],
    ]);
    expect(r.sessions).toEqual([{ mode: 'drill', answered: 3, recalled: 2 }]);
    expect(r.io.text.join('\n')).toContain('→ Good · next in');
    // trap=false: every drawn setting tiles the input (no "not an integer" warning).
    expect(r.io.text.join('\n')).not.toContain('is not an integer');
  });

  it(':s shows the answer and moves on; :q and end of input stop; nothing is recorded without a bank question', async () => {
    let shown: Presented | undefined;
    const r = await drill({}, [(p) => {
      shown = p;
      return { kind: 'skip' };
    }, () => ({ kind: 'quit' })]);
    expect(r.summary).toMatchObject({ asked: 2, answered: 0, skipped: 1, ended: 'quit' });
    // The revealed answer is the drawn problem's, recomputed here by PyTorch's rule floor((H + 2P − F)/S) + 1.
    const { h, fh, s, p, k } = shown!.params as { h: number; fh: number; s: number; p: number; k: number };
    expect(shown!.prompt).toContain(`Input ${h}×${h}×`);
    expect(shown!.prompt).toContain(`${k} filters of ${fh}×${fh}, stride S=${s}, padding P=${p}`);
    const out = Math.floor((h + 2 * p - fh) / s) + 1;
    expect(r.io.text.join('\n')).toContain(`skipped; the answer is H' = ${out}, W' = ${out}, K = ${k}`);
    expect(r.reviews).toEqual([]);
    expect(renderDrillSummary(r.summary)).toContain('scheduled: nothing');
    const end = await drill({ count: 5 }, [wrong]);
    expect(end.summary).toMatchObject({ asked: 2, answered: 1, ended: 'input' });
  });
});

describe('DrillRunner: unreadable answers and slips', () => {
  it('asks again after an answer that cannot be read, and records the slip of a wrong answer', async () => {
    const scheduleAs = new Map([['conv-output-size', bankQ('gen.conv', 'conv-output-size')]]);
    // The real present, with a slip attached to the answer "1x1x1" (generators carry their own slips from core/slips.ts).
    const slipping: PresentFn = (q, lang, rng) => {
      const p = present(q, lang, rng);
      return { ...p, grade: (input) => ({ ...p.grade(input), ...(input === '1x1x1' ? { slips: [{ id: 'forgot-plus-one', text: 'looks like the +1 was left out' }] } : {}) }) };
    };
    const r = await drill({ templates: resolveDrill('conv-output-size')!.templates, scheduleAs, count: 1, present: slipping }, [
      () => ({ kind: 'answer', text: 'four' }), () => ({ kind: 'answer', text: '1x1x1' }),
    ]);
    const text = r.io.text.join('\n');
    expect(text).toContain('  ? not a number: four');
    expect(text.replace(/ *\n */g, ' ')).toMatch(/✗ wrong value: you said 1x1x1; the answer is .* — looks like the \+1 was left out/);
    expect(r.summary).toMatchObject({ asked: 1, answered: 1, correct: 0 });
    expect(r.reviews.map((x) => [x.answer, x.slips])).toEqual([['1x1x1', ['forgot-plus-one']]]);
  });
});
