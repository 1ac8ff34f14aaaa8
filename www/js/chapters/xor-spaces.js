/**
 * The XOR network's two pictures, side by side: the input space (x₁, x₂) with the network's decision
 * regions (output > 0.5 vs ≤ 0.5) and the hidden feature space (h₁, h₂), where the output neuron's
 * decision line v₁h₁ + v₂h₂ + c = 0.5 separates the four points.
 */
import { createPlane } from '../views/plane.js';
import { num } from '../dom.js';

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const INPUT_RANGE = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
const GRID_RES = 120;

/** @param {HTMLElement} container  receives two figures */
export function createXorSpaces(container, { idPrefix }) {
  container.classList.add('spaces');
  container.innerHTML = `
    <figure class="space">
      <canvas data-ref="input" data-testid="${idPrefix}-input-space" role="img"
        aria-label="Input space with the network's decision regions"></canvas>
      <figcaption><strong>Input space</strong> (<var>x</var><sub>1</sub>, <var>x</var><sub>2</sub>):
        shaded where the output <var>a</var> &gt; 0.5 <span class="swatch s1"></span> or ≤ 0.5 <span class="swatch s0"></span>.
        No single line could separate the colours.</figcaption>
    </figure>
    <figure class="space">
      <canvas data-ref="hidden" data-testid="${idPrefix}-hidden-space" role="img"
        aria-label="Hidden feature space with the output's decision line"></canvas>
      <figcaption><strong>Hidden space</strong> (<var>h</var><sub>1</sub>, <var>h</var><sub>2</sub>): the four points after
        the hidden layer, and the output's decision line <span class="nowrap" data-ref="line"></span>.</figcaption>
    </figure>`;
  const input = createPlane(container.querySelector('[data-ref=input]'), { xLabel: 'x₁', yLabel: 'x₂' });
  const hidden = createPlane(container.querySelector('[data-ref=hidden]'), { xLabel: 'h₁', yLabel: 'h₂' });
  const lineText = container.querySelector('[data-ref=line]');

  /** Redraw both spaces from a XorLab (reads its numbers; keeps no reference to it). */
  function update(lab) {
    const p = lab.params();
    const h = lab.hidden();
    const out = lab.outputs();
    const target = lab.targets();
    const grid = lab.outputGrid(GRID_RES, INPUT_RANGE.xMin, INPUT_RANGE.xMax, INPUT_RANGE.yMin, INPUT_RANGE.yMax);
    const ok = (i) => out[i] > 0.5 === target[i] > 0.5;
    const label = (i) => `(${INPUTS[i][0]},${INPUTS[i][1]})`;

    input.draw({
      range: INPUT_RANGE,
      grid: { values: grid, res: GRID_RES, threshold: 0.5 },
      points: INPUTS.map(([x, y], i) => ({ x, y, cls: target[i] > 0.5 ? 1 : 0, ok: ok(i), label: label(i) })),
    });

    const hiddenPoints = INPUTS.map((_, i) => ({
      x: h[2 * i], y: h[2 * i + 1], cls: target[i] > 0.5 ? 1 : 0, ok: ok(i), label: label(i),
    }));
    const [v1, v2, c] = [p[6], p[7], p[8]];
    const line = { a: v1, b: v2, c: 0.5 - c };
    hidden.draw({ range: squareRange(hiddenPoints), halfPlane: line, line, points: hiddenPoints });
    lineText.innerHTML = `${num(v1, 2)}&#8239;<var>h</var><sub>1</sub> ${sign(v2)} ${num(Math.abs(v2), 2)}&#8239;<var>h</var><sub>2</sub>
      ${sign(c)} ${num(Math.abs(c), 2)} = 0.5`;
  }

  return {
    update,
    destroy() {
      input.destroy();
      hidden.destroy();
    },
  };
}

const sign = (x) => (x < 0 ? '−' : '+');

/** A square window that contains the origin, the unit square's corners' images, and some margin. */
function squareRange(points) {
  let lo = 0;
  let hi = 1;
  for (const p of points) {
    if (Number.isFinite(p.x) && Number.isFinite(p.y)) {
      lo = Math.min(lo, p.x, p.y);
      hi = Math.max(hi, p.x, p.y);
    }
  }
  const pad = 0.2 * (hi - lo);
  return { xMin: lo - pad, xMax: hi + pad, yMin: lo - pad, yMax: hi + pad };
}
