/**
 * A cache of parsed deck files, so that a bank of 10,000 questions loads in
 * milliseconds instead of re-parsing YAML. Per bank directory there is
 *
 *  - an index (bank-<dir>.json): the registries, and for each deck file its
 *    stamp (size, mtime), deck, how many problems it has and its questions'
 *    ids, tags and sources in columns: what `dlnotes plan` reads (indexBank);
 *  - its detail (bank-<dir>.detail.json): for each deck file its problems
 *    and its questions' types, lines, fields present and id positions, which
 *    building the questions needs too (the quiz, an exam);
 *  - one body file per deck file (bank-<dir>.bodies/<file>.json) with the
 *    questions' text, answers, options and content hash.
 *
 * Questions from the cache carry their text as lazy properties: the first
 * read of any of them loads that deck file's bodies (or, if the body file
 * is gone, parses the YAML again), so a session showing three questions
 * never reads the text of the other 9,997. Until then the text fields are
 * inherited getters, so read a field (not a spread copy) to load them; after
 * the load they are ordinary own enumerable properties.
 *
 * An entry is reused only when the file's size and mtime, the registries'
 * sizes and mtimes and the tool version match; anything unreadable is a miss, and a cache
 * that cannot be written is skipped silently.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEX_RENDER_VERSION, rememberRendered } from '../../render/latex';
import type { Question, QuestionType, Section } from '../types';
import { hash64 } from './hash';
import { renderedTexts } from './rendered';
import type { DeckMeta, ParsedDeck } from './parse';
import type { BankProblem } from './problems';
import type { Registry } from './registry';
import type { Pos } from '../../core/yaml';

/** Bump when the parser's output or this file's layout changes. */
// 8: formula keys are checked when a deck is parsed (a cached deck from before was not).
// 9: the content hash is a lazy field and the type an index into the strings (a leaner index).
// 10: problems keep their text in both languages.
// 11: the index holds what a plan needs (ids, tags, sources); the rest is in the detail file.
const FORMAT = 11;

/**
 * The fields loaded lazily, as a bit mask per question (bit i = LAZY[i] present).
 * The content hash is one of them: only a question being shown or recorded
 * needs it, and 10,000 hashes were a third of the index that every start parses.
 */
const LAZY = ['prompt', 'explanation', 'hint', 'answer', 'choices', 'shuffle', 'tolerance', 'relTolerance', 'unit', 'variables', 'display', 'template', 'options', 'count', 'slips', 'diagram', 'blanks', 'hash'] as const;

/**
 * One deck file's questions in columns (index i = the file's i-th question):
 * parsing a few long arrays allocates far less than 10,000 small row arrays,
 * and the tag lists are shared (`tagSet` indexes IndexFile.tagSets).
 */
interface Columns {
  id: string[];
  tagSet: number[];
  /** Index into IndexFile.strings. */
  source: number[];
}

interface FileEntry {
  size: number;
  mtimeMs: number;
  deck: DeckMeta | null;
  /** How many problems the file has (they are in its detail). */
  problems: number;
  cols: Columns;
}

interface IndexFile {
  key: string;
  registry: { sections: Section[]; tags: Array<[string, string]> };
  strings: string[];
  /** Tag lists as indices into `strings`; questions share them. */
  tagSets: number[][];
  files: Record<string, FileEntry>;
}

/** The rest of one deck file's entry, in the detail file (same stamp, same questions). */
interface DetailEntry {
  size: number;
  mtimeMs: number;
  problems: Array<Omit<BankProblem, 'file'>>;
  /** The id positions, flat: line0, col0, line1, col1, ... (only needed to report a duplicate id). */
  idPos: number[];
  cols: {
    /** Index into IndexFile.strings. */
    type: number[];
    line: number[];
    /** Lazy fields present (bit i = LAZY[i]). */
    mask: number[];
  };
}

