// Bundles src/cli.ts into dist/ with code splitting: the entry chunk holds only
// the commander registry, and each subcommand's code is a separate chunk that
// is loaded when that subcommand runs (startup speed is a feature).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

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

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addon: must be loaded from node_modules at run time.
  external: ['better-sqlite3'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  // (commander: events, child_process, fs, path, process). process.getBuiltinModule
  // (Node >= 20.16) hands them over without loading the 'module' package.
  banner: {
    js: 'const require = (id) => process.getBuiltinModule(id);',
  },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
  minifySyntax: true,
  minifyWhitespace: true,
  metafile: false,
});
