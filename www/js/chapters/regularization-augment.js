// @ts-check
/**
 * The augmentation gallery: real training digits under each transformation on its own, at the strength its slider
 * gives, and under every transformation the augmentation run applies, combined — each image from the core's
 * `augmentImage` with its own seed, as a fresh random transformation is drawn each time an image is used.
 */
import { augmentImage } from '../wasm.js';
import { esc } from '../dom.js';
import { TRANSFORMS, augmentationOf, applied } from './regularization-defs.js';

const COLUMNS = 6;

/** @param {HTMLElement} container */
export function createAugmentGallery(container) {
  /** @type {Uint8Array[]} */
  let digits = [];

  /** @param {Uint8Array[]} next  28×28 digits, 0–255 */
  function setDigits(next) {
    digits = next.slice(0, COLUMNS);
  }

  /**
   * Every row again for the gallery's values.
   * @param {Record<string, any>} v  AUG_PARAMS values
   */
  function draw(v) {
    if (!digits.length) {
      container.innerHTML = '<p class="note">The digits appear once the data has loaded.</p>';
      return;
    }
    const rows = [
      { id: 'original', label: 'original', what: 'the training images as stored', augmentation: augmentationOf(v, () => false) },
      ...TRANSFORMS.map((t) => ({
        id: t.id, label: `${t.label} ${v[t.id]}${t.unit}`, what: t.what, augmentation: augmentationOf(v, (id) => id === t.id),
      })),
      {
        id: 'run', label: 'the augmentation run', what: 'every ticked transformation at once, a fresh draw each time an image is used',
        augmentation: augmentationOf(v, (id) => applied(v, id)),
      },
    ];
    container.innerHTML = rows.map((row) => `
      <div class="reg-aug-row" data-testid="reg-aug-${esc(row.id)}">
        <p class="reg-aug-label"><strong>${esc(row.label)}</strong><br><small>${esc(row.what)}</small></p>
        <div class="reg-aug-cells">${digits.map((_, c) => `<canvas width="28" height="28" role="img" aria-label="${esc(row.label)}, digit ${c + 1}"></canvas>`).join('')}</div>
      </div>`).join('');
    rows.forEach((row, i) => {
      const element = /** @type {HTMLElement} */ (container.children[i]);
      const canvases = element.querySelectorAll('canvas');
      digits.forEach((pixels, c) => {
        const x = augmentImage(pixels, row.augmentation, c + 1);
        paint(/** @type {HTMLCanvasElement} */ (canvases[c]), x);
        // Σ of the first digit's pixels: a fingerprint for tests.
        if (c === 0) element.dataset.sum = String(x.reduce((a, b) => a + b, 0));
      });
    });
  }

  return { setDigits, draw };
}

/** Dark ink on white paper, as the digits appear elsewhere. @param {HTMLCanvasElement} canvas @param {ArrayLike<number>} x */
function paint(canvas, x) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = Math.round(255 * (1 - x[p]));
    image.data[4 * p] = v;
    image.data[4 * p + 1] = v;
    image.data[4 * p + 2] = v;
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
