// @ts-check
/**
 * Three panels of the backpropagation chapter around the step-through:
 * - the slide's three ways to get ∇C — every derivative of the tiny network by backprop beside its
 *   finite difference and the relative error — and, for Nielsen's [784, 30, 10], the numerical gradient
 *   (2 · 23,860 forward passes on one image) actually run, in slices between frames, and timed against
 *   one backprop pass;
 * - the mini-batch form: the m samples as one matrix give the same ∂C/∂w as m passes summed.
 */
import { GradientRace } from '../wasm.js';
import { num } from '../dom.js';
import { tex, texMatrix } from '../kit/tex.js';
import { relError } from './backprop-formulas.js';

/**
 * Every ∂C/∂w and ∂C/∂b of the walk-through: backprop, finite difference, relative error.
 * @param {import('./backprop-formulas.js').Walk} w
 */
export function allChecksHTML(w) {
  const rows = [];
  for (let l = 2; l <= w.sizes.length; l++) {
    const i = l - 2;
    const m = w.sizes[l - 2];
    w.nablaW[i].forEach((g, idx) => rows.push([`w^{${l}}_{${Math.floor(idx / m) + 1}${(idx % m) + 1}}`, g, w.numericW[i][idx]]));
    w.nablaB[i].forEach((g, idx) => rows.push([`b^{${l}}_{${idx + 1}}`, g, w.numericB[i][idx]]));
  }
  const body = rows.map(([name, g, n]) => `<tr><td>${tex(`\\partial C/\\partial ${name}`)}</td><td class="num">${Number(g).toFixed(6)}</td>
    <td class="num">${Number(n).toFixed(6)}</td><td class="num">${relError(Number(g), Number(n)).toExponential(1)}</td></tr>`).join('');
  return `<table class="values bp-check"><thead><tr><th>derivative</th><th>backprop (f32)</th><th>finite difference (f64)</th>
    <th>relative error</th></tr></thead><tbody>${body}</tbody></table>
    <p class="note" data-testid="max-error" data-value="${w.maxRelativeError}">Largest relative error over all ${rows.length} derivatives:
    <strong>${w.maxRelativeError.toExponential(2)}</strong> — backprop is exact up to f32 rounding; the differences use
    ${tex('h = 10^{-6}')}, two extra forward passes per parameter.</p>`;
}

/**
 * The race on [784, 30, 10]: a button, a progress line, the result.
 * @param {any} r
 */
export function createRace(r) {
  /** @type {any} */
  let race = null;
  let handle = 0;
  let numericMs = 0;
  const button = /** @type {HTMLButtonElement} */ (r.raceButton);

  function say(text) {
    r.raceProgress.textContent = text;
  }

  function start() {
    cancelAnimationFrame(handle);
    race?.free();
    race = new GradientRace(1);
    numericMs = 0;
    button.disabled = true;
    r.raceResult.hidden = true;
    r.race.dataset.state = 'running';
    let perSlice = 50;
    const tick = () => {
      const t0 = performance.now();
      // Work for about 12 ms of this frame, then let the page draw.
      while (performance.now() - t0 < 12 && race.done < race.parameters) {
        const s0 = performance.now();
        race.numericSlice(Math.min(perSlice, race.parameters - race.done));
        const spent = performance.now() - s0;
        numericMs += spent;
        if (spent < 2) perSlice = Math.min(5000, perSlice * 2);
      }
      const done = race.done;
      say(`Numerical gradient: ${count(done)} of ${count(race.parameters)} derivatives (${count(2 * done)} forward passes), ` +
        `${num(numericMs / 1000, 2)} s of computing so far…`);
      if (done < race.parameters) handle = requestAnimationFrame(tick);
      else finish();
    };
    handle = requestAnimationFrame(tick);
  }

  function finish() {
    // One backprop pass takes tens of microseconds, below the clock's resolution: time many and divide.
    race.backpropPasses(5);
    let passes = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 150) {
      race.backpropPasses(20);
      passes += 20;
    }
    const backpropMs = (performance.now() - t0) / passes;
    const [diff, largest] = race.agreement();
    r.race.dataset.state = 'finished';
    r.raceResult.dataset.numericMs = String(numericMs);
    r.raceResult.dataset.backpropMs = String(backpropMs);
    r.raceResult.innerHTML = `<p class="bp-race-line"><span>numerically, 2 × 23,860 forward passes</span>
        <strong data-testid="race-numeric">${num(numericMs, 0)} ms</strong></p>
      <p class="bp-race-line"><span>backpropagation, one forward + one backward pass</span>
        <strong data-testid="race-backprop">${num(backpropMs * 1000, 1)} µs</strong></p>
      <p class="note">Backprop is <strong>${num(numericMs / backpropMs, 0)} times</strong> faster here (measured in this browser, averaged over
      ${num(passes, 0)} passes). The two gradients agree: the largest difference is ${diff.toExponential(1)} for gradients up to
      ${largest.toExponential(1)} (f32 differences with ${tex('h = 10^{-2}')}). For one mini-batch of 10 images per step, and
      thousands of steps, only backprop is usable.</p>`;
    r.raceResult.hidden = false;
    say(`Done: ${count(race.parameters)} derivatives by differences in ${num(numericMs / 1000, 2)} s of computing.`);
    button.disabled = false;
    button.textContent = 'Run it again';
  }

  button.addEventListener('click', start);
  return {
    pause() {
      if (handle && r.race.dataset.state === 'running') {
        cancelAnimationFrame(handle);
        handle = 0;
        r.race.dataset.state = 'idle';
        button.disabled = false;
        say('Paused when you left the chapter: run it again to measure.');
      }
    },
    destroy() {
      cancelAnimationFrame(handle);
      race?.free();
      race = null;
    },
  };
}

/**
 * The mini-batch form for the output layer and the first layer: ∂C/∂w^l = (Δ^l)ᵀ A^{l−1}, against
 * the per-sample sum.
 * @param {any} b  the core's batch record
 * @param {number[]} sizes
 */
export function batchHTML(b, sizes) {
  const L = sizes.length;
  const parts = [];
  for (let l = L; l >= 2; l--) {
    const i = l - 2;
    const [n, m] = [sizes[l - 1], sizes[l - 2]];
    const D = texMatrix(b.delta[i], b.m, n, { digits: 3 });
    const A = texMatrix(b.aPrev[i], b.m, m, { digits: 3 });
    const G = texMatrix(b.nablaWMatrix[i], n, m, { digits: 4 });
    const S = texMatrix(b.nablaWSum[i], n, m, { digits: 4 });
    parts.push(tex(`\\sum_x \\frac{\\partial C_x}{\\partial w^{${l}}} = (\\Delta^{${l}})^T A^{${l - 1}} = ${texT(D)} ${A} = ${G} \\qquad` +
      ` \\sum_{x=1}^{${b.m}} \\delta^{x,${l}} (a^{x,${l - 1}})^T = ${S}`, true));
  }
  return `${parts.join('')}<p class="note" data-testid="batch-difference" data-value="${b.maxDifference}">Largest difference between the
    matrix form and the sum of ${b.m} one-sample passes, over every ∂C/∂w and ∂C/∂b: <strong>${b.maxDifference.toExponential(1)}</strong>
    (f32 rounding: the same sums in another order).</p>`;
}

/** The transpose of a typeset matrix, written as such. */
function texT(m) {
  return `${m}^{T}`;
}

/** 23860 → "23,860" */
function count(n) {
  return n.toLocaleString('en-US');
}
