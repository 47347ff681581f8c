/** The recurrent cells: a vanilla RNN unrolled in time, the LSTM cell and the GRU cell. */
import type { Diagram, DiagramLabel } from './types';

const SIGMOID: DiagramLabel = { text: 'σ', accept: ['sigmoid', 'sigma', 'σ', 'logistic', 's型函数', 'S 型函数'] };
const TANH: DiagramLabel = { text: 'tanh', accept: ['tanh', '双曲正切'] };
const HIDDEN: DiagramLabel = {
  text: { en: 'hidden state', zh: '隐藏状态' },
  accept: ['h', 'ht', 'h_t', 'hidden', 'hidden state', '隐状态', '隐藏状态', '隐藏层状态'],
};
const CONCAT: DiagramLabel = {
  text: '[hₜ₋₁; xₜ]',
  accept: ['[h;x]', 'h;x', 'h,x', '[h_{t-1}; x_t]', '[ht-1;xt]', '[x_t; h_{t-1}]', '[x;h]', 'concat', 'concatenation', 'concatenate', 'stack', '拼接', '连接', '拼接 h 和 x'],
};

const rnn: Diagram = {
  id: 'rnn',
  title: { en: 'Vanilla RNN, unrolled over three time steps', zh: '普通 RNN（按时间展开三步）' },
  summary: { en: 'one tanh cell reused at every step, the same weights each time', zh: '每个时间步复用同一个 tanh 单元和同一组权重' },
  art: [
      "                  y₁                    y₂                    y₃",
      "                  ▲                     ▲                     ▲",
      "                  │{why...}             │{why...}             │{why...}",
      "              ┌───┴───┐   h₁        ┌───┴───┐   h₂        ┌───┴───┐",
      " h₀ ─────────▶│{act..}│────────────▶│{act..}│────────────▶│{act..}│────▶ h₃ …",
      "              └───┬───┘  {whh...}   └───┬───┘  {whh...}   └───┬───┘",
      "                  ▲                     ▲                     ▲",
      "                  │{wxh...}             │{wxh...}             │{wxh...}",
      "                  x₁                    x₂                    x₃",
      "                    {shared................................}",
  ],
  labels: {
    act: TANH,
    why: { text: 'W_hy', accept: ['why', 'w_hy', 'W_hy', 'output weights', 'hidden-to-output', '输出权重', '隐藏到输出'] },
    whh: { text: 'W_hh', accept: ['whh', 'w_hh', 'W_hh', 'recurrent weights', 'hidden-to-hidden', '循环权重', '隐藏到隐藏', '递归权重'] },
    wxh: { text: 'W_xh', accept: ['wxh', 'w_xh', 'W_xh', 'input weights', 'input-to-hidden', '输入权重', '输入到隐藏'] },
    shared: {
      text: { en: 'the same weights at every time step', zh: '每个时间步共用同一组权重' },
      accept: ['shared', 'the same', 'same weights', 'shared weights', 'weight sharing', 'parameter sharing', '共享', '权重共享', '参数共享', '共用', '相同'],
    },
  },
  shapes: [
    { en: 'xₜ: D    hₜ: H    yₜ: C (class scores)', zh: 'xₜ：D    hₜ：H    yₜ：C（类别得分）' },
    { en: 'W_xh: H × D    W_hh: H × H    W_hy: C × H    b: H', zh: 'W_xh：H × D    W_hh：H × H    W_hy：C × H    b：H' },
  ],
  notes: [
    'hₜ = tanh(W_hh hₜ₋₁ + W_xh xₜ + b)    yₜ = W_hy hₜ',
    { en: 'h₀ is usually zeros; the loss is the sum of the steps\' losses', zh: 'h₀ 通常取全 0；总损失是各时间步损失之和' },
    {
      en: 'backprop through time multiplies by W_hhᵀ·diag(1 − hₜ²) per step:\nthe gradient vanishes or explodes over long sequences',
      zh: '随时间反向传播时每一步都乘以 W_hhᵀ·diag(1 − hₜ²)，\n序列长时梯度会消失或爆炸',
    },
  ],
};

