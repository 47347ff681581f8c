/** The Transformer's encoder and decoder layers, drawn as in "Attention Is All You Need" (post-norm). */
import type { Diagram, DiagramLabel } from './types';

const ADD_NORM: DiagramLabel = {
  text: { en: 'Add & Norm', zh: '残差相加 + 层归一化' },
  accept: [
    'add & norm', 'add and norm', 'addnorm', 'add norm', 'add+norm', 'residual + layernorm', 'residual + layer norm', 'add + layernorm',
    'layernorm', 'layer norm', 'layer normalization', 'ln', '残差+层归一化', '残差相加+层归一化', '残差连接+层归一化', '残差和层归一化', '相加并归一化', '层归一化',
  ],
};
const FFN: DiagramLabel = {
  text: { en: 'Feed Forward', zh: '前馈网络' },
  accept: ['ffn', 'feed forward', 'feed-forward', 'feedforward', 'feed forward network', 'position-wise ffn', 'position-wise feed-forward', 'mlp', '前馈', '前馈网络', '前馈神经网络', '全连接前馈网络', '逐位置前馈网络'],
};
const RESIDUAL: DiagramLabel = {
  text: { en: 'residual', zh: '残差连接' },
  accept: ['residual', 'residual connection', 'shortcut', 'skip', 'skip connection', 'identity', '残差', '残差连接', '跳跃连接', '捷径'],
};
const POSITIONAL: DiagramLabel = {
  text: { en: 'positional encoding', zh: '位置编码' },
  accept: ['pe', 'positional encoding', 'position encoding', 'positional embedding', 'position embedding', '位置编码', '位置嵌入'],
};
const SELF_ATTENTION = ['multi-head attention', 'multihead attention', 'multi-head self-attention', 'mha', 'self-attention', 'self attention', 'attention', '多头注意力', '多头自注意力', '自注意力', '注意力'];

const encoder: Diagram = {
  id: 'transformer-encoder',
  title: { en: 'Transformer encoder layer (× N)', zh: 'Transformer 编码器层（× N）' },
  summary: { en: 'self-attention and feed-forward, each with Add & Norm', zh: '自注意力与前馈网络两个子层，各带残差与层归一化' },
  art: [
      "                            ▲ n × d_model",
      "         ┌──   ┌────────────┴────────────┐",
      "         │     │ {an2..................} │◀───────┐",
      "         │     └────────────▲────────────┘        │",
      "         │     ┌────────────┴────────────┐        │",
      "         │     │ {ffn..................} │        │",
      "         │     └────────────▲────────────┘        │",
      "         │                  ├─────────────────────┘",
      "         │     ┌────────────┴────────────┐",
      "     N × │     │ {an1..................} │◀───────┐",
      "         │     └────────────▲────────────┘        │",
      "         │     ┌────────────┴────────────┐        │",
      "         │     │ {mha..................} │        │{res.....}",
      "         │     └──────▲─────▲─────▲──────┘        │",
      "         │            Q     K     V               │",
      "         │            │     │     │               │",
      "         │            └─────┼─────┘               │",
      "         └──                ├─────────────────────┘",
      "                            ▲",
      "                           (+)◀── {<pe................}",
      "                            ▲",
      "               ┌────────────┴────────────┐",
      "               │ {emb..................} │",
      "               └────────────▲────────────┘",
      "                {in....................}",
  ],
  labels: {
    an2: ADD_NORM,
    ffn: FFN,
    an1: ADD_NORM,
    mha: { text: { en: 'Multi-Head Attention', zh: '多头自注意力' }, accept: SELF_ATTENTION },
    res: RESIDUAL,
    pe: POSITIONAL,
    emb: { text: { en: 'Input Embedding', zh: '输入嵌入' }, accept: ['embedding', 'input embedding', 'word embedding', 'token embedding', 'embeddings', '嵌入', '词嵌入', '输入嵌入'] },
    in: { text: { en: 'inputs', zh: '输入' }, accept: ['inputs', 'input', 'tokens', '输入', '输入序列'] },
  },
  shapes: [
    { en: 'every arrow: n × d_model (n tokens; base model d_model = 512)', zh: '每条箭头：n × d_model（n 个词元；基础模型 d_model = 512）' },
    { en: 'h heads, d_k = d_v = d_model / h; scores n × n per head', zh: 'h 个头，d_k = d_v = d_model / h；每个头的得分矩阵 n × n' },
    { en: 'Feed Forward: d_model → d_ff → d_model (512 → 2048 → 512)', zh: '前馈网络：d_model → d_ff → d_model（512 → 2048 → 512）' },
  ],
  notes: [
    { en: 'each sub-layer: LayerNorm(x + Sublayer(x)) (post-norm, as in the paper)', zh: '每个子层：LayerNorm(x + Sublayer(x))（论文中的后归一化）' },
    { en: 'self-attention: Q, K and V all come from the layer\'s input', zh: '自注意力：Q、K、V 都来自本层的输入' },
    'Attention(Q, K, V) = softmax(QKᵀ/√d_k) V',
    { en: 'N = 6 identical layers; positional encoding added once, at the bottom', zh: 'N = 6 个相同的层；位置编码只在最底部加一次' },
  ],
};

