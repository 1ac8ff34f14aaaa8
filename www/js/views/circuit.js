// @ts-check
/**
 * A logic circuit drawn as SVG from plain numbers: nodes (inputs, gates, outputs) at positions in
 * the drawing's own coordinates, wires between them (optionally bent through extra points), and an
 * on/off value for each node; a wire is lit when the node it comes from is on. It knows nothing of
 * what the gates compute: the caller says what each one shows.
 *
 * Every node's group carries `data-testid="<prefix>-<id>"` and `data-value` (0/1), so a test (or a
 * screen reader, through its title) can read the circuit's state.
 */
import { esc } from '../dom.js';

/**
 * @typedef {object} CircuitNode
 * @property {string} id
 * @property {'input'|'gate'|'output'} kind
 * @property {number} x
 * @property {number} y
 * @property {string} label     written inside (gates, inputs) or beside (outputs) the node
 * @property {string} [sub]     a second, smaller line (e.g. the gate's kind)
 * @property {string} [title]   a tooltip / accessible description
 */

/**
 * @typedef {object} CircuitWire
 * @property {string} from
 * @property {string} to
 * @property {[number, number][]} [via]  points the wire bends through
 */

const R = 27; // gate radius, in drawing units
const BOX = 24; // half the size of an input's square

/**
 * @param {HTMLElement} container  receives the <svg>
 * @param {{nodes: CircuitNode[], wires: CircuitWire[], width: number, height: number, idPrefix: string, label: string}} o
 * @returns {{update(values: Record<string, number>): void, destroy(): void}}
 */
export function createCircuit(container, { nodes, wires, width, height, idPrefix, label }) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const wireHTML = wires.map((w, i) => {
    const a = byId.get(w.from);
    const b = byId.get(w.to);
    const via = w.via || [];
    const start = edge(a, via[0] || [b.x, b.y]);
    const end = edge(b, via[via.length - 1] || [a.x, a.y]);
    const pts = [start, ...via, end];
    const d = pts.map(([x, y], k) => `${k ? 'L' : 'M'}${x} ${y}`).join(' ');
    return `<path class="wire" data-wire="${i}" data-from="${esc(w.from)}" d="${d}"/>`;
  }).join('');
  const nodeHTML = nodes.map((n) => {
    const t = n.title ? `<title>${esc(n.title)}</title>` : '';
    const common = `class="node ${n.kind}" data-node="${esc(n.id)}" data-testid="${esc(idPrefix)}-${esc(n.id)}" data-value="0"`;
    if (n.kind === 'gate') {
      return `<g ${common} transform="translate(${n.x} ${n.y})">${t}
        <circle r="${R}"/>
        <text class="name" y="${n.sub ? -3 : 5}">${esc(n.label)}</text>
        ${n.sub ? `<text class="sub" y="13">${esc(n.sub)}</text>` : ''}
        <text class="bit" x="${R + 4}" y="-${R - 4}">0</text></g>`;
    }
    if (n.kind === 'input') {
      return `<g ${common} transform="translate(${n.x} ${n.y})">${t}
        <rect x="${-BOX}" y="${-BOX}" width="${2 * BOX}" height="${2 * BOX}" rx="8"/>
        <text class="name" y="-${BOX + 8}">${esc(n.label)}</text>
        <text class="value" y="8">0</text></g>`;
    }
    return `<g ${common} transform="translate(${n.x} ${n.y})">${t}
      <rect x="-4" y="-20" width="40" height="40" rx="20"/>
      <text class="value" x="16" y="7">0</text>
      <text class="name out-name" x="16" y="40">${esc(n.label)}</text></g>`;
  }).join('');
  container.innerHTML = `<svg class="circuit" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}"
    preserveAspectRatio="xMidYMid meet">${wireHTML}${nodeHTML}</svg>`;
  const svg = /** @type {SVGSVGElement} */ (container.querySelector('svg'));

  return {
    /** Light every node and wire: `values[id]` is 0 or 1. */
    update(values) {
      for (const g of svg.querySelectorAll('.node')) {
        const el = /** @type {SVGGElement} */ (g);
        const v = values[el.dataset.node] ? 1 : 0;
        el.dataset.value = String(v);
        el.classList.toggle('on', v === 1);
        for (const text of el.querySelectorAll('.bit, .value')) text.textContent = String(v);
      }
      for (const p of svg.querySelectorAll('.wire')) {
        const el = /** @type {SVGPathElement} */ (p);
        el.classList.toggle('on', Boolean(values[el.dataset.from]));
      }
    },
    destroy() {
      container.innerHTML = '';
    },
  };
}

/**
 * Where a wire toward `toward` meets a node's outline: on a gate's circle, an input's right side,
 * an output's left end.
 * @param {CircuitNode} n @param {number[]} toward
 */
function edge(n, [tx, ty]) {
  if (n.kind === 'input') return [n.x + BOX, n.y];
  if (n.kind === 'output') return [n.x - 4, n.y];
  const dx = tx - n.x;
  const dy = ty - n.y;
  const d = Math.hypot(dx, dy) || 1;
  return [n.x + (R * dx) / d, n.y + (R * dy) / d];
}
