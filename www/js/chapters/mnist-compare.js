// @ts-check
/**
 * Several MNIST runs side by side — same network, same seed, same data — differing in one thing (the
 * optimizer, the learning-rate schedule, the hidden activation), advanced together under one run controller. Each run is the MNIST
 * chapter's `createRun` (mini-batches sized to the frame, evaluation after each epoch in slices); this module
 * shares the frame between the runs, draws one curve per run (the mini-batch cost, smoothed, and validation
 * accuracy per epoch) and fills a table of final accuracies.
 *
 * Used by the optimizer, learning-rate decay and activation chapters. The data is the 1,000-digit sample
 * unless the student loads the full set (`source`).
 */
import { Trainer } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { esc, int, short } from '../dom.js';
import { createLineChart } from '../views/lineChart.js';
import { createRunController } from '../kit/run.js';
import { createRun } from './mnist-run.js';
import { PARAMS, toConfig } from './mnist-params.js';
import { defaults } from '../kit/params.js';

/** @typedef {{id: string, label: string, color: string, config: any, nTrain?: number}} RunSpec  nTrain: this run's own training-set size */

const SMOOTH = 0.1; // exponential moving average of the mini-batch cost

/**
 * @param {HTMLElement} container
 * @param {object} o
 * @param {string} o.idPrefix                 data-testid prefix of the run bar and the table
 * @param {HTMLElement} o.stateElement        carries data-state of the comparison (its own, not the chapter's)
 * @param {() => RunSpec[]} o.runs            the runs to build at reset (configs for `nTrain` images)
 * @param {() => 'sample'|'full'} o.source
 * @param {(source: 'sample'|'full') => void} o.onSource  the student asked for the other set
 * @param {string} [o.what]                   what differs, for the table header ("optimizer")
 * @param {(source: 'sample'|'full') => {nTrain: number, nValidation: number}} [o.split]  the images per run (default: split())
 * @param {(source: 'sample'|'full') => string} [o.note]  the data note (default: the split in words)
 * @param {boolean} [o.charts]                 draw the cost and accuracy charts (default true; false: the chapter draws its own)
 * @param {boolean} [o.sourceButton]           offer the other data set (default true)
 * @param {(runs: {spec: RunSpec, trainer: any}[]) => void} [o.onReset]  a new set of runs was built
 * @param {(index: number, progress: import('./mnist-run.js').Progress) => void} [o.onStep]  run `index` trained
 * @param {(index: number, result: import('./mnist-run.js').EpochResult) => void} [o.onEpoch]  run `index` finished an epoch (evaluated)
 */
