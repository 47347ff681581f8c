/**
 * dlnotes db check | restore [BACKUP]: verify the study database, and go back
 * to a backup, saying first what that would lose. Neither ever deletes
 * anything: a restore moves the current file aside (with its -wal and -shm).
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../quiz/store/sqlite';
import { existsSync, renameSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fmtInt } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { ExitError, UsageError } from '../errors';
import { backupTo, listBackups, type BackupFile } from '../quiz/store/backups';
import { isCorrupt, storeFault } from '../quiz/store/errors';
import { dropStamp, integrityProblems, inodeOf, writeStamp } from '../quiz/store/integrity';
import { localDay } from '../quiz/store/open';
import { dataDir, dbPath } from '../quiz/store/paths';
import { LATEST_VERSION } from '../quiz/store/schema';
import { t } from '../render/lang';
import { style } from '../render/style';
import { displayWidth } from '../render/table';
import { print, printJson } from './output';

export interface DbFlags {
  json?: boolean;
  yes?: boolean;
}

const M = {
  unknownAction: msg((a: string) => `db: unknown action "${a}" (actions: check, restore)`, (a) => `db：未知操作 "${a}"（可用：check、restore）`),
  noDb: msg((file: string) => `${file}: no database yet (it is made by the first quiz, exam or drill)`, (file) => `${file}：还没有数据库（第一次 quiz、exam 或 drill 时创建）`),
  integrity: bi('integrity', '完整性'),
  ok: bi('ok (PRAGMA integrity_check)', '完好（PRAGMA integrity_check）'),
  damaged: msg((first: string) => `damaged: ${first}`, (first) => `已损坏：${first}`),
  notSqlite: bi('not an SQLite database (the header is overwritten)', '不是 SQLite 数据库（文件头被覆盖）'),
  schema: bi('schema', '数据版本'),
  newer: msg((v: number) => `v${v}, from a newer dlnotes (this one knows up to v${LATEST_VERSION}): upgrade dlnotes`, (v) => `v${v}，来自更新版本的 dlnotes（本版本最多认识 v${LATEST_VERSION}）：请升级 dlnotes`),
  history: bi('history', '学习记录'),
  historyLine: msg(
    (reviews: number | null, cards: number | null, last: string, exams: number) => `${fmtCount(reviews)} review${reviews === 1 ? '' : 's'} of ${fmtCount(cards)} question${cards === 1 ? '' : 's'} · last ${last}${exams ? ` · ${exams} mock exam${exams === 1 ? '' : 's'}` : ''}`,
    (reviews, cards, last, exams) => `${fmtCount(cards)} 道题共 ${fmtCount(reviews)} 次复习 · 最近一次 ${last}${exams ? ` · ${exams} 次模拟考试` : ''}`,
  ),
  unreadable: bi('cannot be read (damaged)', '无法读取（已损坏）'),
  backups: bi('backups', '备份'),
  noBackups: bi('none yet (the first run of each day keeps one; the last 7 are kept)', '还没有（每天第一次运行时备份一次，保留最近 7 份）'),
  backupLine: msg(
    (n: number, newest: string, oldest: string) => `${n} · newest ${newest}${n > 1 ? ` · oldest ${oldest}` : ''}`,
    (n, newest, oldest) => `${n} 份 · 最新 ${newest}${n > 1 ? ` · 最旧 ${oldest}` : ''}`,
  ),
  adviceRestore: msg(
    (day: string) => `To go back to the last backup (${day}): dlnotes db restore (it first shows what it would lose)`,
    (day) => `恢复到最近的备份（${day}）：dlnotes db restore（会先列出将丢失的内容）`,
  ),
  adviceNone: bi(
    'There is no backup to restore: move the file aside to start afresh (dlnotes never deletes it).',
    '没有可恢复的备份：把文件移开即可重新开始（dlnotes 不会删除它）。',
  ),
  noBackupsToRestore: msg(
    (dir: string) => `db restore: no backups in ${dir} yet (the first run of each day keeps one)`,
    (dir) => `db restore：${dir} 中还没有备份（每天第一次运行时会备份一次）`,
  ),
  noSuchBackup: msg(
    (name: string, known: string) => `db restore: no backup "${name}" (backups: ${known})`,
    (name, known) => `db restore：没有备份 "${name}"（现有备份：${known}）`,
  ),
  backupDamaged: msg(
    (name: string, detail: string) => `db restore: the backup ${name} is damaged too (${detail}); name an older one: dlnotes db restore NAME`,
    (name, detail) => `db restore：备份 ${name} 也已损坏（${detail}）；请指定更早的一份：dlnotes db restore 名称`,
  ),
  allDamaged: bi('db restore: every backup is damaged; nothing was changed', 'db restore：所有备份都已损坏；没有任何改动'),
  skipped: msg((name: string) => `(skipped ${name}: damaged)`, (name) => `（跳过 ${name}：已损坏）`),
  restoreFrom: msg(
    (name: string, day: string, what: string) => `Restore from ${name} (${day} · ${what})`,
    (name, day, what) => `从 ${name} 恢复（${day} · ${what}）`,
  ),
  backupWhat: msg(
    (reviews: number | null, last: string) => `${fmtCount(reviews)} review${reviews === 1 ? '' : 's'}, the last on ${last}`,
    (reviews, last) => `${fmtCount(reviews)} 次复习，最近一次在 ${last}`,
  ),
  wouldLose: bi('it would lose', '将会丢失'),
  loseReviews: msg(
    (n: string, days: string) => `${n} review${n === '1' ? '' : 's'} made after the backup (${days})`,
    (n, days) => `备份之后的 ${n} 次复习（${days}）`,
  ),
  loseExams: msg((n: number) => `${n} mock exam${n === 1 ? '' : 's'} taken after it`, (n) => `备份之后的 ${n} 次模拟考试`),
  loseNothing: bi('nothing: the backup holds every review of the current file', '什么都不会丢：备份包含当前文件的全部复习记录'),
  loseUnknown: bi(
    'the answers given since the backup, if any: the current file is too damaged to count them',
    '备份之后作答的记录（如有）：当前文件损坏严重，无法统计',
  ),
  keptAs: msg(
    (name: string) => `the current file is kept as ${name} (nothing is deleted)`,
    (name) => `当前文件会保留为 ${name}（不会删除任何东西）`,
  ),
  noCurrent: bi('there is no current database file', '当前没有数据库文件'),
  confirm: msg(
    (name: string) => `Close other dlnotes windows, then run: dlnotes db restore ${name} --yes`,
    (name) => `请先关闭其他 dlnotes 窗口，然后运行：dlnotes db restore ${name} --yes`,
  ),
  restored: msg(
    (name: string, file: string) => `Restored ${file} from ${name}.`,
    (name, file) => `已从 ${name} 恢复 ${file}。`,
  ),
  movedTo: msg((name: string) => `The previous file is kept as ${name}.`, (name) => `原来的文件保留为 ${name}。`),
};

const COLON = bi(': ', '：');
const SEMI = bi('; ', '；');

const when = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toLocaleString('sv-SE').slice(0, 16));

/** What can be read of a database, each part on its own (a damaged file may answer some). */
interface Census {
  reviews: number | null;
  cards: number | null;
  lastReview: number | null;
  exams: number | null;
  /** Reviews per study day (kept by triggers: a small table, often readable when the log is not). */
  days: Map<string, number> | null;
  version: number | null;
}

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (isCorrupt(e) || (e as { code?: string }).code === 'SQLITE_ERROR') return null;
    throw e;
  }
}

