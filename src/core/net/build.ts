/**
 * Small builders the model zoo uses to write networks in the spec format:
 * every layer goes through normaliseLayer and every block through
 * blockNode, exactly like a layer read from a student's YAML file.
 */
import { blockNode, normaliseLayer, type LayerNode } from '../spec';

export interface ConvOptions {
  s?: number;
  p?: number;
  groups?: number;
  bias?: boolean;
}

export class NetBuilder {
  /** `net` is where errors point (the zoo name); layer names carry the rest. */
  constructor(private readonly net: string) {}

  layer(kind: string, name: string, args: Record<string, unknown> = {}): LayerNode {
    return normaliseLayer(kind, args, this.net, undefined, name);
  }
  conv(name: string, out: number, k: number, o: ConvOptions = {}): LayerNode {
    return this.layer('conv', name, { out, k, s: o.s ?? 1, p: o.p ?? 0, groups: o.groups ?? 1, bias: o.bias ?? true });
  }
  bn(name: string, eps?: number): LayerNode {
    return this.layer('bn', name, eps !== undefined ? { eps } : {});
  }
  relu(name: string): LayerNode {
    return this.layer('relu', name);
  }
  relu6(name: string): LayerNode {
    return this.layer('relu6', name);
  }
  maxpool(name: string, k: number, s: number, p = 0, ceil = false): LayerNode {
    return this.layer('maxpool', name, { k, s, p, ...(ceil ? { ceil } : {}) });
  }
  adaptiveAvgPool(name: string, out: number): LayerNode {
    return this.layer('adaptiveavgpool', name, { out });
  }
  flatten(name = 'flatten'): LayerNode {
    return this.layer('flatten', name);
  }
  dropout(name: string, rate: number): LayerNode {
    return this.layer('dropout', name, { rate });
  }
  fc(name: string, out: number): LayerNode {
    return this.layer('fc', name, { out });
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
}
