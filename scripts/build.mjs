// Bundles the CLI into dist/ for a fast start (startup speed is a feature).
//
//  dist/cli.js            the commander registry in ONE file; every subcommand is a dynamic import
//  dist/light/<cmd>.js    each calculator in ONE self-contained file (conv, pool, rf, loss, ...)
//  dist/lazy/<part>.js    parts a calculator loads only on request (YAML specs, plots, mathjs)
//  dist/cmd/<cmd>.js      the other commands (quiz engine, bank, backprop, check) and their
//                         shared chunks, split by esbuild
//
// Why the light bundles: with plain code splitting, the small modules the
// calculators share end up in a dozen tiny chunks, and loading an ES module
// costs more than parsing its few kilobytes. One file per calculator keeps a
// calculator's start within 1.3x of bare Node. For the same reason the entry
// point is one file: it shares no chunk with the commands. The copies of shared
// modules in the bundles are harmless: errors answer `instanceof` by a brand
// (src/core/brand.ts) and the decisions of the entry point (colour, language,
// width, the registry) live on the global object (src/render/style.ts, lang.ts,
// width.ts, src/registry-access.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

/** Calculators bundled one file each (src/commands/<name>.ts). */
const LIGHT = ['conv', 'pool', 'params', 'rf', 'loss', 'act', 'bn', 'knn', 'gate', 'matmul', 'lr', 'optim', 'summary', 'net', 'diagram'];
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
};

const lightSources = new Map(LIGHT.map((n) => [join(src, 'commands', `${n}.ts`), n]));
const lazySources = new Map(Object.entries(LAZY).map(([f, n]) => [join(src, f), n]));

/** The source file a relative import points at. */
function sourceOf(args) {
  const base = resolve(args.resolveDir, args.path);
  return base.endsWith('.ts') ? base : `${base}.ts`;
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  // (commander: events, child_process, fs, path, process). process.getBuiltinModule
  // (Node >= 20.16) hands them over without loading the 'module' package.
  banner: { js: 'const require = (id) => process.getBuiltinModule(id);' },
  // Native addon: must be loaded from node_modules at run time.
  external: ['better-sqlite3'],
  legalComments: 'none',
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
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

/**
 * Node built-ins through process.getBuiltinModule, never as ES modules: an ESM
 * `import … from 'node:fs'` (or 'node:process', as env-paths does) builds the
 * module's ESM facade, which reads every lazy property and so loads Node's
 * streams, a few milliseconds of every start. As a CommonJS shim, esbuild
 * reads the named imports as properties where they are used.
 */
const builtinShims = {
  name: 'builtin-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, (args) => {
      const id = args.path.replace(/^node:/, '');
      if (!isBuiltin(id) || args.kind === 'require-call') return undefined;
      return { path: id, namespace: 'builtin-shim' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-shim' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

/** A command module's name in dist/cmd: src/commands/bank/list.ts -> bank-list. */
const cmdName = (file) => file.slice(join(src, 'commands').length + 1).replace(/\.ts$/, '').replace(/[\\/]/g, '-');

/** The other commands the entry point imports, found while building it (the entries of the split build). */
const commandSources = new Map();

/**
 * In the entry point, a light calculator is the file dist/light/<name>.js and
 * any other command dist/cmd/<name>.js; in the split build (from dist/cmd/),
 * a light calculator is ../light/<name>.js.
 */
const toCommands = (fromEntry) => ({
  name: 'to-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = sourceOf(args);
      const light = lightSources.get(file);
      if (light) return { path: `${fromEntry ? './light/' : '../light/'}${light}.js`, external: true };
      if (fromEntry && args.kind === 'dynamic-import' && file.startsWith(join(src, 'commands'))) {
        commandSources.set(file, cmdName(file));
        return { path: `./cmd/${cmdName(file)}.js`, external: true };
      }
      return undefined;
    });
    // chalk loads only when colour is on (src/render/style.ts): from node_modules, not bundled.
    b.onResolve({ filter: /^chalk$/ }, (args) => (args.kind === 'dynamic-import' ? { path: 'chalk', external: true } : undefined));
  },
});

/** In a light bundle, a lazily loaded part is the file dist/lazy/<name>.js; chalk stays a package. */
const toLazy = (prefix) => ({
  name: 'to-lazy',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = lazySources.get(sourceOf(args));
      return name ? { path: `${prefix}${name}.js`, external: true } : undefined;
    });
    // The copy of render/style.ts in a light bundle never loads chalk (the entry point does).
    b.onResolve({ filter: /^chalk$/ }, (args) => (args.kind === 'dynamic-import' ? { path: 'chalk', external: true } : undefined));
  },
});

// The entry point first: it finds the commands the split build starts from.
await build({
  ...common,
  entryPoints: [join(src, 'cli.ts')],
  outdir: dist,
  plugins: [builtinShims, lazyChildProcess, toCommands(true)],
});

await Promise.all([
  build({
    ...common,
    entryPoints: Object.fromEntries([...commandSources].map(([file, n]) => [n, file])),
    outdir: join(dist, 'cmd'),
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [builtinShims, toCommands(false)],
  }),
  build({
    ...common,
    entryPoints: Object.fromEntries(LIGHT.map((n) => [n, join(src, 'commands', `${n}.ts`)])),
    outdir: join(dist, 'light'),
    plugins: [builtinShims, toLazy('../lazy/')],
  }),
  build({
    ...common,
    entryPoints: Object.fromEntries([...lazySources].map(([file, n]) => [n, file])),
    outdir: join(dist, 'lazy'),
    plugins: [builtinShims, toLazy('./')],
  }),
]);
