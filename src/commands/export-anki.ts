/**
 * dlnotes export anki: the bank as a file Anki imports (quiz/anki.ts), so a
 * student can also review on a phone. Anki's text import was chosen over an
 * .apkg: it is a documented, stable format Anki reads on every platform, it
 * needs nothing beyond the bank, and with a guid column a re-import updates
 * the notes in place; an .apkg is a zipped SQLite collection whose schema
 * changes between Anki versions.
 */
import { seededRng, seedFrom } from '../core/random';
import { fmtInt } from '../core/format';
import { bi, msg, type Lang } from '../core/text';
import { UsageError } from '../errors';
import { ankiFile, ankiNotes, type DiagramView, type GeneratedView } from '../quiz/anki';
import { expectedPart, prepareGenerators } from '../quiz/present';
import { currentLang, t } from '../render/lang';
import { workedToPlainLines } from '../render/worked';
import { writeOutFile } from './out-file';
import { print } from './output';
import { loadStudyBank, readStudyConfig, scopeQuestions, type StudyFlags } from './study';

export interface ExportAnkiFlags extends StudyFlags {
  out?: string;
}

const M = {
  out: bi('export anki: give the file to write with --out, e.g. --out dlnotes.txt', 'export anki：请用 --out 指定要写入的文件，例如 --out dlnotes.txt'),
  none: bi('export anki: no questions in scope', 'export anki：范围内没有题目'),
  wrote: msg(
    (n: number, decks: number, file: string) => `Wrote ${fmtInt(n)} note${n === 1 ? '' : 's'} in ${decks} deck${decks === 1 ? '' : 's'} to ${file}`,
    (n, decks, file) => `已把 ${decks} 个牌组的 ${fmtInt(n)} 条笔记写入 ${file}`,
  ),
  how: bi(
    'In Anki: File > Import, choose the file; the headers set the note type (Basic), the decks (dlnotes::...), the tags and a guid, so importing it again later updates the notes.',
    '在 Anki 中：文件 > 导入，选择该文件；文件头已设置笔记类型（问答题/Basic）、牌组（dlnotes::...）、标签和 guid，以后再次导入会更新这些笔记。',
  ),
};

export async function run(o: ExportAnkiFlags): Promise<void> {
  if (o.out === undefined || o.out.trim() === '') throw new UsageError(M.out);
  const config = readStudyConfig();
  const bank = loadStudyBank(o, config);
  const questions = scopeQuestions(bank, o);
  if (questions.length === 0) throw new UsageError(M.none);
  const lang = currentLang();
  const views = new Map<string, GeneratedView>();
  if (questions.some((q) => q.type === 'generated')) {
    await prepareGenerators();
    const { GENERATORS } = await import('../quiz/generators/index');
    for (const q of questions) {
      if (q.type !== 'generated') continue;
      const gen = GENERATORS.get(q.template);
      if (!gen) continue;
      // Numbers fixed by the question id: the same file each time, until the bank changes.
      const problem = gen.generate(seededRng(seedFrom(`anki|${q.id}`)), q.options);
      const per = (f: (l: Lang) => string): Record<Lang, string> => ({ zh: f('zh'), en: f('en') });
      views.set(q.id, {
        problem,
        topic: gen.topic,
        answer: per((l) => expectedPart(problem.expected, l).answerText),
        worked: { zh: workedToPlainLines(problem.solution, 'zh'), en: workedToPlainLines(problem.solution, 'en') },
      });
    }
  }
  const diagrams = new Map<string, DiagramView>();
  if (questions.some((q) => q.type === 'diagram')) {
    const { diagramPlain } = await import('../quiz/diagram');
    for (const q of questions) {
      if (q.type !== 'diagram') continue;
      const zh = diagramPlain(q, 'zh');
      const en = diagramPlain(q, 'en');
      diagrams.set(q.id, { blanked: { zh: zh.blanked, en: en.blanked }, answer: { zh: zh.answer, en: en.answer }, full: { zh: zh.full, en: en.full } });
    }
  }
  const notes = ankiNotes(questions, bank, lang, { generated: (q) => views.get(q.id), diagram: (q) => diagrams.get(q.id) });
  const file = writeOutFile(o.out, ankiFile(notes));
  print(t(M.wrote(notes.length, new Set(notes.map((n) => n.deck.split('::')[1])).size, file)));
  print(t(M.how));
}
