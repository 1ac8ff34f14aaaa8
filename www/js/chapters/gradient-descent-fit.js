// @ts-check
/**
 * Two panels of the gradient-descent chapter:
 * - the least-squares line ŷ = w x + b as a 2-parameter model: the data with the current line, the cost
 *   surface C(w, b) with the path of full-batch gradient descent, and the update rules with live numbers
 *   (the core's `LineFitLab`);
 * - the price of one full-batch gradient on MNIST, measured live: a Trainer whose mini-batch is the
 *   whole training set (one step = one gradient over every image) against one mini-batch of 10.
 */
import { LineFitLab, Trainer } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { num, short, int, esc } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { formulaHTML } from '../kit/chapter.js';
import { createContour } from '../views/contour.js';
import { createLineChart } from '../views/lineChart.js';
import { colors } from '../views/canvas.js';

export const FIT_RANGE = { xMin: -1, xMax: 4, yMin: -3, yMax: 3 };
const MAX_STEPS = 2000;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const FIT_PARAMS = [
  { name: 'fitEta', type: 'number', min: 0, minExclusive: true, max: 5, default: 0.3, label: 'learning rate', tex: '\\eta',
    hint: 'above about 0.9 it diverges (2 / the largest curvature)' },
  { name: 'n', type: 'int', min: 2, max: 1000, default: 40, label: 'data points', tex: 'n' },
  { name: 'noise', type: 'number', min: 0, max: 3, default: 0.4, label: 'noise', group: 'more' },
  { name: 'dataSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'data seed', always: true },
  { name: 'w0', type: 'number', min: -1, max: 4, default: -0.5, label: 'start w', tex: 'w', group: 'more' },
  { name: 'b0', type: 'number', min: -3, max: 3, default: 2.5, label: 'start b', tex: 'b', group: 'more' },
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{root: HTMLElement, values: () => Record<string, any>, setStart: (w: number, b: number) => void}} o
 */
export function createFitPanel(r, { root, values, setStart }) {
  const surface = createContour(/** @type {HTMLCanvasElement} */ (r.fitSurface), { xLabel: 'w', yLabel: 'b', onPick: (w, b) => setStart(Number(w.toFixed(2)), Number(b.toFixed(2))) });
  const scatter = createContour(/** @type {HTMLCanvasElement} */ (r.fitData), { xLabel: 'x', yLabel: 'y' });
  const chart = createLineChart(/** @type {HTMLCanvasElement} */ (r.fitChart), { xLabel: 'steps', yLabel: 'C (log)', logY: true, xMin: 0, series: [{ label: 'C' }] });
  /** @type {any} */
  let lab = null;
  /** @type {any} */
  let grid = null;
  let steps = 0;
  let key = '';
  const run = createRunController({
    container: r.fitRun, stateElement: root, idPrefix: 'fit', keys: false, stepTitle: 'One step of gradient descent on all n points',
    speeds: [1, 5, 25].map((v) => ({ value: v, label: `${v} step${v > 1 ? 's' : ''} / frame` })), speed: 1,
    frame: (_b, speed) => advance(speed), step: () => advance(1),
    reset: () => {
      steps = 0;
      draw();
      run.say('▶ Play runs gradient descent; click the map to start elsewhere.');
      return true;
    },
  });

  /** @param {number} n */
  function advance(n) {
    steps = Math.min(MAX_STEPS, steps + n);
    const last = draw();
    if (!Number.isFinite(last) || last > 1e6) run.diverge('Diverged: η is too large for this valley. Lower η and press ↺ Reset.');
    else if (steps >= MAX_STEPS) run.finish(`Stopped after ${MAX_STEPS} steps.`);
  }

  /** Returns the cost at the path's end. */
  function draw() {
    const v = values();
    const k = `${v.n},${v.dataSeed},${v.noise}`;
    if (k !== key) {
      lab?.free();
      lab = new LineFitLab(v.n, v.dataSeed, v.noise);
      grid = { values: lab.grid(100, FIT_RANGE.xMin, FIT_RANGE.xMax, FIT_RANGE.yMin, FIT_RANGE.yMax), res: 100, log: true };
      key = k;
    }
    const path = lab.gdPath(v.w0, v.b0, v.fitEta, steps);
    const m = path.length / 2 - 1;
    const [w, b] = [path[2 * m], path[2 * m + 1]];
    const min = lab.minimum();
    surface.draw({
      range: FIT_RANGE, grid,
      paths: [{ points: path, color: colors.ink, dots: true, width: 1.5 }],
      marks: [{ x: min[0], y: min[1], color: colors.ok, shape: 'star', label: 'least squares' },
        { x: v.w0, y: v.b0, color: colors.series[0], shape: 'ring', label: 'start' }],
    });
    const xs = lab.xs(), ys = lab.ys();
    scatter.draw({
      range: { xMin: 0, xMax: 2, yMin: -2, yMax: 4 },
      marks: Array.from(xs, (x, i) => ({ x, y: ys[i], color: colors.class0, radius: 3 })),
      paths: Number.isFinite(w) ? [{ points: [0, b, 2, 2 * w + b], color: colors.class1, width: 3 }] : [],
    });
    chart.clear();
    for (let i = 0; i <= m; i += Math.max(1, Math.floor(m / 400))) chart.push(0, i, lab.cost(path[2 * i], path[2 * i + 1]));
    chart.update();
    const finite = Number.isFinite(w) && Number.isFinite(b) && Math.abs(w) < 1e4 && Math.abs(b) < 1e4;
    const c = finite ? lab.cost(w, b) : Infinity;
    const [gw, gb] = finite ? lab.gradient(w, b) : [NaN, NaN];
    const eta = v.fitEta;
    r.fitRules.innerHTML = tex(`\\begin{aligned}
      C(w, b) &= \\tfrac{1}{2n} \\textstyle\\sum_x (w x + b - y)^2 = ${texNumber(c, 5)} \\\\
      w &\\to w - \\eta \\frac{\\partial C}{\\partial w} = ${texNumber(w, 4)} - ${texNumber(eta, 3)} \\cdot (${texNumber(gw, 4)}) = ${texNumber(w - eta * gw, 4)} \\\\
      b &\\to b - \\eta \\frac{\\partial C}{\\partial b} = ${texNumber(b, 4)} - ${texNumber(eta, 3)} \\cdot (${texNumber(gb, 4)}) = ${texNumber(b - eta * gb, 4)}
      \\end{aligned}`, true);
    Object.assign(r.fitRules.dataset, { w: String(w), b: String(b), cost: String(c) });
    r.fitStats.textContent = `step ${int(m)} · C = ${short(c)} · least squares: w = ${num(min[0], 3)}, b = ${num(min[1], 3)}, C = ${short(lab.cost(min[0], min[1]))}`;
    return c;
  }

  return {
    update() {
      run.pause();
      run.reset();
    },
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      surface.destroy();
      scatter.destroy();
      chart.destroy();
      lab?.free();
    },
  };
}

