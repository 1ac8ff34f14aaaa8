// @ts-check
/**
 * A function of two variables seen from above: a grid of values as shading with contour lines, and
 * on it paths (polylines with dots), arrows (from a point, with a label) and marked points. A click or
 * tap reports the point under it through `onPick(x, y)`. It draws plain numbers and knows nothing of
 * networks.
 *
 * The last scene is kept on the canvas as `canvas.scene` so a test can read what the student sees.
 */
import { colors, font, fitCanvas, onResize, ticks, tickLabel, scaledMargin, drawAxisTitles, textScale } from './canvas.js';

const BASE_MARGIN = { left: 52, right: 12, top: 10, bottom: 42 };
const LEVELS = 12;

/**
 * @typedef {{xMin: number, xMax: number, yMin: number, yMax: number}} Range
 * @typedef {{values: ArrayLike<number>, res: number, log?: boolean}} Grid  res × res, first row at yMax
 * @typedef {{points: ArrayLike<number>, color: string, label?: string, width?: number, dots?: boolean, dashed?: boolean}} Path  [x₀, y₀, x₁, y₁, …]
 * @typedef {{x: number, y: number, dx: number, dy: number, color: string, label?: string, width?: number}} Arrow
 * @typedef {{x: number, y: number, color: string, label?: string, shape?: 'dot'|'star'|'ring', radius?: number}} Mark
 * @typedef {{range: Range, grid?: Grid, paths?: Path[], arrows?: Arrow[], marks?: Mark[]}} Scene
 */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{xLabel: string, yLabel: string, onPick?: (x: number, y: number) => void}} options
 */
export function createContour(canvas, options) {
  /** @type {Scene|null} */
  let scene = null;
  /** @type {HTMLCanvasElement|null} */
  let shade = null;
  /** @type {{levels: number[], segments: number[][]}|null} */
  let lines = null;
  let box = { px: 0, py: 0, pw: 1, ph: 1 };
  const stop = onResize(canvas, () => scene && render());
  if (options.onPick) {
    canvas.style.cursor = 'crosshair';
    canvas.addEventListener('click', onClick);
  }

  /** @param {MouseEvent} e */
  function onClick(e) {
    if (!scene || !options.onPick) return;
    const rect = canvas.getBoundingClientRect();
    const cx = e.clientX - rect.left;
    const cy = e.clientY - rect.top;
    const { px, py, pw, ph } = box;
    if (cx < px || cx > px + pw || cy < py || cy > py + ph) return;
    const { xMin, xMax, yMin, yMax } = scene.range;
    options.onPick(xMin + ((cx - px) / pw) * (xMax - xMin), yMax - ((cy - py) / ph) * (yMax - yMin));
  }

  /** @param {Scene} next */
  function draw(next) {
    if (!scene || next.grid !== scene.grid) {
      shade = next.grid ? shadeImage(next.grid) : null;
      lines = next.grid ? contourLines(next.grid) : null;
    }
    scene = next;
    /** @type {any} */ (canvas).scene = next;
    render();
  }

  function render() {
    if (!scene) return;
    const { ctx, width, height } = fitCanvas(canvas);
    const M = scaledMargin(BASE_MARGIN);
    const px = M.left, py = M.top;
    const pw = Math.max(10, width - M.left - M.right);
    const ph = Math.max(10, height - M.top - M.bottom);
    box = { px, py, pw, ph };
    const { xMin, xMax, yMin, yMax } = scene.range;
    const sx = (x) => px + ((x - xMin) / (xMax - xMin)) * pw;
    const sy = (y) => py + ((yMax - y) / (yMax - yMin)) * ph;
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(px, py, pw, ph);
    ctx.clip();
    ctx.fillStyle = colors.paper;
    ctx.fillRect(px, py, pw, ph);
    if (shade) ctx.drawImage(shade, px, py, pw, ph);
    if (lines && scene.grid) {
      const res = scene.grid.res;
      ctx.strokeStyle = 'rgba(27,31,42,0.28)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const seg of lines.segments) {
        ctx.moveTo(px + (seg[0] / res) * pw, py + (seg[1] / res) * ph);
        ctx.lineTo(px + (seg[2] / res) * pw, py + (seg[3] / res) * ph);
      }
      ctx.stroke();
    }
    for (const path of scene.paths || []) drawPath(ctx, path, sx, sy);
    for (const arrow of scene.arrows || []) drawArrow(ctx, arrow, sx, sy);
    for (const mark of scene.marks || []) drawMark(ctx, mark, sx, sy);
    ctx.restore();
    drawAxes(ctx, scene.range, sx, sy, box, width, height);
  }

  return {
    draw,
    /** The canvas position (CSS pixels) of a data point, for tests and tooltips. */
    toScreen(x, y) {
      if (!scene) return null;
      const { xMin, xMax, yMin, yMax } = scene.range;
      return { x: box.px + ((x - xMin) / (xMax - xMin)) * box.pw, y: box.py + ((yMax - y) / (yMax - yMin)) * box.ph };
    },
    destroy() {
      stop();
      canvas.removeEventListener('click', onClick);
    },
  };

  /** @param {CanvasRenderingContext2D} ctx */
  function drawAxes(ctx, range, sx, sy, { px, py, pw, ph }, width, height) {
    ctx.strokeStyle = colors.axis;
    ctx.lineWidth = 1;
    ctx.strokeRect(px + 0.5, py + 0.5, pw - 1, ph - 1);
    ctx.fillStyle = colors.muted;
    ctx.font = font(12);
    const xt = ticks(range.xMin, range.xMax, Math.max(2, Math.floor(pw / 70)));
    const yt = ticks(range.yMin, range.yMax, Math.max(2, Math.floor(ph / 40)));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of xt) ctx.fillText(tickLabel(x, xt[1] - xt[0] || 1), sx(x), py + ph + 3);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of yt) ctx.fillText(tickLabel(y, yt[1] - yt[0] || 1), px - 4, sy(y));
    drawAxisTitles(ctx, { xLabel: options.xLabel, yLabel: options.yLabel }, { px, py, pw, ph, height });
    void width;
  }
}

