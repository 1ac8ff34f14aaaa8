// @ts-check
/**
 * The perceptron, live: its two forms side by side (Σ wⱼxⱼ against a threshold; w·x + b against 0),
 * binary inputs as toggles, weights and bias as sliders, the sum with the live numbers, and the truth
 * table over all four inputs — every output computed by the core. A preset fills in the weights the
 * core gives for NAND, AND, OR or NOR.
 */
import { perceptronOutput, perceptronThresholdOutput, gatePerceptron, gateTruthTable } from '../wasm.js';
import { esc } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings } from '../kit/settings.js';
import { formulaHTML } from '../kit/chapter.js';
import { toggleHTML, readBits, bitsQuery, wireToggles, showToggles, showBitErrors, fmt, factor } from './perceptron-bits.js';

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
export const PRESETS = ['nand', 'and', 'or', 'nor'];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const GATE_PARAMS = [
  { name: 'w1', type: 'number', min: -6, max: 6, default: -2, label: 'weight', tex: 'w_1', slider: true, step: 0.1 },
  { name: 'w2', type: 'number', min: -6, max: 6, default: -2, label: 'weight', tex: 'w_2', slider: true, step: 0.1 },
  { name: 'b', type: 'number', min: -6, max: 6, default: 3, label: 'bias', tex: 'b = -\\text{threshold}', slider: true, step: 0.1 },
];

/** @type {import('./perceptron-bits.js').BitSpec[]} */
export const GATE_BITS = [
  { name: 'x1', tex: 'x_1', label: 'input x₁', default: 1 },
  { name: 'x2', tex: 'x_2', label: 'input x₂', default: 1 },
];

const THRESHOLD_TEX = '\\text{output} = \\begin{cases} 0 & \\text{if } \\sum_j w_j x_j \\le \\text{threshold} \\\\ 1 & \\text{if } \\sum_j w_j x_j > \\text{threshold} \\end{cases}';
const BIAS_TEX = '\\text{output} = \\begin{cases} 0 & \\text{if } w \\cdot x + b \\le 0 \\\\ 1 & \\text{if } w \\cdot x + b > 0 \\end{cases}';

/**
 * @param {HTMLElement} container
 * @param {{query: URLSearchParams, ctx: import('../kit/settings.js').ChapterContext, ignore: string[]}} o
 */
