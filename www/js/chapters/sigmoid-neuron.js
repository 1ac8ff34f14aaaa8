// @ts-check
/**
 * The sigmoid chapter's bridge to the core: one neuron evaluated by `neuron` (z, σ, step, σ′ and the
 * partial derivatives), curves sampled by the same function, and two small formatting helpers.
 */
import { neuron } from '../wasm.js';
import { num } from '../dom.js';
import { texNumber } from '../kit/tex.js';
import { colors } from '../views/canvas.js';

/** Inputs x₁ … x₃, as in the lecture's picture of a neuron. */
export const N_INPUTS = 3;
export const SIGMOID_COLOR = colors.series[0];
export const STEP_COLOR = colors.class1;

/**
 * The core's neuron, unpacked: z, σ(z), step(z), σ′(z), ∂σ/∂wⱼ (one per weight), ∂σ/∂b.
 * @param {number[]} w @param {number[]} x @param {number} b
 */
export function evaluate(w, x, b) {
  const out = neuron(Float64Array.from(w), Float64Array.from(x), b);
  const n = w.length;
  return { z: out[0], sigma: out[1], step: out[2], prime: out[3], dw: Array.from(out.slice(4, 4 + n)), db: out[4 + n] };
}

/**
 * σ(c·z) and step(c·z) sampled by the core over z ∈ [from, to] at `n` points, for curves: a one-input
 * neuron with w = c·z, x = 1, b = 0.
 */
export function sampleCurves(from, to, n = 241, c = 1) {
  const xs = [];
  const sigma = [];
  const step = [];
  for (let i = 0; i < n; i++) {
    const z = from + ((to - from) * i) / (n - 1);
    const out = neuron(Float64Array.of(c * z), Float64Array.of(1), 0);
    xs.push(z);
    sigma.push(out[1]);
    step.push(out[2]);
  }
  return { xs, sigma, step };
}

/** The neuron's w, x, b from the settings' values (w1…, x1…, b). */
export function neuronOf(v) {
  const idx = [...Array(N_INPUTS).keys()];
  return { w: idx.map((i) => v[`w${i + 1}`]), x: idx.map((i) => v[`x${i + 1}`]), b: v.b };
}

/** A number for a product in LaTeX: negatives in parentheses. */
export function paren(x, digits = 2) {
  const s = texNumber(x, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/** Text and data-value of an output. @param {HTMLElement} el @param {number} value @param {number} digits */
export function show(el, value, digits) {
  el.textContent = num(value, digits);
  el.dataset.value = String(value);
}
