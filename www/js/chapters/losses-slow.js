// @ts-check
/**
 * The learning slowdown: one sigmoid neuron, input 1, target 0, trained with the quadratic cost and with
 * the cross-entropy side by side. The core trains both for all epochs at once (`slowNeuron`); the run
 * controller reveals them epoch by epoch, and the formulas show ∂C/∂w, ∂C/∂b at the shown epoch, the
 * quadratic's with its factor σ′(z).
 */
import { slowNeuron } from '../wasm.js';
import { num, short } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createLineChart } from '../views/lineChart.js';
import { colors } from '../views/canvas.js';

/** Numbers per epoch from the core: [w, b, z, a, σ′(z), C, ∂C/∂w, ∂C/∂b]. */
const F = 8;
const [W, B, Z, A, SP, C, DW, DB] = [0, 1, 2, 3, 4, 5, 6, 7];
const COSTS = [
  { id: 'quadratic', label: 'quadratic', color: colors.series[0] },
  { id: 'crossEntropy', label: 'cross-entropy', color: colors.series[1] },
];
export const SLOW_SPEEDS = [1, 3, 10].map((v) => ({ value: v, label: `${v} epoch${v > 1 ? 's' : ''} / frame` }));

/** @type {import('../kit/params.js').ParamSpec[]} */
export const SLOW_PARAMS = [
  { name: 'w0', type: 'number', min: -4, max: 4, step: 0.1, slider: true, default: 2, label: 'start weight', tex: 'w' },
  { name: 'b0', type: 'number', min: -4, max: 4, step: 0.1, slider: true, default: 2, label: 'start bias', tex: 'b' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 5, default: 0.15, label: 'learning rate', tex: '\\eta' },
  { name: 'epochs', type: 'int', min: 10, max: 2000, default: 300, label: 'epochs' },
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{root: HTMLElement, values: () => Record<string, any>}} o
 */
