// @ts-check
/**
 * Chapter "Feedforward networks and their notation". A small seeded sigmoid network drawn as a
 * diagram; hovering (or tapping, or arrow keys) names a connection w^l_jk or a neuron's b^l_j, z^l_j,
 * a^l_j. The selected layer is typeset in matrix form with its numbers, the selected neuron in sum
 * form, and Nielsen's `feedforward` runs beside it one layer per Step, its current line highlighted.
 *
 * Layers are numbered from the input, l = 1 … L, as in the lecture; the core's FeedforwardLab uses
 * the same l (its j, k count from 0). The chapter root's data-layer says how far the pass has got
 * (1 = only the input); data-state is the run controller's.
 */
import { FeedforwardLab } from '../wasm.js';
import { refs } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createSettings } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createNetworkDiagram, targetKey } from '../views/networkDiagram.js';
import { codeHTML, highlightLine, inspectHTML, matrixTeX, sumTeX, shapeText } from './feedforward-formulas.js';
import { createDiagramInput } from './feedforward-input.js';

const SPEEDS = [
  { value: 1400, label: 'slow' },
  { value: 700, label: 'normal' },
  { value: 300, label: 'fast' },
];
const DEFAULT_INPUT = [0.9, 0.2, 0.6, 0.4, 0.8, 0.1, 0.5, 0.3];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const PARAMS = [
  { name: 'sizes', type: 'ints', min: 1, max: 8, minLength: 2, maxLength: 6, default: [3, 4, 2], label: 'layer sizes',
    hint: 'input first, output last' },
  { name: 'x', type: 'numbers', min: 0, max: 1, minLength: 1, maxLength: 8, default: [0.9, 0.2, 0.6], label: 'input',
    tex: 'x = a^1', hint: 'one per input neuron, in [0, 1]' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true, hint: 'w, b ~ N(0, 1)' },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('feedforward');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const settings = createSettings({
    specs: PARAMS, container: r.settings, query: params, ctx, ignore: ['speed'],
    onChange: (_values, changed) => rebuild(changed),
  });
  const speed0 = Number(params.get('speed'));
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS,
    speed: SPEEDS.some((s) => s.value === speed0) ? speed0 : 700,
    stepTitle: 'Compute the next layer', frame, step: advance, reset,
    onPlay: () => (lastAt = performance.now()),
  });
  const diagram = createNetworkDiagram(/** @type {HTMLCanvasElement} */ (r.diagram));

  /** @type {any} */
  let lab = null;
  /** @type {import('./feedforward-formulas.js').Snapshot} */
  let snap = null;
  /** How far the pass has got: a^1 … a^computed are known. */
  let computed = 1;
  let returned = false;
  let lastAt = 0;
  /** @type {import('./feedforward-formulas.js').Target} */
  let selected = { l: 2, j: 1 };
  /** @type {import('./feedforward-formulas.js').Target|null} */
  let hovered = null;

  const input = createDiagramInput(r.diagram, diagram, {
    hover: (t) => {
      if (targetKey(t) === targetKey(hovered)) return;
      hovered = t;
      render();
    },
    select: (t) => {
      selected = t;
      hovered = null;
      render();
    },
    current: () => selected,
    sizes: () => snap.sizes,
  });

  /** Whether the link set the input itself (then a wrong length is the student's to fix, and said). */
  const given = { x: params.has('x') };
  rebuild(null);
  reset();

  /** A new lab for new sizes or seed; a new input only re-runs the pass. */
  function rebuild(changed) {
    const v = settings.values;
    let x = v.x;
    const n1 = v.sizes[0];
    if (changed === 'sizes' && x.length !== n1) {
      // The input follows the new input layer: kept where it can be, filled from the defaults.
      x = Array.from({ length: n1 }, (_, i) => x[i] ?? DEFAULT_INPUT[i]);
      settings.set({ x });
      ctx.setQuery(settings.query());
    } else if (x.length !== n1 && changed === null && !given.x) {
      // A link that sets the sizes but not the input: the default input is fitted quietly.
      x = Array.from({ length: n1 }, (_, i) => x[i] ?? DEFAULT_INPUT[i]);
      settings.set({ x });
      ctx.setQuery(settings.query());
    } else if (x.length !== n1) {
      settings.showErrors([`input x must list ${n1} value${n1 > 1 ? 's' : ''} (one per input neuron, n₁ = ${n1}), got ${x.length}; ` +
        'using them cut or filled up']);
      x = Array.from({ length: n1 }, (_, i) => x[i] ?? DEFAULT_INPUT[i]);
    }
    try {
      if (!lab || changed === null || changed === 'sizes' || changed === 'seed') {
        const next = new FeedforwardLab(Float64Array.from(v.sizes), v.seed);
        lab?.free();
        lab = next;
      }
      lab.setInput(Float32Array.from(x));
    } catch (err) {
      settings.showErrors([err instanceof Error ? err.message : String(err)]);
      return;
    }
    snap = snapshot(lab);
    const L = snap.sizes.length;
    if (selected.l > L || selected.j > snap.sizes[selected.l - 1] ||
      (selected.k !== undefined && selected.k > snap.sizes[selected.l - 2])) selected = { l: Math.min(2, L), j: 1 };
    hovered = null;
    if (changed === 'sizes' || changed === 'seed') run.reset();
    else render();
  }

  function reset() {
    computed = 1;
    returned = false;
    selected = { l: 2, j: 1 }; // the first layer the loop will compute
    hovered = null;
    lastAt = performance.now();
    highlightLine(r.code, 1, '# a = a¹, the input');
    run.say(`The input a¹ = x is set. Press Step › (or →) to compute layer 2, or ▶ Play to run the loop.`);
    render();
    return true;
  }

  /** One layer: the loop's body for l = computed + 1; after the last layer, `return a`. */
  function advance() {
    const L = snap.sizes.length;
    if (computed < L) {
      computed += 1;
      const l = computed;
      selected = { l, j: Math.min(selected.k === undefined && selected.l === l ? selected.j : 1, snap.sizes[l - 1]) };
      hovered = null;
      highlightLine(r.code, 3, `# l = ${l}`);
      run.say(`Layer ${l}: a${sup(l)} = σ(w${sup(l)} a${sup(l - 1)} + b${sup(l)}) — ${snap.sizes[l - 1]} neuron${snap.sizes[l - 1] > 1 ? 's' : ''}, ` +
        `iteration ${l - 1} of ${L - 1} of the loop.`);
    } else if (!returned) {
      returned = true;
      highlightLine(r.code, 4, `# the output a${sup(L)}`);
      run.finish(`Done: the network’s output is a${sup(L)} = (${Array.from(snap.a[L], (v) => v.toFixed(3)).join(', ')}). ↺ Reset to start again.`);
    }
    render();
  }

  /** @param {number} _budgetMs @param {number} msPerLayer */
  function frame(_budgetMs, msPerLayer) {
    const now = performance.now();
    if (now - lastAt < msPerLayer) return;
    lastAt = now;
    advance();
  }

  function render() {
    if (!snap) return;
    const L = snap.sizes.length;
    root.dataset.layer = String(computed);
    const shown = hovered || selected;
    diagram.update({
      sizes: snap.sizes,
      weights: snap.w.slice(2),
      values: snap.a.slice(1).map((a, i) => (i + 1 <= computed ? a : null)),
      highlight: shown,
      activeLayer: computed > 1 && !returned ? computed : 0,
      layerLabel: (l) => (l === 1 ? '1 · input' : l === L ? `${l} · output` : `${l}`),
    });
    const info = inspectHTML(snap, shown);
    r.inspect.innerHTML = info.html;
    for (const key of ['kind', 'l', 'j', 'k', 'value', 'b', 'z', 'a']) {
      if (info.data[key] === undefined) delete r.inspect.dataset[key];
      else r.inspect.dataset[key] = String(info.data[key]);
    }
    const l = Math.max(2, shown.l);
    const j = shown.l >= 2 ? shown.j : 1;
    r.matrixTitle.textContent = `Layer ${l} in matrix form`;
    r.matrix.dataset.layer = String(l);
    r.matrix.innerHTML = tex(matrixTeX(snap, l, shown.l >= 2 ? shown : null), true);
    r.sum.dataset.layer = String(l);
    r.sum.dataset.neuron = String(j);
    r.sum.innerHTML = tex(sumTeX(snap, l, j, shown.l === l ? shown.k : undefined), true);
    r.pending.hidden = l <= computed;
    r.pending.textContent = `Layer ${l} is not reached yet in the step-through (the numbers are what it will compute).`;
    r.shape.textContent = shapeText(snap.sizes);
    input.describe(shown);
  }

  return {
    pause() {
      run.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      given.x = next.has('x');
      settings.fromQuery(next);
      rebuild(null);
      run.reset();
    },
    destroy() {
      run.destroy();
      input.destroy();
      diagram.destroy();
      lab?.free();
      lab = null;
    },
  };
}

