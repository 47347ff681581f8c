/**
 * The worked solution of an optimizer run: the update rule as the notes
 * write it and as PyTorch does, which letters differ, then each step with the
 * student's numbers substituted.
 */
import { fmtNum, paren } from './format';
import { finalW, sub, type OptimHyper, type OptimizerName, type OptimTrace, type StepRecord } from './optim';
import { WorkedBuilder, type Worked } from './worked';

export const OPTIM_TITLE: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD + Momentum',
  rmsprop: 'RMSProp',
  adagrad: 'AdaGrad',
  adam: 'Adam',
  adamw: 'AdamW',
};

const n = (x: number): string => fmtNum(x, 6);
const p = (x: number): string => paren(x, 6);

/** The rule as in the notes (α is the learning rate there; SGD's is η). */
const NOTES_RULE: Record<OptimizerName, string[]> = {
  sgd: ['w = w − η·∇w L'],
  momentum: ['v = ρ·v + ∇w L', 'w = w − α·v'],
  rmsprop: ['s = β·s + (1 − β)·(∇w L)²     (β: decay rate)', 'w = w − α·∇w L/(√s + ε)'],
  adagrad: ['s = s + (∇w L)²', 'w = w − α·∇w L/(√s + ε)'],
  adam: ['m = β1·m + (1 − β1)·∇w L', 'v = β2·v + (1 − β2)·(∇w L)²', 'm̂ = m/(1 − β1ᵗ),  v̂ = v/(1 − β2ᵗ)     (bias correction)', 'w = w − α·m̂/(√v̂ + ε)'],
  adamw: ['m, v, m̂, v̂ as in Adam', 'w = w − α·(m̂/(√v̂ + ε) + λ·w)'],
};

function pytorchCall(name: OptimizerName, h: OptimHyper): string {
  const wd = h.weightDecay !== 0 || name === 'adamw' ? `, weight_decay=${n(h.weightDecay)}` : '';
  switch (name) {
    case 'sgd': return `torch.optim.SGD(params, lr=${n(h.lr)}${wd})`;
    case 'momentum': return `torch.optim.SGD(params, lr=${n(h.lr)}, momentum=${n(h.rho)}${wd})`;
    case 'rmsprop': return `torch.optim.RMSprop(params, lr=${n(h.lr)}, alpha=${n(h.beta)}, eps=${n(h.eps)}${wd})`;
    case 'adagrad': return `torch.optim.Adagrad(params, lr=${n(h.lr)}, eps=${n(h.eps)}${wd})`;
    case 'adam': return `torch.optim.Adam(params, lr=${n(h.lr)}, betas=(${n(h.beta1)}, ${n(h.beta2)}), eps=${n(h.eps)}${wd})`;
    case 'adamw': return `torch.optim.AdamW(params, lr=${n(h.lr)}, betas=(${n(h.beta1)}, ${n(h.beta2)}), eps=${n(h.eps)}${wd})`;
  }
}

/** How PyTorch writes it and which letters differ from the notes. */
const PYTORCH_NOTE: Record<OptimizerName, string[]> = {
  sgd: ['PyTorch: θ ← θ − lr·g. The same rule; the notes\' η is lr.'],
  momentum: [
    'PyTorch: b ← momentum·b + g, θ ← θ − lr·b (b₁ = g₁, dampening 0, no Nesterov). This is exactly the notes\' form: ρ = momentum, α = lr, v = b.',
    'Other frameworks (and Sutskever et al.) write v = ρv + lr·g, w = w − v: the same while lr is constant, different once a schedule changes lr.',
  ],
  rmsprop: [
    'PyTorch: v ← alpha·v + (1 − alpha)·g², θ ← θ − lr·g/(√v + eps). The notes\' β is PyTorch\'s alpha (default 0.99) and the notes\' α is lr.',
    'ε is added after the square root, as PyTorch does (TensorFlow adds it inside).',
  ],
  adagrad: ['PyTorch: state_sum ← state_sum + g², θ ← θ − lr·g/(√state_sum + eps), with lr_decay = 0 and initial_accumulator_value = 0 (default eps 1e-10). The notes\' α is lr.'],
  adam: ['PyTorch: the same five lines (amsgrad off); the notes\' α is lr, and betas = (β1, β2).'],
  adamw: [
    'PyTorch decays first, θ ← θ − lr·λ·θ, then takes the Adam step from the raw gradient: θ ← θ − lr·m̂/(√v̂ + ε) (default weight_decay 0.01).',
    'Both orders give the same number: w − lr·λ·w − lr·m̂/(√v̂+ε) = w − lr·(m̂/(√v̂+ε) + λ·w), with the w from before the step.',
  ],
};

