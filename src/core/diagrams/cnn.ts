/** Blocks of the classic CNNs: ResNet's basic and bottleneck blocks, and GoogLeNet's Inception module. */
import type { Diagram, DiagramLabel } from './types';

const BN: DiagramLabel = { text: 'BN', accept: ['bn', 'batchnorm', 'batch norm', 'batch normalization', 'batch normalisation', '批归一化', '批标准化', '批量归一化'] };
const RELU: DiagramLabel = { text: 'ReLU', accept: ['relu'] };
const BN_RELU: DiagramLabel = { text: 'BN, ReLU', accept: ['bn relu', 'bn, relu', 'bn + relu', 'bn then relu', 'batchnorm relu', '批归一化 relu', '批归一化+relu'] };
const IDENTITY = ['identity', 'identity shortcut', 'shortcut', 'shortcut connection', 'skip', 'skip connection', 'residual connection', 'x', '恒等', '恒等映射', '恒等捷径', '捷径', '捷径连接', '跳跃连接', '残差连接', '短路连接'];

/** "3×3 conv, 64" in both languages, accepting the usual ways to write it. */
function conv(k: number, channels?: number): DiagramLabel {
  const n = channels === undefined ? '' : String(channels);
  const en = channels === undefined ? `${k}×${k} conv` : `${k}×${k} conv, ${n}`;
  const zh = channels === undefined ? `${k}×${k} 卷积` : `${k}×${k} 卷积，${n}`;
  const kk = `${k}x${k}`;
  const accept = channels === undefined
    ? [kk, `${kk} conv`, `conv ${kk}`, `${kk} 卷积`, `卷积 ${kk}`, `conv${kk}`]
    : [`${kk} conv ${n}`, `${kk}, ${n}`, `${kk} ${n}`, `${kk} conv, ${n}`, `${kk} 卷积 ${n}`, `${kk}卷积，${n}`, `conv ${kk} ${n}`, `${n} ${kk}`];
  return { text: { en, zh }, accept };
}

const basic: Diagram = {
  id: 'resnet-basic',
  title: { en: 'ResNet basic block (ResNet-18/34)', zh: 'ResNet 基本残差块（ResNet-18/34）' },
  summary: { en: 'two 3×3 convs plus an identity shortcut, ReLU after the addition', zh: '两个 3×3 卷积加恒等捷径，相加之后再 ReLU' },
  art: [
      "  ┌─────────────────────────────────────────────────┐",
      "  │        {shortcut....................}           │",
      "  │  ┌──────────┐               ┌──────────┐        ▼",
      "x └─▶│{c1......}│─{b1}──{r1..}─▶│{c2......}│─{b2}─▶(+)─{r2..}─▶ {<hx.......}",
      "     └──────────┘               └──────────┘",
      "     ╰─────────────────────┬──────────────────────╯",
      "                           │",
      "               {fx....................}",
  ],
  labels: {
    shortcut: { text: { en: 'identity shortcut: x', zh: '恒等捷径：x' }, accept: IDENTITY },
    c1: conv(3),
    b1: BN,
    r1: RELU,
    c2: conv(3),
    b2: BN,
    r2: RELU,
    hx: { text: 'F(x) + x', accept: ['f(x)+x', 'h(x)', 'y', 'f(x) + x', 'x+f(x)'] },
    fx: { text: { en: 'residual branch F(x)', zh: '残差分支 F(x)' }, accept: ['f(x)', 'f', 'residual', 'residual function', 'residual branch', '残差', '残差函数', '残差分支', '残差映射'] },
  },
  shapes: [
    { en: 'x, F(x) and the output: H × W × C (same shape, so they can be added)', zh: 'x、F(x) 与输出：H × W × C（形状相同才能相加）' },
    {
      en: 'when the shape changes (stride 2, more channels) the shortcut is\na 1×1 conv with stride 2 (+ BN) instead of the identity',
      zh: '形状改变时（步幅 2、通道加倍），捷径改为\n步幅为 2 的 1×1 卷积（加 BN），不再是恒等映射',
    },
  ],
  notes: [
    'y = ReLU(F(x) + x)',
    { en: 'the block learns the residual F(x) = H(x) − x, easy to push to 0', zh: '块学习残差 F(x) = H(x) − x，很容易学成 0（恒等）' },
    { en: '∂y/∂x = ∂F/∂x + I: the shortcut passes the gradient back unchanged', zh: '∂y/∂x = ∂F/∂x + I：梯度经捷径原样传回' },
    { en: 'convs have no bias (the BN after them has β)', zh: '卷积不带偏置（后面 BN 的 β 起偏置作用）' },
  ],
};

