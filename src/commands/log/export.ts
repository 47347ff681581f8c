/**
 * dlnotes log export: every review, as the FSRS revlog CSV (for the FSRS
 * tools and notebooks, and for another machine) or as JSONL with every field.
 */
import { fmtInt } from '../../core/format';
import { bi, msg } from '../../core/text';
import { t } from '../../render/lang';
import { toCsv, toJsonl, type LogFormat } from '../../quiz/revlog';
import { writeErr, writeOut } from '../../write';
import { choiceFlag } from '../flags';
import { writeOutFile } from '../out-file';
import { print } from '../output';
import { loadStudyBank, openStudy, scopeQuestions, type StudyFlags } from '../study';

export interface LogExportFlags extends StudyFlags {
  format?: string;
  out?: string;
}

const M = {
  wrote: msg(
    (n: number, q: number, format: string, file: string) => `Exported ${fmtInt(n)} review${n === 1 ? '' : 's'} of ${fmtInt(q)} question${q === 1 ? '' : 's'} (${format}) to ${file}`,
    (n, q, format, file) => `已导出 ${fmtInt(q)} 道题的 ${fmtInt(n)} 条复习记录（${format}）到 ${file}`,
  ),
  undone: msg(
    (n: number) => `${fmtInt(n)} undone review${n === 1 ? ' is' : 's are'} left out (the CSV cannot mark them; --format jsonl keeps them)`,
    (n) => `已撤销的 ${fmtInt(n)} 条复习未导出（CSV 无法标记撤销；--format jsonl 会保留）`,
  ),
  empty: bi('No reviews to export yet: answer some questions with dlnotes quiz first', '还没有可导出的复习记录：先用 dlnotes quiz 答几道题'),
};

const NAMES: Record<LogFormat, string> = { csv: 'FSRS revlog CSV', jsonl: 'JSONL' };

/** The format: --format, else from the --out file's extension, else CSV. */
export function exportFormat(format: string | undefined, out: string | undefined): LogFormat {
  const f = choiceFlag('format', format, ['csv', 'jsonl'] as const);
  if (f) return f;
  return out !== undefined && /\.(jsonl|ndjson|json)$/i.test(out) ? 'jsonl' : 'csv';
}

export async function run(o: LogExportFlags): Promise<void> {
  const format = exportFormat(o.format, o.out);
  const ctx = openStudy(o);
  try {
    let rows = ctx.store.logRows(true);
    if (o.deck !== undefined || o.tag !== undefined) {
      const ids = new Set(scopeQuestions(loadStudyBank(o, ctx.config), o).map((q) => q.id));
      rows = rows.filter((r) => ids.has(r.card_id));
    }
    const text = format === 'csv' ? toCsv(rows) : toJsonl(rows);
    const counted = format === 'jsonl' ? rows : rows.filter((r) => !r.undone);
    const questions = new Set(counted.map((r) => r.card_id)).size;
    if (o.out === undefined) {
      if (counted.length === 0) writeErr(`${t(M.empty)}\n`);
      writeOut(text);
      return;
    }
    const file = writeOutFile(o.out, text);
    print(t(M.wrote(counted.length, questions, NAMES[format], file)));
    if (counted.length === 0) print(t(M.empty));
    if (format === 'csv' && rows.length > counted.length) print(t(M.undone(rows.length - counted.length)));
  } finally {
    ctx.store.close();
  }
}
