// @ts-check
/**
 * A small histogram for the initialization chapter: how the values z or a of one layer spread over a set of images
 * (every unit × every image), counted in equal bins over their range, with optional dashed markers (the sigmoid's
 * saturation bounds |z| = 6). Redraws itself when its canvas changes size.
 */
import { colors, font, fitCanvas, onResize, textScale } from '../views/canvas.js';
import { num } from '../dom.js';

const BINS = 40;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{values: ArrayLike<number>, color: string, markers?: number[], label: string}} o
 * @returns {() => void} stop redrawing on resize
 */
export function drawHistogram(canvas, o) {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < o.values.length; i++) {
    lo = Math.min(lo, o.values[i]);
    hi = Math.max(hi, o.values[i]);
  }
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const counts = new Array(BINS).fill(0);
  for (let i = 0; i < o.values.length; i++) counts[Math.min(BINS - 1, Math.floor(((o.values[i] - lo) / (hi - lo)) * BINS))] += 1;
  const top = Math.max(...counts);
  canvas.setAttribute('aria-label', `${o.label}: ${o.values.length} values from ${num(lo, 2)} to ${num(hi, 2)}`);

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    const k = textScale();
    const pad = { left: 6 * k, right: 6 * k, top: 4 * k, bottom: 18 * k };
    const pw = width - pad.left - pad.right, ph = height - pad.top - pad.bottom;
    const x = (v) => pad.left + ((v - lo) / (hi - lo)) * pw;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = o.color;
    const bw = pw / BINS;
    counts.forEach((c, i) => {
      const h = (c / top) * ph;
      ctx.fillRect(pad.left + i * bw, pad.top + ph - h, Math.max(1, bw - 1), h);
    });
    ctx.strokeStyle = colors.axis;
    ctx.beginPath();
    ctx.moveTo(pad.left, pad.top + ph + 0.5);
    ctx.lineTo(pad.left + pw, pad.top + ph + 0.5);
    ctx.stroke();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = colors.wrong;
    for (const m of o.markers || []) {
      if (m <= lo || m >= hi) continue;
      ctx.beginPath();
      ctx.moveTo(x(m), pad.top);
      ctx.lineTo(x(m), pad.top + ph);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = colors.muted;
    ctx.font = font(11);
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    ctx.fillText(num(lo, 1), pad.left, height);
    ctx.textAlign = 'right';
    ctx.fillText(num(hi, 1), pad.left + pw, height);
    if (lo < 0 && hi > 0) {
      ctx.textAlign = 'center';
      ctx.fillText('0', x(0), height);
    }
  }
  render();
  return onResize(canvas, render);
}
