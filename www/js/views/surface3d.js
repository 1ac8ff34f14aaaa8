// @ts-check
/**
 * A surface in 3-D that the student turns by dragging (mouse, pen or touch) or with the arrow keys when it
 * has focus: a shaded mesh of f over a grid, drawn back to front on a canvas (no libraries), with paths laid
 * on it. Plain numbers only: a grid of values (row 0 at yMax), ranges, and paths as [x, y, f, x, y, f, …].
 *
 * The view angles are on the canvas as data-yaw and data-pitch (degrees).
 */
import { colors, font, fitCanvas, onResize } from './canvas.js';
import { heightScale, heightColor } from './surfacePaths.js';

const MESH = 44; // at most this many cells a side
const Z_SCALE = 0.9;
const MIN_PITCH = 0.12;
const MAX_PITCH = 1.45;

/**
 * @typedef {object} Surface3dData
 * @property {ArrayLike<number>} values  res × res, row 0 at yMax
 * @property {number} res
 * @property {number} xMin @property {number} xMax @property {number} yMin @property {number} yMax
 * @property {boolean} [log]
 */

/** @typedef {{label: string, color: string, points: ArrayLike<number>}} Path3d  points: x, y, f triples */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{yaw?: number, pitch?: number, label?: string}} [options]
 */
