/**
 * What the notes say about each activation (formula, derivative, pros and
 * cons) and the worked value/derivative at a point, built from the same
 * functions in core/activations.ts that the calculator and the quiz use.
 */
import { activate, alphaOf, isKink, maxout, SELU_ALPHA, SELU_LAMBDA, sigmoid, type ActivationName, type ActParams, type MaxoutParams, type ScalarActivation } from './activations';
import { erf, normalCdf, normalPdf } from './erf';
import { fmtNum, paren } from './format';
import { fmtVec } from './numlist';
import { bi, msg, tr, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of the activations' worked solutions, in both languages. */
const M = {
  at: msg((title: Text, x: string) => `${tr(title, 'en')} at x = ${x}`, (title, x) => `${tr(title, 'zh')} 在 x = ${x} 处`),
  kink: msg((grad: string) => `x = 0 is a kink: the derivative is not defined there; PyTorch's autograd returns ${grad} (its x ≤ 0 branch).`,
    (grad) => `x = 0 是折点：导数在这里没有定义；PyTorch 的 autograd 返回 ${grad}（取 x ≤ 0 的分支）。`),
  pytorch: msg((call: Text) => `PyTorch: ${tr(call, 'en')}`, (call) => `PyTorch：${tr(call, 'zh')}`),
  learned: bi('  (α is learned)', '（α 是可学习的）'),
  prosCons: bi('Pros and cons (the notes)', '优缺点（笔记）'),
  tie: bi('z₁ = z₂: a tie. The max is not differentiable here; torch.maximum splits the gradient evenly.', 'z₁ = z₂：两项相等。max 在这里不可导；torch.maximum 把梯度平均分给两项。'),
  wins: msg((sub: string, grad: string) => `z${sub} wins → ∂/∂x = w${sub} = ${grad}`, (sub, grad) => `z${sub} 较大 → ∂/∂x = w${sub} = ${grad}`),
};

export interface ActivationTraits {
  saturates: Text;
  zeroCentred: Text;
  deadNeurons: Text;
  cost: Text;
}

export interface ActivationInfo {
  name: ActivationName;
  title: Text;
  pytorch: Text;
  formula: Text;
  derivative: Text;
  traits: ActivationTraits;
  pros: Text[];
  cons: Text[];
}

const n = (x: number) => fmtNum(x, 6);

/** The words of the traits table, in both languages. */
const T = {
  bothTails: bi('both tails', '两端'),
  no: bi('no', '否'),
  yes: bi('yes', '是'),
  vanishing: bi('no (vanishing)', '否（梯度消失）'),
  notPositive: bi('no (x > 0)', '否（x > 0）'),
  deadNegative: bi('yes (x < 0)', '是（x < 0）'),
  cheap: bi('cheap', '低'),
  closer: bi('closer', '更接近'),
  negativeOnly: bi('x → −∞ only', '仅 x → −∞'),
  selfNormalising: bi('yes (self-normalising)', '是（自归一化）'),
  dependsOnW: bi('depends on w', '取决于 w'),
  doubleParams: bi('2× parameters', '参数量 ×2'),
  erf: bi('erf (high)', 'erf（高）'),
  expensive: bi('exp() makes it more expensive', 'exp() 使计算成本更高'),
  notZeroCentred: bi('not zero-centred', '输出不是以 0 为中心'),
};

/** A piecewise definition: "a if c1, b if c2" / "a（c1 时），b（c2 时）". */
const cases = (a: string, c1: string, b: string, c2: string): Text => bi(`${a} if ${c1}, ${b} if ${c2}`, `${a}（${c1} 时），${b}（${c2} 时）`);
/** PyTorch's choice at the kink: "(PyTorch: v at x = 0)". */
const atKink = (v: string): Text => bi(`  (PyTorch: ${v} at x = 0)`, `（PyTorch：x = 0 处取 ${v}）`);

/** Formula, derivative, PyTorch module, traits and the notes' pros and cons. */
export function activationInfo(name: ActivationName, p: ActParams = {}): ActivationInfo {
  const a = alphaOf(name, p);
  const al = a === undefined ? '' : n(a);
  switch (name) {
    case 'sigmoid': return {
      name, title: 'Sigmoid', pytorch: 'torch.nn.Sigmoid()',
      formula: 'σ(x) = 1/(1 + e^(−x))', derivative: "σ'(x) = σ(x)(1 − σ(x))",
      traits: { saturates: T.bothTails, zeroCentred: T.no, deadNeurons: T.vanishing, cost: 'exp' },
      pros: [bi('squashes to (0, 1): reads as a firing rate or a probability', '压缩到 (0, 1)：可以看作神经元的激活率或概率')],
      cons: [
        bi("saturates: for large |x| the gradient vanishes (σ' is at most 0.25, at x = 0)", "饱和：|x| 很大时梯度消失（σ' 最大只有 0.25，在 x = 0 处）"),
        bi("not zero-centred: outputs are always positive, so the gradients of a neuron's weights share one sign (zig-zag updates)",
          '输出不是以 0 为中心：输出恒为正，同一个神经元各个权重的梯度符号相同（zig-zag 式更新）'),
        bi('exp() is comparatively expensive', 'exp() 的计算成本相对较高'),
      ],
    };
    case 'tanh': return {
      name, title: 'tanh', pytorch: 'torch.nn.Tanh()',
      formula: 'tanh(x) = (eˣ − e^(−x))/(eˣ + e^(−x))', derivative: "tanh'(x) = 1 − tanh²(x)",
      traits: { saturates: T.bothTails, zeroCentred: T.yes, deadNeurons: T.vanishing, cost: 'exp' },
      pros: [bi('zero-centred: outputs in (−1, 1)', '以 0 为中心：输出在 (−1, 1) 内')],
      cons: [bi('still saturates: the gradient vanishes for large |x|', '仍然会饱和：|x| 很大时梯度消失')],
    };
    case 'relu': return {
      name, title: 'ReLU', pytorch: 'torch.nn.ReLU()',
      formula: 'ReLU(x) = max(0, x)', derivative: txt`ReLU'(x) = ${cases('1', 'x > 0', '0', 'x ≤ 0')}${atKink('0')}`,
      traits: { saturates: T.notPositive, zeroCentred: T.no, deadNeurons: T.deadNegative, cost: T.cheap },
      pros: [
        bi('does not saturate for x > 0', 'x > 0 时不会饱和'),
        bi('very cheap to compute (one comparison)', '计算非常快（一次比较）'),
        bi('converges much faster than sigmoid/tanh in practice', '实际中比 sigmoid/tanh 收敛快得多'),
      ],
      cons: [T.notZeroCentred, bi('dead neurons: the gradient is 0 for x < 0, so a unit stuck there never updates', '神经元死亡：x < 0 时梯度为 0，卡在这里的单元再也不会更新')],
    };
    case 'leaky-relu': return {
      name, title: 'Leaky ReLU', pytorch: `torch.nn.LeakyReLU(negative_slope=${al})`,
      formula: txt`LeakyReLU(x) = ${cases('x', 'x ≥ 0', 'αx', 'x < 0')}${bi(`  (α = ${al})`, `（α = ${al}）`)}`,
      derivative: txt`LeakyReLU'(x) = ${cases('1', 'x > 0', 'α', 'x ≤ 0')}${atKink('α')}`,
      traits: { saturates: T.no, zeroCentred: T.closer, deadNeurons: T.no, cost: T.cheap },
      pros: [bi('cheap and converges fast', '计算快，收敛快'), bi('the gradient is never 0 (α for x < 0): no dead neurons', '梯度永远不为 0（x < 0 时为 α）：没有神经元死亡')],
      cons: [bi('α is a hand-picked hyper-parameter', 'α 是需要手动选择的超参数')],
    };
    case 'prelu': return {
      name, title: 'PReLU', pytorch: `torch.nn.PReLU(init=${al})`,
      formula: txt`PReLU(x) = ${cases('x', 'x ≥ 0', 'αx', 'x < 0')}${bi(`  (α = ${al}, learned)`, `（α = ${al}，可学习）`)}`,
      derivative: txt`PReLU'(x) = ${cases('1', 'x > 0', 'α', 'x ≤ 0')}${bi(';  ∂PReLU/∂α = x if x ≤ 0, else 0', '；∂PReLU/∂α = x（x ≤ 0 时），否则为 0')}`,
      traits: { saturates: T.no, zeroCentred: T.closer, deadNeurons: T.no, cost: T.cheap },
      pros: [bi('Leaky ReLU with the slope α learned by backpropagation instead of fixed', '斜率 α 通过反向传播学习、而不是固定的 Leaky ReLU')],
      cons: [bi('one extra parameter per channel (or one shared)', '每个通道多一个参数（或所有通道共享一个）')],
    };
    case 'elu': return {
      name, title: 'ELU', pytorch: `torch.nn.ELU(alpha=${al})`,
      formula: txt`ELU(x) = ${cases('x', 'x > 0', 'α(eˣ − 1)', 'x ≤ 0')}${bi(`  (α = ${al})`, `（α = ${al}）`)}`,
      derivative: txt`ELU'(x) = ${cases('1', 'x > 0', 'αeˣ', 'x ≤ 0')}${bi('  (= ELU(x) + α there)', '（此时 = ELU(x) + α）')}`,
      traits: { saturates: T.negativeOnly, zeroCentred: T.closer, deadNeurons: T.no, cost: 'exp' },
      pros: [
        bi("ReLU's benefits", '具有 ReLU 的优点'),
        bi('non-zero gradient for x < 0, outputs closer to zero mean', 'x < 0 时梯度不为 0，输出的均值更接近 0'),
        bi('the negative side saturates at −α: more robust to noise, more stable than Leaky ReLU', '负半轴饱和于 −α：对噪声更鲁棒，比 Leaky ReLU 更稳定'),
      ],
      cons: [T.expensive],
    };
    case 'selu': return {
      name, title: 'SELU', pytorch: 'torch.nn.SELU()',
      formula: txt`SELU(x) = ${cases('λx', 'x > 0', 'λα(eˣ − 1)', 'x ≤ 0')}${bi(`  (λ ≈ ${fmtNum(SELU_LAMBDA, 8)}, α ≈ ${fmtNum(SELU_ALPHA, 8)})`, `（λ ≈ ${fmtNum(SELU_LAMBDA, 8)}，α ≈ ${fmtNum(SELU_ALPHA, 8)}）`)}`,
      derivative: txt`SELU'(x) = ${cases('λ', 'x > 0', 'λαeˣ', 'x ≤ 0')}${atKink('λα')}`,
      traits: { saturates: T.negativeOnly, zeroCentred: T.selfNormalising, deadNeurons: T.no, cost: 'exp' },
      pros: [bi('ELU scaled by λ: self-normalising, suits deeper networks', '把 ELU 乘以 λ：自归一化，适合更深的网络'), bi('can be trained without BatchNorm', '可以不用 BatchNorm 训练')],
      cons: [T.expensive, bi('self-normalisation assumes its own init (LeCun normal) and plain feed-forward layers (beyond the notes)', '自归一化要求特定的初始化（LeCun normal）和普通的前馈层（超出笔记范围）')],
    };
    case 'gelu': return p.approx === 'tanh' ? {
      name, title: bi('GELU (tanh approximation)', 'GELU（tanh 近似）'), pytorch: "torch.nn.GELU(approximate='tanh')",
      formula: 'GELU(x) ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³)))', derivative: "GELU'(x) ≈ ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²),  t = tanh(√(2/π)(x + 0.044715x³))",
      ...geluNotes(),
    } : {
      name, title: 'GELU', pytorch: "torch.nn.GELU()  (approximate='none')",
      formula: 'GELU(x) = x·Φ(x) = x·½(1 + erf(x/√2))', derivative: "GELU'(x) = Φ(x) + x·φ(x),  φ(x) = e^(−x²/2)/√(2π)",
      ...geluNotes(),
    };
    case 'maxout': return {
      name, title: 'Maxout', pytorch: bi('no built-in module: torch.maximum(lin1(x), lin2(x))', '没有内置模块：torch.maximum(lin1(x), lin2(x))'),
      formula: 'Maxout(x) = max(w₁ᵀx + b₁, w₂ᵀx + b₂)',
      derivative: bi('∂Maxout/∂x = w₁ where the first wins, w₂ where the second wins (PyTorch: ½(w₁ + w₂) on a tie)', '∂Maxout/∂x = w₁（第一项较大时），w₂（第二项较大时）（PyTorch：两项相等时取 ½(w₁ + w₂)）'),
      traits: { saturates: T.no, zeroCentred: T.dependsOnW, deadNeurons: T.no, cost: T.doubleParams },
      pros: [
        bi('generalises ReLU and Leaky ReLU (w₂ = 0, b₂ = 0 gives ReLU of w₁ᵀx + b₁)', '推广了 ReLU 和 Leaky ReLU（w₂ = 0，b₂ = 0 时就是 w₁ᵀx + b₁ 的 ReLU）'),
        bi('piecewise linear: does not saturate, the gradient never dies', '分段线性：不会饱和，梯度不会消失'),
      ],
      cons: [bi('doubles the number of parameters', '参数数量翻倍')],
    };
  }
}

function geluNotes(): Pick<ActivationInfo, 'traits' | 'pros' | 'cons'> {
  return {
    traits: { saturates: T.negativeOnly, zeroCentred: T.closer, deadNeurons: T.no, cost: T.erf },
    pros: [bi('smooth: differentiable at 0, which helps training', '平滑：在 0 处可导，有助于训练'), bi('the default activation of Transformers (BERT, GPT)', 'Transformer（BERT、GPT）默认的激活函数')],
    cons: [bi('expensive to compute', '计算成本较高'), bi('the gradient is ≈ 0 for large negative x', 'x 是很大的负数时梯度 ≈ 0')],
  };
}

/** Value and derivative at x, worked, then the notes' pros and cons. */
export function explainActivation(name: ScalarActivation, x: number, p: ActParams = {}): Worked {
  const info = activationInfo(name, p);
  const r = activate(name, x, p);
  const wb = new WorkedBuilder(M.at(info.title, n(x)));
  wb.formula(info.formula);
  valueSteps(wb, name, x, p, r.value);
  wb.result(`f(${n(x)}) = ${n(r.value)}`);
  wb.formula(info.derivative);
  gradSteps(wb, name, x, p, r.grad);
  wb.result(`f'(${n(x)}) = ${n(r.grad)}`);
  if (isKink(name, x, p)) {
    wb.warn(M.kink(n(r.grad)));
  }
  wb.note(M.pytorch(info.pytorch));
  addProsCons(wb, info);
  return wb.build();
}

function valueSteps(wb: WorkedBuilder, name: ScalarActivation, x: number, p: ActParams, value: number): void {
  const a = alphaOf(name, p);
  const neg = x <= 0;
  switch (name) {
    case 'sigmoid':
      wb.step(`σ(${n(x)}) = 1/(1 + e^(${n(-x)})) = 1/(1 + ${n(Math.exp(-x))}) = ${n(value)}`);
      return;
    case 'tanh':
      wb.step(`= (${n(Math.exp(x))} − ${n(Math.exp(-x))})/(${n(Math.exp(x))} + ${n(Math.exp(-x))}) = ${n(value)}`);
      return;
    case 'relu':
      wb.step(`max(0, ${n(x)}) = ${n(value)}`);
      return;
    case 'leaky-relu':
    case 'prelu':
      wb.step(x >= 0 ? `x = ${n(x)} ≥ 0 → f(x) = x = ${n(value)}` : `x = ${n(x)} < 0 → αx = ${n(a!)} × ${paren(x)} = ${n(value)}`);
      return;
    case 'elu':
      wb.step(neg ? `x = ${n(x)} ≤ 0 → α(eˣ − 1) = ${n(a!)} × (${n(Math.exp(x))} − 1) = ${n(value)}` : `x = ${n(x)} > 0 → f(x) = x = ${n(value)}`);
      return;
    case 'selu':
      wb.step(neg
        ? `x = ${n(x)} ≤ 0 → λα(eˣ − 1) = ${n(SELU_LAMBDA)} × ${n(SELU_ALPHA)} × (${n(Math.exp(x))} − 1) = ${n(value)}`
        : `x = ${n(x)} > 0 → λx = ${n(SELU_LAMBDA)} × ${n(x)} = ${n(value)}`);
      return;
    case 'gelu':
      if (p.approx === 'tanh') {
        const u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3);
        wb.step(`u = √(2/π)(x + 0.044715x³) = ${n(Math.sqrt(2 / Math.PI))} × (${n(x)} + 0.044715 × ${paren(x ** 3)}) = ${n(u)}`);
        wb.step(`t = tanh(u) = ${n(Math.tanh(u))}`);
        wb.step(`½ × ${paren(x)} × (1 + ${paren(Math.tanh(u))}) = ${n(value)}`);
      } else {
        const cdf = normalCdf(x);
        wb.step(`Φ(${n(x)}) = ½(1 + erf(${n(x)}/√2)) = ½(1 + erf(${n(x / Math.SQRT2)})) = ½(1 + ${paren(erf(x / Math.SQRT2))}) = ${n(cdf)}`);
        wb.step(`x·Φ(x) = ${paren(x)} × ${n(cdf)} = ${n(value)}`);
      }
      return;
  }
}

