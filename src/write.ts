/**
 * Writing to stdout and stderr with fs.writeSync on the file descriptors.
 * Touching process.stdout makes Node build a stream object and load its whole
 * streams machinery, a few milliseconds of every calculator's start-up; a
 * calculator prints once and exits, so a plain synchronous write is enough.
 * (Interactive commands that use @inquirer's prompts use the streams anyway.)
 */
import { builtin } from './builtin';

const { writeSync } = builtin('fs');

let pause: Int32Array | undefined;

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Output piped into a program that stopped reading (| head): stop quietly.
      if (code === 'EPIPE') process.exit(0);
      // A non-blocking pipe that is full: wait a moment and go on.
      if (code === 'EAGAIN') {
        pause ??= new Int32Array(new SharedArrayBuffer(4));
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      throw e;
    }
  }
}

export function writeOut(text: string): void {
  writeAll(1, text);
}

export function writeErr(text: string): void {
  writeAll(2, text);
}
