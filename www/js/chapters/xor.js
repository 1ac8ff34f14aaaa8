/**
 * Chapter "Example: XOR". The lecture's 2-2-1 network (ReLU hidden layer, identity output,
 * quadratic cost) with its exact weights, then the same network trained by full-batch gradient
 * descent from seeded random weights, live.
 *
 * data-state on the chapter root: idle | training | paused | finished (all four right; Play goes on) |
 * converged (all four right and the loss stopped falling) | stuck | diverged.
 * URL overrides: #/xor?seed=3&eta=0.1&speed=100
 */
import { XorLab } from '../wasm.js';
import { refs, num, short, int, esc } from '../dom.js';
import { createLoop } from '../loop.js';
import { createLineChart } from '../views/lineChart.js';
import { xorParamsHTML } from '../views/matrix.js';
import { createXorSpaces } from './xor-spaces.js';

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const DEFAULTS = { seed: 3, eta: 0.1, speed: 10 };
const SPEEDS = [1, 10, 100, 1000];
/** A plateau: over this many steps the loss fell by less than this fraction. */
const PLATEAU_STEPS = 2000;
const PLATEAU_DROP = 1e-4;
const MAX_STEPS = 200000;

export function mount(container, params, { number }) {
  const seed0 = intParam(params.get('seed'), DEFAULTS.seed);
  const eta0 = params.get('eta') ?? String(DEFAULTS.eta);
  const speed0 = SPEEDS.includes(Number(params.get('speed'))) ? Number(params.get('speed')) : DEFAULTS.speed;
  container.innerHTML = template(number, seed0, eta0, speed0);
  const root = container.querySelector('.chapter');
  const r = refs(root);

  // The lecture's network: exact weights, drawn once.
  const lecture = XorLab.lecture();
  r.lectureParams.innerHTML = xorParamsHTML(lecture.params(), 0);
  r.lectureTable.innerHTML = tableHTML(lecture, 'lecture');
  const lectureSpaces = createXorSpaces(r.lectureSpaces, { idPrefix: 'lecture' });
  lectureSpaces.update(lecture);
  lecture.free();

  // Training from random weights.
  const trainSpaces = createXorSpaces(r.trainSpaces, { idPrefix: 'train' });
  const chart = createLineChart(r.lossChart, {
    xLabel: 'gradient-descent steps',
    yLabel: 'cost C (log scale)',
    logY: true,
    series: [{ label: 'C' }],
  });
  let lab = null;
  let plateau = null; // { steps, loss } checkpoint for the plateau test
  let beyond = false; // playing on after all four are right, until the loss stops falling
  const loop = createLoop({ onFrame: frame, onError: fail });

  reset();

  r.controls.addEventListener('submit', (e) => e.preventDefault());
  r.play.addEventListener('click', play);
  r.pause.addEventListener('click', pause);
  r.step.addEventListener('click', stepOnce);
  r.reset.addEventListener('click', reset);
  r.seed.addEventListener('change', reset);
  r.eta.addEventListener('input', () => showError(''));

  function setState(state) {
    root.dataset.state = state;
    const over = state === 'converged' || state === 'stuck' || state === 'diverged';
    r.play.disabled = state === 'training' || over;
    r.pause.disabled = state !== 'training';
    r.step.disabled = over;
  }

  function reset() {
    loop.stop();
    showError('');
    const text = r.seed.value.trim();
    let next;
    try {
      if (!/^\d+$/.test(text)) throw new Error(`seed must be a whole number ≥ 0, got “${text}”`);
      next = XorLab.random(Number(text));
    } catch (err) {
      showError(err.message);
      return;
    }
    lab?.free();
    lab = next;
    plateau = { steps: 0, loss: lab.loss() };
    beyond = false;
    chart.clear();
    chart.push(0, 0, lab.loss());
    chart.update();
    setState('idle');
    render();
    say(`Random weights from seed ${text}: ${lab.correct()} of 4 right. Press ▶ Play to run gradient descent.`);
  }

  function play() {
    if (!lab) return;
    if (root.dataset.state === 'finished') beyond = true;
    showError('');
    setState('training');
    loop.start();
  }

  function pause() {
    loop.stop();
    if (root.dataset.state === 'training') {
      setState('paused');
      say(`Paused after ${int(lab.steps())} steps. ${lab.correct()} of 4 right.`);
    }
  }

  function stepOnce() {
    if (!lab) return;
    if (root.dataset.state === 'finished') beyond = true;
    loop.stop();
    if (!advance(1)) return;
    if (['idle', 'training', 'finished'].includes(root.dataset.state)) setState('paused');
    if (root.dataset.state === 'paused') say(`Step ${int(lab.steps())}: ${lab.correct()} of 4 right.`);
  }

  function frame() {
    return advance(Number(r.speed.value) || DEFAULTS.speed) && root.dataset.state === 'training';
  }

  /** Train `steps` steps, redraw, and check whether the run is over. Returns false if it is. */
  function advance(steps) {
    let loss;
    try {
      loss = lab.train(steps, Number(r.eta.value.trim() === '' ? NaN : r.eta.value));
    } catch (err) {
      fail(err);
      return false;
    }
    chart.push(0, lab.steps(), loss);
    chart.update();
    render();
    const correct = lab.correct();
    const done = lab.steps();
    if (!Number.isFinite(loss)) {
      setState('diverged');
      say('Training diverged (loss is not finite) — lower η and press Reset.');
      return false;
    }
    if (correct === 4 && !beyond) {
      setState('finished');
      say(`All four points are right after ${int(done)} steps (C = ${short(loss)}). ` +
        '▶ Play goes on descending; or try another seed or η.');
      return false;
    }
    if (done - plateau.steps >= PLATEAU_STEPS) {
      const stalled = plateau.loss - loss <= PLATEAU_DROP * plateau.loss;
      if (correct === 4 && (stalled || done >= MAX_STEPS)) {
        setState('converged');
        say(`Converged: the loss stopped falling at C = ${short(loss)} after ${int(done)} steps, all four right.`);
        return false;
      }
      if (stalled || done >= MAX_STEPS) {
        setState('stuck');
        say(`Stuck: the loss stopped falling at C = ${short(loss)} with only ${correct} of 4 right — a local minimum. ` +
          'Try another seed (or η) and press Reset.');
        return false;
      }
      plateau = { steps: done, loss };
    }
    if (root.dataset.state === 'training') say(`Training… step ${int(done)}, C = ${short(loss)}, ${correct} of 4 right.`);
    return true;
  }

  function render() {
    r.trainParams.innerHTML = xorParamsHTML(lab.params(), 2);
    r.trainTable.innerHTML = tableHTML(lab, 'train');
    r.steps.textContent = int(lab.steps());
    r.loss.textContent = short(lab.loss());
    r.loss.dataset.value = String(lab.loss());
    r.correct.textContent = `${lab.correct()} / 4`;
    r.correct.dataset.value = String(lab.correct());
    trainSpaces.update(lab);
  }

  function fail(err) {
    loop.stop();
    showError(err?.message || String(err));
    if (root.dataset.state === 'training') setState('paused');
  }

  function showError(message) {
    r.error.textContent = message;
    r.error.hidden = !message;
  }

  function say(message) {
    r.status.textContent = message;
  }

  return () => {
    loop.stop();
    lectureSpaces.destroy();
    trainSpaces.destroy();
    chart.destroy();
    lab?.free();
    lab = null;
  };
}

