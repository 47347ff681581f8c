/**
 * What `dlnotes drill <topic>` can drill: the generator topics (conv, pool,
 * params, rf, backprop, loss, act, optim, lr, bn, knn), each rotating
 * through its templates, or one template by id.
 */
import { GENERATORS, generatorsByTopic } from '../generators/index';
import type { Generator } from '../generators/types';

export interface DrillTarget {
  /** The name as asked: a topic or a template id. */
  name: string;
  /** Null when a single template was named. */
  topic: string | null;
  /** Asked in turn: problem i uses templates[i % length]. */
  templates: Generator[];
  /** Set for `--slips`: the slips the problems are drawn to show. */
  slips?: string[];
}

/** Topics in registration order, with their templates. */
export function drillTopics(): { topic: string; templates: Generator[] }[] {
  return [...generatorsByTopic.entries()].map(([topic, templates]) => ({ topic, templates }));
}

/** A topic (all its templates) or a template id; null when it is neither. */
export function resolveDrill(name: string): DrillTarget | null {
  const key = name.trim().toLowerCase();
  const topic = generatorsByTopic.get(key);
  if (topic) return { name: key, topic: key, templates: [...topic] };
  const one = GENERATORS.get(key);
  return one ? { name: key, topic: null, templates: [one] } : null;
}
