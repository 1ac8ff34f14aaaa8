// @ts-check
/**
 * A surface seen from above: f on a grid as a shaded map with contour lines, and paths drawn on it
 * (each a polyline with a dot at its newest point), a start marker and the minimum as a star.
 * Plain numbers only: a grid of values (top row = largest y first), ranges, and [x₀, y₀, x₁, y₁, …].
 * A click (or tap) reports the point under it through `onPick(x, y)`.
 *
 * The paths last drawn are kept on the canvas as `canvas.drawnPaths` ({label, points}[]), so a test or a
 * tool can measure what the student sees.
 */
import { colors, font, fitCanvas, onResize, ticks, tickLabel, scaledMargin } from './canvas.js';

const BASE_MARGIN = { left: 40, right: 10, top: 10, bottom: 30 };
const LEVELS = 14;

/**
 * @typedef {object} SurfaceData
 * @property {ArrayLike<number>} values  res × res, row 0 at yMax
 * @property {number} res
 * @property {number} xMin @property {number} xMax @property {number} yMin @property {number} yMax
 * @property {boolean} [log]   shade and draw contours on a log scale of f − min f (for steep surfaces)
 * @property {number[]|null} [minimum]
 */

/** @typedef {{label: string, color: string, points: ArrayLike<number>, dashed?: boolean}} PathData */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{onPick?: (x: number, y: number) => void, xLabel?: string, yLabel?: string}} [options]
 */
export function createSurfacePaths(canvas, options = {}) {
  /** @type {SurfaceData|null} */
  let surface = null;
  /** @type {PathData[]} */
  let paths = [];
  /** @type {number[]|null} */
  let start = null;
  /** @type {HTMLCanvasElement|null} */
  let shade = null;
  let box = { px: 0, py: 0, pw: 1, ph: 1 };
  let scheduled = 0;
  const stop = onResize(canvas, render);

  canvas.addEventListener('click', onClick);

  /** @param {MouseEvent} e */
  function onClick(e) {
    if (!surface || !options.onPick) return;
    const rect = canvas.getBoundingClientRect();
    const cx = e.clientX - rect.left;
    const cy = e.clientY - rect.top;
    if (cx < box.px || cx > box.px + box.pw || cy < box.py || cy > box.py + box.ph) return;
    const s = surface;
    options.onPick(s.xMin + ((cx - box.px) / box.pw) * (s.xMax - s.xMin), s.yMax - ((cy - box.py) / box.ph) * (s.yMax - s.yMin));
  }

  /** @param {SurfaceData} data */
  function setSurface(data) {
    surface = data;
    shade = shadeImage(data);
    update();
  }

  /** @param {PathData[]} list */
  function setPaths(list) {
    paths = list;
    /** @type {any} */ (canvas).drawnPaths = list.map((p) => ({ label: p.label, points: Array.from(p.points) }));
    update();
  }

  function update() {
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    ctx.clearRect(0, 0, width, height);
    if (!surface) return;
    const s = surface;
    const m = scaledMargin(BASE_MARGIN);
    box = { px: m.left, py: m.top, pw: Math.max(10, width - m.left - m.right), ph: Math.max(10, height - m.top - m.bottom) };
    const { px, py, pw, ph } = box;
    const X = (x) => px + ((x - s.xMin) / (s.xMax - s.xMin)) * pw;
    const Y = (y) => py + ((s.yMax - y) / (s.yMax - s.yMin)) * ph;
    if (shade) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(shade, px, py, pw, ph);
    }
    drawContours(ctx, s, box);
    // axes
    ctx.strokeStyle = colors.axis;
    ctx.lineWidth = 1;
    ctx.strokeRect(px, py, pw, ph);
    ctx.fillStyle = colors.muted;
    ctx.font = font(11);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const xt = ticks(s.xMin, s.xMax, Math.max(2, Math.floor(pw / 70)));
    for (const v of xt) ctx.fillText(tickLabel(v, xt[1] - xt[0] || 1), X(v), py + ph + 3);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const yt = ticks(s.yMin, s.yMax, Math.max(2, Math.floor(ph / 50)));
    for (const v of yt) ctx.fillText(tickLabel(v, yt[1] - yt[0] || 1), px - 4, Y(v));
    ctx.fillStyle = colors.ink;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(options.xLabel || 'x', px + pw / 2, height - 1);
    ctx.save();
    ctx.beginPath();
    ctx.rect(px, py, pw, ph);
    ctx.clip();
    if (s.minimum) star(ctx, X(s.minimum[0]), Y(s.minimum[1]), 8);
    for (const p of paths) drawPath(ctx, p, X, Y);
    if (start) {
      ctx.strokeStyle = colors.ink;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(X(start[0]), Y(start[1]), 6, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
  }

  return {
    setSurface,
    setPaths,
    /** @param {number[]|null} point */
    setStart(point) {
      start = point;
      update();
    },
    update,
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
      canvas.removeEventListener('click', onClick);
    },
  };
}