function census(db: Database.Database): Census {
  return {
    version: attempt(() => db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_version').pluck().get() as number),
    reviews: attempt(() => db.prepare('SELECT COUNT(*) FROM reviews WHERE undone = 0').pluck().get() as number),
    cards: attempt(() => db.prepare('SELECT COUNT(DISTINCT card_id) FROM reviews').pluck().get() as number),
    lastReview: attempt(() => (db.prepare('SELECT MAX(reviewed_at) FROM reviews').pluck().get() as number | null) ?? null),
    exams: attempt(() => db.prepare('SELECT COUNT(*) FROM exams').pluck().get() as number),
    days: attempt(() => new Map((db.prepare('SELECT day, reviews FROM review_days').all() as { day: string; reviews: number }[]).map((r) => [r.day, r.reviews]))),
  };
}

interface Examined {
  file: string;
  exists: boolean;
  /** null when sound. */
  problems: string[] | null;
  census: Census | null;
}

/** Opens `file` read-only (it can never be written this way) and runs integrity_check and the census. */
function examine(file: string): Examined {
  if (!existsSync(file)) return { file, exists: false, problems: null, census: null };
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    // SQLite's own words for a file that is not a database at all, said in the student's language.
    const problems = integrityProblems(db, true)?.map((p) => (/^file is not a database$/i.test(p) ? t(M.notSqlite) : p)) ?? null;
    return { file, exists: true, problems, census: census(db) };
  } catch (e) {
    if (isCorrupt(e)) return { file, exists: true, problems: [t(M.notSqlite)], census: null };
    throw storeFault(e, file, 'open');
  } finally {
    db?.close();
  }
}