const lstm: Diagram = {
  id: 'lstm',
  title: { en: 'LSTM cell (one time step)', zh: 'LSTM 单元（一个时间步）' },
  summary: { en: 'cell-state line through ⊙f and +, four gates from [hₜ₋₁; xₜ]', zh: '细胞状态线经过 ⊙f 和 +，四个门都来自 [hₜ₋₁; xₜ]' },
  art: [
      " cₜ₋₁ ───▶(⊙)──────────────────────▶(+)───────────────────────┬────────▶ cₜ",
      "           ▲                         ▲      {cell......}      │",
      "           │                         │                     {ac..}",
      "           │                ┌──────▶(⊙)◀─────┐                ▼",
      "           │                │                │               (⊙)─────▶ hₜ",
      "           │                │                │                ▲  {hidden....}",
      "    ┌──────┴──────┐  ┌──────┴──────┐  ┌──────┴──────┐  ┌──────┴──────┐",
      "    │   {af...}   │  │   {ai...}   │  │   {ag...}   │  │   {ao...}   │",
      "    │{forget.....}│  │{input......}│  │{cand.......}│  │{output.....}│",
      "    └──────┬──────┘  └──────┬──────┘  └──────┬──────┘  └──────┬──────┘",
      "           ▲                ▲                ▲                ▲",
      "           └────────────────┴────────┬───────┴────────────────┘",
      "                                     │",
      "                      ┌──────────────┴──────────────┐",
      " hₜ₋₁ ───────────────▶│  W · {concat..} + b         │",
      "                      └──────────────┬──────────────┘",
      "                                     ▲",
      "                                     xₜ",
  ],
  labels: {
    cell: { text: { en: 'cell state', zh: '细胞状态' }, accept: ['c', 'ct', 'c_t', 'cell', 'cell state', 'memory cell', 'memory', '记忆单元', '细胞状态', '单元状态', '记忆元', '记忆细胞'] },
    ac: TANH,
    hidden: HIDDEN,
    af: SIGMOID,
    ai: SIGMOID,
    ag: TANH,
    ao: SIGMOID,
    forget: { text: { en: 'forget gate', zh: '遗忘门' }, accept: ['f', 'ft', 'f_t', 'forget', 'forget gate', '遗忘门', '忘记门'] },
    input: { text: { en: 'input gate', zh: '输入门' }, accept: ['i', 'it', 'i_t', 'input', 'input gate', '输入门'] },
    cand: {
      text: { en: 'candidate', zh: '候选记忆' },
      accept: ['g', 'gt', 'g_t', 'candidate', 'cell candidate', 'candidate cell', 'candidate memory', 'candidate cell state', 'gate gate', 'c~', 'c̃', '候选', '候选值', '候选记忆', '候选记忆元', '候选细胞状态', '候选状态'],
    },
    output: { text: { en: 'output gate', zh: '输出门' }, accept: ['o', 'ot', 'o_t', 'output', 'output gate', '输出门'] },
    concat: CONCAT,
  },
  shapes: [
    { en: 'xₜ: D    hₜ₋₁, hₜ, cₜ₋₁, cₜ: H    [hₜ₋₁; xₜ]: H + D', zh: 'xₜ：D    hₜ₋₁、hₜ、cₜ₋₁、cₜ：H    [hₜ₋₁; xₜ]：H + D' },
    { en: 'W: 4H × (H + D), b: 4H; the 4H outputs split into f, i, g, o', zh: 'W：4H × (H + D)，b：4H；4H 个输出分成 f、i、g、o' },
  ],
  notes: [
    { en: 'f, i, o = σ(·), g = tanh(·): all four from one W[hₜ₋₁; xₜ] + b', zh: 'f、i、o = σ(·)，g = tanh(·)：四者来自同一个 W[hₜ₋₁; xₜ] + b' },
    'cₜ = f ⊙ cₜ₋₁ + i ⊙ g        hₜ = o ⊙ tanh(cₜ)',
    {
      en: '∂cₜ/∂cₜ₋₁ = f (elementwise): no W and no tanh\' on the cell path,\nso gradients flow far back (a "gradient highway")',
      zh: '∂cₜ/∂cₜ₋₁ = f（逐元素）：细胞状态路径上没有 W 也没有 tanh\'，\n梯度可以传得很远（“梯度高速公路”）',
    },
    { en: 'nn.LSTM stacks the rows as i, f, g, o and keeps two biases', zh: 'PyTorch 的 nn.LSTM 按 i、f、g、o 排列各行，并有两组偏置' },
  ],
};

