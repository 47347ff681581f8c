/**
 * dlnotes drill <topic>: freshly generated problems of one topic (or one
 * template), graded at once with the worked solution; answers count toward
 * the schedule of the bank question that uses the same template.
 */
import { currentLang } from '../render/lang';
import { UsageError } from '../errors';
import { parseDrillOptions } from '../quiz/drill/options';
import { drillWords, renderDrillHeader, renderDrillSummary, renderTopicList } from '../quiz/drill/render';
import { msg } from '../core/text';
import { DrillRunner } from '../quiz/drill/runner';
import { drillTopics, resolveDrill } from '../quiz/drill/topics';
import { prepareGenerators, present } from '../quiz/present';
import type { GeneratedQuestion } from '../quiz/types';
import { intFlag, withFlags } from './flags';
import { print } from './output';
import { openPractice, timeSeed } from './practice-io';
import { loadStudyBank, openStudy, schedulerFor, type StudyFlags } from './study';

export interface DrillFlags extends StudyFlags {
  count?: string;
  seed?: string;
  options?: string;
  list?: boolean;
}

const DEFAULT_COUNT = 10;

const M = {
  give: msg((topics: string) => `drill: give a topic (${topics}) or a template id; dlnotes drill --list shows them`,
    (topics) => `drill：请给出一个主题（${topics}）或模板 id；dlnotes drill --list 列出全部`),
  unknown: msg((name: string, topics: string) => `drill: unknown topic "${name}" (topics: ${topics}; or a template id from dlnotes drill --list)`,
    (name, topics) => `drill：未知的主题 "${name}"（主题：${topics}；或 dlnotes drill --list 中的模板 id）`),
};

function topicNames(): string {
  return drillTopics().map((t) => t.topic).join(', ');
}

export async function run(topic: string | undefined, o: DrillFlags): Promise<void> {
  if (o.list) {
    print(renderTopicList(drillTopics(), currentLang()));
    return;
  }
  if (topic === undefined || topic.trim() === '') {
    throw new UsageError(M.give(topicNames()));
  }
  const target = resolveDrill(topic);
  if (!target) throw new UsageError(M.unknown(topic, topicNames()));
  const count = intFlag('count', o.count, { min: 1, max: 1000 }) ?? DEFAULT_COUNT;
  const givenSeed = intFlag('seed', o.seed, { min: 0, max: 0xffffffff });
  const options = withFlags(() => parseDrillOptions(o.options, target.templates));
  const ctx = openStudy(o);
  let practice: Awaited<ReturnType<typeof openPractice>> | undefined;
  try {
    const bank = loadStudyBank(o, ctx.config);
    const lang = currentLang();
    const seed = givenSeed ?? timeSeed();
    const scheduleAs = new Map<string, GeneratedQuestion>();
    for (const g of target.templates) {
      const q = bank.questions.find((x): x is GeneratedQuestion => x.type === 'generated' && x.template === g.id);
      if (q) scheduleAs.set(g.id, q);
    }
    await prepareGenerators();
    practice = await openPractice(drillWords(), print);
    practice.io.show(renderDrillHeader({ target, count, seed, lang, scheduleAs }));
    const runner = new DrillRunner({
      templates: target.templates, count, seed, options, scheduleAs, lang, io: practice.io, present,
      store: ctx.store, clock: ctx.clock, config: ctx.config, scheduler: schedulerFor(ctx.config), stopped: practice.stopped,
    });
    const summary = await runner.run();
    practice.io.show(renderDrillSummary(summary));
  } finally {
    practice?.close();
    ctx.store.close();
  }
}
