// @ts-check
/**
 * The activation chapter on MNIST. Two parts:
 * - unit health: a ReLU network and a sigmoid (or tanh) network of the same sizes and seed train side by side;
 *   after every frame the core's `trainer.unitStats` counts, per hidden layer, the share of dead ReLUs (a = 0 on
 *   every one of the first 500 training images) and of saturated sigmoid / tanh units (|z| > 6 / > 3);
 * - the race: one small network, one seed, one curve per hidden activation (mnist-compare.js).
 */
import { Trainer } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { esc, int } from '../dom.js';
import { createLineChart } from '../views/lineChart.js';
import { createRunController } from '../kit/run.js';
import { createRun } from './mnist-run.js';
import { smallMnistConfig } from './mnist-compare.js';

const DATA = {
  name: 'data', type: /** @type {'choice'} */ ('choice'), default: 'sample', label: 'digits',
  options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
};

/** @type {import('../kit/params.js').ParamSpec[]} */
export const HEALTH_PARAMS = [
  DATA,
  { name: 'hSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'hHidden', type: 'ints', min: 1, max: 200, minLength: 1, maxLength: 4, default: [64, 64], label: 'hidden layer sizes' },
  { name: 'saturating', type: 'choice', default: 'tanh', label: 'saturating activation', options: ['tanh', 'sigmoid'] },
  { name: 'reluEta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.5, label: 'η of the ReLU net', tex: '\\eta_{\\text{ReLU}}' },
  { name: 'satEta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.5, label: 'η of the sigmoid / tanh net', tex: '\\eta_{\\sigma}' },
  { name: 'hEpochs', type: 'int', min: 1, max: 30, default: 5, label: 'epochs' },
];

/** The race's activations and their colours. */
export const RACERS = [
  { id: 'sigmoid', label: 'sigmoid', color: '#868e96' },
  { id: 'tanh', label: 'tanh', color: '#ae3ec9' },
  { id: 'relu', label: 'ReLU', color: '#3b5bdb' },
  { id: 'leakyRelu', label: 'leaky ReLU', color: '#1098ad' },
  { id: 'elu', label: 'ELU', color: '#2b8a3e' },
  { id: 'gelu', label: 'GELU', color: '#e07b00' },
  { id: 'swish', label: 'Swish', color: '#c92a2a' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const RACE_PARAMS = [
  { ...DATA, name: 'rData' },
  { name: 'rSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'rHidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons', tex: 'n_{\\text{hidden}}' },
  { name: 'rEpochs', type: 'int', min: 1, max: 20, default: 4, label: 'epochs' },
  { name: 'rEta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.1, label: 'learning rate (all runs)', tex: '\\eta' },
];

/** One run per racing activation. @param {Record<string, any>} v  RACE_PARAMS values */
export function raceRuns(v) {
  return RACERS.map((a) => ({
    ...a,
    config: { ...smallMnistConfig({ seed: v.rSeed, epochs: v.rEpochs, hidden: v.rHidden, eta: v.rEta }), hiddenActivation: a.id },
  }));
}

const STATS_IMAGES = 500;
/** One shade per layer: blues for the ReLU net's layers, purples for the saturating net's. */
const SHADES = { relu: ['#3b5bdb', '#74c0fc', '#1864ab', '#a5d8ff'], sat: ['#ae3ec9', '#e599f7', '#862e9c', '#f3d9fa'] };

/**
 * @param {HTMLElement} container
 * @param {{stateElement: HTMLElement, values: () => Record<string, any>}} o
 */
export function createHealth(container, o) {
  container.innerHTML = `
    <p class="note" data-ref="dataNote" data-testid="health-data-note"></p>
    <div data-ref="run"></div>
    <figure class="chart short"><canvas data-ref="chart" data-testid="health-chart" role="img"
      aria-label="Share of dead ReLU units and of saturated units per layer, against epochs"></canvas>
      <figcaption>Blues: the share of dead ReLUs per hidden layer l; purples: the share of saturated sigmoid / tanh z per layer.</figcaption></figure>
    <div class="table-wrap"><table class="values act-health" data-ref="table" data-testid="health-table"></table></div>`;
  const r = /** @type {Record<string, HTMLElement>} */ (Object.fromEntries(
    [...container.querySelectorAll('[data-ref]')].map((el) => [/** @type {HTMLElement} */ (el).dataset.ref, el])));
  const run = createRunController({
    container: r.run, stateElement: o.stateElement, idPrefix: 'health', keys: false,
    stepTitle: 'One mini-batch for both networks', frame, step, reset,
  });
  run.setEnabled(false);
  /** @type {any} */
  let mnist = null;
  let source = '';
  let stopWatching = () => {};
  /** @type {{label: string, act: string, color: string, run: any, stats: any[], acc: number, done: boolean, diverged: boolean}[]} */
  let nets = [];
  /** @type {ReturnType<typeof createLineChart>|null} */
  let chart = null;
  let frames = 0;
  load();

  function load() {
    stopWatching();
    mnist = null;
    source = o.values().data;
    run.setEnabled(false);
    stopWatching = mnistLoad(source).subscribe((s) => {
      if (s.source !== source) return;
      if (s.state === 'loading') r.dataNote.textContent = `Loading ${s.label}… ${(s.received / 1e6).toFixed(1)} MB`;
      else if (s.state === 'error') run.showError(`The digits could not be loaded: ${s.error.message}`);
      else if (s.state === 'ready' && !mnist) {
        mnist = s.mnist;
        run.setEnabled(true);
        reset();
      }
    });
  }

  function reset() {
    if (!mnist) return false;
    const v = o.values();
    const [nTrain, nValidation] = source === 'sample' ? [800, 200] : [10000, 2000];
    const specs = [
      { label: 'ReLU', act: 'relu', color: '#3b5bdb', eta: v.reluEta },
      { label: v.saturating, act: v.saturating, color: '#ae3ec9', eta: v.satEta },
    ];
    free();
    try {
      nets = specs.map((s) => {
        const config = { ...smallMnistConfig({ seed: v.hSeed, epochs: v.hEpochs, hidden: 1, eta: s.eta }), sizes: [784, ...v.hHidden, 10], hiddenActivation: s.act, nTrain, nValidation };
        const net = { ...s, run: /** @type {any} */ (null), stats: [], acc: NaN, done: false, diverged: false };
        net.run = createRun(new Trainer(config, mnist), {
          onStep: (p) => { if (p.diverged) net.diverged = true; },
          onEpoch: (e) => {
            if (e.validation) net.acc = e.validation.correct / e.validation.total;
            if (e.finished) net.done = true;
          },
        });
        return net;
      });
    } catch (err) {
      free();
      run.showError(err instanceof Error ? err.message : String(err));
      return false;
    }
    run.showError('');
    const layers = v.hHidden.length;
    chart?.destroy();
    chart = createLineChart(/** @type {HTMLCanvasElement} */ (r.chart), {
      xLabel: 'epochs', yLabel: 'share of units %', xMin: 0, xMax: v.hEpochs, yMin: 0, yMax: 100, yCeil: 100,
      series: nets.flatMap((n) => Array.from({ length: layers }, (_, l) => ({
        label: `${n.act === 'relu' ? 'dead' : 'saturated'}: ${n.label} l = ${l + 2}`, color: SHADES[n.act === 'relu' ? 'relu' : 'sat'][l],
      }))),
    });
    r.dataNote.textContent = `${source === 'sample' ? 'The 1,000-digit sample' : 'Full MNIST'}: ${int(nTrain)} training images; ` +
      `the shares are counted on the first ${STATS_IMAGES} of them, at inference, after every frame.`;
    measure();
    run.idle();
    run.say('Two networks ready: same sizes, same seed. Press ▶ Play.');
    return true;
  }

  /** Read the core's unit statistics of both networks and draw them. */
  function measure() {
    for (const [i, n] of nets.entries()) {
      n.stats = n.run.trainer.unitStats('train', 0, Math.min(STATS_IMAGES, n.run.trainer.splitSize('train'))).slice(0, -1);
      const last = n.run.last;
      const t = last ? last.epoch + last.batch / last.batchesPerEpoch : 0;
      n.stats.forEach((s, l) => chart?.push(i * n.stats.length + l, t, 100 * (n.act === 'relu' ? s.dead : s.saturated)));
    }
    chart?.update();
    table();
  }

  /** @param {number} budgetMs */
  function frame(budgetMs) {
    const live = nets.filter((n) => !n.done && !n.diverged);
    for (const n of live) n.run.frame(budgetMs / live.length);
    after();
  }

  function step() {
    for (const n of nets) if (!n.done && !n.diverged) n.run.stepOnce();
    after();
  }

  function after() {
    frames += 1;
    measure();
    if (nets.every((n) => n.done || n.diverged)) run.finish('Done: compare the shares with the accuracies.');
    else if (run.state === 'running' && frames % 5 === 0) {
      const p = nets[0].run.last;
      run.say(`Training… epoch ${p ? p.epoch + 1 : 1} of ${o.values().hEpochs}.`);
    }
  }

  function table() {
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
    r.table.innerHTML = `<thead><tr><th>network</th><th>layer</th><th>units</th><th>dead (a = 0 on all ${STATS_IMAGES})</th>
      <th>saturated z</th><th>validation</th></tr></thead><tbody>${nets.flatMap((n) => n.stats.map((s) => `
      <tr data-testid="health-${n.act === 'relu' ? 'relu' : 'sat'}-${s.layer}" data-dead="${s.dead}" data-saturated="${s.saturated}">
        <th scope="row"><i class="swatch" style="background:${esc(n.color)}"></i>${esc(n.label)}</th><td>${s.layer}</td><td>${s.units}</td>
        <td>${pct(s.dead)}</td><td>${pct(s.saturated)}</td><td>${n.diverged ? 'diverged' : pct(n.acc)}</td></tr>`)).join('')}</tbody>`;
  }

  function free() {
    for (const n of nets) n.run.trainer.free();
    nets = [];
  }

  return {
    restart() {
      run.pause();
      if (o.values().data !== source) load();
      else reset();
    },
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      stopWatching();
      chart?.destroy();
      free();
    },
  };
}
