// @ts-check
/**
 * The step-through of backpropagation on the tiny network: one record of the core's walk-through per
 * Step (forward layer by layer, then BP1, BP3, BP4 for the output layer and BP2, BP3, BP4 for each
 * layer below, as Nielsen's `backprop` runs them; then the update). Each step shows its equation with
 * the live numbers, the neuron or connection in focus highlighted in the diagram and the equation,
 * the line of code it runs, and for BP3 / BP4 the finite difference beside every derivative.
 *
 * The panel root carries the numbers for tests: data-step (index, −1 before the first), data-kind,
 * data-l, data-values (JSON, the step's numbers) and data-walk (weights, biases, x, y at full precision).
 */
import { tex } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createNetworkDiagram } from '../views/networkDiagram.js';
import { chainTeX, checkTableHTML, codeLines, highlightLines, stepTeX } from './backprop-formulas.js';

const SPEEDS = [
  { value: 1800, label: 'slow' },
  { value: 900, label: 'normal' },
  { value: 400, label: 'fast' },
];

const TITLES = {
  forward: (l) => `Forward, layer ${l}: z and a`,
  bp1: (l) => `BP1: the output error δ${sup(l)}`,
  bp2: (l) => `BP2: the error δ${sup(l)} from δ${sup(l + 1)}`,
  bp3: (l) => `BP3: ∂C/∂b${sup(l)} = δ${sup(l)}`,
  bp4: (l) => `BP4: ∂C/∂w${sup(l)} = δ${sup(l)} (a${sup(l - 1)})ᵀ`,
  update: () => 'The update: one step of gradient descent',
};

/**
 * @param {any} r  the chapter's refs
 * @param {HTMLElement} root
 */
export function createStepThrough(r, root) {
  /** @type {import('./backprop-formulas.js').Walk|null} */
  let walk = null;
  /** @type {{hidden: string, output: string, cost: string}} */
  let kinds = { hidden: 'sigmoid', output: 'sigmoid', cost: 'quadratic' };
  let index = -1;
  let lastAt = 0;
  const focus = { j: 1, k: 1 };

  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS, speed: 900,
    stepTitle: 'The next equation', frame, step: advance, reset,
    onPlay: () => (lastAt = performance.now()),
  });
  const diagram = createNetworkDiagram(/** @type {HTMLCanvasElement} */ (r.diagram));
  r.diagram.addEventListener('click', (e) => {
    const box = r.diagram.getBoundingClientRect();
    const t = diagram.hit(e.clientX - box.left, e.clientY - box.top);
    if (!t || t.l < 2) return;
    focus.j = t.j;
    if (t.k !== undefined) focus.k = t.k;
    render();
  });

  function reset() {
    index = -1;
    lastAt = performance.now();
    run.say('The input a¹ = x and the target y are set. Step › (or →) runs the forward pass, then BP1 … BP4.');
    render();
    return true;
  }

  function advance() {
    if (!walk) return;
    if (index < walk.steps.length - 1) index += 1;
    const step = walk.steps[index];
    if (step.kind === 'update') {
      run.finish(`Updated with η = ${walk.eta}: the cost on this example went from ${walk.cost.toFixed(5)} to ${walk.costAfter.toFixed(5)}. ↺ Reset to start again.`);
    } else {
      run.say(`${TITLES[step.kind](step.l)} — step ${index + 1} of ${walk.steps.length}.`);
    }
    render();
  }

  /** @param {number} _budget @param {number} msPerStep */
  function frame(_budget, msPerStep) {
    const now = performance.now();
    if (now - lastAt < msPerStep) return;
    lastAt = now;
    advance();
  }

  function render() {
    if (!walk) return;
    const w = walk;
    const L = w.sizes.length;
    const step = index >= 0 ? w.steps[index] : null;
    const l = step ? step.l : 1;
    if (step && step.l >= 2) {
      focus.j = Math.min(focus.j, w.sizes[l - 1]);
      focus.k = Math.min(focus.k, w.sizes[l - 2]);
    }
    root.dataset.step = String(index);
    r.steps.dataset.step = String(index);
    r.steps.dataset.kind = step ? step.kind : 'input';
    r.steps.dataset.l = String(l);
    r.steps.dataset.values = JSON.stringify(step ? step.values : w.x);
    r.stepTitle.textContent = step ? TITLES[step.kind](l) : 'The example: input x and target y';
    r.equation.innerHTML = tex(stepTeX(w, step, focus, kinds), true);
    r.check.innerHTML = step && (step.kind === 'bp3' || step.kind === 'bp4') ? checkTableHTML(w, step) : '';
    const lines = codeLines(step, L);
    highlightLines(r.code, lines, step ? `# ${step.kind === 'update' ? 'η' : `l = ${l}`}` : '# a¹ = x');

    // Forward: activations appear layer by layer; backward: the nodes show δ (scaled into [0, 1]).
    const forwardDone = step ? (step.kind === 'forward' ? l : L) : 1;
    const backward = step && step.kind !== 'forward' && step.kind !== 'update';
    const values = w.a.map((a, li) => {
      if (li + 1 > forwardDone) return null;
      if (!backward || li === 0) return a;
      const lay = li + 1;
      const reached = lay >= l; // δ known for layers from l up
      if (!reached) return a;
      const d = w.delta[li - 1];
      const big = Math.max(1e-9, ...d.map(Math.abs));
      return d.map((v) => 0.5 + 0.5 * v / big);
    });
    /** @type {{l: number, j: number, k?: number}|null} */
    let highlight = null;
    if (step && step.kind === 'bp4') highlight = { l, j: focus.j, k: focus.k };
    else if (step && step.l >= 2) highlight = { l, j: focus.j };
    diagram.update({
      sizes: w.sizes,
      weights: index >= 0 && step.kind === 'update' ? w.wAfter : w.w,
      values,
      highlight,
      activeLayer: step && step.l >= 2 ? l : 0,
      layerLabel: (ll) => (ll === 1 ? '1 · input' : ll === L ? `${ll} · output` : `${ll}`),
    });
    r.diagramNote.textContent = backward
      ? `Shading now shows δ (white: most negative, navy: most positive) for the layers backprop has reached; the ring marks layer ${l}.`
      : 'Shading: the activation a. Click a neuron or a connection to follow it in the equations.';

    // The chain rule behind BP2, for the layer below the output.
    if (L >= 3) {
      const lb = L - 1;
      const j = Math.min(step && step.l === lb ? focus.j : 1, w.sizes[lb - 1]);
      r.chain.innerHTML = tex(chainTeX(w, lb, j, kinds.hidden), true);
      r.chain.dataset.l = String(lb);
      r.chainNote.textContent = `Neuron ${j} of layer ${lb}: each term is one path from z${sup(lb)}${sub(j)} to the cost through layer ${lb + 1}. ` +
        'Click a neuron of that layer in the diagram (during its BP2 step) to derive another.';
    } else {
      r.chain.innerHTML = '';
      r.chainNote.textContent = 'With only two layers there is no hidden layer, so no BP2: add one in the sizes to derive it.';
    }
  }

  return {
    run,
    /** A new walk-through (new settings): back to the start. */
    load(next, nextKinds) {
      walk = next;
      kinds = nextKinds;
      r.steps.dataset.walk = JSON.stringify({ sizes: next.sizes, w: next.w, b: next.b, x: next.x, y: next.y });
      run.reset();
    },
    destroy() {
      run.destroy();
      diagram.destroy();
    },
  };
}

export function sup(n) {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

function sub(n) {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
