// @ts-check
/**
 * Small square tiles, each a thresholded grid of values (a decision region) with a few points on it
 * and a frame coloured by a status. For "many runs at once" views; knows nothing of networks.
 */
import { colors } from './canvas.js';

const FRAME = { running: colors.axis, solved: colors.ok, stuck: colors.wrong, diverged: colors.wrong, idle: colors.grid };

/**
 * @param {HTMLCanvasElement} canvas  drawn at its attribute size
 * @param {{values: ArrayLike<number>, res: number, threshold: number, range: {xMin: number, xMax: number, yMin: number, yMax: number},
 *   points: {x: number, y: number, cls: number}[], status: string}} scene  grid rows top (yMax) to bottom
 */
export function drawTile(canvas, { values, res, threshold, range, points, status }) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const { width, height } = canvas;
  const image = ctx.createImageData(res, res);
  const c0 = rgb(colors.region0);
  const c1 = rgb(colors.region1);
  for (let i = 0; i < res * res; i++) {
    const c = values[i] > threshold ? c1 : c0;
    image.data.set([c[0], c[1], c[2], 255], 4 * i);
  }
  const scratch = document.createElement('canvas');
  scratch.width = res;
  scratch.height = res;
  /** @type {CanvasRenderingContext2D} */ (scratch.getContext('2d')).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, width, height);
  const sx = (x) => ((x - range.xMin) / (range.xMax - range.xMin)) * width;
  const sy = (y) => ((range.yMax - y) / (range.yMax - range.yMin)) * height;
  for (const p of points) {
    ctx.beginPath();
    ctx.arc(sx(p.x), sy(p.y), Math.max(2.5, width / 16), 0, 2 * Math.PI);
    ctx.fillStyle = p.cls ? colors.class1 : colors.class0;
    ctx.fill();
    ctx.strokeStyle = colors.paper;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.strokeStyle = FRAME[status] || colors.axis;
  ctx.lineWidth = 4;
  ctx.strokeRect(2, 2, width - 4, height - 4);
}

/** @param {string} hex */
function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
