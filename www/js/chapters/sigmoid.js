// @ts-check
/**
 * Chapter "Sigmoid neurons". One neuron with three inputs in [0, 1], computed twice from the same w
 * and b: as a sigmoid neuron, σ(w·x + b), and as a perceptron, step(w·x + b). Three panels:
 * - the neuron itself, with σ(z) and step(z) plotted and the current z marked;
 * - a nudge of one weight (or the bias) by Δ: the step jumps or stays, the sigmoid moves by about
 *   σ′(z)·xⱼ·Δwⱼ — the linear estimate beside the true change (sigmoid-nudge.js);
 * - w and b scaled by c: as c grows, σ(c z) becomes step(z) (sigmoid-nudge.js too).
 * Every number comes from the core (`neuron`, `neuronChange`); the page only lays them out.
 *
 * The three panels have three parameter tables (each with its own form) sharing one URL.
 */
import { refs, num } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createFunctionPlot } from '../views/functionPlot.js';
import { colors } from '../views/canvas.js';
import { N_INPUTS, SIGMOID_COLOR, STEP_COLOR, evaluate, sampleCurves, neuronOf, paren, show } from './sigmoid-neuron.js';
import { createNudgePanel, createScalePanel, NUDGE_PARAMS, SCALE_PARAMS } from './sigmoid-nudge.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
export const NEURON_PARAMS = [
  ...[1, 0.5, 0.2].slice(0, N_INPUTS).map((d, i) => ({
    name: `x${i + 1}`, type: /** @type {'number'} */ ('number'), min: 0, max: 1, step: 0.05, slider: true,
    default: d, label: `input ${i + 1}`, tex: `x_${i + 1}`,
  })),
  ...[0.8, -1.2, 2].slice(0, N_INPUTS).map((d, i) => ({
    name: `w${i + 1}`, type: /** @type {'number'} */ ('number'), min: -4, max: 4, step: 0.1, slider: true,
    default: d, label: `weight ${i + 1}`, tex: `w_${i + 1}`,
  })),
  { name: 'b', type: 'number', min: -4, max: 4, step: 0.1, slider: true, default: -0.3, label: 'bias', tex: 'b' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('sigmoid');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  // Three forms, one URL.
  const link = linkTables(ctx, params, [NEURON_PARAMS, NUDGE_PARAMS, SCALE_PARAMS]);
  const settings = [r.neuronSettings, r.nudgeSettings, r.scaleSettings].map((el, i) => link.register(i, createSettings({
    specs: [NEURON_PARAMS, NUDGE_PARAMS, SCALE_PARAMS][i], container: el, query: link.queryFor(i), ctx: link.ctx,
    ignore: link.ignoreFor(i), onChange: render,
  })));

  const plot = createFunctionPlot(r.plot, { xLabel: 'z = w·x + b', yLabel: 'output', xMin: -6, xMax: 6, yMin: -0.08, yMax: 1.08 });
  const nudge = createNudgePanel(r, { root });
  const scale = createScalePanel(r);
  render();

  function render() {
    const values = Object.assign({}, ...settings.map((s) => s.values));
    const { w, x, b } = neuronOf(values);
    const n = evaluate(w, x, b);
    renderNeuron(w, x, b, n);
    nudge.render(values, n);
    scale.render(values);
  }

  /** @param {number[]} w @param {number[]} x @param {number} b @param {ReturnType<typeof evaluate>} n */
  function renderNeuron(w, x, b, n) {
    const terms = w.map((wj, j) => `${paren(wj)}\\cdot ${texNumber(x[j], 2)}`).join(' + ');
    r.zFormula.innerHTML = tex(`\\begin{aligned} z &= w \\cdot x + b \\\\ &= ${terms} + ${paren(b)} = ${texNumber(n.z, 3)} \\end{aligned}`, true);
    r.zFormula.dataset.value = String(n.z);
    r.sigmaFormula.innerHTML = tex(`\\sigma(z) = \\frac{1}{1 + e^{-z}} = \\frac{1}{1 + e^{${texNumber(-n.z, 3)}}} = ${texNumber(n.sigma, 4)}`, true);
    r.stepFormula.innerHTML = tex(`\\operatorname{step}(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases} = ${texNumber(n.step, 0)}`, true);
    show(r.z, n.z, 3);
    show(r.sigmaOut, n.sigma, 4);
    show(r.stepOut, n.step, 0);
    const lo = Math.min(-6, Math.floor(n.z - 1));
    const hi = Math.max(6, Math.ceil(n.z + 1));
    plot.setRange({ xMin: lo, xMax: hi });
    const c = sampleCurves(lo, hi);
    plot.update({
      curves: [
        { xs: c.xs, ys: c.step, label: 'step(z) — perceptron', color: STEP_COLOR, breakJumps: true },
        { xs: c.xs, ys: c.sigma, label: 'σ(z) — sigmoid neuron', color: SIGMOID_COLOR },
      ],
      guides: [{ x: n.z, color: colors.muted }],
      marks: [
        { x: n.z, y: n.step, color: STEP_COLOR, label: `step = ${num(n.step, 0)}` },
        { x: n.z, y: n.sigma, color: SIGMOID_COLOR, label: `σ = ${num(n.sigma, 3)}` },
      ],
    });
  }

  return {
    pause() {},
    /** @param {URLSearchParams} next */
    update(next) {
      settings.forEach((one, i) => one.fromQuery(link.queryFor(i, next)));
      render();
    },
    destroy() {
      plot.destroy();
      nudge.destroy();
      scale.destroy();
    },
  };
}

function template(number) {
  return `${chapterOpen({
    id: 'sigmoid', number, kicker: 'Neurons', title: 'Sigmoid neurons',
    lede: 'A perceptron’s output jumps from 0 to 1; a sigmoid neuron’s output σ(w·x + b) moves smoothly. ' +
      'So a small change in a weight makes a small change in the output — which is what learning needs.',
  })}
  <section class="panel" aria-labelledby="sigmoid-neuron-title">
    <h2 id="sigmoid-neuron-title">One neuron, two outputs</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\text{output} = \\sigma(w \\cdot x + b)',
          'the perceptron uses the same <var>w</var> and <var>b</var> but outputs step(<var>w</var>·<var>x</var> + <var>b</var>)')}
        <form class="settings sigmoid-sliders" data-ref="neuronSettings" novalidate></form>
      </div>
      <div class="bench-view">
        <div class="sig-outputs">
          <p class="sig-out"><span>weighted input ${tex('z')}</span><strong data-ref="z" data-testid="z">–</strong></p>
          <p class="sig-out sig"><span>sigmoid neuron ${tex('\\sigma(z)')}</span><strong data-ref="sigmaOut" data-testid="sigmoid-output">–</strong></p>
          <p class="sig-out stp"><span>perceptron ${tex('\\operatorname{step}(z)')}</span><strong data-ref="stepOut" data-testid="step-output">–</strong></p>
        </div>
        <figure class="chart sig-plot">
          <canvas data-ref="plot" data-testid="sigmoid-plot" role="img" aria-label="σ(z) and step(z), with the current z marked"></canvas>
          <figcaption>Both neurons see the same ${tex('z')}; the dashed line marks it.</figcaption>
        </figure>
        <div class="formula sig-live" data-ref="zFormula" data-testid="z-formula"></div>
        <div class="sig-live-row">
          <div class="formula sig-live" data-ref="sigmaFormula" data-testid="sigma-formula"></div>
          <div class="formula sig-live" data-ref="stepFormula" data-testid="step-formula"></div>
        </div>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="sigmoid-nudge-title">
    <h2 id="sigmoid-nudge-title">Small changes in weights make small changes in the output</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} \\Delta\\text{output} &\\approx \\sum_j \\frac{\\partial\\, \\text{output}}{\\partial w_j} \\Delta w_j \\\\ &\\quad + \\frac{\\partial\\, \\text{output}}{\\partial b} \\Delta b \\end{aligned}',
          'for the sigmoid neuron, ∂output/∂<var>w<sub>j</sub></var> = σ′(<var>z</var>) <var>x<sub>j</sub></var> and ∂output/∂<var>b</var> = σ′(<var>z</var>)')}
        <form class="settings sigmoid-sliders" data-ref="nudgeSettings" novalidate></form>
      </div>
      <div class="bench-view" data-ref="nudgeView"></div>
    </div>
  </section>

  <section class="panel" aria-labelledby="sigmoid-scale-title">
    <h2 id="sigmoid-scale-title">Scale w and b by c: the sigmoid neuron becomes a perceptron</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} \\sigma\\big((c\\,w) \\cdot x + c\\,b\\big) &= \\sigma(c\\,z) \\\\ &\\xrightarrow{\\;c \\to \\infty\\;} \\operatorname{step}(z) \\quad (z \\ne 0) \\end{aligned}',
          'multiplying every weight and the bias by <var>c</var> &gt; 0 does not change the perceptron at all')}
        <form class="settings sigmoid-sliders" data-ref="scaleSettings" novalidate></form>
      </div>
      <div class="bench-view" data-ref="scaleView"></div>
    </div>
  </section>
</section>`;
}
