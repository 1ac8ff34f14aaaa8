// @ts-check
/**
 * The loss chapter's first panel: the target vector y(x) of a real MNIST "8", and the quadratic cost
 * C = 1/2n Σₓ ‖y(x) − a‖² over a few images, computed by the core's Trainer (Nielsen's [784, 30, 10]
 * network, seeded) — per image from `metrics(split, i, 1)` and over all n from `metrics(split, k, n)`.
 * "Train" runs mini-batches of SGD so the student sees the cost fall. The 1,000-digit sample loads by
 * default; `data=full` in the link (or the button) uses the full set.
 */
import { Trainer } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { int, num, short } from '../dom.js';
import { tex, texVector, texNumber } from '../kit/tex.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
export const TARGET_PARAMS = [
  { name: 'images', type: 'int', min: 1, max: 8, default: 4, label: 'images n', tex: 'n' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'network seed', always: true },
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{root: HTMLElement, source: 'sample'|'full', values: () => Record<string, any>, fullLink: () => string}} o
 */
export function createTargetPanel(r, { root, source, values, fullLink }) {
  /** @type {any} */
  let mnist = null;
  /** @type {any} */
  let trainer = null;
  let first8 = 0;
  let trained = 0;
  let stop = () => {};
  /** @type {any} */
  let load = null;
  root.dataset.data = 'loading';
  r.trainButton.addEventListener('click', () => train(100));
  try {
    load = mnistLoad(source);
    stop = load.subscribe(onLoad);
  } catch (err) {
    fail(err);
  }

  function onLoad(l) {
    if (l.state === 'loading') {
      r.dataStatus.textContent = `Loading ${l.label}… ${(l.received / 1e6).toFixed(1)} MB`;
    } else if (l.state === 'error') {
      fail(l.error);
    } else if (l.state === 'ready' && !mnist) {
      mnist = l.mnist;
      root.dataset.data = 'ready';
      const other = source === 'sample'
        ? ` <a href="${fullLink()}" data-testid="use-full">Use the full set (60,000 digits, 11 MB)</a>`
        : '';
      r.dataStatus.innerHTML = `Images from the <strong data-testid="data-source">${source === 'sample' ? 'MNIST sample (1,000 test digits)' : 'full MNIST training set'}</strong>.${other}`;
      rebuild();
    }
  }

  /** @param {unknown} err */
  function fail(err) {
    root.dataset.data = 'error';
    r.dataStatus.textContent = `The digits could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
  }

  /** A fresh network from the seed; the images start at the first "8". */
  function rebuild() {
    if (!mnist) return;
    const v = values();
    trainer?.free();
    const full = source === 'full';
    trainer = new Trainer({ seed: v.seed, nTrain: full ? 50000 : mnist.trainCount, nValidation: full ? 10000 : 0, epochs: 1000 }, mnist);
    trained = 0;
    first8 = 0;
    while (first8 < 200 && trainer.label('train', first8) !== 8) first8 += 1;
    render();
  }

  /** @param {number} batches */
  function train(batches) {
    if (!trainer) return;
    trainer.step(batches);
    trained += batches;
    render();
  }

  function render() {
    if (!trainer) return;
    const n = values().images;
    const cells = [];
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = first8 + k;
      const label = trainer.label('train', i);
      const a = trainer.outputs('train', i);
      const y = Array.from({ length: 10 }, (_, j) => (j === label ? 1 : 0));
      const cost = trainer.metrics('train', i, 1).loss;
      sum += cost;
      cells.push(`<figure class="target-cell" data-testid="target-cell" data-label="${label}" data-cost="${cost}">
        <canvas width="28" height="28" data-image="${i}" role="img" aria-label="a handwritten ${label}"></canvas>
        <figcaption>${tex(`x_{${k + 1}}`)}: a “${label}”</figcaption>
        <div class="target-vectors">${tex(`y(x) = ${texVector(y, { digits: 0, highlight: (row) => row === label })}`)}
          ${tex(`a = ${texVector(a, { digits: 2 })}`)}</div>
        <p class="target-cost">${tex(`\\tfrac12\\lVert y(x) - a\\rVert^2 = ${texNumber(cost, 4)}`)}</p>
      </figure>`);
    }
    r.targets.innerHTML = cells.join('');
    for (const canvas of r.targets.querySelectorAll('canvas')) {
      drawDigit(/** @type {HTMLCanvasElement} */ (canvas), trainer.image('train', Number(/** @type {HTMLElement} */ (canvas).dataset.image)));
    }
    const total = trainer.metrics('train', first8, n).loss;
    r.costAll.innerHTML = tex(`\\begin{aligned} C(w, b) &= \\frac{1}{2n} \\sum_x \\lVert y(x) - a \\rVert^2 \\\\
      &= \\tfrac{1}{${n}} \\cdot ${texNumber(sum, 4)} = ${texNumber(total, 4)} \\end{aligned}`, true);
    r.costAll.dataset.value = String(total);
    r.costAll.dataset.sum = String(sum);
    r.trained.textContent = trained
      ? `after ${int(trained)} mini-batches of 10 (${int(10 * trained)} images) of SGD — the cost falls as the network learns`
      : `untrained: weights and biases N(0, 1) from seed ${values().seed}`;
    r.trainButton.textContent = `Train 100 mini-batches${trained ? ' more' : ''}`;
    r.targetNote.textContent = `C = ${short(total)} over these ${n} image${n > 1 ? 's' : ''} (network output a from the core; ` +
      `the largest ${num(Math.max(...trainer.outputs('train', first8)), 2)} for the first).`;
  }

  return {
    render,
    rebuild,
    destroy() {
      stop();
      trainer?.free();
      trainer = null;
    },
  };
}

/** @param {HTMLCanvasElement} canvas @param {Uint8Array} pixels */
function drawDigit(canvas, pixels) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = 255 - pixels[p];
    image.data.set([v, v, v, 255], 4 * p);
  }
  ctx.putImageData(image, 0, 0);
}

export function targetHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      <p class="hint" data-ref="dataStatus" data-testid="data-status">Loading the digits…</p>
      <form class="settings" data-ref="targetSettings" novalidate></form>
      <p class="buttons"><button type="button" data-ref="trainButton" data-testid="train-more">Train 100 mini-batches</button></p>
      <p class="hint" data-ref="trained" data-testid="trained"></p>
      <div class="formula" data-ref="costAll" data-testid="cost-all"></div>
      <p class="note" data-ref="targetNote"></p>
    </div>
    <div class="bench-view"><div class="targets" data-ref="targets" data-testid="targets"></div></div>
  </div>`;
}
