/**
 * What the notes say about each activation (formula, derivative, pros and
 * cons) and the worked value/derivative at a point, built from the same
 * functions in core/activations.ts that the calculator and the quiz use.
 */
import { activate, alphaOf, isKink, maxout, SELU_ALPHA, SELU_LAMBDA, sigmoid, type ActivationName, type ActParams, type MaxoutParams, type ScalarActivation } from './activations';
import { erf, normalCdf, normalPdf } from './erf';
import { fmtNum, paren } from './format';
import { fmtVec } from './numlist';
import { WorkedBuilder, type Worked } from './worked';

export interface ActivationTraits {
  saturates: string;
  zeroCentred: string;
  deadNeurons: string;
  cost: string;
}

export interface ActivationInfo {
  name: ActivationName;
  title: string;
  pytorch: string;
  formula: string;
  derivative: string;
  traits: ActivationTraits;
  pros: string[];
  cons: string[];
}

const n = (x: number) => fmtNum(x, 6);

/** Formula, derivative, PyTorch module, traits and the notes' pros and cons. */
export function activationInfo(name: ActivationName, p: ActParams = {}): ActivationInfo {
  const a = alphaOf(name, p);
  const al = a === undefined ? '' : n(a);
  switch (name) {
    case 'sigmoid': return {
      name, title: 'Sigmoid', pytorch: 'torch.nn.Sigmoid()',
      formula: 'σ(x) = 1/(1 + e^(−x))', derivative: "σ'(x) = σ(x)(1 − σ(x))",
      traits: { saturates: 'both tails', zeroCentred: 'no', deadNeurons: 'no (vanishing)', cost: 'exp' },
      pros: ['squashes to (0, 1): reads as a firing rate or a probability'],
      cons: ["saturates: for large |x| the gradient vanishes (σ' is at most 0.25, at x = 0)", "not zero-centred: outputs are always positive, so the gradients of a neuron's weights share one sign (zig-zag updates)", 'exp() is comparatively expensive'],
    };
    case 'tanh': return {
      name, title: 'tanh', pytorch: 'torch.nn.Tanh()',
      formula: 'tanh(x) = (eˣ − e^(−x))/(eˣ + e^(−x))', derivative: "tanh'(x) = 1 − tanh²(x)",
      traits: { saturates: 'both tails', zeroCentred: 'yes', deadNeurons: 'no (vanishing)', cost: 'exp' },
      pros: ['zero-centred: outputs in (−1, 1)'],
      cons: ['still saturates: the gradient vanishes for large |x|'],
    };
    case 'relu': return {
      name, title: 'ReLU', pytorch: 'torch.nn.ReLU()',
      formula: 'ReLU(x) = max(0, x)', derivative: "ReLU'(x) = 1 if x > 0, 0 if x ≤ 0  (PyTorch: 0 at x = 0)",
      traits: { saturates: 'no (x > 0)', zeroCentred: 'no', deadNeurons: 'yes (x < 0)', cost: 'cheap' },
      pros: ['does not saturate for x > 0', 'very cheap to compute (one comparison)', 'converges much faster than sigmoid/tanh in practice'],
      cons: ['not zero-centred', 'dead neurons: the gradient is 0 for x < 0, so a unit stuck there never updates'],
    };
    case 'leaky-relu': return {
      name, title: 'Leaky ReLU', pytorch: `torch.nn.LeakyReLU(negative_slope=${al})`,
      formula: `LeakyReLU(x) = x if x ≥ 0, αx if x < 0  (α = ${al})`, derivative: "LeakyReLU'(x) = 1 if x > 0, α if x ≤ 0  (PyTorch: α at x = 0)",
      traits: { saturates: 'no', zeroCentred: 'closer', deadNeurons: 'no', cost: 'cheap' },
      pros: ['cheap and converges fast', 'the gradient is never 0 (α for x < 0): no dead neurons'],
      cons: ['α is a hand-picked hyper-parameter'],
    };
    case 'prelu': return {
      name, title: 'PReLU', pytorch: `torch.nn.PReLU(init=${al})`,
      formula: `PReLU(x) = x if x ≥ 0, αx if x < 0  (α = ${al}, learned)`, derivative: "PReLU'(x) = 1 if x > 0, α if x ≤ 0;  ∂PReLU/∂α = x if x ≤ 0, else 0",
      traits: { saturates: 'no', zeroCentred: 'closer', deadNeurons: 'no', cost: 'cheap' },
      pros: ['Leaky ReLU with the slope α learned by backpropagation instead of fixed'],
      cons: ['one extra parameter per channel (or one shared)'],
    };
    case 'elu': return {
      name, title: 'ELU', pytorch: `torch.nn.ELU(alpha=${al})`,
      formula: `ELU(x) = x if x > 0, α(eˣ − 1) if x ≤ 0  (α = ${al})`, derivative: "ELU'(x) = 1 if x > 0, αeˣ if x ≤ 0  (= ELU(x) + α there)",
      traits: { saturates: 'x → −∞ only', zeroCentred: 'closer', deadNeurons: 'no', cost: 'exp' },
      pros: ["ReLU's benefits", 'non-zero gradient for x < 0, outputs closer to zero mean', 'the negative side saturates at −α: more robust to noise, more stable than Leaky ReLU'],
      cons: ['exp() makes it more expensive'],
    };
    case 'selu': return {
      name, title: 'SELU', pytorch: 'torch.nn.SELU()',
      formula: `SELU(x) = λx if x > 0, λα(eˣ − 1) if x ≤ 0  (λ ≈ ${fmtNum(SELU_LAMBDA, 8)}, α ≈ ${fmtNum(SELU_ALPHA, 8)})`,
      derivative: "SELU'(x) = λ if x > 0, λαeˣ if x ≤ 0  (PyTorch: λα at x = 0)",
      traits: { saturates: 'x → −∞ only', zeroCentred: 'yes (self-normalising)', deadNeurons: 'no', cost: 'exp' },
      pros: ['ELU scaled by λ: self-normalising, suits deeper networks', 'can be trained without BatchNorm'],
      cons: ['exp() makes it more expensive', 'self-normalisation assumes its own init (LeCun normal) and plain feed-forward layers (beyond the notes)'],
    };
    case 'gelu': return p.approx === 'tanh' ? {
      name, title: 'GELU (tanh approximation)', pytorch: "torch.nn.GELU(approximate='tanh')",
      formula: 'GELU(x) ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³)))', derivative: "GELU'(x) ≈ ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²),  t = tanh(√(2/π)(x + 0.044715x³))",
      ...geluNotes(),
    } : {
      name, title: 'GELU', pytorch: "torch.nn.GELU()  (approximate='none')",
      formula: 'GELU(x) = x·Φ(x) = x·½(1 + erf(x/√2))', derivative: "GELU'(x) = Φ(x) + x·φ(x),  φ(x) = e^(−x²/2)/√(2π)",
      ...geluNotes(),
    };
    case 'maxout': return {
      name, title: 'Maxout', pytorch: 'no built-in module: torch.maximum(lin1(x), lin2(x))',
      formula: 'Maxout(x) = max(w₁ᵀx + b₁, w₂ᵀx + b₂)', derivative: '∂Maxout/∂x = w₁ where the first wins, w₂ where the second wins (PyTorch: ½(w₁ + w₂) on a tie)',
      traits: { saturates: 'no', zeroCentred: 'depends on w', deadNeurons: 'no', cost: '2× parameters' },
      pros: ['generalises ReLU and Leaky ReLU (w₂ = 0, b₂ = 0 gives ReLU of w₁ᵀx + b₁)', 'piecewise linear: does not saturate, the gradient never dies'],
      cons: ['doubles the number of parameters'],
    };
  }
}