function gradSteps(wb: WorkedBuilder, name: ScalarActivation, x: number, p: ActParams, grad: number): void {
  const a = alphaOf(name, p);
  switch (name) {
    case 'sigmoid': {
      const s = sigmoid(x);
      wb.step(`= ${n(s)} × (1 − ${n(s)}) = ${n(s)} × ${n(1 - s)} = ${n(grad)}`);
      return;
    }
    case 'tanh':
      wb.step(`= 1 − ${paren(Math.tanh(x))}² = ${n(grad)}`);
      return;
    case 'relu':
      wb.step(x > 0 ? `x = ${n(x)} > 0 → 1` : `x = ${n(x)} ≤ 0 → 0`);
      return;
    case 'leaky-relu':
    case 'prelu':
      wb.step(x > 0 ? `x = ${n(x)} > 0 → 1` : `x = ${n(x)} ≤ 0 → α = ${n(a!)}`);
      if (name === 'prelu') wb.step(txt`∂f/∂α = ${x > 0 ? '0 (x > 0)' : `x = ${n(x)}`}${M.learned}`);
      return;
    case 'elu':
      wb.step(x > 0 ? `x = ${n(x)} > 0 → 1` : `x = ${n(x)} ≤ 0 → αeˣ = ${n(a!)} × ${n(Math.exp(x))} = ${n(grad)}`);
      return;
    case 'selu':
      wb.step(x > 0 ? `x = ${n(x)} > 0 → λ = ${n(grad)}` : `x = ${n(x)} ≤ 0 → λαeˣ = ${n(SELU_LAMBDA * SELU_ALPHA)} × ${n(Math.exp(x))} = ${n(grad)}`);
      return;
    case 'gelu':
      if (p.approx === 'tanh') {
        const t = Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3));
        wb.step(`= ½(1 + ${paren(t)}) + ½ × ${paren(x)} × (1 − ${paren(t)}²) × ${n(Math.sqrt(2 / Math.PI))} × (1 + 0.134145 × ${paren(x)}²) = ${n(grad)}`);
      } else {
        wb.step(`φ(${n(x)}) = e^(${n(-x * x / 2)})/√(2π) = ${n(normalPdf(x))}`);
        wb.step(`= ${n(normalCdf(x))} + ${paren(x)} × ${n(normalPdf(x))} = ${n(grad)}`);
      }
      return;
  }
}

