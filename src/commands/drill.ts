/**
 * dlnotes drill <topic>: freshly generated problems of one topic (or one
 * template), graded at once with the worked solution; answers count toward
 * the schedule of the bank question that uses the same template.
 */
import { currentLang } from '../render/lang';
import { UsageError } from '../errors';
import { parseDrillOptions } from '../quiz/drill/options';
import { drillWords, renderDrillHeader, renderDrillSummary, renderTopicList } from '../quiz/drill/render';
import { DrillRunner } from '../quiz/drill/runner';
import { drillTopics, resolveDrill, type DrillTarget } from '../quiz/drill/topics';
import { GENERATORS } from '../quiz/generators/index';
import { dayKey } from '../quiz/clock';
import { frequentSlips, slipRecord, templatesForSlips } from '../quiz/slip-record';
import type { Store } from '../quiz/store/store';
import { bi, msg, tr, type Lang } from '../core/text';
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
  /** Draw problems where the student's frequent slips would show. */
  slips?: boolean;
}

const M = {
  none: bi('no slips in your record yet: a slip is recorded when a wrong answer in quiz, exam or drill matches one (dlnotes drill conv to start)',
    '你的记录里还没有典型失误：在 quiz、exam 或 drill 中答错且符合某种典型失误时才会记录（可以先试 dlnotes drill conv）'),
  noTemplate: msg((ids: string) => `no generated problem can show your frequent slips (${ids}); dlnotes stats lists them`,
    (ids) => `没有生成题能体现你常犯的失误（${ids}）；dlnotes stats 会列出它们`),
  noneInTopic: msg((topic: string, ids: string) => `no template of ${topic} can show your frequent slips (${ids}); drop the topic to drill them all`,
    (topic, ids) => `${topic} 中没有模板能体现你常犯的失误（${ids}）；去掉主题即可全部练习`),
  give: msg((topics: string) => `drill: give a topic (${topics}) or a template id; dlnotes drill --list shows them`,
    (topics) => `drill：请给出一个主题（${topics}）或模板 id；dlnotes drill --list 列出全部`),
  unknown: msg((name: string, topics: string) => `drill: unknown topic "${name}" (topics: ${topics}; or a template id from dlnotes drill --list)`,
    (name, topics) => `drill：未知的主题 "${name}"（主题：${topics}；或 dlnotes drill --list 中的模板 id）`),
};

const DEFAULT_COUNT = 10;

function topicNames(): string {
  return drillTopics().map((t) => t.topic).join(', ');
}

export async function run(topic: string | undefined, o: DrillFlags): Promise<void> {
  if (o.list) {
    print(renderTopicList(drillTopics(), currentLang()));
    return;
  }
  const noTopic = topic === undefined || topic.trim() === '';
  if (noTopic && !o.slips) throw new UsageError(M.give(topicNames()));
  const named = noTopic ? null : resolveDrill(topic!);
  if (!noTopic && !named) throw new UsageError(M.unknown(topic!, topicNames()));
  const count = intFlag('count', o.count, { min: 1, max: 1000 }) ?? DEFAULT_COUNT;
  const givenSeed = intFlag('seed', o.seed, { min: 0, max: 0xffffffff });
  const ctx = openStudy(o);
  let practice: Awaited<ReturnType<typeof openPractice>> | undefined;
  try {
    const lang = currentLang();
    let target: DrillTarget;
    let slips: string[] | undefined;
    if (o.slips) {
      const chosen = slipTarget(ctx.store, dayKey(ctx.clock(), ctx.config.day_start_hour), named, lang);
      if (!chosen) return;
      ({ target, slips } = chosen);
    } else {
      // Without --slips a topic is required (checked above).
      target = named!;
    }
    const options = withFlags(() => parseDrillOptions(o.options, target.templates));
    const bank = loadStudyBank(o, ctx.config);
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
      ...(slips ? { slips } : {}),
    });
    const summary = await runner.run();
    practice.io.show(renderDrillSummary(summary));
  } finally {
    practice?.close();
    ctx.store.close();
  }
}

/**
 * `--slips`: the student's most frequent slips and the templates (of the
 * named topic, if any) whose problems can show them, by the templates' own
 * declarations. Prints why and returns null when there is nothing to drill.
 */
function slipTarget(store: Store, today: string, named: DrillTarget | null, lang: Lang): { target: DrillTarget; slips: string[] } | null {
  const record = slipRecord((from) => store.slipCounts(from), today);
  if (record.length === 0) {
    print(tr(M.none, lang));
    return null;
  }
  const templates = named?.templates ?? [...GENERATORS.values()];
  // The most frequent slips that some template here can show.
  const showable = record.filter((e) => templatesForSlips([e.id], templates).length > 0);
  const wanted = frequentSlips(showable).map((e) => e.id);
  if (wanted.length === 0) {
    const ids = frequentSlips(record).map((e) => e.id).join(', ');
    print(tr(named ? M.noneInTopic(named.name, ids) : M.noTemplate(ids), lang));
    return null;
  }
  return { target: { name: 'slips', topic: named?.topic ?? null, templates: templatesForSlips(wanted, templates), slips: wanted }, slips: wanted };
}