function geluNotes(): Pick<ActivationInfo, 'traits' | 'pros' | 'cons'> {
  return {
    traits: { saturates: 'x → −∞ only', zeroCentred: 'closer', deadNeurons: 'no', cost: 'erf (high)' },
    pros: ['smooth: differentiable at 0, which helps training', 'the default activation of Transformers (BERT, GPT)'],
    cons: ['expensive to compute', 'the gradient is ≈ 0 for large negative x'],
  };
}

/** Value and derivative at x, worked, then the notes' pros and cons. */
export function explainActivation(name: ScalarActivation, x: number, p: ActParams = {}): Worked {
  const info = activationInfo(name, p);
  const r = activate(name, x, p);
  const wb = new WorkedBuilder(`${info.title} at x = ${n(x)}`);
  wb.formula(info.formula);
  valueSteps(wb, name, x, p, r.value);
  wb.result(`f(${n(x)}) = ${n(r.value)}`);
  wb.formula(info.derivative);
  gradSteps(wb, name, x, p, r.grad);
  wb.result(`f'(${n(x)}) = ${n(r.grad)}`);
  if (isKink(name, x, p)) {
    wb.warn(`x = 0 is a kink: the derivative is not defined there; PyTorch's autograd returns ${n(r.grad)} (its x ≤ 0 branch).`);
  }
  wb.note(`PyTorch: ${info.pytorch}`);
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
      if (name === 'prelu') wb.step(`∂f/∂α = ${x > 0 ? '0 (x > 0)' : `x = ${n(x)}`}  (α is learned)`);
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
  wb.heading('Pros and cons (the notes)');
  for (const pro of info.pros) wb.note(`+ ${pro}`);
  for (const con of info.cons) wb.note(`− ${con}`);
}

/** Maxout at a vector x, worked. */
export function explainMaxout(x: number[], p: MaxoutParams): Worked {
  const r = maxout(x, p);
  const info = activationInfo('maxout');
  const wb = new WorkedBuilder(`Maxout at x = ${fmtVec(x)}`);
  wb.formula(info.formula);
  const dot = (w: number[]) => w.map((wi, i) => `${paren(wi)}·${paren(x[i]!)}`).join(' + ');
  wb.step(`z₁ = w₁ᵀx + b₁ = ${dot(p.w1)} + ${paren(p.b1)} = ${n(r.z1)}`);
  wb.step(`z₂ = w₂ᵀx + b₂ = ${dot(p.w2)} + ${paren(p.b2)} = ${n(r.z2)}`);
  wb.result(`Maxout(x) = max(${n(r.z1)}, ${n(r.z2)}) = ${n(r.value)}`);
  wb.formula(info.derivative);
  if (r.winner === 'tie') {
    wb.warn('z₁ = z₂: a tie. The max is not differentiable here; torch.maximum splits the gradient evenly.');
    wb.result(`∂/∂x = ½(w₁ + w₂) = ${fmtVec(r.grad)}`);
  } else {
    wb.result(`z${r.winner === 1 ? '₁' : '₂'} wins → ∂/∂x = w${r.winner === 1 ? '₁' : '₂'} = ${fmtVec(r.grad)}`);
  }
  wb.note(`PyTorch: ${info.pytorch}`);
  addProsCons(wb, info);
  return wb.build();
}

/** Formula, derivative and pros/cons without a point (dlnotes act relu). */
export function describeActivation(name: ActivationName, p: ActParams = {}): Worked {
  const info = activationInfo(name, p);
  const wb = new WorkedBuilder(info.title);
  wb.formula(info.formula);
  wb.formula(info.derivative);
  wb.note(`PyTorch: ${info.pytorch}`);
  addProsCons(wb, info);
  return wb.build();
}
