// @ts-check
/**
 * Chapter "Stochastic gradient descent". Three panels, three parameter tables behind one URL:
 * - mini-batch estimates of ∇C against the full gradient on the line fit's cost surface (arrows for
 *   m = 1, 10, 100 and their cosine similarity), and full-batch GD beside SGD at equal compute
 *   (the core's `LineFitLab.minibatchGradients`, `gdPath`, `sgdPath`);
 * - one epoch of Nielsen's `SGD` / `update_mini_batch`, line by line (sgd-epoch.js, `SgdStepper`);
 * - MNIST: the cost against samples seen for several m at equal compute (sgd-mnist.js, `Trainer`).
 */
import { LineFitLab } from '../wasm.js';
import { refs, num, int } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createContour } from '../views/contour.js';
import { colors } from '../views/canvas.js';
import { FIT_RANGE } from './gradient-descent-fit.js';
import { EPOCH_PARAMS, createEpochPanel, epochHTML } from './sgd-epoch.js';
import { MNIST_PARAMS, createMnistPanel, mnistHTML } from './sgd-mnist.js';

const M_COLORS = ['#ae3ec9', '#e07b00', '#2b8a3e', '#3b5bdb'];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const ESTIMATE_PARAMS = [
  { name: 'ms', type: 'ints', min: 1, max: 1000, minLength: 1, maxLength: 4, default: [1, 10, 100], label: 'mini-batch sizes', tex: 'm' },
  { name: 'count', type: 'int', min: 1, max: 50, default: 12, label: 'estimates per m' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 2, default: 0.3, label: 'learning rate', tex: '\\eta' },
  { name: 'epochs', type: 'int', min: 1, max: 50, default: 3, label: 'compute: epochs', hint: 'passes over the n points: GD steps = epochs, SGD steps = epochs · n / m' },
  { name: 'sgdM', type: 'int', min: 1, max: 1000, default: 10, label: 'SGD’s m for the paths' },
  { name: 'w', type: 'number', min: -1, max: 4, default: 2.6, label: 'at w', tex: 'w', group: 'more', hint: 'or click the map' },
  { name: 'b', type: 'number', min: -3, max: 3, default: -1.6, label: 'at b', tex: 'b', group: 'more' },
  { name: 'n', type: 'int', min: 2, max: 2000, default: 200, label: 'data points', tex: 'n', group: 'more' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true, hint: 'data, mini-batches and shuffles' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('gradient-descent');
  useStyles('sgd');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [ESTIMATE_PARAMS, EPOCH_PARAMS, [...MNIST_PARAMS, 'data']]);
  const onChanges = [() => render(), () => epoch.update(), () => mnist.update()];
  const settings = [r.estSettings, r.epochSettings, r.mnistSettings].map((el, i) => link.register(i, createSettings({
    specs: [ESTIMATE_PARAMS, EPOCH_PARAMS, MNIST_PARAMS][i], container: el, query: link.queryFor(i), ctx: link.ctx,
    ignore: [...link.ignoreFor(i), 'data'], mode: i === 2 ? 'apply' : 'live', onChange: onChanges[i],
  })));
  const pick = (x, y) => {
    settings[0].set({ w: Number(x.toFixed(2)), b: Number(y.toFixed(2)) });
    ctx.setQuery(link.query(), { push: true });
    render();
  };
  const arrows = createContour(/** @type {HTMLCanvasElement} */ (r.estMap), { xLabel: 'w', yLabel: 'b', onPick: pick });
  const paths = createContour(/** @type {HTMLCanvasElement} */ (r.pathMap), { xLabel: 'w', yLabel: 'b', onPick: pick });
  /** @type {any} */
  let lab = null;
  let key = '';
  /** @type {any} */
  let grid = null;
  const epoch = createEpochPanel(r, { root: r.epochPanel, values: () => settings[1].values });
  const mnist = createMnistPanel(r, { root: r.mnistPanel, settings: settings[2], params, id: ctx.id, query: () => link.query() });
  render();

  function render() {
    const v = settings[0].values;
    if (key !== `${v.n},${v.seed}`) {
      lab?.free();
      lab = new LineFitLab(v.n, v.seed, 0.8);
      grid = { values: lab.grid(100, FIT_RANGE.xMin, FIT_RANGE.xMax, FIT_RANGE.yMin, FIT_RANGE.yMax), res: 100, log: true };
      key = `${v.n},${v.seed}`;
    }
    const full = lab.gradient(v.w, v.b);
    const norm = Math.hypot(full[0], full[1]) || 1;
    const scale = (0.3 * (FIT_RANGE.xMax - FIT_RANGE.xMin)) / norm;
    const list = [];
    const rows = [];
    v.ms.forEach((m, i) => {
      const mm = Math.min(m, v.n);
      const est = lab.minibatchGradients(v.w, v.b, mm, v.count, v.seed + i);
      let cos = 0;
      for (let k = 0; k < v.count; k++) {
        list.push({ x: v.w, y: v.b, dx: -scale * est[3 * k], dy: -scale * est[3 * k + 1], color: M_COLORS[i % 4], width: 1.5 });
        cos += est[3 * k + 2];
      }
      cos /= v.count;
      rows.push(`<tr data-m="${mm}" data-cos="${cos}"><td><span class="swatch" style="background:${M_COLORS[i % 4]}"></span> ${tex(`m = ${mm}`)}</td><td>${num(cos, 3)}</td></tr>`);
    });
    list.push({ x: v.w, y: v.b, dx: -scale * full[0], dy: -scale * full[1], color: colors.ink, width: 3.5, label: '−∇C' });
    const min = lab.minimum();
    const star = { x: min[0], y: min[1], color: colors.ok, shape: /** @type {'star'} */ ('star') };
    arrows.draw({ range: FIT_RANGE, grid, arrows: list, marks: [star, { x: v.w, y: v.b, color: colors.ink, radius: 4 }] });
    r.estTable.innerHTML = `<thead><tr><th>mini-batch</th><th>mean cos ∠(estimate, ∇C)</th></tr></thead><tbody>${rows.join('')}</tbody>`;

    const gd = lab.gdPath(v.w, v.b, v.eta, v.epochs);
    const m = Math.min(v.sgdM, v.n);
    const updates = Math.ceil((v.epochs * v.n) / m);
    const sgd = lab.sgdPath(v.w, v.b, v.eta, m, Math.min(updates, 100000), v.seed);
    paths.draw({
      range: FIT_RANGE, grid,
      paths: [
        { points: sgd, color: colors.class1, width: 1.2, label: 'SGD' },
        { points: gd, color: colors.ink, width: 2.5, dots: true, label: 'GD' },
      ],
      marks: [star, { x: v.w, y: v.b, color: colors.series[0], shape: 'ring', label: 'start' }],
    });
    const end = (p) => lab.cost(p[p.length - 2], p[p.length - 1]);
    r.pathStats.innerHTML = `Same compute, ${int(v.epochs * v.n)} per-sample gradients: <strong>gradient descent</strong> took ` +
      `${v.epochs} step${v.epochs > 1 ? 's' : ''} → C = <span data-testid="gd-cost">${num(end(gd), 4)}</span>; ` +
      `<strong class="sgd-text">SGD with m = ${m}</strong> took ${int(updates)} steps → C = <span data-testid="sgd-cost">${num(end(sgd), 4)}</span> ` +
      `(least squares: ${num(lab.cost(min[0], min[1]), 4)}).`;
  }

  return {
    pause() {
      epoch.pause();
      mnist.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.forEach((s, i) => s.fromQuery(link.queryFor(i, next)));
      render();
      epoch.update();
      mnist.update();
    },
    destroy() {
      arrows.destroy();
      paths.destroy();
      epoch.destroy();
      mnist.destroy();
      lab?.free();
    },
  };
}

