/** Unicode for LaTeX symbols, sub/superscript characters and font alphabets (used by render/latex.ts). */

export const SYMBOLS: Record<string, string> = {
  // Greek
  '\\alpha': 'α', '\\beta': 'β', '\\gamma': 'γ', '\\delta': 'δ', '\\epsilon': 'ϵ', '\\varepsilon': 'ε',
  '\\zeta': 'ζ', '\\eta': 'η', '\\theta': 'θ', '\\vartheta': 'ϑ', '\\iota': 'ι', '\\kappa': 'κ',
  '\\lambda': 'λ', '\\mu': 'μ', '\\nu': 'ν', '\\xi': 'ξ', '\\pi': 'π', '\\varpi': 'ϖ', '\\rho': 'ρ',
  '\\varrho': 'ϱ', '\\sigma': 'σ', '\\varsigma': 'ς', '\\tau': 'τ', '\\upsilon': 'υ', '\\phi': 'ϕ',
  '\\varphi': 'φ', '\\chi': 'χ', '\\psi': 'ψ', '\\omega': 'ω',
  '\\Gamma': 'Γ', '\\Delta': 'Δ', '\\Theta': 'Θ', '\\Lambda': 'Λ', '\\Xi': 'Ξ', '\\Pi': 'Π',
  '\\Sigma': 'Σ', '\\Upsilon': 'Υ', '\\Phi': 'Φ', '\\Psi': 'Ψ', '\\Omega': 'Ω',
  // relations
  '\\leq': '≤', '\\le': '≤', '\\geq': '≥', '\\ge': '≥', '\\neq': '≠', '\\ne': '≠', '\\approx': '≈',
  '\\equiv': '≡', '\\sim': '∼', '\\simeq': '≃', '\\propto': '∝', '\\ll': '≪', '\\gg': '≫',
  '\\in': '∈', '\\notin': '∉', '\\subset': '⊂', '\\subseteq': '⊆', '\\to': '→', '\\rightarrow': '→',
  '\\leftarrow': '←', '\\gets': '←', '\\Rightarrow': '⇒', '\\Leftarrow': '⇐', '\\iff': '⟺',
  '\\Leftrightarrow': '⇔', '\\mapsto': '↦', '\\coloneqq': '≔', '\\mid': '∣', '\\perp': '⊥',
  '\\leftrightarrow': '↔', '\\longrightarrow': '⟶', '\\implies': '⟹',
  // operators
  '\\times': '×', '\\cdot': '·', '\\div': '÷', '\\pm': '±', '\\mp': '∓', '\\ast': '∗', '\\star': '⋆',
  '\\circ': '∘', '\\odot': '⊙', '\\oplus': '⊕', '\\otimes': '⊗', '\\cup': '∪', '\\cap': '∩',
  '\\wedge': '∧', '\\vee': '∨', '\\land': '∧', '\\lor': '∨', '\\setminus': '∖', '\\bullet': '•',
  // misc
  '\\infty': '∞', '\\partial': '∂', '\\nabla': '∇', '\\forall': '∀', '\\exists': '∃', '\\emptyset': '∅',
  '\\varnothing': '∅', '\\neg': '¬', '\\lnot': '¬', '\\prime': '′', '\\ell': 'ℓ', '\\hbar': 'ℏ',
  '\\ldots': '…', '\\varvdots': '⋮', '\\dots': '…', '\\cdots': '⋯', '\\vdots': '⋮', '\\ddots': '⋱', '\\dotsc': '…', '\\dotsb': '⋯',
  '\\top': '⊤', '\\bot': '⊥', '\\intercal': '⊺', '\\angle': '∠', '\\triangle': '△', '\\square': '□', '\\checkmark': '✓', '\\degree': '°',
  '\\|': '‖', '\\lVert': '‖', '\\rVert': '‖', '\\Vert': '‖', '\\lvert': '|', '\\rvert': '|', '\\vert': '|',
  '\\langle': '⟨', '\\rangle': '⟩', '\\lfloor': '⌊', '\\rfloor': '⌋', '\\lceil': '⌈', '\\rceil': '⌉',
  '\\{': '{', '\\}': '}', '\\lbrace': '{', '\\rbrace': '}', '\\lbrack': '[', '\\rbrack': ']',
  '\\%': '%', '\\$': '$', '\\&': '&', '\\#': '#', '\\_': '_', '\\textbackslash': '\\',
  '\\colon': ':', '\\backslash': '\\', '\\S': '§', '\\dag': '†',
  '-': '−',
};

