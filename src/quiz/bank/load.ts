/**
 * Loading question banks: one or more directories of deck files (the
 * shipped questions/ or a student's own), validated, cached, merged in bank
 * order. The session decides which directories (`--bank DIR`, config);
 * this module only reads them.
 */
import { existsSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import pkg from '../../../package.json';
import { UsageError } from '../../errors';
import { msg } from '../../core/text';
import { FILE_LIMITS, fmtSize, openFailure, readTextFile } from '../../read';
import type { Bank, Deck, Question, Section } from '../types';
import { BankCache, cacheKey, type CachedDeck, type IndexedDeck } from './cache';
import { parseDeck, type ParsedDeck } from './parse';
import { defaultCacheDir, displayPath, shippedBankDir } from './paths';
import { BankError, bankProblem, type BankProblem } from './problems';
import { emptyRegistry, parseSections, parseTags, type Registry } from './registry';

const M = {
  noDir: msg((path: string) => `bank: ${path}: no such directory (give a directory of deck .yaml files)`, (path) => `bank：${path}：目录不存在（请给出存放卡组 .yaml 文件的目录）`),
  notYaml: msg((path: string) => `bank: ${path}: not a .yaml deck file`, (path) => `bank：${path}：不是 .yaml 卡组文件`),
  notDir: msg((path: string) => `bank: ${path}: not a directory`, (path) => `bank：${path}：不是目录`),
  unreadable: msg((path: string, code: string) => `bank: ${path}: cannot be read (${code})`, (path, code) => `bank：${path}：无法读取（${code}）`),
  tooBig: msg(
    (size: string, files: number, max: string) => `bank: the decks add up to ${size} in ${files} files; dlnotes loads at most ${max} of deck files (about 150,000 questions): split it and use --bank for a part`,
    (size, files, max) => `bank：题库共 ${files} 个文件、${size}；dlnotes 最多加载 ${max} 的题库文件（约 150,000 题）：请拆分，并用 --bank 只加载一部分`,
  ),
  deckTwice: msg((id: string, prev: string) => `deck id "${id}" is already used by ${prev}; deck ids are unique across the bank`,
    (id, prev) => `卡组 id "${id}" 已被 ${prev} 使用；卡组 id 在整个题库中必须唯一`),
  idTwice: msg((id: string, prev: string) => `duplicate id "${id}": also at ${prev}; ids are unique across the bank`,
    (id, prev) => `重复的 id "${id}"：${prev} 也用了它；题目 id 在整个题库中必须唯一`),
  special: msg(
    (path: string) => `bank: "${path}" is not a regular file; a deck is a .yaml file`,
    (path) => `bank："${path}" 不是普通文件；题库文件应是 .yaml 文件`,
  ),
};

export interface LoadOptions {
  /** Cache directory; false turns the cache off. Default: defaultCacheDir(process.env). */
  cache?: string | false;
  /** Where sections.yaml/tags.yaml come from when a bank directory has none. Default: the shipped bank. */
  fallbackDir?: string;
  /** For shortening file paths in messages. Default: process.cwd(). */
  cwd?: string;
  /** Keep every field's position (lint needs them); parses every file afresh. */
  positions?: boolean;
}

export interface BankRead {
  bank: Bank;
  problems: BankProblem[];
  /** Every deck file read, with its questions and (with `positions`) field positions. */
  files: ParsedDeck[];
}

const REGISTRY_FILES = new Set(['sections.yaml', 'tags.yaml']);

/**
 * The most deck text a bank may hold, checked (by the files' sizes) before
 * any is parsed. Parsing takes about 10 times the text in memory: 100,000
 * questions (41 MB of YAML) load in about 1.3 GB; the 4 GB heap of a 64-bit
 * Node runs out at about 250,000 (see docs/bank-format.md).
 */
export const MAX_BANK_BYTES = 64 * 1024 * 1024;


/**
 * Loads the bank in `dirs` (directories of deck files, or single deck
 * files). Throws BankError (exit 2, with the first problem) when any file
 * has a problem, and UsageError when a path cannot be read.
 */
export function loadBank(dirs: string[], opts: LoadOptions = {}): Bank {
  const r = readBank(dirs, opts);
  if (r.problems.length > 0) throw new BankError(r.problems, dirs);
  return r.bank;
}

/** The bank directories opened: their deck files, the registries that apply and each directory's cache. */
interface Opened {
  cwd: string;
  roots: Root[];
  registryFiles: Array<[RegistryKind, string]>;
  caches: BankCache[];
}

/** Lists the deck files, refuses a bank over MAX_BANK_BYTES, and opens each directory's cache (keyed by the tool version and the registries' stamps). */
function openBank(dirs: string[], opts: LoadOptions): Opened {
  const cwd = opts.cwd ?? process.cwd();
  const roots = dirs.map((d) => openRoot(d, cwd));
  const fallback = opts.fallbackDir ?? shippedBankDir();
  const registryFiles = registryFilesOf(roots.map((r) => r.dir), fallback);
  // The registries' stamps (not their text) key the cache: a warm start reads neither.
  const stamps = registryFiles.map(([, file]) => {
    const st = statOf(file);
    return `${file}:${st.size}:${st.mtimeMs}`;
  });
  const total = roots.reduce((sum, r) => sum + r.bytes, 0);
  if (total > MAX_BANK_BYTES) throw new UsageError(M.tooBig(fmtSize(total), roots.reduce((n, r) => n + r.files.length, 0), fmtSize(MAX_BANK_BYTES)));
  const key = cacheKey(pkg.version, stamps.join('\u0000'));
  const cacheDir = opts.positions ? false : (opts.cache ?? defaultCacheDir(process.env));
  return { cwd, roots, registryFiles, caches: roots.map((root) => BankCache.open(cacheDir, root.dir, key)) };
}

/**
 * The bank as a plan needs it: its decks and sections, and its questions'
 * ids, decks, tags and sources in columns (index i = the i-th question in
 * bank order), without their text. 10,000 questions are a few arrays.
 */
export interface BankIndex {
  decks: ReadonlyArray<{ id: string }>;
  sections: Section[];
  id: readonly string[];
  source: readonly string[];
  /** Question i's deck and tags (what --deck and --tag filter on). */
  deckOf(i: number): string;
  tagsOf(i: number): string[];
  /** Question id -> its index. */
  position: ReadonlyMap<string, number>;
}

/** A loaded bank as a BankIndex. */
export function bankIndexOf(bank: Bank): BankIndex {
  const qs = bank.questions;
  return {
    decks: bank.decks, sections: bank.sections,
    id: qs.map((q) => q.id), source: qs.map((q) => q.source),
    deckOf: (i) => qs[i]!.deck, tagsOf: (i) => qs[i]!.tags,
    position: new Map(qs.map((q, i) => [q.id, i])),
  };
}

/**
 * The BankIndex from the cache's index alone: a plan over 10,000 questions
 * needs no more, and building the questions was a quarter of its time.
 * Undefined unless every deck file is in the cache unchanged, none has a
 * problem and no deck or question id is used twice; then loadBank reads the
 * bank (and reports what it finds), as before.
 */
export function indexBank(dirs: string[], opts: LoadOptions = {}): BankIndex | undefined {
  const { roots, caches } = openBank(dirs, opts);
  const registry = caches.map((c) => c.registry()).find((r) => r !== undefined);
  if (!registry) return undefined;
  const files: IndexedDeck[] = [];
  for (let r = 0; r < roots.length; r++) {
    for (const file of roots[r]!.files) {
      const st = statOf(file);
      const f = caches[r]!.columns(file, { size: st.size, mtimeMs: st.mtimeMs });
      if (!f || f.problems > 0 || !f.deck) return undefined;
      files.push(f);
    }
  }
  // Deck order as assemble has it.
  const decks = files.map((f, i) => ({ f, id: f.deck!.id, order: f.deck!.order ?? 1e6 + i }));
  if (new Set(decks.map((d) => d.id)).size < decks.length) return undefined;
  decks.sort((a, b) => a.order - b.order);
  const id: string[] = [];
  const source: string[] = [];
  const position = new Map<string, number>();
  // Each deck's questions are one run in bank order, from starts[k].
  const starts: number[] = [];
  for (const { f } of decks) {
    starts.push(id.length);
    for (let i = 0; i < f.id.length; i++) {
      const q = f.id[i]!;
      if (position.has(q)) return undefined;
      position.set(q, id.length);
      id.push(q);
      source.push(f.source[i]!);
    }
  }
  const deckAt = (i: number): number => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
    return k;
  };
  return {
    decks: decks.map((d) => ({ id: d.id })), sections: registry.sections, id, source, position,
    deckOf: (i) => decks[deckAt(i)]!.id,
    tagsOf: (i) => {
      const k = deckAt(i);
      return decks[k]!.f.tags(i - starts[k]!);
    },
  };
}

