/**
 * A 2-D plane with square axes: shaded decision regions (from a grid of values, or from a half-plane
 * a·x + b·y > c), an optional line a·x + b·y = c, and labelled points coloured by class.
 * It knows nothing of networks: it draws the numbers it is given.
 */
import { colors, font, fitCanvas, onResize, ticks, tickLabel, scaledMargin, textScale } from './canvas.js';

const BASE_MARGIN = { left: 44, right: 12, top: 12, bottom: 40 };

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{xLabel: string, yLabel: string}} options
 * @returns {{draw(scene): void, destroy(): void}}
 *   scene = { range: {xMin,xMax,yMin,yMax}, grid?: {values: Float32Array, res, threshold},
 *             halfPlane?: {a,b,c}, line?: {a,b,c}, points: [{x, y, cls, ok, label}] }
 *   grid rows go top to bottom (first row at yMax), columns left to right.
 */
export function createPlane(canvas, { xLabel, yLabel }) {
  let scene = null;
  const gridCanvas = document.createElement('canvas');
  const stop = onResize(canvas, () => scene && render());

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    const { range } = scene;
    const MARGIN = scaledMargin(BASE_MARGIN);
    const px = MARGIN.left;
    const py = MARGIN.top;
    const pw = Math.max(10, width - MARGIN.left - MARGIN.right);
    const ph = Math.max(10, height - MARGIN.top - MARGIN.bottom);
    const sx = (x) => px + ((x - range.xMin) / (range.xMax - range.xMin)) * pw;
    const sy = (y) => py + ((range.yMax - y) / (range.yMax - range.yMin)) * ph;

    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = colors.paper;
    ctx.fillRect(px, py, pw, ph);

    ctx.save();
    ctx.beginPath();
    ctx.rect(px, py, pw, ph);
    ctx.clip();
    if (scene.grid) drawGrid(ctx, scene.grid, px, py, pw, ph);
    if (scene.halfPlane) drawHalfPlane(ctx, scene.halfPlane, range, sx, sy);
    drawGridLines(ctx, range, sx, sy, px, py, pw, ph);
    if (scene.line) drawLine(ctx, scene.line, range, sx, sy);
    ctx.restore();

    drawAxes(ctx, range, sx, sy, px, py, pw, ph);
    drawPoints(ctx, scene.points || [], sx, sy, px, py, pw, ph);
  }

  function drawGrid(ctx, { values, res, threshold = 0.5 }, px, py, pw, ph) {
    if (gridCanvas.width !== res) {
      gridCanvas.width = res;
      gridCanvas.height = res;
    }
    const g = gridCanvas.getContext('2d');
    const image = g.createImageData(res, res);
    const c0 = rgb(colors.region0);
    const c1 = rgb(colors.region1);
    for (let i = 0; i < res * res; i++) {
      const c = values[i] > threshold ? c1 : c0;
      image.data[4 * i] = c[0];
      image.data[4 * i + 1] = c[1];
      image.data[4 * i + 2] = c[2];
      image.data[4 * i + 3] = 255;
    }
    g.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(gridCanvas, px, py, pw, ph);
    ctx.imageSmoothingEnabled = true;
  }

  function drawHalfPlane(ctx, { a, b, c }, range, sx, sy) {
    const rect = [
      [range.xMin, range.yMin],
      [range.xMax, range.yMin],
      [range.xMax, range.yMax],
      [range.xMin, range.yMax],
    ];
    const f = ([x, y]) => a * x + b * y - c;
    const fill = (poly, color) => {
      if (poly.length < 3) return;
      ctx.fillStyle = color;
      ctx.beginPath();
      poly.forEach(([x, y], i) => (i ? ctx.lineTo(sx(x), sy(y)) : ctx.moveTo(sx(x), sy(y))));
      ctx.closePath();
      ctx.fill();
    };
    if (a === 0 && b === 0) {
      // No line: the whole plane is one side, a·x + b·y = 0 > c or not.
      fill(rect, 0 > c ? colors.region1 : colors.region0);
      return;
    }
    fill(clip(rect, (p) => -f(p)), colors.region0);
    fill(clip(rect, f), colors.region1);
  }

  function drawGridLines(ctx, range, sx, sy, px, py, pw, ph) {
    ctx.strokeStyle = 'rgba(27,31,42,0.08)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const x of ticks(range.xMin, range.xMax, 4)) {
      ctx.moveTo(Math.round(sx(x)) + 0.5, py);
      ctx.lineTo(Math.round(sx(x)) + 0.5, py + ph);
    }
    for (const y of ticks(range.yMin, range.yMax, 4)) {
      ctx.moveTo(px, Math.round(sy(y)) + 0.5);
      ctx.lineTo(px + pw, Math.round(sy(y)) + 0.5);
    }
    ctx.stroke();
    // The axes through the origin, a little darker.
    ctx.strokeStyle = 'rgba(27,31,42,0.3)';
    ctx.beginPath();
    if (range.xMin < 0 && range.xMax > 0) {
      ctx.moveTo(Math.round(sx(0)) + 0.5, py);
      ctx.lineTo(Math.round(sx(0)) + 0.5, py + ph);
    }
    if (range.yMin < 0 && range.yMax > 0) {
      ctx.moveTo(px, Math.round(sy(0)) + 0.5);
      ctx.lineTo(px + pw, Math.round(sy(0)) + 0.5);
    }
    ctx.stroke();
  }

  function drawLine(ctx, { a, b, c }, range, sx, sy) {
    const ends = lineInRect(a, b, c, range);
    if (!ends) return;
    ctx.strokeStyle = colors.line;
    ctx.lineWidth = 2.5 * textScale();
    ctx.setLineDash([8, 5]);
    ctx.beginPath();
    ctx.moveTo(sx(ends[0][0]), sy(ends[0][1]));
    ctx.lineTo(sx(ends[1][0]), sy(ends[1][1]));
    ctx.stroke();
    ctx.setLineDash([]);
  }

  function drawAxes(ctx, range, sx, sy, px, py, pw, ph) {
    ctx.strokeStyle = colors.axis;
    ctx.lineWidth = 1;
    ctx.strokeRect(px + 0.5, py + 0.5, pw - 1, ph - 1);
    ctx.fillStyle = colors.muted;
    ctx.font = font(12);
    const xt = ticks(range.xMin, range.xMax, 4);
    const yt = ticks(range.yMin, range.yMax, 4);
    const xs = xt.length > 1 ? xt[1] - xt[0] : 1;
    const ys = yt.length > 1 ? yt[1] - yt[0] : 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of xt) ctx.fillText(tickLabel(x, xs), sx(x), py + ph + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of yt) ctx.fillText(tickLabel(y, ys), px - 5, sy(y));
    ctx.fillStyle = colors.ink;
    ctx.font = font(15, 'italic');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(xLabel, px + pw / 2, py + ph + 38 * textScale());
    ctx.save();
    ctx.translate(13, py + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
  }

  function drawPoints(ctx, points, sx, sy, px, py, pw, ph) {
    const r = Math.max(6, Math.min(11, pw / 36));
    const at = (p) => [
      Math.min(px + pw - 2, Math.max(px + 2, sx(p.x))),
      Math.min(py + ph - 2, Math.max(py + 2, sy(p.y))),
    ];
    // Points closer than a marker's width share one label, e.g. "(0,1) (1,0)".
    const clusters = [];
    for (const p of points) {
      const [x, y] = at(p);
      const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) < 2.5 * r);
      if (near) near.points.push(p);
      else clusters.push({ x, y, points: [p] });
    }
    for (const p of points) {
      const [x, y] = at(p);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = p.cls ? colors.class1 : colors.class0;
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
      if (p.ok === false) {
        ctx.beginPath();
        ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = colors.wrong;
        ctx.stroke();
      }
    }
    ctx.font = font(13, '600');
    for (const { x, y, points: group } of clusters) {
      const label = group.map((q) => q.label).filter(Boolean).join(' ');
      if (!label) continue;
      const right = x + r + 6 + ctx.measureText(label).width < px + pw;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.textBaseline = y - r - 16 > py ? 'bottom' : 'top';
      const ty = ctx.textBaseline === 'bottom' ? y - r + 2 : y + r - 2;
      const tx = right ? x + r + 4 : x - r - 4;
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeText(label, tx, ty);
      ctx.fillStyle = colors.ink;
      ctx.fillText(label, tx, ty);
    }
  }

  return {
    draw(next) {
      scene = next;
      render();
    },
    destroy: stop,
  };
}

/** The part of a convex polygon where f(p) ≥ 0 (one Sutherland–Hodgman pass against a linear f). */
function clip(poly, f) {
  const out = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Where a·x + b·y = c crosses the range rectangle, or null. */
function lineInRect(a, b, c, r) {
  const pts = [];
  if (Math.abs(b) > 1e-12) {
    for (const x of [r.xMin, r.xMax]) {
      const y = (c - a * x) / b;
      if (y >= r.yMin - 1e-9 && y <= r.yMax + 1e-9) pts.push([x, y]);
    }
  }
  if (Math.abs(a) > 1e-12) {
    for (const y of [r.yMin, r.yMax]) {
      const x = (c - b * y) / a;
      if (x >= r.xMin - 1e-9 && x <= r.xMax + 1e-9) pts.push([x, y]);
    }
  }
  if (pts.length < 2) return null;
  let best = [pts[0], pts[1]];
  let bestD = -1;
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      const d = (pts[i][0] - pts[j][0]) ** 2 + (pts[i][1] - pts[j][1]) ** 2;
      if (d > bestD) {
        bestD = d;
        best = [pts[i], pts[j]];
      }
    }
  }
  return bestD > 0 ? best : null;
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
