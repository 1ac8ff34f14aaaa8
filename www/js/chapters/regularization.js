// @ts-check
/**
 * Chapter "Regularization": on the 1,000-image training set of the overfitting chapter, the same network and seed
 * without regularization and with L2, L1, dropout and data augmentation (the student ticks which), trained side by
 * side (mnist-compare.js). After each epoch every run's training accuracy (all its training images, at inference)
 * and validation accuracy give the gap acc_train − acc_val, drawn per run and measured against the unregularized
 * run's; every run's weights are drawn as a histogram. The L2 weight-decay factor 1 − ηλ/n and L1's step ηλ/n are
 * worked out live from the settings. Dropout: the dropout run's mask of each mini-batch on the network diagram.
 * Augmentation: a gallery of real digits under each transformation, with its strength on a slider.
 */
import { esc, int } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { createComparison } from './mnist-compare.js';
import { RUN_PARAMS, AUG_PARAMS, REGULARIZERS, regularizationRuns, splitOf } from './regularization-defs.js';
import { createWeightHistograms } from './regularization-weights.js';
import { createDropoutView } from './regularization-dropout.js';
import { createAugmentGallery } from './regularization-augment.js';

/** Mini-batch size m of every run (smallMnistConfig's). */
const M = 10;
const DIGITS = 6;

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  useStyles('regularization');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  /** @type {Record<string, HTMLElement>} */
  const r = {};
  for (const el of root.querySelectorAll('[data-ref]')) r[/** @type {HTMLElement} */ (el).dataset.ref || ''] = /** @type {HTMLElement} */ (el);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [RUN_PARAMS, AUG_PARAMS]);
  const runs = link.register(0, createSettings({
    specs: RUN_PARAMS, container: r.runForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: () => {
      factors();
      comparison.restart();
    },
  }));
  const aug = link.register(1, createSettings({
    specs: AUG_PARAMS, container: r.augForm, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: () => {
      gallery.draw(aug.values);
      if (runs.values.aug) comparison.restart();
    },
  }));
  const histograms = createWeightHistograms(r.weights);
  const dropout = createDropoutView(r.dropout);
  const gallery = createAugmentGallery(r.gallery);
  gallery.draw(aug.values);

  /** @type {string[]} */
  let ids = [];
  /** @type {any[]} */
  let trainers = [];
  /** @type {{epoch: number, train: number, validation: number}[][]} */
  let records = [];
  /** @type {ReturnType<typeof createLineChart>|null} */
  let gapChart = null;

  const comparison = createComparison(r.runs, {
    idPrefix: 'reg', stateElement: r.panel, what: 'regularizer',
    source: () => runs.values.data,
    onSource: (src) => {
      runs.set({ data: src });
      link.ctx.setQuery('', { push: true });
      factors();
      comparison.restart();
    },
    split: splitOf,
    runs: () => regularizationRuns(chosen(), aug.values),
    onReset: (built) => {
      trainers = built.map((b) => b.trainer);
      ids = built.map((b) => b.spec.id);
      records = ids.map(() => []);
      gapChart?.destroy();
      gapChart = createLineChart(/** @type {HTMLCanvasElement} */ (r.gap), {
        xLabel: 'epoch', yLabel: 'gap (points)', xMin: 0, xMax: runs.values.epochs, markers: true,
        series: built.map((b) => ({ label: b.spec.label, color: b.spec.color })),
      });
      gapChart.draw();
      histograms.reset(built.map((b) => b.spec));
      trainers.forEach((t, i) => histograms.update(i, [t.weights(2), t.weights(3)]));
      const drop = ids.indexOf('drop');
      dropout.follow(drop >= 0 ? trainers[drop] : null, runs.values.p);
      gallery.setDigits(Array.from({ length: DIGITS }, (_, k) => trainers[0].image('train', k)));
      gallery.draw(aug.values);
      gapTable();
    },
    onStep: (i, progress) => {
      if (ids[i] === 'drop') dropout.trained(progress.batchesRun);
    },
    onEpoch: (i, e) => {
      const trainer = trainers[i];
      if (e.validation) {
        const n = trainer.splitSize('train');
        const rec = { epoch: e.epoch + 1, train: trainer.evaluate('train', 0, n) / n, validation: e.validation.correct / e.validation.total };
        records[i].push(rec);
        gapChart?.push(i, rec.epoch, 100 * (rec.train - rec.validation));
        gapChart?.update();
      }
      histograms.update(i, [trainer.weights(2), trainer.weights(3)]);
      gapTable();
    },
  });
  factors();

  /** The ticked runs; with none ticked, the unregularized one (and a message naming the fields). */
  function chosen() {
    const v = runs.values;
    if (REGULARIZERS.some((g) => v[g.id])) return v;
    runs.showErrors([{ name: 'none', message: `tick at least one run (${REGULARIZERS.map((g) => g.id).join(', ')}); showing the run without regularization` }]);
    return { ...v, none: true };
  }

  /** L2's decay factor 1 − ηλ/n and L1's step ηλ/n for the settings, worked out as on the slide. */
  function factors() {
    const v = runs.values;
    const { nTrain: n } = splitOf(v.data);
    const decay = 1 - (v.eta * v.lambda) / n;
    const perEpoch = decay ** (n / M);
    const shift = (v.eta * v.lambda1) / n;
    const show = (x) => String(Number(x.toPrecision(6)));
    r.l2live.dataset.value = String(decay);
    Object.assign(r.l2live.dataset, { eta: String(v.eta), lambda: String(v.lambda), n: String(n) });
    r.l2live.innerHTML = `${tex(`1 - \\frac{\\eta\\lambda}{n} = 1 - \\frac{${v.eta} \\cdot ${v.lambda}}{${n}} = ${show(decay)}`)} per mini-batch;<br>` +
      `${tex(`\\big(1 - \\frac{\\eta\\lambda}{n}\\big)^{n/m} = ${show(perEpoch)}`)} per epoch (${int(n / M)} steps): the shrink the gradient must make up for.`;
    r.l1live.dataset.value = String(shift);
    r.l1live.innerHTML = `${tex(`\\frac{\\eta\\lambda}{n} = \\frac{${v.eta} \\cdot ${v.lambda1}}{${n}} = ${show(shift)}`)} off every |w| per mini-batch, large or small.`;
  }

  function gapTable() {
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
    const lastOf = (i) => records[i]?.[records[i].length - 1];
    const none = ids.indexOf('none');
    const base = none >= 0 ? lastOf(none) : undefined;
    r.gapTable.innerHTML = `<thead><tr><th>run</th><th>training</th><th>validation</th><th>gap</th><th>against none</th></tr></thead><tbody>${
      ids.map((id, i) => {
        const last = lastOf(i);
        const g = REGULARIZERS.find((x) => x.id === id);
        const gap = last ? last.train - last.validation : NaN;
        const baseGap = base ? base.train - base.validation : NaN;
        const vs = id === 'none' || !last || !base ? '–'
          : gap < baseGap ? `${(100 * (baseGap - gap)).toFixed(1)} narrower` : `${(100 * (gap - baseGap)).toFixed(1)} wider`;
        const attrs = last ? `data-epoch="${last.epoch}" data-train="${last.train}" data-validation="${last.validation}" data-value="${gap}"` : '';
        return `<tr data-testid="reg-gap-${esc(id)}" ${attrs}><th scope="row"><i class="swatch" style="background:${esc(g?.color || '')}"></i>${esc(g?.short || id)}</th>
          <td>${pct(last?.train)}</td><td>${pct(last?.validation)}</td><td>${last ? `${(100 * gap).toFixed(1)} pts` : '–'}</td><td>${vs}</td></tr>`;
      }).join('')}</tbody>`;
  }

  return {
    pause: () => comparison.pause(),
    /** @param {URLSearchParams} next */
    update(next) {
      runs.fromQuery(link.queryFor(0, next));
      aug.fromQuery(link.queryFor(1, next));
      factors();
      gallery.draw(aug.values);
      comparison.restart();
    },
    destroy() {
      gapChart?.destroy();
      histograms.destroy();
      dropout.destroy();
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'regularization', number, kicker: 'Generalization', title: 'Regularization',
    lede: 'Ways to make 1,000 images go further: penalize large weights (L2, L1), train a thinned network each mini-batch ' +
      '(dropout), or never show the same image twice (augmentation). Each narrows the gap between training and validation accuracy. ' +
      'On 2-D data the effect is visible as a smoother boundary: <a href="#/playground?dataset=spiral&amp;noise=0.3&amp;hidden=8,8,8&amp;' +
      'regularization=l2&amp;lambda=0.003&amp;showTest=1" data-testid="to-playground">L2 in the Playground</a>.',
  })}
  <section class="panel" aria-labelledby="reg-title" data-ref="panel" data-testid="reg-panel" data-state="idle">
    <h2 id="reg-title">Side by side on the 1,000-image set</h2>
    <div class="reg-formulas">
      <div class="reg-card">
        <h3>L2 (weight decay)</h3>
        ${formulaHTML('C = C_0 + \\frac{\\lambda}{2n} \\sum_w w^2')}
        ${formulaHTML('w \\to \\Big(1 - \\frac{\\eta\\lambda}{n}\\Big) w - \\frac{\\eta}{m} \\sum_x \\frac{\\partial C_x}{\\partial w}')}
        <p class="reg-live" data-ref="l2live" data-testid="reg-decay-factor"></p>
      </div>
      <div class="reg-card">
        <h3>L1</h3>
        ${formulaHTML('C = C_0 + \\frac{\\lambda}{n} \\sum_w |w|')}
        ${formulaHTML('w \\to w - \\frac{\\eta\\lambda}{n} \\operatorname{sgn}(w) - \\frac{\\eta}{m} \\sum_x \\frac{\\partial C_x}{\\partial w}')}
        <p class="reg-live" data-ref="l1live" data-testid="reg-l1-step"></p>
      </div>
      <div class="reg-card">
        <h3>Dropout</h3>
        ${formulaHTML('\\tilde a^l = a^l \\odot \\text{mask}')}
        ${formulaHTML('\\text{mask}_j = \\begin{cases} 0 & \\text{probability } p \\\\ \\frac{1}{1 - p} & \\text{else} \\end{cases}',
    'a fresh mask per image and mini-batch, on the hidden layer; at inference nothing is dropped (the 1/(1 − p) keeps E[ã] = a).')}
      </div>
      <div class="reg-card">
        <h3>Augmentation</h3>
        ${formulaHTML('x \\to T(x)', 'T random, drawn afresh each time an image is used: shifts, rotations, elastic distortion, intensity, blur, noise (the gallery below).')}
      </div>
    </div>
    <div class="workbench">
      <div class="bench-controls">
        <p class="note">Nielsen’s chapter-3 network (784 → 30 σ → 10 σ, cross-entropy, N(0, 1) weights, m = 10), one seed; only the regularizer differs.</p>
        <form class="settings" data-ref="runForm" novalidate></form>
      </div>
      <div class="bench-view">
        <div data-ref="runs"></div>
        <figure class="chart short"><canvas data-ref="gap" data-testid="reg-gap-chart" role="img" aria-label="Gap between training and validation accuracy per epoch, per run"></canvas>
          <figcaption>The gap after each epoch: training accuracy (every training image, nothing dropped or augmented) minus validation accuracy, in percentage points.</figcaption></figure>
        <div class="table-wrap"><table class="values reg-gaps" data-ref="gapTable" data-testid="reg-gaps"></table></div>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="reg-weights-title">
    <h2 id="reg-weights-title">The weights each run ends with</h2>
    <p class="note">Every weight of every layer (biases are not penalized), after the latest epoch; bar height ∝ √(share of weights), on one axis from −3 to 3.
      L2 shrinks them all; L1 pushes most to exactly 0 and keeps a few large ones.</p>
    <div class="reg-hists" data-ref="weights" data-testid="reg-weights"></div>
  </section>

  <section class="panel" aria-labelledby="reg-dropout-title">
    <h2 id="reg-dropout-title">Dropout: this mini-batch’s thinned network</h2>
    <div data-ref="dropout"></div>
  </section>

  <section class="panel" aria-labelledby="reg-aug-title">
    <h2 id="reg-aug-title">Augmentation: the same digits, transformed</h2>
    <div class="workbench">
      <div class="bench-controls">
        <form class="settings" data-ref="augForm" novalidate></form>
      </div>
      <div class="bench-view reg-gallery" data-ref="gallery" data-testid="reg-gallery"></div>
    </div>
  </section>
</section>`;
}
