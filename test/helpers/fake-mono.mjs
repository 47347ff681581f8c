/**
 * Preloaded into a spawned dlnotes (`node --import <this> bin/dlnotes.js …`)
 * to give it a monotonic clock the test drives: process.hrtime.bigint()
 * returns the milliseconds written in the file DLNOTES_TEST_MONO_FILE. The
 * exam's time limit reads that clock (src/quiz/exam/runner.ts monoMs), so a
 * test can let time run out between two answers without sleeping, however
 * loaded the machine is.
 */
import { readFileSync } from 'node:fs';

const file = process.env.DLNOTES_TEST_MONO_FILE;
if (file) {
  process.hrtime.bigint = () => BigInt(readFileSync(file, 'utf8').trim()) * 1_000_000n;
}