/** Reads the bank and reports every problem instead of stopping at the first (lint, stats). */
export function readBank(dirs: string[], opts: LoadOptions = {}): BankRead {
  const { cwd, roots, registryFiles, caches } = openBank(dirs, opts);

  const problems: BankProblem[] = [];
  let registry = caches.map((c) => c.registry()).find((r) => r !== undefined);
  if (!registry) {
    const parsed = parseRegistries(registryFiles.map(([kind, file]) => [kind, file, readText(file)] as const));
    registry = parsed.registry;
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0) for (const c of caches) c.setRegistry(registry);
  }
  const reg = registry;
  const reparse = (file: string): Map<string, Question> => new Map(parseDeck(readText(file), file, reg).questions.map((q) => [q.id, q]));

  const files: ParsedDeck[] = [];
  roots.forEach((root, i) => {
    const cache = caches[i]!;
    const seen = new Set<string>();
    for (const file of root.files) {
      seen.add(file);
      const st = statOf(file);
      const stamp = { size: st.size, mtimeMs: st.mtimeMs };
      let parsed: ParsedDeck | CachedDeck | undefined = cache.get(file, stamp, reparse);
      if (!parsed) {
        const fresh = parseDeck(readText(file), file, reg);
        cache.set(file, stamp, fresh);
        parsed = fresh;
      }
      files.push(relocate(parsed, displayPath(file, cwd)));
    }
    cache.retain(seen);
    cache.save();
  });
  problems.push(...files.flatMap((f) => f.problems));
  return { bank: assemble(files, reg, problems), problems, files };
}

