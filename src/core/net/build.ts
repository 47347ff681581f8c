/**
 * Small builders the model zoo uses to write networks in the spec format.
 * They emit the LayerNodes normaliseLayer would produce (pairs for
 * kernel, stride, padding; kinds by their canonical names) without
 * re-validating arguments the code itself typed, which keeps
 * `dlnotes summary resnet152` fast; a unit test checks every zoo layer
 * survives normaliseLayer unchanged. Blocks go through blockNode.
 */
import { blockNode, type ArgValue, type LayerNode, type Pair } from '../spec';

export interface ConvOptions {
  s?: number;
  p?: number;
  /** Dilation (the spec's `d`); left out of the layer when 1. */
  d?: number;
  groups?: number;
  bias?: boolean;
}

const pair = (n: number): Pair => [n, n];

export class NetBuilder {
  /** `net` is where errors point (the zoo name); layer names carry the rest. */
  constructor(private readonly net: string) {}

  private leaf(kind: string, name: string, args: Record<string, ArgValue> = {}): LayerNode {
    return { kind, args, where: this.net, name };
  }
  conv(name: string, out: number, k: number, o: ConvOptions = {}): LayerNode {
    return this.leaf('conv', name, { out, k: pair(k), s: pair(o.s ?? 1), p: pair(o.p ?? 0), ...(o.d && o.d !== 1 ? { d: pair(o.d) } : {}), groups: o.groups ?? 1, bias: o.bias ?? true });
  }
  convTranspose(name: string, out: number, k: number, o: ConvOptions = {}): LayerNode {
    return this.leaf('convtranspose', name, { out, k: pair(k), s: pair(o.s ?? 1), p: pair(o.p ?? 0), groups: o.groups ?? 1, bias: o.bias ?? true });
  }
  /** F.interpolate / nn.Upsample to the network input's size or to where the enclosing block starts. */
  upsample(name: string, size: 'input' | 'block', mode = 'bilinear'): LayerNode {
    return this.leaf('upsample', name, { size, mode });
  }
  identity(name: string): LayerNode {
    return this.leaf('identity', name);
  }
  bn(name: string, eps?: number): LayerNode {
    return this.leaf('bn', name, eps !== undefined ? { eps } : {});
  }
  relu(name: string): LayerNode {
    return this.leaf('relu', name);
  }
  relu6(name: string): LayerNode {
    return this.leaf('relu6', name);
  }
  maxpool(name: string, k: number, s: number, p = 0, ceil = false): LayerNode {
    return this.leaf('maxpool', name, { k: pair(k), s: pair(s), p: pair(p), ...(ceil ? { ceil } : {}) });
  }
  adaptiveAvgPool(name: string, out: number): LayerNode {
    return this.leaf('adaptiveavgpool', name, { out: pair(out) });
  }
  flatten(name = 'flatten'): LayerNode {
    return this.leaf('flatten', name);
  }
  dropout(name: string, rate: number): LayerNode {
    return this.leaf('dropout', name, { rate });
  }
  fc(name: string, out: number): LayerNode {
    return this.leaf('fc', name, { out });
  }
  fcOpts(name: string, out: number, o: { bias?: boolean; tied?: boolean }): LayerNode {
    return this.leaf('fc', name, { out, ...(o.bias === false ? { bias: false } : {}), ...(o.tied ? { tied: true } : {}) });
  }
  gelu(name: string): LayerNode {
    return this.leaf('gelu', name);
  }
  embedding(name: string, vocab: number, dim: number, tied = false): LayerNode {
    return this.leaf('embedding', name, { vocab, dim, ...(tied ? { tied } : {}) });
  }
  lstm(name: string, hidden: number, layers = 1): LayerNode {
    return this.leaf('lstm', name, { hidden, layers });
  }
  mha(name: string, heads: number): LayerNode {
    return this.leaf('mha', name, { heads });
  }
  encoderLayer(name: string, heads: number, ff: number): LayerNode {
    return this.leaf('encoder_layer', name, { heads, ff });
  }
  decoderLayer(name: string, heads: number, ff: number): LayerNode {
    return this.leaf('decoder_layer', name, { heads, ff });
  }
  layernorm(name: string): LayerNode {
    return this.leaf('layernorm', name);
  }
  tokens(name: string): LayerNode {
    return this.leaf('tokens', name);
  }
  clsToken(name: string): LayerNode {
    return this.leaf('cls_token', name);
  }
  posEmbedding(name: string, learned: boolean, length?: number): LayerNode {
    return this.leaf('pos_embedding', name, { ...(learned ? {} : { learned: false }), ...(length !== undefined ? { length } : {}) });
  }
  select(name: string, index: number): LayerNode {
    return this.leaf('select', name, { index });
  }
  encoderDecoder(name: string, encoder: LayerNode[], decoder: LayerNode[]): LayerNode {
    return blockNode('encoder_decoder', { encoder, decoder }, this.net, name);
  }
  seq(name: string, layers: LayerNode[]): LayerNode {
    return blockNode('seq', { body: layers }, this.net, name);
  }
  residual(name: string, body: LayerNode[], shortcut: LayerNode[], post: LayerNode[] = []): LayerNode {
    return blockNode('residual', { body, shortcut, post }, this.net, name);
  }
  concat(name: string, branches: LayerNode[][]): LayerNode {
    return blockNode('concat', { branches }, this.net, name);
  }
  side(name: string, layers: LayerNode[]): LayerNode {
    return blockNode('side', { body: layers }, this.net, name);
  }
}
