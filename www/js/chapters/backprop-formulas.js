// @ts-check
/**
 * The backpropagation chapter's formulas for one walk-through from the core (`backpropLab(…).walk`):
 * each step's equation with its live numbers (forward, BP1, BP2, BP3, BP4, the update), the chain
 * rule behind BP2 term by term, Nielsen's `backprop` as code with the line each step runs, and the
 * finite-difference check beside every backprop derivative.
 *
 * A walk-through indexes layers by i = l − 2 (w, b, z, δ, ∂C/∂w …) and activations by l − 1
 * (a[0] = x); the formulas use the lecture's l, j, k (from 1).
 */
import { esc } from '../dom.js';
import { tex, texMatrix, texNumber, texVector } from '../kit/tex.js';

/** @typedef {{kind: string, l: number, values: number[], numeric: number[]}} Step */
/**
 * @typedef {{sizes: number[], x: number[], y: number[], w: number[][], b: number[][], z: number[][], a: number[][],
 *   sigmaPrime: number[][], back: number[][], gradA: number[], delta: number[][], nablaB: number[][], nablaW: number[][],
 *   numericB: number[][], numericW: number[][], maxRelativeError: number, cost: number, eta: number,
 *   wAfter: number[][], bAfter: number[][], costAfter: number, steps: Step[]}} Walk
 */

export const CODE = [
  'def backprop(self, x, y):',
  '    nabla_b = [np.zeros(b.shape) for b in self.biases]',
  '    nabla_w = [np.zeros(w.shape) for w in self.weights]',
  '    activation = x',
  '    activations = [x]; zs = []',
  '    for b, w in zip(self.biases, self.weights):',
  '        z = np.dot(w, activation)+b',
  '        zs.append(z)',
  '        activation = sigmoid(z)',
  '        activations.append(activation)',
  '    delta = self.cost_derivative(activations[-1], y) * \\',
  '        sigmoid_prime(zs[-1])',
  '    nabla_b[-1] = delta',
  '    nabla_w[-1] = np.dot(delta, activations[-2].transpose())',
  '    for l in xrange(2, self.num_layers):',
  '        z = zs[-l]',
  '        sp = sigmoid_prime(z)',
  '        delta = np.dot(self.weights[-l+1].transpose(), delta) * sp',
  '        nabla_b[-l] = delta',
  '        nabla_w[-l] = np.dot(delta, activations[-l-1].transpose())',
  '    return (nabla_b, nabla_w)',
  '# update_mini_batch, after backprop (one example: m = 1):',
  'self.weights = [w-(eta/m)*nw for w, nw in zip(self.weights, nabla_w)]',
  'self.biases = [b-(eta/m)*nb for b, nb in zip(self.biases, nabla_b)]',
];

/** The code lines (1-based) a step runs; the first one carries the note. */
export function codeLines(step, L) {
  if (!step) return [4, 5];
  switch (step.kind) {
    case 'forward': return [7, 8, 9, 10];
    case 'bp1': return [11, 12];
    case 'bp2': return [16, 17, 18];
    case 'bp3': return [step.l === L ? 13 : 19];
    case 'bp4': return [step.l === L ? 14 : 20];
    default: return [23, 24];
  }
}

export function codeHTML() {
  return `<pre class="bp-code" data-ref="code" data-testid="code"><code>${CODE.map((text, i) =>
    `<span class="line" data-line="${i + 1}">${esc(text)}</span>`).join('')}</code></pre>`;
}

/** @param {HTMLElement} pre @param {number[]} lines @param {string} note */
export function highlightLines(pre, lines, note) {
  pre.dataset.activeLine = String(lines[0]);
  for (const el of pre.querySelectorAll('.line')) {
    const span = /** @type {HTMLElement} */ (el);
    const n = Number(span.dataset.line);
    const on = lines.includes(n);
    span.classList.toggle('on', on);
    if (n === lines[0]) span.setAttribute('aria-current', 'step');
    else span.removeAttribute('aria-current');
    span.dataset.note = n === lines[0] ? note : '';
  }
}

