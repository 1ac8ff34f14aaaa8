// @ts-check
/**
 * Chapter "Gradient descent". Three panels, three parameter tables behind one URL:
 * - a ball rolling down C(v₁, v₂): the core's surfaces as a contour map, click to place v, ∇C and the
 *   step Δv = −η∇C drawn, and each step's predicted ΔC = −η‖∇C‖² beside the true change, with the
 *   core's verdict on η (crawling, converging, oscillating, diverging) (`gdPath`, `surfaceGrid`);
 * - gradient descent in a model: the 2-parameter least-squares line, its cost surface and path
 *   (gradient-descent-fit.js, `LineFitLab`);
 * - what one full-batch gradient costs on MNIST, measured live (gradient-descent-fit.js).
 */
import { gdPath, surfaceGrid } from '../wasm.js';
import { refs, num, short, int } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createContour } from '../views/contour.js';
import { colors } from '../views/canvas.js';
import { FIT_PARAMS, COST_PARAMS, createFitPanel, createCostPanel, fitHTML, costHTML } from './gradient-descent-fit.js';

const F = 9; // numbers per step from gdPath: [v₁, v₂, C, g₁, g₂, Δv₁, Δv₂, predicted, true]
const MAX_STEPS = 500;
const RES = 120;
/** Each surface's window and a start that shows something. */
const SURFACES = {
  bowl: { label: 'bowl ½v₁² + 5v₂²', range: { xMin: -5, xMax: 5, yMin: -2.5, yMax: 2.5 }, start: [-4, 1.5] },
  rosenbrock: { label: 'Rosenbrock (curved valley)', range: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 }, start: [-1.5, 2], log: true },
  beale: { label: 'Beale', range: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 }, start: [1, 1.4], log: true },
  saddle: { label: 'saddle v₁² − v₂²', range: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, start: [-1.8, 0.05] },
  localMinima: { label: 'local minima', range: { xMin: -4, xMax: 4, yMin: -4, yMax: 4 }, start: [2.6, 2.2] },
};
const VERDICT = {
  starting: 'Take a few steps to see what η does.',
  converging: 'Converging: C falls steadily.',
  crawling: 'Crawling: η is too small — C falls by less than 1% per step.',
  oscillating: 'Oscillating: η is large — the step overshoots and jumps across the valley.',
  diverging: 'Diverging: η is too large — C grows with every step.',
  converged: 'Converged: ∇C ≈ 0, a minimum (or a saddle point).',
};

