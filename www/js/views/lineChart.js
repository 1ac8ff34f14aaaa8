/**
 * A line chart for curves that grow while training runs: loss per step, accuracy per epoch.
 * Linear or logarithmic y axis, a legend when there is more than one series, and redraw on resize.
 * Points are appended; long series are thinned (every other point dropped) to stay cheap to draw.
 */
import { addExport, fileName } from './exportChart.js';
import { colors, font, fitCanvas, onResize, ticks, tickLabel, powerLabel, scaledMargin, drawAxisTitles, textScale } from './canvas.js';

const BASE_MARGIN = { left: 56, right: 14, top: 14, bottom: 40 };
const MAX_POINTS = 3000;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{xLabel: string, yLabel: string, series: {label: string, color?: string}[], logY?: boolean,
 *          xMin?: number, xMax?: number, yMin?: number, yMax?: number, yFloor?: number, yCeil?: number,
 *          minSpan?: number, emptyY?: [number, number], markers?: boolean,
 *          yFormat?: (v: number, step: number) => string}} options
 */
export function createLineChart(canvas, options) {
  const series = options.series.map((s, i) => ({ ...s, color: s.color || colors.series[i], xs: [], ys: [] }));
  let scheduled = 0;
  const stop = onResize(canvas, render);
  const label = canvas.getAttribute('aria-label') || options.yLabel;
  addExport(canvas, { name: fileName(label), csv });

  /** The series as CSV, one row per point. */
  function csv() {
    const rows = [`series,${quoteCsv(options.xLabel)},${quoteCsv(options.yLabel)}`];
    series.forEach((s, i) => s.xs.forEach((x, j) => rows.push(`${quoteCsv(s.label || `series ${i + 1}`)},${x},${s.ys[j]}`)));
    return `${rows.join('\n')}\n`;
  }

  /** A text alternative for screen readers: what the chart shows and its latest numbers. */
  function describe() {
    const latest = series.filter((s) => s.xs.length).map((s) => {
      const n = s.xs.length - 1;
      return `${s.label || options.yLabel} ${formatNumber(s.ys[n])} at ${options.xLabel} ${formatNumber(s.xs[n])}`;
    });
    canvas.setAttribute('aria-label', latest.length ? `${label}. Latest: ${latest.join('; ')}.` : `${label}. No data yet.`);
  }

  function push(index, x, y) {
    const s = series[index];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (options.logY && !(y > 0)) return;
    s.xs.push(x);
    s.ys.push(y);
    if (s.xs.length > MAX_POINTS) {
      s.xs = s.xs.filter((_, i) => i % 2 === 0 || i === s.xs.length - 1);
      s.ys = s.ys.filter((_, i) => i % 2 === 0 || i === s.ys.length - 1);
    }
  }

  function clear() {
    for (const s of series) {
      s.xs = [];
      s.ys = [];
    }
  }

  /** Draw at the next animation frame (several pushes in one frame cost one redraw). */
  function update() {
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  function bounds() {
    let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
    for (const s of series) {
      for (let i = 0; i < s.xs.length; i++) {
        xMin = Math.min(xMin, s.xs[i]);
        xMax = Math.max(xMax, s.xs[i]);
        yMin = Math.min(yMin, s.ys[i]);
        yMax = Math.max(yMax, s.ys[i]);
      }
    }
    if (options.xMin !== undefined) xMin = options.xMin;
    if (options.xMax !== undefined) xMax = Math.max(options.xMax, xMax === -Infinity ? options.xMax : xMax);
    if (!Number.isFinite(xMin)) xMin = 0;
    if (!Number.isFinite(xMax) || xMax <= xMin) xMax = xMin + 1;
    if (options.markers) xMax += 0.03 * (xMax - xMin); // room for the newest marker
    if (options.logY) {
      if (!Number.isFinite(yMin)) [yMin, yMax] = [0.01, 1];
      let lo = Math.floor(Math.log10(yMin));
      let hi = Math.ceil(Math.log10(yMax));
      if (hi <= lo) hi = lo + 1;
      return { xMin, xMax, yMin: lo, yMax: hi };
    }
    if (!Number.isFinite(yMin)) {
      if (options.emptyY) return { xMin, xMax, yMin: options.emptyY[0], yMax: options.emptyY[1] };
      [yMin, yMax] = [0, 1];
    }
    if (options.yMin !== undefined) yMin = Math.min(options.yMin, yMin);
    if (options.yMax !== undefined) yMax = Math.max(options.yMax, yMax);
    if (options.yMin === undefined || options.yMax === undefined) {
      const pad = (yMax - yMin) * 0.08 || Math.abs(yMax) * 0.1 || 1;
      if (options.yMin === undefined) yMin -= pad;
      if (options.yMax === undefined) yMax += pad;
    }
    if (options.minSpan && yMax - yMin < options.minSpan) {
      const mid = (yMax + yMin) / 2;
      yMin = mid - options.minSpan / 2;
      yMax = mid + options.minSpan / 2;
    }
    if (options.yCeil !== undefined && yMax > options.yCeil) {
      yMin -= yMax - options.yCeil;
      yMax = options.yCeil;
    }
    if (options.yFloor !== undefined) yMin = Math.max(options.yFloor, yMin);
    if (yMax <= yMin) yMax = yMin + 1;
    return { xMin, xMax, yMin, yMax };
  }

  /** The labelled series split into rows that fit `room` pixels. */
  function legendRows(ctx, room) {
    ctx.font = font(12);
    const rows = [[]];
    let used = 0;
    for (const s of series) {
      if (!s.label) continue;
      const w = ctx.measureText(s.label).width + 30;
      if (used + w > room && rows[rows.length - 1].length) {
        rows.push([]);
        used = 0;
      }
      rows[rows.length - 1].push({ s, width: w });
      used += w;
    }
    return rows;
  }

  function render() {
    describe();
    const { ctx, width, height } = fitCanvas(canvas);
    const MARGIN = scaledMargin(BASE_MARGIN);
    const legend = series.length > 1 && series.some((s) => s.label);
    const rows = legend ? legendRows(ctx, width - MARGIN.left - MARGIN.right) : [];
    const top = MARGIN.top + 18 * textScale() * rows.length;
    const px = MARGIN.left;
    const py = top;
    const pw = Math.max(10, width - MARGIN.left - MARGIN.right);
    const ph = Math.max(10, height - top - MARGIN.bottom);
    const b = bounds();
    const ty = (y) => (options.logY ? Math.log10(y) : y);
    const sx = (x) => px + ((x - b.xMin) / (b.xMax - b.xMin)) * pw;
    const sy = (y) => py + ((b.yMax - ty(y)) / (b.yMax - b.yMin)) * ph;

    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = colors.paper;
    ctx.fillRect(px, py, pw, ph);

    // Grid and tick labels.
    ctx.font = font(12);
    ctx.fillStyle = colors.muted;
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    const xt = ticks(b.xMin, b.xMax, Math.max(2, Math.floor(pw / 80)));
    const xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.beginPath();
    for (const x of xt) {
      const X = Math.round(sx(x)) + 0.5;
      ctx.moveTo(X, py);
      ctx.lineTo(X, py + ph);
      const label = tickLabel(x, xStep);
      const half = ctx.measureText(label).width / 2;
      ctx.fillText(label, Math.min(X, width - half - 1), py + ph + 4);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    if (options.logY) {
      const every = Math.ceil((b.yMax - b.yMin) / Math.max(2, Math.floor(ph / 28)));
      for (let e = b.yMin; e <= b.yMax; e++) {
        const Y = Math.round(sy(10 ** e)) + 0.5;
        ctx.moveTo(px, Y);
        ctx.lineTo(px + pw, Y);
        if ((e - b.yMin) % every === 0) ctx.fillText(powerLabel(e), px - 6, Y);
      }
    } else {
      const yt = ticks(b.yMin, b.yMax, Math.max(2, Math.floor(ph / 40)));
      const yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
      for (const y of yt) {
        const Y = Math.round(sy(y)) + 0.5;
        ctx.moveTo(px, Y);
        ctx.lineTo(px + pw, Y);
        ctx.fillText(options.yFormat ? options.yFormat(y, yStep) : tickLabel(y, yStep), px - 6, Y);
      }
    }
    ctx.stroke();
    ctx.strokeStyle = colors.axis;
    ctx.strokeRect(px + 0.5, py + 0.5, pw - 1, ph - 1);

    // Axis titles.
    drawAxisTitles(ctx, options, { px, py: py, pw, ph, height });

    // Curves.
    ctx.save();
    ctx.beginPath();
    ctx.rect(px, py, pw, ph);
    ctx.clip();
    ctx.lineJoin = 'round';
    for (const s of series) {
      if (!s.xs.length) continue;
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2 * textScale();
      ctx.beginPath();
      for (let i = 0; i < s.xs.length; i++) {
        const X = sx(s.xs[i]);
        const Y = sy(s.ys[i]);
        if (i) ctx.lineTo(X, Y);
        else ctx.moveTo(X, Y);
      }
      ctx.stroke();
      if (options.markers || s.xs.length === 1) {
        ctx.fillStyle = s.color;
        for (let i = 0; i < s.xs.length; i++) {
          ctx.beginPath();
          ctx.arc(sx(s.xs[i]), sy(s.ys[i]), 3.5, 0, 2 * Math.PI);
          ctx.fill();
        }
      }
    }
    ctx.restore();

    // Legend, above the plot so it never hides the newest points; as many rows as it needs.
    rows.forEach((row, r) => {
      ctx.font = font(12);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      let x = px + pw - row.reduce((a, item) => a + item.width, 0) + 12;
      const y = MARGIN.top + 18 * textScale() * (r + 0.4);
      for (const { s, width: w } of row) {
        ctx.fillStyle = s.color;
        ctx.fillRect(x, y - 2, 14, 4);
        ctx.fillStyle = colors.ink;
        ctx.fillText(s.label, x + 18, y);
        x += w;
      }
    });
  }

  return {
    push,
    clear,
    update,
    draw: render,
    get length() {
      return series[0].xs.length;
    },
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
    },
  };
}

/** @param {string} text */
function quoteCsv(text) {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @param {number} x */
function formatNumber(x) {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 0.01 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2);
}
