// @ts-check
/**
 * Dropout, live: the dropout run's hidden layer and output layer as a network diagram with the neurons dropped
 * for the first image of the mini-batch just trained greyed out (the core's mask: ã = a ⊙ mask, mask_j = 0 with
 * probability p, else 1/(1 − p)), and the whole mini-batch's masks as a grid (one row per image). Both change
 * with every mini-batch.
 */
import { int } from '../dom.js';
import { colors, fitCanvas, onResize } from '../views/canvas.js';
import { createNetworkDiagram } from '../views/networkDiagram.js';

const DROPPED = '#495057';
const KEPT = '#e7f0fa';
const HIDDEN = 2; // the lecture's layer l of the masked activations a^l
/** The diagram's shade (0 white … 1 navy) of a neuron that is kept, dark against the dropped ones' grey. */
const KEPT_SHADE = 0.85;

/** @param {HTMLElement} container */
export function createDropoutView(container) {
  container.innerHTML = `
    <p class="reg-dropout-state" data-ref="state" data-testid="reg-dropout" aria-live="off"></p>
    <div class="reg-dropout-views" data-ref="views">
      <figure class="reg-dropout-net"><canvas data-ref="net" data-testid="reg-dropout-diagram" role="img"
        aria-label="Hidden and output neurons of the dropout run; the neurons dropped for this image are grey"></canvas>
        <figcaption>Hidden layer (l = 2) and output layer: grey neurons are dropped for the first image of this mini-batch, their connections gone.</figcaption></figure>
      <figure class="reg-dropout-batch"><canvas data-ref="batch" data-testid="reg-dropout-batch" role="img"
        aria-label="Dropout masks of the mini-batch: one row per image, one column per hidden neuron"></canvas>
        <figcaption>The whole mini-batch: one row per image, one column per hidden neuron; dark = dropped. Every image gets its own mask; the outlined top row is the image on the diagram.</figcaption></figure>
    </div>`;
  /** @type {Record<string, HTMLElement>} */
  const r = {};
  for (const el of container.querySelectorAll('[data-ref]')) r[/** @type {HTMLElement} */ (el).dataset.ref || ''] = /** @type {HTMLElement} */ (el);
  const diagram = createNetworkDiagram(/** @type {HTMLCanvasElement} */ (r.net));
  const batchCanvas = /** @type {HTMLCanvasElement} */ (r.batch);
  const stop = onResize(batchCanvas, drawBatch);
  /** @type {any} */
  let trainer = null;
  let p = 0;
  /** @type {Float32Array|number[]} */
  let mask = [];
  let rows = 0;
  let batches = 0;
  let scheduled = 0;

  /**
   * The dropout run to follow (null: none is ticked).
   * @param {any} next @param {number} dropP
   */
  function follow(next, dropP) {
    trainer = next;
    p = dropP;
    mask = [];
    rows = 0;
    batches = 0;
    render();
  }

  /** A mini-batch (or several) trained: read the newest mask, draw at the next frame. */
  function trained(batchesRun) {
    if (!trainer || !batchesRun) return;
    batches += batchesRun;
    mask = trainer.dropoutMask(HIDDEN);
    rows = trainer.lastBatchSize;
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  function render() {
    r.views.hidden = !trainer;
    if (!trainer) {
      r.state.textContent = 'Tick the dropout run above to watch its masks.';
      delete r.state.dataset.dropped;
      diagram.update({ sizes: [], weights: [] });
      drawBatch();
      return;
    }
    const sizes = trainer.config.sizes;
    const n = sizes[1];
    const first = Array.from({ length: n }, (_, j) => (rows && mask[j] === 0 ? 1 : 0));
    const dropped = first.reduce((a, b) => a + b, 0);
    let batchDropped = 0;
    for (let i = 0; i < rows * n; i++) if (mask[i] === 0) batchDropped += 1;
    Object.assign(r.state.dataset, {
      dropped: String(dropped), units: String(n), batchDropped: String(batchDropped), batchSize: String(rows),
      batches: String(batches), p: String(p),
    });
    r.state.textContent = rows
      ? `Mini-batch ${int(batches)}: ${dropped} of ${n} hidden neurons dropped for its first image (p · n = ${(p * n).toFixed(1)} expected); ` +
        `${batchDropped} of ${rows * n} over its ${rows} images.`
      : `Dropout with p = ${p} on the ${n} hidden neurons: press Step to train one mini-batch.`;
    diagram.update({
      sizes: sizes.slice(1),
      weights: [trainer.weights(3)],
      values: [first.map(() => KEPT_SHADE), Array.from({ length: sizes[2] }, () => KEPT_SHADE)],
      dropped: [first, null],
      layerLabel: (l) => `l = ${l + 1}`,
    });
    drawBatch();
  }

  function drawBatch() {
    const { ctx, width, height } = fitCanvas(batchCanvas);
    ctx.clearRect(0, 0, width, height);
    const n = trainer ? trainer.config.sizes[1] : 0;
    if (!rows || !n) return;
    const cw = width / n;
    const ch = height / rows;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < n; j++) {
        ctx.fillStyle = mask[i * n + j] === 0 ? DROPPED : KEPT;
        ctx.fillRect(j * cw + 0.5, i * ch + 0.5, Math.max(1, cw - 1), Math.max(1, ch - 1));
      }
    }
    ctx.strokeStyle = colors.wrong;
    ctx.lineWidth = 2;
    ctx.strokeRect(1, 1, width - 2, ch - 1);
  }

  return {
    follow,
    trained,
    destroy() {
      stop();
      diagram.destroy();
      cancelAnimationFrame(scheduled);
    },
  };
}
