// @ts-check
/**
 * Chapter "Preprocessing": raw pixels p ∈ 0 … 255, scaled x = p / 255, mean-centred x − μ and standardized
 * (x − μ) / σ — the core's `preprocess` kinds. What the inputs look like (the training set's mean image μᵢ and σᵢ
 * image, one digit at every stage), that the statistics come from the training split only and are applied
 * unchanged to validation and test images (one digit of each, and each split's mean and spread of the inputs the
 * network gets), and the three inputs' training curves side by side (same network, same seed).
 *
 * Every number comes from the core: `preprocessStats` (the fitted μ and 1/σ) and `input` (an image as the network
 * sees it) of small runs built only to be asked, one per kind, on the same images as the comparison.
 */
import { Trainer } from '../wasm.js';
import { holdDigits } from '../data.js';
import { refs, esc, num, int } from '../dom.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createComparison, smallMnistConfig, comparisonSplit } from './mnist-compare.js';
import { fillMap, mapHTML } from './preprocessing-maps.js';

/** The three inputs compared; `kind` is the core's preprocess kind for per-pixel or global statistics. */
export const INPUTS = [
  { id: 'scale', label: 'scaled x = p / 255', color: '#868e96', kind: () => 'scale' },
  { id: 'center', label: 'mean-centred x − μ', color: '#1971c2', kind: (per) => (per === 'pixel' ? 'centerPixel' : 'centerGlobal') },
  { id: 'standardize', label: 'unit variance (x − μ) / σ', color: '#e03131', kind: (per) => (per === 'pixel' ? 'standardizePixel' : 'standardizeGlobal') },
];

const SPLITS = [
  { id: 'train', label: 'training' },
  { id: 'validation', label: 'validation' },
  { id: 'test', label: 'test' },
];
/** Test images the spread table reads (the full test set has 10,000). */
const TEST_IMAGES = 1000;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const VIEW_PARAMS = [
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
  },
  {
    name: 'stats', type: 'choice', default: 'pixel', label: 'statistics',
    options: [{ value: 'pixel', label: 'per pixel: μᵢ, σᵢ' }, { value: 'global', label: 'global: one μ, one σ' }],
  },
  { name: 'digit', type: 'int', min: 0, max: 199, default: 0, label: 'example digit', hint: 'training image k and validation image k' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const RUN_PARAMS = [
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'hidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons' },
  { name: 'epochs', type: 'int', min: 1, max: 30, default: 4, label: 'epochs' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.5, label: 'learning rate', tex: '\\eta' },
];


