// @ts-check
/**
 * Formulas typeset from LaTeX, as on the slides, by KaTeX (vendored into the site by `make`: nothing is
 * loaded from another host). Live numbers go into the LaTeX too: `texNumber`, `texMatrix`, `texVector`.
 */
import katex from '../../vendor/katex/katex.mjs';

/** HTML for `latex`, inline (or display style). Bad LaTeX shows in red instead of throwing. */
export function tex(latex, display = false) {
  return katex.renderToString(latex, { displayMode: display, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
}

/** Typeset `latex` into `element` (display style). */
export function texInto(element, latex, display = true) {
  element.innerHTML = tex(latex, display);
}

/** A number for LaTeX: fixed decimals, a real minus, NaN and ∞ spelt out. */
export function texNumber(x, digits = 2) {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * A matrix of numbers, row-major, in brackets.
 * @param {ArrayLike<number>} values
 * @param {number} rows
 * @param {number} cols
 * @param {{digits?: number, highlight?: (i: number, j: number) => boolean}} [o]
 */
export function texMatrix(values, rows, cols, { digits = 2, highlight } = {}) {
  const lines = [];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < cols; j++) {
      const cell = texNumber(values[i * cols + j], digits);
      cells.push(highlight?.(i, j) ? `\\colorbox{#ffe8a3}{$${cell}$}` : cell);
    }
    lines.push(cells.join(' & '));
  }
  return `\\begin{bmatrix}${lines.join(' \\\\ ')}\\end{bmatrix}`;
}

/** A column vector. */
export function texVector(values, o = {}) {
  return texMatrix(values, values.length, 1, o);
}
