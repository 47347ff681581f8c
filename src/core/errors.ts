import { brandCheck } from './brand';
import { tr, type Text } from './text';

/**
 * An input that no formula can accept (zero stride, a kernel larger than the
 * padded input, channels not divisible by groups). `field` is the logical
 * input name ("s", "p", "groups", ...): a command maps it to its flag, a spec
 * reader to the file position, so the user learns exactly what to change.
 * `message` is the English text; `text` holds both languages.
 */
const INPUT: unique symbol = Symbol.for('dlnotes.InputError');

export class InputError extends Error {
  readonly [INPUT] = true;
  readonly text: Text;
  static override [Symbol.hasInstance](x: unknown): boolean {
    return brandCheck(InputError, this, INPUT, x);
  }
  constructor(readonly field: string, message: Text) {
    super(tr(message, 'en'));
    this.text = message;
    this.name = 'InputError';
  }
}