interface DetailFile {
  key: string;
  files: Record<string, DetailEntry>;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** What the cache gives back for one file: like ParsedDeck, without lint's field positions. */
export type CachedDeck = Omit<ParsedDeck, 'fields'>;

/** One deck file as the index has it (BankCache.columns): index i of each array is its i-th question. */
export interface IndexedDeck {
  deck: DeckMeta | null;
  /** How many problems the file has (a bank with any is loaded in full, to report them). */
  problems: number;
  id: readonly string[];
  source: readonly string[];
  /** Question i's tags (a list shared by the questions that have the same). */
  tags(i: number): string[];
}

/** Re-reads bodies from the YAML when the body file is missing: id -> question. */
export type Reparse = (file: string) => Map<string, Question>;

export class BankCache {
  private dirty = false;
  /** The detail file, once read (a plan never reads it). */
  private details: DetailFile | undefined;
  private readonly pendingBodies = new Map<string, BodyFile>();
  private readonly stringIndex: Map<string, number>;
  private readonly tagSetIndex: Map<string, number>;

  private constructor(
    private readonly path: string | null,
    private readonly data: IndexFile,
  ) {
    this.stringIndex = new Map(data.strings.map((s, i) => [s, i]));
    this.tagSetIndex = new Map(data.tagSets.map((t, i) => [t.join(','), i]));
  }

  /** Opens the cache of one bank directory; `key` covers the tool version and the registries. */
  static open(cacheDir: string | false, bankDir: string, key: string): BankCache {
    const empty: IndexFile = { key, registry: { sections: [], tags: [] }, strings: [], tagSets: [], files: {} };
    if (cacheDir === false) return new BankCache(null, empty);
    const path = join(cacheDir, `bank-${hash64(bankDir)}.json`);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as IndexFile;
      if (data.key === key && data.files && Array.isArray(data.strings) && Array.isArray(data.tagSets)) return new BankCache(path, data);
    } catch {
      // missing or unreadable: start empty
    }
    return new BankCache(path, empty);
  }

  /** The registries stored with this index, when it matched the key and has them. */
  registry(): Registry | undefined {
    const r = this.data.registry;
    if (r.sections.length === 0 && r.tags.length === 0) return undefined;
    return { sections: r.sections, tags: new Map(r.tags) };
  }

  setRegistry(r: Registry): void {
    this.data.registry = { sections: r.sections, tags: [...r.tags] };
    this.dirty = true;
  }

  /** The index entry of `file` when its stamp matches and it is well formed. */
  private entry(file: string, stamp: FileStamp): FileEntry | undefined {
    const e = this.data.files[file];
    return e && e.size === stamp.size && e.mtimeMs === stamp.mtimeMs && wellFormed(e) ? e : undefined;
  }

  /** The detail file, read on first use (an empty one when missing, unreadable or of another key). */
  private detail(): DetailFile {
    if (this.details) return this.details;
    this.details = { key: this.data.key, files: {} };
    if (this.path !== null) {
      try {
        const data = JSON.parse(readFileSync(this.detailPath(), 'utf8')) as DetailFile;
        if (data.key === this.data.key && data.files && typeof data.files === 'object') this.details = data;
      } catch {
        // missing or unreadable: every file is a miss
      }
    }
    return this.details;
  }

  /** The tag list of tag set `i`, shared by every question that has it (`lists` keeps them per call). */
  private tagList(lists: Map<number, string[]>, i: number): string[] {
    let tags = lists.get(i);
    if (!tags) {
      tags = this.data.tagSets[i]!.map((t) => this.data.strings[t]!);
      lists.set(i, tags);
    }
    return tags;
  }

  /**
   * The index's columns of `file` when its stamp matches: its deck, how many
   * problems it has, and its questions' ids, sources and tags, without
   * building questions (a plan over 10,000 questions needs no more).
   */
  columns(file: string, stamp: FileStamp): IndexedDeck | undefined {
    const e = this.entry(file, stamp);
    if (!e) return undefined;
    const strings = this.data.strings;
    const n = e.cols.id.length;
    const source = new Array<string>(n);
    for (let i = 0; i < n; i++) source[i] = strings[e.cols.source[i]!]!;
    const lists = new Map<number, string[]>();
    return { deck: e.deck, problems: e.problems, id: e.cols.id, source, tags: (i) => this.tagList(lists, e.cols.tagSet[i]!) };
  }