/** @type {import('../kit/params.js').ParamSpec[]} */
export const BALL_PARAMS = [
  { name: 'surface', type: 'choice', default: 'bowl', label: 'cost surface',
    options: Object.entries(SURFACES).map(([value, s]) => ({ value, label: s.label })) },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 10, default: 0.05, label: 'learning rate', tex: '\\eta',
    hint: 'bowl: 0.001 crawls, 0.17 oscillates, 0.21 diverges' },
  { name: 'v1', type: 'number', min: -10, max: 10, default: -4, label: 'start v₁', tex: 'v_1', hint: 'or click the map' },
  { name: 'v2', type: 'number', min: -10, max: 10, default: 1.5, label: 'start v₂', tex: 'v_2' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('gradient-descent');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [BALL_PARAMS, FIT_PARAMS, [...COST_PARAMS, 'data']]);
  const onChanges = [
    (_v, name) => {
      if (name === 'surface') {
        const s = SURFACES[settings[0].values.surface];
        settings[0].set({ v1: s.start[0], v2: s.start[1] });
        ctx.setQuery(link.query(), { push: false });
        grid = null;
      }
      run.reset();
    },
    () => fit.update(),
    () => {},
  ];
  const settings = [r.ballSettings, r.fitSettings, r.costSettings].map((el, i) => link.register(i, createSettings({
    specs: [BALL_PARAMS, FIT_PARAMS, COST_PARAMS][i], container: el, query: link.queryFor(i), ctx: link.ctx,
    ignore: [...link.ignoreFor(i), 'data'], onChange: onChanges[i],
  })));

  const map = createContour(/** @type {HTMLCanvasElement} */ (r.ballMap), {
    xLabel: 'v₁', yLabel: 'v₂',
    onPick: (x, y) => {
      settings[0].set({ v1: Number(x.toFixed(2)), v2: Number(y.toFixed(2)) });
      ctx.setQuery(link.query(), { push: true });
      run.reset();
    },
  });
  /** @type {any} */
  let grid = null;
  let steps = 0;
  /** @type {Float64Array} */
  let path = new Float64Array(0);
  let verdict = 'starting';
  const run = createRunController({
    container: r.ballRun, stateElement: r.ballPanel, idPrefix: 'ball', stepTitle: 'One step v → v − η∇C',
    speeds: [1, 5, 20].map((v) => ({ value: v, label: `${v} step${v > 1 ? 's' : ''} / frame` })), speed: 1,
    frame: (_b, speed) => advance(speed), step: () => advance(1),
    reset: () => {
      steps = 0;
      compute();
      run.say('Click the map to place v, then ▶ Play or Step.');
      return true;
    },
  });
  const fit = createFitPanel(r, { root: r.fitPanel, values: () => settings[1].values, setStart: (w, b) => {
    settings[1].set({ w0: w, b0: b });
    ctx.setQuery(link.query(), { push: true });
    fit.update();
  } });
  const makeCost = (query) => createCostPanel(r, { values: () => settings[2].values, params: query, id: ctx.id, query: () => link.query() });
  let cost = makeCost(params);
  let source = params.get('data');
  run.reset();
  fit.update();

  /** @param {number} n */
  function advance(n) {
    steps = Math.min(MAX_STEPS, steps + n);
    compute();
    const done = path.length / F;
    if (verdict === 'diverging' && done < steps) run.diverge(`Diverged after ${done} steps: v left the map for good. Lower η and press ↺ Reset.`);
    else if (verdict === 'converged') run.finish(`Converged after ${done} steps.`);
    else if (steps >= MAX_STEPS) run.finish(`Stopped after ${MAX_STEPS} steps.`);
    else if (run.state !== 'running') run.say(`Step ${done}. ${VERDICT[verdict]}`);
  }

  /** The whole path from the start (the core's), and the picture. */
  function compute() {
    const v = settings[0].values;
    const s = SURFACES[v.surface];
    if (!grid) {
      const { xMin, xMax, yMin, yMax } = s.range;
      grid = { values: surfaceGrid(v.surface, RES, xMin, xMax, yMin, yMax), res: RES, log: Boolean(s.log) };
    }
    const out = gdPath(v.surface, v.v1, v.v2, v.eta, steps);
    path = Float64Array.from(out.steps);
    verdict = out.verdict;
    draw();
  }

  function draw() {
    const v = settings[0].values;
    const s = SURFACES[v.surface];
    const n = path.length / F;
    const points = [v.v1, v.v2];
    for (let k = 0; k < n; k++) points.push(path[k * F] + path[k * F + 5], path[k * F + 1] + path[k * F + 6]);
    // The next step from where v is now.
    const now = gdPath(v.surface, points[points.length - 2], points[points.length - 1], v.eta, 1).steps;
    const [x, y, c, g1, g2, d1, d2, predicted, actual] = now;
    const span = s.range.xMax - s.range.xMin;
    const g = Math.hypot(g1, g2) || 1;
    map.draw({
      range: s.range, grid,
      paths: [{ points, color: colors.ink, dots: true, width: 1.5 }],
      arrows: Number.isFinite(g1) && Math.abs(x) < 1e4 ? [
        { x, y, dx: (0.12 * span * g1) / g, dy: (0.12 * span * g2) / g, color: colors.wrong, label: '∇C' },
        { x, y, dx: d1, dy: d2, color: colors.ok, label: 'Δv = −η∇C' },
      ] : [],
      marks: [{ x: v.v1, y: v.v2, color: colors.series[0], label: 'start', shape: 'ring' }],
    });
    r.ballNow.innerHTML = tex(`\\begin{aligned} v &= (${texNumber(x, 3)},\\ ${texNumber(y, 3)}),\\quad C(v) = ${texNumber(c, 4)} \\\\
      \\nabla C &= (${texNumber(g1, 3)},\\ ${texNumber(g2, 3)}) \\\\
      \\Delta v &= -\\eta \\nabla C = (${texNumber(d1, 4)},\\ ${texNumber(d2, 4)}) \\\\
      \\Delta C &\\approx \\nabla C \\cdot \\Delta v = -\\eta \\lVert \\nabla C \\rVert^2 = ${fmt(predicted)} \\\\
      C(v + \\Delta v) - C(v) &= ${fmt(actual)} \\end{aligned}`, true);
    Object.assign(r.ballNow.dataset, { predicted: String(predicted), actual: String(actual), cost: String(c), eta: String(v.eta) });
    const ratio = actual / predicted;
    r.ballRatio.textContent = Number.isFinite(ratio)
      ? `true change / predicted = ${num(ratio, 4)} (${ratio > 0.99 && ratio < 1.01 ? 'within 1%: η is small enough for the linear estimate' : 'the estimate is only first order: it is exact as η → 0'})`
      : '';
    r.ballSteps.textContent = int(n);
    r.ballCost.textContent = short(c);
    r.ballVerdict.textContent = VERDICT[verdict];
    r.ballVerdict.dataset.verdict = verdict;
    r.ballTable.innerHTML = `<thead><tr><th>step</th><th>${tex('C')}</th><th>${tex('\\lVert\\nabla C\\rVert')}</th><th>predicted ${tex('\\Delta C')}</th><th>true ${tex('\\Delta C')}</th></tr></thead><tbody>${
      Array.from({ length: Math.min(n, 6) }, (_, i) => n - 1 - i).map((k) => `<tr><td>${k + 1}</td><td>${short(path[k * F + 2])}</td>
        <td>${short(Math.hypot(path[k * F + 3], path[k * F + 4]))}</td><td>${short(path[k * F + 7])}</td><td>${short(path[k * F + 8])}</td></tr>`).join('')}</tbody>`;
  }

  return {
    pause() {
      run.pause();
      fit.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.forEach((s, i) => s.fromQuery(link.queryFor(i, next)));
      grid = null;
      run.reset();
      fit.update();
      if (next.get('data') !== source) {
        source = next.get('data');
        cost.destroy();
        cost = makeCost(next);
      }
    },
    destroy() {
      run.destroy();
      map.destroy();
      fit.destroy();
      cost.destroy();
    },
  };
}

