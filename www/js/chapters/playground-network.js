// @ts-check
/**
 * The playground's network diagram: one column per layer (the input features, the hidden layers, the
 * outputs), a heatmap in every neuron (its activation over the input square), connections drawn by
 * sign (orange +, blue −) and magnitude (width ∝ |w|), a click on a connection to pick it for editing,
 * and ＋/− buttons for layers and neurons, as in TF Playground.
 */
import { fitCanvas } from '../views/canvas.js';
import { paintValues, diverging } from './playground-paint.js';

/**
 * @param {HTMLElement} container
 * @param {{onPick: (l: number, j: number, k: number) => void, onHidden: (hidden: number[]) => void,
 *   maxLayers: number, maxNeurons: number}} o
 */
export function createNetwork(container, o) {
  container.classList.add('pg-net');
  container.innerHTML = `<div class="pg-net-bar" data-ref="bar"></div>
    <div class="pg-net-area" data-ref="area"><canvas class="pg-links" data-testid="connections" role="img"
      aria-label="Connections between neurons: colour is the weight's sign, width its size; click one to edit it"></canvas></div>`;
  const bar = /** @type {HTMLElement} */ (container.querySelector('[data-ref=bar]'));
  const area = /** @type {HTMLElement} */ (container.querySelector('[data-ref=area]'));
  const links = /** @type {HTMLCanvasElement} */ (area.querySelector('canvas'));
  /** @type {{sizes: number[], labels: string[][], hidden: number[], nodes: HTMLCanvasElement[][], xs: number[], ys: number[][], size: number}} */
  let layout = { sizes: [], labels: [], hidden: [], nodes: [], xs: [], ys: [], size: 0 };
  /** @type {Float32Array[]} */
  let weights = [];
  /** @type {[number, number, number]|null} */
  let picked = null;
  /** @type {WeakMap<HTMLCanvasElement, ImageData>} */
  const images = new WeakMap();
  /** The connections canvas sized to the area, at each build (a layout read, never in a training frame). */
  let linkCanvas = null;

  bar.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button');
    if (!button) return;
    const hidden = [...layout.hidden];
    const i = Number(button.dataset.layer);
    if (button.dataset.act === 'add-layer' && hidden.length < o.maxLayers) hidden.push(hidden.at(-1) || 2);
    if (button.dataset.act === 'remove-layer') hidden.pop();
    if (button.dataset.act === 'more' && hidden[i] < o.maxNeurons) hidden[i] += 1;
    if (button.dataset.act === 'fewer' && hidden[i] > 1) hidden[i] -= 1;
    if (hidden.join() !== layout.hidden.join()) o.onHidden(hidden);
  });

  links.addEventListener('click', (e) => {
    const rect = links.getBoundingClientRect();
    const hit = nearest(e.clientX - rect.left, e.clientY - rect.top);
    if (hit) o.onPick(...hit);
  });

  /** The connection (l, j, k) whose segment passes within 6 px of (x, y), the nearest one. */
  function nearest(x, y) {
    let best = null;
    let bestD = 6;
    const half = layout.size / 2;
    for (let c = 1; c < layout.sizes.length; c++) {
      for (let j = 0; j < layout.sizes[c]; j++) {
        for (let k = 0; k < layout.sizes[c - 1]; k++) {
          const ax = layout.xs[c - 1] + half;
          const ay = layout.ys[c - 1][k] + half;
          const bx = layout.xs[c] + half;
          const by = layout.ys[c][j] + half;
          const d = segmentDistance(x, y, ax, ay, bx, by);
          if (d < bestD) {
            bestD = d;
            best = /** @type {[number, number, number]} */ ([c + 1, j, k]);
          }
        }
      }
    }
    return best;
  }

  /**
   * Lay out the columns for layer sizes [n_1 … n_L].
   * @param {number[]} sizes @param {string[]} inputLabels @param {number} resolution
   */
  function build(sizes, inputLabels, resolution) {
    const hidden = sizes.slice(1, -1);
    const width = Math.max(260, area.clientWidth || container.clientWidth || 600);
    const columns = sizes.length;
    const size = Math.round(Math.max(22, Math.min(46, width / (columns * 1.9))));
    const rowGap = size + Math.round(size / 4);
    const xs = sizes.map((_, c) => Math.round(4 + (c * (width - size - 8)) / Math.max(1, columns - 1)));
    const tallest = Math.max(...sizes);
    const ys = sizes.map((n) => Array.from({ length: n }, (_, j) => Math.round(j * rowGap + ((tallest - n) * rowGap) / 2)));
    area.style.height = `${tallest * rowGap}px`;
    for (const column of layout.nodes) column.forEach((node) => node.remove());
    const labels = sizes.map((n, c) => Array.from({ length: n }, (_, j) => (c === 0 ? inputLabels[j]
      : c === columns - 1 ? `output ${j + 1}` : `layer ${c + 1}, neuron ${j + 1}`)));
    const nodes = sizes.map((n, c) => Array.from({ length: n }, (_, j) => {
      const node = document.createElement('canvas');
      node.width = resolution;
      node.height = resolution;
      node.className = 'pg-node';
      node.dataset.testid = `node-${c + 1}-${j + 1}`;
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', `Heatmap of ${labels[c][j]}`);
      node.title = c === 0 ? labels[c][j] : `a${sub(c + 1)}${sub(j + 1)}: ${labels[c][j]}`;
      node.style.left = `${xs[c]}px`;
      node.style.top = `${ys[c][j]}px`;
      node.style.width = `${size}px`;
      node.style.height = `${size}px`;
      area.append(node);
      return node;
    }));
    layout = { sizes, labels, hidden, nodes, xs, ys, size };
    linkCanvas = null;
    bar.innerHTML = barHTML(hidden, xs, size);
    for (const span of bar.querySelectorAll('.pg-col-buttons')) {
      /** @type {HTMLElement} */ (span).style.left = `${/** @type {HTMLElement} */ (span).dataset.x}px`;
    }
  }

  /** Buttons above the columns: add or remove a hidden layer, a neuron in each. */
  function barHTML(hidden, xs, size) {
    const layers = `<span class="pg-layers"><button type="button" data-act="add-layer" data-testid="add-layer"
      ${hidden.length >= o.maxLayers ? 'disabled' : ''} aria-label="Add a hidden layer">+</button>
      <button type="button" data-act="remove-layer" data-testid="remove-layer" ${hidden.length ? '' : 'disabled'}
      aria-label="Remove the last hidden layer">−</button> ${hidden.length} hidden layer${hidden.length === 1 ? '' : 's'}</span>`;
    const perLayer = hidden.map((n, i) => `<span class="pg-col-buttons" data-x="${xs[i + 1] + size / 2}">
      <button type="button" data-act="more" data-layer="${i}" aria-label="Add a neuron to layer ${i + 2}" ${n >= o.maxNeurons ? 'disabled' : ''}>+</button><button
      type="button" data-act="fewer" data-layer="${i}" aria-label="Remove a neuron from layer ${i + 2}" ${n <= 1 ? 'disabled' : ''}>−</button></span>`).join('');
    return `${layers}<div class="pg-cols">${perLayer}</div>`;
  }

  /**
   * Paint every neuron from the grid and the connections from the weights.
   * @param {Float32Array} grid @param {number} resolution @param {Float32Array[]} w  w^l for l = 2 … L
   * @param {{classes: number, discretize: boolean}} output
   */
  function paint(grid, resolution, w, output) {
    weights = w;
    const cells = resolution * resolution;
    let offset = 0;
    const last = layout.sizes.length - 1;
    layout.sizes.forEach((n, c) => {
      layout.nodes[c].forEach((node, j) => {
        const image = imageOf(node, resolution);
        const start = offset + j * cells;
        if (c === 0) {
          // Inputs span very different ranges (x₁ to ±6, x₁² to 36): each is shown over its own range.
          let top = 0;
          for (let i = start; i < start + cells; i++) top = Math.max(top, Math.abs(grid[i]));
          paintValues(image, grid, start, false, top > 0 ? 1 / top : 1);
        } else if (c === last && output.classes >= 2) {
          // An output neuron's probability a^L_k ∈ [0, 1], shown as 2a − 1.
          paintValues(image, grid, start, output.discretize, 2, -0.5);
        } else {
          paintValues(image, grid, start, c === last && output.discretize);
        }
        /** @type {CanvasRenderingContext2D} */ (node.getContext('2d')).putImageData(image, 0, 0);
      });
      offset += n * cells;
    });
    drawLinks();
  }

  /** The node's ImageData, made once per node. */
  function imageOf(node, resolution) {
    let image = images.get(node);
    if (!image || image.width !== resolution) {
      image = /** @type {CanvasRenderingContext2D} */ (node.getContext('2d')).createImageData(resolution, resolution);
      images.set(node, image);
    }
    return image;
  }

  function drawLinks() {
    linkCanvas ||= fitCanvas(links);
    const { ctx, width, height } = linkCanvas;
    ctx.clearRect(0, 0, width, height);
    const half = layout.size / 2;
    let top = 0;
    for (const w of weights) for (const v of w) top = Math.max(top, Math.abs(v));
    const scale = top > 0 ? 4 / Math.min(top, 4) : 1;
    for (let c = 1; c < layout.sizes.length; c++) {
      const w = weights[c - 1];
      if (!w) continue;
      const nIn = layout.sizes[c - 1];
      for (let j = 0; j < layout.sizes[c]; j++) {
        for (let k = 0; k < nIn; k++) {
          const v = w[j * nIn + k];
          const [r, g, b] = diverging(v >= 0 ? 1 : -1);
          ctx.strokeStyle = `rgba(${r | 0},${g | 0},${b | 0},0.8)`;
          ctx.lineWidth = Math.max(0.4, Math.min(6, Math.abs(v) * scale));
          ctx.beginPath();
          ctx.moveTo(layout.xs[c - 1] + half, layout.ys[c - 1][k] + half);
          ctx.lineTo(layout.xs[c] + half, layout.ys[c][j] + half);
          ctx.stroke();
        }
      }
    }
    if (picked && picked[0] - 1 < layout.sizes.length) {
      const [l, j, k] = picked;
      const c = l - 1;
      if (layout.ys[c]?.[j] !== undefined && layout.ys[c - 1]?.[k] !== undefined) {
        ctx.strokeStyle = '#1b1f2a';
        ctx.setLineDash([4, 3]);
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(layout.xs[c - 1] + half, layout.ys[c - 1][k] + half);
        ctx.lineTo(layout.xs[c] + half, layout.ys[c][j] + half);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
  }

  return {
    build,
    paint,
    /** Mark connection (l, j, k) (or none). */
    highlight(next) {
      picked = next;
      drawLinks();
    },
    get labels() {
      return layout.labels;
    },
    destroy() {
      container.innerHTML = '';
    },
  };
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
/** @param {number} n */
export const sub = (n) => String(n).replace(/\d/g, (d) => SUBS[Number(d)]);

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

