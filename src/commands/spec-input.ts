/** Reading a layer stack from --layers or --spec, shared by the commands that take one. */
import { readUserText } from '../read-text';
import { parseInlineLayers, SpecError, type NetSpec } from '../core/spec';
import { msg } from '../core/text';
import { UsageError } from '../errors';

/** The texts of the spec readers, in both languages. */
const M = {
  shape: msg((flag: string, raw: string) => `--${flag}: expected C×H×W, H×W or one size, like 3x224x224 or 224; got "${raw}"`,
    (flag, raw) => `--${flag}：应为 C×H×W、H×W 或一个尺寸，例如 3x224x224 或 224；收到 "${raw}"`),
};

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
    throw new UsageError(M.shape(flag, raw), flag);
  }
  if (nums.length === 3) return { c: nums[0]!, h: nums[1]!, w: nums[2]! };
  if (nums.length === 2) return { h: nums[0]!, w: nums[1]! };
  return { h: nums[0]!, w: nums[0]! };
}

export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.text);
    throw e;
  }
}
