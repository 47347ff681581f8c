/**
 * Presenting a diagram question: the diagram with the chosen labels
 * replaced by numbered blanks, graded blank by blank like a cloze (any
 * accepted name, in either language), and the complete diagram to show
 * after the answer. Loaded lazily (present.ts prepareDiagrams) so a quiz
 * that shows no diagram does not parse them.
 */
import { diagramById } from '../core/diagrams/index';
import { blankOrder } from '../core/diagrams/slots';
import { bi, msg, tr, type Lang } from '../core/text';
import { UsageError } from '../errors';
import { diagramArt, diagramPlainLines, renderDiagram } from '../render/diagram';
import { matchesLabel, splitDiagramAnswers } from './grade/diagram';
import type { DiagramQuestion, Presented } from './types';

const M = {
  right: bi('right', '正确'),
  count: msg(
    (n: number, got: number) => `give ${n} answer${n === 1 ? '' : 's, one per blank, separated by ";"'}; got ${got}`,
    (n, got) => `请给出 ${n} 个答案${n === 1 ? '' : '，每个空一个，用“;”分隔'}；收到 ${got} 个`,
  ),
  expected: msg((list: string) => `expected ${list}`, (list) => `应为 ${list}`),
  empty: bi('empty answer: type a name for each blank', '答案为空：请为每个空填一个名称'),
  unknown: msg(
    (file: string, line: number, id: string, diagram: string) => `${file}:${line}: question ${id} names the diagram "${diagram}", which does not exist (dlnotes diagram --list)`,
    (file, line, id, diagram) => `${file}:${line}：题目 ${id} 引用的图 "${diagram}" 不存在（dlnotes diagram --list）`,
  ),
};

type Part = Omit<Presented, 'questionId' | 'type' | 'hint' | 'explanation'>;

/** The blanks of a question in the order they are numbered (reading order in the diagram). */
export function numberedBlanks(q: DiagramQuestion): string[] {
  const d = diagramById(q.diagram);
  return d ? blankOrder(d, q.blanks) : q.blanks;
}

export function presentDiagram(q: DiagramQuestion, lang: Lang, lead: string): Part {
  const d = diagramById(q.diagram);
  if (!d) throw new UsageError(M.unknown(q.file, q.line, q.id, q.diagram));
  const order = blankOrder(d, q.blanks);
  const numbers = new Map(order.map((k, i) => [k, i + 1]));
  const labels = order.map((k) => d.labels[k]!);
  const art = diagramArt(d, lang, numbers).join('\n');
  const answers = labels.map((l) => tr(l.text, lang));
  return {
    prompt: `${lead ? `${lead}\n\n` : ''}${tr(d.title, lang)}\n\n${art}`,
    mode: { kind: 'cloze', blanks: order.length },
    answerText: answers.map((a, i) => (order.length > 1 ? `(${i + 1}) ${a}` : a)).join('; '),
    figure: renderDiagram(d, lang),
    grade: (input) => {
      const given = splitDiagramAnswers(input);
      if (given.length !== order.length) {
        return { correct: false, unreadable: true, feedback: tr(M.count(order.length, given.length), lang), given: given.join('; ') };
      }
      // Nothing typed in any blank is a slip of the keyboard, as in a cloze: asked again, not graded.
      if (given.every((g) => g === '')) return { correct: false, unreadable: true, feedback: tr(M.empty, lang), given: '' };
      const wrong = given.flatMap((g, i) => (matchesLabel(g, labels[i]!) ? [] : [`(${i + 1}) ${answers[i]}`]));
      return {
        correct: wrong.length === 0,
        feedback: tr(wrong.length === 0 ? M.right : M.expected(wrong.join(lang === 'zh' ? '，' : ', ')), lang),
        given: given.join('; '),
      };
    },
  };
}

/**
 * A diagram question as plain text for a file (dlnotes export anki): the
 * title and art with numbered blanks, the answers, the whole diagram.
 */
export function diagramPlain(q: DiagramQuestion, lang: Lang): { blanked: string[]; answer: string; full: string[] } {
  const d = diagramById(q.diagram);
  if (!d) throw new UsageError(M.unknown(q.file, q.line, q.id, q.diagram));
  const p = presentDiagram(q, lang, '');
  return { blanked: p.prompt.split('\n'), answer: p.answerText, full: diagramPlainLines(d, lang) };
}