/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  useStyles('preprocessing');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [VIEW_PARAMS, RUN_PARAMS]);
  const view = link.register(0, createSettings({
    specs: VIEW_PARAMS, container: r.viewForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: (_v, changed) => {
      if (changed === 'digit') drawDigits();
      else load();
      if (changed !== 'digit') comparison.restart();
    },
  }));
  const runs = link.register(1, createSettings({
    specs: RUN_PARAMS, container: r.runForm, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: () => comparison.restart(),
  }));

  /** Runs only asked (never trained): one per input kind, and one with per-pixel statistics for the μᵢ, σᵢ images. */
  /** @type {Record<string, any>} */
  let probes = {};
  const digits = holdDigits({ onReady: build, onError: fail });

  const comparison = createComparison(r.mnist, {
    idPrefix: 'pp', stateElement: r.mnistPanel, what: 'input',
    source: () => view.values.data,
    onSource: (src) => {
      view.set({ data: src });
      link.ctx.setQuery('', { push: true });
      load();
      comparison.restart();
    },
    runs: () => {
      const v = { ...view.values, ...runs.values };
      return INPUTS.map((k) => ({
        id: k.id, label: k.label, color: k.color,
        config: { ...smallMnistConfig({ seed: v.seed, epochs: v.epochs, hidden: v.hidden, eta: v.eta }), preprocess: k.kind(v.stats) },
      }));
    },
  });
  load();

  function load() {
    digits.use(view.values.data);
  }

  function build() {
    free();
    const v = view.values;
    const base = { ...smallMnistConfig({ seed: 1, epochs: 1, hidden: 1, eta: 1 }), ...comparisonSplit(digits.source) };
    try {
      for (const k of INPUTS) probes[k.id] = new Trainer({ ...base, preprocess: k.kind(v.stats) }, digits.mnist);
      probes.pixel = new Trainer({ ...base, preprocess: 'standardizePixel' }, digits.mnist);
    } catch (err) {
      free();
      fail(err instanceof Error ? err.message : String(err));
      return;
    }
    fail('');
    drawStats();
    drawDigits();
    spreadTable();
  }

  /** The training set's μᵢ and σᵢ images (σ floored at 0.1 by the core, so a blank border pixel is not divided by 0). */
  function drawStats() {
    const stats = probes.pixel.preprocessStats();
    const sigma = Array.from(stats.invScale, (s) => 1 / s);
    const mean = /** @type {HTMLCanvasElement} */ (root.querySelector('[data-testid="pp-mean"]'));
    fillMap(mean, stats.mean, 3);
    fillMap(/** @type {HTMLCanvasElement} */ (root.querySelector('[data-testid="pp-sigma"]')), sigma, 3);
    mean.dataset.values = Array.from(stats.mean, (m) => m.toPrecision(7)).join(',');
    const used = probes.standardize.preprocessStats();
    const { nTrain } = comparisonSplit(digits.source);
    r.statsNote.innerHTML = view.values.stats === 'pixel'
      ? `Fitted on the ${int(nTrain)} training images: one μᵢ and σᵢ per pixel, as drawn.`
      : `Fitted on the ${int(nTrain)} training images: one μ = <span data-testid="pp-global-mean" data-value="${used.mean[0]}">${num(used.mean[0], 4)}</span> and
         σ = <span data-testid="pp-global-sigma" data-value="${1 / used.invScale[0]}">${num(1 / used.invScale[0], 4)}</span> for every pixel (the images show the per-pixel ones).`;
  }

  /** Training image k and validation image k at every stage: raw, scaled, centred, standardized. */
  function drawDigits() {
    if (!probes.pixel) return;
    const k = view.values.digit;
    for (const [row, splitName] of [['train', 'train'], ['validation', 'validation']]) {
      const stages = [
        probes.scale.image(splitName, k),
        probes.scale.input(splitName, k),
        probes.center.input(splitName, k),
        probes.standardize.input(splitName, k),
      ];
      root.querySelectorAll(`[data-row="${row}"] canvas`).forEach((canvas, i) => fillMap(/** @type {HTMLCanvasElement} */ (canvas), stages[i], i === 0 ? 0 : 2));
      const label = root.querySelector(`[data-row="${row}"] [data-ref-label]`);
      if (label) label.textContent = `${row === 'train' ? 'training' : 'validation'} image ${k}: a ${probes.scale.label(splitName, k)}`;
    }
  }

  /** Mean and standard deviation of every input value the network gets, per split and kind. */
  function spreadTable() {
    const rows = INPUTS.map((kind) => {
      const cells = SPLITS.map((s) => {
        const trainer = probes[kind.id];
        const n = Math.min(trainer.splitSize(s.id), s.id === 'test' ? TEST_IMAGES : Infinity);
        let sum = 0, sq = 0, count = 0;
        for (let i = 0; i < n; i++) {
          for (const x of trainer.input(s.id, i)) {
            sum += x;
            sq += x * x;
          }
          count += 784;
        }
        const mean = sum / count;
        const std = Math.sqrt(Math.max(0, sq / count - mean * mean));
        return `<td data-testid="pp-spread-${kind.id}-${s.id}" data-mean="${mean}" data-std="${std}" data-images="${n}">${num(mean, 3)} ± ${num(std, 3)}</td>`;
      });
      return `<tr><th scope="row"><i class="swatch" style="background:${kind.color}"></i>${esc(kind.label)}</th>${cells.join('')}</tr>`;
    });
    r.spread.innerHTML = `<thead><tr><th>input</th>${SPLITS.map((s) => `<th>${s.label}${s.id === 'test' && digits.source === 'sample' ? ' (= training)' : ''}</th>`).join('')}</tr></thead>
      <tbody>${rows.join('')}</tbody>`;
  }

  /** Show a problem of the inspected runs (or none). @param {string} message */
  function fail(message) {
    r.probeError.textContent = message;
    r.probeError.hidden = !message;
  }

  function free() {
    for (const t of Object.values(probes)) t.free();
    probes = {};
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
      comparison.destroy();
      free();
    },
  };
}

