// @ts-check
/**
 * A plot of functions over a fixed x range — σ(z) beside step(z), σ(c·z) — with marked points,
 * straight segments (a tangent, a nudge from z to z + Δz) and dashed vertical guides. It draws plain
 * sampled curves and knows nothing of neurons. A curve breaks where it jumps (the step function).
 */
import { colors, font, fitCanvas, onResize, ticks, tickLabel, scaledMargin, drawAxisTitles } from './canvas.js';

const BASE_MARGIN = { left: 46, right: 12, top: 14, bottom: 38 };

/**
 * @typedef {{xs: ArrayLike<number>, ys: ArrayLike<number>, label?: string, color?: string, width?: number,
 *            dash?: number[], breakJumps?: boolean}} Curve
 * @typedef {{x: number, y: number, color?: string, label?: string, hollow?: boolean}} Mark
 * @typedef {{x0: number, y0: number, x1: number, y1: number, color?: string, dash?: number[], width?: number}} Segment
 * @typedef {{curves?: Curve[], marks?: Mark[], segments?: Segment[], guides?: {x: number, color?: string}[]}} PlotData
 */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{xLabel: string, yLabel: string, xMin: number, xMax: number, yMin: number, yMax: number, legend?: boolean}} options
 */
export function createFunctionPlot(canvas, options) {
  /** @type {PlotData} */
  let data = {};
  let scheduled = 0;
  const stop = onResize(canvas, render);

  /** @param {PlotData} next */
  function update(next) {
    data = next;
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  /** @param {{xMin?: number, xMax?: number, yMin?: number, yMax?: number}} range */
  function setRange(range) {
    Object.assign(options, range);
  }

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    const curves = data.curves || [];
    const legend = options.legend !== false && curves.some((c) => c.label);
    const MARGIN = scaledMargin(BASE_MARGIN);
    const top = legend ? MARGIN.top + 18 : MARGIN.top;
    const px = MARGIN.left;
    const pw = Math.max(10, width - MARGIN.left - MARGIN.right);
    const ph = Math.max(10, height - top - MARGIN.bottom);
    const { xMin, xMax, yMin, yMax } = options;
    const sx = (x) => px + ((x - xMin) / (xMax - xMin)) * pw;
    const sy = (y) => top + ((yMax - y) / (yMax - yMin)) * ph;

    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = colors.paper;
    ctx.fillRect(px, top, pw, ph);

    // Grid and ticks.
    ctx.font = font(12);
    ctx.fillStyle = colors.muted;
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const xt = ticks(xMin, xMax, Math.max(2, Math.floor(pw / 70)));
    const xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of xt) {
      const X = Math.round(sx(x)) + 0.5;
      ctx.moveTo(X, top);
      ctx.lineTo(X, top + ph);
      ctx.fillText(tickLabel(x, xStep), X, top + ph + 4);
    }
    const yt = ticks(yMin, yMax, Math.max(2, Math.floor(ph / 36)));
    const yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of yt) {
      const Y = Math.round(sy(y)) + 0.5;
      ctx.moveTo(px, Y);
      ctx.lineTo(px + pw, Y);
      ctx.fillText(tickLabel(y, yStep), px - 6, Y);
    }
    ctx.stroke();
    // The axes through 0, a little darker.
    ctx.strokeStyle = colors.axis;
    ctx.beginPath();
    if (xMin < 0 && xMax > 0) {
      ctx.moveTo(Math.round(sx(0)) + 0.5, top);
      ctx.lineTo(Math.round(sx(0)) + 0.5, top + ph);
    }
    if (yMin < 0 && yMax > 0) {
      ctx.moveTo(px, Math.round(sy(0)) + 0.5);
      ctx.lineTo(px + pw, Math.round(sy(0)) + 0.5);
    }
    ctx.stroke();
    ctx.strokeRect(px + 0.5, top + 0.5, pw - 1, ph - 1);

    drawAxisTitles(ctx, options, { px, py: top, pw, ph, height });

    ctx.save();
    ctx.beginPath();
    ctx.rect(px, top, pw, ph);
    ctx.clip();
    for (const g of data.guides || []) {
      ctx.strokeStyle = g.color || colors.axis;
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(sx(g.x), top);
      ctx.lineTo(sx(g.x), top + ph);
      ctx.stroke();
    }
    ctx.lineJoin = 'round';
    const jump = 0.3 * (yMax - yMin);
    curves.forEach((c, i) => {
      ctx.strokeStyle = c.color || colors.series[i % colors.series.length];
      ctx.lineWidth = c.width ?? 2.5;
      ctx.setLineDash(c.dash || []);
      ctx.beginPath();
      let open = false;
      for (let n = 0; n < c.xs.length; n++) {
        const y = c.ys[n];
        if (!Number.isFinite(y)) {
          open = false;
          continue;
        }
        const X = sx(c.xs[n]);
        const Y = sy(y);
        if (open && !(c.breakJumps && Math.abs(y - c.ys[n - 1]) > jump)) ctx.lineTo(X, Y);
        else ctx.moveTo(X, Y);
        open = true;
      }
      ctx.stroke();
    });
    ctx.setLineDash([]);
    for (const s of data.segments || []) {
      ctx.strokeStyle = s.color || colors.ink;
      ctx.lineWidth = s.width ?? 1.5;
      ctx.setLineDash(s.dash || []);
      ctx.beginPath();
      ctx.moveTo(sx(s.x0), sy(s.y0));
      ctx.lineTo(sx(s.x1), sy(s.y1));
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.restore();

    // Marks last, on top, with their labels kept inside the plot.
    ctx.font = font(12, '600');
    for (const m of data.marks || []) {
      if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
      const X = Math.min(px + pw, Math.max(px, sx(m.x)));
      const Y = Math.min(top + ph, Math.max(top, sy(m.y)));
      ctx.beginPath();
      ctx.arc(X, Y, 5.5, 0, 2 * Math.PI);
      ctx.fillStyle = m.hollow ? colors.paper : m.color || colors.ink;
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = m.color || colors.ink;
      ctx.stroke();
      if (m.label) {
        const w = ctx.measureText(m.label).width;
        const right = X + 9 + w < px + pw;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.textBaseline = Y - top < 16 ? 'top' : 'bottom';
        ctx.fillStyle = m.color || colors.ink;
        ctx.fillText(m.label, right ? X + 9 : X - 9, Y - top < 16 ? Y + 6 : Y - 6);
      }
    }

    if (legend) {
      ctx.font = font(12);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      const items = curves.filter((c) => c.label);
      const widths = items.map((c) => ctx.measureText(c.label).width + 30);
      let x = Math.max(px, px + pw - widths.reduce((a, w) => a + w, 0) + 12);
      const y = top - 11;
      items.forEach((c, i) => {
        ctx.fillStyle = c.color || colors.series[curves.indexOf(c) % colors.series.length];
        ctx.fillRect(x, y - 2, 14, 4);
        ctx.fillStyle = colors.ink;
        ctx.fillText(c.label, x + 18, y);
        x += widths[i];
      });
    }
  }

  return {
    update,
    setRange,
    draw: render,
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
    },
  };
}