export function createSurface3d(canvas, options = {}) {
  let yaw = options.yaw ?? -0.6;
  let pitch = options.pitch ?? 0.75;
  /** @type {Surface3dData|null} */
  let surface = null;
  /** @type {(f: number) => number} */
  let scale = () => 0;
  /** @type {Path3d[]} */
  let paths = [];
  let scheduled = 0;
  /** @type {{x: number, y: number, id: number}|null} */
  let drag = null;
  const stop = onResize(canvas, render);

  canvas.style.touchAction = 'none';
  canvas.tabIndex = 0;
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  canvas.addEventListener('keydown', onKey);
  showAngles();

  /** @param {PointerEvent} e */
  function onDown(e) {
    drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // a pointer the browser does not track (synthetic events): drag without capture
    }
    canvas.classList.add('dragging');
    e.preventDefault();
  }

  /** @param {PointerEvent} e */
  function onMove(e) {
    if (!drag || e.pointerId !== drag.id) return;
    rotate((e.clientX - drag.x) * 0.01, (e.clientY - drag.y) * 0.008);
    drag.x = e.clientX;
    drag.y = e.clientY;
  }

  /** @param {PointerEvent} e */
  function onUp(e) {
    if (drag && e.pointerId === drag.id) drag = null;
    canvas.classList.remove('dragging');
  }

  /** @param {KeyboardEvent} e */
  function onKey(e) {
    const d = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.08], ArrowDown: [0, 0.08] }[e.key];
    if (!d) return;
    e.preventDefault(); // not the run controller's → step
    rotate(d[0], d[1]);
  }

  function rotate(dYaw, dPitch) {
    yaw = (yaw + dYaw) % (2 * Math.PI);
    pitch = Math.min(MAX_PITCH, Math.max(MIN_PITCH, pitch + dPitch));
    showAngles();
    update();
  }

  function showAngles() {
    canvas.dataset.yaw = ((yaw * 180) / Math.PI).toFixed(1);
    canvas.dataset.pitch = ((pitch * 180) / Math.PI).toFixed(1);
  }

  function update() {
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  /** (x, y, h) in the unit box → screen (sx, sy) and depth (larger = farther). */
  function projector(width, height) {
    const cy = Math.cos(yaw), sy = Math.sin(yaw), ce = Math.cos(pitch), se = Math.sin(pitch);
    const size = Math.min(width, height * 1.25) * 0.36;
    const ox = width / 2;
    const oy = height / 2 + size * 0.1;
    return (/** @type {number} */ u, /** @type {number} */ v, /** @type {number} */ h) => {
      const z = (h - 0.5) * Z_SCALE;
      const x1 = u * cy - v * sy;
      const y1 = u * sy + v * cy;
      const up = z * ce + y1 * se;
      const depth = y1 * ce - z * se;
      return [ox + x1 * size, oy - up * size, depth];
    };
  }

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    ctx.clearRect(0, 0, width, height);
    if (!surface) return;
    const s = surface;
    const P = projector(width, height);
    const step = Math.max(1, Math.ceil((s.res - 1) / MESH));
    const idx = [];
    for (let i = 0; i < s.res; i += step) idx.push(i);
    if (idx[idx.length - 1] !== s.res - 1) idx.push(s.res - 1);
    const n = idx.length;
    // vertices: u from −1 (xMin) to 1, v from 1 (row 0 = yMax) to −1
    const pts = new Array(n * n);
    const hs = new Float32Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const r = idx[a], c = idx[b];
        const h = scale(s.values[r * s.res + c]);
        hs[a * n + b] = h;
        pts[a * n + b] = P((2 * c) / (s.res - 1) - 1, 1 - (2 * r) / (s.res - 1), h);
      }
    }
    const quads = [];
    for (let a = 0; a < n - 1; a++) {
      for (let b = 0; b < n - 1; b++) {
        const k = [a * n + b, a * n + b + 1, (a + 1) * n + b + 1, (a + 1) * n + b];
        const depth = (pts[k[0]][2] + pts[k[1]][2] + pts[k[2]][2] + pts[k[3]][2]) / 4;
        const h = (hs[k[0]] + hs[k[1]] + hs[k[2]] + hs[k[3]]) / 4;
        // light from the slope: steeper in the light's direction → darker
        const du = (hs[k[1]] + hs[k[2]] - hs[k[0]] - hs[k[3]]) * (n - 1) * 0.5 * Z_SCALE / 2;
        const dv = (hs[k[0]] + hs[k[1]] - hs[k[2]] - hs[k[3]]) * (n - 1) * 0.5 * Z_SCALE / 2;
        const light = 0.72 + 0.28 / Math.sqrt(1 + du * du + dv * dv) - 0.08 * Math.tanh(du - dv);
        quads.push({ k, depth, h, light });
      }
    }
    quads.sort((p, q) => q.depth - p.depth);
    ctx.lineWidth = 0.6;
    for (const q of quads) {
      ctx.beginPath();
      ctx.moveTo(pts[q.k[0]][0], pts[q.k[0]][1]);
      for (let i = 1; i < 4; i++) ctx.lineTo(pts[q.k[i]][0], pts[q.k[i]][1]);
      ctx.closePath();
      const color = heightColor(q.h, q.light);
      ctx.fillStyle = color;
      ctx.strokeStyle = color;
      ctx.fill();
      ctx.stroke();
    }
    // paths, lifted a little off the surface
    const U = (x) => (2 * (x - s.xMin)) / (s.xMax - s.xMin) - 1;
    const V = (y) => (2 * (y - s.yMin)) / (s.yMax - s.yMin) - 1;
    const inside = (x, y) => x >= s.xMin && x <= s.xMax && y >= s.yMin && y <= s.yMax;
    for (const p of paths) {
      const q = p.points;
      if (q.length < 3) continue;
      for (const [w, color] of [[4, 'rgba(255,255,255,0.85)'], [2, p.color]]) {
        ctx.strokeStyle = /** @type {string} */ (color);
        ctx.lineWidth = /** @type {number} */ (w);
        ctx.lineJoin = 'round';
        ctx.beginPath();
        let open = false;
        for (let i = 0; i + 2 < q.length; i += 3) {
          if (!inside(q[i], q[i + 1])) {
            open = false;
            continue;
          }
          const [sx, sy] = P(U(q[i]), V(q[i + 1]), scale(q[i + 2]) + 0.01);
          if (open) ctx.lineTo(sx, sy);
          else ctx.moveTo(sx, sy);
          open = true;
        }
        ctx.stroke();
      }
      const m = q.length - 3;
      if (inside(q[m], q[m + 1])) {
        const [sx, sy] = P(U(q[m]), V(q[m + 1]), scale(q[m + 2]) + 0.01);
        ctx.fillStyle = p.color;
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(sx, sy, 5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.fillStyle = colors.muted;
    ctx.font = font(11);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(options.label || 'drag to turn', 6, 4);
  }

  return {
    /** @param {Surface3dData} data */
    setSurface(data) {
      surface = data;
      scale = heightScale(data.values, data.log);
      update();
    },
    /** @param {Path3d[]} list */
    setPaths(list) {
      paths = list;
      update();
    },
    get angles() {
      return { yaw, pitch };
    },
    update,
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
      canvas.removeEventListener('keydown', onKey);
    },
  };
}