  /** The cached parse of `file` when its stamp matches; questions' text loads lazily. */
  get(file: string, stamp: FileStamp, reparse: Reparse): CachedDeck | undefined {
    const e = this.entry(file, stamp);
    if (!e) return undefined;
    const d = this.detail().files[file];
    if (!d || d.size !== stamp.size || d.mtimeMs !== stamp.mtimeMs || !detailFits(d, e.cols.id.length, e.problems)) return undefined;
    const strings = this.data.strings;
    const bodiesPath = this.bodiesPath(file);
    const questions: Question[] = [];
    let loaded = false;
    const load = (): void => {
      if (loaded) return;
      loaded = true;
      const stored = readBodies(bodiesPath, questions.length, e);
      if (stored) rememberRendered(stored.rendered);
      const bodies = stored?.bodies ?? fromYaml(reparse(file), questions);
      questions.forEach((q, i) => {
        const body = bodies[i] ?? {};
        for (const k of LAZY) if ((d.cols.mask[i]! & (1 << LAZY.indexOf(k))) !== 0) setData(q, k, body[k]);
      });
    };
    // The lazy fields are getters on a prototype shared by the questions of one
    // file with the same fields (not own accessors: defining 10,000 objects'
    // accessors costs more than the rest of the load). The first read loads the
    // file's bodies, which become ordinary own properties of every question.
    const protos = new Map<number, object>();
    const protoFor = (mask: number): object => {
      let proto = protos.get(mask);
      if (!proto) {
        const props: PropertyDescriptorMap = {};
        for (let bit = 0; bit < LAZY.length; bit++) {
          const k = LAZY[bit]!;
          if ((mask & (1 << bit)) === 0) continue;
          props[k] = {
            enumerable: true,
            configurable: true,
            get(this: Question): unknown {
              // Read on the prototype itself (a deep-equality walk): not a question.
              if (!Object.prototype.hasOwnProperty.call(this, 'id')) return undefined;
              load();
              return (this as unknown as Record<string, unknown>)[k];
            },
            set(this: Question, v: unknown): void {
              load();
              setData(this, k, v);
            },
          };
        }
        proto = Object.create(Object.prototype, props) as object;
        protos.set(mask, proto);
      }
      return proto;
    };
    const c = e.cols;
    const dc = d.cols;
    const tagLists = new Map<number, string[]>();
    for (let i = 0; i < c.id.length; i++) {
      const q = Object.create(protoFor(dc.mask[i]!)) as Record<string, unknown>;
      const tags = this.tagList(tagLists, c.tagSet[i]!);
      q.id = c.id[i];
      q.type = strings[dc.type[i]!] as QuestionType;
      q.deck = '';
      q.tags = tags;
      q.source = strings[c.source[i]!]!;
      q.file = file;
      q.line = dc.line[i];
      questions.push(q as unknown as Question);
    }
    const flat = d.idPos;
    return {
      file,
      ...(e.deck ? { deck: e.deck } : {}),
      questions,
      get idPos(): Pos[] {
        return questions.map((_, i) => [flat[2 * i]!, flat[2 * i + 1]!] as Pos);
      },
      problems: d.problems.map((p) => ({ ...p, file })),
    };
  }

