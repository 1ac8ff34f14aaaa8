// @ts-check
/**
 * Chapter "Hyperparameter search": a search space over η, λ, mini-batch size, hidden width, dropout, optimizer
 * and schedule; grid search, random search on log scales, coarse to fine. The runs train in parallel in Web
 * Workers (one wasm instance each; by default one per core the browser reports, less one), each posting its
 * curves as it trains: live training-cost and validation-accuracy curves per run, every run a dot over η × λ
 * coloured by its validation accuracy and a row of a sortable table with its own Stop. The best run opens in
 * the MNIST chapter as a link; only that run is measured on the test set.
 *
 * Before a search starts, the dots show the planned points, so every setting changes the picture at once.
 * A search goes on while the student looks at another chapter (the workers do not need the page's frames).
 */
import { esc, int, refs } from '../dom.js';
import { createSettings } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { createScatter } from '../search/scatter.js';
import { defaultWorkers } from '../search/pool.js';
import { SPACE_PARAMS, spaceProblems, randomPoints, gridPoints, uniform, mnistLink } from '../search/space.js';
import { createSearch, bestOf, SPLITS } from './hyperparameters-search.js';
import { updateTable } from './hyperparameters-table.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
const RUN_PARAMS = [
  { name: 'workers', type: 'int', min: 1, max: 16, default: defaultWorkers(), label: 'workers in parallel',
    hint: `your browser reports ${navigator.hardwareConcurrency || '?'} cores; default: one less, at least 1` },
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample: 800 train, 200 validation' },
      { value: 'full', label: 'full MNIST (~11 MB): 10,000 train, 2,000 validation' }],
  },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true, hint: 'of the sampling and of every run' },
];
const PARAMS = [...SPACE_PARAMS, ...RUN_PARAMS];

