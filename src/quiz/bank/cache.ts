/**
 * A cache of parsed deck files, one JSON file per bank directory, so a
 * student's bank of thousands of questions loads without parsing YAML again.
 * An entry is reused only when the file's size and mtime, the registries
 * (tags and sections) and the tool version all match; anything unreadable
 * is simply a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedDeck } from './parse';

/** Bump when the parser's output changes shape or meaning. */
const FORMAT = 1;

/** What is cached for one file: everything but lint's per-field positions. */
export type CachedDeck = Omit<ParsedDeck, 'fields'>;

interface Entry {
  size: number;
  mtimeMs: number;
  parsed: CachedDeck;
}

interface CacheFile {
  key: string;
  files: Record<string, Entry>;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export class BankCache {
  private readonly files: Record<string, Entry>;
  private dirty = false;

  private constructor(private readonly path: string | null, private readonly key: string, files: Record<string, Entry>) {
    this.files = files;
  }

  /** Opens the cache of one bank directory; `key` covers the tool version and the registries. */
  static open(cacheDir: string | false, bankDir: string, key: string): BankCache {
    if (cacheDir === false) return new BankCache(null, key, {});
    const path = join(cacheDir, `bank-${createHash('sha256').update(bankDir).digest('hex').slice(0, 16)}.json`);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (data.key === key && data.files && typeof data.files === 'object') return new BankCache(path, key, data.files);
    } catch {
      // missing or unreadable: start empty
    }
    return new BankCache(path, key, {});
  }

  get(file: string, stamp: FileStamp): CachedDeck | undefined {
    const e = this.files[file];
    return e && e.size === stamp.size && e.mtimeMs === stamp.mtimeMs ? e.parsed : undefined;
  }

  set(file: string, stamp: FileStamp, parsed: ParsedDeck): void {
    const { fields: _fields, ...cached } = parsed;
    this.files[file] = { size: stamp.size, mtimeMs: stamp.mtimeMs, parsed: cached };
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist. */
  retain(files: Set<string>): void {
    for (const f of Object.keys(this.files)) {
      if (!files.has(f)) {
        delete this.files[f];
        this.dirty = true;
      }
    }
  }

  /** Writes the cache atomically; a cache that cannot be written (read-only disk) is skipped silently. */
  save(): void {
    if (!this.dirty || this.path === null) return;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key: this.key, files: this.files } satisfies CacheFile));
      renameSync(tmp, this.path);
      this.dirty = false;
    } catch {
      // the cache is an optimisation only
    }
  }
}

/** The cache key: cache format, tool version and the registries' content. */
export function cacheKey(toolVersion: string, registryText: string): string {
  return `${FORMAT}:${toolVersion}:${createHash('sha256').update(registryText).digest('hex').slice(0, 16)}`;
}