  set(file: string, stamp: FileStamp, parsed: ParsedDeck): void {
    const cols: Columns = { id: [], tagSet: [], source: [] };
    const rest: DetailEntry['cols'] = { type: [], line: [], mask: [] };
    const bodies: Array<Record<string, unknown>> = [];
    for (const q of parsed.questions) {
      const body: Record<string, unknown> = {};
      let mask = 0;
      const rec = q as unknown as Record<string, unknown>;
      LAZY.forEach((k, bit) => {
        if (rec[k] !== undefined) {
          mask |= 1 << bit;
          body[k] = rec[k];
        }
      });
      cols.id.push(q.id);
      cols.tagSet.push(this.internTags(q.tags.map((t) => this.intern(t))));
      cols.source.push(this.intern(q.source));
      rest.type.push(this.intern(q.type));
      rest.line.push(q.line);
      rest.mask.push(mask);
      bodies.push(body);
    }
    const problems = parsed.problems.map(({ file: _f, ...p }) => p);
    this.data.files[file] = { size: stamp.size, mtimeMs: stamp.mtimeMs, deck: parsed.deck ?? null, problems: problems.length, cols };
    this.detail().files[file] = { size: stamp.size, mtimeMs: stamp.mtimeMs, problems, idPos: parsed.idPos.flat(), cols: rest };
    this.pendingBodies.set(file, { size: stamp.size, mtimeMs: stamp.mtimeMs, bodies, rendered: renderedTexts(parsed.questions) });
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist. */
  retain(files: Set<string>): void {
    for (const f of Object.keys(this.data.files)) {
      if (!files.has(f)) {
        delete this.data.files[f];
        if (this.details) delete this.details.files[f];
        this.dirty = true;
      }
    }
  }

  /** Writes body files, then the index, each atomically. */
  save(): void {
    if (!this.dirty || this.path === null) return;
    try {
      mkdirSync(this.bodiesDir(), { recursive: true });
      for (const [file, bodies] of this.pendingBodies) writeAtomic(this.bodiesPath(file), JSON.stringify(bodies));
      // The detail first: an index is only used with a detail of the same stamps (else that file is read again).
      if (this.details) writeAtomic(this.detailPath(), asciiJson(this.details));
      writeAtomic(this.path, asciiJson(this.data));
      this.pendingBodies.clear();
      this.dirty = false;
    } catch {
      // the cache is an optimisation only
    }
  }

  private intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.data.strings.length;
      this.data.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  private internTags(tags: number[]): number {
    const key = tags.join(',');
    let i = this.tagSetIndex.get(key);
    if (i === undefined) {
      i = this.data.tagSets.length;
      this.data.tagSets.push(tags);
      this.tagSetIndex.set(key, i);
    }
    return i;
  }

  private detailPath(): string {
    return (this.path ?? '').replace(/\.json$/, '.detail.json');
  }

  private bodiesDir(): string {
    return `${this.path ?? ''}.bodies`;
  }

  private bodiesPath(file: string): string {
    return join(this.bodiesDir(), `${hash64(file)}.json`);
  }
}

/** An entry whose columns line up (one value per question each): anything else is a miss, not trusted. */
function wellFormed(e: FileEntry): boolean {
  const c = e.cols;
  if (!c || !Array.isArray(c.id) || typeof e.problems !== 'number') return false;
  return [c.tagSet, c.source].every((col) => Array.isArray(col) && col.length === c.id.length);
}

/** A detail entry for `n` questions and `problems` problems, its columns lined up. */
function detailFits(d: DetailEntry, n: number, problems: number): boolean {
  const c = d.cols;
  if (!c || !Array.isArray(d.idPos) || d.idPos.length !== 2 * n || !Array.isArray(d.problems) || d.problems.length !== problems) return false;
  return [c.type, c.line, c.mask].every((col) => Array.isArray(col) && col.length === n);
}

function setData(q: Question, key: string, value: unknown): void {
  Object.defineProperty(q, key, { value, enumerable: true, configurable: true, writable: true });
}

/**
 * A body file: the questions' lazy fields in order, and their LaTeX texts
 * rendered, stamped with the deck file it was made from (two processes
 * caching different versions of a file at once must not mix index and bodies).
 */
interface BodyFile extends FileStamp {
  bodies: Array<Record<string, unknown>>;
  rendered: Record<string, string>;
}

function readBodies(path: string, count: number, stamp: FileStamp): BodyFile | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as BodyFile;
    const same = data.size === stamp.size && data.mtimeMs === stamp.mtimeMs;
    return same && Array.isArray(data.bodies) && data.bodies.length === count && data.rendered ? data : undefined;
  } catch {
    return undefined;
  }
}

function fromYaml(fresh: Map<string, Question>, questions: Question[]): Array<Record<string, unknown>> {
  return questions.map((q) => (fresh.get(q.id) ?? {}) as unknown as Record<string, unknown>);
}

/**
 * JSON with every character beyond ASCII written as a \u escape: the index is read
 * on every start, and an ASCII file is read and parsed as one-byte text
 * (a deck title in Chinese made the whole 400 KB index of 10,000 questions
 * two-byte text, a quarter slower to read).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The cache key: cache format, tool version and the registries' stamps. */
export function cacheKey(toolVersion: string, registryStamps: string): string {
  return `${FORMAT}.${LATEX_RENDER_VERSION}:${toolVersion}:${hash64(registryStamps)}`;
}
