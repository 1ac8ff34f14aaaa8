// @ts-check
/**
 * A computational graph drawn from plain numbers, as on the slides: inputs on the left, each gate a
 * circle with its operation, the output on the right. Above each edge, in green, the value flowing
 * forward; below it, in red, the gradient flowing back (what the gate above sends down). Which values
 * and gradients are shown is up to the caller, so a chapter can animate the passes node by node; one
 * node can be marked active.
 *
 * Nodes: {op, inputs, name, value}; `grads[i]` = ∂f/∂node i; `sent[i][n]` = what node i sends to its
 * n-th input. The canvas carries data-values and data-grads (JSON of what is shown, null elsewhere).
 */
import { colors, font, fitCanvas, onResize } from './canvas.js';

const FORWARD = '#2b8a3e';
const BACKWARD = '#c92a2a';
const HALO = '#ffd43b';
const SYMBOL = {
  add: '+', sub: '−', mul: '×', div: '÷', pow: '^', max: 'max', neg: '−', relu: 'relu', exp: 'exp', log: 'log',
  sigmoid: 'σ', tanh: 'tanh',
};

/**
 * @typedef {{op: string, inputs: number[], name: string, value: number}} GraphNode
 * @typedef {{nodes: GraphNode[], grads?: number[], sent?: number[][], showValue?: (i: number) => boolean,
 *   showGrad?: (i: number) => boolean, active?: number, digits?: number}} GraphData
 */

/** @param {HTMLCanvasElement} canvas */
export function createGraphDiagram(canvas) {
  /** @type {GraphData} */
  let data = { nodes: [] };
  let scheduled = 0;
  const stop = onResize(canvas, render);

  /** @param {GraphData} next */
  function update(next) {
    data = next;
    const sv = next.showValue || (() => true);
    const sg = next.showGrad || (() => false);
    canvas.dataset.values = JSON.stringify(next.nodes.map((n, i) => (sv(i) ? n.value : null)));
    canvas.dataset.grads = JSON.stringify(next.nodes.map((_, i) => (sg(i) && next.grads ? next.grads[i] : null)));
    canvas.dataset.active = String(next.active ?? -1);
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      render();
    });
  }

  function layout(width, height) {
    const { nodes } = data;
    const level = nodes.map(() => 0);
    nodes.forEach((n, i) => {
      for (const k of n.inputs) level[i] = Math.max(level[i], level[k] + 1);
    });
    // Leaves sit one column before their first user, so constants stay next to the gate they feed.
    nodes.forEach((n, i) => {
      if (n.inputs.length) return;
      const users = nodes.map((m, u) => (m.inputs.includes(i) ? level[u] : Infinity));
      const first = Math.min(...users);
      if (n.op === 'const' && Number.isFinite(first)) level[i] = first - 1;
    });
    const depth = Math.max(0, ...level);
    const columns = Array.from({ length: depth + 1 }, () => /** @type {number[]} */ ([]));
    nodes.forEach((_, i) => columns[level[i]].push(i));
    const padX = Math.min(50, width * 0.07);
    const colGap = depth > 0 ? (width - 2 * padX) / depth : 0;
    const most = Math.max(1, ...columns.map((c) => c.length));
    const rowGap = (height - 30) / most;
    const radius = Math.max(12, Math.min(24, rowGap * 0.28, (colGap || width) * 0.16));
    const pos = nodes.map(() => ({ x: 0, y: 0 }));
    columns.forEach((col, c) => col.forEach((i, r) => {
      pos[i] = { x: depth > 0 ? padX + c * colGap : width / 2, y: 18 + (height - 30) / 2 + (r - (col.length - 1) / 2) * rowGap };
    }));
    return { pos, radius };
  }

  function render() {
    const { ctx, width, height } = fitCanvas(canvas);
    ctx.clearRect(0, 0, width, height);
    const { nodes } = data;
    if (!nodes.length) return;
    const { pos, radius } = layout(width, height);
    const sv = data.showValue || (() => true);
    const sg = data.showGrad || (() => false);
    const digits = data.digits ?? 2;
    const size = Math.max(11, Math.min(14, radius * 0.6));

    nodes.forEach((n, i) => n.inputs.forEach((k, slot) => {
      const a = pos[k];
      const b = pos[i];
      ctx.strokeStyle = colors.ink;
      ctx.globalAlpha = 0.55;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(a.x + radius, a.y);
      ctx.lineTo(b.x - radius, b.y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      // Labels a little nearer the source, where edges leaving one node have not met others yet.
      const mx = a.x + 0.42 * (b.x - a.x);
      const my = a.y + 0.42 * (b.y - a.y);
      ctx.font = font(size, '600');
      ctx.textAlign = 'center';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#fff';
      if (sv(k)) {
        ctx.fillStyle = FORWARD;
        ctx.textBaseline = 'bottom';
        ctx.strokeText(fmt(nodes[k].value, digits), mx, my - 3);
        ctx.textBaseline = 'bottom';
        ctx.fillText(fmt(nodes[k].value, digits), mx, my - 3);
      }
      const sent = data.sent?.[i]?.[slot];
      if (sg(i) && sent !== undefined) {
        ctx.fillStyle = BACKWARD;
        ctx.textBaseline = 'top';
        ctx.strokeText(fmt(sent, digits), mx, my + 3);
        ctx.fillText(fmt(sent, digits), mx, my + 3);
      }
    }));

    nodes.forEach((n, i) => {
      const p = pos[i];
      if (i === data.active) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, radius + 5, 0, 2 * Math.PI);
        ctx.fillStyle = HALO;
        ctx.fill();
      }
      ctx.beginPath();
      ctx.arc(p.x, p.y, radius, 0, 2 * Math.PI);
      ctx.fillStyle = n.op === 'var' ? '#e7f5ff' : n.op === 'const' ? '#f1f3f5' : colors.paper;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = colors.ink;
      ctx.stroke();
      const leaf = n.op === 'var' || n.op === 'const';
      const label = leaf ? n.name : SYMBOL[n.op] || n.op;
      ctx.fillStyle = colors.ink;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = font(label.length > 3 ? size * 0.8 : size * 1.15, '700');
      ctx.fillText(label, p.x, p.y);
      ctx.font = font(size, '600');
      if (!leaf && n.name) {
        ctx.fillStyle = colors.muted;
        ctx.textBaseline = 'bottom';
        ctx.fillText(n.name, p.x, p.y - radius - 2);
      }
      // Leaves show their value on the edges they feed; the output shows it beside itself.
      if (i === nodes.length - 1 && sv(i)) {
        ctx.fillStyle = FORWARD;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'bottom';
        ctx.fillText(fmt(n.value, digits), p.x + radius + 4, p.y - 2);
      }
      if (sg(i) && data.grads) {
        ctx.fillStyle = BACKWARD;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        ctx.fillText(fmt(data.grads[i], digits), p.x, p.y + radius + 2);
      }
    });
  }

  return {
    update,
    destroy() {
      stop();
      cancelAnimationFrame(scheduled);
    },
  };
}

function fmt(v, digits) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const s = Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 10 ** -digits) ? v.toExponential(1) : v.toFixed(digits);
  return s.replace(/^-/, '−').replace(/\.?0+$/, (m) => (s.includes('.') && !s.includes('e') ? '' : m));
}
