// @ts-check
/**
 * Chapter "Backpropagation". Part 1: a tiny network (default 2-3-2, sigmoid, quadratic cost) on one
 * example, stepped equation by equation — forward, BP1, BP2, BP3, BP4, the update — with the live
 * numbers typeset, the entry in focus highlighted in the diagram, Nielsen's `backprop` beside it and
 * the finite differences beside each derivative (backprop-steps.js, backprop-formulas.js); the
 * slide's three ways to get ∇C with the numerical gradient of [784, 30, 10] timed against backprop;
 * the mini-batch form (backprop-extras.js). Part 2: the computational graph (backprop-graph.js).
 *
 * Every number comes from the core (`backpropLab`, `GradientRace`, `slideGraph`, `expressionGraph`).
 * Three parameter tables share the URL: the network, the slide graph's x, y, z, and the expression.
 */
import { backpropLab } from '../wasm.js';
import { refs } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { codeHTML } from './backprop-formulas.js';
import { createStepThrough } from './backprop-steps.js';
import { allChecksHTML, batchHTML, createRace } from './backprop-extras.js';
import { EXPR_KEYS, GRAPH_PARAMS, createExpressionBox, createGates, createSlideGraph } from './backprop-graph.js';

const ACTS = [
  { value: 'sigmoid', label: 'sigmoid σ' }, { value: 'tanh', label: 'tanh' },
  { value: 'relu', label: 'ReLU' }, { value: 'identity', label: 'identity' },
];
const DEFAULT_X = [0.5, 0.9, 0.2, 0.7];
const DEFAULT_Y = [1, 0, 0, 0];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const NET_PARAMS = [
  { name: 'sizes', type: 'ints', min: 1, max: 4, minLength: 2, maxLength: 4, default: [2, 3, 2], label: 'layer sizes',
    hint: 'input first, output last; 2–4 layers of 1–4' },
  { name: 'x', type: 'numbers', min: -5, max: 5, minLength: 1, maxLength: 4, default: [0.5, 0.9], label: 'input', tex: 'x' },
  { name: 'y', type: 'numbers', min: 0, max: 1, minLength: 1, maxLength: 4, default: [1, 0], label: 'target', tex: 'y' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true, hint: 'w, b ~ N(0, 1)' },
  { name: 'hidden', type: 'choice', options: ACTS, default: 'sigmoid', label: 'hidden activation', group: 'more' },
  { name: 'output', type: 'choice', options: ACTS, default: 'sigmoid', label: 'output activation', group: 'more' },
  { name: 'cost', type: 'choice', options: [{ value: 'quadratic', label: 'quadratic ½‖a − y‖²' }, { value: 'crossEntropy', label: 'cross-entropy' }],
    default: 'quadratic', label: 'cost', group: 'more' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 3, label: 'learning rate', tex: '\\eta', group: 'more' },
  { name: 'm', type: 'int', min: 1, max: 8, default: 3, label: 'mini-batch size', tex: 'm', group: 'more', hint: 'for the matrix form' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('backprop');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const link = linkTables(ctx, params, [NET_PARAMS, GRAPH_PARAMS, EXPR_KEYS]);
  const net = link.register(0, createSettings({
    specs: NET_PARAMS, container: r.settings, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: (_v, changed) => rebuild(changed),
  }));
  const graphSettings = link.register(1, createSettings({
    specs: GRAPH_PARAMS, container: r.graphSettings, query: link.queryFor(1), ctx: link.ctx, ignore: link.ignoreFor(1),
    onChange: (v) => slide.load(v),
  }));
  const steps = createStepThrough(r, root);
  const race = createRace(r);
  const slide = createSlideGraph(r);
  const gates = createGates(r.gates);
  const box = link.register(2, createExpressionBox(r, link.queryFor(2), () => ctx.setQuery(link.query())));
  const given = { x: params.has('x'), y: params.has('y') };

  rebuild(null);
  slide.load(graphSettings.values);

  /** Fit x and y to the input and output layers; a link's wrong length is named, a new size fills quietly. */
  function fit(name, values, n, defaults, changed) {
    if (values.length === n) return values;
    const fitted = Array.from({ length: n }, (_, i) => values[i] ?? defaults[i]);
    if (changed === 'sizes' || (changed === null && !given[name])) {
      net.set({ [name]: fitted });
      ctx.setQuery(link.query());
    } else {
      net.showErrors([`${name === 'x' ? 'input x' : 'target y'} must list ${n} value${n > 1 ? 's' : ''} ` +
        `(one per ${name === 'x' ? 'input' : 'output'} neuron), got ${values.length}; using them cut or filled up`]);
    }
    return fitted;
  }

  function rebuild(changed) {
    const v = net.values;
    const x = fit('x', v.x, v.sizes[0], DEFAULT_X, changed);
    const y = fit('y', v.y, v.sizes[v.sizes.length - 1], DEFAULT_Y, changed);
    let out;
    try {
      out = backpropLab(Float64Array.from(v.sizes), v.hidden, v.output, v.cost, v.seed, Float64Array.from(x),
        Float64Array.from(y), v.eta, v.m);
    } catch (err) {
      net.showErrors([err instanceof Error ? err.message : String(err)]);
      return;
    }
    r.shape.textContent = v.sizes.join(' → ');
    steps.load(out.walk, { hidden: v.hidden, output: v.output, cost: v.cost });
    r.allChecks.innerHTML = allChecksHTML(out.walk);
    r.batch.innerHTML = batchHTML(out.batch, out.walk.sizes);
  }

  return {
    pause() {
      steps.run.pause();
      slide.run.pause();
      race.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      given.x = next.has('x');
      given.y = next.has('y');
      net.fromQuery(link.queryFor(0, next));
      graphSettings.fromQuery(link.queryFor(1, next));
      box.update(link.queryFor(2, next));
      rebuild(null);
      slide.load(graphSettings.values);
    },
    destroy() {
      steps.destroy();
      race.destroy();
      slide.destroy();
      gates.destroy();
      box.destroy();
    },
  };
}

function template(number) {
  const bp = [
    ['BP1', '\\delta^L = \\nabla_a C \\odot \\sigma\'(z^L)'],
    ['BP2', '\\delta^l = \\big((w^{l+1})^T \\delta^{l+1}\\big) \\odot \\sigma\'(z^l)'],
    ['BP3', '\\partial C / \\partial b^l_j = \\delta^l_j'],
    ['BP4', '\\partial C / \\partial w^l_{jk} = a^{l-1}_k \\delta^l_j'],
  ];
  return `${chapterOpen({
    id: 'backprop', number, kicker: 'Learning', title: 'Backpropagation',
    lede: `Gradient descent needs ${tex('\\partial C/\\partial w')} and ${tex('\\partial C/\\partial b')} for every weight and bias. ` +
      `Backpropagation gets all of them from one forward and one backward pass, through the error ${tex('\\delta^l = \\partial C / \\partial z^l')}.`,
  })}
  <section class="panel" aria-labelledby="bp-steps-title">
    <h2 id="bp-steps-title">Four equations, step by step <span class="bp-shape" data-ref="shape" data-testid="shape"></span></h2>
    <div class="workbench">
      <div class="bench-controls">
        <div class="bp-four">${bp.map(([tag, f]) => `<p><span class="bp-tag">${tag}</span> ${tex(f)}</p>`).join('')}</div>
        <div data-ref="run"></div>
        ${codeHTML()}
        <form class="settings bp-settings" data-ref="settings" novalidate></form>
      </div>
      <div class="bench-view" data-ref="steps" data-testid="steps">
        <canvas class="bp-diagram" data-ref="diagram" data-testid="diagram" role="img"
          aria-label="The network; the layer of the current step is ringed, the neuron or connection in focus highlighted"></canvas>
        <p class="hint bp-diagram-note" data-ref="diagramNote"></p>
        <h3 data-ref="stepTitle" data-testid="step-title"></h3>
        <div class="formula bp-equation" data-ref="equation" data-testid="equation" aria-live="polite"></div>
        <div data-ref="check"></div>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="bp-chain-title">
    <h2 id="bp-chain-title">Where BP2 comes from: the chain rule</h2>
    ${formulaHTML('\\delta^l_j = \\frac{\\partial C}{\\partial z^l_j} = \\sum_k \\frac{\\partial C}{\\partial z^{l+1}_k}\\frac{\\partial z^{l+1}_k}{\\partial z^l_j} = \\sum_k \\delta^{l+1}_k \\, w^{l+1}_{kj}\\, \\sigma\'(z^l_j)',
      'z<sup>l</sup><sub>j</sub> affects the cost only through the weighted inputs z<sup>l+1</sup><sub>k</sub> of the next layer, one path per k.')}
    <div class="formula bp-equation" data-ref="chain" data-testid="chain"></div>
    <p class="note" data-ref="chainNote"></p>
  </section>

  <section class="panel" aria-labelledby="bp-ways-title">
    <h2 id="bp-ways-title">Three ways to get ∇C</h2>
    <ol class="bp-ways">
      <li><strong>Numerically</strong>: ${tex('\\partial C/\\partial w \\approx \\frac{C(w + h) - C(w - h)}{2h}')} — simple, approximate, and extremely slow: two forward passes <em>per parameter</em>.</li>
      <li><strong>Analytically</strong>: the chain rule by hand, as above for BP2 — exact, but the expression grows with every layer.</li>
      <li><strong>Backpropagation</strong>: the chain rule organised layer by layer, reusing ${tex('\\delta^{l+1}')} for ${tex('\\delta^l')} — exact and one backward pass for all parameters.</li>
    </ol>
    <div class="bp-race" data-ref="race" data-testid="race" data-state="idle">
      <p>Nielsen’s ${tex('[784, 30, 10]')} has ${tex('784 \\cdot 30 + 30 + 30 \\cdot 10 + 10 = 23{,}860')} parameters. One numerical gradient on one image
        is ${tex('2 \\cdot 23{,}860 = 47{,}720')} forward passes. Run it here and compare with one backprop pass:</p>
      <p><button type="button" class="primary" data-ref="raceButton" data-testid="race-run">Run the numerical gradient</button></p>
      <p class="status" role="status" data-ref="raceProgress" data-testid="race-progress"></p>
      <div data-ref="raceResult" data-testid="race-result" hidden></div>
    </div>
    <details class="bp-all"><summary>Every derivative of the tiny network: backprop beside the finite difference</summary>
      <div data-ref="allChecks" data-testid="all-checks"></div></details>
  </section>

  <section class="panel" aria-labelledby="bp-batch-title">
    <h2 id="bp-batch-title">A mini-batch at once: one matrix, the same sum</h2>
    <p>Stack the ${tex('m')} samples as rows: ${tex('A^{l-1}')} (${tex('m \\times n_{l-1}')}), ${tex('\\Delta^l')} (${tex('m \\times n_l')}).
      One matrix product gives ${tex('\\sum_x \\delta^{x,l} (a^{x,l-1})^T')}, the sum over the samples (the seed draws them; ${tex('m')} is under “More settings”).</p>
    <div class="formula bp-equation bp-batch" data-ref="batch" data-testid="batch"></div>
  </section>

  <section class="panel" aria-labelledby="bp-graph-title" data-ref="graphPanel" data-testid="graph-panel" data-state="idle">
    <h2 id="bp-graph-title">The computational graph</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} f(x, y, z) &= (x + y)(y - z) \\\\ W = x + y, \\; N &= y - z, \\; f = W \\cdot N \\end{aligned}',
          'forward: each gate computes its value from its inputs; backward: each gate multiplies the gradient from above by its <em>local</em> gradients (locality of computation)')}
        <form class="settings bp-graph-settings" data-ref="graphSettings" novalidate></form>
        <div data-ref="graphRun"></div>
        <div class="bp-local" data-ref="local" data-testid="local"></div>
      </div>
      <div class="bench-view">
        <canvas class="bp-graph" data-ref="graphCanvas" data-testid="graph" role="img"
          aria-label="The graph of f: green values forward above the edges, red gradients backward below"></canvas>
        <p class="hint"><span class="bp-fwd">green</span>: values forward; <span class="bp-bwd">red</span>: gradients backward (under a node: ∂f/∂node).</p>
        <div data-ref="graphGrads" data-testid="graph-grads"></div>
      </div>
    </div>
    <h3>Gate patterns</h3>
    <div class="bp-gates" data-ref="gates" data-testid="gates"></div>
    <h3>Your own expression</h3>
    <p class="hint">Use + − × (or *) ÷ (or /) ^, max(a, b), relu, exp, log, sigmoid, tanh, parentheses, numbers and variable names.</p>
    <label class="field bp-expr-field"><span class="field-label">f =</span>
      <input type="text" data-ref="expr" data-testid="expr" spellcheck="false" autocomplete="off" maxlength="200"></label>
    <div class="error-box bp-expr-error" role="alert" data-ref="exprError" data-testid="expr-error" hidden></div>
    <div class="fields bp-vars" data-ref="exprVars" data-testid="expr-vars"></div>
    <div class="split even">
      <canvas class="bp-graph" data-ref="exprCanvas" data-testid="expr-graph" role="img" aria-label="The expression's graph"></canvas>
      <div><p data-ref="exprValue" data-testid="expr-value"></p><div data-ref="exprGrads" data-testid="expr-grads"></div></div>
    </div>
  </section>
</section>`;
}
