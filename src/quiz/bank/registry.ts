/**
 * The registries beside the deck files: sections.yaml (the outline of the
 * notes; every question's `source` is one of its titles) and tags.yaml (the
 * allowed tags with their meaning).
 */
import type { Section } from '../types';
import { entries, isMap, isSeq, readYaml, scalarValue, type Node } from '../../core/yaml';
import type { BankProblem } from './problems';
import { bi, msg } from '../../core/text';

const M = {
  sections: bi('sections.yaml is a mapping with "sections:" and a list of {id, title, weight}',
    'sections.yaml 应是一个映射：写 "sections:"，下面是 {id, title, weight} 的列表'),
  section: bi('a section is {id, title, weight}', '一个章节写成 {id, title, weight}'),
  unknownField: msg((key: string) => `unknown section field "${key}"; allowed: id, title, weight`,
    (key) => `未知的章节字段 "${key}"；可用：id, title, weight`),
  noId: bi('a section needs an id (text)', '章节需要 id（文本）'),
  noTitle: bi('a section needs a title (text)', '章节需要 title（文本）'),
  weight: bi('weight must be a non-negative number', 'weight 应是非负数'),
  tags: bi('tags.yaml is a mapping with "tags:" and then one "name: meaning" per tag',
    'tags.yaml 应是一个映射：写 "tags:"，下面每个标签一行 "名称: 含义"'),
};

export interface Registry {
  sections: Section[];
  tags: Map<string, string>;
}

export function emptyRegistry(): Registry {
  return { sections: [], tags: new Map() };
}

/** Reads sections.yaml text: `sections: [{id, title, weight}]`. */
export function parseSections(text: string, file: string): { sections: Section[]; problems: BankProblem[] } {
  const { root, reader } = readYaml(text, file);
  const sections: Section[] = [];
  if (root === null) return { sections, problems: reader.problems };
  const list = isMap(root) ? (root.get('sections', true) as Node | undefined) : undefined;
  if (!isSeq(list)) {
    reader.problem(root, M.sections);
    return { sections, problems: reader.problems };
  }
  for (const item of list.items as Node[]) {
    if (!isMap(item)) {
      reader.problem(item, M.section);
      continue;
    }
    const e = entries(item, reader);
    const id = scalarValue(e.get('id')?.value);
    const title = scalarValue(e.get('title')?.value);
    const weight = e.has('weight') ? scalarValue(e.get('weight')?.value) : 1;
    for (const [key, { key: k }] of e) if (!['id', 'title', 'weight'].includes(key)) reader.problem(k, M.unknownField(key));
    if (typeof id !== 'string' || id === '') reader.problem(item, M.noId);
    else if (typeof title !== 'string' || title === '') reader.problem(item, M.noTitle);
    else if (typeof weight !== 'number' || !(weight >= 0)) reader.problem(e.get('weight')!.value, M.weight);
    else sections.push({ id, title, weight });
  }
  return { sections, problems: reader.problems };
}

/** Reads tags.yaml text: `tags: {name: meaning}`. */
export function parseTags(text: string, file: string): { tags: Map<string, string>; problems: BankProblem[] } {
  const { root, reader } = readYaml(text, file);
  const tags = new Map<string, string>();
  if (root === null) return { tags, problems: reader.problems };
  const map = isMap(root) ? (root.get('tags', true) as Node | undefined) : undefined;
  if (!isMap(map)) {
    reader.problem(root, M.tags);
    return { tags, problems: reader.problems };
  }
  for (const [name, { value }] of entries(map, reader)) {
    const meaning = scalarValue(value);
    tags.set(name, typeof meaning === 'string' ? meaning : '');
  }
  return { tags, problems: reader.problems };
}