const runColor = (/** @type {{id: number}} */ r) => `hsl(${Math.round((r.id * 137.508) % 360)} 70% 40%)`;

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('hyperparameters');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const settings = createSettings({ specs: PARAMS, container: r.form, query: params, ctx, onChange: preview });
  /** @type {ReturnType<typeof createSearch>|null} */
  let search = null;
  /** @type {{key: string, descending: boolean}} */
  let sort = { key: 'id', descending: false };
  // Rows hold their places while the pointer is over the table or the keyboard's focus is in it
  // (hyperparameters-table.js); a button merely clicked keeps the focus but not the hold.
  let pointerIn = false;
  const held = () => pointerIn || r.table.querySelector(':focus-visible') !== null;
  /** @type {ReturnType<typeof createLineChart>|null} */
  let costChart = null;
  /** @type {ReturnType<typeof createLineChart>|null} */
  let accChart = null;
  let drawPending = 0;
  let planned = plan(settings.values);
  const scatter = createScatter(/** @type {HTMLCanvasElement} */ (r.scatter), {
    etaRange: () => [settings.values.etaMin, settings.values.etaMax],
    lambdaRange: () => [settings.values.lambdaMin, settings.values.lambdaMax],
  });

  r.start.addEventListener('click', start);
  r.stopAll.addEventListener('click', () => search?.stopAll());
  r.table.addEventListener('pointerenter', () => { pointerIn = true; draw(); });
  r.table.addEventListener('pointerleave', () => { pointerIn = false; draw(); });
  r.table.addEventListener('focusout', () => requestAnimationFrame(draw));
  r.table.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const stop = target.closest('[data-stop]');
    if (stop) return search?.stop(Number(/** @type {HTMLElement} */ (stop).dataset.stop));
    const head = target.closest('[data-sort]');
    if (!head) return;
    const key = /** @type {HTMLElement} */ (head).dataset.sort || 'id';
    sort = { key, descending: sort.key === key ? !sort.descending : key === 'accuracy' };
    draw();
  });
  r.testButton.addEventListener('click', () => {
    const best = search && bestOf(search.runs);
    if (best) search?.measureTest(best);
  });
  preview();

  /** The first round's points for these settings, or the problems that stop them. @param {Record<string, any>} v */
  function plan(v) {
    const problems = spaceProblems(v);
    if (problems.length) return { points: [], problems };
    const points = v.strategy === 'grid' ? gridPoints(v) : randomPoints(v, uniform(v.seed));
    return { points, problems };
  }

  function preview() {
    planned = plan(settings.values);
    r.rangeErrors.hidden = !planned.problems.length;
    r.rangeErrors.innerHTML = planned.problems.map((x) => `<p data-param="${esc(x.name)}">${esc(x.message)}</p>`).join('');
    r.start.disabled = planned.problems.length > 0;
    const v = settings.values;
    const more = v.strategy === 'coarse' ? ` then ${v.runs} finer runs of ${v.fineEpochs} epochs around the best` : '';
    r.plan.textContent = planned.problems.length ? 'Fix the range to plan a search.'
      : `${planned.points.length} run${planned.points.length === 1 ? '' : 's'} of ${v.epochs} epoch${v.epochs === 1 ? '' : 's'}${more}, ` +
        `${Math.min(v.workers, planned.points.length)} at a time.`;
    if (!search) scatter.set(planned.points.map((p) => ({ eta: p.eta, lambda: p.lambda, accuracy: NaN, finished: false, best: false })));
    else if (search.finished) r.status.textContent = 'Settings changed: ▶ Start runs the new search.';
  }

  function start() {
    preview();
    if (planned.problems.length) return;
    const v = settings.values;
    search?.destroy();
    const total = planned.points.length * (v.strategy === 'coarse' ? 2 : 1);
    const epochs = Math.max(v.epochs, v.strategy === 'coarse' ? v.fineEpochs : 0);
    const series = Array.from({ length: total }, (_, i) => ({ label: '', color: runColor({ id: i + 1 }) }));
    costChart?.destroy();
    accChart?.destroy();
    costChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.cost), {
      xLabel: 'epochs', yLabel: 'training cost (log)', logY: true, xMin: 0, xMax: epochs, series,
    });
    accChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.acc), {
      xLabel: 'epochs', yLabel: 'validation accuracy %', xMin: 0, xMax: epochs, markers: true, emptyY: [0, 100], yCeil: 100, series,
    });
    search = createSearch({
      points: planned.points, v,
      onChange: scheduleDraw,
      onProgress: (run, d) => {
        costChart?.push(run.id - 1, d.epoch, d.loss);
        costChart?.update();
      },
      onEpoch: (run, d) => {
        accChart?.push(run.id - 1, d.epoch + 1, 100 * d.validation.accuracy);
        accChart?.update();
      },
    });
    draw();
  }

  function scheduleDraw() {
    if (!drawPending) drawPending = requestAnimationFrame(() => {
      drawPending = 0;
      draw();
    });
  }

  function draw() {
    if (!search) return;
    const s = search;
    const best = bestOf(s.runs);
    const count = (state) => s.runs.filter((x) => x.state === state).length;
    root.dataset.state = s.error ? 'error' : s.loading ? 'loading' : s.finished ? 'finished' : 'running';
    root.dataset.maxParallel = String(s.maxParallel);
    r.stopAll.disabled = s.finished;
    r.status.textContent = s.error || (s.loading ? 'Loading the digits once for every worker…'
      : `${s.runs.length} runs: ${count('running')} running, ${count('queued')} queued, ${count('done')} done` +
        `${count('stopped') ? `, ${count('stopped')} stopped` : ''}${count('failed') ? `, ${count('failed')} failed` : ''}` +
        `${count('diverged') ? `, ${count('diverged')} diverged` : ''}. At most ${s.maxParallel} trained at once.`);
    r.memory.textContent = s.memory ? `Each worker holds ${(s.memory / 2 ** 20).toFixed(0)} MB of wasm memory (its copy of ` +
      `${int(s.split.nTrain + s.split.nValidation)} training and validation digits and the test digits, and its run).` : '';
    r.memory.dataset.bytes = String(s.memory);
    updateTable(/** @type {HTMLTableElement} */ (r.table), s.runs, sort, best?.id || 0, runColor, held());
    scatter.set(s.runs.map((x) => ({ eta: x.point.eta, lambda: x.point.lambda, accuracy: x.accuracy, finished: x.state === 'done', best: x === best })));
    drawBest(best);
  }

  /** @param {import('./hyperparameters-search.js').Run|null} best */
  function drawBest(best) {
    const s = /** @type {NonNullable<typeof search>} */ (search);
    r.bestPanel.hidden = !best;
    if (!best) return;
    const p = best.point;
    r.best.innerHTML = `Run ${best.id}: η = ${p.eta}, λ = ${p.lambda}, m = ${p.batchSize}, ${p.hidden} hidden neurons, p = ${p.dropout}, ` +
      `${esc(p.optimizer)}, ${esc(p.schedule)} η — validation accuracy <strong>${(100 * best.accuracy).toFixed(1)} %</strong> after ${best.epochs} epochs.`;
    r.best.dataset.id = String(best.id);
    const link = /** @type {HTMLAnchorElement} */ (r.bestLink);
    link.href = mnistLink(best.values, s.source);
    r.testButton.disabled = s.testState === 'running';
    const t = s.test;
    r.testResult.textContent = s.testState === 'running' ? `Training run ${best.id} once more and measuring it on the test set…`
      : s.testState === 'failed' ? 'The test run did not finish.'
        : t ? `Test accuracy of run ${best.id}: ${t.correct} / ${t.count} = ${(100 * t.accuracy).toFixed(1)} %` +
          `${s.source === 'sample' ? ' — on the sample its test digits are its training digits, so use the full MNIST for an honest number' : ''}.`
          : '';
    r.testResult.dataset.accuracy = t ? String(t.accuracy) : '';
  }

  return {
    pause() {},
    /** @param {URLSearchParams} next */
    update(next) {
      settings.fromQuery(next);
      preview();
    },
    destroy() {
      cancelAnimationFrame(drawPending);
      search?.destroy();
      scatter.destroy();
      costChart?.destroy();
      accChart?.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  const { nTrain, nValidation } = SPLITS.sample;
  return `${chapterOpen({
    id: 'hyperparameters', number, kicker: 'Training', title: 'Hyperparameter search',
    lede: 'Run many validations at once and watch them learn: every run trains in its own Web Worker, on its own core. ' +
      'Search η and λ on a log scale, start coarse, then look closer around the best.',
  })}
  <section class="panel" aria-labelledby="hp-space-title">
    <h2 id="hp-space-title">The search space</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\log_{10}\\eta \\sim U(\\log_{10}\\eta_{\\min},\\, \\log_{10}\\eta_{\\max})',
          'random search draws η (and λ) uniformly on a log scale; grid search takes evenly spaced values of the same logarithms.')}
        ${formulaHTML('\\text{best} = \\arg\\max_{\\text{runs}}\\ \\text{accuracy}_{\\text{validation}}',
          'runs are compared on held-out validation digits, never on the test set. Each run trains on the first n digits and is ' +
          `validated on the last ones (sample: ${int(nTrain)} and ${int(nValidation)}; full MNIST: ${int(SPLITS.full.nTrain)} and ${int(SPLITS.full.nValidation)}).`)}
        <div class="buttons">
          <button type="button" class="primary" data-ref="start" data-testid="hp-start">▶ Start search</button>
          <button type="button" data-ref="stopAll" data-testid="hp-stop-all" disabled>■ Stop all</button>
        </div>
        <p class="status" data-ref="plan" data-testid="hp-plan"></p>
        <div class="error-box" role="alert" data-ref="rangeErrors" data-testid="hp-range-errors" hidden></div>
        <form class="settings hp-form" data-ref="form" novalidate></form>
      </div>
      <div class="bench-view">
        <p class="status" data-ref="status" data-testid="hp-status" aria-live="polite">Press ▶ Start search: the dots are the planned runs.</p>
        <figure class="chart hp-scatter"><canvas data-ref="scatter" data-testid="hp-scatter" role="img" aria-label="Runs over η and λ"></canvas>
          <figcaption>Each run at its η and λ (log axes), filled by its validation accuracy when it ends; hollow while it trains. The ringed dot is the best.</figcaption></figure>
        <div class="hp-charts">
          <figure class="chart short"><canvas data-ref="cost" data-testid="hp-cost-chart" role="img" aria-label="Training cost per run"></canvas>
            <figcaption>Training cost as each run trains (mean over the mini-batches since its last report).</figcaption></figure>
          <figure class="chart short"><canvas data-ref="acc" data-testid="hp-accuracy-chart" role="img" aria-label="Validation accuracy per run"></canvas>
            <figcaption>Validation accuracy after each epoch: a run going nowhere can be stopped early.</figcaption></figure>
        </div>
        <p class="note" data-ref="memory" data-testid="hp-memory"></p>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="hp-runs-title">
    <h2 id="hp-runs-title">Every run</h2>
    <p class="note">Click a column’s header to sort by it (again to reverse). Stop ends one run; the others train on.
      While the pointer is over the table the rows keep their places, so a Stop stays where you aim; they re-sort
      when it leaves.</p>
    <div class="table-wrap"><table class="values hp-table" data-ref="table" data-testid="hp-table"></table></div>
  </section>

  <section class="panel" aria-labelledby="hp-best-title" data-ref="bestPanel" hidden>
    <h2 id="hp-best-title">The chosen configuration</h2>
    <p data-ref="best" data-testid="hp-best"></p>
    <div class="buttons">
      <a class="button-link" data-ref="bestLink" data-testid="hp-best-link" href="#/mnist">Open it in the MNIST chapter →</a>
      <button type="button" data-ref="testButton" data-testid="hp-test">Measure it on the test set</button>
    </div>
    <p class="status" data-ref="testResult" data-testid="hp-test-result"></p>
    <p class="note">Why the test set only now, and only for this run: picking the best of many runs by their validation
      accuracy fits the choice to the validation digits — the winner’s validation number is a little optimistic. The test
      digits took no part in any choice, so measuring the chosen configuration on them once gives an honest estimate.
      Measuring every run on the test set and picking the best would make the test set a second validation set.</p>
  </section>
</section>`;
}