export interface ExplainOptions {
  /** How many steps to write out in full (default: all when there are at most 5, else 3). */
  detail?: number;
}

/** The worked solution of a run, as a student writes it. */
export function explainOptim(trace: OptimTrace, opts: ExplainOptions = {}): Worked {
  const { optimizer: name, hyper: h } = trace;
  const T = trace.steps.length;
  const wb = new WorkedBuilder(`${OPTIM_TITLE[name]}: ${T} step${T === 1 ? '' : 's'} from w₀ = ${n(trace.w0)}`);
  wb.note(`Given: ${givenText(trace)}`);

  wb.heading('Update rule (the notes)');
  for (const line of NOTES_RULE[name]) wb.formula(line);
  wb.heading('PyTorch');
  wb.formula(pytorchCall(name, h));
  for (const line of PYTORCH_NOTE[name]) wb.note(line);
  explainWeightDecay(wb, name, h);

  const detail = opts.detail ?? (T <= 5 ? T : 3);
  let prev: StepRecord | undefined;
  for (const r of trace.steps.slice(0, detail)) {
    explainStep(wb, trace, r, prev);
    prev = r;
  }
  if (T > detail) wb.note(`Steps ${detail + 1}–${T} apply the same rule; every value is in the table.`);
  if (name === 'adagrad' && T > 1) wb.note('AdaGrad\'s effective step lr/(√s + ε) only shrinks as s grows: with a constant gradient g, s_t = t·g² and the step is lr/√t.');

  if (T > detail) {
    // Steps written out in full already end with w_T.
    wb.heading('Result');
    const last = trace.steps.at(-1);
    wb.result(`w${sub(T)} = ${n(finalW(trace))}${last?.f !== undefined ? `,  f(w${sub(T)}) = ${n(last.f)}` : ''}`);
  }
  if (trace.stopped) wb.warn(trace.stopped);
  return wb.build();
}

function givenText(trace: OptimTrace): string {
  const h = trace.hyper;
  const parts = [`w₀ = ${n(trace.w0)}`, `lr = ${n(h.lr)}`];
  const name = trace.optimizer;
  if (name === 'momentum') parts.push(`ρ = ${n(h.rho)}`);
  if (name === 'rmsprop') parts.push(`β = ${n(h.beta)}`);
  if (name === 'adam' || name === 'adamw') parts.push(`β1 = ${n(h.beta1)}`, `β2 = ${n(h.beta2)}`);
  if (name !== 'sgd' && name !== 'momentum') parts.push(`ε = ${n(h.eps)}`);
  if (h.weightDecay !== 0 || name === 'adamw') parts.push(`λ = ${n(h.weightDecay)}`);
  const T = trace.steps.length;
  const src = trace.source === 'function'
    ? `f(w) = ${trace.expr}, so ∇f(w) = ${trace.gradExpr}`
    : `${T === 1 ? "gradient" : "gradients"} ${trace.steps.map((r) => n(r.grad)).join(", ")}${T > 1 ? ` for steps 1–${T}` : ""}`;
  const start = name === 'sgd' ? '' : name === 'momentum' ? '; v₀ = 0' : name === 'rmsprop' || name === 'adagrad' ? '; s₀ = 0' : '; m₀ = v₀ = 0';
  return `${parts.join(', ')}${start}; ${src}.`;
}

function explainWeightDecay(wb: WorkedBuilder, name: OptimizerName, h: OptimHyper): void {
  if (name === 'adamw' || h.weightDecay === 0) return;
  wb.note(`weight_decay λ = ${n(h.weightDecay)} is coupled L2 regularization: g = ∇L + λ·w (the gradient of λ/2·w²; the notes' λR(W) with R = ΣW² would add 2λw).`);
  if (name === 'adam') wb.note('In Adam this λw is divided by √v̂ like the rest of the gradient, so weights with large gradients are hardly decayed; AdamW decouples the decay (dlnotes optim adamw).');
}

