/**
 * dlnotes log import FILE: merges reviews from another machine (or any FSRS
 * revlog CSV) into this one's log. Rows already here are skipped, so
 * importing twice changes nothing and two machines that import each other's
 * exports, in either order, end with the same history; every touched card is
 * recomputed by replaying its history. All or nothing: a bad row is reported
 * as file:line and nothing is imported.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fmtInt } from '../../core/format';
import { bi, msg, txt } from '../../core/text';
import { UsageError } from '../../errors';
import { t } from '../../render/lang';
import { style } from '../../render/style';
import { detectFormat, LogParseError, parseLog, type LogFormat } from '../../quiz/revlog';
import { replayHistory } from '../../quiz/replay';
import { choiceFlag } from '../flags';
import { print, printJson } from '../output';
import { loadStudyBank, openStudy, schedulerFor, type StudyFlags } from '../study';

export interface LogImportFlags extends StudyFlags {
  format?: string;
  json?: boolean;
}

const M = {
  nothingImported: bi('nothing was imported', '未导入任何记录'),
  sep: bi('; ', '；'),
  read: msg((file: string, why: string) => `log import: cannot read ${file} (${why})`, (file, why) => `log import：无法读取 ${file}（${why}）`),
  notFile: msg((file: string) => `log import: ${file} is not a file`, (file) => `log import：${file} 不是文件`),
  imported: msg(
    (n: number, file: string) => `Imported ${fmtInt(n)} review${n === 1 ? '' : 's'} from ${file}`,
    (n, file) => `已从 ${file} 导入 ${fmtInt(n)} 条复习记录`,
  ),
  skipped: msg(
    (n: number) => `${fmtInt(n)} already here (same question and time): skipped`,
    (n) => `${fmtInt(n)} 条已存在（同一题目、同一时间）：跳过`,
  ),
  undone: msg(
    (n: number) => `${fmtInt(n)} undone on the other machine: undone here too`,
    (n) => `${fmtInt(n)} 条在另一台机器上已撤销：这里也撤销`,
  ),
  cards: msg(
    (n: number) => `${fmtInt(n)} question${n === 1 ? '' : 's'} recomputed from ${n === 1 ? 'its' : 'their'} whole history`,
    (n) => `${fmtInt(n)} 道题按完整复习历史重新计算了记忆状态`,
  ),
  unknown: msg(
    (reviews: number, questions: number, ids: string) => `${fmtInt(reviews)} review${reviews === 1 ? '' : 's'} of ${fmtInt(questions)} question${questions === 1 ? '' : 's'} not in your banks (kept in the log): ${ids}`,
    (reviews, questions, ids) => `${fmtInt(questions)} 道不在当前题库中的题目的 ${fmtInt(reviews)} 条复习（已保留在日志中）：${ids}`,
  ),
  same: bi('Nothing new: every review in the file is already here.', '没有新记录：文件中的复习都已存在。'),
};

function readLogFile(file: string): string {
  try {
    if (!statSync(file).isFile()) throw new UsageError(M.notFile(file));
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(M.read(file, err.code === 'ENOENT' ? t(bi('no such file', '文件不存在')) : err.code ?? err.message));
  }
}

export async function run(file: string, o: LogImportFlags): Promise<void> {
  const forced = choiceFlag('format', o.format, ['csv', 'jsonl'] as const);
  const text = readLogFile(file);
  const format: LogFormat = forced ?? detectFormat(file, text);
  const ctx = openStudy(o);
  try {
    let rows;
    try {
      rows = parseLog(text, format, ctx.config.day_start_hour);
    } catch (e) {
      if (e instanceof LogParseError) throw new UsageError(txt`${file}:${e.line}: ${e.text}${M.sep}${M.nothingImported}`);
      throw e;
    }
    const bank = loadStudyBank(o, ctx.config);
    const f = schedulerFor(ctx.config);
    const result = ctx.store.mergeLog(rows, (id, history) => replayHistory(f, id, history, ctx.config.leech_threshold));
    const unknownCounts = new Map<string, number>();
    for (const r of rows) if (!bank.byId.has(r.card_id)) unknownCounts.set(r.card_id, (unknownCounts.get(r.card_id) ?? 0) + 1);
    const unknownReviews = [...unknownCounts.values()].reduce((a, b) => a + b, 0);
    if (o.json) {
      printJson({
        file, format, rows: rows.length, imported: result.inserted, skipped: result.skipped, undone: result.undone, cards: result.cards,
        unknown: { reviews: unknownReviews, questions: [...unknownCounts.keys()].sort() },
      });
      return;
    }
    const lines: string[] = [];
    if (result.inserted === 0 && result.undone === 0) lines.push(t(M.same));
    else lines.push(style.bold(t(M.imported(result.inserted, basename(file)))));
    if (result.skipped > 0 && result.inserted + result.undone > 0) lines.push(`  ${t(M.skipped(result.skipped))}`);
    if (result.undone > 0) lines.push(`  ${t(M.undone(result.undone))}`);
    if (result.cards > 0) lines.push(`  ${t(M.cards(result.cards))}`);
    if (unknownCounts.size > 0) {
      const ids = [...unknownCounts.keys()].sort();
      lines.push(`  ${style.warn(t(M.unknown(unknownReviews, ids.length, `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`)))}`);
    }
    print(lines.join('\n'));
  } finally {
    ctx.store.close();
  }
}
