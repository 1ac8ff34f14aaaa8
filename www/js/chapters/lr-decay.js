// @ts-check
/**
 * Chapter "Learning-rate decay": η(t) for every decay the core knows (step, linear, exponential, inverse,
 * inverse square root) and a linear warm-up, each with its parameters editable and plotted from the core's
 * `scheduleCurve`; then constant η against two decays on a real MNIST run (same network, same seed), their
 * curves overlaid and the final accuracies in a table.
 *
 * The plot's clock: t in epochs, sampled RES times per epoch — the core's step clock with every time-like
 * parameter scaled by RES (every, over, warm-up × RES; k ÷ RES), so sample i is η at epoch i / RES.
 */
import { scheduleCurve } from '../wasm.js';
import { refs, esc, num } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { createComparison, smallMnistConfig } from './mnist-compare.js';

const RES = 20;
const ROWS = 6;

/** Each decay: the core's kind, its formula, the parameters it reads, a colour. */
export const DECAYS = [
  { kind: 'constant', label: 'constant', tex: '\\eta(t) = \\eta_0', color: '#1b1f2a', params: [] },
  { kind: 'step', label: 'step', tex: '\\eta(t) = \\eta_0 \\cdot d^{\\lfloor t / s \\rfloor}', color: '#e03131', params: ['drop', 'every'] },
  { kind: 'linear', label: 'linear', tex: '\\eta(t) = \\eta_0 \\big(1 - (1 - e)\\min(t / T, 1)\\big)', color: '#f08c00', params: ['end', 'over'] },
  { kind: 'exponential', label: 'exponential', tex: '\\eta(t) = \\eta_0\\, e^{-k t}', color: '#2b8a3e', params: ['kExp'] },
  { kind: 'inverse', label: 'inverse', tex: '\\eta(t) = \\frac{\\eta_0}{1 + k t}', color: '#1971c2', params: ['kInv'] },
  { kind: 'inverseSqrt', label: 'inverse sqrt', tex: '\\eta(t) = \\frac{\\eta_0}{\\sqrt{1 + k t}}', color: '#9c36b5', params: ['kSqrt'] },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const SCHEDULE_PARAMS = [
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 1, label: 'initial rate', tex: '\\eta_0' },
  { name: 'epochs', type: 'int', min: 1, max: 200, default: 10, label: 'epochs (plot and run)', tex: 't_{\\max}' },
  { name: 'drop', type: 'number', min: 0, minExclusive: true, max: 1, default: 0.5, label: 'step: factor', tex: 'd' },
  { name: 'every', type: 'number', min: 0, minExclusive: true, max: 1000, default: 3, label: 'step: every (epochs)', tex: 's' },
  { name: 'end', type: 'number', min: 0, max: 1, default: 0.05, label: 'linear: final η / η₀', tex: 'e' },
  { name: 'over', type: 'number', min: 0, minExclusive: true, max: 1000, default: 10, label: 'linear: over (epochs)', tex: 'T' },
  { name: 'kExp', type: 'number', min: 0, max: 100, default: 0.2, label: 'exponential: rate', tex: 'k' },
  { name: 'kInv', type: 'number', min: 0, max: 100, default: 0.5, label: 'inverse: rate', tex: 'k' },
  { name: 'kSqrt', type: 'number', min: 0, max: 100, default: 1, label: 'inverse sqrt: rate', tex: 'k' },
  { name: 'warmup', type: 'number', min: 0, max: 100, default: 0, label: 'warm-up (epochs)', tex: 't_w', hint: 'η grows linearly from 0 to η₀, then the decay starts' },
];

const KINDS = DECAYS.map((d) => d.kind).filter((k) => k !== 'constant');
/** @type {import('../kit/params.js').ParamSpec[]} */
export const RUN_PARAMS = [
  { name: 'decayA', type: 'choice', default: 'step', label: 'decay 1', options: KINDS },
  { name: 'decayB', type: 'choice', default: 'exponential', label: 'decay 2', options: KINDS },
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
  },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'hidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons' },
];

/**
 * The core's schedule object for a decay kind, in epochs (`scale` = 1) or on a clock of `scale` samples per epoch.
 * @param {string} kind @param {Record<string, any>} v @param {number} [scale]
 */