function addProsCons(wb: WorkedBuilder, info: ActivationInfo): void {
  wb.heading(M.prosCons);
  for (const pro of info.pros) wb.note(txt`+ ${pro}`);
  for (const con of info.cons) wb.note(txt`− ${con}`);
}

/** Maxout at a vector x, worked. */
export function explainMaxout(x: number[], p: MaxoutParams): Worked {
  const r = maxout(x, p);
  const info = activationInfo('maxout');
  const wb = new WorkedBuilder(M.at('Maxout', fmtVec(x)));
  wb.formula(info.formula);
  const dot = (w: number[]) => w.map((wi, i) => `${paren(wi)}·${paren(x[i]!)}`).join(' + ');
  wb.step(`z₁ = w₁ᵀx + b₁ = ${dot(p.w1)} + ${paren(p.b1)} = ${n(r.z1)}`);
  wb.step(`z₂ = w₂ᵀx + b₂ = ${dot(p.w2)} + ${paren(p.b2)} = ${n(r.z2)}`);
  wb.result(`Maxout(x) = max(${n(r.z1)}, ${n(r.z2)}) = ${n(r.value)}`);
  wb.formula(info.derivative);
  if (r.winner === 'tie') {
    wb.warn(M.tie);
    wb.result(`∂/∂x = ½(w₁ + w₂) = ${fmtVec(r.grad)}`);
  } else {
    wb.result(M.wins(r.winner === 1 ? '₁' : '₂', fmtVec(r.grad)));
  }
  wb.note(M.pytorch(info.pytorch));
  addProsCons(wb, info);
  return wb.build();
}

/** Formula, derivative and pros/cons without a point (dlnotes act relu). */
export function describeActivation(name: ActivationName, p: ActParams = {}): Worked {
  const info = activationInfo(name, p);
  const wb = new WorkedBuilder(info.title);
  wb.formula(info.formula);
  wb.formula(info.derivative);
  wb.note(M.pytorch(info.pytorch));
  addProsCons(wb, info);
  return wb.build();
}
