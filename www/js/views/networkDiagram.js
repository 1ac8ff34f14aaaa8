// @ts-check
/**
 * A layered diagram: columns of nodes joined by weighted connections, drawn from plain numbers.
 * Layers are numbered from 1 (the leftmost column) as in the lecture; `weights[l - 2]` holds the
 * connections into column l, row-major (n_l × n_{l−1}): entry j·n_{l−1} + k joins node k of column
 * l − 1 to node j of column l (j, k from 1 in the targets this view reports). A connection's colour
 * says its sign (blue +, orange −), its thickness its magnitude. Nodes are shaded by a value in [0, 1]
 * (null: not computed yet, drawn hollow). One connection or node can be highlighted, one column
 * marked active. Nodes listed in `dropped` (per column, 1 = dropped, as a dropout mask's zeros) are greyed out
 * with their connections faded. `hit(x, y)` returns {l, j, k} for a connection, {l, j} for a node, or null.
 *
 * The canvas carries its data for tests and tools: data-sizes, data-weights (JSON), data-nodes (the
 * node centres in CSS pixels, JSON), data-highlight ("l,j,k" or "l,j") and data-dropped (JSON, when given).
 */
import { colors, font, fitCanvas, onResize } from './canvas.js';

const POSITIVE = colors.class0;
const NEGATIVE = colors.class1;
const HALO = '#ffd43b';
const DROPPED = '#ced4da';
/** Pixels from a connection's line that still count as on it. */
const EDGE_SLOP = 7;

/**
 * @typedef {{l: number, j: number, k?: number}} Target
 * @typedef {{sizes: number[], weights: ArrayLike<number>[], values?: (ArrayLike<number>|null)[],
 *            highlight?: Target|null, activeLayer?: number, layerLabel?: (l: number) => string,
 *            dropped?: (ArrayLike<number>|null)[]}} DiagramData
 */

