// @ts-check
/**
 * Chapter "Initialization": w ~ N(0, 1), N(0, 1/n_in) and He N(0, 2/n_in), each with sigmoid and with ReLU hidden
 * layers. Before any training: per hidden layer, histograms of z^l and a^l over a set of training images (the
 * core's `layerValues`), the share of saturated sigmoids (|z| > 6) and of dead ReLUs (the core's `unitStats`), and
 * Var(z^l) measured against n_in Var(w) E[(a^{l−1})²] + Var(b); then the six networks' training curves side by side.
 */
import { Trainer } from '../wasm.js';
import { holdDigits } from '../data.js';
import { refs, esc, num } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createComparison, smallMnistConfig, comparisonSplit } from './mnist-compare.js';
import { drawHistogram } from './initialization-hist.js';

/** The three initializations: the core's kind, the slide's name, Var(w) for n_in inputs. */
export const INITS = [
  { id: 'gaussian', label: 'N(0, 1)', tex: 'w \\sim \\mathcal{N}(0, 1)', varW: () => 1 },
  { id: 'scaledGaussian', label: 'N(0, 1/n_in)', tex: 'w \\sim \\mathcal{N}(0, 1/n_{\\text{in}})', varW: (n) => 1 / n },
  { id: 'he', label: 'He N(0, 2/n_in)', tex: 'w \\sim \\mathcal{N}(0, 2/n_{\\text{in}})', varW: (n) => 2 / n },
];
export const ACTS = [
  { id: 'sigmoid', label: 'sigmoid', colors: ['#e8590c', '#f59f00', '#c2255c'] },
  { id: 'relu', label: 'ReLU', colors: ['#1864ab', '#1098ad', '#5f3dc4'] },
];
/** |z| past which σ′(z) is under 1% of its peak (the core's bound). */
const SATURATION = 6;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const VIEW_PARAMS = [
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
  },
  { name: 'act', type: 'choice', default: 'sigmoid', label: 'histograms of', options: [{ value: 'sigmoid', label: 'sigmoid networks' }, { value: 'relu', label: 'ReLU networks' }] },
  { name: 'hidden', type: 'ints', min: 1, max: 200, minLength: 1, maxLength: 4, default: [100, 100], label: 'hidden layer sizes' },
  { name: 'images', type: 'int', min: 10, max: 500, default: 100, label: 'images measured', hint: 'the first training images' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const RUN_PARAMS = [
  { name: 'epochs', type: 'int', min: 1, max: 30, default: 3, label: 'epochs' },
  { name: 'etaSigmoid', type: 'number', min: 0, minExclusive: true, max: 100, default: 1, label: 'η of the sigmoid nets', tex: '\\eta_{\\sigma}' },
  { name: 'etaRelu', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.1, label: 'η of the ReLU nets', tex: '\\eta_{\\text{ReLU}}' },
];


/** The config of one network. @param {Record<string, any>} v  both tables' values @param {string} act @param {string} init */
function configOf(v, act, init) {
  const eta = act === 'relu' ? v.etaRelu : v.etaSigmoid;
  return { ...smallMnistConfig({ seed: v.seed, epochs: v.epochs, hidden: 1, eta }), sizes: [784, ...v.hidden, 10], hiddenActivation: act, init };
}

/** Mean of x² over every value. @param {ArrayLike<number>} xs */
function meanSquare(xs) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] * xs[i];
  return s / Math.max(1, xs.length);
}

