/** Specs that multiply: nested `repeat` is counted before anything is expanded. */
import { describe, expect, it } from 'vitest';
import { parseSpecYaml, MAX_LAYERS } from '../../src/core/spec-yaml';
import { parseInlineLayers } from '../../src/core/spec';

function nested(levels: number, n: number): string {
  let body = '[relu]';
  for (let i = 0; i < levels; i++) body = `[{seq: ${body}, repeat: ${n}}]`;
  return `layers: ${body}\n`;
}

describe('repeat is limited before expanding', () => {
  it('four levels of repeat: 100 (10^8 layers) are refused at once, naming the repeat', () => {
    const t0 = Date.now();
    expect(() => parseSpecYaml(nested(4, 100), 'net.yaml')).toThrow(/net\.yaml:1:\d+: repeat: 100 at layers\[0\]\.seq\[0\] makes 2,010,100 layers \(100 × 20,101\).*at most 100,000/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('many siblings add up past the limit', () => {
    const items = Array.from({ length: 120 }, () => '{relu: {}, repeat: 1000}').join(', ');
    expect(() => parseSpecYaml(`layers: [${items}]\n`, 'wide.yaml')).toThrow(/wide\.yaml:1:\d+: .*more than 100,000 layers.*layers\[100\]/);
  });

  it('a network at the limit still loads', () => {
    const spec = parseSpecYaml('layers:\n  - {seq: [relu], repeat: 1000}\n  - {relu: {}, repeat: 1000}\n', 'ok.yaml');
    expect(spec.layers).toHaveLength(2000);
    expect(MAX_LAYERS).toBe(100_000);
  });
});

describe('inline layers', () => {
  it('a repeated key is an error, as in YAML files', () => {
    expect(() => parseInlineLayers('conv k=3 k=5')).toThrow(/--layers layer 1 \("conv k=3 k=5"\): k is given twice/);
    expect(() => parseInlineLayers('conv k=3 name=a name=b')).toThrow(/name is given twice/);
  });
});
