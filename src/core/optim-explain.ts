/**
 * The worked solution of an optimizer run: the update rule as the notes
 * write it and as PyTorch does, which letters differ, then each step with the
 * student's numbers substituted.
 */
import { fmtNum, paren } from './format';
import { finalW, sub, type OptimHyper, type OptimizerName, type OptimTrace, type StepRecord } from './optim';
import { bi, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of the optimizers' worked solutions, in both languages. */
const M = {
  title: msg((name: string, steps: number, w0: string) => `${name}: ${steps} step${steps === 1 ? '' : 's'} from w₀ = ${w0}`, (name, steps, w0) => `${name}：从 w₀ = ${w0} 开始走 ${steps} 步`),
  given: bi('Given: ', '已知：'),
  rule: bi('Update rule (the notes)', '更新规则（笔记）'),
  sameRule: msg((from: number, to: number) => `Steps ${from}–${to} apply the same rule; every value is in the table.`, (from, to) => `第 ${from}–${to} 步按同样的规则进行；每一步的值都在表中。`),
  adagrad: bi("AdaGrad's effective step lr/(√s + ε) only shrinks as s grows: with a constant gradient g, s_t = t·g² and the step is lr/√t.",
    'AdaGrad 的有效步长 lr/(√s + ε) 随着 s 增大只会变小：梯度恒为 g 时，s_t = t·g²，步长为 lr/√t。'),
  result: bi('Result', '结果'),
  function: msg((expr: string, grad: string) => `f(w) = ${expr}, so ∇f(w) = ${grad}`, (expr, grad) => `f(w) = ${expr}，所以 ∇f(w) = ${grad}`),
  gradients: msg((list: string, steps: number) => `${steps === 1 ? 'gradient' : 'gradients'} ${list}${steps > 1 ? ` for steps 1–${steps}` : ''}`,
    (list, steps) => `梯度 ${list}${steps > 1 ? `（第 1–${steps} 步）` : ''}`),
  coupled: msg((wd: string) => `weight_decay λ = ${wd} is coupled L2 regularization: g = ∇L + λ·w (the gradient of λ/2·w²; the notes' λR(W) with R = ΣW² would add 2λw).`,
    (wd) => `weight_decay λ = ${wd} 是耦合的 L2 正则化：g = ∇L + λ·w（即 λ/2·w² 的梯度；笔记中 R = ΣW² 的 λR(W) 会加上 2λw）。`),
  adamDecay: bi('In Adam this λw is divided by √v̂ like the rest of the gradient, so weights with large gradients are hardly decayed; AdamW decouples the decay (dlnotes optim adamw).',
    '在 Adam 中，这个 λw 和梯度的其余部分一样要除以 √v̂，所以梯度大的权重几乎不衰减；AdamW 把衰减解耦（dlnotes optim adamw）。'),
  step: msg((t: number) => `Step ${t}`, (t) => `第 ${t} 步`),
  gradAt: msg((prev: string, expr: string, w: string, g: string) => `∇L = f'(w${prev}) = ${expr} at w = ${w}: ${g}`, (prev, expr, w, g) => `∇L = f'(w${prev}) = ${expr}，在 w = ${w} 处：${g}`),
  givenGrad: msg((g: string) => `∇L = ${g} (given)`, (g) => `∇L = ${g}（已知）`),
  noBiasCorrection: msg((size: string, factor: string) => `No bias correction: s₁ = (1 − β)·g², so the first step is lr/√(1 − β) ≈ ${size} in size (${factor}·lr).`,
    (size, factor) => `没有偏差修正：s₁ = (1 − β)·g²，所以第一步的大小是 lr/√(1 − β) ≈ ${size}（${factor}·lr）。`),
  decayFirst: bi('decay first (PyTorch): ', '先衰减（PyTorch）：'),
  notesForm: bi("notes' form: ", '笔记的形式：'),
  same: bi('  (the same)', '（相同）'),
  adamFirst: msg((step: string) => `First step: m̂₁ = g and v̂₁ = g², so the Adam step is −lr·g/(|g| + ε) ≈ −lr·sign(g) = ${step}, whatever the gradient's size.`,
    (step) => `第一步：m̂₁ = g，v̂₁ = g²，所以 Adam 的一步是 −lr·g/(|g| + ε) ≈ −lr·sign(g) = ${step}，与梯度的大小无关。`),
};

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
const NOTES_RULE: Record<OptimizerName, Text[]> = {
  sgd: ['w = w − η·∇w L'],
  momentum: ['v = ρ·v + ∇w L', 'w = w − α·v'],
  rmsprop: [bi('s = β·s + (1 − β)·(∇w L)²     (β: decay rate)', 's = β·s + (1 − β)·(∇w L)²     （β：衰减率）'), 'w = w − α·∇w L/(√s + ε)'],
  adagrad: ['s = s + (∇w L)²', 'w = w − α·∇w L/(√s + ε)'],
  adam: ['m = β1·m + (1 − β1)·∇w L', 'v = β2·v + (1 − β2)·(∇w L)²', bi('m̂ = m/(1 − β1ᵗ),  v̂ = v/(1 − β2ᵗ)     (bias correction)', 'm̂ = m/(1 − β1ᵗ),  v̂ = v/(1 − β2ᵗ)     （偏差修正）'), 'w = w − α·m̂/(√v̂ + ε)'],
  adamw: [bi('m, v, m̂, v̂ as in Adam', 'm, v, m̂, v̂ 与 Adam 相同'), 'w = w − α·(m̂/(√v̂ + ε) + λ·w)'],
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
const PYTORCH_NOTE: Record<OptimizerName, Text[]> = {
  sgd: [bi('PyTorch: θ ← θ − lr·g. The same rule; the notes\' η is lr.', 'PyTorch：θ ← θ − lr·g。规则相同；笔记中的 η 就是 lr。')],
  momentum: [
    bi('PyTorch: b ← momentum·b + g, θ ← θ − lr·b (b₁ = g₁, dampening 0, no Nesterov). This is exactly the notes\' form: ρ = momentum, α = lr, v = b.',
      'PyTorch：b ← momentum·b + g，θ ← θ − lr·b（b₁ = g₁，dampening 0，不用 Nesterov）。这与笔记的形式完全相同：ρ = momentum，α = lr，v = b。'),
    bi('Other frameworks (and Sutskever et al.) write v = ρv + lr·g, w = w − v: the same while lr is constant, different once a schedule changes lr.',
      '其他框架（以及 Sutskever 等人）写作 v = ρv + lr·g，w = w − v：lr 不变时结果相同，一旦学习率调度改变了 lr 就不同了。'),
  ],
  rmsprop: [
    bi('PyTorch: v ← alpha·v + (1 − alpha)·g², θ ← θ − lr·g/(√v + eps). The notes\' β is PyTorch\'s alpha (default 0.99) and the notes\' α is lr.',
      'PyTorch：v ← alpha·v + (1 − alpha)·g²，θ ← θ − lr·g/(√v + eps)。笔记中的 β 是 PyTorch 的 alpha（默认 0.99），笔记中的 α 是 lr。'),
    bi('ε is added after the square root, as PyTorch does (TensorFlow adds it inside).', 'ε 加在开方之后，与 PyTorch 相同（TensorFlow 加在开方之内）。'),
  ],
  adagrad: [bi('PyTorch: state_sum ← state_sum + g², θ ← θ − lr·g/(√state_sum + eps), with lr_decay = 0 and initial_accumulator_value = 0 (default eps 1e-10). The notes\' α is lr.',
    'PyTorch：state_sum ← state_sum + g²，θ ← θ − lr·g/(√state_sum + eps)，其中 lr_decay = 0，initial_accumulator_value = 0（默认 eps 为 1e-10）。笔记中的 α 是 lr。')],
  adam: [bi('PyTorch: the same five lines (amsgrad off); the notes\' α is lr, and betas = (β1, β2).', 'PyTorch：同样的五行（不用 amsgrad）；笔记中的 α 是 lr，betas = (β1, β2)。')],
  adamw: [
    bi('PyTorch decays first, θ ← θ − lr·λ·θ, then takes the Adam step from the raw gradient: θ ← θ − lr·m̂/(√v̂ + ε) (default weight_decay 0.01).',
      'PyTorch 先做衰减，θ ← θ − lr·λ·θ，再用原始梯度走一步 Adam：θ ← θ − lr·m̂/(√v̂ + ε)（默认 weight_decay 为 0.01）。'),
    bi('Both orders give the same number: w − lr·λ·w − lr·m̂/(√v̂+ε) = w − lr·(m̂/(√v̂+ε) + λ·w), with the w from before the step.',
      '两种顺序得到的数相同：w − lr·λ·w − lr·m̂/(√v̂+ε) = w − lr·(m̂/(√v̂+ε) + λ·w)，其中 w 是这一步之前的值。'),
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
  const wb = new WorkedBuilder(M.title(OPTIM_TITLE[name], T, n(trace.w0)));
  wb.note(txt`${M.given}${givenText(trace)}`);

  wb.heading(M.rule);
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
  if (T > detail) wb.note(M.sameRule(detail + 1, T));
  if (name === 'adagrad' && T > 1) wb.note(M.adagrad);

  if (T > detail) {
    // Steps written out in full already end with w_T.
    wb.heading(M.result);
    const last = trace.steps.at(-1);
    wb.result(`w${sub(T)} = ${n(finalW(trace))}${last?.f !== undefined ? `,  f(w${sub(T)}) = ${n(last.f)}` : ''}`);
  }
  if (trace.stopped) wb.warn(trace.stopped);
  return wb.build();
}

function givenText(trace: OptimTrace): Text {
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
    ? M.function(trace.expr!, trace.gradExpr!)
    : M.gradients(trace.steps.map((r) => n(r.grad)).join(', '), T);
  const start = name === 'sgd' ? '' : name === 'momentum' ? 'v₀ = 0' : name === 'rmsprop' || name === 'adagrad' ? 's₀ = 0' : 'm₀ = v₀ = 0';
  const semi = bi('; ', '；');
  return txt`${parts.join(', ')}${start ? txt`${semi}${start}` : ''}${semi}${src}${bi('.', '。')}`;
}

function explainWeightDecay(wb: WorkedBuilder, name: OptimizerName, h: OptimHyper): void {
  if (name === 'adamw' || h.weightDecay === 0) return;
  wb.note(M.coupled(n(h.weightDecay)));
  if (name === 'adam') wb.note(M.adamDecay);
}

function explainStep(wb: WorkedBuilder, trace: OptimTrace, r: StepRecord, prev: StepRecord | undefined): void {
  const { optimizer: name, hyper: h } = trace;
  const t = r.t;
  const T = sub(t);
  const P = sub(t - 1);
  wb.heading(M.step(t));
  if (trace.source === 'function') {
    wb.step(M.gradAt(P, trace.gradExpr!, n(r.wPrev), n(r.grad)));
  } else {
    wb.step(M.givenGrad(n(r.grad)));
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
      if (name === 'rmsprop' && t === 1) wb.note(M.noBiasCorrection(n(h.lr / Math.sqrt(1 - h.beta)), n(1 / Math.sqrt(1 - h.beta))));
      break;
    }
    case 'adam':
    case 'adamw': {
      if (name === 'adamw') {
        wb.step(txt`${M.decayFirst}w' = w${P} − lr·λ·w${P} = ${n(r.wPrev)} − ${n(h.lr)}·${n(h.weightDecay)}·${p(r.wPrev)} = ${n(r.wDecayed!)}`);
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
        wb.step(txt`${M.notesForm}w${P} − lr·(m̂/(√v̂+ε) + λ·w${P}) = ${n(r.wPrev)} − ${n(h.lr)}·(${n(dir)} + ${n(h.weightDecay)}·${p(r.wPrev)}) = ${n(notesForm)}${M.same}`);
      }
      if (t === 1) wb.note(M.adamFirst(n(-Math.sign(r.g) * h.lr)));
      break;
    }
  }
  wb.result(`w${T} = ${n(r.w)}${r.f !== undefined ? `,  f(w${T}) = ${n(r.f)}` : ''}`);
}
