/**
 * Calculators with one quantity per step or epoch (w1, w2, ..., lr0 ... lr100)
 * would list hundreds of names when a student mistypes one. This checks the
 * names first and lists them compactly ("w, w1…w20, m, m1…m20").
 */
import { parseAssignments } from '../core/answer';
import type { Quantity } from '../core/check';
import { msg } from '../core/text';
import { UsageError } from '../errors';

/** The texts of the name check, in both languages. */
const M = {
  unknown: msg((key: string, known: string) => `--answer: cannot check "${key}" here; checkable: ${known}`, (key, known) => `--answer：这里不能检查 "${key}"；可检查：${known}`),
};

/** "w, w1…w20, m, m1…m20": the checkable names, numbered runs collapsed. */
export function summarizeKeys(quantities: Record<string, Quantity>): string {
  const out: string[] = [];
  const runs = new Map<string, { lo: number; hi: number; at: number }>();
  for (const key of Object.keys(quantities)) {
    const m = /^([a-z_]*[a-z_])(\d+)$/.exec(key);
    if (!m) {
      out.push(key);
      continue;
    }
    const i = Number(m[2]);
    const run = runs.get(m[1]!);
    if (run) {
      run.lo = Math.min(run.lo, i);
      run.hi = Math.max(run.hi, i);
    } else {
      runs.set(m[1]!, { lo: i, hi: i, at: out.length });
      out.push(m[1]!);
    }
  }
  return out
    .map((name, idx) => {
      const run = [...runs.entries()].find(([, r]) => r.at === idx);
      if (!run) return name;
      const [prefix, r] = run;
      return r.lo === r.hi ? `${prefix}${r.lo}` : `${prefix}${r.lo}…${prefix}${r.hi}`;
    })
    .join(', ');
}

/** Throws a one-line UsageError when a named answer uses a name `quantities` does not have. */
export function checkAnswerKeys(text: string, quantities: Record<string, Quantity>): void {
  if (!/^[A-Za-z_][\w.]*\s*=/.test(text.trim())) return;
  const named = parseAssignments(text);
  if (!named) return;
  for (const key of named.keys()) {
    const k = key.toLowerCase();
    const known = Object.hasOwn(quantities, k) || Object.values(quantities).some((q) => q.aliases?.includes(k));
    if (!known) throw new UsageError(M.unknown(key, summarizeKeys(quantities)), 'answer');
  }
}
