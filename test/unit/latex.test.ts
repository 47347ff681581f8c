import { describe, expect, it } from 'vitest';
import { latexToUnicode, renderMathText, splitMath } from '../../src/render/latex';
import { latexProblems } from '../../src/quiz/bank/latex-problems';
import { tr } from '../../src/core/text';

const r = String.raw;

describe('latexToUnicode: the notes formulas', () => {
  it.each([
    ['SVM loss', r`L = \frac{1}{N} \sum_{i=1}^{N} \sum_{j \neq y_i} \max(0, s_j - s_{y_i} + \Delta)`, 'L = 1/N ∑ᵢ₌₁ᴺ ∑_{j≠yᵢ} max(0, sⱼ − s_{yᵢ} + Δ)'],
    ['squared hinge', r`L_i = \sum_{j \neq y_i} \max(0, s_j - s_{y_i} + \Delta)^2`, 'Lᵢ = ∑_{j≠yᵢ} max(0, sⱼ − s_{yᵢ} + Δ)²'],
    ['softmax loss', r`L_i = -\log \left( \frac{e^{s_{y_i}}}{\sum_{j} e^{s_j}} \right)`, 'Lᵢ = −log(e^(s_{yᵢ})/(∑ⱼ e^(sⱼ)))'],
    ['log of a fraction', r`L_i = -\log \frac{e^{s_{y_i}}}{\sum_j e^{s_j}}`, 'Lᵢ = −log(e^(s_{yᵢ})/(∑ⱼ e^(sⱼ)))'],
    ['KL divergence', r`D_{KL}(P||Q) = \sum_{x} P(x) \log \frac{P(x)}{Q(x)}`, 'D_{KL}(P||Q) = ∑ₓ P(x) log(P(x)/Q(x))'],
    ['regularized loss', r`L = \frac{1}{N} \sum_{i=1}^{N} L_i + \lambda R(W)`, 'L = 1/N ∑ᵢ₌₁ᴺ Lᵢ + λR(W)'],
    ['L2', r`R(W) = \sum_{i,j} W_{i,j}^2`, 'R(W) = ∑_{i,j} W_{i,j}²'],
    ['L1', r`R(W) = \sum_{i,j} |W_{i,j}|`, 'R(W) = ∑_{i,j} |W_{i,j}|'],
    ['MAP objective', r`\theta^* = \arg \min_{\theta} -\sum_{i=1}^{N} \log P(y_i | x_i; \theta) + \lambda R(\theta)`, 'θ* = arg min_θ −∑ᵢ₌₁ᴺ log P(yᵢ|xᵢ; θ) + λR(θ)'],
    ['numerical gradient', r`\nabla_w L \approx \frac{L(w + h) - L(w)}{h}`, '∇_w L ≈ (L(w + h) − L(w))/h'],
    ['AdamW', r`w = w - \alpha \left( \frac{\hat{m}}{\sqrt{\hat{v}} + \epsilon} + \lambda w \right)`, 'w = w − α(m̂/(√v̂ + ϵ) + λw)'],
    ['cosine schedule', r`\eta_t = \eta_{min} + \frac{1}{2} (\eta_{max} - \eta_{min}) \left( 1 + \cos \left(\frac{T_{cur}}{T_{max}} \pi \right) \right)`, 'ηₜ = ηₘᵢₙ + 1/2 (ηₘₐₓ − ηₘᵢₙ)(1 + cos(T_{cur}/Tₘₐₓ π))'],
    ['linear schedule', r`a_t =a_0(1 - \frac{t}{T})`, 'aₜ = a₀(1 − t/T)'],
    ['inverse sqrt', r`a_t = \frac{a_0}{\sqrt{t}}`, 'aₜ = a₀/√t'],
    ['sigmoid', r`\sigma(x) = \frac{1}{1 + e^{-x}}`, 'σ(x) = 1/(1 + e⁻ˣ)'],
    ['tanh', r`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`, 'tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)'],
    ['ReLU', r`\text{ReLU}(x) = \max(0, x)`, 'ReLU(x) = max(0, x)'],
    ['Leaky ReLU (cases)', r`\text{Leaky ReLU}(x) = \begin{cases} x & x \geq 0 \\ 0.01 x & x < 0 \end{cases}`, 'Leaky ReLU(x) = { x, x ≥ 0; 0.01x, x < 0 }'],
    ['GELU', r`\text{GELU}(x) = x \cdot \Phi(x) = x \cdot \frac{1}{2} \left( 1 + \text{erf} \left( \frac{x}{\sqrt{2}} \right) \right)`, 'GELU(x) = x·Φ(x) = x·1/2 (1 + erf(x/√2))'],
    ['ELU', r`\text{ELU}(x) = \begin{cases} x & x \geq 0 \\ \alpha (e^{x} - 1) & x < 0 \end{cases}`, 'ELU(x) = { x, x ≥ 0; α(eˣ − 1), x < 0 }'],
    ['Maxout', r`\text{Maxout}(x) = \max(w_1^T x + b_1, w_2^T x + b_2)`, 'Maxout(x) = max(w₁ᵀx + b₁, w₂ᵀx + b₂)'],
    ['vector gradient', r`\frac{\partial L}{\partial \mathbf{x}}`, '∂L/∂𝐱'],
    ['matmul element', r`y_{n,m} = \sum_{d} x_{n,d}w_{d,m}`, 'y_{n,m} = ∑_d x_{n,d} w_{d,m}'],
    ['parameters', r`\text{参数量} = F_H \times F_W \times C \times K + K \quad (\text{偏置})`, '参数量 = F_H × F_W × C × K + K  (偏置)'],
    ['BN normalise', r`\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}`, 'x̂ᵢ = (xᵢ − μ_B)/√(σ_B² + ϵ)'],
    ['BN scale', r`y_i = \gamma \hat{x}_i + \beta`, 'yᵢ = γx̂ᵢ + β'],
    ['Jacobian', r`\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \begin{bmatrix} \frac{\partial y_1}{\partial x_1} & \ldots \\ \vdots & \ddots \end{bmatrix}`, '∂𝐲/∂𝐱 = [∂y₁/∂x₁, …; ⋮, ⋱]'],
    ['misc symbols', r`x \in \mathbb{R}^{n}, \; \|x\|_2 \leq 1, \infty, \hat{y} \neq y`, 'x ∈ ℝⁿ, ‖x‖₂ ≤ 1, ∞, y\u0302 ≠ y'],
    ['roots, bars, primes', r`\sqrt[3]{x} + \bar{x} + \vec{v} + x' + 2\frac{a}{b}`, '∛x + x̄ + v⃗ + x′ + 2 a/b'],
    ['operatorname', r`\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`, 'softmax(z)ᵢ = e^(zᵢ)/(∑ⱼ e^(zⱼ))'],
    ['transpose', r`\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^{\top}, \; A^\intercal, \; x \perp y`, '∂L/∂X = ∂L/∂Y Wᵀ, Aᵀ, x ⊥ y'],
    ['sigmoid derivative', r`\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2}`, 'σ′(x) = e⁻ˣ/(1 + e⁻ˣ)²'],
    ['conv output size', r`H' = \frac{H - F_H + 2P}{S} + 1`, 'H′ = (H − F_H + 2P)/S + 1'],
  ])('%s', (_, tex, out) => {
    expect(latexToUnicode(tex)).toBe(out);
  });

  it('writes aligned environments one row per line (Adam)', () => {
    const adam = r`\begin{aligned} m = & \beta_1 m + (1 - \beta_1) \nabla_w L \\ v = & \beta_2 v + (1 - \beta_2) (\nabla_w L)^2 \\ \hat{m} = & \frac{m}{1 - \beta_1^t} \\ \hat{v} = & \frac{v}{1 - \beta_2^t} \\ w = & w - \alpha \frac{\hat{m}}{\sqrt{\hat{v}} + \epsilon} \end{aligned}`;
    expect(latexToUnicode(adam).split('\n')).toEqual([
      'm = β₁m + (1 − β₁)∇_w L',
      'v = β₂v + (1 − β₂)(∇_w L)²',
      'm̂ = m/(1 − β₁ᵗ)',
      'v̂ = v/(1 − β₂ᵗ)',
      'w = w − α m̂/(√v̂ + ϵ)',
    ]);
    const bn = r`\begin{aligned} \mu_B = & \frac{1}{m} \sum_{i=1}^{m} x_i \\ \sigma_B^2 = & \frac{1}{m} \sum_{i=1}^{m} (x_i - \mu_B)^2 \end{aligned}`;
    expect(latexToUnicode(bn)).toBe('μ_B = 1/m ∑ᵢ₌₁ᵐ xᵢ\nσ_B² = 1/m ∑ᵢ₌₁ᵐ (xᵢ − μ_B)²');
  });

  it('falls back to _{..} and ^(..) when a character has no Unicode script form', () => {
    expect(latexToUnicode('x_{q}')).toBe('x_q');
    expect(latexToUnicode('x_{cq}')).toBe('x_{cq}');
    expect(latexToUnicode('e^{s_{y}}')).toBe('e^(s_y)');
    expect(latexToUnicode('x_{12}^{2}')).toBe('x₁₂²');
  });

  it('throws a LatexError naming the problem', () => {
    expect(() => latexToUnicode(r`\frac{1}{`)).toThrow(/Unexpected end of input/);
    expect(() => latexToUnicode(r`\notacommand x`)).toThrow(/Undefined control sequence: \\notacommand/);
  });
});

