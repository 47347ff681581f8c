/** Reading a layer stack from --layers or --spec, shared by the commands that take one. */
import { readUserText } from '../read-text';
import { parseInlineLayers, SpecError, type NetSpec } from '../core/spec';
import { UsageError } from '../errors';

/** Reads a spec file; YAML is parsed by core/spec-yaml.ts, imported only here (the yaml package is not small). */
export async function readSpecFile(path: string): Promise<NetSpec> {
  const text = readUserText(path, '--spec');
  const { parseSpecYaml } = await import('../core/spec-yaml');
  return asUsage(() => parseSpecYaml(text, path));
}

export function readInlineSpec(text: string): NetSpec {
  return { layers: asUsage(() => parseInlineLayers(text, '--layers')) };
}

/** "3x224x224" -> [3, 224, 224]; "224x224" or "224" -> [undefined, h, w]. */
export function readInputShape(flag: string, raw: string): { c?: number; h: number; w: number } {
  const parts = raw.trim().split(/\s*[x×,]\s*/);
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !(Number.isInteger(n) && n >= 1)) || nums.length < 1 || nums.length > 3) {
    throw new UsageError(`--${flag}: expected C×H×W, H×W or one size, like 3x224x224 or 224; got "${raw}"`);
  }
  if (nums.length === 3) return { c: nums[0]!, h: nums[1]!, w: nums[2]! };
  if (nums.length === 2) return { h: nums[0]!, w: nums[1]! };
  return { h: nums[0]!, w: nums[0]! };
}

export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
}