/** f → [0, 1] as the shading and the heights use it: linear, or log of f − min f. */
export function heightScale(values, log) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(hi > lo)) hi = lo + 1;
  const span = hi - lo;
  if (!log) return (f) => Math.min(1, Math.max(0, (f - lo) / span));
  const k = 1000 / span;
  const norm = Math.log1p(k * span);
  return (f) => Math.min(1, Math.max(0, Math.log1p(k * Math.max(0, f - lo)) / norm));
}

/** A colour from low (deep blue) to high (warm yellow) for h in [0, 1]. */
export function heightColor(h, light = 1) {
  const stops = [[35, 63, 120], [52, 128, 170], [120, 190, 160], [230, 225, 140], [250, 245, 215]];
  const t = Math.min(0.9999, Math.max(0, h)) * (stops.length - 1);
  const i = Math.floor(t);
  const f = t - i;
  const c = stops[i].map((a, k) => (a + (stops[i + 1][k] - a) * f) * light);
  return `rgb(${c.map((v) => Math.round(Math.min(255, v))).join(',')})`;
}

/** @param {SurfaceData} s */
function shadeImage(s) {
  const scale = heightScale(s.values, s.log);
  const image = document.createElement('canvas');
  image.width = s.res;
  image.height = s.res;
  const ctx = /** @type {CanvasRenderingContext2D} */ (image.getContext('2d'));
  const data = ctx.createImageData(s.res, s.res);
  for (let i = 0; i < s.res * s.res; i++) {
    const rgb = heightColor(scale(s.values[i])).match(/\d+/g) || ['0', '0', '0'];
    data.data[4 * i] = Number(rgb[0]);
    data.data[4 * i + 1] = Number(rgb[1]);
    data.data[4 * i + 2] = Number(rgb[2]);
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return image;
}

/** Contour lines by marching squares on the scaled heights, at LEVELS evenly spaced levels. */
function drawContours(ctx, s, { px, py, pw, ph }) {
  const scale = heightScale(s.values, s.log);
  const n = s.res;
  const h = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) h[i] = scale(s.values[i]);
  const cw = pw / n;
  const chh = ph / n;
  // cell centres: column c at px + (c + ½) cw
  const cx = (c) => px + (c + 0.5) * cw;
  const cy = (r) => py + (r + 0.5) * chh;
  ctx.strokeStyle = 'rgba(20, 30, 50, 0.35)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let l = 1; l < LEVELS; l++) {
    const level = l / LEVELS;
    for (let r = 0; r < n - 1; r++) {
      for (let c = 0; c < n - 1; c++) {
        const a = h[r * n + c], b = h[r * n + c + 1], d = h[(r + 1) * n + c], e = h[(r + 1) * n + c + 1];
        const pts = [];
        const edge = (v0, v1, x0, y0, x1, y1) => {
          if ((v0 < level) !== (v1 < level)) {
            const t = (level - v0) / (v1 - v0);
            pts.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
          }
        };
        edge(a, b, cx(c), cy(r), cx(c + 1), cy(r));
        edge(b, e, cx(c + 1), cy(r), cx(c + 1), cy(r + 1));
        edge(d, e, cx(c), cy(r + 1), cx(c + 1), cy(r + 1));
        edge(a, d, cx(c), cy(r), cx(c), cy(r + 1));
        for (let k = 0; k + 1 < pts.length; k += 2) {
          ctx.moveTo(pts[k][0], pts[k][1]);
          ctx.lineTo(pts[k + 1][0], pts[k + 1][1]);
        }
      }
    }
  }
  ctx.stroke();
}

/** @param {CanvasRenderingContext2D} ctx @param {PathData} p */
function drawPath(ctx, p, X, Y) {
  const pts = p.points;
  if (pts.length < 2) return;
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = 4.5;
  ctx.lineJoin = 'round';
  ctx.setLineDash([]);
  const line = () => {
    ctx.beginPath();
    ctx.moveTo(X(pts[0]), Y(pts[1]));
    for (let i = 2; i + 1 < pts.length; i += 2) ctx.lineTo(X(pts[i]), Y(pts[i + 1]));
    ctx.stroke();
  };
  line();
  ctx.strokeStyle = p.color;
  ctx.lineWidth = 2;
  if (p.dashed) ctx.setLineDash([6, 4]);
  line();
  ctx.setLineDash([]);
  const n = pts.length;
  ctx.fillStyle = p.color;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(X(pts[n - 2]), Y(pts[n - 1]), 5.5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}

function star(ctx, x, y, r) {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.45 : r;
    ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = colors.ink;
  ctx.lineWidth = 1.5;
  ctx.fill();
  ctx.stroke();
}