/** @type {import('../kit/params.js').ParamSpec[]} */
export const COST_PARAMS = [
  { name: 'hidden', type: 'int', min: 1, max: 200, default: 30, label: 'hidden neurons', hint: 'the network [784, hidden, 10]' },
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{values: () => Record<string, any>, params: URLSearchParams, id: string, query: () => string}} o
 */
export function createCostPanel(r, { values, params, id, query }) {
  const source = params.get('data') === 'full' ? 'full' : 'sample';
  /** @type {any} */
  let mnist = null;
  let stop = () => {};
  r.costResult.textContent = 'Press the button: the core computes the gradient over every training image once (a Trainer ' +
    'whose mini-batch is the whole set) and one mini-batch of 10, timed here in your browser.';
  r.measure.addEventListener('click', measure);
  /** @type {HTMLButtonElement} */ (r.measure).disabled = true;
  try {
    stop = mnistLoad(source).subscribe((l) => {
      if (l.state === 'loading') r.costStatus.textContent = `Loading ${l.label}… ${(l.received / 1e6).toFixed(1)} MB`;
      else if (l.state === 'error') r.costStatus.textContent = `The digits could not be loaded: ${l.error.message}`;
      else if (l.state === 'ready' && !mnist) {
        mnist = l.mnist;
        /** @type {HTMLButtonElement} */ (r.measure).disabled = false;
        r.costStatus.innerHTML = source === 'sample'
          ? `Data: the <strong data-testid="cost-source">MNIST sample, n = ${int(mnist.trainCount)}</strong> images. ` +
            `<a data-testid="cost-use-full" href="#/${esc(id)}?${esc([query(), 'data=full'].filter(Boolean).join('&'))}">Use the full set (50,000 training images, 11 MB download)</a>`
          : `Data: the <strong data-testid="cost-source">full MNIST training set, n = 50,000</strong> images.`;
      }
    });
  } catch (err) {
    r.costStatus.textContent = String(err);
  }

  function measure() {
    if (!mnist) return;
    const n = source === 'full' ? 50000 : mnist.trainCount;
    const sizes = [784, values().hidden, 10];
    const base = { sizes, nTrain: n, nValidation: source === 'full' ? 10000 : 0, seed: 1 };
    r.costResult.textContent = 'Measuring…';
    // Let the message paint before the long step.
    setTimeout(() => {
      let full, mini;
      try {
        full = new Trainer({ ...base, batchSize: n }, mnist);
        const t0 = performance.now();
        const p = full.step(1);
        const fullMs = performance.now() - t0;
        mini = new Trainer({ ...base, batchSize: 10 }, mnist);
        mini.step(1); // warm-up
        const t1 = performance.now();
        mini.step(100);
        const miniMs = (performance.now() - t1) / 100;
        const ratio = fullMs / miniMs;
        r.costResult.innerHTML = `One gradient-descent step on all <strong>${int(n)}</strong> images (network [${sizes.join(', ')}]): ` +
          `<strong data-testid="full-ms" data-value="${fullMs}">${num(fullMs, 1)} ms</strong> (C = ${short(p.loss)}). ` +
          `One mini-batch of 10: <strong data-testid="mini-ms" data-value="${miniMs}">${num(miniMs, 3)} ms</strong> — ` +
          `the full gradient costs about <strong>${int(ratio)}×</strong> as much for a single step.`;
      } catch (err) {
        r.costResult.textContent = err instanceof Error ? err.message : String(err);
      } finally {
        full?.free();
        mini?.free();
      }
    }, 30);
  }

  return {
    destroy() {
      stop();
      r.measure.removeEventListener('click', measure);
    },
  };
}