export function scheduleOf(kind, v, scale = 1) {
  const decay = { kind };
  if (kind === 'step') Object.assign(decay, { drop: v.drop, every: v.every * scale });
  if (kind === 'linear') Object.assign(decay, { end: v.end, over: v.over * scale });
  if (kind === 'exponential') decay.k = v.kExp / scale;
  if (kind === 'inverse') decay.k = v.kInv / scale;
  if (kind === 'inverseSqrt') decay.k = v.kSqrt / scale;
  return { decay, warmup: v.warmup * scale };
}

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [SCHEDULE_PARAMS, RUN_PARAMS]);
  const schedule = link.register(0, createSettings({
    specs: SCHEDULE_PARAMS, container: r.scheduleForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: () => {
      plot();
      comparison.restart();
    },
  }));
  const runs = link.register(1, createSettings({
    specs: RUN_PARAMS, container: r.runForm, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: () => comparison.restart(),
  }));
  r.formulas.innerHTML = DECAYS.map((d) => `<div class="lr-formula"><i class="swatch" style="background:${d.color}"></i>${esc(d.label)}: ${tex(d.tex)}</div>`).join('');
  const chart = createLineChart(/** @type {HTMLCanvasElement} */ (r.chart), {
    xLabel: 'epoch t', yLabel: 'η(t)', xMin: 0, yMin: 0, series: DECAYS.map((d) => ({ label: '', color: d.color })),
  });
  plot();

  const comparison = createComparison(r.mnist, {
    idPrefix: 'lr', stateElement: r.mnistPanel, what: 'schedule',
    source: () => runs.values.data,
    onSource: (src) => {
      runs.set({ data: src });
      link.ctx.setQuery('', { push: true });
      comparison.restart();
    },
    runs: () => {
      const v = { ...schedule.values, ...runs.values };
      return ['constant', v.decayA, v.decayB].map((kind, i) => {
        const d = /** @type {any} */ (DECAYS.find((x) => x.kind === kind));
        return {
          id: i === 0 ? 'constant' : `decay${'AB'[i - 1]}`, label: d.label, color: d.color,
          config: smallMnistConfig({ seed: v.seed, epochs: v.epochs, hidden: v.hidden, eta: v.eta, schedule: scheduleOf(kind, v) }),
        };
      });
    },
  });

  function plot() {
    const v = schedule.values;
    const n = v.epochs * RES + 1;
    chart.clear();
    /** @type {Record<string, Float32Array>} */
    const curves = {};
    for (const [i, d] of DECAYS.entries()) {
      const curve = scheduleCurve(scheduleOf(d.kind, v, RES), v.eta, n);
      curves[d.kind] = curve;
      for (let k = 0; k < n; k++) chart.push(i, k / RES, curve[k]);
    }
    chart.update();
    const rows = Math.min(ROWS, v.epochs);
    const ts = Array.from({ length: rows + 1 }, (_, j) => Math.round((j * v.epochs) / rows) * RES);
    r.values.innerHTML = `<thead><tr><th>${tex('t')}</th>${DECAYS.map((d) => `<th><i class="swatch" style="background:${d.color}"></i>${esc(d.label)}</th>`).join('')}</tr></thead>
      <tbody>${ts.map((k) => `<tr><th scope="row">${num(k / RES, 2)}</th>${DECAYS.map((d) =>
        `<td data-testid="eta-${d.kind}-${k}" data-t="${k / RES}" data-value="${curves[d.kind][k]}">${num(curves[d.kind][k], 4)}</td>`).join('')}</tr>`).join('')}</tbody>`;
  }

  return {
    pause: () => comparison.pause(),
    /** @param {URLSearchParams} next */
    update(next) {
      schedule.fromQuery(link.queryFor(0, next));
      runs.fromQuery(link.queryFor(1, next));
      plot();
      comparison.restart();
    },
    destroy() {
      chart.destroy();
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'lr-decay', number, kicker: 'Training', title: 'Learning-rate decay',
    lede: 'Early in training a large η makes fast progress; near a minimum it makes the cost bounce. Lowering η as training goes ' +
      'gets both — and a short warm-up keeps the first, noisy steps small.',
  })}
  <section class="panel" aria-labelledby="lr-curves-title">
    <h2 id="lr-curves-title">η(t) for each decay</h2>
    <div class="workbench lr-bench">
      <div class="bench-controls">
        <form class="settings" data-ref="scheduleForm" novalidate></form>
      </div>
      <div class="bench-view">
        <div class="lr-formulas" data-ref="formulas" data-testid="formulas"></div>
        <figure class="chart lr-chart"><canvas data-ref="chart" data-testid="schedule-chart" role="img" aria-label="η(t) for every decay"></canvas>
          <figcaption>η(t) from the core’s <code>scheduleCurve</code>, ${RES} samples per epoch; t is in epochs (fractional within one).</figcaption></figure>
        <div class="table-wrap"><table class="values lr-values" data-ref="values" data-testid="schedule-values"></table></div>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="lr-mnist-title" data-ref="mnistPanel" data-testid="lr-panel" data-state="idle">
    <h2 id="lr-mnist-title">On MNIST: constant η against two decays</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('w \\to w - \\eta(t)\\, \\frac{\\partial C}{\\partial w}', 'the same network and seed three times (784 → hidden σ → 10 softmax, SGD, m = 10); only η(t) differs. η₀, epochs and each decay’s parameters are the ones above.')}
        <form class="settings" data-ref="runForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="mnist"></div>
    </div>
  </section>
</section>`;
}