interface Root {
  dir: string;
  files: string[];
  /** The deck files' total size. */
  bytes: number;
}

/** A file's stat, or one line naming it (a link that went away, a loop). */
function statOf(file: string): Stats {
  try {
    return statSync(file);
  } catch (e) {
    throw openFailure('bank', file, e);
  }
}

function openRoot(path: string, cwd: string): Root {
  const abs = resolve(cwd, path);
  let st: Stats;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(M.noDir(path));
  }
  if (st.isFile()) {
    if (!/\.ya?ml$/.test(abs)) throw new UsageError(M.notYaml(path));
    return { dir: join(abs, '..'), files: [abs], bytes: st.size };
  }
  if (!st.isDirectory()) throw new UsageError(M.notDir(path));
  const files: Array<{ path: string; size: number }> = [];
  try {
    deckFiles(abs, true, new Set([realpathSync(abs)]), files);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(M.unreadable(path, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
  return { dir: abs, files: files.map((f) => f.path), bytes: files.reduce((n, f) => n + f.size, 0) };
}

/**
 * Deck files under `dir`, recursively, sorted, with their sizes; the
 * registries at the top level are not decks. Symbolic links are followed
 * (a linked directory once: `seen` holds the real paths visited); one that
 * dangles or loops is one line naming it, and so is a deck name that is not
 * a regular file (a link to /dev/zero).
 */
function deckFiles(dir: string, top: boolean, seen: Set<string>, out: Array<{ path: string; size: number }>): void {
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ent.name.startsWith('.') || ent.name === 'node_modules') continue;
    const p = join(dir, ent.name);
    const isDeck = ['.yaml', '.yml'].includes(extname(ent.name)) && !(top && REGISTRY_FILES.has(ent.name));
    if (!ent.isDirectory() && !ent.isSymbolicLink() && !isDeck) continue;
    const st = ent.isSymbolicLink() || isDeck ? statOf(p) : undefined;
    if (ent.isDirectory() || st?.isDirectory()) {
      const real = realpathSync(p);
      if (seen.has(real)) continue;
      seen.add(real);
      deckFiles(p, false, seen, out);
    } else if (isDeck) {
      if (!st!.isFile()) throw new UsageError(M.special(p));
      out.push({ path: p, size: st!.size });
    }
  }
}