/** Big operators (symbol form). */
export const BIG_OPS: Record<string, string> = {
  '\\sum': '∑', '\\prod': '∏', '\\coprod': '∐', '\\int': '∫', '\\iint': '∬', '\\iiint': '∭', '\\oint': '∮',
  '\\bigcup': '⋃', '\\bigcap': '⋂', '\\bigoplus': '⊕', '\\bigotimes': '⊗', '\\bigvee': '⋁', '\\bigwedge': '⋀',
};

export const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
  a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ',
  n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ',
  A: 'ᴬ', B: 'ᴮ', D: 'ᴰ', E: 'ᴱ', G: 'ᴳ', H: 'ᴴ', I: 'ᴵ', J: 'ᴶ', K: 'ᴷ', L: 'ᴸ', M: 'ᴹ', N: 'ᴺ',
  O: 'ᴼ', P: 'ᴾ', R: 'ᴿ', T: 'ᵀ', U: 'ᵁ', V: 'ⱽ', W: 'ᵂ',
  'β': 'ᵝ', 'γ': 'ᵞ', 'δ': 'ᵟ', 'θ': 'ᶿ', 'ϕ': 'ᵠ', 'φ': 'ᵠ', 'χ': 'ᵡ', '′': '′', '∗': '*', '*': '*',
  '⊤': 'ᵀ', '⊺': 'ᵀ',
};

export const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ',
  s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
  'β': 'ᵦ', 'γ': 'ᵧ', 'ρ': 'ᵨ', 'ϕ': 'ᵩ', 'φ': 'ᵩ', 'χ': 'ᵪ',
};

/** Combining marks for accents. */
export const ACCENTS: Record<string, string> = {
  '\\hat': '\u0302', '\\widehat': '\u0302', '\\bar': '\u0304', '\\overline': '\u0305', '\\tilde': '\u0303',
  '\\widetilde': '\u0303', '\\dot': '\u0307', '\\ddot': '\u0308', '\\vec': '\u20d7', '\\check': '\u030c',
  '\\breve': '\u0306', '\\acute': '\u0301', '\\grave': '\u0300', '\\overrightarrow': '\u20d7',
};

const BOLD_UPPER = 0x1d400;
const BOLD_LOWER = 0x1d41a;
const BOLD_DIGIT = 0x1d7ce;
const DOUBLE_STRUCK: Record<string, string> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };
const BOLD_GREEK: Record<string, string> = {
  'α': '𝛂', 'β': '𝛃', 'γ': '𝛄', 'δ': '𝛅', 'ϵ': '𝛜', 'ε': '𝛆', 'θ': '𝛉', 'λ': '𝛌', 'μ': '𝛍', 'σ': '𝛔',
  'τ': '𝛕', 'ϕ': '𝛟', 'φ': '𝛗', 'ω': '𝛚', 'Σ': '𝚺', 'Δ': '𝚫', 'Θ': '𝚯', 'Φ': '𝚽',
};

/** Maps Latin letters and digits to a font alphabet (bold, double-struck); others unchanged. */
export function fontChars(text: string, font: string): string {
  if (font === 'mathbf' || font === 'boldsymbol' || font === 'bm' || font === 'textbf') {
    return [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c >= 65 && c <= 90) return String.fromCodePoint(BOLD_UPPER + c - 65);
      if (c >= 97 && c <= 122) return String.fromCodePoint(BOLD_LOWER + c - 97);
      if (c >= 48 && c <= 57) return String.fromCodePoint(BOLD_DIGIT + c - 48);
      return BOLD_GREEK[ch] ?? ch;
    }).join('');
  }
  if (font === 'mathbb') {
    return [...text].map((ch) => DOUBLE_STRUCK[ch] ?? (/[A-Z]/.test(ch) ? String.fromCodePoint(0x1d538 + ch.charCodeAt(0) - 65) : ch)).join('');
  }
  return text;
}
