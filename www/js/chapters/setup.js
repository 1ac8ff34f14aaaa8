// @ts-check
/**
 * Chapter "Setting up the network": the lecture's guided walk (setup-steps.js), each step a live run the
 * student launches. The runs train in search workers (www/js/search/), so the page stays smooth, and print
 * Nielsen's log lines ("Epoch 0 training complete / Accuracy on evaluation data: 10 / 100") as they go, beside
 * a chart of every run of the step.
 *
 * The data is the full MNIST, downloaded once and cut to what the steps read (the first 10,000 training images
 * and the last 1,000, the validation images).
 */
import { esc, int, short, refs } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { colors } from '../views/canvas.js';
import { createPool, defaultWorkers } from '../search/pool.js';
import { searchData } from '../search/data.js';
import { STEPS, LARGE } from './setup-steps.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
const SEED = [{ name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true }];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('setup');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [...STEPS.map((s) => s.params), SEED]);
  const seed = link.register(STEPS.length, createSettings({
    specs: SEED, container: r.seedForm, query: link.queryFor(STEPS.length), ctx: link.ctx, ignore: link.ignoreFor(STEPS.length),
  }));
  let nextId = 1;
  /** id → the step and the run's index in it */
  const owners = new Map();
  /** @type {ReturnType<typeof createPool>|null} */
  let pool = null;
  const steps = STEPS.map((step, i) => createStep(step, i));
  let destroyed = false;

  root.dataset.data = 'loading';
  searchData('full', LARGE.nTrain, LARGE.nValidation, (received, total) => {
    r.dataStatus.textContent = `Loading MNIST… ${(received / 1e6).toFixed(1)}${total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB`;
  }).then((data) => {
    if (destroyed) return;
    pool = createPool({ size: defaultWorkers(), data, onEvent: (e) => owners.get(e.id)?.step.onEvent(e, owners.get(e.id).index) });
    root.dataset.data = 'ready';
    r.dataStatus.textContent = `MNIST ready: ${pool.size} worker${pool.size > 1 ? 's' : ''} train the runs beside the page.`;
    steps.forEach((s) => s.enable());
  }, (err) => {
    root.dataset.data = 'error';
    r.dataStatus.textContent = `The digits could not be loaded: ${err.message}. Reload the page to try again.`;
  });

  /** @param {import('./setup-steps.js').Step} step @param {number} index */
  function createStep(step, index) {
    const el = /** @type {HTMLElement} */ (root.querySelector(`[data-step="${step.id}"]`));
    const s = refs(el);
    const form = link.register(index, createSettings({
      specs: step.params, container: s.form, query: link.queryFor(index), ctx: link.ctx, ignore: link.ignoreFor(index),
    }));
    /** @type {{label: string, lines: string[], ids: number, accuracy: number, nTrain: number, nValidation: number, costs: number[], curve: number[], done: boolean}[]} */
    let runs = [];
    /** @type {ReturnType<typeof createLineChart>|null} */
    let chart = null;
    s.run.addEventListener('click', launch);
    makeChart([]);

    /** A fresh chart, one series per run. @param {string[]} labels */
    function makeChart(labels) {
      const series = labels.map((label, i) => ({ label, color: colors.series[i % colors.series.length] }));
      chart?.destroy();
      chart = createLineChart(/** @type {HTMLCanvasElement} */ (s.chart), step.chart === 'cost'
        ? { xLabel: 'epoch', yLabel: 'training cost (log)', logY: true, xMin: 0, markers: true, series }
        : { xLabel: 'epoch', yLabel: 'validation accuracy %', xMin: 0, markers: true, emptyY: [0, 100], yCeil: 100, series });
      chart.update();
    }

    function launch() {
      if (!pool || form.errors.length) return;
      const planned = step.runs(form.values, seed.values.seed);
      const base = step.id === 'small' ? runs : [];
      if (step.id !== 'small') for (const id of owners.keys()) if (owners.get(id).step === api) pool.stop(id);
      const start = base.length;
      runs = [...base, ...planned.map((p) => ({ label: p.label, lines: [], ids: 0, accuracy: NaN, nTrain: 0, nValidation: 0, costs: [], curve: [], done: false }))];
      makeChart(runs.map((run) => run.label));
      for (const [i, run] of runs.entries()) {
        if (i < start) for (const [k, a] of run.curve.entries()) chart.push(i, k + 1, a);
      }
      chart?.update();
      planned.forEach((p, k) => {
        const id = nextId++;
        owners.set(id, { step: api, index: start + k });
        runs[start + k].ids = id;
        pool?.submit([{ id, config: p.config, trainMetrics: step.trainMetrics }]);
      });
      el.dataset.state = 'running';
      draw();
    }

    /** @param {import('../search/pool.js').PoolEvent} e @param {number} i */
    function onEvent(e, i) {
      const run = runs[i];
      if (!run || run.ids !== e.id) return;
      const d = e.data;
      if (e.type === 'start') {
        run.nValidation = d.nValidation;
        run.nTrain = d.nTrain;
        run.lines.push(`# ${run.label}: training on ${int(d.nTrain)} images, evaluating on ${int(d.nValidation)} validation images`);
        el.dataset.nTrain = String(d.nTrain);
        el.dataset.nValidation = String(d.nValidation);
      } else if (e.type === 'epoch') {
        run.lines.push(`Epoch ${d.epoch} training complete`);
        if (step.costLog) run.lines.push(`Cost on training data: ${short(d.training.loss)}`);
        if (step.trainMetrics) run.lines.push(`Accuracy on training data: ${Math.round(d.training.accuracy * run.nTrain)} / ${run.nTrain}`);
        run.lines.push(`Accuracy on evaluation data: ${d.validation.correct} / ${d.validation.count}`);
        run.accuracy = d.validation.correct / d.validation.count;
        run.costs.push(d.training.loss);
        run.curve.push(step.chart === 'cost' ? d.training.loss : 100 * run.accuracy);
        chart?.push(i, d.epoch + 1, run.curve[run.curve.length - 1]);
        chart?.update();
        if (d.stoppedEarly) run.lines.push(`Stopped early: no better validation accuracy for ${form.values.patience} epochs; kept the weights of epoch ${d.bestEpoch}`);
      } else if (e.type === 'done' || e.type === 'failed' || e.type === 'stopped') {
        run.done = true;
        if (e.type === 'done' && d.diverged) run.lines.push(`Diverged: the ${d.divergence} stopped being finite`);
        if (e.type === 'failed') run.lines.push(`Failed: ${d.message}`);
      }
      if (runs.every((x) => x.done)) el.dataset.state = 'finished';
      draw();
    }

    function draw() {
      s.log.innerHTML = runs.map((run, i) => `<pre class="log" data-testid="${step.id}-log-${i}" data-accuracy="${run.accuracy}"
        ><i class="swatch" style="background:${colors.series[i % colors.series.length]}"></i>${esc(run.lines.join('\n'))}</pre>`).join('');
      for (const pre of s.log.querySelectorAll('pre')) pre.scrollTop = pre.scrollHeight;
      s.verdict.textContent = verdict();
    }

    /** Step 3's reading of the curves: the threshold η. */
    function verdict() {
      if (step.id !== 'eta' || !runs.length || !runs.every((x) => x.done)) return '';
      const etas = form.values.etas;
      const falling = runs.map((x, i) => ({ eta: etas[i], falls: x.costs.length >= 2 && x.costs.every((c, k) => k === 0 || c < x.costs[k - 1]) }));
      const ok = falling.filter((x) => x.falls).map((x) => x.eta);
      return ok.length ? `The cost fell in every epoch up to η = ${Math.max(...ok)}: the threshold is about there; try η ≈ ${Math.max(...ok) / 2}.`
        : 'The cost fell steadily for none of these η: try smaller ones.';
    }

    const api = {
      onEvent,
      /** @param {URLSearchParams} next */
      fromQuery: (next) => form.fromQuery(link.queryFor(index, next)),
      enable() {
        /** @type {HTMLButtonElement} */ (s.run).disabled = false;
      },
      destroy() {
        chart?.destroy();
      },
    };
    return api;
  }

  return {
    pause() {},
    /** @param {URLSearchParams} next */
    update(next) {
      seed.fromQuery(link.queryFor(STEPS.length, next));
      steps.forEach((s) => s.fromQuery(next));
    },
    destroy() {
      destroyed = true;
      pool?.destroy();
      steps.forEach((s) => s.destroy());
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'setup', number, kicker: 'Training', title: 'Setting up the network',
    lede: 'A new problem: where to start? First get any learning at all on a problem small enough to try things in seconds, then ' +
      'scale up, then tune one thing at a time — η, a schedule, λ — and let early stopping choose the number of epochs.',
  })}
  <section class="panel setup-data">
    <p class="status" data-ref="dataStatus" data-testid="setup-data">Loading MNIST…</p>
    <form class="settings" data-ref="seedForm" novalidate></form>
  </section>
  ${STEPS.map((step) => `
  <section class="panel setup-step" data-step="${step.id}" data-testid="step-${step.id}" data-state="idle" aria-labelledby="step-${step.id}-title">
    <h2 id="step-${step.id}-title">${esc(step.title)}</h2>
    <div class="workbench">
      <div class="bench-controls">
        <p>${step.look}</p>
        <div class="formula">${tex(step.tex, true)}</div>
        <form class="settings" data-ref="form" novalidate></form>
        <div class="buttons"><button type="button" class="primary" data-ref="run" data-testid="run-${step.id}" disabled>▶ Run</button></div>
        <p class="status" data-ref="verdict" data-testid="${step.id}-verdict" aria-live="polite"></p>
      </div>
      <div class="bench-view">
        <figure class="chart short"><canvas data-ref="chart" data-testid="${step.id}-chart" role="img"
          aria-label="${step.chart === 'cost' ? 'Training cost per epoch' : 'Validation accuracy per epoch'}"></canvas></figure>
        <div class="setup-logs" data-ref="log"></div>
      </div>
    </div>
  </section>`).join('')}
</section>`;
}
