// @ts-check
/**
 * Chapter "Loss functions". Four panels, four parameter tables behind one URL:
 * - the target vector y(x) of a real MNIST "8" and C(w, b) = 1/2n Σ‖y(x) − a‖² on a few images
 *   (losses-mnist.js; the 1,000-digit sample by default, `data=full` for the full set);
 * - the learning slowdown: quadratic against cross-entropy on one sigmoid neuron (losses-slow.js);
 * - the slide's three output/cost pairs, each with δᴸ = aᴸ − y (losses-softmax.js);
 * - softmax, its Jacobian, and δ = a − y against central differences (losses-softmax.js).
 * Every number comes from the core; the page lays them out.
 */
import { refs } from '../dom.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { TARGET_PARAMS, createTargetPanel, targetHTML } from './losses-mnist.js';
import { SLOW_PARAMS, createSlowPanel, slowHTML } from './losses-slow.js';
import { SOFTMAX_PARAMS, PAIR_PARAMS, createSoftmaxPanel, createPairsPanel, softmaxHTML, pairsHTML } from './losses-softmax.js';

const TABLES = [TARGET_PARAMS, SLOW_PARAMS, PAIR_PARAMS, SOFTMAX_PARAMS];

/** @param {URLSearchParams} params @returns {'sample'|'full'} */
const sourceOf = (params) => (params.get('data') === 'full' ? 'full' : 'sample');

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('losses');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);
  let source = sourceOf(params);

  const link = linkTables(ctx, params, [[...TARGET_PARAMS, 'data'], SLOW_PARAMS, PAIR_PARAMS, SOFTMAX_PARAMS]);
  const containers = [r.targetSettings, r.slowSettings, r.pairSettings, r.softmaxSettings];
  const handlers = [
    (_v, name) => (name === 'seed' ? target.rebuild() : target.render()),
    () => slow.update(),
    () => pairs.render(settings[2].values),
    (_v, name) => softmax.render(settings[3].values, name),
  ];
  const settings = TABLES.map((specs, i) => createSettings({
    specs, container: containers[i], query: link.queryFor(i), ctx: link.ctx, ignore: [...link.ignoreFor(i), 'data'],
    onChange: handlers[i],
  }));
  // Part 0 also carries data=full.
  const withData = (query) => [query, source === 'full' ? 'data=full' : ''].filter(Boolean).join('&');
  link.register(0, { query: () => withData(settings[0].query()) });
  settings.slice(1).forEach((s, i) => link.register(i + 1, s));
  checkData(params);

  let target = makeTarget();
  const slow = createSlowPanel(r, { root: r.slowPanel, values: () => settings[1].values });
  const pairs = createPairsPanel(r);
  const softmax = createSoftmaxPanel(r);
  r.slowPanel.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('[data-start]');
    if (!button) return;
    const [w0, b0] = (/** @type {HTMLElement} */ (button).dataset.start || '').split(',').map(Number);
    settings[1].set({ w0, b0 });
    ctx.setQuery(link.query(), { push: true });
    slow.update();
  });
  slow.update();
  pairs.render(settings[2].values);
  softmax.render(settings[3].values, null);

  function makeTarget() {
    return createTargetPanel(r, {
      root: r.targetPanel, source, values: () => settings[0].values,
      fullLink: () => `#/${ctx.id}?${[settings[0].query(), 'data=full', ...settings.slice(1).map((s) => s.query())].filter(Boolean).join('&')}`,
    });
  }

  /** A bad `data` value in the link gets a message naming it. @param {URLSearchParams} query */
  function checkData(query) {
    const data = query.get('data');
    if (data !== null && data !== 'full' && data !== 'sample') {
      settings[0].showErrors([{ name: 'data', message: `the link sets data “${data.slice(0, 24)}”; it must be full or sample (using the sample)` }]);
    }
  }

  return {
    pause() {
      slow.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.forEach((s, i) => s.fromQuery(link.queryFor(i, next)));
      checkData(next);
      const nextSource = sourceOf(next);
      if (nextSource !== source) {
        source = nextSource;
        target.destroy();
        target = makeTarget();
      } else target.rebuild();
      slow.update();
      pairs.render(settings[2].values);
      softmax.render(settings[3].values, null);
    },
    destroy() {
      target.destroy();
      slow.destroy();
    },
  };
}

function template(number) {
  return `${chapterOpen({
    id: 'losses', number, kicker: 'Learning', title: 'Loss functions',
    lede: 'A cost function says how far the network’s outputs are from the targets; learning means making it small. ' +
      'Which cost goes with which output layer decides how fast a badly wrong neuron learns.',
  })}
  <section class="panel" aria-labelledby="losses-target-title" data-ref="targetPanel" data-testid="target-panel">
    <h2 id="losses-target-title">The target y(x) and the quadratic cost</h2>
    ${formulaHTML('C(w, b) = \\frac{1}{2n} \\sum_x \\lVert y(x) - a \\rVert^2',
      'y(x) is the one-hot vector of the digit’s label (an “8” → 1 in position 8, counting from 0); a is the network’s output for x')}
    ${targetHTML()}
  </section>

  <section class="panel" aria-labelledby="losses-slow-title" data-ref="slowPanel" data-testid="slow-panel">
    <h2 id="losses-slow-title">Learning slowdown: quadratic cost against cross-entropy</h2>
    ${formulaHTML('x = 1,\\ y = 0,\\quad a = \\sigma(wx + b),\\quad w \\to w - \\eta \\frac{\\partial C}{\\partial w},\\ b \\to b - \\eta \\frac{\\partial C}{\\partial b}',
      'one sigmoid neuron learning to output 0; started saturated (w = b = 2, a ≈ 0.98) it is badly wrong, and σ′(z) is tiny there')}
    ${slowHTML()}
  </section>

  <section class="panel" aria-labelledby="losses-pairs-title">
    <h2 id="losses-pairs-title">Output layers and costs that go together: δᴸ = aᴸ − y</h2>
    ${formulaHTML('\\delta^L = \\frac{\\partial C}{\\partial z^L} = a^L - y',
      'for these three pairs the derivative of the output layer cancels against the cost’s: no σ′(z) factor, no slowdown')}
    ${pairsHTML()}
  </section>

  <section class="panel" aria-labelledby="losses-softmax-title">
    <h2 id="losses-softmax-title">Softmax: outputs that are probabilities</h2>
    ${formulaHTML('Q_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}, \\qquad \\frac{\\partial Q_i}{\\partial z_j} = \\begin{cases} Q_i(1 - Q_j) & i = j \\\\ -Q_i Q_j & i \\ne j \\end{cases}',
      'each Q<sub>j</sub> is positive and they sum to 1; with C = −ln Q<sub>t</sub>, δ = Q − y')}
    ${softmaxHTML()}
  </section>
</section>`;
}
