// @ts-check
/**
 * The feedforward chapter's words and formulas for one snapshot of the network: what a hovered
 * connection or neuron is (w^l_jk spelt out, b^l_j, z^l_j, a^l_j), the selected layer in matrix form
 * a^l = σ(w^l a^{l−1} + b^l), the selected neuron in sum form, and Nielsen's `feedforward` as code.
 *
 * A snapshot is plain numbers: { sizes, w[l], b[l], z[l], a[l] } indexed by the lecture's l (w[l], b[l],
 * z[l] for l = 2 … L; a[1] is the input). Indices j, k count from 1, as in the lecture.
 */
import { num, esc } from '../dom.js';
import { tex, texMatrix, texNumber } from '../kit/tex.js';

/** @typedef {{sizes: number[], w: number[][], b: number[][], z: number[][], a: number[][]}} Snapshot */
/** @typedef {{l: number, j: number, k?: number}} Target */

export const CODE = [
  'def feedforward(self, a):',
  '    for b, w in zip(self.biases, self.weights):',
  '        a = sigmoid(np.dot(w, a)+b)',
  '    return a',
];

/** The code block; `line` (1-based) is highlighted. */
export function codeHTML() {
  return `<pre class="ff-code" data-ref="code" data-testid="code"><code>${CODE.map((text, i) =>
    `<span class="line" data-line="${i + 1}">${esc(text)}</span>`).join('')}</code></pre>`;
}

/**
 * @param {HTMLElement} pre
 * @param {number} line 1-based
 * @param {string} note a comment shown after the line, e.g. "# l = 2"
 */
export function highlightLine(pre, line, note) {
  pre.dataset.activeLine = String(line);
  for (const el of pre.querySelectorAll('.line')) {
    const span = /** @type {HTMLElement} */ (el);
    const on = Number(span.dataset.line) === line;
    span.classList.toggle('on', on);
    if (on) span.setAttribute('aria-current', 'step');
    else span.removeAttribute('aria-current');
    span.dataset.note = on ? note : '';
  }
}

/** @param {string} s */
const hl = (s) => `\\colorbox{#ffe8a3}{$${s}$}`;

/**
 * The words and values for a hovered or selected target; returns HTML and the data-* for tests.
 * @param {Snapshot} s @param {Target} t
 */
export function inspectHTML(s, t) {
  const L = s.sizes.length;
  const layerName = (l) => (l === 1 ? 'the input layer' : l === L ? 'the output layer' : `hidden layer ${l}`);
  if (t.k !== undefined) {
    const { l, j, k } = t;
    const v = s.w[l][(j - 1) * s.sizes[l - 2] + (k - 1)];
    return {
      html: `<p class="ff-what">${tex(`w^{${l}}_{${j}${k}} = ${texNumber(v, 3)}`)}</p>
        <p>the weight <strong>from neuron ${k} in layer ${l - 1}</strong> to <strong>neuron ${j} in layer ${l}</strong>
        (${tex(`l = ${l}`)}, ${tex(`j = ${j}`)}, ${tex(`k = ${k}`)}): it multiplies ${tex(`a^{${l - 1}}_{${k}} = ${texNumber(s.a[l - 1][k - 1], 3)}`)}
        in ${tex(`z^{${l}}_{${j}}`)}.</p>`,
      data: { kind: 'weight', l, j, k, value: v },
    };
  }
  const { l, j } = t;
  const a = s.a[l][j - 1];
  if (l === 1) {
    return {
      html: `<p class="ff-what">${tex(`a^{1}_{${j}} = x_{${j}} = ${texNumber(a, 3)}`)}</p>
        <p><strong>neuron ${j} in the input layer</strong> (${tex('l = 1')}): no bias, no weighted input — it passes on ${tex(`x_${j}`)}.</p>`,
      data: { kind: 'neuron', l, j, a },
    };
  }
  const b = s.b[l][j - 1];
  const z = s.z[l][j - 1];
  return {
    html: `<p class="ff-what">${tex(`b^{${l}}_{${j}} = ${texNumber(b, 3)}, \\quad z^{${l}}_{${j}} = ${texNumber(z, 3)}, \\quad a^{${l}}_{${j}} = \\sigma(z^{${l}}_{${j}}) = ${texNumber(a, 3)}`)}</p>
      <p><strong>neuron ${j} in ${layerName(l)}</strong> (${tex(`l = ${l}`)}, ${tex(`j = ${j}`)}): its bias, weighted input and activation for this input.</p>`,
    data: { kind: 'neuron', l, j, b, z, a },
  };
}

