// @ts-check
/**
 * SGD on MNIST for several mini-batch sizes at equal compute: one Trainer per m (Nielsen's network,
 * the same seed), trained in turns of the same number of samples, each turn ending with the cost on
 * the same 500 held-out images (`metrics`), plotted against samples seen. The 1,000-digit sample by
 * default; `data=full` for the full set.
 */
import { Trainer } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { esc, int, num, seconds } from '../dom.js';
import { createRunController } from '../kit/run.js';
import { createLineChart } from '../views/lineChart.js';

const TURN = 500; // samples per trainer per turn
const EVAL = 500;
const COLORS = ['#ae3ec9', '#e07b00', '#2b8a3e', '#3b5bdb'];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const MNIST_PARAMS = [
  { name: 'mnistMs', type: 'ints', min: 1, max: 1000, minLength: 1, maxLength: 4, default: [1, 10, 100], label: 'mini-batch sizes', tex: 'm' },
  { name: 'mnistEta', type: 'number', min: 0, minExclusive: true, max: 100, default: 3, label: 'learning rate', tex: '\\eta' },
  { name: 'samples', type: 'int', min: 1000, max: 300000, default: 20000, label: 'samples to see (compute)' },
  { name: 'mnistSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{root: HTMLElement, settings: any, params: URLSearchParams, id: string, query: () => string}} o
 */
export function createMnistPanel(r, { root, settings, params, id, query }) {
  const source = params.get('data') === 'full' ? 'full' : 'sample';
  /** @type {any} */
  let mnist = null;
  /** @type {{m: number, trainer: any, seen: number, ms: number}[]} */
  let runs = [];
  /** @type {any} */
  let chart = null;
  chart = makeChart([]);
  let stop = () => {};
  let evalSplit = 'test';
  const run = createRunController({
    container: r.mnistRun, stateElement: root, idPrefix: 'mnist', keys: false, stepTitle: `Train each m on ${TURN} more samples`,
    frame: (budget) => {
      const until = performance.now() + budget;
      do {
        if (!turn()) return;
      } while (performance.now() < until);
    },
    step: () => turn(),
    reset: () => {
      if (!mnist) return false;
      const values = settings.apply();
      if (!values) return false;
      build(values);
      return true;
    },
  });
  run.setEnabled(false);
  try {
    stop = mnistLoad(source).subscribe(onLoad);
  } catch (err) {
    r.mnistStatus.textContent = String(err);
  }

  function onLoad(l) {
    if (l.state === 'loading') r.mnistStatus.textContent = `Loading ${l.label}… ${(l.received / 1e6).toFixed(1)} MB`;
    else if (l.state === 'error') r.mnistStatus.textContent = `The digits could not be loaded: ${l.error.message}`;
    else if (l.state === 'ready' && !mnist) {
      mnist = l.mnist;
      r.mnistStatus.innerHTML = source === 'sample'
        ? `Data: the <strong data-testid="mnist-source">MNIST sample (1,000 digits)</strong>; the cost is measured on its first ${EVAL}, which it also trains on. ` +
          `<a data-testid="mnist-use-full" href="#/${esc(id)}?${esc([query(), 'data=full'].filter(Boolean).join('&'))}">Use the full set (11 MB)</a>`
        : `Data: the <strong data-testid="mnist-source">full MNIST</strong>: 50,000 training images; the cost on the first ${EVAL} validation images.`;
      evalSplit = source === 'sample' ? 'train' : 'validation';
      run.setEnabled(true);
      build(settings.values);
    }
  }

  function makeChart(ms) {
    chart?.destroy();
    return createLineChart(/** @type {HTMLCanvasElement} */ (r.mnistChart), {
      xLabel: 'samples seen', yLabel: `cost C on ${EVAL} images`, xMin: 0,
      series: ms.map((m, i) => ({ label: `m = ${m}`, color: COLORS[i % 4] })),
    });
  }

  /** @param {Record<string, any>} v */
  function build(v) {
    runs.forEach((x) => x.trainer.free());
    const full = source === 'full';
    const n = full ? 50000 : mnist.trainCount;
    const epochs = Math.min(10000, Math.ceil(v.samples / n) + 1);
    runs = v.mnistMs.map((m) => ({
      m, seen: 0, ms: 0,
      trainer: new Trainer({ seed: v.mnistSeed, eta: v.mnistEta, batchSize: Math.min(m, n), nTrain: n, nValidation: full ? 10000 : 0, epochs }, mnist),
    }));
    chart = makeChart(v.mnistMs);
    runs.forEach((x, i) => chart.push(i, 0, cost(x)));
    chart.update();
    table();
    run.idle();
    run.say('▶ Play trains every m in turns of the same number of samples.');
  }

  function cost(x) {
    return x.trainer.metrics(evalSplit, 0, EVAL).loss;
  }

  /** One turn: each trainer sees TURN more samples. Returns false when the budget is spent. */
  function turn() {
    const budget = settings.values.samples;
    if (!runs.length || runs.every((x) => x.seen >= budget)) {
      run.finish(`Every m has seen ${int(budget)} samples.`);
      return false;
    }
    runs.forEach((x, i) => {
      if (x.seen >= budget) return;
      const goal = Math.min(budget, x.seen + TURN);
      const t0 = performance.now();
      while (x.seen < goal) {
        const p = x.trainer.step(Math.max(1, Math.ceil((goal - x.seen) / x.m)));
        if (p.samplesSeen === x.seen || p.finished) break;
        x.seen = p.samplesSeen;
      }
      x.ms += performance.now() - t0;
      chart.push(i, x.seen, cost(x));
    });
    chart.update();
    table();
    return true;
  }

  function table() {
    r.mnistTable.innerHTML = `<thead><tr><th>m</th><th>samples seen</th><th>updates</th><th>cost C</th><th>time</th></tr></thead><tbody>${runs.map((x) =>
      `<tr data-m="${x.m}" data-cost="${cost(x)}" data-seen="${x.seen}"><td>${x.m}</td><td>${int(x.seen)}</td><td>${int(Math.ceil(x.seen / x.m))}</td>` +
      `<td>${num(cost(x), 4)}</td><td>${seconds(x.ms)}</td></tr>`).join('')}</tbody>`;
  }

  return {
    update() {
      run.pause();
      if (mnist) build(settings.values);
    },
    pause: () => run.pause(),
    destroy() {
      stop();
      run.destroy();
      chart.destroy();
      runs.forEach((x) => x.trainer.free());
    },
  };
}

export function mnistHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      <p class="hint" data-ref="mnistStatus" data-testid="mnist-status">Loading the digits…</p>
      <form class="settings" data-ref="mnistSettings" novalidate></form>
      <p class="hint">Nielsen’s network [784, 30, 10], quadratic cost, the same seed for every m; ↺ Reset applies the settings.</p>
      <div data-ref="mnistRun"></div>
    </div>
    <div class="bench-view">
      <figure class="chart"><canvas data-ref="mnistChart" data-testid="mnist-chart" role="img" aria-label="Cost against samples seen, one curve per mini-batch size"></canvas>
        <figcaption>Equal compute on the x axis: every curve has seen as many samples. Small m makes many small noisy steps; large m few accurate ones.</figcaption></figure>
      <div class="table-wrap"><table class="values" data-ref="mnistTable" data-testid="mnist-table"></table></div>
    </div>
  </div>`;
}
