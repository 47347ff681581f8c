/**
 * Node built-ins for the start-up path. An ESM `import ... from 'node:fs'`
 * builds fs's ESM facade, which reads every lazy property of the module and so
 * loads Node's streams; process.getBuiltinModule (Node >= 20.16) returns the
 * module itself.
 */
import type * as Fs from 'node:fs';

interface Builtins {
  fs: typeof Fs;
}

export function builtin<K extends keyof Builtins>(id: K): Builtins[K] {
  return process.getBuiltinModule(`node:${id}`) as Builtins[K];
}
