/** HTML for the lecture's vectors and matrices: numbers in a bracketed grid. */
import { num } from '../dom.js';

/**
 * @param {number[][]} rows
 * @param {number} digits decimals shown (integers are shown without decimals when `digits` is 0)
 */
export function matrixHTML(rows, digits = 2) {
  const cols = rows[0]?.length || 1;
  const cells = rows.flat().map((v) => `<span>${num(v, digits)}</span>`).join('');
  return `<span class="matrix" style="--cols:${cols}">${cells}</span>`;
}

/** The XOR network's parameters [W11, W12, W21, W22, b1_1, b1_2, v1, v2, c] as W¹, b¹, w², b². */
export function xorParamsHTML(p, digits = 2) {
  return `<span class="eq"><span><var>W</var><sup>1</sup></span> = ${matrixHTML([[p[0], p[1]], [p[2], p[3]]], digits)}</span>
    <span class="eq"><span><var>b</var><sup>1</sup></span> = ${matrixHTML([[p[4]], [p[5]]], digits)}</span>
    <span class="eq"><span><var>w</var><sup>2</sup></span> = ${matrixHTML([[p[6], p[7]]], digits)}</span>
    <span class="eq"><span><var>b</var><sup>2</sup></span> = <span>${num(p[8], digits)}</span></span>`;
}