const fmtCount = (n: number | null): string => (n === null ? '?' : fmtInt(n));

function backupsLine(list: BackupFile[]): Text {
  if (list.length === 0) return M.noBackups;
  const newest = list[0]!;
  const oldest = list[list.length - 1]!;
  return M.backupLine(list.length, `${newest.day} · ${newest.name} · ${(newest.bytes / 1048576).toFixed(1)} MiB`, oldest.day);
}

function check(home: string, o: DbFlags): void {
  const file = dbPath(home);
  const backups = listBackups(home);
  const x = examine(file);
  const ok = x.exists && x.problems === null;
  if (o.json) {
    printJson({
      file,
      exists: x.exists,
      ok: x.exists ? ok : null,
      problems: x.problems ?? [],
      schema: x.census?.version ?? null,
      reviews: x.census?.reviews ?? null,
      questions: x.census?.cards ?? null,
      last_review: x.census?.lastReview ? new Date(x.census.lastReview).toISOString() : null,
      exams: x.census?.exams ?? null,
      backups: backups.map((b) => ({ name: b.name, path: b.path, day: b.day, kind: b.kind, bytes: b.bytes })),
    });
  } else {
    const row = (label: Text, text: string): string => `  ${style.bold(t(label))}${' '.repeat(Math.max(1, 12 - displayWidth(t(label))))}${text}`;
    const lines = [style.heading(file)];
    if (!x.exists) {
      lines.push(`  ${t(M.noDb(basename(file)))}`);
    } else {
      lines.push(row(M.integrity, ok ? style.good(t(M.ok)) : style.bad(t(M.damaged(x.problems!.slice(0, 3).join('; ').replace(/\s+/g, ' ').slice(0, 200))))));
      const c = x.census;
      if (c?.version !== null && c?.version !== undefined) lines.push(row(M.schema, c.version > LATEST_VERSION ? t(M.newer(c.version)) : `v${c.version}`));
      lines.push(row(M.history, c && c.reviews !== null ? t(M.historyLine(c.reviews, c.cards, when(c.lastReview), c.exams ?? 0)) : t(M.unreadable)));
    }
    lines.push(row(M.backups, t(backupsLine(backups))));
    if (x.exists && !ok) lines.push('', backups.length > 0 ? t(M.adviceRestore(backups[0]!.day)) : t(M.adviceNone));
    print(lines.join('\n'));
  }
  // A full check just passed: the next run need not repeat it today.
  if (ok) writeStamp(file, localDay(new Date()), inodeOf(file) ?? '');
  if (x.exists && !ok) throw new ExitError(1);
}

/** The backup a name refers to: a day (2025-03-01), a file name from the list, or a path. */
function pick(name: string, backups: BackupFile[], dir: string): BackupFile {
  const byName = backups.find((b) => b.name === name || b.name === basename(name) || (b.kind === 'daily' && b.day === name));
  if (byName) return byName;
  const path = resolve(name);
  if (existsSync(path)) return { path, name: basename(path), day: '?', kind: 'daily', bytes: 0, mtime: 0 };
  throw new UsageError(M.noSuchBackup(name, backups.map((b) => b.name).join(', ') || t(M.noBackupsToRestore(dir))));
}