export function createComparison(container, o) {
  const p = o.idPrefix;
  container.innerHTML = `
    <div class="cmp-data">
      <span data-ref="dataNote" data-testid="${p}-data-note"></span>
      <button type="button" data-ref="sourceButton" data-testid="${p}-source"${o.sourceButton === false ? ' hidden' : ''}></button>
      <p class="error" role="alert" data-ref="dataError" data-testid="${p}-data-error" hidden></p>
    </div>
    <div data-ref="run"></div>
    <div class="cmp-legend" data-ref="legend" data-testid="${p}-legend"></div>
    <div class="cmp-charts"${o.charts === false ? ' hidden' : ''}>
      <figure class="chart short"><canvas data-ref="cost" data-testid="${p}-cost-chart" role="img" aria-label="Mini-batch cost per run"></canvas>
        <figcaption>Mini-batch cost (moving average, log scale) against epochs.</figcaption></figure>
      <figure class="chart short"><canvas data-ref="acc" data-testid="${p}-accuracy-chart" role="img" aria-label="Validation accuracy per epoch per run"></canvas>
        <figcaption>Validation accuracy after each epoch (held-out images).</figcaption></figure>
    </div>
    <div class="table-wrap"><table class="values cmp-table" data-ref="table" data-testid="${p}-table"></table></div>`;
  const r = /** @type {Record<string, HTMLElement>} */ (Object.fromEntries(
    [...container.querySelectorAll('[data-ref]')].map((el) => [/** @type {HTMLElement} */ (el).dataset.ref, el])));
  const run = createRunController({
    container: r.run, stateElement: o.stateElement, idPrefix: p, keys: false,
    stepTitle: 'One mini-batch for every run', frame, step, reset,
  });
  run.setEnabled(false);
  /** @type {{spec: RunSpec, run: ReturnType<typeof createRun>, cost: number, epochs: number, val: number, test: number, done: boolean, diverged: boolean}[]} */
  let runs = [];
  /** @type {any} */
  let mnist = null;
  let stopWatching = () => {};
  let source = o.source();
  /** @type {ReturnType<typeof createLineChart>|null} */
  let costChart = null;
  /** @type {ReturnType<typeof createLineChart>|null} */
  let accChart = null;

  r.sourceButton.addEventListener('click', () => o.onSource(source === 'sample' ? 'full' : 'sample'));
  load();

  function load() {
    stopWatching();
    mnist = null;
    run.setEnabled(false);
    source = o.source();
    r.sourceButton.textContent = source === 'sample' ? 'Use the full MNIST (60,000 digits, ~11 MB)' : 'Use the 1,000-digit sample';
    r.dataError.hidden = true;
    const l = mnistLoad(source);
    stopWatching = l.subscribe((s) => {
      if (s.source !== source) return;
      if (s.state === 'loading') r.dataNote.textContent = `Loading ${s.label}… ${(s.received / 1e6).toFixed(1)} MB`;
      else if (s.state === 'error') {
        r.dataNote.textContent = 'The digits could not be loaded.';
        r.dataError.textContent = s.error.message;
        r.dataError.hidden = false;
      } else if (s.state === 'ready' && !mnist) {
        mnist = s.mnist;
        run.setEnabled(true);
        reset();
      }
    });
  }

  function split() {
    return o.split ? o.split(source) : comparisonSplit(source);
  }

  function reset() {
    if (!mnist) return false;
    const specs = o.runs();
    const { nTrain, nValidation } = split();
    const built = [];
    try {
      for (const spec of specs) built.push({ spec, trainer: new Trainer({ ...spec.config, nTrain: spec.nTrain ?? nTrain, nValidation }, mnist) });
    } catch (err) {
      built.forEach((b) => b.trainer.free());
      run.showError(`${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    free();
    const epochs = specs[0]?.config.epochs || 1;
    costChart?.destroy();
    accChart?.destroy();
    costChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.cost), {
      xLabel: 'epochs', yLabel: 'cost (log)', logY: true, xMin: 0, xMax: epochs, series: specs.map((s) => ({ label: '', color: s.color })),
    });
    accChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.acc), {
      xLabel: 'epochs', yLabel: 'accuracy %', xMin: 0, xMax: epochs, markers: true, emptyY: [0, 100], yCeil: 100,
      series: specs.map((s) => ({ label: '', color: s.color })),
    });
    runs = built.map(({ spec, trainer }, i) => {
      const entry = { spec, run: /** @type {any} */ (null), cost: NaN, epochs: 0, val: NaN, test: NaN, done: false, diverged: false };
      entry.run = createRun(trainer, {
        onStep: (pr) => {
          if (pr.diverged) entry.diverged = true;
          if (pr.batchesRun > 0 && Number.isFinite(pr.loss)) {
            entry.cost = Number.isFinite(entry.cost) ? (1 - SMOOTH) * entry.cost + SMOOTH * pr.loss : pr.loss;
            costChart?.push(i, pr.epoch + pr.batch / pr.batchesPerEpoch, entry.cost);
          }
          o.onStep?.(i, pr);
        },
        onEpoch: (e) => {
          entry.epochs = e.epoch + 1;
          if (e.validation) {
            entry.val = e.validation.correct / e.validation.total;
            accChart?.push(i, e.epoch + 1, 100 * entry.val);
          }
          if (e.test) entry.test = e.test.correct / e.test.total;
          if (e.finished) entry.done = true;
          o.onEpoch?.(i, e);
        },
      });
      return entry;
    });
    r.legend.innerHTML = specs.map((s) => `<span><i style="background:${esc(s.color)}"></i>${esc(s.label)}</span>`).join('');
    const set = source === 'sample' ? 'the 1,000-digit sample' : 'the full MNIST';
    r.dataNote.textContent = o.note ? o.note(source) : `Data: ${set} — ${int(nTrain)} training and ${int(nValidation)} validation images` +
      `${source === 'sample' ? ' (its test images are its training images, so only validation is honest)' : ', 10,000 test images'}.`;
    r.dataNote.dataset.source = source;
    o.onReset?.(built);
    table();
    costChart.draw();
    accChart.draw();
    run.idle();
    run.say(`${specs.length} runs ready, ${epochs} epoch${epochs > 1 ? 's' : ''} each. Press ▶ Play.`);
    return true;
  }

  /** @param {number} budgetMs */
  function frame(budgetMs) {
    const live = runs.filter((e) => !e.done && !e.diverged);
    for (const e of live) e.run.frame(budgetMs / live.length);
    after();
  }

  function step() {
    for (const e of runs) if (!e.done && !e.diverged) e.run.stepOnce();
    after();
  }

  function after() {
    costChart?.update();
    accChart?.update();
    table();
    if (runs.every((e) => e.done || e.diverged)) {
      const best = [...runs].filter((e) => !e.diverged).sort((a, b) => b.val - a.val)[0];
      run.finish(best ? `Done. Best validation accuracy: ${best.spec.label}, ${(100 * best.val).toFixed(1)} %.` : 'Every run diverged — lower η.');
    } else if (run.state === 'running') {
      const e = runs.find((x) => !x.done && !x.diverged);
      run.say(`Training… epoch ${Math.min(e ? e.epochs + 1 : 0, e?.spec.config.epochs || 0)} of ${runs[0]?.spec.config.epochs}.`);
    }
  }

  function table() {
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
    r.table.innerHTML = `<thead><tr><th>${esc(o.what || 'run')}</th><th>epochs</th><th>cost</th><th>validation</th>` +
      `<th>test${source === 'sample' ? ' (= training)' : ''}</th></tr></thead><tbody>${runs.map((e) => `
      <tr data-testid="${p}-row-${esc(e.spec.id)}" data-validation="${e.val}" data-test="${e.test}" data-epochs="${e.epochs}"
        data-diverged="${e.diverged}"><th scope="row"><i class="swatch" style="background:${esc(e.spec.color)}"></i>${esc(e.spec.label)}</th>
        <td>${e.epochs}</td><td>${e.diverged ? 'diverged' : Number.isFinite(e.cost) ? short(e.cost) : '–'}</td>
        <td>${pct(e.val)}</td><td>${pct(e.test)}</td></tr>`).join('')}</tbody>`;
  }

  function free() {
    for (const e of runs) e.run.trainer.free();
    runs = [];
  }

  return {
    /** Settings changed: a new set of runs (the data reloaded if its source changed). */
    restart() {
      run.pause();
      if (o.source() !== source) load();
      else reset();
    },
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      stopWatching();
      costChart?.destroy();
      accChart?.destroy();
      free();
    },
  };
}

/**
 * Training images and held-out validation images of a comparison run on `source`: small, so a run takes seconds.
 * @param {string} source
 */
export function comparisonSplit(source) {
  return source === 'sample' ? { nTrain: 800, nValidation: 200 } : { nTrain: 10000, nValidation: 2000 };
}

/**
 * The TrainConfig of one comparison run: the MNIST chapter's defaults, with a small sigmoid network, a softmax
 * output and categorical cross-entropy, N(0, 1/n_in) weights, mini-batches of 10 — and what the run varies.
 * @param {{seed: number, epochs: number, hidden: number, eta: number, optimizer?: any, schedule?: any}} o
 */
export function smallMnistConfig({ seed, epochs, hidden, eta, optimizer = { kind: 'sgd' }, schedule }) {
  const base = toConfig(defaults(PARAMS), [], 1000);
  return {
    ...base,
    sizes: [784, hidden, 10], hiddenActivation: 'sigmoid', outputActivation: 'softmax', cost: 'categoricalCrossEntropy',
    init: 'scaledGaussian', batchSize: 10, epochs, seed, eta, optimizer, schedule: schedule || base.schedule,
  };
}
