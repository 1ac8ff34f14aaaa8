// @ts-check
/**
 * The sigmoid chapter's second and third panels.
 * - Nudge: change one weight wⱼ (or b) by Δ. The perceptron's output jumps by ±1 or stays; the
 *   sigmoid's moves by about σ′(z)·xⱼ·Δ. The core's `neuronChange` gives the true change and the
 *   linear estimate Σⱼ ∂output/∂wⱼ Δwⱼ + ∂output/∂b Δb; the page shows both and their relative difference.
 * - Scale: w and b multiplied by c. σ(c z) → step(z) as c grows (for z ≠ 0).
 */
import { neuronChange } from '../wasm.js';
import { refs, num } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createFunctionPlot } from '../views/functionPlot.js';
import { colors } from '../views/canvas.js';
import { N_INPUTS, SIGMOID_COLOR, STEP_COLOR, evaluate, sampleCurves, neuronOf, paren, show } from './sigmoid-neuron.js';

const WHICH = [...Array(N_INPUTS).keys()].map((i) => ({ value: `w${i + 1}`, label: `weight w${'₁₂₃₄₅'[i]}` }));

/** @type {import('../kit/params.js').ParamSpec[]} */
export const NUDGE_PARAMS = [
  { name: 'nudge', type: 'choice', default: 'w1', label: 'change', options: [...WHICH, { value: 'b', label: 'bias b' }] },
  { name: 'delta', type: 'number', min: -1, max: 1, step: 0.01, slider: true, default: -0.4, label: 'by', tex: '\\Delta' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const SCALE_PARAMS = [
  { name: 'c', type: 'number', min: 1, max: 100, step: 1, slider: true, default: 1, label: 'scale', tex: 'c',
    hint: 'w → c·w and b → c·b' },
];

const SCALES = [1, 3, 10, 30, 100];

/**
 * @param {any} r  the chapter's refs; the panel adds its own
 * @param {{root: HTMLElement}} o
 */
export function createNudgePanel(r, { root }) {
  r.nudgeView.innerHTML = `
    <div class="formula sig-live" data-ref="estimateFormula" data-testid="estimate-formula"></div>
    <div class="table-wrap"><table class="values sig-table" data-testid="nudge-table">
      <thead><tr><th></th><th>before</th><th>after</th><th>true Δoutput</th><th>estimate</th><th>rel. diff.</th></tr></thead>
      <tbody>
        <tr class="sig"><th scope="row">sigmoid ${tex('\\sigma(z)')}</th><td data-ref="sigBefore"></td><td data-ref="sigAfter"></td>
          <td class="out" data-ref="trueChange" data-testid="true-change"></td>
          <td class="out" data-ref="estimate" data-testid="linear-estimate"></td>
          <td data-ref="relDiff" data-testid="relative-difference"></td></tr>
        <tr class="stp"><th scope="row">perceptron ${tex('\\operatorname{step}(z)')}</th><td data-ref="stepBefore"></td><td data-ref="stepAfter"></td>
          <td class="out" data-ref="stepChange" data-testid="step-change"></td>
          <td colspan="2" data-ref="stepVerdict" data-testid="step-verdict"></td></tr>
      </tbody></table></div>
    <figure class="chart sig-plot short">
      <canvas data-ref="nudgePlot" data-testid="nudge-plot" role="img" aria-label="σ and step near z, before and after the change, with the tangent"></canvas>
      <figcaption>Close up: ${tex('z')} (filled) moves to ${tex('z + \\Delta z')} (hollow). The thin line is the tangent of σ at ${tex('z')}
        — the linear estimate follows it.</figcaption>
    </figure>`;
  Object.assign(r, refs(r.nudgeView));
  const plot = createFunctionPlot(r.nudgePlot, { xLabel: 'z', yLabel: 'output', xMin: -2, xMax: 2, yMin: -0.08, yMax: 1.08 });

  /** @param {Record<string, any>} values @param {ReturnType<typeof evaluate>} n */
  function render(values, n) {
    const { w, x, b } = neuronOf(values);
    const which = values.nudge;
    const delta = values.delta;
    const dw = w.map((_, j) => (which === `w${j + 1}` ? delta : 0));
    const db = which === 'b' ? delta : 0;
    const [trueSig, linear, trueStep] = neuronChange(Float64Array.from(w), Float64Array.from(x), b, Float64Array.from(dw), db);
    const after = evaluate(w.map((wj, j) => wj + dw[j]), x, b + db);

    // The sum's terms; only the changed parameter's Δ is not 0.
    const partials = [...n.dw, n.db];
    const deltas = [...dw, db];
    const names = [...w.map((_, j) => `w_${j + 1}`), 'b'];
    const i = which === 'b' ? N_INPUTS : Number(which.slice(1)) - 1;
    const rule = which === 'b' ? "\\sigma'(z)" : `\\sigma'(z)\\, x_${i + 1}`;
    r.estimateFormula.innerHTML = tex(`\\Delta\\text{output} \\approx \\underbrace{${texNumber(partials[i], 4)}}_{\\partial \\sigma / \\partial ${names[i]}}` +
      ` \\cdot \\underbrace{${paren(deltas[i], 2)}}_{\\Delta ${names[i]}} = ${texNumber(linear, 5)}`, true) +
      `<p class="note">${tex(`\\frac{\\partial \\sigma}{\\partial ${names[i]}} = ${rule}`)}, ${tex(`\\sigma'(z) = \\sigma(z)\\big(1 - \\sigma(z)\\big) = ${texNumber(n.prime, 4)}`)};
        the other terms of the sum are 0 (their Δ is 0).</p>`;

    show(r.sigBefore, n.sigma, 4);
    show(r.sigAfter, after.sigma, 4);
    show(r.trueChange, trueSig, 5);
    show(r.estimate, linear, 5);
    const rel = trueSig === 0 ? (linear === 0 ? 0 : Infinity) : Math.abs(linear - trueSig) / Math.abs(trueSig);
    r.relDiff.textContent = trueSig === 0 && linear === 0 ? '— (no change)' : `${num(100 * rel, 2)} %`;
    r.relDiff.dataset.value = String(rel);
    show(r.stepBefore, n.step, 0);
    show(r.stepAfter, after.step, 0);
    show(r.stepChange, trueStep, 0);
    r.stepVerdict.textContent = trueStep === 0
      ? 'stays: no change at all — nothing to learn from'
      : `jumps by ${num(trueStep, 0)}: all or nothing`;
    root.dataset.stepJump = String(trueStep !== 0);

    const dz = after.z - n.z;
    const span = Math.max(1.5, 2 * Math.abs(dz));
    const lo = n.z - span;
    const hi = n.z + span;
    plot.setRange({ xMin: lo, xMax: hi });
    const c = sampleCurves(lo, hi, 161);
    plot.update({
      curves: [
        { xs: c.xs, ys: c.step, label: 'step(z)', color: STEP_COLOR, breakJumps: true },
        { xs: c.xs, ys: c.sigma, label: 'σ(z)', color: SIGMOID_COLOR },
      ],
      segments: [{ x0: lo, y0: n.sigma + n.prime * (lo - n.z), x1: hi, y1: n.sigma + n.prime * (hi - n.z), color: colors.ink, width: 1, dash: [6, 4] }],
      guides: [{ x: n.z }, { x: after.z, color: colors.muted }],
      marks: [
        { x: n.z, y: n.step, color: STEP_COLOR },
        { x: after.z, y: after.step, color: STEP_COLOR, hollow: true },
        { x: n.z, y: n.sigma, color: SIGMOID_COLOR },
        { x: after.z, y: after.sigma, color: SIGMOID_COLOR, hollow: true, label: `Δσ = ${num(trueSig, 4)}` },
      ],
    });
  }

  return { render, destroy: () => plot.destroy() };
}

/** @param {any} r  the chapter's refs; the panel adds its own */
export function createScalePanel(r) {
  r.scaleView.innerHTML = `
    <div class="sig-outputs">
      <p class="sig-out sig"><span>sigmoid ${tex('\\sigma(c\\,z)')}</span><strong data-ref="scaledSigmoid" data-testid="scaled-sigmoid">–</strong></p>
      <p class="sig-out stp"><span>perceptron ${tex('\\operatorname{step}(c\\,z)')}</span><strong data-ref="scaledStep" data-testid="scaled-step">–</strong></p>
      <p class="sig-out"><span>gap ${tex('|\\sigma - \\operatorname{step}|')}</span><strong data-ref="scaledGap" data-testid="scaled-gap">–</strong></p>
    </div>
    <p class="note" data-ref="scaleNote" data-testid="scale-note"></p>
    <figure class="chart sig-plot short">
      <canvas data-ref="scalePlot" data-testid="scale-plot" role="img" aria-label="σ(z), σ(c z) and step(z)"></canvas>
      <figcaption>As ${tex('c')} grows, ${tex('\\sigma(c\\,z)')} (solid blue) steepens into the step; the dashed curve is ${tex('c = 1')}.</figcaption>
    </figure>
    <div class="table-wrap"><table class="values sig-scales" data-ref="scaleTable" data-testid="scale-table"></table></div>`;
  Object.assign(r, refs(r.scaleView));
  const plot = createFunctionPlot(r.scalePlot, { xLabel: 'z = w·x + b (before scaling)', yLabel: 'output', xMin: -4, xMax: 4, yMin: -0.08, yMax: 1.08 });

  /** @param {Record<string, any>} values */
  function render(values) {
    const { w, x, b } = neuronOf(values);
    const c = values.c;
    const scaled = (k) => evaluate(w.map((wj) => k * wj), x, k * b);
    const s = scaled(c);
    const plain = evaluate(w, x, b);
    show(r.scaledSigmoid, s.sigma, 4);
    show(r.scaledStep, s.step, 0);
    show(r.scaledGap, Math.abs(s.sigma - s.step), 4);
    r.scaleNote.innerHTML = plain.z === 0
      ? `At ${tex('z = 0')} exactly, ${tex('\\sigma(c \\cdot 0) = \\tfrac12')} for every ${tex('c')}: the one point where they never meet.`
      : `${tex(`z = ${texNumber(plain.z, 3)}`)}, so ${tex(`c\\,z = ${texNumber(c * plain.z, 2)}`)}: the further ${tex('c\\,z')} is from 0, the closer σ is to ${tex(texNumber(s.step, 0))}.`;
    const rows = SCALES.map((k) => {
      const e = scaled(k);
      return `<td${k === c ? ' class="now"' : ''}>${num(e.sigma, 4)}</td>`;
    });
    r.scaleTable.innerHTML = `<thead><tr><th>${tex('c')}</th>${SCALES.map((k) => `<th>${k}</th>`).join('')}</tr></thead>
      <tbody><tr><th>${tex('\\sigma(c\\,z)')}</th>${rows.join('')}</tr>
      <tr><th>${tex('\\operatorname{step}(z)')}</th>${SCALES.map(() => `<td>${num(plain.step, 0)}</td>`).join('')}</tr></tbody>`;

    const lo = Math.min(-4, Math.floor(plain.z - 1));
    const hi = Math.max(4, Math.ceil(plain.z + 1));
    plot.setRange({ xMin: lo, xMax: hi });
    const one = sampleCurves(lo, hi, 241, 1);
    const many = sampleCurves(lo, hi, 481, c);
    plot.update({
      curves: [
        { xs: one.xs, ys: one.sigma, label: 'σ(z)', color: SIGMOID_COLOR, dash: [6, 5], width: 1.5 },
        { xs: many.xs, ys: many.step, label: 'step(z)', color: STEP_COLOR, breakJumps: true },
        { xs: many.xs, ys: many.sigma, label: `σ(${num(c, 0)}·z)`, color: SIGMOID_COLOR },
      ],
      guides: [{ x: plain.z, color: colors.muted }],
      marks: [
        { x: plain.z, y: s.step, color: STEP_COLOR },
        { x: plain.z, y: s.sigma, color: SIGMOID_COLOR, label: `σ(c z) = ${num(s.sigma, 3)}` },
      ],
    });
  }

  return { render, destroy: () => plot.destroy() };
}