/** Reviews per day in `current` beyond those in `backup`: what going back would lose. */
function losses(current: Census, backup: Census): { reviews: number; days: string[] } | null {
  if (!current.days || !backup.days) return null;
  let reviews = 0;
  const days: string[] = [];
  for (const [day, n] of current.days) {
    const extra = n - (backup.days.get(day) ?? 0);
    if (extra > 0) {
      reviews += extra;
      days.push(day);
    }
  }
  return { reviews, days: days.sort() };
}

const asideName = (file: string, damaged: boolean): string => `${file}.${damaged ? 'damaged' : 'replaced'}-${new Date().toISOString().replace(/[:.]/g, '-')}`;

async function restore(home: string, name: string | undefined, o: DbFlags): Promise<void> {
  const file = dbPath(home);
  const backups = listBackups(home);
  if (backups.length === 0 && name === undefined) throw new UsageError(M.noBackupsToRestore(resolve(home, 'backups')));
  const notes: string[] = [];
  let chosen: { b: BackupFile; x: Examined } | undefined;
  if (name !== undefined) {
    const b = pick(name, backups, resolve(home, 'backups'));
    const x = examine(b.path);
    if (x.problems) throw new UsageError(M.backupDamaged(b.name, x.problems[0]!.replace(/\s+/g, ' ').slice(0, 120)));
    chosen = { b, x };
  } else {
    for (const b of backups) {
      const x = examine(b.path);
      if (!x.problems) {
        chosen = { b, x };
        break;
      }
      notes.push(t(M.skipped(b.name)));
    }
    if (!chosen) throw new UsageError(M.allDamaged);
  }
  const current = examine(file);
  const aside = asideName(file, current.problems !== null);
  const bc = chosen.x.census!;
  const lines = [
    style.heading(t(M.restoreFrom(chosen.b.name, chosen.b.day, t(M.backupWhat(bc.reviews, when(bc.lastReview)))))),
    ...notes.map((n) => `  ${style.dim(n)}`),
  ];
  if (!current.exists) {
    lines.push(`  ${t(M.noCurrent)}`);
  } else {
    const lost = current.census ? losses(current.census, bc) : null;
    const examsLost = current.census?.exams !== null && current.census?.exams !== undefined && bc.exams !== null ? current.census.exams - bc.exams : 0;
    const what: string[] = [];
    if (lost === null) what.push(t(M.loseUnknown));
    else if (lost.reviews > 0) what.push(t(M.loseReviews(fmtInt(lost.reviews), compactDays(lost.days))));
    if (examsLost > 0) what.push(t(M.loseExams(examsLost)));
    lines.push(`  ${style.bold(t(M.wouldLose))}${t(COLON)}${what.join(t(SEMI)) || t(M.loseNothing)}`);
    lines.push(`  ${t(M.keptAs(basename(aside)))}`);
  }
  if (!o.yes) {
    lines.push('', t(M.confirm(chosen.b.kind === 'daily' && chosen.b.day !== '?' ? chosen.b.day : chosen.b.name)));
    print(lines.join('\n'));
    return;
  }
  print(lines.join('\n'));
  // Copy first (the backup is only read), then swap: a failure part-way leaves the current file in place.
  const incoming = `${file}.restoring-${process.pid}`;
  const src = openSqlite(chosen.b.path, { readonly: true, fileMustExist: true });
  try {
    await backupTo(src, incoming);
  } catch (e) {
    throw storeFault(e, file, 'write');
  } finally {
    src.close();
  }
  if (current.exists) {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
    }
  }
  renameSync(incoming, file);
  dropStamp(file);
  print(['', style.good(t(M.restored(chosen.b.name, file))), ...(current.exists ? [t(M.movedTo(basename(aside)))] : [])].join('\n'));
}

/** 2025-03-01 .. 2025-03-04 (4 days), or the days themselves when few. */
function compactDays(days: string[]): string {
  if (days.length <= 3) return days.join(', ');
  return `${days[0]} .. ${days[days.length - 1]} (${days.length})`;
}

export async function run(action: string | undefined, backup: string | undefined, o: DbFlags): Promise<void> {
  const act = (action ?? 'check').toLowerCase();
  const home = dataDir();
  if (act === 'check') return check(home, o);
  if (act === 'restore') return restore(home, backup, o);
  throw new UsageError(M.unknownAction(act));
}