const decoder: Diagram = {
  id: 'transformer-decoder',
  title: { en: 'Transformer decoder layer (× N), with the output head', zh: 'Transformer 解码器层（× N）及输出层' },
  summary: { en: 'masked self-attention, cross-attention to the encoder, feed-forward', zh: '带掩码的自注意力、对编码器的交叉注意力、前馈网络' },
  art: [
      "                              ▲ {<prob.................}",
      "               ┌──────────────┴──────────────┐",
      "               │ {softmax..................} │",
      "               └──────────────▲──────────────┘",
      "               ┌──────────────┴──────────────┐",
      "               │ {linear...................} │",
      "               └──────────────▲──────────────┘",
      "               ┌──────────────┴──────────────┐                ──┐",
      "               │ {an3......................} │◀───────┐         │",
      "               └──────────────▲──────────────┘        │         │",
      "               ┌──────────────┴──────────────┐        │         │",
      "               │ {ffn......................} │        │         │",
      "               └──────────────▲──────────────┘        │         │",
      "                              ├───────────────────────┘         │",
      "               ┌──────────────┴──────────────┐                  │",
      "               │ {an2......................} │◀───────┐         │",
      "               └──────────────▲──────────────┘        │         │",
      "               ┌──────────────┴──────────────┐        │         │",
      "               │ {cross....................} │        │         │",
      "               └──────▲───▲─────────▲────────┘        │         │",
      "                      K   V         Q                 │         │ × N",
      "{<enc.......}         │   │         │                 │         │",
      " ─────────────────────┴───┘   ┌─────┘                 │         │",
      "                              ├───────────────────────┘         │",
      "               ┌──────────────┴──────────────┐                  │",
      "               │ {an1......................} │◀───────┐         │",
      "               └──────────────▲──────────────┘        │         │",
      "               ┌──────────────┴──────────────┐        │         │",
      "               │ {masked...................} │        │{res....}│",
      "               └────────▲─────▲─────▲────────┘        │         │",
      "                        Q     K     V                 │         │",
      "                        │     │     │                 │         │",
      "                        └─────┼─────┘                 │         │",
      "                              ├───────────────────────┘       ──┘",
      "                              ▲",
      "                             (+)◀── {<pe................}",
      "                              ▲",
      "               ┌──────────────┴──────────────┐",
      "               │ {emb......................} │",
      "               └──────────────▲──────────────┘",
      "                  {out...................}",
  ],
  labels: {
    prob: { text: { en: 'output probabilities', zh: '输出概率' }, accept: ['probabilities', 'output probabilities', 'probs', '概率', '输出概率'] },
    softmax: { text: 'Softmax', accept: ['softmax'] },
    linear: { text: { en: 'Linear', zh: '线性层' }, accept: ['linear', 'linear layer', 'fc', 'dense', 'projection', 'output projection', '线性', '线性层', '全连接', '全连接层'] },
    an3: ADD_NORM,
    ffn: FFN,
    an2: ADD_NORM,
    cross: {
      text: { en: 'Encoder-Decoder Attention', zh: '编码器-解码器注意力' },
      accept: ['encoder-decoder attention', 'cross-attention', 'cross attention', 'multi-head cross-attention', 'multi-head attention', 'attention', 'mha', '交叉注意力', '编码器-解码器注意力', '编码-解码注意力', '多头注意力', '注意力'],
    },
    enc: { text: { en: 'from encoder', zh: '编码器输出' }, accept: ['encoder', 'encoder output', 'from encoder', 'memory', 'encoder outputs', '编码器', '编码器输出'] },
    an1: ADD_NORM,
    masked: {
      text: { en: 'Masked Multi-Head Attention', zh: '带掩码的多头自注意力' },
      accept: ['masked multi-head attention', 'masked attention', 'masked self-attention', 'masked mha', 'causal self-attention', 'causal attention', '掩码多头注意力', '带掩码的多头自注意力', '掩码自注意力', '带掩码的自注意力', '掩蔽自注意力', '因果自注意力'],
    },
    res: RESIDUAL,
    pe: POSITIONAL,
    emb: { text: { en: 'Output Embedding', zh: '输出嵌入' }, accept: ['embedding', 'output embedding', 'target embedding', 'embeddings', '嵌入', '词嵌入', '输出嵌入'] },
    out: { text: { en: 'outputs (shifted right)', zh: '输出（右移一位）' }, accept: ['outputs', 'shifted outputs', 'outputs shifted right', 'targets', '输出', '右移的输出', '输出右移'] },
  },
  shapes: [
    { en: 'decoder stream: m × d_model (m target tokens so far)', zh: '解码器中的数据：m × d_model（已有的 m 个目标词元）' },
    { en: 'cross-attention: Q m × d_k from the decoder; K, V n × d_k from the encoder', zh: '交叉注意力：Q 为 m × d_k（来自解码器），K、V 为 n × d_k（来自编码器）' },
    { en: 'Linear: d_model → vocabulary size V; Softmax over the V words', zh: '线性层：d_model → 词表大小 V；对 V 个词做 Softmax' },
  ],
  notes: [
    { en: 'the mask sets scores above the diagonal to −∞: position i sees 1…i', zh: '掩码把对角线以上的得分设为 −∞：位置 i 只能看到 1…i' },
    { en: 'three sub-layers, each LayerNorm(x + Sublayer(x))', zh: '三个子层，每个都是 LayerNorm(x + Sublayer(x))' },
    {
      en: 'training feeds the target shifted right (teacher forcing);\nat test time the decoder feeds back its own outputs',
      zh: '训练时输入右移一位的目标序列（teacher forcing）；\n测试时把自己生成的词逐个喂回去',
    },
  ],
};

export const transformer: readonly Diagram[] = [encoder, decoder];
