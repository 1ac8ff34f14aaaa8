// @ts-check
/**
 * The playground's colours and painters: a G × G block of the core's activation grid into ImageData (one
 * pixel per grid cell; the canvas is scaled by CSS), the output as class regions or a diverging value,
 * and the data points on an overlay. Knows nothing of networks: plain numbers in, pixels out.
 */
import { colors } from '../views/canvas.js';

/** Class colours: class 0 and 1 as everywhere in NN Lab, then six more for K ≤ 8. */
export const CLASS_COLORS = [colors.class0, colors.class1, '#2b8a3e', '#ae3ec9', '#c92a2a', '#0c8599', '#5c6475', '#8f6a00'];
const RGB = CLASS_COLORS.map(hexRgb);
const MID = [246, 247, 249];
const NEG = RGB[0];
const POS = RGB[1];

/** @param {string} hex */
function hexRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Mix of rgb `a` and `b`: (1 − t) a + t b. */
const mix = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** A value in [−1, 1] (clamped) on the diverging scale: blue (−1), near-white (0), orange (+1). */
export function diverging(t) {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  return c < 0 ? mix(MID, NEG, -c) : mix(MID, POS, c);
}

/** A pixel as one little-endian RGBA word, for Uint32Array views of ImageData. */
/** @param {number[]} rgb */
const word = ([r, g, b]) => ((255 << 24) | (Math.round(b) << 16) | (Math.round(g) << 8) | Math.round(r)) >>> 0;
const LEVELS = 256;
/** The diverging scale at 256 levels over [−1, 1]: painting looks colours up, it never mixes them. */
const DIVERGING = Uint32Array.from({ length: LEVELS }, (_, i) => word(diverging((2 * i) / (LEVELS - 1) - 1)));
/** Per class, 64 levels of confidence from pale (0.2) to full colour. */
const CONFIDENCE = 64;
const CLASS_SHADES = RGB.map((c) => Uint32Array.from({ length: CONFIDENCE }, (_, i) => word(mix(MID, c, 0.2 + (0.8 * i) / (CONFIDENCE - 1)))));

/** The diverging scale's word for t (clamped to [−1, 1]; NaN as 0). */
function divergingWord(t) {
  const c = t > 1 ? 1 : t < -1 ? -1 : t === t ? t : 0;
  return DIVERGING[Math.round(((c + 1) * (LEVELS - 1)) / 2)];
}

/**
 * One neuron's heatmap: scale · (a_j + shift) over the grid (G² values from `offset`) on the diverging scale
 * (a probability in [0, 1]: scale 2, shift −½).
 * @param {ImageData} image @param {Float32Array} grid @param {number} offset
 */
export function paintValues(image, grid, offset, discretize = false, scale = 1, shift = 0) {
  const out = new Uint32Array(image.data.buffer);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    const v = (grid[offset + i] + shift) * scale;
    out[i] = divergingWord(discretize ? Math.sign(v) : v);
  }
}

/**
 * The output layer's decision regions: K softmax outputs (K blocks of G² values from `offset`). Two classes:
 * a₁ − a₀ on the diverging scale; K ≥ 3: the winning class's colour, faded towards white as its probability
 * nears 1/K (the confidence (max a − 1/K) / (1 − 1/K)). `discretize`: the winning class at full colour.
 * @param {ImageData} image @param {Float32Array} grid @param {number} offset @param {number} k
 */
export function paintClasses(image, grid, offset, k, discretize = false) {
  const out = new Uint32Array(image.data.buffer);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    if (k === 2) {
      const t = grid[offset + n + i] - grid[offset + i];
      out[i] = divergingWord(discretize ? Math.sign(t) : t);
      continue;
    }
    let best = 0;
    let top = -Infinity;
    for (let c = 0; c < k; c++) {
      const a = grid[offset + c * n + i];
      if (a > top) {
        top = a;
        best = c;
      }
    }
    const confidence = discretize ? 1 : Math.max(0, Math.min(1, (top - 1 / k) / (1 - 1 / k)));
    out[i] = CLASS_SHADES[best][Math.round(confidence * (CONFIDENCE - 1))];
  }
}

/**
 * Points on an overlay canvas (CSS-pixel context): (x₁, x₂, value) triples in data space [−6, 6]².
 * `classes`: K, or 0 for regression values coloured on the diverging scale. `test`: drawn with a dark ring.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Float32Array} points
 * @param {{width: number, height: number, classes: number, test?: boolean, range?: {xMin: number, xMax: number, yMin: number, yMax: number}}} o
 */
export function drawPoints(ctx, points, o) {
  const r = o.range || { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };
  const radius = Math.max(2, Math.min(4, o.width / 110));
  ctx.lineWidth = o.test ? 1.5 : 1;
  ctx.strokeStyle = o.test ? colors.ink : '#ffffff';
  for (let i = 0; i + 2 < points.length; i += 3) {
    const x = ((points[i] - r.xMin) / (r.xMax - r.xMin)) * o.width;
    const y = ((r.yMax - points[i + 1]) / (r.yMax - r.yMin)) * o.height;
    const v = points[i + 2];
    ctx.fillStyle = o.classes ? CLASS_COLORS[v] : `rgb(${diverging(v).map(Math.round).join(',')})`;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}