const hl = (s) => `\\colorbox{#ffe8a3}{$${s}$}`;
const p = (x, d = 3) => {
  const t = texNumber(x, d);
  return t.startsWith('-') ? `(${t})` : t;
};
const SIGMA = { sigmoid: '\\sigma', tanh: '\\tanh', relu: '\\operatorname{relu}', identity: '\\operatorname{id}' };

/**
 * The equation of one step with its numbers; `focus` = {j, k} (from 1) highlights one entry.
 * @param {Walk} w @param {Step|null} step @param {{j: number, k: number}} focus
 * @param {{hidden: string, output: string, cost: string}} kinds
 */
export function stepTeX(w, step, focus, kinds) {
  const L = w.sizes.length;
  if (!step) {
    return `a^1 = x = ${texVector(w.x, { digits: 3 })}, \\qquad y = ${texVector(w.y, { digits: 2 })}`;
  }
  const { l } = step;
  const i = l - 2;
  const n = w.sizes[l - 1];
  const m = w.sizes[l - 2];
  const row = (r) => r + 1 === focus.j;
  const act = SIGMA[l === L ? kinds.output : kinds.hidden];
  const V = (v, d = 3, h = row) => texMatrix(v, v.length, 1, { digits: d, highlight: h });
  if (step.kind === 'forward') {
    const W = texMatrix(w.w[i], n, m, { digits: 2, highlight: (r) => row(r) });
    return `\\begin{aligned} z^{${l}} &= w^{${l}} a^{${l - 1}} + b^{${l}} = ${W} ${V(w.a[l - 2], 3, () => false)} + ${V(w.b[i], 2)} = ${V(w.z[i])} \\\\[0.3em]` +
      ` a^{${l}} &= ${act}(z^{${l}}) = ${V(w.a[l - 1])} \\end{aligned}`;
  }
  if (step.kind === 'bp1') {
    const grad = kinds.cost === 'quadratic' ? 'a^L - y' : '\\tfrac{a^L - y}{a^L(1 - a^L)}';
    return `\\begin{aligned} \\delta^{${l}} &= \\nabla_a C \\odot ${act}'(z^{${l}}) \\qquad \\nabla_a C = ${grad} \\\\[0.3em]` +
      ` &= ${V(w.gradA)} \\odot ${V(w.sigmaPrime[i])} = ${V(w.delta[i])} \\end{aligned}`;
  }
  if (step.kind === 'bp2') {
    const nNext = w.sizes[l];
    const WT = texMatrix(transpose(w.w[i + 1], nNext, n), n, nNext, { digits: 2, highlight: (r) => row(r) });
    return `\\begin{aligned} \\delta^{${l}} &= \\big((w^{${l + 1}})^T \\delta^{${l + 1}}\\big) \\odot ${act}'(z^{${l}}) \\\\[0.3em]` +
      ` &= \\Big(${WT} ${V(w.delta[i + 1], 3, () => false)}\\Big) \\odot ${V(w.sigmaPrime[i])} \\\\[0.3em]` +
      ` &= ${V(w.back[i])} \\odot ${V(w.sigmaPrime[i])} = ${V(w.delta[i])} \\end{aligned}`;
  }
  if (step.kind === 'bp3') {
    return `\\frac{\\partial C}{\\partial b^{${l}}_j} = \\delta^{${l}}_j: \\qquad \\frac{\\partial C}{\\partial b^{${l}}} = ${V(w.nablaB[i])}`;
  }
  if (step.kind === 'bp4') {
    const { j, k } = focus;
    const g = w.nablaW[i][(j - 1) * m + (k - 1)];
    const G = texMatrix(w.nablaW[i], n, m, { digits: 4, highlight: (r, c) => r + 1 === j && c + 1 === k });
    return `\\begin{aligned} \\frac{\\partial C}{\\partial w^{${l}}_{jk}} &= a^{${l - 1}}_k \\delta^{${l}}_j, \\quad` +
      ` \\frac{\\partial C}{\\partial w^{${l}}_{${j}${k}}} = ${p(w.a[l - 2][k - 1])} \\cdot ${p(w.delta[i][j - 1], 4)} = ${texNumber(g, 4)} \\\\[0.3em]` +
      ` \\frac{\\partial C}{\\partial w^{${l}}} &= \\delta^{${l}} (a^{${l - 1}})^T = ${G} \\end{aligned}`;
  }
  // the update, every layer
  const lines = [];
  for (let ll = 2; ll <= L; ll++) {
    const ii = ll - 2;
    const [nn, mm] = [w.sizes[ll - 1], w.sizes[ll - 2]];
    lines.push(`w^{${ll}} &\\leftarrow w^{${ll}} - \\eta \\tfrac{\\partial C}{\\partial w^{${ll}}} = ${texMatrix(w.wAfter[ii], nn, mm, { digits: 3 })}, \\quad` +
      ` b^{${ll}} \\leftarrow ${texMatrix(w.bAfter[ii], nn, 1, { digits: 3 })}`);
  }
  return `\\begin{aligned} ${lines.join(' \\\\[0.3em] ')} \\end{aligned}`;
}

