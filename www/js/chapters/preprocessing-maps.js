// @ts-check
/**
 * 28 × 28 maps of per-pixel numbers for the preprocessing chapter: a digit's pixels at each stage of the
 * pipeline, the training set's mean image μᵢ and its σᵢ image. Non-negative maps are drawn as ink on paper (0 white,
 * the largest value black); maps with both signs on a diverging scale (blue below 0, white at 0, orange above),
 * symmetric about 0 so equal colours mean equal |x|.
 */
import { num } from '../dom.js';

const SIDE = 28;
const NEG = [31, 111, 178];
const POS = [224, 123, 0];

/**
 * @param {HTMLCanvasElement} canvas
 * @param {ArrayLike<number>} values  784 numbers, row-major
 * @returns {{lo: number, hi: number, diverging: boolean}} the range the colours span
 */
export function drawMap(canvas, values) {
  let lo = Infinity, hi = -Infinity;
  for (let p = 0; p < values.length; p++) {
    lo = Math.min(lo, values[p]);
    hi = Math.max(hi, values[p]);
  }
  const diverging = lo < -1e-6;
  const reach = diverging ? Math.max(-lo, hi) || 1 : hi || 1;
  canvas.width = SIDE;
  canvas.height = SIDE;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(SIDE, SIDE);
  for (let p = 0; p < SIDE * SIDE; p++) {
    const t = Math.max(-1, Math.min(1, values[p] / reach));
    const rgb = diverging
      ? (t < 0 ? NEG : POS).map((c) => Math.round(255 + (c - 255) * Math.abs(t)))
      : [0, 0, 0].map(() => Math.round(255 * (1 - t)));
    image.data.set([...rgb, 255], 4 * p);
  }
  ctx.putImageData(image, 0, 0);
  return { lo, hi, diverging };
}

/**
 * A figure with one map and its range under it.
 * @param {string} testid @param {string} caption  HTML (already escaped) @param {string} label  for screen readers
 */
export function mapHTML(testid, caption, label) {
  return `<figure class="pp-map"><canvas data-testid="${testid}" role="img" aria-label="${label}"></canvas>
    <figcaption>${caption}<span class="pp-range" data-range></span></figcaption></figure>`;
}

/**
 * Draw `values` into the map figure holding canvas `canvas`, and write its range under it.
 * @param {HTMLCanvasElement} canvas @param {ArrayLike<number>} values @param {number} [digits]
 */
export function fillMap(canvas, values, digits = 2) {
  const { lo, hi } = drawMap(canvas, values);
  const range = /** @type {HTMLElement} */ (canvas.closest('figure')?.querySelector('[data-range]'));
  range.textContent = `${num(lo, digits)} … ${num(hi, digits)}`;
  canvas.dataset.min = String(lo);
  canvas.dataset.max = String(hi);
}
