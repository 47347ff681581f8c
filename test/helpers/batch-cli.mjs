/**
 * Runs many dlnotes commands in one Node process through the built entry
 * point (dist/cli.js `main`, what bin/dlnotes.js calls), so a test can check
 * hundreds of commands without paying a process start for each. Reads a JSON
 * array of argument lists (without "dlnotes") on stdin; for each, prints a
 * marker line on stdout and stderr, the command's own output (dlnotes writes
 * synchronously to the file descriptors, so nothing interleaves), then its
 * exit code. test/helpers/cli.ts `dlnotesBatch` splits the result.
 */
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [dist, marker] = process.argv.slice(2);
const { main } = await import(pathToFileURL(dist).href);
const commands = JSON.parse(readFileSync(0, 'utf8'));
for (const [i, args] of commands.entries()) {
  writeSync(1, `\n${marker} ${i}\n`);
  writeSync(2, `\n${marker} ${i}\n`);
  let code;
  try {
    code = await main(['node', 'dlnotes', ...args]);
  } catch (e) {
    writeSync(2, `batch-cli: ${e?.stack ?? e}\n`);
    code = 70;
  }
  writeSync(1, `\n${marker} exit ${code}\n`);
}
