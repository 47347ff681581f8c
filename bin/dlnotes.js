#!/usr/bin/env node
'use strict';
/*
 * Start-up is a feature (docs/DESIGN: a calculator within 1.3x bare node).
 *
 * This file is CommonJS (bin/package.json): a process that starts with an ES
 * module pays for Node's ESM loader, a few milliseconds of every command.
 *
 * Most of what dlnotes adds to a bare `node` start is V8 compiling its
 * bundles. Node 20 compiles every script from source on every run (Node 22
 * can keep a compile cache; 20 cannot), so this loader runs dlnotes' own
 * CommonJS bundles (dist/cli.js and dist/light, lazy and cmd) through
 * vm.Script with a V8 code cache: after a run that compiled a bundle, the
 * code V8 made for it is written to the user's cache directory, and later
 * runs start from it.
 *
 * A cache file is named after the bundle's size, modification and change
 * times and inode (V8 itself checks only the source's length, the V8 version
 * and flags), so a rebuilt or edited bundle never runs stale code; a cache
 * V8 rejects is rewritten; any failure to read or write the cache (a read-only
 * home, a full disk) only means compiling from source, as without it.
 * DLNOTES_NO_CODE_CACHE=1 turns it off.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const nodeRequire = createRequire(path.join(dist, 'cli.js'));

/** $DLNOTES_HOME/cache/v8, else the platform's cache directory (as env-paths names it)/dlnotes/v8. */
function cacheDirectory(env) {
  if (env.DLNOTES_NO_CODE_CACHE && env.DLNOTES_NO_CODE_CACHE !== '0') return undefined;
  if (env.DLNOTES_HOME) return path.join(env.DLNOTES_HOME, 'cache', 'v8');
  const home = require('node:os').homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'dlnotes', 'v8');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'dlnotes', 'Cache', 'v8');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'dlnotes', 'v8');
}

const cacheDir = cacheDirectory(process.env);
const modules = new Map();
/** Bundles compiled from source this run: [script, cache file, its name's prefix], written after the run. */
const compiled = [];

/** A short hash of where this copy of dlnotes is: two checkouts keep their caches apart. */
let place = 0;
for (let i = 0; i < dist.length; i++) place = (Math.imul(place, 31) + dist.charCodeAt(i)) >>> 0;
/** dist/light/conv.js -> light-conv-<place>, node_modules/katex/dist/katex.js -> node_modules-katex-dist-katex-<place>: the prefix of its cache files. */
const cacheName = (file) => `${path.relative(dist, file).replace(/^(\.\.[\\/])+/, '').replace(/\.js$/, '').replace(/[\\/]/g, '-')}-${place.toString(36)}`;

/** Loads one of dlnotes' CommonJS bundles, from the code cache when it has one. */
function load(file) {
  const known = modules.get(file);
  if (known) return known.exports;
  const module = { exports: {}, filename: file, id: file, loaded: false };
  modules.set(file, module);
  const source = fs.readFileSync(file, 'utf8');
  let cacheFile;
  let cachedData;
  if (cacheDir !== undefined) {
    const st = fs.statSync(file);
    const name = cacheName(file);
    cacheFile = path.join(cacheDir, `${name}-${st.size}-${st.mtimeMs}-${st.ctimeMs}-${st.ino}-${process.version}-${process.arch}.v8`);
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) compiled.push([script, cacheFile, cacheName(file)]);
  const dir = path.dirname(file);
  const localRequire = (id) => {
    if (!id.startsWith('.')) return nodeRequire(id);
    const target = path.resolve(dir, id);
    return target.startsWith(dist + path.sep) ? load(target) : nodeRequire(target);
  };
  script.runInThisContext().call(module.exports, module.exports, localRequire, module, file, dir);
  module.loaded = true;
  return module.exports;
}

/**
 * A cache must never take the space a student's answers need: it is written
 * only where at least 64 MiB are free (checked on the nearest directory that
 * exists, before making any).
 */
function roomFor(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const st = fs.statfsSync(d);
      return st.bavail * st.bsize >= 64 * 1024 * 1024;
    } catch {
      if (path.dirname(d) === d) return false;
    }
  }
}

/** Writes the code V8 made for the bundles compiled this run (atomically: a rename), and drops older ones. */
function saveCodeCache() {
  if (compiled.length === 0 || !roomFor(cacheDir)) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch {
    return;
  }
  let old = [];
  try {
    old = fs.readdirSync(cacheDir);
  } catch {
    old = [];
  }
  for (const [script, cacheFile, name] of compiled) {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
      for (const f of old) if (f.startsWith(`${name}-`) && path.join(cacheDir, f) !== cacheFile && f.endsWith('.v8')) fs.rmSync(path.join(cacheDir, f), { force: true });
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // a stray .tmp file in the cache directory is harmless
      }
    }
  }
}

// A package dlnotes requires at run time as one file of JavaScript (KaTeX's
// parser: src/render/latex.ts) comes through the code cache too.
if (cacheDir !== undefined) {
  globalThis[Symbol.for('dlnotes.require')] = (id) => {
    const file = nodeRequire.resolve(id);
    return file.endsWith('.js') ? load(file) : nodeRequire(id);
  };
}

const entry = path.join(dist, 'cli.js');
const { main } = cacheDir === undefined ? require(entry) : load(entry);

/**
 * Ends the process once the command is done and nothing is left to do: no
 * open handle or pending request, and nothing unwritten on stdout or stderr.
 * Left to end by itself, Node first finishes V8's background work, which no
 * one will use (a garbage collection started by the heap's growth, code
 * being optimised): tens of milliseconds after a plan over 10,000 questions.
 * When something is still pending, the process ends as usual, after it.
 */
function exitWhenIdle(code) {
  if (process.getActiveResourcesInfo().length > 0) return;
  for (const name of opened) if (process[name].writableLength > 0) return;
  process.exit(code);
}

/**
 * process.stdout and process.stderr this run has used. dlnotes writes with
 * fs.writeSync (src/commands/output.ts), and making a stream object loads a
 * few of Node's modules (about 15 million instructions): a stream nothing
 * asked for has nothing unwritten, so exitWhenIdle does not make it.
 */
const opened = new Set();
for (const name of ['stdout', 'stderr']) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (!d || typeof d.get !== 'function' || !d.configurable) {
    opened.add(name);
    continue;
  }
  Object.defineProperty(process, name, {
    ...d,
    get() {
      opened.add(name);
      return d.get.call(this);
    },
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
  try {
    if (cacheDir !== undefined) saveCodeCache();
  } catch {
    // A cache that cannot be written changes nothing a student sees.
  }
  exitWhenIdle(code);
});