function template(number) {
  return `${chapterOpen({
    id: 'sgd', number, kicker: 'Learning', title: 'Stochastic gradient descent',
    lede: 'The full gradient needs every training sample. A mini-batch of m random samples gives an estimate that is ' +
      'noisy but m/n as expensive — and many cheap noisy steps beat a few exact ones.',
  })}
  <section class="panel" aria-labelledby="sgd-est-title" data-testid="estimate-panel">
    <h2 id="sgd-est-title">Mini-batch estimates of the gradient</h2>
    ${formulaHTML('\\nabla C = \\frac{1}{n} \\sum_x \\nabla C_x \\;\\approx\\; \\frac{1}{m} \\sum_{j=1}^{m} \\nabla C_{X_j}',
          'X₁ … X<sub>m</sub>: a random mini-batch. Here C is the line fit’s cost over n points, with (w, b) the two parameters')}
    <div class="workbench wide-view">
      <div class="bench-controls">
        <form class="settings" data-ref="estSettings" novalidate></form>
        <div class="table-wrap"><table class="values" data-ref="estTable" data-testid="estimate-table"></table></div>
      </div>
      <div class="bench-view">
        <div class="split even">
          <figure class="chart gd-square"><canvas data-ref="estMap" data-testid="estimate-map" role="img" aria-label="Mini-batch gradient estimates as arrows around the full gradient"></canvas>
            <figcaption>${tex('-\\nabla C')} (black) and the mini-batch estimates, one colour per ${tex('m')}, at the same scale. Click to move the point.</figcaption></figure>
          <figure class="chart gd-square"><canvas data-ref="pathMap" data-testid="path-map" role="img" aria-label="Paths of gradient descent and SGD at equal compute"></canvas>
            <figcaption>Gradient descent (black, one dot per step) and <span class="sgd-text">SGD</span> after the same number of per-sample gradients.</figcaption></figure>
        </div>
        <p data-ref="pathStats" data-testid="path-stats"></p>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="sgd-epoch-title" data-ref="epochPanel" data-testid="epoch-panel">
    <h2 id="sgd-epoch-title">One epoch, line by line</h2>
    ${epochHTML()}
  </section>

  <section class="panel" aria-labelledby="sgd-mnist-title" data-ref="mnistPanel" data-testid="mnist-panel">
    <h2 id="sgd-mnist-title">On MNIST: the cost against samples seen, for several m</h2>
    ${mnistHTML()}
  </section>
</section>`;
}
