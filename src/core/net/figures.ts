/**
 * Figures the classic-network notes quote, computed rather than typed in:
 * every number comes from a summary of a zoo model or of a small block
 * written in the spec format, or from the one-layer formulas in params.ts.
 */
import { compareSeparable, compareStack, convParams } from '../params';
import { receptiveField } from '../rf';
import { normaliseLayer } from '../spec';
import { summarise, type NetRow, type NetSummary } from './analyse';
import { NetBuilder } from './build';
import { findNet } from './zoo/index';

/** Lazily summarised zoo models, shared by all the notes of one report. */
export class Figures {
  private readonly cache = new Map<string, NetSummary>();

  /** The summary of a zoo model at its default 224×224 input. */
  of(name: string): NetSummary {
    let s = this.cache.get(name);
    if (!s) {
      const entry = findNet(name);
      if (!entry) throw new Error(`no zoo model ${name}`);
      s = summarise(entry.build());
      this.cache.set(name, s);
    }
    return s;
  }

  rows(name: string, pick: (r: NetRow) => boolean): NetRow[] {
    return this.of(name).rows.filter(pick);
  }

  total(name: string, pick: (r: NetRow) => boolean, key: 'params' | 'macs' | 'activations'): number {
    return this.rows(name, pick).reduce((t, r) => t + r[key], 0);
  }
}

/** Stacks of small convs against one big one (VGG's argument): receptive field, weights, non-linearities. */
export function stackArgument(c: number): { rf3: number; rf2: number; three: ReturnType<typeof compareStack>; two: ReturnType<typeof compareStack> } {
  const conv3 = () => normaliseLayer('conv', { k: 3 }, 'vgg stack');
  return {
    rf3: receptiveField([conv3(), conv3(), conv3()]).h.rf!,
    rf2: receptiveField([conv3(), conv3()]).h.rf!,
    three: compareStack(3, 3, c),
    two: compareStack(2, 3, c),
  };
}

/**
 * GoogLeNet's inception (3a) as the paper draws it (with the 5×5 conv),
 * with and without its 1×1 reductions, on the 28×28×192 input it gets.
 */
export function inceptionBottleneck(): { reduced: NetSummary; naive: NetSummary } {
  const b = new NetBuilder('inception (3a)');
  const input: [number, number, number] = [192, 28, 28];
  const reduced = b.concat('inception3a', [
    [b.conv('1x1', 64, 1)],
    [b.conv('3x3_reduce', 96, 1), b.conv('3x3', 128, 3, { p: 1 })],
    [b.conv('5x5_reduce', 16, 1), b.conv('5x5', 32, 5, { p: 2 })],
    [b.maxpool('pool', 3, 1, 1), b.conv('pool_proj', 32, 1)],
  ]);
  const naive = b.concat('naive3a', [
    [b.conv('1x1', 64, 1)],
    [b.conv('3x3', 128, 3, { p: 1 })],
    [b.conv('5x5', 32, 5, { p: 2 })],
    [b.maxpool('pool', 3, 1, 1)],
  ]);
  return {
    reduced: summarise({ name: 'inception (3a)', input, layers: [reduced] }),
    naive: summarise({ name: 'naive inception (3a)', input, layers: [naive] }),
  };
}

/** A ResNet bottleneck (256 → 64 → 64 → 256) against two 3×3 convs at 256 channels, weights only. */
export function bottleneckArgument(): { bottleneck: number; basic: number } {
  const w = (fh: number, c: number, k: number) => convParams({ fh, fw: fh, c, k, bias: false }).weights;
  return { bottleneck: w(1, 256, 64) + w(3, 64, 64) + w(1, 64, 256), basic: 2 * w(3, 256, 256) };
}

/** Depthwise-separable against standard 3×3 conv for a MobileNetV2-sized layer (144 → 24 channels), weights only. */
export function separableArgument(): ReturnType<typeof compareSeparable> {
  return compareSeparable(3, 144, 24, false);
}
