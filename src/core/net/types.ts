/** The data a network summary returns (core/net/analyse.ts builds it). */
import type { RfAxis } from '../rf';
import type { Text } from '../text';
import type { Pair } from '../spec';
import type { Shape } from './shape';

export const FP32_BYTES = 4;

export interface NetRow {
  /** Dotted path: "layer1.0.conv1". */
  name: string;
  /** Layer kind from the spec (conv, bn, relu, ...), or "add"/"concat" where paths meet. */
  kind: string;
  /** Settings in a few characters: "3×3 s2 p1", "25088→4096". */
  detail: Text;
  /** Nesting depth: 0 for layers at the top of the spec. */
  level: number;
  where: Text;
  /** Kernel [k_h, k_w] of a conv or pooling layer. */
  kernel?: Pair;
  input: Shape;
  output: Shape;
  params: number;
  weights: number;
  biases: number;
  /** BatchNorm running mean and variance: stored with the model, not learned. */
  buffers: number;
  /** Multiply-accumulates for the whole batch. */
  macs: number;
  /** Output values for the whole batch. */
  activations: number;
  /** fp32 bytes of those values. */
  bytes: number;
  /** Receptive field of one output unit, along H and W. */
  rf: { h: RfAxis; w: RfAxis };
  /** Weight layers (conv, linear) on the longest path from the input through this layer. */
  depth: number;
}

/** A block (seq, residual, concat) and the rows it spans: figures are sums of its rows. */
export interface NetBlock {
  name: string;
  kind: string;
  level: number;
  where: Text;
  /** Index of its first row and one past its last. */
  first: number;
  end: number;
  output: Shape;
  params: number;
  macs: number;
  activations: number;
  rf: { h: RfAxis; w: RfAxis };
}

export interface NetTotals {
  params: number;
  weights: number;
  biases: number;
  buffers: number;
  /** fp32 bytes of the parameters. */
  paramBytes: number;
  macs: number;
  /** 2 × MACs. */
  flops: number;
  /** Σ of every row's output values (the batch included); the input is not in it. */
  activations: number;
  activationBytes: number;
  /** 2 × activationBytes: a rough forward+backward estimate (each kept activation gets a gradient of its size). */
  trainingBytes: number;
  /** torchinfo's "Forward/backward pass size": 2 × fp32 outputs of the layers that have parameters. */
  torchinfoBytes: number;
  inputValues: number;
  inputBytes: number;
  /** Weight layers on the longest path: the depth a paper quotes (VGG-16: 16). */
  depth: number;
  /** Conv and linear layers in all (projection shortcuts and every branch included). */
  weightLayers: number;
}

export interface NetSummary {
  name?: string;
  input: Shape;
  batch: number;
  output: Shape;
  rows: NetRow[];
  blocks: NetBlock[];
  totals: NetTotals;
  /** The largest receptive field of a spatial (non-global) layer, at the first row that reaches it: the features' rf. */
  featureRf: { name: string; h: RfAxis; w: RfAxis } | null;
  notes: Text[];
}

export interface SummaryOptions {
  batch?: number;
  /** [C, H, W]: overrides the spec's input. */
  input?: [number, number, number];
}