const bottleneck: Diagram = {
  id: 'resnet-bottleneck',
  title: { en: 'ResNet bottleneck block (ResNet-50/101/152)', zh: 'ResNet 瓶颈残差块（ResNet-50/101/152）' },
  summary: { en: '1×1 reduce, 3×3, 1×1 restore, plus the shortcut', zh: '1×1 降维、3×3 卷积、1×1 升维，加捷径' },
  art: [
      "          {in................}",
      "                    │",
      "                    ├─────────────────────────┐",
      "                    ▼                         │",
      "        ┌───────────┴───────────┐             │",
      "        │ {k1.................} │             │",
      "        └───────────┬───────────┘             │",
      "                    │ {<a1.......}            │",
      "                    ▼                         │",
      "        ┌───────────┴───────────┐             │{shortcut....}",
      "        │ {k3.................} │             │",
      "        └───────────┬───────────┘             │",
      "                    │ {<a2.......}            │",
      "                    ▼                         │",
      "        ┌───────────┴───────────┐             │",
      "        │ {k1b................} │             │",
      "        └───────────┬───────────┘             │",
      "                    │ {<bn3......}            │",
      "                    ▼                         │",
      "                   (+)◀───────────────────────┘",
      "                    │ {<a3.......}",
      "                    ▼",
      "          {out...............}",
  ],
  labels: {
    in: { text: { en: 'x: 56×56×256', zh: '输入 x：56×56×256' }, accept: ['x', '56x56x256', 'input', '输入'] },
    k1: conv(1, 64),
    a1: BN_RELU,
    k3: conv(3, 64),
    a2: BN_RELU,
    k1b: conv(1, 256),
    bn3: BN,
    shortcut: { text: { en: 'identity', zh: '恒等映射' }, accept: IDENTITY },
    a3: RELU,
    out: { text: { en: 'out: 56×56×256', zh: '输出：56×56×256' }, accept: ['56x56x256', 'output', '输出', 'f(x)+x'] },
  },
  shapes: [
    { en: 'inside: 56×56×64 → 56×56×64 → 56×56×256 (a stage-2 block)', zh: '块内：56×56×64 → 56×56×64 → 56×56×256（第 2 阶段的块）' },
    {
      en: 'weights: 256·64 + 9·64·64 + 64·256 = 69,632\n(two 3×3 convs on 256 channels: 1,179,648)',
      zh: '权重数：256·64 + 9·64·64 + 64·256 = 69,632\n（两个 256 通道的 3×3 卷积：1,179,648）',
    },
  ],
  notes: [
    { en: '1×1 cuts the channels, the 3×3 works on the thin tensor, 1×1 restores', zh: '1×1 先降维，3×3 在窄的张量上计算，1×1 再升维' },
    { en: 'ReLU after the addition, as in the basic block', zh: '与基本块一样，相加之后再 ReLU' },
    {
      en: 'where the size halves: stride 2 (torchvision: in the 3×3) and\na 1×1 stride-2 conv with BN on the shortcut',
      zh: '尺寸减半处：步幅 2（torchvision 放在 3×3 上），\n捷径上用步幅 2 的 1×1 卷积加 BN',
    },
  ],
};

