// @ts-check
/**
 * The first layer's weights w²ⱼₖ as pictures: row j of w² (784 numbers, one per input pixel k) drawn as a
 * 28 × 28 image — what hidden neuron j looks for. Colour: orange where w > 0 (ink there excites the neuron),
 * blue where w < 0, white at 0, each neuron scaled by its own largest |w|.
 */
import { int } from '../dom.js';

const MAX_NEURONS = 48;
const POSITIVE = [224, 123, 0];  // colors.class1
const NEGATIVE = [31, 111, 178]; // colors.class0

/** @param {HTMLElement} container */
export function createWeightsView(container) {
  container.innerHTML = `<p class="note" data-ref="note" data-testid="weights-note"></p>
    <div class="weight-grid" data-ref="grid" data-testid="weights"></div>`;
  const note = /** @type {HTMLElement} */ (container.querySelector('[data-ref="note"]'));
  const grid = /** @type {HTMLElement} */ (container.querySelector('[data-ref="grid"]'));
  /** @type {HTMLCanvasElement[]} */
  let canvases = [];

  /** @param {any} trainer the wasm Trainer */
  function show(trainer) {
    let w;
    try {
      w = trainer.weights(2);
    } catch {
      return;
    }
    const inputs = trainer.config.sizes[0];
    const rows = Math.floor(w.length / inputs);
    if (inputs !== 784 || rows === 0) {
      note.textContent = 'The first layer’s inputs are not 28 × 28 pixels: no pictures.';
      grid.replaceChildren();
      canvases = [];
      return;
    }
    const shown = Math.min(rows, MAX_NEURONS);
    note.textContent = `Row j of w² as a 28 × 28 picture, for ${shown === rows ? `all ${int(rows)}` : `the first ${shown} of ${int(rows)}`} ` +
      'first-layer neurons: orange = positive weight (ink there raises z), blue = negative, white = 0.';
    if (canvases.length !== shown) {
      canvases = Array.from({ length: shown }, (_, j) => {
        const canvas = document.createElement('canvas');
        canvas.width = 28;
        canvas.height = 28;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `weights into neuron ${j}`);
        return canvas;
      });
      grid.replaceChildren(...canvases);
    }
    canvases.forEach((canvas, j) => paint(canvas, w.subarray(j * inputs, (j + 1) * inputs)));
  }

  return { show };
}

/** @param {HTMLCanvasElement} canvas @param {Float32Array} row */
function paint(canvas, row) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(28, 28);
  let top = 0;
  for (const v of row) if (Math.abs(v) > top) top = Math.abs(v);
  const scale = top > 0 && Number.isFinite(top) ? 1 / top : 0;
  for (let k = 0; k < 784; k++) {
    const t = Math.min(1, Math.abs(row[k]) * scale);
    const c = row[k] >= 0 ? POSITIVE : NEGATIVE;
    image.data.set([255 + (c[0] - 255) * t, 255 + (c[1] - 255) * t, 255 + (c[2] - 255) * t, 255], 4 * k);
  }
  ctx.putImageData(image, 0, 0);
}
