/** The question text for exams and drills. Pure. */
import type { Presented } from '../types';
import { letter } from '../session/render';
import { termWidth } from '../../render/width';
import { wrapProse } from '../../render/wrap';

/** The prompt, with the choices listed when `withChoices` (line mode; the interactive select shows them itself). */
export function renderPrompt(p: Presented, withChoices: boolean): string {
  const lines = [p.prompt];
  if (withChoices && p.mode.kind === 'choice') lines.push(...p.mode.choices.map((c, i) => `  ${letter(i)}) ${c}`));
  return wrapProse(lines.join('\n'), termWidth());
}
