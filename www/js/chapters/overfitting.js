// @ts-check
/**
 * Chapter "Overfitting": the same network and seed trained on a small and on a large training set (Nielsen's
 * chapter 3: [784, 30, 10], sigmoid outputs, cross-entropy, N(0, 1) weights, η = 0.5, m = 10; 1,000 against
 * 50,000 images). After each epoch: training accuracy and cost (measured on the training images, with the
 * epoch's final weights) against validation accuracy; the gap acc_train − acc_val drawn per epoch. A third run
 * is the small one again with early stopping on (the core's `earlyStopping` patience): it follows the same path,
 * stops, and restores its best weights; its best epoch is marked on the validation curve and the restored
 * weights' accuracies are shown.
 */
import { int } from '../dom.js';
import { createSettings } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { createComparison, smallMnistConfig } from './mnist-compare.js';

/** Training images scored per epoch for the training curves (the first ones of the run's set). */
const TRAIN_EVAL = 10000;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const PARAMS = [
  { name: 'small', type: 'int', min: 10, max: 50000, default: 1000, label: 'small training set', tex: 'n_{\\text{small}}' },
  { name: 'large', type: 'int', min: 10, max: 50000, default: 10000, label: 'large training set', tex: 'n_{\\text{large}}', hint: 'Nielsen’s picture: 50,000 (slower)' },
  { name: 'validation', type: 'int', min: 100, max: 10000, default: 2000, label: 'validation images (the last of the 60,000)', hint: 'Nielsen’s: 10,000 (slower)' },
  { name: 'epochs', type: 'int', min: 1, max: 400, default: 30, label: 'epochs' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.5, label: 'learning rate', tex: '\\eta' },
  { name: 'hidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons' },
  { name: 'patience', type: 'int', min: 1, max: 400, default: 5, label: 'early stopping: patience (epochs)', tex: 'p' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
];

const RUNS = [
  { id: 'small', train: '#1f4e8c', val: '#74a9e0' },
  { id: 'large', train: '#b35300', val: '#f2a65a' },
];
const STOP_COLOR = '#2b8a3e';

/**
 * Nielsen's chapter-3 network: [784, hidden, 10], sigmoid hidden and output neurons, cross-entropy cost,
 * N(0, 1) weights ("large_weight_initializer"), mini-batches of 10.
 * @param {{seed: number, epochs: number, hidden: number, eta: number}} o
 */
export function nielsenConfig(o) {
  return { ...smallMnistConfig(o), outputActivation: 'sigmoid', cost: 'crossEntropy', init: 'gaussian' };
}

/** @typedef {{epoch: number, train: number, cost: number, validation: number}} EpochRecord */

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  useStyles('overfitting');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  /** @type {Record<string, HTMLElement>} */
  const r = {};
  for (const el of root.querySelectorAll('[data-ref]')) r[/** @type {HTMLElement} */ (el).dataset.ref || ''] = /** @type {HTMLElement} */ (el);
  wireCopyLink(root);

  const settings = createSettings({ specs: PARAMS, container: r.form, query: params, ctx, onChange: () => comparison.restart() });
  /** @type {any[]} the runs' trainers, in RUNS order, then the early-stopping copy */
  let trainers = [];
  /** @type {EpochRecord[][]} */
  let records = [[], []];
  /** @type {{best: number, stopped: number, finished: boolean, stoppedEarly: boolean, validation: number, test: number}} */
  let stop = freshStop();
  /** @type {{acc: any, cost: any, gap: any}|null} */
  let charts = null;

  const comparison = createComparison(r.runs, {
    idPrefix: 'of', stateElement: r.panel, what: 'training set', charts: false, sourceButton: false,
    source: () => 'full',
    onSource: () => {},
    split: () => ({ nTrain: settings.values.small, nValidation: settings.values.validation }),
    note: () => {
      const v = settings.values;
      return `Data: MNIST — the first ${int(v.small)} and the first ${int(v.large)} of the 60,000 training images; the last ` +
        `${int(v.validation)} are the validation set, never trained on.`;
    },
    runs: () => {
      const v = settings.values;
      const config = nielsenConfig({ seed: v.seed, epochs: v.epochs, hidden: v.hidden, eta: v.eta });
      return [
        { id: 'small', label: `${int(v.small)} images`, color: RUNS[0].train, config, nTrain: v.small },
        { id: 'large', label: `${int(v.large)} images`, color: RUNS[1].train, config, nTrain: v.large },
        { id: 'early', label: `${int(v.small)} images, early stopping (p = ${v.patience})`, color: STOP_COLOR, config: { ...config, earlyStopping: v.patience }, nTrain: v.small },
      ];
    },
    onReset: (built) => {
      trainers = built.map((b) => b.trainer);
      records = [[], []];
      stop = freshStop();
      buildCharts();
      summary();
    },
    onEpoch: (i, e) => {
      if (i === 2) {
        stop = {
          best: e.bestEpoch + 1, stopped: e.epoch + 1, finished: e.finished, stoppedEarly: e.stoppedEarly,
          validation: e.finished && e.validation ? e.validation.correct / e.validation.total : NaN,
          test: e.finished && e.test ? e.test.correct / e.test.total : NaN,
        };
        markStop();
      } else if (e.validation) {
        const n = trainers[i].splitSize('train');
        const m = trainers[i].metrics('train', 0, Math.min(n, TRAIN_EVAL));
        const rec = { epoch: e.epoch + 1, train: m.accuracy, cost: m.loss, validation: e.validation.correct / e.validation.total };
        records[i].push(rec);
        charts?.acc.push(2 * i, rec.epoch, 100 * rec.train);
        charts?.acc.push(2 * i + 1, rec.epoch, 100 * rec.validation);
        charts?.cost.push(i, rec.epoch, rec.cost);
        charts?.gap.push(i, rec.epoch, 100 * (rec.train - rec.validation));
        if (i === 0) markStop();
      }
      charts?.acc.update();
      charts?.cost.update();
      charts?.gap.update();
      summary();
    },
  });

  r.full.addEventListener('click', () => {
    settings.set({ large: 50000 });
    ctx.setQuery(settings.query(), { push: true });
    comparison.restart();
  });

  function freshStop() {
    return { best: NaN, stopped: NaN, finished: false, stoppedEarly: false, validation: NaN, test: NaN };
  }

  function buildCharts() {
    charts?.acc.destroy();
    charts?.cost.destroy();
    charts?.gap.destroy();
    const v = settings.values;
    const names = [int(v.small), int(v.large)];
    const xMax = v.epochs;
    charts = {
      acc: createLineChart(/** @type {HTMLCanvasElement} */ (r.acc), {
        xLabel: 'epoch', yLabel: 'accuracy %', xMin: 0, xMax, markers: true, emptyY: [50, 100], yCeil: 100,
        series: [
          ...RUNS.flatMap((run, i) => [{ label: `${names[i]}: training`, color: run.train }, { label: `${names[i]}: validation`, color: run.val }]),
          { label: 'early stop', color: STOP_COLOR }, { label: '', color: STOP_COLOR },
        ],
      }),
      cost: createLineChart(/** @type {HTMLCanvasElement} */ (r.cost), {
        xLabel: 'epoch', yLabel: 'training cost', logY: true, xMin: 0, xMax, markers: true,
        series: RUNS.map((run, i) => ({ label: `${names[i]} images`, color: run.train })),
      }),
      gap: createLineChart(/** @type {HTMLCanvasElement} */ (r.gap), {
        xLabel: 'epoch', yLabel: 'gap (points)', xMin: 0, xMax, yMin: 0, markers: true,
        series: RUNS.map((run, i) => ({ label: `${names[i]} images`, color: run.train })),
      }),
    };
    for (const c of Object.values(charts)) c.draw();
  }

  /** The early-stopping mark: a bar and a dot on the small set's validation curve at the best epoch. */
  function markStop() {
    const at = records[0].find((rec) => rec.epoch === stop.best);
    if (!charts || !at) return;
    const y = 100 * at.validation;
    // lineChart has no per-series clear: every series again from the records, the mark at its new place.
    charts.acc.clear();
    records.forEach((recs, i) => recs.forEach((rec) => {
      charts?.acc.push(2 * i, rec.epoch, 100 * rec.train);
      charts?.acc.push(2 * i + 1, rec.epoch, 100 * rec.validation);
    }));
    charts.acc.push(4, stop.best, y - 4);
    charts.acc.push(4, stop.best, Math.min(100, y + 4));
    charts.acc.push(5, stop.best, y);
    charts.acc.update();
  }

  function summary() {
    const v = settings.values;
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
    const pts = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} points` : '–');
    r.summary.innerHTML = RUNS.map((run, i) => {
      const last = records[i][records[i].length - 1];
      const n = i === 0 ? v.small : v.large;
      const attrs = last ? `data-epoch="${last.epoch}" data-train="${last.train}" data-validation="${last.validation}" data-value="${last.train - last.validation}"` : '';
      return `<tr data-testid="of-gap-${run.id}" ${attrs}><th scope="row"><i class="swatch" style="background:${run.train}"></i>${int(n)} images</th>
        <td>${last ? last.epoch : 0}</td><td>${pct(last?.train)}</td><td>${pct(last?.validation)}</td><td>${pts(last ? last.train - last.validation : NaN)}</td></tr>`;
    }).join('');
    const at = records[0].find((rec) => rec.epoch === stop.best);
    const bestAttrs = Number.isFinite(stop.best) ? `data-best-epoch="${stop.best}" data-stopped-epoch="${stop.stopped}" data-finished="${stop.finished}"` : '';
    const restored = stop.finished ? `data-validation="${stop.validation}" data-test="${stop.test}"` : '';
    r.stop.innerHTML = `<p data-testid="of-stop" ${bestAttrs} ${restored} data-curve-validation="${at ? at.validation : NaN}">${
      !Number.isFinite(stop.best) ? `Early stopping (patience ${v.patience}) waits for the first epoch.`
        : !stop.finished ? `Early stopping: best validation accuracy so far after epoch <strong>${stop.best}</strong>${at ? ` (${pct(at.validation)})` : ''}.`
          : `Early stopping ${stop.stoppedEarly ? `stopped after epoch <strong>${stop.stopped}</strong>, ${v.patience} epochs without a better validation accuracy,`
            : `ran all ${stop.stopped} epochs`} and restored the weights of epoch <strong>${stop.best}</strong>: validation ${pct(stop.validation)}, test ${pct(stop.test)}` +
            ` (the small run’s last epoch: validation ${pct(records[0][records[0].length - 1]?.validation)}).`}</p>`;
    r.epochs.innerHTML = `<thead><tr><th>epoch</th>${RUNS.map((_, i) => `<th>${int(i === 0 ? v.small : v.large)}: training</th><th>validation</th><th>cost</th>`).join('')}</tr></thead><tbody>${
      Array.from({ length: Math.max(records[0].length, records[1].length) }, (_, k) => `<tr><th scope="row">${k + 1}</th>${RUNS.map((run, i) => {
        const rec = records[i][k];
        return rec ? `<td data-testid="of-epoch-${run.id}-${rec.epoch}" data-train="${rec.train}" data-validation="${rec.validation}" data-cost="${rec.cost}">${pct(rec.train)}</td><td>${pct(rec.validation)}</td><td>${rec.cost.toFixed(3)}</td>`
          : '<td></td><td></td><td></td>';
      }).join('')}</tr>`).join('')}</tbody>`;
  }

  return {
    pause: () => comparison.pause(),
    /** @param {URLSearchParams} next */
    update(next) {
      settings.fromQuery(next);
      comparison.restart();
    },
    destroy() {
      charts?.acc.destroy();
      charts?.cost.destroy();
      charts?.gap.destroy();
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'overfitting', number, kicker: 'Generalization', title: 'Overfitting',
    lede: 'A network with 23,860 parameters can learn 1,000 images by heart: its training accuracy climbs to 100 % while the ' +
      'accuracy on images it never saw stops improving. The same network on more images keeps the two together.',
  })}
  <section class="panel" aria-labelledby="of-title" data-ref="panel" data-testid="of-panel" data-state="idle">
    <h2 id="of-title">A small and a large training set, the same network and seed</h2>
    <div class="of-formulas">
      ${formulaHTML('\\begin{aligned} C = -\\frac{1}{n} \\sum_x \\sum_j \\big[ & y_j \\ln a^L_j \\\\ & + (1 - y_j) \\ln (1 - a^L_j) \\big] \\end{aligned}',
    'Nielsen’s chapter-3 run: 784 → 30 σ → 10 σ, cross-entropy, weights from N(0, 1), SGD with m = 10.')}
      ${formulaHTML('\\text{gap}(t) = \\text{acc}_{\\text{train}}(t) - \\text{acc}_{\\text{val}}(t)', 'after every epoch t: the training images with the epoch’s final weights, then the validation images.')}
      ${formulaHTML('t^{*} = \\arg\\max_{t}\\ \\text{acc}_{\\text{val}}(t) \\qquad w \\leftarrow w(t^{*})',
    'early stopping: stop once p epochs pass without a better validation accuracy (t − t* = p); keep the weights of epoch t*.')}
    </div>
    <div class="workbench">
      <div class="bench-controls">
        <form class="settings" data-ref="form" novalidate></form>
        <button type="button" data-ref="full" data-testid="of-full">Large set: all 50,000 images (as on the slide; slower)</button>
      </div>
      <div class="bench-view">
        <div data-ref="runs"></div>
        <figure class="chart"><canvas data-ref="acc" data-testid="of-accuracy-chart" role="img" aria-label="Training and validation accuracy per epoch"></canvas>
          <figcaption>Accuracy after each epoch: dark lines on the training images, light lines on the validation images; the green bar marks early stopping’s best epoch on the small set’s validation curve.</figcaption></figure>
        <div class="of-charts">
          <figure class="chart short"><canvas data-ref="gap" data-testid="of-gap-chart" role="img" aria-label="Gap between training and validation accuracy per epoch"></canvas>
            <figcaption>The gap: training minus validation accuracy, in percentage points.</figcaption></figure>
          <figure class="chart short"><canvas data-ref="cost" data-testid="of-cost-chart" role="img" aria-label="Training cost per epoch"></canvas>
            <figcaption>Cost on the training images (log scale): it keeps falling while validation accuracy stalls.</figcaption></figure>
        </div>
        <div class="table-wrap"><table class="values of-summary">
          <thead><tr><th>training set</th><th>epochs</th><th>training</th><th>validation</th><th>gap</th></tr></thead>
          <tbody data-ref="summary"></tbody></table></div>
        <div data-ref="stop" class="of-stop"></div>
        <details class="of-details"><summary>Every epoch’s numbers</summary>
          <div class="table-wrap"><table class="values" data-ref="epochs" data-testid="of-epochs"></table></div></details>
      </div>
    </div>
  </section>
</section>`;
}