describe('text with $...$', () => {
  it('renders only the math, keeping \\$ as a dollar', () => {
    expect(renderMathText(r`Sigmoid: $\sigma(x) = \frac{1}{1+e^{-x}}$ costs \$5, and $x^2$.`)).toBe('Sigmoid: σ(x) = 1/(1 + e⁻ˣ) costs $5, and x².');
    expect(renderMathText('no math here')).toBe('no math here');
    expect(renderMathText(r`$$\beta_1$$ display`)).toBe('β₁ display');
  });
  it('shows a formula that does not parse as written', () => {
    expect(renderMathText(r`bad $\frac{1}{$ here`)).toBe(r`bad \frac{1}{ here`);
  });
  it('splits segments with offsets', () => {
    expect(splitMath('a $x$ b')).toEqual({ segments: [{ math: false, text: 'a ', offset: 0 }, { math: true, text: 'x', offset: 3 }, { math: false, text: ' b', offset: 5 }] });
  });
  it('lists LaTeX problems: unclosed $ and parse errors', () => {
    expect(latexProblems('fine $x$')).toEqual([]);
    expect(latexProblems('costs $5').map((p) => tr(p, 'en'))).toEqual(['unclosed $ at character 7 (write \\$ for a literal dollar)']);
    expect(tr(latexProblems(r`$\frac{1}{$`)[0]!, 'en')).toMatch(/^LaTeX does not parse in \$\\frac\{1\}\{\$: /);
  });
  it('says KaTeX\'s common errors in Chinese, keeping the position and the excerpt', () => {
    const zh = (tex: string): string => tr(latexProblems(`$${tex}$`)[0]!, 'zh');
    expect(zh(r`\frac{1}{`)).toBe("LaTeX 无法解析：$\\frac{1}{$：命令的参数没有写完，缺少 '}'（在末尾：\\frac{1}{）");
    expect(zh(r`\foo`)).toMatch(/：未定义的命令 \\foo（第 1 个字符：/);
    expect(zh('ab}')).toMatch(/：多出了 '}'（第 3 个字符：/);
    expect(zh(r`\left(`)).toMatch(/：缺少 '\\right'（在末尾：/);
    expect(zh('x_1_2')).toMatch(/：同一个符号有两个下标/);
    expect(zh(r`\begin{foo}`)).toMatch(/：没有这个环境：foo/);
    expect(tr(latexProblems('costs $5')[0]!, 'zh')).toBe('第 7 个字符处的 $ 没有闭合（表示美元符号本身请写 \\$）');
    // English is KaTeX's own message.
    expect(tr(latexProblems(r`$\foo$`)[0]!, 'en')).toMatch(/^LaTeX does not parse in \$\\foo\$: Undefined control sequence: \\foo at position 1: /);
  });
});