/** ΔC in LaTeX with enough digits for small steps. */
function fmt(x) {
  if (!Number.isFinite(x)) return texNumber(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(4).replace(/e([+-]?)(\d+)/, (_m, s, e) => `\\times 10^{${s === '-' ? '-' : ''}${e}}`) : texNumber(x, 6);
}

function template(number) {
  return `${chapterOpen({
    id: 'gradient-descent', number, kicker: 'Learning', title: 'Gradient descent',
    lede: 'To make the cost small, move the parameters a little against its gradient, again and again — ' +
      'like a ball rolling downhill. The learning rate η decides how big each step is.',
  })}
  <section class="panel" aria-labelledby="gd-ball-title" data-ref="ballPanel" data-testid="ball-panel">
    <h2 id="gd-ball-title">A ball rolling down C(v₁, v₂)</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} \\Delta C &\\approx \\nabla C \\cdot \\Delta v \\\\ \\Delta v &= -\\eta \\nabla C \\\\ \\Rightarrow\\; \\Delta C &\\approx -\\eta \\lVert \\nabla C \\rVert^2 \\le 0 \\end{aligned}',
          '')}
        <form class="settings" data-ref="ballSettings" novalidate></form>
        <div data-ref="ballRun"></div>
        <p class="stats">steps <strong data-ref="ballSteps" data-testid="ball-steps">0</strong> · ${tex('C')} = <strong data-ref="ballCost" data-testid="ball-cost">–</strong></p>
        <p class="verdict" data-ref="ballVerdict" data-testid="verdict"></p>
      </div>
      <div class="bench-view">
        <figure class="chart gd-map"><canvas data-ref="ballMap" data-testid="ball-map" role="img" aria-label="Contour map of the cost with the path of gradient descent; click to place the start"></canvas>
          <figcaption>Click to place ${tex('v')}. Red: the direction of ${tex('\\nabla C')}; green: the step ${tex('\\Delta v = -\\eta\\nabla C')} to scale.</figcaption></figure>
        <div class="formula gd-now" data-ref="ballNow" data-testid="ball-now"></div>
        <p class="note" data-ref="ballRatio" data-testid="ball-ratio"></p>
        <div class="table-wrap"><table class="values" data-ref="ballTable" data-testid="ball-table"></table></div>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="gd-fit-title" data-ref="fitPanel" data-testid="fit-panel">
    <h2 id="gd-fit-title">Gradient descent in a model: fitting a line</h2>
    ${fitHTML()}
  </section>

  <section class="panel" aria-labelledby="gd-cost-title">
    <h2 id="gd-cost-title">“Consider all training samples — very expensive”</h2>
    ${costHTML()}
  </section>
</section>`;
}