/** Variance over every value. @param {ArrayLike<number>} xs */
function variance(xs) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const mean = s / Math.max(1, xs.length);
  return meanSquare(xs) - mean * mean;
}

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  useStyles('initialization');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [VIEW_PARAMS, RUN_PARAMS]);
  const view = link.register(0, createSettings({
    specs: VIEW_PARAMS, container: r.viewForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: (_v, changed) => {
      if (changed === 'act') drawHistograms();
      else load();
      if (changed !== 'act' && changed !== 'images') comparison.restart();
    },
  }));
  const runs = link.register(1, createSettings({
    specs: RUN_PARAMS, container: r.runForm, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: () => comparison.restart(),
  }));
  const values = () => ({ ...view.values, ...runs.values });

  const digits = holdDigits({ onReady: measure, onError: fail });
  /** Per act and init, per hidden layer: {l, nIn, z, a, varZ, predicted, saturated, dead}. */
  /** @type {Record<string, any[]>} */
  let measured = {};
  /** @type {(() => void)[]} */
  let stopHistograms = [];

  const comparison = createComparison(r.mnist, {
    idPrefix: 'init', stateElement: r.mnistPanel, what: 'network',
    source: () => view.values.data,
    onSource: (src) => {
      view.set({ data: src });
      link.ctx.setQuery('', { push: true });
      load();
      comparison.restart();
    },
    runs: () => ACTS.flatMap((act) => INITS.map((init, i) => ({
      id: `${act.id}-${init.id}`, label: `${act.label}, ${init.label}`, color: act.colors[i], config: configOf(values(), act.id, init.id),
    }))),
  });
  load();

  function load() {
    digits.use(view.values.data);
  }

  /** Build each of the six networks as it starts (untrained), run the images through it and keep what it saw. */
  function measure() {
    const v = values();
    const images = v.images;
    measured = {};
    for (const act of ACTS) {
      for (const init of INITS) {
        let trainer = null;
        try {
          trainer = new Trainer({ ...configOf(v, act.id, init.id), ...comparisonSplit(digits.source) }, digits.mnist);
          const count = Math.min(images, trainer.splitSize('train'));
          const stats = trainer.unitStats('train', 0, count);
          const varB = trainer.config.biasInit === 'gaussian' ? 1 : 0;
          let prevSquare = 0;
          for (let i = 0; i < count; i++) prevSquare += meanSquare(trainer.input('train', i)) / count;
          const sizes = [784, ...v.hidden];
          measured[`${act.id}-${init.id}`] = v.hidden.map((_, h) => {
            const l = h + 2;
            const { z, a } = trainer.layerValues('train', 0, count, l);
            const nIn = sizes[h];
            const out = {
              l, nIn, z, a, varZ: variance(z), predicted: nIn * init.varW(nIn) * prevSquare + varB,
              saturated: stats[h].saturated, dead: stats[h].dead,
            };
            prevSquare = meanSquare(a);
            return out;
          });
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
          return;
        } finally {
          trainer?.free();
        }
      }
    }
    fail('');
    r.imagesNote.textContent = `Over the first ${Math.min(images, comparisonSplit(digits.source).nTrain)} training images, before any training (seed ${v.seed}).`;
    statsTable();
    drawHistograms();
  }

  /** Show a problem of the measuring runs (or none). @param {string} message */
  function fail(message) {
    r.probeError.textContent = message;
    r.probeError.hidden = !message;
  }

  /** One table per activation, a column per initialization: per hidden layer, Var(z) measured and predicted, and the
   * share of saturated (sigmoid) or dead (ReLU) units. */
  function statsTable() {
    const layers = view.values.hidden.map((_, h) => h + 2);
    r.stats.innerHTML = ACTS.map((act) => {
      const sigmoid = act.id === 'sigmoid';
      const cell = (init, l, what) => {
        const c = (measured[`${act.id}-${init.id}`] || [])[l - 2];
        if (!c) return '<td>–</td>';
        const key = `${act.id}-${init.id}-${l}`;
        if (what === 'var') return `<td data-testid="init-varz-${key}" data-value="${c.varZ}" data-predicted="${c.predicted}">${num(c.varZ, 2)}</td>`;
        if (what === 'predicted') return `<td class="muted">${num(c.predicted, 2)}</td>`;
        const share = sigmoid ? c.saturated : c.dead;
        return `<td data-testid="init-${sigmoid ? 'sat' : 'dead'}-${key}" data-value="${share}">${num(100 * share, 1)} %</td>`;
      };
      const measures = [['var', 'Var(z)'], ['predicted', 'predicted'], ['share', sigmoid ? 'saturated' : 'dead']];
      const rows = layers.flatMap((l) => measures.map(([what, label], k) =>
        `<tr${k === 0 ? ' class="init-layer-start"' : ''}><th scope="row">${k === 0 ? `l = ${l}: ` : ''}${label}</th>${INITS.map((init) => cell(init, l, what)).join('')}</tr>`));
      return `<div class="table-wrap"><table class="values init-stats" data-testid="init-stats-${act.id}">
        <caption>${esc(act.label)} networks</caption>
        <thead><tr><th></th>${INITS.map((init, i) => `<th scope="col"><i class="swatch" style="background:${act.colors[i]}"></i>${esc(init.label)}</th>`).join('')}</tr></thead>
        <tbody>${rows.join('')}</tbody></table></div>`;
    }).join('');
  }

  function drawHistograms() {
    stopHistograms.forEach((stop) => stop());
    stopHistograms = [];
    const act = /** @type {typeof ACTS[number]} */ (ACTS.find((a) => a.id === view.values.act));
    r.hists.innerHTML = INITS.map((init, i) => {
      const m = measured[`${act.id}-${init.id}`] || [];
      return `<div class="init-row" data-testid="init-hists-${init.id}">
        <h3><i class="swatch" style="background:${act.colors[i]}"></i>${esc(act.label)}, ${tex(init.tex)}</h3>
        <div class="init-cells">${m.map((c) => `
          <figure><canvas data-hist="${i}-${c.l}-z" data-testid="init-hist-z-${init.id}-${c.l}" role="img" aria-label="z of layer ${c.l}"></canvas>
            <figcaption>z, layer ${c.l}: Var ${num(c.varZ, 2)}${act.id === 'sigmoid' ? `, ${num(100 * c.saturated, 1)} % with |z| > 6` : ''}</figcaption></figure>
          <figure><canvas data-hist="${i}-${c.l}-a" data-testid="init-hist-a-${init.id}-${c.l}" role="img" aria-label="a of layer ${c.l}"></canvas>
            <figcaption>a, layer ${c.l}${act.id === 'relu' ? `: ${num(100 * c.dead, 1)} % of units dead` : ''}</figcaption></figure>`).join('')}
        </div></div>`;
    }).join('');
    INITS.forEach((init, i) => (measured[`${act.id}-${init.id}`] || []).forEach((c) => {
      const canvas = (kind) => /** @type {HTMLCanvasElement} */ (r.hists.querySelector(`[data-hist="${i}-${c.l}-${kind}"]`));
      stopHistograms.push(drawHistogram(canvas('z'), {
        values: c.z, color: act.colors[i], label: `z of layer ${c.l}, ${init.label}`, markers: act.id === 'sigmoid' ? [-SATURATION, SATURATION] : [],
      }));
      stopHistograms.push(drawHistogram(canvas('a'), { values: c.a, color: act.colors[i], label: `a of layer ${c.l}, ${init.label}` }));
    }));
  }

  return {
    pause: () => comparison.pause(),
    /** @param {URLSearchParams} next */
    update(next) {
      view.fromQuery(link.queryFor(0, next));
      runs.fromQuery(link.queryFor(1, next));
      load();
      comparison.restart();
    },
    destroy() {
      digits.release();
      stopHistograms.forEach((stop) => stop());
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'initialization', number, kicker: 'Training', title: 'Initialization',
    lede: 'The first forward pass already decides a lot: with w ~ N(0, 1) the weighted input z of a hidden neuron is a sum of hundreds ' +
      'of terms, far out where the sigmoid is flat. Scaling the spread of w with 1/n_in keeps z of order 1 — and ReLU needs twice that (He).',
  })}
  <section class="panel" aria-labelledby="init-start-title">
    <h2 id="init-start-title">Before training: z and a per layer</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} z &= \\sum_{k=1}^{n_{\\text{in}}} w_k x_k + b \\\\ \\operatorname{Var}(z) &= n_{\\text{in}} \\operatorname{Var}(w) \\operatorname{Var}(x) \\end{aligned}',
          'for independent w and x with mean 0 (the slide). The inputs here are not centred and b ~ N(0, 1), so the tables predict n_in Var(w) E[x²] + Var(b).')}
        ${formulaHTML('\\begin{aligned} \\operatorname{Var}(w) = 1 &\\Rightarrow \\operatorname{Var}(z) \\approx n_{\\text{in}} \\operatorname{Var}(x) \\\\ \\operatorname{Var}(w) = \\tfrac{1}{n_{\\text{in}}} &\\Rightarrow \\operatorname{Var}(z) \\approx \\operatorname{Var}(x) \\end{aligned}')}
        ${formulaHTML('\\begin{aligned} \\text{He: } \\operatorname{Var}(w) &= \\tfrac{2}{n_{\\text{in}}} \\\\ \\text{ReLU: } \\mathrm{E}[a^2] &= \\tfrac{1}{2}\\operatorname{Var}(z) \\end{aligned}', 'ReLU zeroes half of z, so it needs twice the variance of w.')}
        <form class="settings" data-ref="viewForm" novalidate></form>
        <p class="error" role="alert" data-ref="probeError" data-testid="init-error" hidden></p>
      </div>
      <div class="bench-view">
        <p class="note" data-ref="imagesNote" data-testid="init-images-note"></p>
        <div class="init-tables" data-ref="stats" data-testid="init-stats"></div>
        <p class="note">Var(z) over every unit and image of the layer; predicted: n_in Var(w) E[(a^{l−1})²] + Var(b); saturated: |z| > 6, where σ′(z) is under 1% of its peak ¼; dead: a = 0 on every image.</p>
        <div class="init-hists" data-ref="hists" data-testid="init-hists"></div>
        <p class="note">Each histogram counts every unit × image of the layer; the dashed red lines are z = ±6.</p>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="init-mnist-title" data-ref="mnistPanel" data-testid="init-panel" data-state="idle">
    <h2 id="init-mnist-title">On MNIST: six starts side by side</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('w^l_{jk} \\sim \\mathcal{N}\\big(0, \\operatorname{Var}(w)\\big)', 'the same sizes and seed (softmax output, cross-entropy, SGD, m = 10); only the hidden activation and Var(w) differ. The sigmoid and ReLU networks have their own η.')}
        <form class="settings" data-ref="runForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="mnist"></div>
    </div>
  </section>
</section>`;
}
