/**
 * What commands may ask of the command registry (src/cli.ts) without
 * importing it: the entry point hands it over when it starts. Importing
 * src/cli.ts from a command would make the bundler move the entry point into
 * a shared chunk, an extra module load on every start.
 */
type CommandFlags = (path: string) => string[] | undefined;

const KEY = Symbol.for('dlnotes.commandFlags');
const shared = globalThis as { [KEY]?: CommandFlags };

export function provideCommandFlags(fn: CommandFlags): void {
  shared[KEY] = fn;
}

/** The long flag names of a command ("conv", "backprop matmul"); undefined for an unknown one. */
export function commandFlags(path: string): string[] | undefined {
  const fn = shared[KEY];
  if (!fn) throw new Error('internal: the command registry was not provided (src/cli.ts main)');
  return fn(path);
}