/** The network's values on the four inputs: x, hidden h, output a, target y. */
function tableHTML(lab, id) {
  const h = lab.hidden();
  const a = lab.outputs();
  const y = lab.targets();
  const exact = id === 'lecture';
  const f = (v) => (exact ? clean(v) : num(v, 3));
  const rows = INPUTS.map(([x1, x2], i) => {
    const ok = a[i] > 0.5 === y[i] > 0.5;
    return `<tr class="${ok ? 'ok' : 'bad'}">
      <td>${x1}</td><td>${x2}</td>
      <td class="sep">${f(h[2 * i])}</td><td>${f(h[2 * i + 1])}</td>
      <td class="sep out" data-testid="${id}-output" data-value="${a[i]}">${f(a[i])}</td>
      <td>${clean(y[i])}</td>
      <td class="mark" aria-label="${ok ? 'right' : 'wrong'}">${ok ? '✓' : '✗'}</td></tr>`;
  });
  return `<thead><tr><th><var>x</var><sub>1</sub></th><th><var>x</var><sub>2</sub></th>
    <th class="sep"><var>h</var><sub>1</sub></th><th><var>h</var><sub>2</sub></th>
    <th class="sep" title="output"><var>a</var></th><th title="target"><var>y</var></th><th><span class="sr-only">right?</span></th></tr></thead>
    <tbody>${rows.join('')}</tbody>`;
}

