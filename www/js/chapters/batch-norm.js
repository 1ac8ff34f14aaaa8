// @ts-check
/**
 * Chapter "Batch normalization": the same network with and without batch norm on its hidden layer, at a learning
 * rate where plain SGD struggles, and again from a careless start w ~ N(0, 1) — four curves side by side. Next to
 * them the slide's algorithm, typeset with the live numbers of one hidden neuron j (the student picks it) over the
 * current mini-batch of a batch-norm run: x_i, μ_B, σ²_B, x̂_i, y_i = γ x̂_i + β (the core's `batchNormNeuron`), and the
 * running averages inference uses instead.
 */
import { refs, num } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createComparison, smallMnistConfig } from './mnist-compare.js';
import { displayName } from '../kit/params.js';

/** The four runs: batch norm on or off, from N(0, 1/n_in) or from the careless N(0, 1). */
export const RUNS = [
  { id: 'plain', label: 'without batch norm', color: '#868e96', batchNorm: false, init: 'scaledGaussian' },
  { id: 'bn', label: 'with batch norm', color: '#1971c2', batchNorm: true, init: 'scaledGaussian' },
  { id: 'plainCareless', label: 'without, w ~ N(0, 1)', color: '#e8590c', batchNorm: false, init: 'gaussian' },
  { id: 'bnCareless', label: 'with, w ~ N(0, 1)', color: '#2b8a3e', batchNorm: true, init: 'gaussian' },
];
/** Time between two redraws of the live numbers (the last mini-batch is always drawn). */
const REDRAW_MS = 120;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const RUN_PARAMS = [
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
  },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 5, label: 'learning rate (all runs)', tex: '\\eta' },
  { name: 'hidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons', tex: 'n_{\\text{hidden}}' },
  { name: 'epochs', type: 'int', min: 1, max: 30, default: 3, label: 'epochs' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const PROBE_PARAMS = [
  { name: 'probe', type: 'choice', default: 'bn', label: 'numbers of the run', options: [{ value: 'bn', label: 'with batch norm' }, { value: 'bnCareless', label: 'with, w ~ N(0, 1)' }] },
  { name: 'neuron', type: 'int', min: 1, max: 100, default: 1, label: 'hidden neuron', tex: 'j', hint: '1 … the number of hidden neurons' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  useStyles('batch-norm');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [RUN_PARAMS, PROBE_PARAMS]);
  const runs = link.register(0, createSettings({
    specs: RUN_PARAMS, container: r.runForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: () => comparison.restart(),
  }));
  const probe = link.register(1, createSettings({
    specs: PROBE_PARAMS, container: r.probeForm, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: () => show(),
  }));

  /** @type {Map<string, any>} run id → its trainer */
  let trainers = new Map();
  /** @type {{epoch: number, batch: number, batchesPerEpoch: number}|null} */
  let position = null;
  let shownAt = 0;
  let timer = 0;

  const comparison = createComparison(r.mnist, {
    idPrefix: 'bn', stateElement: r.mnistPanel, what: 'run',
    source: () => runs.values.data,
    onSource: (src) => {
      runs.set({ data: src });
      link.ctx.setQuery('', { push: true });
      comparison.restart();
    },
    runs: () => RUNS.map((run) => ({
      id: run.id, label: run.label, color: run.color,
      config: {
        ...smallMnistConfig({ seed: runs.values.seed, epochs: runs.values.epochs, hidden: runs.values.hidden, eta: runs.values.eta }),
        batchNorm: run.batchNorm, init: run.init,
      },
    })),
    onReset: (built) => {
      trainers = new Map(built.map((b) => [b.spec.id, b.trainer]));
      position = null;
      show();
    },
    onStep: (index, progress) => {
      if (RUNS[index].id !== probe.values.probe || progress.batchesRun === 0) return;
      position = progress;
      const wait = shownAt + REDRAW_MS - performance.now();
      if (wait <= 0) show();
      else if (!timer) timer = window.setTimeout(show, wait);
    },
  });

  /** The algorithm with the numbers of neuron j over the current mini-batch. */
  function show() {
    window.clearTimeout(timer);
    timer = 0;
    shownAt = performance.now();
    const trainer = trainers.get(probe.values.probe);
    if (!trainer) return;
    const j = probe.values.neuron;
    const hidden = runs.values.hidden;
    if (j > hidden) {
      const spec = /** @type {import('../kit/params.js').ParamSpec} */ (PROBE_PARAMS.find((s) => s.name === 'neuron'));
      r.probeError.textContent = `${displayName(spec)} must be at most ${hidden}, the number of hidden neurons, got “${j}”`;
      r.probeError.hidden = false;
      r.live.hidden = true;
      return;
    }
    r.probeError.hidden = true;
    r.live.hidden = false;
    const n = trainer.batchNormNeuron(2, j - 1);
    const m = n.x.length;
    const sum = n.x.reduce((s, x) => s + x, 0);
    const squares = n.x.reduce((s, x) => s + (x - n.mean) ** 2, 0);
    const sd = Math.sqrt(n.var + n.eps);
    const v = (name, x) => `<span data-testid="bn-${name}" data-value="${x}">${tex(num(x, 3).replace('−', '-'))}</span>`;
    r.where.textContent = position
      ? `Neuron j = ${j} of hidden layer l = 2, mini-batch ${position.batch} of ${position.batchesPerEpoch} in epoch ${position.epoch + 1} (the one just trained), through the current weights.`
      : `Neuron j = ${j} of hidden layer l = 2, before training: the first m = ${m} training images.`;
    r.steps.innerHTML = `
      <div class="bn-step">${tex(`\\mu_B = \\frac{1}{m}\\sum_{i=1}^{m} x_i = \\frac{${num(sum, 3).replace('−', '-')}}{${m}}`, true)} = ${v('mean', n.mean)}</div>
      <div class="bn-step">${tex(`\\sigma_B^2 = \\frac{1}{m}\\sum_{i=1}^{m} (x_i - \\mu_B)^2 = \\frac{${num(squares, 3)}}{${m}}`, true)} = ${v('var', n.var)}</div>
      <div class="bn-step">${tex(`\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} = \\frac{x_i - (${num(n.mean, 3).replace('−', '-')})}{${num(sd, 3)}}`, true)}
        <span class="note">ε = <span data-testid="bn-eps" data-value="${n.eps}">${n.eps.toExponential(0)}</span></span></div>
      <div class="bn-step">${tex('y_i = \\gamma \\hat{x}_i + \\beta', true)} with γ = ${v('gamma', n.gamma)}, β = ${v('beta', n.beta)}</div>`;
    r.values.innerHTML = `<thead><tr><th>${tex('i')}</th><th>${tex('x_i')}</th><th>${tex('x_i - \\mu_B')}</th><th>${tex('\\hat{x}_i')}</th><th>${tex('y_i')}</th></tr></thead>
      <tbody>${n.x.map((x, i) => `<tr data-testid="bn-row-${i}"><th scope="row">${i + 1}</th>
        <td data-testid="bn-x-${i}" data-value="${x}">${num(x, 3)}</td><td>${num(x - n.mean, 3)}</td>
        <td data-testid="bn-xhat-${i}" data-value="${n.xHat[i]}">${num(n.xHat[i], 3)}</td>
        <td data-testid="bn-y-${i}" data-value="${n.y[i]}">${num(n.y[i], 3)}</td></tr>`).join('')}</tbody>`;
    const k = num(n.momentum, 2);
    r.running.innerHTML = `
      <div class="bn-step">${tex(`\\hat{\\mu} \\leftarrow ${k}\\,\\hat{\\mu} + ${num(1 - n.momentum, 2)}\\,\\mu_B, \\qquad \\hat{\\sigma}^2 \\leftarrow ${k}\\,\\hat{\\sigma}^2 + ${num(1 - n.momentum, 2)}\\,\\sigma_B^2`, true)}</div>
      <div class="bn-step">now ${tex('\\hat{\\mu}')} = ${v('running-mean', n.runningMean)}, ${tex('\\hat{\\sigma}^2')} = ${v('running-var', n.runningVar)}:</div>
      <div class="bn-step">${tex(`y = \\gamma \\frac{x - \\hat{\\mu}}{\\sqrt{\\hat{\\sigma}^2 + \\epsilon}} + \\beta = ${num(n.gamma, 3).replace('−', '-')} \\cdot \\frac{x - (${num(n.runningMean, 3).replace('−', '-')})}{${num(Math.sqrt(n.runningVar + n.eps), 3)}} + (${num(n.beta, 3).replace('−', '-')})`, true)}</div>`;
  }

  return {
    pause: () => comparison.pause(),
    /** @param {URLSearchParams} next */
    update(next) {
      runs.fromQuery(link.queryFor(0, next));
      probe.fromQuery(link.queryFor(1, next));
      comparison.restart();
    },
    destroy() {
      window.clearTimeout(timer);
      trainers = new Map();
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'batch-norm', number, kicker: 'Training', title: 'Batch normalization',
    lede: 'Normalize each hidden neuron’s input over the mini-batch to mean 0 and variance 1, then let the network scale and shift it back ' +
      'with two learned numbers γ and β. The layers after it see inputs of a steady size — a large η or a careless start hurts far less.',
  })}
  <section class="panel" aria-labelledby="bn-mnist-title" data-ref="mnistPanel" data-testid="bn-panel" data-state="idle">
    <h2 id="bn-mnist-title">With and without batch norm, at a large η</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('z = w\\,a + b \\;\\to\\; \\text{BN}_{\\gamma,\\beta}(z) \\;\\to\\; \\sigma(\\cdot)', 'the same network and seed four times (784 → hidden σ → 10 softmax, SGD, m = 10): with or without batch norm on the hidden layer, from w ~ N(0, 1/n_in) or from the careless w ~ N(0, 1).')}
        <form class="settings" data-ref="runForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="mnist"></div>
    </div>
  </section>

  <section class="panel" aria-labelledby="bn-algo-title">
    <h2 id="bn-algo-title">The algorithm, on one neuron’s mini-batch</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned}\\mu_B &= \\tfrac{1}{m}\\textstyle\\sum_{i=1}^{m} x_i \\\\ \\sigma_B^2 &= \\tfrac{1}{m}\\textstyle\\sum_{i=1}^{m} (x_i - \\mu_B)^2 \\\\ \\hat{x}_i &= \\dfrac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} \\\\ y_i &= \\gamma \\hat{x}_i + \\beta\\end{aligned}',
          'x_i: the weighted input z_j of hidden neuron j for the i-th image of the mini-batch B; y_i goes into σ. γ and β are learned like w and b.')}
        <form class="settings" data-ref="probeForm" novalidate></form>
        <p class="error" role="alert" data-ref="probeError" data-testid="bn-probe-error" hidden></p>
      </div>
      <div class="bench-view" data-ref="live" data-testid="bn-live">
        <p class="note" data-ref="where" data-testid="bn-where"></p>
        <div class="bn-steps" data-ref="steps"></div>
        <div class="table-wrap"><table class="values bn-values" data-ref="values" data-testid="bn-values"></table></div>
        <h3>At inference: the running averages</h3>
        <p>One test image has no mini-batch to average over, so μ_B and σ²_B are replaced by averages kept during training:</p>
        <div class="bn-steps" data-ref="running" data-testid="bn-running"></div>
      </div>
    </div>
  </section>
</section>`;
}