/** Every layer's numbers, copied out of wasm memory, indexed by the lecture's l. */
function snapshot(lab) {
  const sizes = Array.from(lab.sizes(), Number);
  const L = sizes.length;
  /** @type {import('./feedforward-formulas.js').Snapshot} */
  const s = { sizes, w: [], b: [], z: [], a: [] };
  s.a[1] = Array.from(lab.a(1));
  for (let l = 2; l <= L; l++) {
    s.w[l] = Array.from(lab.weights(l));
    s.b[l] = Array.from(lab.biases(l));
    s.z[l] = Array.from(lab.z(l));
    s.a[l] = Array.from(lab.a(l));
  }
  return s;
}

function sup(n) {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

function template(number) {
  return `${chapterOpen({
    id: 'feedforward', number, kicker: 'Networks', title: 'Feedforward networks and their notation',
    lede: 'Neurons in layers, each layer fed by the one before: ' +
      `${tex('a^l = \\sigma(w^l a^{l-1} + b^l)')}. Point at a connection or a neuron to read its name and value.`,
  })}
  <section class="panel" aria-labelledby="ff-net-title">
    <h2 id="ff-net-title">The network <span class="ff-shape" data-ref="shape" data-testid="shape"></span></h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('a^l = \\sigma\\big(w^l a^{l-1} + b^l\\big), \\quad l = 2, \\dots, L',
          `${tex('w^l_{jk}')}: from neuron ${tex('k')} in layer ${tex('l-1')} to neuron ${tex('j')} in layer ${tex('l')}; ${tex('a^1 = x')}`)}
        <div data-ref="run"></div>
        ${codeHTML()}
        <form class="settings ff-settings" data-ref="settings" novalidate></form>
      </div>
      <div class="bench-view">
        <figure class="ff-figure">
          <canvas class="ff-diagram" data-ref="diagram" data-testid="diagram" tabindex="0"
            aria-label="The network: layers of neurons and their weighted connections. Arrow keys move the selection."
            aria-describedby="ff-keys"></canvas>
          <figcaption id="ff-keys">Blue: positive weight, orange: negative; thicker = larger |w|. Shade: activation.
            Keyboard: focus the diagram, ↑ ↓ neuron, ← → layer, Enter: its incoming weights (↑ ↓ then pick k), Esc: back.</figcaption>
        </figure>
        <div class="ff-inspect" data-ref="inspect" data-testid="inspect" aria-live="polite"></div>
        <h3 data-ref="matrixTitle">Layer 2 in matrix form</h3>
        <p class="hint" data-ref="pending" data-testid="pending" hidden></p>
        <div class="formula ff-formula" data-ref="matrix" data-testid="matrix-form"></div>
        <h3>The neuron, as a sum</h3>
        <div class="formula ff-formula" data-ref="sum" data-testid="sum-form"></div>
        <p class="note">Row ${tex('j')} of ${tex('w^l')} times ${tex('a^{l-1}')} is this sum: the matrix form computes every neuron of
          the layer at once. In the code, <code>self.weights</code> = [${tex('w^2, \\dots, w^L')}], <code>self.biases</code> = [${tex('b^2, \\dots, b^L')}].</p>
      </div>
    </div>
  </section>
</section>`;
}