/**
 * a^l = σ(w^l a^{l−1} + b^l) with the numbers of layer l (≥ 2); the target's row/column highlighted.
 * @param {Snapshot} s @param {number} l @param {Target|null} t
 */
export function matrixTeX(s, l, t) {
  const n = s.sizes[l - 1];
  const m = s.sizes[l - 2];
  const row = t && t.l === l ? t.j : 0;
  const col = t && t.l === l && t.k !== undefined ? t.k : 0;
  const W = texMatrix(s.w[l], n, m, { digits: 2, highlight: (i, c) => i + 1 === row && (!col || c + 1 === col) });
  const aPrev = texMatrix(s.a[l - 1], m, 1, { digits: 2, highlight: (i) => i + 1 === col });
  const rowOnly = (i) => i + 1 === row;
  const b = texMatrix(s.b[l], n, 1, { digits: 2, highlight: rowOnly });
  const z = texMatrix(s.z[l], n, 1, { digits: 2, highlight: rowOnly });
  const a = texMatrix(s.a[l], n, 1, { digits: 2, highlight: rowOnly });
  const u = (body, label) => `\\underbrace{${body}}_{${label}}`;
  return `\\begin{aligned} a^{${l}} &= \\sigma\\big(w^{${l}} a^{${l - 1}} + b^{${l}}\\big) \\\\[0.2em] &= \\sigma\\Big(${u(W, `w^{${l}}`)} ${u(aPrev, `a^{${l - 1}}`)} + ${u(b, `b^{${l}}`)}\\Big)` +
    ` \\\\[0.4em] &= \\sigma\\Big(${u(z, `z^{${l}}`)}\\Big) = ${u(a, `a^{${l}}`)} \\end{aligned}`;
}

/**
 * a^l_j = σ(Σ_k w^l_jk a^{l−1}_k + b^l_j), each term with its numbers; term k highlighted for a connection.
 * @param {Snapshot} s @param {number} l @param {number} j @param {number} [k]
 */
export function sumTeX(s, l, j, k) {
  const m = s.sizes[l - 2];
  const p = (x) => {
    const t = texNumber(x, 2);
    return t.startsWith('-') ? `(${t})` : t;
  };
  const terms = [];
  for (let kk = 1; kk <= m; kk++) {
    const term = `${p(s.w[l][(j - 1) * m + kk - 1])} \\cdot ${p(s.a[l - 1][kk - 1])}`;
    terms.push(kk === k ? hl(term) : term);
  }
  return `\\begin{aligned} a^{${l}}_{${j}} &= \\sigma\\Big(\\sum_{k=1}^{${m}} w^{${l}}_{${j}k}\\, a^{${l - 1}}_k + b^{${l}}_{${j}}\\Big)` +
    ` \\\\ &= \\sigma\\big(${terms.join(' + ')} + ${p(s.b[l][j - 1])}\\big) \\\\ &= \\sigma(${texNumber(s.z[l][j - 1], 3)}) = ${texNumber(s.a[l][j - 1], 3)} \\end{aligned}`;
}

/** "3 → 4 → 2" */
export function shapeText(sizes) {
  return sizes.map((n) => num(n, 0)).join(' → ');
}