const gru: Diagram = {
  id: 'gru',
  title: { en: 'GRU cell (one time step)', zh: 'GRU 单元（一个时间步）' },
  summary: { en: 'reset and update gates, no separate cell state', zh: '重置门和更新门，没有单独的细胞状态' },
  art: [
    "hₜ₋₁ ─┬──────▶(⊙)──────────────────────────────────────────────▶(+)─────▶ hₜ",
    "      │        ▲                             {hidden....}        ▲",
    "      │        │                                                 │",
    "      │        ├────────────────────▶(1−)──────────────────────▶(⊙)",
    "      │        │                                                 ▲",
    "      │ ┌──────┴──────┐         ┌─────────────┐           ┌──────┴──────┐",
    "      │ │   {au...}   │         │   {ar...}   │           │   {an...}   │",
    "      │ │{update.....}│         │{reset......}├──────────▶│{cand.......}│",
    "      │ └──────┬──────┘         └──────┬──────┘           │[r⊙hₜ₋₁; xₜ] │",
    "      │        │                       │                  └──────┬──────┘",
    "      │        ▲                       ▲                         ▲",
    "      │        └───────────────────────┼─────────────────────────┘",
    "      │                                │",
    "      │                      ┌─────────┴─────────┐",
    "      └─────────────────────▶│    [hₜ₋₁; xₜ]     │",
    "                             └─────────┬─────────┘",
    "                                       ▲",
    "                                       xₜ",
  ],
  labels: {
    hidden: HIDDEN,
    au: SIGMOID,
    ar: SIGMOID,
    an: TANH,
    update: { text: { en: 'update gate', zh: '更新门' }, accept: ['z', 'zt', 'z_t', 'update', 'update gate', '更新门'] },
    reset: { text: { en: 'reset gate', zh: '重置门' }, accept: ['r', 'rt', 'r_t', 'reset', 'reset gate', '重置门'] },
    cand: {
      text: { en: 'candidate', zh: '候选隐藏状态' },
      accept: ['n', 'nt', 'n_t', 'h~', 'h̃', 'candidate', 'candidate hidden state', 'candidate state', 'new gate', '候选', '候选值', '候选状态', '候选隐状态', '候选隐藏状态'],
    },
  },
  shapes: [
    { en: 'xₜ: D    hₜ₋₁, hₜ: H    r, z, n: H each', zh: 'xₜ：D    hₜ₋₁、hₜ：H    r、z、n：各 H' },
    { en: 'nn.GRU: W_ih 3H × D, W_hh 3H × H (rows r, z, n), two biases', zh: 'nn.GRU：W_ih 3H × D，W_hh 3H × H（行序 r、z、n），两组偏置' },
  ],
  notes: [
    'r = σ(W_r[hₜ₋₁; xₜ])    z = σ(W_z[hₜ₋₁; xₜ])',
    'n = tanh(W_n[r ⊙ hₜ₋₁; xₜ])    hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁',
    { en: 'PyTorch applies r after the matmul: r ⊙ (W_hn hₜ₋₁ + b_hn)', zh: 'PyTorch 在矩阵乘法之后才乘 r：r ⊙ (W_hn hₜ₋₁ + b_hn)' },
    { en: 'some texts swap z and 1 − z; check which one keeps hₜ₋₁', zh: '有的教材把 z 与 1 − z 对调；看清哪一个保留 hₜ₋₁' },
    { en: 'three weight blocks instead of the LSTM\'s four', zh: '三组权重块，LSTM 有四组' },
  ],
};

export const recurrent: readonly Diagram[] = [rnn, lstm, gru];
