// @ts-check
/**
 * Two panels of the loss chapter:
 * - the slide's table of output layers and costs that belong together, each with δᴸ = aᴸ − y computed
 *   by the core's general formula next to aᴸ − y, on a small seeded network (`lossPair`);
 * - softmax: logit sliders → probabilities summing to 1, the Jacobian ∂Qᵢ/∂zⱼ typeset live (the column
 *   of the logit just moved highlighted), and δ = Q − y against central differences (`softmaxLab`).
 */
import { lossPair, softmaxLab } from '../wasm.js';
import { num } from '../dom.js';
import { tex, texMatrix, texVector, texNumber } from '../kit/tex.js';

const LOGITS = 4;
const CLASSES = 3;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const SOFTMAX_PARAMS = [
  ...[2, 1, 0.5, -1].map((d, j) => ({
    name: `z${j + 1}`, type: /** @type {'number'} */ ('number'), min: -6, max: 6, step: 0.1, slider: true, default: d,
    label: `logit ${j + 1}`, tex: `z_${j + 1}`,
  })),
  { name: 'target', type: 'int', min: 1, max: LOGITS, default: 1, label: 'true class', tex: 't', hint: 'y is one-hot: y_t = 1' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const PAIR_PARAMS = [
  { name: 'x1', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: 0.5, label: 'input 1', tex: 'x_1' },
  { name: 'x2', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: -1, label: 'input 2', tex: 'x_2' },
  { name: 'cls', type: 'int', min: 1, max: CLASSES, default: 2, label: 'true class', tex: 't' },
  { name: 'netSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'network seed', always: true },
];

const PAIRS = [
  { id: 'linearQuadratic', title: 'Linear + quadratic', output: 'a^L_j = z^L_j', cost: 'C = \\tfrac{1}{2}\\lVert y - a^L \\rVert^2',
    general: '\\delta^L = \\nabla_a C \\odot \\sigma\'(z^L) = (a^L - y) \\odot 1' },
  { id: 'sigmoidCrossEntropy', title: 'Sigmoid + cross-entropy', output: 'a^L_j = \\sigma(z^L_j)',
    cost: 'C = -\\sum_j \\big[y_j \\ln a^L_j + (1 - y_j) \\ln(1 - a^L_j)\\big]',
    general: '\\delta^L_j = \\frac{a^L_j - y_j}{a^L_j(1 - a^L_j)}\\, \\sigma\'(z^L_j)' },
  { id: 'softmaxCategorical', title: 'Softmax + categorical cross-entropy', output: 'a^L_j = \\frac{e^{z^L_j}}{\\sum_k e^{z^L_k}}',
    cost: 'C = -\\sum_j y_j \\ln a^L_j', general: '\\delta^L = J^{\\mathsf T} \\nabla_a C,\\ J_{ij} = \\frac{\\partial a^L_i}{\\partial z^L_j}' },
];

/** @param {any} r  the chapter’s refs */
export function createPairsPanel(r) {
  r.pairs.innerHTML = PAIRS.map((p) => `<div class="pair-card scroll-x" data-testid="pair-${p.id}">
      <h3>${p.title}</h3>
      <p>${tex(p.output)}</p><p>${tex(p.cost)}</p>
      <p class="note">the long way: ${tex(p.general)}</p>
      <div class="pair-live" data-pair="${p.id}"></div>
    </div>`).join('');
  return {
    /** @param {Record<string, any>} v */
    render(v) {
      for (const p of PAIRS) {
        const out = lossPair(p.id, v.netSeed, v.x1, v.x2, v.cls - 1);
        const el = /** @type {HTMLElement} */ (r.pairs.querySelector(`[data-pair="${p.id}"]`));
        const vec = (xs) => texVector(xs, { digits: 3 });
        el.innerHTML = tex(`z^L = ${vec(out.z)},\\ a^L = ${vec(out.a)},\\ y = ${vec(out.y)}`, true) +
          tex(`\\delta^L = ${vec(out.delta)} \\quad a^L - y = ${vec(out.aMinusY)}`, true) +
          `<p class="pair-cost">${tex(`C = ${texNumber(out.cost, 4)}`)}</p>`;
        el.dataset.delta = JSON.stringify(out.delta);
        el.dataset.aMinusY = JSON.stringify(out.aMinusY);
        el.dataset.z = JSON.stringify(out.z);
      }
    },
  };
}

/** @param {any} r  the chapter’s refs */
export function createSoftmaxPanel(r) {
  let moved = 0;
  return {
    /** @param {Record<string, any>} v @param {string|null} changed */
    render(v, changed) {
      if (changed && /^z\d$/.test(changed)) moved = Number(changed.slice(1)) - 1;
      const z = Float64Array.from({ length: LOGITS }, (_, j) => v[`z${j + 1}`]);
      const t = v.target - 1;
      const out = softmaxLab(z, t);
      r.softmaxBars.innerHTML = out.q.map((q, j) => `<div class="bar-row${j === t ? ' target' : ''}${j === moved ? ' moved' : ''}">
          <span class="bar-label">${tex(`Q_${j + 1}`)}</span>
          <span class="bar"><span style="width:${(100 * q).toFixed(2)}%"></span></span>
          <span class="bar-value">${num(q, 4)}</span></div>`).join('');
      r.softmaxQ.innerHTML = tex(`Q = \\operatorname{softmax}(z) = ${texVector(out.q, { digits: 4 })}, \\quad \\sum_j Q_j = ${texNumber(out.sum, 6)}`, true);
      r.softmaxQ.dataset.values = JSON.stringify(out.q);
      r.softmaxQ.dataset.sum = String(out.sum);
      r.softmaxQ.dataset.z = JSON.stringify([...z]);
      r.softmaxJ.innerHTML = tex(`\\frac{\\partial Q_i}{\\partial z_j} = ${texMatrix(out.jacobian, LOGITS, LOGITS, { digits: 4, highlight: (_i, j) => j === moved })}`, true);
      r.softmaxJ.dataset.values = JSON.stringify(out.jacobian);
      r.softmaxJNote.innerHTML = `Column ${moved + 1} (highlighted) is what moving ${tex(`z_${moved + 1}`)} does: ` +
        `${tex(`Q_${moved + 1}`)} rises (${tex(`Q_${moved + 1}(1 - Q_${moved + 1}) > 0`)}), every other ${tex('Q_i')} falls (${tex(`-Q_i Q_${moved + 1} < 0`)}).`;
      const worst = Math.max(...out.delta.map((d, j) => Math.abs(d - out.deltaNumeric[j])));
      r.softmaxDelta.innerHTML = tex(`\\delta = Q - y = ${texVector(out.delta, { digits: 5 })}`, true) +
        tex(`\\frac{C(z + h e_j) - C(z - h e_j)}{2h} = ${texVector(out.deltaNumeric, { digits: 5 })}`, true);
      r.softmaxDelta.dataset.delta = JSON.stringify(out.delta);
      r.softmaxDelta.dataset.numeric = JSON.stringify(out.deltaNumeric);
      r.softmaxCheck.textContent = `C = −ln Q${'₁₂₃₄'[t]} = ${num(out.cost, 4)}; the two columns differ by at most ${worst.toExponential(1)} (h = 10⁻⁵).`;
    },
  };
}

export function pairsHTML() {
  return `<form class="settings losses-sliders pair-sliders" data-ref="pairSettings" novalidate></form>
    <p class="hint">One network (2 inputs, 3 sigmoid hidden neurons, 3 outputs, weights from the seed); only the output
      layer and the cost change.</p>
    <div class="pairs" data-ref="pairs" data-testid="pairs"></div>`;
}

export function softmaxHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      <form class="settings losses-sliders" data-ref="softmaxSettings" novalidate></form>
    </div>
    <div class="bench-view">
      <div class="softmax-bars" data-ref="softmaxBars" data-testid="softmax-bars"></div>
      <div class="formula" data-ref="softmaxQ" data-testid="softmax-q"></div>
      <div class="formula" data-ref="softmaxJ" data-testid="softmax-jacobian"></div>
      <p class="note" data-ref="softmaxJNote"></p>
      <div class="formula" data-ref="softmaxDelta" data-testid="softmax-delta"></div>
      <p class="note" data-ref="softmaxCheck" data-testid="softmax-check"></p>
    </div>
  </div>`;
}