const inception: Diagram = {
  id: 'inception',
  title: { en: 'Inception module (GoogLeNet\'s inception 3a)', zh: 'Inception 模块（GoogLeNet 的 inception 3a）' },
  summary: { en: 'four parallel branches with 1×1 reductions, concatenated', zh: '四条带 1×1 降维的并行分支，按通道拼接' },
  art: [
    "                    {prev............................}",
    "                                     │",
    "         ┌──────────────────┬────────┴─────────┬──────────────────┐",
    "         ▼                  ▼                  ▼                  ▼",
    " ┌───────┴───────┐  ┌───────┴───────┐  ┌───────┴───────┐  ┌───────┴───────┐",
    " │{b1......} 64  │  │{r3......} 96  │  │{r5......} 16  │  │{pool.........}│",
    " └───────┬───────┘  └───────┬───────┘  └───────┬───────┘  └───────┬───────┘",
    "         │                  ▼                  ▼                  ▼",
    "         │          ┌───────┴───────┐  ┌───────┴───────┐  ┌───────┴───────┐",
    "         │          │{b3......} 128 │  │{b5......} 32  │  │{pp......} 32  │",
    "         │          └───────┬───────┘  └───────┬───────┘  └───────┬───────┘",
    "         │                  │                  │                  │",
    "         ▼                  ▼                  ▼                  ▼",
    " ┌───────┴──────────────────┴──────────────────┴──────────────────┴───────┐",
    " │               {concat................................}                 │",
    " └───────────────────────────────────┬────────────────────────────────────┘",
    "                                     ▼",
    "                    {out.............................}",
  ],
  labels: {
    prev: { text: { en: 'previous layer: 28×28×192', zh: '上一层：28×28×192' }, accept: ['previous layer', 'input', '28x28x192', '上一层', '输入'] },
    b1: conv(1),
    r3: conv(1),
    r5: conv(1),
    pool: { text: { en: '3×3 max pool', zh: '3×3 最大池化' }, accept: ['max pool', 'maxpool', 'max pooling', '3x3 max pool', '3x3 maxpool', 'pool', 'pooling', '池化', '最大池化', '3x3 最大池化'] },
    b3: conv(3),
    b5: conv(5),
    pp: conv(1),
    concat: {
      text: { en: 'filter concatenation: 64+128+32+32', zh: '通道拼接：64+128+32+32' },
      accept: ['concat', 'concatenation', 'filter concatenation', 'depth concatenation', 'channel concatenation', 'concatenate', '拼接', '通道拼接', '滤波器拼接', '按通道拼接'],
    },
    out: { text: { en: 'output: 28×28×256', zh: '输出：28×28×256' }, accept: ['28x28x256', 'output', '输出', '256'] },
  },
  shapes: [
    { en: 'every branch keeps 28×28 (padding 1 for 3×3, 2 for 5×5)', zh: '每条分支都保持 28×28（3×3 填充 1，5×5 填充 2）' },
    { en: 'output channels: 64 + 128 + 32 + 32 = 256', zh: '输出通道：64 + 128 + 32 + 32 = 256' },
  ],
  notes: [
    {
      en: 'the 1×1 convs before the 3×3 and 5×5 (and after the pool) cut\nthe depth: the bottleneck that keeps the cost down',
      zh: '3×3、5×5 之前（以及池化之后）的 1×1 卷积减少通道数，\n这就是控制计算量的“瓶颈”结构',
    },
    {
      en: 'without them (naive module) the pool branch passes every input\nchannel on, so the depth grows at every module',
      zh: '没有它们（朴素模块）时池化分支原样保留全部输入通道，\n每经过一个模块深度都只增不减',
    },
    { en: 'GoogLeNet: 9 modules, global average pooling, 2 auxiliary classifiers', zh: 'GoogLeNet：9 个模块、全局平均池化、2 个辅助分类器' },
  ],
};

export const cnn: readonly Diagram[] = [basic, bottleneck, inception];