export function fitHTML() {
  return `<div class="workbench wide-view">
    <div class="bench-controls">
      ${formulaHTML('\\begin{aligned} w_k &\\to w_k\' = w_k - \\eta \\frac{\\partial C}{\\partial w_k} \\\\ b_l &\\to b_l\' = b_l - \\eta \\frac{\\partial C}{\\partial b_l} \\end{aligned}',
        'the network’s update rules; here the “network” is the line ŷ = w x + b, so there are just two parameters')}
      <form class="settings" data-ref="fitSettings" novalidate></form>
      <div data-ref="fitRun"></div>
      <p class="hint" data-ref="fitStats" data-testid="fit-stats"></p>
    </div>
    <div class="bench-view">
      <div class="formula" data-ref="fitRules" data-testid="fit-rules"></div>
      <div class="split even">
        <figure class="chart gd-square"><canvas data-ref="fitSurface" data-testid="fit-surface" role="img" aria-label="Cost surface over w and b with the gradient-descent path"></canvas>
          <figcaption>${tex('C(w, b)')} and the path of gradient descent; click to start elsewhere.</figcaption></figure>
        <figure class="chart gd-square"><canvas data-ref="fitData" data-testid="fit-data" role="img" aria-label="The data points and the current line"></canvas>
          <figcaption>The ${tex('n')} points and the line ${tex('\\hat y = w x + b')} now.</figcaption></figure>
      </div>
      <figure class="chart short"><canvas data-ref="fitChart" role="img" aria-label="Cost per step"></canvas></figure>
    </div>
  </div>`;
}

export function costHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      ${formulaHTML('\\nabla C = \\frac{1}{n} \\sum_x \\nabla C_x',
        'one step of gradient descent needs the gradient of every training image: a forward and a backward pass through the network for each')}
      <form class="settings" data-ref="costSettings" novalidate></form>
      <p class="hint" data-ref="costStatus" data-testid="cost-status">Loading the digits…</p>
      <p class="buttons"><button type="button" class="primary" data-ref="measure" data-testid="measure">Measure one full-batch gradient</button></p>
    </div>
    <div class="bench-view">
      <p class="cost-result" data-ref="costResult" data-testid="cost-result"></p>
    </div>
  </div>`;
}