/** @param {HTMLCanvasElement} canvas */
export function createNetworkDiagram(canvas) {
  /** @type {DiagramData} */
  let data = { sizes: [], weights: [] };
  /** @type {{x: number, y: number}[][]} node centres per layer (index l − 1) */
  let nodes = [];
  let radius = 10;
  let scheduled = 0;
  const stop = onResize(canvas, render);

  /** @param {DiagramData} next */
  function update(next) {
    data = next;
    canvas.dataset.sizes = next.sizes.join(',');
    canvas.dataset.weights = JSON.stringify(next.weights.map((w) => Array.from(w)));
    canvas.dataset.highlight = targetKey(next.highlight);
    if (next.dropped) canvas.dataset.dropped = JSON.stringify(next.dropped.map((d) => (d ? Array.from(d) : [])));
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  function layout(width, height) {
    const { sizes } = data;
    const L = sizes.length;
    const padX = Math.min(60, width * 0.08);
    const padTop = 14;
    const padBottom = 30; // room for the layer names
    const colGap = L > 1 ? (width - 2 * padX) / (L - 1) : 0;
    const most = Math.max(1, ...sizes);
    const rowGap = (height - padTop - padBottom) / most;
    radius = Math.max(6, Math.min(24, rowGap * 0.36, (colGap || width) * 0.16));
    nodes = sizes.map((n, i) => {
      const x = L > 1 ? padX + i * colGap : width / 2;
      const mid = padTop + (height - padTop - padBottom) / 2;
      return Array.from({ length: n }, (_, j) => ({ x, y: mid + (j - (n - 1) / 2) * rowGap }));
    });
    canvas.dataset.nodes = JSON.stringify(nodes.map((col) => col.map((p) => [round1(p.x), round1(p.y)])));
  }

  function maxAbs() {
    let m = 0;
    for (const w of data.weights) for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(w[i]));
    return m || 1;
  }

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    ctx.clearRect(0, 0, width, height);
    if (!data.sizes.length) return;
    layout(width, height);
    const big = maxAbs();
    const hl = data.highlight || null;
    const thickness = (w) => 0.6 + 5 * Math.sqrt(Math.abs(w) / big);

    // Connections: the faded ones first, the highlighted neuron's incoming ones on top.
    const emphasised = (l, j, k) => hl && hl.l === l && (hl.k === undefined ? hl.j === j : hl.j === j && hl.k === k);
    const touching = (l, j, k) => hl && hl.k === undefined && ((hl.l === l && hl.j === j) || (hl.l === l - 1 && hl.j === k));
    const isDropped = (l, j) => Boolean(data.dropped?.[l - 1]?.[j - 1]);
    for (const pass of [0, 1]) {
      for (let l = 2; l <= data.sizes.length; l++) {
        const w = data.weights[l - 2];
        const nIn = data.sizes[l - 2];
        for (let j = 1; j <= data.sizes[l - 1]; j++) {
          for (let k = 1; k <= nIn; k++) {
            const on = touching(l, j, k) || emphasised(l, j, k);
            if ((pass === 1) !== Boolean(on)) continue;
            const v = w[(j - 1) * nIn + (k - 1)];
            const a = nodes[l - 2][k - 1];
            const b = nodes[l - 1][j - 1];
            if (hl && hl.k !== undefined && emphasised(l, j, k)) {
              ctx.strokeStyle = HALO;
              ctx.lineWidth = thickness(v) + 8;
              line(ctx, a, b);
            }
            ctx.globalAlpha = isDropped(l, j) || isDropped(l - 1, k) ? 0.06 : hl && !on ? 0.35 : 0.9;
            ctx.strokeStyle = v >= 0 ? POSITIVE : NEGATIVE;
            ctx.lineWidth = thickness(v);
            line(ctx, a, b);
          }
        }
      }
    }
    ctx.globalAlpha = 1;

    // Nodes, shaded by their value; hollow and dashed while not computed.
    const values = data.values || [];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    nodes.forEach((col, i) => {
      const l = i + 1;
      const vals = values[i];
      col.forEach((p, jj) => {
        const j = jj + 1;
        const off = isDropped(l, j);
        const v = vals && !off ? vals[jj] : NaN;
        const known = Number.isFinite(v);
        const selected = hl && hl.k === undefined && hl.l === l && hl.j === j;
        if (selected) {
          ctx.beginPath();
          ctx.arc(p.x, p.y, radius + 5, 0, 2 * Math.PI);
          ctx.fillStyle = HALO;
          ctx.fill();
        }
        ctx.beginPath();
        ctx.arc(p.x, p.y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = off ? DROPPED : known ? shade(v) : colors.paper;
        ctx.fill();
        ctx.lineWidth = l === data.activeLayer ? 3 : 1.5;
        ctx.strokeStyle = l === data.activeLayer ? '#3b5bdb' : colors.ink;
        ctx.setLineDash(known || off ? [] : [3, 3]);
        ctx.stroke();
        ctx.setLineDash([]);
        if (known && radius >= 13) {
          ctx.font = font(Math.min(13, radius * 0.62), '600');
          ctx.fillStyle = v > 0.55 ? colors.paper : colors.ink;
          ctx.fillText(v.toFixed(2), p.x, p.y);
        }
      });
    });

    // Layer names under the columns.
    ctx.font = font(12, '600');
    ctx.fillStyle = colors.muted;
    ctx.textBaseline = 'bottom';
    nodes.forEach((col, i) => {
      if (!col.length) return;
      const name = data.layerLabel ? data.layerLabel(i + 1) : `l = ${i + 1}`;
      ctx.fillStyle = i + 1 === data.activeLayer ? '#3b5bdb' : colors.muted;
      ctx.fillText(name, col[0].x, height - 4);
    });
  }

  /**
   * What lies under (x, y), in CSS pixels from the canvas's top-left corner: a node (within its
   * radius, a few pixels of slack) before a connection (the nearest within EDGE_SLOP).
   * @returns {Target|null}
   */
  function hit(x, y) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = 0; j < nodes[i].length; j++) {
        const p = nodes[i][j];
        if (Math.hypot(x - p.x, y - p.y) <= radius + 3) return { l: i + 1, j: j + 1 };
      }
    }
    /** @type {Target|null} */
    let best = null;
    let bestD = EDGE_SLOP;
    for (let l = 2; l <= nodes.length; l++) {
      for (let j = 0; j < nodes[l - 1].length; j++) {
        for (let k = 0; k < nodes[l - 2].length; k++) {
          const d = segmentDistance(x, y, nodes[l - 2][k], nodes[l - 1][j]);
          if (d < bestD) {
            bestD = d;
            best = { l, j: j + 1, k: k + 1 };
          }
        }
      }
    }
    return best;
  }

  return {
    update,
    hit,
    /** Node centres (CSS px) by layer, as last drawn. */
    get nodes() {
      return nodes;
    },
    draw: render,
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
    },
  };
}

/** "l,j,k" / "l,j" / "" */
export function targetKey(t) {
  if (!t) return '';
  return t.k === undefined ? `${t.l},${t.j}` : `${t.l},${t.j},${t.k}`;
}

function line(ctx, a, b) {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/** White (0) to deep navy (1). */
function shade(v) {
  const t = Math.max(0, Math.min(1, v));
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 30)}, ${mix(255, 42)}, ${mix(255, 68)})`;
}

function segmentDistance(x, y, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}

function round1(v) {
  return Math.round(v * 10) / 10;
}
