// @ts-check
/**
 * The search space as a picture: one dot per run at (η, λ) on log axes, filled by its validation accuracy
 * (pale = low, dark = high, on a scale from the worst to the best finished run), hollow while it trains or when
 * it never finished; the best run ringed. A colour bar says which colour is which accuracy.
 */
import { colors, font, fitCanvas, onResize, powerLabel, scaledMargin, drawAxisTitles, textScale } from '../views/canvas.js';

const BASE_MARGIN = { left: 58, right: 16, top: 34, bottom: 42 };

/** @typedef {{eta: number, lambda: number, accuracy: number, finished: boolean, best: boolean}} Dot */

/** A sequential scale from pale yellow to deep blue (readable for colour-blind students: lightness carries it). */
export function accuracyColor(t) {
  const stops = [[255, 237, 160], [120, 198, 121], [35, 132, 67], [8, 48, 107]];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i].map((a, k) => Math.round(a + f * (stops[i + 1][k] - a)));
  return `rgb(${c.join(',')})`;
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{etaRange: () => [number, number], lambdaRange: () => [number, number]}} o  the search box (axes' extent)
 */
export function createScatter(canvas, o) {
  /** @type {Dot[]} */
  let dots = [];
  const stop = onResize(canvas, render);

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    const m = scaledMargin(BASE_MARGIN);
    const px = m.left, py = m.top, pw = Math.max(10, width - m.left - m.right), ph = Math.max(10, height - m.top - m.bottom);
    ctx.clearRect(0, 0, width, height);
    const [e0, e1] = widen(o.etaRange(), dots.map((d) => d.eta));
    const [l0, l1] = widen(o.lambdaRange(), dots.map((d) => d.lambda));
    const x = (eta) => px + ((Math.log10(eta) - e0) / (e1 - e0)) * pw;
    const y = (lambda) => py + ph - ((Math.log10(lambda) - l0) / (l1 - l0)) * ph;

    ctx.strokeStyle = colors.grid;
    ctx.fillStyle = colors.muted;
    ctx.font = font(12);
    ctx.lineWidth = 1;
    for (let k = Math.ceil(e0); k <= Math.floor(e1); k++) {
      const gx = x(10 ** k);
      ctx.beginPath();
      ctx.moveTo(gx, py);
      ctx.lineTo(gx, py + ph);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(powerLabel(k), gx, py + ph + 4);
    }
    for (let k = Math.ceil(l0); k <= Math.floor(l1); k++) {
      const gy = y(10 ** k);
      ctx.beginPath();
      ctx.moveTo(px, gy);
      ctx.lineTo(px + pw, gy);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(powerLabel(k), px - 6, gy);
    }
    ctx.strokeStyle = colors.axis;
    ctx.strokeRect(px, py, pw, ph);
    drawAxisTitles(ctx, { xLabel: 'learning rate η (log scale)', yLabel: 'λ (log scale)' }, { px, py, pw, ph, height });

    const done = dots.filter((d) => d.finished && Number.isFinite(d.accuracy));
    const lo = Math.min(...done.map((d) => d.accuracy));
    const hi = Math.max(...done.map((d) => d.accuracy));
    const r = 6 * textScale();
    for (const d of dots) {
      ctx.beginPath();
      ctx.arc(x(d.eta), y(d.lambda), r, 0, 2 * Math.PI);
      if (d.finished && Number.isFinite(d.accuracy)) {
        ctx.fillStyle = accuracyColor(hi > lo ? (d.accuracy - lo) / (hi - lo) : 1);
        ctx.fill();
        ctx.strokeStyle = colors.ink;
      } else {
        ctx.strokeStyle = colors.muted;
      }
      ctx.lineWidth = 1.5;
      ctx.stroke();
      if (d.best) {
        ctx.beginPath();
        ctx.arc(x(d.eta), y(d.lambda), r + 4, 0, 2 * Math.PI);
        ctx.strokeStyle = colors.wrong;
        ctx.lineWidth = 2.5;
        ctx.stroke();
      }
    }
    if (done.length) colorBar(ctx, px + pw, py, lo, hi);
  }

  /** The colour bar over the plot's top right: worst … best validation accuracy. */
  function colorBar(ctx, right, top, lo, hi) {
    const k = textScale();
    const w = Math.max(40, Math.min(160 * k, right - 180 * k));
    const h = 10 * k;
    const x0 = right - w - 56 * k;
    const y0 = top - h - 10 * k;
    for (let i = 0; i < w; i++) {
      ctx.fillStyle = accuracyColor(i / w);
      ctx.fillRect(x0 + i, y0, 1.5, h);
    }
    ctx.fillStyle = colors.ink;
    ctx.font = font(12);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    ctx.fillText(`${(100 * lo).toFixed(1)} %`, x0 - 4, y0 + h / 2);
    ctx.textAlign = 'left';
    ctx.fillText(`${(100 * hi).toFixed(1)} %`, x0 + w + 4, y0 + h / 2);
  }

  /** The log₁₀ extent covering the box and every dot, with a margin. */
  function widen([lo, hi], values) {
    const all = [lo, hi, ...values].filter((v) => v > 0).map(Math.log10);
    const a = Math.min(...all), b = Math.max(...all);
    const pad = Math.max(0.15, (b - a) * 0.06);
    return [a - pad, b + pad];
  }

  return {
    /** @param {Dot[]} next */
    set(next) {
      dots = next;
      const best = next.find((d) => d.best);
      canvas.setAttribute('aria-label', `Runs over η and λ, coloured by validation accuracy: ${next.length} runs` +
        (best ? `; best at η = ${best.eta}, λ = ${best.lambda}, ${(100 * best.accuracy).toFixed(1)} %.` : '.'));
      render();
    },
    destroy: stop,
  };
}
