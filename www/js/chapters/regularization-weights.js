// @ts-check
/**
 * One histogram of the weights w (every layer, biases excluded: the penalties leave them alone) per run, on one
 * shared axis, with the numbers that tell the penalties apart: L2 shrinks every weight (w → (1 − ηλ/n) w), L1
 * pulls each by the same ηλ/n towards 0, so most end at 0 and a few large ones carry the net.
 * Bar heights are √(share of the weights), so the spike at 0 and the tails both stay visible.
 */
import { esc } from '../dom.js';
import { colors, font, fitCanvas, onResize } from '../views/canvas.js';

/** Weights beyond ±RANGE fall into the end bins (N(0, 1) initial weights: 99.7 % within ±3). */
const RANGE = 3;
const BINS = 61;
/** |w| below this counts as "at 0". */
const NEAR_ZERO = 0.01;

/** @typedef {{id: string, label: string, color: string}} Panel */
/** @typedef {{panel: Panel, canvas: HTMLCanvasElement, stats: HTMLElement, root: HTMLElement, bins: number[], stop: () => void}} Entry */

/** @param {HTMLElement} container */
export function createWeightHistograms(container) {
  /** @type {Entry[]} */
  let panels = [];

  /** @param {Panel[]} list */
  function reset(list) {
    for (const p of panels) p.stop();
    container.innerHTML = list.map((p) => `
      <figure class="reg-hist" data-testid="reg-weights-${esc(p.id)}">
        <canvas role="img" aria-label="Histogram of the weights of the run ${esc(p.label)}"></canvas>
        <figcaption><i class="swatch" style="background:${esc(p.color)}"></i>${esc(p.label)}<br><span class="reg-hist-stats"></span></figcaption>
      </figure>`).join('');
    panels = list.map((panel, i) => {
      const root = /** @type {HTMLElement} */ (container.children[i]);
      const canvas = /** @type {HTMLCanvasElement} */ (root.querySelector('canvas'));
      /** @type {Entry} */
      const entry = { panel, canvas, root, stats: /** @type {HTMLElement} */ (root.querySelector('.reg-hist-stats')), bins: [], stop: () => {} };
      entry.stop = onResize(canvas, () => draw(entry));
      return entry;
    });
  }

  /**
   * Run `index`'s weights now.
   * @param {number} index @param {ArrayLike<number>[]} layers
   */
  function update(index, layers) {
    const entry = panels[index];
    if (!entry) return;
    const bins = new Array(BINS).fill(0);
    let count = 0, zero = 0, abs = 0, sq = 0, most = 0;
    for (const w of layers) {
      for (let i = 0; i < w.length; i++) {
        const x = w[i];
        const a = Math.abs(x);
        count += 1;
        abs += a;
        sq += x * x;
        most = Math.max(most, a);
        if (a < NEAR_ZERO) zero += 1;
        const b = Math.round(((Math.max(-RANGE, Math.min(RANGE, x)) + RANGE) / (2 * RANGE)) * (BINS - 1));
        bins[b] += 1;
      }
    }
    entry.bins = bins.map((c) => c / Math.max(1, count));
    Object.assign(entry.root.dataset, {
      count: String(count), nearZero: String(zero / count), meanAbs: String(abs / count), rms: String(Math.sqrt(sq / count)), maxAbs: String(most),
    });
    entry.stats.textContent = `${(100 * zero / count).toFixed(1)} % at 0 (|w| < ${NEAR_ZERO}) · mean |w| ${(abs / count).toFixed(3)} · largest ${most.toFixed(2)}`;
    draw(entry);
  }

  /** @param {Entry} entry */
  function draw(entry) {
    const { ctx, width, height } = fitCanvas(entry.canvas);
    ctx.clearRect(0, 0, width, height);
    const axis = 16;
    const h = height - axis;
    ctx.fillStyle = colors.paper;
    ctx.fillRect(0, 0, width, h);
    const top = Math.sqrt(Math.max(1e-9, ...entry.bins));
    const bw = width / BINS;
    ctx.fillStyle = entry.panel.color;
    entry.bins.forEach((share, b) => {
      const bh = (Math.sqrt(share) / top) * (h - 4);
      ctx.fillRect(b * bw + 0.5, h - bh, Math.max(1, bw - 1), bh);
    });
    ctx.strokeStyle = colors.axis;
    ctx.beginPath();
    ctx.moveTo(0, h + 0.5);
    ctx.lineTo(width, h + 0.5);
    ctx.moveTo(width / 2 + 0.5, h);
    ctx.lineTo(width / 2 + 0.5, h + 4);
    ctx.stroke();
    ctx.fillStyle = colors.muted;
    ctx.font = font(11);
    ctx.textBaseline = 'top';
    for (const [x, label, align] of /** @type {[number, string, CanvasTextAlign][]} */ ([[0, `−${RANGE}`, 'left'], [width / 2, '0', 'center'], [width, `${RANGE}`, 'right']])) {
      ctx.textAlign = align;
      ctx.fillText(label, x, h + 3);
    }
  }

  return {
    reset,
    update,
    destroy() {
      for (const p of panels) p.stop();
    },
  };
}