function explainStep(wb: WorkedBuilder, trace: OptimTrace, r: StepRecord, prev: StepRecord | undefined): void {
  const { optimizer: name, hyper: h } = trace;
  const t = r.t;
  const T = sub(t);
  const P = sub(t - 1);
  wb.heading(`Step ${t}`);
  if (trace.source === 'function') {
    wb.step(`∇L = f'(w${P}) = ${trace.gradExpr} at w = ${n(r.wPrev)}: ${n(r.grad)}`);
  } else {
    wb.step(`∇L = ${n(r.grad)} (given)`);
  }
  if (name !== 'adamw' && h.weightDecay !== 0) {
    wb.step(`g = ∇L + λ·w${P} = ${n(r.grad)} + ${n(h.weightDecay)}·${p(r.wPrev)} = ${n(r.g)}`);
  }
  const g = p(r.g);
  const update = (dir: string): void => {
    wb.step(`w${T} = w${P} − lr·${dir}`);
  };
  switch (name) {
    case 'sgd':
      update('g');
      wb.step(`   = ${n(r.wPrev)} − ${n(h.lr)}·${g} = ${n(r.w)}`);
      break;
    case 'momentum': {
      const v0 = prev?.v ?? 0;
      wb.step(`v${T} = ρ·v${P} + g = ${n(h.rho)}·${p(v0)} + ${g} = ${n(r.v!)}`);
      update(`v${T}`);
      wb.step(`   = ${n(r.wPrev)} − ${n(h.lr)}·${p(r.v!)} = ${n(r.w)}`);
      break;
    }
    case 'rmsprop':
    case 'adagrad': {
      const s0 = prev?.s ?? 0;
      if (name === 'rmsprop') wb.step(`s${T} = β·s${P} + (1 − β)·g² = ${n(h.beta)}·${p(s0)} + ${n(1 - h.beta)}·${g}² = ${n(r.s!)}`);
      else wb.step(`s${T} = s${P} + g² = ${n(s0)} + ${g}² = ${n(r.s!)}`);
      update(`g/(√s${T} + ε)`);
      wb.step(`   = ${n(r.wPrev)} − ${n(h.lr)}·${g}/(${n(Math.sqrt(r.s!))} + ${n(h.eps)}) = ${n(r.w)}`);
      if (name === 'rmsprop' && t === 1) wb.note(`No bias correction: s₁ = (1 − β)·g², so the first step is lr/√(1 − β) ≈ ${n(h.lr / Math.sqrt(1 - h.beta))} in size (${n(1 / Math.sqrt(1 - h.beta))}·lr).`);
      break;
    }
    case 'adam':
    case 'adamw': {
      if (name === 'adamw') {
        wb.step(`decay first (PyTorch): w' = w${P} − lr·λ·w${P} = ${n(r.wPrev)} − ${n(h.lr)}·${n(h.weightDecay)}·${p(r.wPrev)} = ${n(r.wDecayed!)}`);
      }
      const m0 = prev?.m ?? 0;
      const v0 = prev?.v ?? 0;
      wb.step(`m${T} = β1·m${P} + (1 − β1)·g = ${n(h.beta1)}·${p(m0)} + ${n(1 - h.beta1)}·${g} = ${n(r.m!)}`);
      wb.step(`v${T} = β2·v${P} + (1 − β2)·g² = ${n(h.beta2)}·${p(v0)} + ${n(1 - h.beta2)}·${g}² = ${n(r.v!)}`);
      wb.step(`m̂${T} = m${T}/(1 − β1^${t}) = ${n(r.m!)}/${n(1 - h.beta1 ** t)} = ${n(r.mHat!)}`);
      wb.step(`v̂${T} = v${T}/(1 − β2^${t}) = ${n(r.v!)}/${n(1 - h.beta2 ** t)} = ${n(r.vHat!)}`);
      const dir = r.mHat! / (Math.sqrt(r.vHat!) + h.eps);
      if (name === 'adam') {
        update(`m̂${T}/(√v̂${T} + ε)`);
        wb.step(`   = ${n(r.wPrev)} − ${n(h.lr)}·${p(r.mHat!)}/(${n(Math.sqrt(r.vHat!))} + ${n(h.eps)}) = ${n(r.w)}`);
      } else {
        wb.step(`w${T} = w' − lr·m̂${T}/(√v̂${T} + ε) = ${n(r.wDecayed!)} − ${n(h.lr)}·${p(r.mHat!)}/(${n(Math.sqrt(r.vHat!))} + ${n(h.eps)}) = ${n(r.w)}`);
        const notesForm = r.wPrev - h.lr * (dir + h.weightDecay * r.wPrev);
        wb.step(`notes' form: w${P} − lr·(m̂/(√v̂+ε) + λ·w${P}) = ${n(r.wPrev)} − ${n(h.lr)}·(${n(dir)} + ${n(h.weightDecay)}·${p(r.wPrev)}) = ${n(notesForm)}  (the same)`);
      }
      if (t === 1) wb.note(`First step: m̂₁ = g and v̂₁ = g², so the Adam step is −lr·g/(|g| + ε) ≈ −lr·sign(g) = ${n(-Math.sign(r.g) * h.lr)}, whatever the gradient's size.`);
      break;
    }
  }
  wb.result(`w${T} = ${n(r.w)}${r.f !== undefined ? `,  f(w${T}) = ${n(r.f)}` : ''}`);
}