export function createGatePart(container, { query, ctx, ignore }) {
  const presets = Object.fromEntries(PRESETS.map((g) => [g, [...gatePerceptron(g)]]));
  const bits = readBits(GATE_BITS, query);
  const x = bits.values;
  container.innerHTML = template(x);
  const r = refsOf(container);
  showBitErrors(r.bitErrors, bits.errors);

  const settings = createSettings({
    specs: GATE_PARAMS, container: r.settings, query, ctx, ignore: [...ignore, ...GATE_BITS.map((b) => b.name)],
    onChange: () => render(),
  });
  wireToggles(r.toggles, x, () => {
    showBitErrors(r.bitErrors, []);
    ctx.setQuery('');
    render();
  });
  r.preset.addEventListener('change', () => {
    const w = presets[r.preset.value];
    if (!w) return;
    settings.set({ w1: round(w[0]), w2: round(w[1]), b: round(w[2]) });
    ctx.setQuery('');
    render();
  });
  render();

  function render() {
    const { w1, w2, b } = settings.values;
    const w = new Float32Array([w1, w2]);
    const xs = new Float32Array([x.x1, x.x2]);
    const preset = PRESETS.find((g) => presets[g].every((v, i) => Math.abs(v - [w1, w2, b][i]) < 1e-6)) || 'custom';
    r.preset.value = preset;

    // The two forms, with the live numbers.
    const sum = w1 * x.x1 + w2 * x.x2;
    const threshold = -b;
    const outT = perceptronThresholdOutput(w, xs, threshold);
    const outB = perceptronOutput(w, xs, b);
    const products = `${factor(w1)} \\cdot ${x.x1} + ${factor(w2)} \\cdot ${x.x2}`;
    const cmp = (v, lim) => (v > lim ? '>' : '\\le');
    r.liveThreshold.innerHTML = tex(`\\sum_j w_j x_j = ${products} = ${fmt(sum)} ${cmp(sum, threshold)} ${fmt(threshold)}`, true);
    r.liveBias.innerHTML = tex(`w \\cdot x + b = ${products} + ${factor(b)} = ${fmt(sum + b)} ${cmp(sum + b, 0)} 0`, true);
    r.threshold.textContent = fmt(threshold).replace('-', '−');
    for (const [el, v] of [[r.outThreshold, outT], [r.outBias, outB]]) {
      el.textContent = String(v);
      el.dataset.value = String(v);
      el.classList.toggle('on', v === 1);
    }

    // The truth table, all four inputs at once.
    const target = preset === 'custom' ? null : gateTruthTable(preset);
    r.tableHead.innerHTML = `<tr><th>${tex('x_1')}</th><th>${tex('x_2')}</th><th class="sep">${tex('w \\cdot x + b')}</th>
      <th class="sep">output</th>${target ? `<th>${esc(preset.toUpperCase())}</th><th><span class="sr-only">right?</span></th>` : ''}</tr>`;
    r.tableBody.innerHTML = INPUTS.map(([a, c], i) => {
      const out = perceptronOutput(w, new Float32Array([a, c]), b);
      const current = a === x.x1 && c === x.x2;
      const ok = target ? out === target[i] : null;
      return `<tr class="${current ? 'current' : ''}${ok === false ? ' bad' : ok ? ' ok' : ''}"${current ? ' aria-current="true"' : ''}>
        <td>${a}</td><td>${c}</td><td class="sep">${esc(fmt(w1 * a + w2 * c + b).replace('-', '−'))}</td>
        <td class="sep out bitcell${out ? ' on' : ''}" data-testid="tt-output" data-value="${out}">${out}</td>
        ${target ? `<td>${target[i]}</td><td class="mark" aria-label="${ok ? 'right' : 'wrong'}">${ok ? '✓' : '✗'}</td>` : ''}</tr>`;
    }).join('');
    r.tableNote.textContent = target
      ? `With these weights the perceptron computes ${preset.toUpperCase()}${[0, 1, 2, 3].every((i) => perceptronOutput(w, new Float32Array(INPUTS[i]), b) === target[i]) ? ' ✓' : ''}.`
      : 'Custom weights: which gate is this? Compare with the presets.';
  }

  return {
    query: () => [settings.query(), bitsQuery(GATE_BITS, x)].filter(Boolean).join('&'),
    /** @param {URLSearchParams} next */
    fromQuery(next) {
      settings.fromQuery(next);
      const parsed = readBits(GATE_BITS, next);
      Object.assign(x, parsed.values);
      showToggles(r.toggles, x);
      showBitErrors(r.bitErrors, parsed.errors);
      render();
    },
  };
}

/** Presets come from f32: 3 decimals are plenty and keep the URL clean. */
function round(v) {
  return Math.round(v * 1000) / 1000;
}

function refsOf(container) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const el of container.querySelectorAll('[data-ref]')) out[/** @type {HTMLElement} */ (el).dataset.ref] = el;
  return out;
}

/** @param {Record<string, number>} x */
function template(x) {
  return `<div class="workbench">
    <div class="bench-controls">
      <p class="hint-line">Inputs are bits: click to flip them.</p>
      <div class="toggles" data-ref="toggles">${GATE_BITS.map((b) => toggleHTML(b, x[b.name])).join('')}</div>
      <div class="error-box" role="alert" data-ref="bitErrors" data-testid="bit-errors" hidden></div>
      <label class="field preset">gate preset
        <select data-ref="preset" data-testid="preset">
          ${PRESETS.map((g) => `<option value="${g}">${g.toUpperCase()}</option>`).join('')}
          <option value="custom" disabled>custom</option>
        </select></label>
      <form class="settings" data-ref="settings" novalidate></form>
    </div>
    <div class="bench-view">
      <div class="forms">
        <div class="form-card">
          <h3>Threshold form <span class="aside">(threshold = −<var>b</var> = <span data-ref="threshold"></span>)</span></h3>
          ${formulaHTML(THRESHOLD_TEX)}
          <div class="live" data-ref="liveThreshold" data-testid="live-threshold"></div>
          <p class="result">⇒ output <strong class="bitcell" data-ref="outThreshold" data-testid="output-threshold"></strong></p>
        </div>
        <div class="form-card">
          <h3>Bias form <span class="aside">(${tex('b \\equiv -\\text{threshold}')})</span></h3>
          ${formulaHTML(BIAS_TEX, '', '')}
          <div class="live" data-ref="liveBias" data-testid="live-bias"></div>
          <p class="result">⇒ output <strong class="bitcell" data-ref="outBias" data-testid="output-bias"></strong></p>
        </div>
      </div>
      <div class="table-wrap">
        <table class="values truth" data-testid="truth-table"><thead data-ref="tableHead"></thead><tbody data-ref="tableBody"></tbody></table>
      </div>
      <p class="note" data-ref="tableNote" data-testid="table-note"></p>
    </div>
  </div>`;
}