/** Whole numbers as "1", others with 3 decimals. */
function clean(v) {
  return Math.abs(v - Math.round(v)) < 1e-6 ? num(Math.round(v), 0) : num(v, 3);
}

function intParam(text, fallback) {
  return text !== null && /^\d+$/.test(text) ? Number(text) : fallback;
}

function template(number, seed, eta, speed) {
  const speedOptions = SPEEDS.map((s) => `<option value="${s}"${s === speed ? ' selected' : ''}>${s}</option>`).join('');
  return `
<section class="chapter" data-chapter="xor" data-state="idle" data-testid="chapter-xor">
  <header class="chapter-head">
    <p class="kicker">Chapter ${number} · Example</p>
    <h1 tabindex="-1">XOR: a hidden layer makes it separable</h1>
    <p class="lede">No single neuron computes XOR: no line separates (0,1) and (1,0) from (0,0) and (1,1).
      Two ReLU neurons in a hidden layer move the four points to where one line does.</p>
  </header>

  <section class="panel" aria-labelledby="xor-lecture-title">
    <h2 id="xor-lecture-title">The lecture’s network</h2>
    <div class="network">
      <div class="formulas">
        <p class="formula"><var>h</var> = ReLU(<var>W</var><sup>1</sup><var>x</var> + <var>b</var><sup>1</sup>),
          &ensp;<span class="nowrap">ReLU(<var>z</var>) = max(0, <var>z</var>)</span></p>
        <p class="formula"><var>a</var> = <var>w</var><sup>2</sup>·<var>h</var> + <var>b</var><sup>2</sup>
          &ensp;<span class="note">identity output; class 1 if <var>a</var> &gt; 0.5</span></p>
        <p class="formula"><var>C</var> = <span class="frac"><span>1</span><span>2<var>n</var></span></span>
          ∑<sub><var>x</var></sub> ‖<var>y</var>(<var>x</var>) − <var>a</var>(<var>x</var>)‖<sup>2</sup></p>
        <p class="params" data-ref="lectureParams" data-testid="lecture-params"></p>
      </div>
      <div class="table-wrap"><table class="values" data-ref="lectureTable" data-testid="lecture-table"></table></div>
    </div>
    <div data-ref="lectureSpaces"></div>
  </section>

  <section class="panel" aria-labelledby="xor-train-title">
    <h2 id="xor-train-title">Learn it: gradient descent from random weights</h2>
    <p class="formula">Each step, for all nine parameters: <span class="nowrap"><var>w</var> → <var>w</var> − <var>η</var>
      <span class="frac"><span>∂<var>C</var></span><span>∂<var>w</var></span></span></span>
      &ensp;<span class="note">full batch: the four points</span></p>
    <form class="controls" data-ref="controls" novalidate>
      <label>seed <input data-ref="seed" data-testid="seed" type="text" inputmode="numeric" value="${esc(seed)}" size="6"></label>
      <label><var>η</var> <input data-ref="eta" data-testid="eta" type="text" inputmode="decimal" value="${esc(eta)}" size="5"></label>
      <label>steps per frame <select data-ref="speed" data-testid="speed">${speedOptions}</select></label>
      <div class="buttons">
        <button type="button" class="primary" data-ref="play" data-testid="play">▶ Play</button>
        <button type="button" data-ref="pause" data-testid="pause">❚❚ Pause</button>
        <button type="button" data-ref="step" data-testid="step">Step</button>
        <button type="button" data-ref="reset" data-testid="reset">↺ Reset</button>
      </div>
    </form>
    <p class="error" role="alert" data-ref="error" data-testid="error" hidden></p>
    <p class="status" role="status" data-ref="status" data-testid="status"></p>
    <p class="stats">step <strong data-ref="steps" data-testid="steps">0</strong>
      · <var>C</var> = <strong data-ref="loss" data-testid="loss">–</strong>
      · right: <strong data-ref="correct" data-testid="correct">–</strong></p>
    <div class="network">
      <p class="params" data-ref="trainParams" data-testid="train-params"></p>
      <div class="table-wrap"><table class="values" data-ref="trainTable" data-testid="train-table"></table></div>
    </div>
    <div data-ref="trainSpaces"></div>
    <figure class="chart">
      <canvas data-ref="lossChart" data-testid="loss-chart" role="img" aria-label="Cost per gradient-descent step"></canvas>
      <figcaption>The cost <var>C</var> as gradient descent runs (log scale).</figcaption>
    </figure>
  </section>
</section>`;
}