function readText(file: string): string {
  return readTextFile(file, 'bank', REGISTRY_FILES.has(basename(file)) ? FILE_LIMITS.small : FILE_LIMITS.deck);
}

type RegistryKind = 'sections.yaml' | 'tags.yaml';

/** The registry files that apply: each directory's own, or the fallback's when it has none. */
function registryFilesOf(dirs: string[], fallback: string): Array<[RegistryKind, string]> {
  const out: Array<[RegistryKind, string]> = [];
  for (const dir of dirs) {
    for (const kind of ['sections.yaml', 'tags.yaml'] as const) {
      const own = join(dir, kind);
      const file = existsSync(own) ? own : join(fallback, kind);
      if (existsSync(file) && !out.some(([, f]) => f === file)) out.push([kind, file]);
    }
  }
  return out;
}

/** Parses and merges the registries (sections by title, tags by name). */
function parseRegistries(files: ReadonlyArray<readonly [RegistryKind, string, string]>): { registry: Registry; problems: BankProblem[] } {
  const registry = emptyRegistry();
  const problems: BankProblem[] = [];
  for (const [kind, file, text] of files) {
    if (kind === 'sections.yaml') {
      const r = parseSections(text, file);
      problems.push(...r.problems);
      for (const s of r.sections) if (!registry.sections.some((x) => x.title === s.title)) registry.sections.push(s);
    } else {
      const r = parseTags(text, file);
      problems.push(...r.problems);
      for (const [k, v] of r.tags) registry.tags.set(k, v);
    }
  }
  return { registry, problems };
}

/**
 * Gives the parsed file and its questions and problems the path as shown
 * (relative to cwd when possible). Mutates: cached entries are fresh from
 * JSON.parse, and copying 10,000 questions would cost more than the parse.
 */
function relocate(p: ParsedDeck | CachedDeck, file: string): ParsedDeck {
  const out = p as ParsedDeck;
  out.fields ??= [];
  out.file = file;
  for (const q of out.questions) q.file = file;
  for (const x of out.problems) x.file = file;
  return out;
}

/** Merges files into a Bank in deck order, reporting duplicate deck ids and question ids. */
function assemble(files: ParsedDeck[], registry: Registry, problems: BankProblem[]): Bank {
  const decks: Deck[] = [];
  const deckAt = new Map<string, string>();
  files.forEach((f, i) => {
    if (!f.deck) return;
    const where = `${f.file}:${f.deck.pos[0]}`;
    const prev = deckAt.get(f.deck.id);
    if (prev !== undefined) {
      problems.push(bankProblem(f.file, f.deck.pos, M.deckTwice(f.deck.id, prev)));
      return;
    }
    deckAt.set(f.deck.id, where);
    for (const q of f.questions) q.deck = f.deck.id;
    decks.push({ id: f.deck.id, title: f.deck.title, order: f.deck.order ?? 1e6 + i, file: f.file, questions: f.questions });
  });
  decks.sort((a, b) => a.order - b.order);
  const byId = new Map<string, Question>();
  const questions: Question[] = [];
  const byFile = new Map(files.map((f) => [f.file, f]));
  for (const d of decks) {
    const f = byFile.get(d.file)!;
    d.questions = d.questions.filter((q, i) => {
      const prev = byId.get(q.id);
      if (prev) {
        problems.push(bankProblem(f.file, f.idPos[i]!, M.idTwice(q.id, `${prev.file}:${prev.line}`)));
        return false;
      }
      byId.set(q.id, q);
      questions.push(q);
      return true;
    });
  }
  return { decks, questions, byId, sections: registry.sections, tags: registry.tags };
}
