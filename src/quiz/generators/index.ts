/**
 * The registry of generated-problem templates: bank entries of
 * `type: generated` name one by id (docs/bank-format.md lists them).
 *
 * Each topic file exports `generators: Generator[]` and is listed in
 * TOPIC_FILES below; a new topic file needs only its import and list entry
 * here: lint, `bank templates`, `bank show` and the quiz pick it up. Topic
 * files load with the quiz, so they must stay light (no parser, no YAML)
 * at the top level: the first question would wait for it.
 */
import { generators as backprop } from './backprop';
import { generators as layers } from './layers';
import { generators as losses } from './losses';
import { generators as optim } from './optim';
import { generators as sequence } from './sequence';
import { generators as vision } from './vision';
import type { Generator } from './types';

const TOPIC_FILES: Generator[][] = [layers, backprop, losses, optim, sequence, vision];

/** Every generator by id. */
export const GENERATORS: Map<string, Generator> = new Map();

/** Generators grouped by topic (conv, pool, params, rf, backprop, loss, act, optim, lr, bn, knn, rnn, attention, detection, segmentation), in registration order. */
export const generatorsByTopic: Map<string, Generator[]> = new Map();

/** Adds generators to the registry; a duplicate id is a programming error. */
export function registerGenerators(list: readonly Generator[]): void {
  for (const g of list) {
    if (GENERATORS.has(g.id)) throw new Error(`generator id "${g.id}" is registered twice`);
    GENERATORS.set(g.id, g);
    const topic = generatorsByTopic.get(g.topic) ?? [];
    topic.push(g);
    generatorsByTopic.set(g.topic, topic);
  }
}

for (const list of TOPIC_FILES) registerGenerators(list);