/** A row-major n × m matrix transposed (m × n). */
export function transpose(values, n, m) {
  const out = new Array(n * m);
  for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) out[c * n + r] = values[r * m + c];
  return out;
}

/**
 * BP2 from the chain rule for neuron j of layer l (< L), term by term with the numbers:
 * δ^l_j = Σ_k ∂C/∂z^{l+1}_k · ∂z^{l+1}_k/∂z^l_j = Σ_k δ^{l+1}_k w^{l+1}_kj σ′(z^l_j).
 * @param {Walk} w @param {number} l @param {number} j @param {string} act
 */
export function chainTeX(w, l, j, act) {
  const i = l - 2;
  const n = w.sizes[l - 1];
  const nNext = w.sizes[l];
  const s = SIGMA[act] || '\\sigma';
  const sp = w.sigmaPrime[i][j - 1];
  const terms = [];
  for (let k = 1; k <= nNext; k++) {
    terms.push(`\\underbrace{${p(w.delta[i + 1][k - 1], 4)}}_{\\delta^{${l + 1}}_{${k}}} \\cdot \\underbrace{${p(w.w[i + 1][(k - 1) * n + (j - 1)], 3)}}_{w^{${l + 1}}_{${k}${j}}} \\cdot ${p(sp, 4)}`);
  }
  return `\\begin{aligned} \\delta^{${l}}_{${j}} &= \\frac{\\partial C}{\\partial z^{${l}}_{${j}}}` +
    ` = \\sum_k \\frac{\\partial C}{\\partial z^{${l + 1}}_k} \\frac{\\partial z^{${l + 1}}_k}{\\partial z^{${l}}_{${j}}}` +
    ` \\qquad z^{${l + 1}}_k = \\sum_{j'} w^{${l + 1}}_{kj'} ${s}(z^{${l}}_{j'}) + b^{${l + 1}}_k \\\\[0.3em]` +
    ` &= \\sum_k \\delta^{${l + 1}}_k \\, w^{${l + 1}}_{k${j}} \\, ${s}'(z^{${l}}_{${j}}) \\\\[0.3em]` +
    ` &= ${terms.join(' + ')} \\\\[0.3em] &= ${hl(texNumber(w.delta[i][j - 1], 4))} \\end{aligned}`;
}

/** |a − b| / max(|a|, |b|, 1e-8), as the core computes it. */
export function relError(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-8);
}

/**
 * Beside each backprop derivative of a BP3 / BP4 step, the finite difference and the relative error.
 * @param {Walk} w @param {Step} step
 */
export function checkTableHTML(w, step) {
  const l = step.l;
  const m = w.sizes[l - 2];
  const name = (idx) => (step.kind === 'bp3' ? `b^{${l}}_{${idx + 1}}` : `w^{${l}}_{${Math.floor(idx / m) + 1}${(idx % m) + 1}}`);
  const rows = step.values.map((g, idx) => {
    const num = step.numeric[idx];
    return `<tr><td>${tex(`\\partial C / \\partial ${name(idx)}`)}</td><td class="num" data-testid="bp-value">${g.toFixed(6)}</td>
      <td class="num">${num.toFixed(6)}</td><td class="num">${relError(g, num).toExponential(1)}</td></tr>`;
  }).join('');
  return `<table class="values bp-check" data-testid="check-table"><thead><tr><th>derivative</th><th>backprop</th>
    <th>finite difference</th><th>relative error</th></tr></thead><tbody>${rows}</tbody></table>`;
}
