// Bundles the CLI into dist/ for a fast start (startup speed is a feature).
// Every file is CommonJS (see `cjs` below); bin/dlnotes.js runs them from a V8 code cache.
//
//  dist/cli.js            the commander registry in ONE file; every subcommand is required lazily
//  dist/light/<cmd>.js    each calculator in ONE self-contained file (conv, pool, rf, loss, ...)
//  dist/lazy/<part>.js    parts a calculator loads only on request (YAML specs, plots, the --f objective)
//  dist/cmd/<cmd>.js      each other command (quiz engine, bank, backprop, check) in ONE file
//
// Why one file per command: shared chunks would be many small modules, and
// loading a module costs more than parsing its few kilobytes; with the code
// cache, the size of a bundle costs little. One file per calculator keeps a
// calculator's start within 1.3x of bare Node. For the same reason the entry
// point is one file: it shares no chunk with the commands. The copies of shared
// modules in the bundles are harmless: errors answer `instanceof` by a brand
// (src/core/brand.ts) and the decisions of the entry point (colour, language,
// width, the registry) live on the global object (src/render/style.ts, lang.ts,
// width.ts, src/registry-access.ts).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

/** Calculators bundled one file each (src/commands/<name>.ts). */
const LIGHT = ['conv', 'pool', 'params', 'rf', 'loss', 'act', 'bn', 'knn', 'gate', 'matmul', 'lr', 'optim', 'summary', 'net', 'diagram', 'iou', 'nms', 'box', 'roi', 'anchors', 'ap', 'map', 'miou', 'rnn', 'attention'];
/** What the light calculators import lazily: source (under src/) -> dist/lazy/<name>.js. */
const LAZY = {
  'core/spec-yaml.ts': 'spec-yaml',
  'core/objective.ts': 'objective',
  'render/chart.ts': 'chart',
  'render/act-plot.ts': 'act-plot',
  'core/net/explain.ts': 'net-explain',
  'core/net/cs231n.ts': 'net-cs231n',
  'render/cs231n.ts': 'render-cs231n',
  'render/diagram-svg.ts': 'diagram-svg',
  'commands/ap-files.ts': 'ap-files',
};

const lightSources = new Map(LIGHT.map((n) => [join(src, 'commands', `${n}.ts`), n]));
const lazySources = new Map(Object.entries(LAZY).map(([f, n]) => [join(src, f), n]));

/** The source file a relative import points at. */
function sourceOf(args) {
  const base = resolve(args.resolveDir, args.path);
  return base.endsWith('.ts') ? base : `${base}.ts`;
}

/**
 * Every bundle is CommonJS: a process whose first module is an ES module pays
 * for Node's ESM loader (about 7 ms here, 6% of a calculator's whole run), a
 * CommonJS one does not; and bin/dlnotes.js can give CommonJS bundles a code
 * cache. dist/package.json says so. import.meta.url (createRequire of a
 * package loaded from node_modules) is the bundle's own file URL.
 */
const cjs = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__import_meta_url' },
  // Native addons: fsrs-rs (dlnotes optimize) is loaded from node_modules at run time. better-sqlite3's
  // JavaScript is bundled (code-cached with the rest) and its addon (.node) loaded by path (src/quiz/store/sqlite.ts).
  external: ['@open-spaced-repetition/binding', '*.node'],
  legalComments: 'none',
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
};

/**
 * In a CommonJS bundle, a dynamic import of another bundle (a calculator from
 * the entry point, a lazy part, chalk) becomes require(): import() would start
 * the ESM loader that CommonJS output avoids. The import resolves to a small
 * module in the `cjs-require` namespace whose require() of the file is external.
 */