export function createSlowPanel(r, { root, values }) {
  const costChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.slowCost), {
    xLabel: 'epoch', yLabel: 'cost C (log)', xMin: 0, logY: true, series: COSTS.map((c) => ({ label: c.label, color: c.color })),
  });
  const gradChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.slowGrad), {
    xLabel: 'epoch', yLabel: '∂C/∂w', xMin: 0, yMin: 0, series: COSTS.map((c) => ({ label: c.label, color: c.color })),
  });
  /** @type {Float64Array[]} */
  let runs = [];
  let epochs = 0;
  let shown = 0;
  const run = createRunController({
    container: r.slowRun, stateElement: root, speeds: SLOW_SPEEDS, speed: 1, idPrefix: 'slow',
    stepTitle: 'One epoch of gradient descent for both neurons',
    frame: (_budget, speed) => advance(speed),
    step: () => advance(1),
    reset: () => {
      show(0);
      run.say('Epoch 0. ▶ Play to train both neurons, epoch by epoch.');
      return true;
    },
    onPlay: () => {
      if (shown >= epochs) show(0);
    },
  });

  function compute() {
    const v = values();
    runs = COSTS.map((c) => /** @type {Float64Array} */ (slowNeuron(c.id, v.w0, v.b0, v.eta, v.epochs)));
    epochs = v.epochs;
  }

  /** @param {number} n */
  function advance(n) {
    show(Math.min(epochs, shown + n));
    if (shown >= epochs) run.finish(`All ${epochs} epochs shown. ▶ Play replays them; change w, b or η to compare.`, { canContinue: true });
    else if (run.state !== 'running') run.say(`Epoch ${shown}.`);
  }

  /** Draw epochs 0 … k. */
  function show(k) {
    shown = k;
    costChart.clear();
    gradChart.clear();
    runs.forEach((data, s) => {
      for (let e = 0; e <= k; e++) {
        costChart.push(s, e, data[e * F + C]);
        gradChart.push(s, e, Math.abs(data[e * F + DW]));
      }
    });
    costChart.update();
    gradChart.update();
    renderNumbers();
  }

  function renderNumbers() {
    const [q, x] = runs.map((data) => data.subarray(shown * F, shown * F + F));
    r.slowEpoch.textContent = String(shown);
    r.slowEpoch.dataset.value = String(shown);
    const at = (s) => `w = ${texNumber(s[W], 3)},\\ b = ${texNumber(s[B], 3)},\\ a = \\sigma(${texNumber(s[Z], 3)}) = ${texNumber(s[A], 4)}`;
    r.slowQuad.innerHTML = tex(`\\begin{aligned}
      & ${at(q)} \\\\
      C &= \\tfrac{1}{2}(y - a)^2 = ${texNumber(q[C], 4)} \\\\
      \\frac{\\partial C}{\\partial w} &= (a - y)\\,\\colorbox{#ffe8a3}{$\\sigma'(z)$}\\,x = ${texNumber(q[A], 4)} \\cdot \\colorbox{#ffe8a3}{$${texNumber(q[SP], 4)}$} \\cdot 1 = ${texNumber(q[DW], 5)} \\\\
      \\frac{\\partial C}{\\partial b} &= (a - y)\\,\\sigma'(z) = ${texNumber(q[DB], 5)}
      \\end{aligned}`, true);
    r.slowCross.innerHTML = tex(`\\begin{aligned}
      & ${at(x)} \\\\
      C &= -[y \\ln a + (1 - y) \\ln(1 - a)] = ${texNumber(x[C], 4)} \\\\
      \\frac{\\partial C}{\\partial w} &= x\\,(a - y) = 1 \\cdot ${texNumber(x[A], 4)} = ${texNumber(x[DW], 5)} \\\\
      \\frac{\\partial C}{\\partial b} &= a - y = ${texNumber(x[DB], 5)}
      \\end{aligned}`, true);
    for (const [el, s] of /** @type {[HTMLElement, Float64Array][]} */ ([[r.slowQuad, q], [r.slowCross, x]])) {
      el.dataset.cost = String(s[C]);
      el.dataset.a = String(s[A]);
      el.dataset.dw = String(s[DW]);
    }
    const ratio = x[DW] / q[DW];
    const saturated = q[SP] < 0.05;
    r.slowNote.textContent = `Epoch ${shown}: ∂C/∂w = ${short(q[DW])} (quadratic) against ${short(x[DW])} (cross-entropy)` +
      (saturated && ratio > 1
        ? ` — ${num(ratio, 0)}× smaller, because the quadratic neuron is saturated (σ′(z) = ${short(q[SP])}): it learns slowly while it is badly wrong.`
        : `; σ′(z) = ${short(q[SP])} for the quadratic neuron.`);
  }

  return {
    /** New settings: recompute both runs and show every epoch. */
    update() {
      run.pause();
      compute();
      show(epochs);
      run.idle();
      run.say(`All ${epochs} epochs shown. ▶ Play (or ↺ Reset, then Step) to watch them one by one.`);
    },
    pause: () => run.pause(),
    /** The data at epoch e of cost s (0 quadratic, 1 cross-entropy), for tests through the DOM. */
    destroy() {
      run.destroy();
      costChart.destroy();
      gradChart.destroy();
    },
  };
}

/** The panel's HTML (its refs are read by the chapter). */
export function slowHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      <p class="presets"><span>Start:</span> <span class="buttons">
        <button type="button" data-start="2,2" data-testid="start-saturated">saturated: w = 2, b = 2</button>
        <button type="button" data-start="0.6,0.9" data-testid="start-unsaturated">not: w = 0.6, b = 0.9</button></span></p>
      <form class="settings losses-sliders" data-ref="slowSettings" novalidate></form>
      <div data-ref="slowRun"></div>
      <p class="stats">epoch <strong data-ref="slowEpoch" data-testid="slow-epoch">0</strong></p>
      <p class="hint" data-ref="slowNote" data-testid="slow-note"></p>
    </div>
    <div class="bench-view">
      <div class="split even losses-charts">
        <figure class="chart short"><canvas data-ref="slowCost" data-testid="slow-cost-chart" role="img" aria-label="Cost per epoch, quadratic and cross-entropy"></canvas>
          <figcaption>The cost per epoch.</figcaption></figure>
        <figure class="chart short"><canvas data-ref="slowGrad" data-testid="slow-grad-chart" role="img" aria-label="∂C/∂w per epoch"></canvas>
          <figcaption>${tex('\\partial C / \\partial w')} per epoch: how fast it learns.</figcaption></figure>
      </div>
      <div class="losses-pair">
        <div><h3 class="cost-quad">Quadratic cost</h3><div class="formula" data-ref="slowQuad" data-testid="slow-quadratic"></div></div>
        <div><h3 class="cost-cross">Cross-entropy</h3><div class="formula" data-ref="slowCross" data-testid="slow-cross-entropy"></div></div>
      </div>
    </div>
  </div>`;
}