/** One row of maps: a digit at each stage of the pipeline. @param {string} row */
function digitRow(row) {
  const stages = [
    ['raw pixels p', 'raw pixels 0 to 255'],
    ['scaled x = p / 255', 'scaled to 0 to 1'],
    ['centred x − μ', 'mean-centred'],
    ['standardized (x − μ) / σ', 'standardized'],
  ];
  return `<div class="pp-row" data-row="${row}" data-testid="pp-digits-${row}">
    <p class="pp-row-label" data-ref-label></p>
    <div class="pp-maps">${stages.map(([caption, label], i) => mapHTML(`pp-${row}-${i}`, esc(caption), `${row} digit, ${label}`)).join('')}</div>
  </div>`;
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'preprocessing', number, kicker: 'Training', title: 'Preprocessing',
    lede: 'Raw pixels run from 0 to 255, all positive, with a blank border. Scaling, centring and dividing by the spread ' +
      'give the network inputs of order 1 around 0 — with statistics from the training set only, applied unchanged to every other image.',
  })}
  <section class="panel" aria-labelledby="pp-inputs-title">
    <h2 id="pp-inputs-title">What the network sees</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned}\\mu_i &= \\frac{1}{n} \\sum_{x \\in \\text{train}} x_i \\\\ \\sigma_i^2 &= \\frac{1}{n} \\sum_{x \\in \\text{train}} (x_i - \\mu_i)^2\\end{aligned}',
          'per pixel i over the n training images (global: one μ and σ over all pixels); x = p / 255.')}
        ${formulaHTML('x\' = \\frac{x - \\mu}{\\sigma}', 'zero-centred (x − μ), then unit variance. The core floors σ at 0.1: the border pixels are 0 in almost every image.')}
        <form class="settings" data-ref="viewForm" novalidate></form>
        <p class="error" role="alert" data-ref="probeError" data-testid="pp-error" hidden></p>
      </div>
      <div class="bench-view">
        <div class="pp-maps pp-stats">
          ${mapHTML('pp-mean', 'mean image μᵢ', 'mean image of the training digits')}
          ${mapHTML('pp-sigma', 'σᵢ image', 'standard deviation of each pixel over the training digits')}
        </div>
        <p class="note" data-ref="statsNote" data-testid="pp-stats-note"></p>
        ${digitRow('train')}
        <p class="note">Blue below 0, orange above, white at 0; ink on paper where every value is ≥ 0. The range is under each map.</p>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="pp-same-title">
    <h2 id="pp-same-title">Same on train and test data!</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('x\'_{\\text{test}} = \\frac{x_{\\text{test}} - \\mu_{\\text{train}}}{\\sigma_{\\text{train}}}',
          'μ and σ are fitted once, on the training images, and applied unchanged to validation and test images — never refitted on them.')}
        <p>So the training inputs average exactly 0 (centred) and the others only nearly: their own mean is not subtracted, the training one is.</p>
      </div>
      <div class="bench-view">
        ${digitRow('validation')}
        <div class="table-wrap"><table class="values pp-spread" data-ref="spread" data-testid="pp-spread"></table></div>
        <p class="note">Mean ± standard deviation of every input value x′ the network gets, over each split's images (test: the first ${int(TEST_IMAGES)}).</p>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="pp-mnist-title" data-ref="mnistPanel" data-testid="pp-panel" data-state="idle">
    <h2 id="pp-mnist-title">On MNIST: the three inputs side by side</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('z = w\\, x\' + b', 'the same network and seed three times (784 → hidden σ → 10 softmax, SGD, m = 10, w ~ N(0, 1/n_in)); only the input x′ differs.')}
        <form class="settings" data-ref="runForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="mnist"></div>
    </div>
  </section>
</section>`;
}