const requireExternal = (path) => ({ path, namespace: 'cjs-require' });
const cjsRequire = {
  name: 'cjs-require',
  setup(b) {
    b.onLoad({ filter: /.*/, namespace: 'cjs-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    b.onResolve({ filter: /.*/, namespace: 'cjs-require' }, (args) => ({ path: args.path, external: true }));
    // The native addons, imported lazily, are CommonJS packages: required too.
    b.onResolve({ filter: /^(better-sqlite3|@open-spaced-repetition\/binding)$/ }, (args) => (args.kind === 'dynamic-import' ? requireExternal(args.path) : undefined));
  },
};

/**
 * commander requires node:child_process at load time but uses it only for
 * executable subcommands, which dlnotes does not have. Loading it costs a few
 * milliseconds of every start, so commander gets a proxy that loads the real
 * module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'lazy-child-process', namespace: 'dlnotes-shim' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'dlnotes-shim' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

/** A command module's name in dist/cmd: src/commands/bank/list.ts -> bank-list. */
const cmdName = (file) => file.slice(join(src, 'commands').length + 1).replace(/\.ts$/, '').replace(/[\\/]/g, '-');

/** The other commands the entry point imports, found while building it (the entries of the dist/cmd build). */
const commandSources = new Map();

/**
 * In the entry point, a light calculator is the file dist/light/<name>.js and
 * any other command dist/cmd/<name>.js; in the dist/cmd build,
 * a light calculator is ../light/<name>.js.
 */
const toCommands = (fromEntry) => ({
  name: 'to-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = sourceOf(args);
      const light = lightSources.get(file);
      if (light) return requireExternal(`${fromEntry ? './light/' : '../light/'}${light}.js`);
      if (fromEntry && args.kind === 'dynamic-import' && file.startsWith(join(src, 'commands'))) {
        commandSources.set(file, cmdName(file));
        return requireExternal(`./cmd/${cmdName(file)}.js`);
      }
      return undefined;
    });
    // chalk loads only when colour is on (src/render/style.ts): dist/lazy/chalk.js.
    b.onResolve({ filter: /^chalk$/ }, (args) => (args.kind === 'dynamic-import' ? requireExternal(fromEntry ? './lazy/chalk.js' : '../lazy/chalk.js') : undefined));
  },
});

/** In a light bundle, a lazily loaded part is the file dist/lazy/<name>.js; chalk stays a package. */
const toLazy = (prefix) => ({
  name: 'to-lazy',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = lazySources.get(sourceOf(args));
      return name ? requireExternal(`${prefix}${name}.js`) : undefined;
    });
    // The copy of render/style.ts in a light bundle never loads chalk (the entry point does).
    b.onResolve({ filter: /^chalk$/ }, (args) => (args.kind === 'dynamic-import' ? requireExternal(`${prefix}chalk.js`) : undefined));
  },
});

// The entry point first: it finds the commands the dist/cmd build starts from.
await build({
  ...cjs,
  entryPoints: [join(src, 'cli.ts')],
  outdir: dist,
  plugins: [lazyChildProcess, cjsRequire, toCommands(true)],
});

await Promise.all([
  build({
    ...cjs,
    entryPoints: Object.fromEntries([...commandSources].map(([file, n]) => [n, file])),
    outdir: join(dist, 'cmd'),
    plugins: [cjsRequire, toCommands(false)],
  }),
  build({
    ...cjs,
    entryPoints: Object.fromEntries(LIGHT.map((n) => [n, join(src, 'commands', `${n}.ts`)])),
    outdir: join(dist, 'light'),
    plugins: [cjsRequire, toLazy('../lazy/')],
  }),
  build({
    ...cjs,
    // chalk (ESM only) as a CommonJS file, loaded when colour is on.
    entryPoints: { ...Object.fromEntries([...lazySources].map(([file, n]) => [n, file])), chalk: 'chalk' },
    outdir: join(dist, 'lazy'),
    plugins: [cjsRequire, toLazy('./')],
  }),
]);

writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

/**
 * Every bundle as ASCII: esbuild escapes strings but leaves a regular
 * expression's characters as they are (年, →, 字节), and one character beyond
 * ASCII makes Node read the whole file as two-byte text, twice the memory for
 * the source and its wrapped copy (and memory first touched is what a start
 * pays for most here). A character beyond ASCII becomes a \u escape, which
 * means the same in a string, a template (dlnotes reads no template's raw
 * text), a regular expression (a surrogate pair too, with the u flag) and an
 * identifier; an identity escape of one (\→) becomes that escape alone.
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) =>
    `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
for (const ent of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!ent.isFile() || !ent.name.endsWith('.js')) continue;
  const file = join(ent.parentPath ?? ent.path, ent.name);
  const code = readFileSync(file, 'utf8');
  const ascii = asciiOnly(code);
  if (ascii !== code) writeFileSync(file, ascii);
}
