/**
 * torchvision's Vision Transformer (torchvision/models/vision_transformer.py),
 * vit_b_16: a 16×16 stride-16 patch conv to 768 channels, the 14×14 grid
 * as 196 tokens, a learned class token and positional embedding (197×768),
 * 12 pre-norm encoder blocks (LayerNorm, 12-head self-attention, residual;
 * LayerNorm, MLP 768→3072→768 with GELU, residual), a final LayerNorm, and
 * a linear head on the class token.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

export interface VitConfig {
  name: string;
  patch: number;
  layers: number;
  heads: number;
  hidden: number;
  mlp: number;
  image: number;
}

export const VIT_B_16: VitConfig = { name: 'vit_b_16', patch: 16, layers: 12, heads: 12, hidden: 768, mlp: 3072, image: 224 };

export function vit(c: VitConfig): NetSpec {
  const b = new NetBuilder(c.name);
  const seqLength = (c.image / c.patch) ** 2 + 1;
  const blocks: LayerNode[] = [];
  for (let i = 0; i < c.layers; i++) {
    // EncoderBlock: x = x + dropout(self_attention(ln_1(x))); x = x + mlp(ln_2(x)).
    blocks.push(b.seq(`encoder_layer_${i}`, [
      b.residual('attn', [b.layernorm('ln_1'), b.mha('self_attention', c.heads), b.dropout('dropout', 0)], []),
      b.residual('mlp', [b.layernorm('ln_2'), b.fc('0', c.mlp), b.gelu('1'), b.dropout('2', 0), b.fc('3', c.hidden), b.dropout('4', 0)], []),
    ]));
  }
  return {
    name: c.name,
    input: [3, c.image, c.image],
    layers: [
      b.conv('conv_proj', c.hidden, c.patch, { s: c.patch }),
      b.tokens('tokens'),
      b.clsToken('class_token'),
      b.seq('encoder', [
        b.posEmbedding('pos_embedding', true, seqLength),
        b.dropout('dropout', 0),
        b.seq('layers', blocks),
        b.layernorm('ln'),
      ]),
      b.select('class', 0),
      b.seq('heads', [b.fc('head', 1000)]),
    ],
  };
}