/** @param {CanvasRenderingContext2D} ctx @param {Path} path */
function drawPath(ctx, path, sx, sy) {
  const p = path.points;
  if (p.length < 2) return;
  ctx.strokeStyle = path.color;
  ctx.lineWidth = path.width ?? 2;
  ctx.setLineDash(path.dashed ? [6, 4] : []);
  ctx.beginPath();
  for (let i = 0; i + 1 < p.length; i += 2) {
    const X = clampScreen(sx(p[i])), Y = clampScreen(sy(p[i + 1]));
    if (i === 0) ctx.moveTo(X, Y);
    else ctx.lineTo(X, Y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (path.dots) {
    ctx.fillStyle = path.color;
    const r = 2.2 * textScale();
    for (let i = 0; i + 1 < p.length; i += 2) {
      ctx.beginPath();
      ctx.arc(clampScreen(sx(p[i])), clampScreen(sy(p[i + 1])), r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/** Keeps far-away points drawable (a diverging path) without huge canvas coordinates. */
const clampScreen = (v) => Math.max(-1e4, Math.min(1e4, v));

/** @param {CanvasRenderingContext2D} ctx @param {Arrow} a */
function drawArrow(ctx, a, sx, sy) {
  const x0 = sx(a.x), y0 = sy(a.y);
  const x1 = clampScreen(sx(a.x + a.dx)), y1 = clampScreen(sy(a.y + a.dy));
  const len = Math.hypot(x1 - x0, y1 - y0);
  ctx.strokeStyle = a.color;
  ctx.fillStyle = a.color;
  ctx.lineWidth = a.width ?? 2.5;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  if (len > 2) {
    const head = Math.min(12 * textScale(), len * 0.5);
    const ang = Math.atan2(y1 - y0, x1 - x0);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(ang - 0.4), y1 - head * Math.sin(ang - 0.4));
    ctx.lineTo(x1 - head * Math.cos(ang + 0.4), y1 - head * Math.sin(ang + 0.4));
    ctx.closePath();
    ctx.fill();
  }
  if (a.label) label(ctx, a.label, x1 + 6, y1 - 6, a.color);
}

/** @param {CanvasRenderingContext2D} ctx @param {Mark} m */
function drawMark(ctx, m, sx, sy) {
  const x = sx(m.x), y = sy(m.y);
  const k = textScale();
  ctx.fillStyle = m.color;
  ctx.strokeStyle = colors.paper;
  ctx.lineWidth = m.radius !== undefined && m.radius < 5 ? 1 : 2;
  ctx.beginPath();
  if (m.shape === 'star') {
    for (let i = 0; i < 10; i++) {
      const r = (i % 2 ? 4 : 9) * k;
      const ang = -Math.PI / 2 + (i * Math.PI) / 5;
      ctx.lineTo(x + r * Math.cos(ang), y + r * Math.sin(ang));
    }
    ctx.closePath();
  } else {
    ctx.arc(x, y, (m.radius ?? (m.shape === 'ring' ? 7 : 6)) * k, 0, 2 * Math.PI);
  }
  ctx.stroke();
  if (m.shape === 'ring') {
    ctx.strokeStyle = m.color;
    ctx.lineWidth = 3;
    ctx.stroke();
  } else ctx.fill();
  if (m.label) label(ctx, m.label, x + 9 * k, y + 12 * k, m.color);
}

/** @param {CanvasRenderingContext2D} ctx */
function label(ctx, text, x, y, color) {
  ctx.font = font(13, '600');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

/** Heights to shade and contour: the values, or log(1 + v − min) for steep surfaces. */
function heights(grid) {
  const v = grid.values;
  let lo = Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] < lo) lo = v[i];
  const h = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) h[i] = grid.log ? Math.log1p(Math.max(0, v[i] - lo)) : v[i];
  return h;
}

/** A res × res image: low values pale blue, high values warm. @param {Grid} grid */
function shadeImage(grid) {
  const { res } = grid;
  const h = heights(grid);
  let lo = Infinity, hi = -Infinity;
  for (const x of h) {
    if (Number.isFinite(x)) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  }
  const c = document.createElement('canvas');
  c.width = res;
  c.height = res;
  const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
  const image = g.createImageData(res, res);
  const low = [222, 235, 250], mid = [250, 246, 228], high = [247, 200, 160];
  for (let i = 0; i < res * res; i++) {
    const t = hi > lo && Number.isFinite(h[i]) ? (h[i] - lo) / (hi - lo) : 1;
    const [a, b, u] = t < 0.5 ? [low, mid, t * 2] : [mid, high, (t - 0.5) * 2];
    for (let k = 0; k < 3; k++) image.data[4 * i + k] = Math.round(a[k] + (b[k] - a[k]) * u);
    image.data[4 * i + 3] = 255;
  }
  g.putImageData(image, 0, 0);
  return c;
}

/**
 * Contour segments by marching squares over the cell centres, at LEVELS levels spread evenly over the
 * heights (log heights for steep surfaces). Segments are in grid units (0 … res), y down.
 * @param {Grid} grid
 */
function contourLines(grid) {
  const { res } = grid;
  const h = heights(grid);
  let lo = Infinity, hi = -Infinity;
  for (const x of h) {
    if (Number.isFinite(x)) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  }
  const levels = [];
  for (let k = 1; k <= LEVELS; k++) levels.push(lo + ((hi - lo) * k) / (LEVELS + 1));
  /** @type {number[][]} */
  const segments = [];
  const at = (r, c) => h[r * res + c];
  for (const level of levels) {
    for (let r = 0; r + 1 < res; r++) {
      for (let c = 0; c + 1 < res; c++) {
        // Corners: top-left, top-right, bottom-right, bottom-left (cell centres at +0.5).
        const v = [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)];
        const p = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]];
        const cross = [];
        for (let e = 0; e < 4; e++) {
          const a = v[e], b = v[(e + 1) % 4];
          if ((a < level) !== (b < level) && Number.isFinite(a) && Number.isFinite(b)) {
            const t = (level - a) / (b - a);
            const [x0, y0] = p[e], [x1, y1] = p[(e + 1) % 4];
            cross.push(x0 + 0.5 + t * (x1 - x0), y0 + 0.5 + t * (y1 - y0));
          }
        }
        if (cross.length === 4) segments.push(cross);
        else if (cross.length === 8) {
          segments.push(cross.slice(0, 4));
          segments.push(cross.slice(4, 8));
        }
      }
    }
  }
  return { levels, segments };
}
