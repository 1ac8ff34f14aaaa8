// @ts-check
/**
 * Chapter "Example: XOR". The lecture's 2-2-1 network (ReLU hidden layer, identity output, quadratic
 * cost) with its exact weights, then the same network trained by full-batch gradient descent from
 * seeded random weights, live — with the hidden units that died marked, and a grid of many seeds
 * trained at once to show which initial weights solve it.
 *
 * The run's data-state is the kit's (idle | running | paused | finished | diverged); when it is
 * finished, data-outcome says how: solved (all four right; Play goes on) | converged (the loss
 * stopped falling, all four right) | stuck (a local minimum).
 */
import { XorLab } from '../wasm.js';
import { refs, num, short, int } from '../dom.js';
import { createLineChart } from '../views/lineChart.js';
import { tex, texMatrix, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createSettings } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink } from '../kit/chapter.js';
import { createXorSpaces } from './xor-spaces.js';
import { createSeedGrid } from './xor-seeds.js';

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const SPEEDS = [1, 10, 100, 1000].map((v) => ({ value: v, label: `${v} steps / frame` }));
/** A plateau: over this many steps the loss fell by less than this fraction. */
const PLATEAU_STEPS = 2000;
const PLATEAU_DROP = 1e-4;
const MAX_STEPS = 200000;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const PARAMS = [
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 3, label: 'seed', always: true },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 10, default: 0.1, label: 'learning rate', tex: '\\eta' },
  {
    name: 'init', type: 'choice', default: 'mirrored', label: 'initial weights',
    options: [
      { value: 'mirrored', label: 'mirrored hidden weights, bias ½' },
      { value: 'gaussian', label: 'N(0, 1) for every weight and bias' },
    ],
    hint: 'mirrored: w¹₂ = −w¹₁, so neither hidden ReLU starts dead',
  },
];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  // The lecture's network: exact weights, drawn once.
  const lecture = XorLab.lecture();
  r.lectureParams.innerHTML = paramsTeX(lecture.params(), 0);
  r.lectureTable.innerHTML = tableHTML(lecture, 'lecture');
  const lectureSpaces = createXorSpaces(r.lectureSpaces, { idPrefix: 'lecture' });
  lectureSpaces.update(lecture);
  lecture.free();

  // Training from random weights.
  const settings = createSettings({
    specs: PARAMS, container: r.settings, query: params, ctx, ignore: ['speed'],
    onChange: (_values, changed) => {
      if (changed !== 'eta') run.reset();
      seeds.setup(settings.values);
    },
  });
  const trainSpaces = createXorSpaces(r.trainSpaces, { idPrefix: 'train' });
  const chart = createLineChart(r.lossChart, {
    xLabel: 'gradient-descent steps', yLabel: 'cost C (log scale)', logY: true, series: [{ label: 'C' }],
  });
  const speed0 = Number(params.get('speed'));
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS,
    speed: SPEEDS.some((s) => s.value === speed0) ? speed0 : 10,
    stepTitle: 'One step of gradient descent', frame, step: () => advance(1), reset,
  });
  /** @type {any} */
  let lab = null;
  let plateau = { steps: 0, loss: Infinity };
  let beyond = false; // playing on after all four are right, until the loss stops falling
  const seeds = createSeedGrid(r.seeds, {
    onPick: (seed) => {
      settings.set({ seed });
      ctx.setQuery(settings.query(), { push: true });
      run.reset();
      r.trainTitle.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  });
  seeds.setup(settings.values);
  reset();

  function reset() {
    const { seed, init } = settings.values;
    const next = XorLab.randomWith(seed, init);
    lab?.free();
    lab = next;
    plateau = { steps: 0, loss: lab.loss() };
    beyond = false;
    delete root.dataset.outcome;
    chart.clear();
    chart.push(0, 0, lab.loss());
    chart.update();
    render();
    run.say(`Random weights from seed ${seed}: ${lab.correct()} of 4 right. Press ▶ Play to run gradient descent.`);
    return true;
  }

  /** @param {number} budgetMs @param {number} stepsPerFrame */
  function frame(budgetMs, stepsPerFrame) {
    const until = performance.now() + budgetMs;
    // Small chunks so the budget is kept; never more than the chosen speed.
    const chunk = Math.min(stepsPerFrame, 100);
    let done = 0;
    while (done < stepsPerFrame && performance.now() < until) {
      if (!advance(Math.min(chunk, stepsPerFrame - done), false)) break;
      done += chunk;
    }
    redraw();
  }

  /** Train `steps` steps and check whether the run is over. Returns false if it is. */
  function advance(steps, draw = true) {
    // Going on after all four are right: descend until the loss stops falling.
    if (root.dataset.outcome === 'solved') beyond = true;
    const loss = lab.train(steps, settings.values.eta);
    chart.push(0, lab.steps(), loss);
    if (draw) redraw();
    const correct = lab.correct();
    const done = lab.steps();
    if (!Number.isFinite(loss) || !lab.outputs().every(Number.isFinite)) {
      root.dataset.outcome = 'diverged';
      run.diverge('Training diverged (the outputs are not finite numbers) — lower η and press ↺ Reset.');
      return false;
    }
    if (correct === 4 && !beyond) {
      root.dataset.outcome = 'solved';
      run.finish(`All four points are right after ${int(done)} steps (C = ${short(loss)}). ` +
        '▶ Play goes on descending; or try another seed or η.', { canContinue: true });
      return false;
    }
    if (done - plateau.steps >= PLATEAU_STEPS) {
      const stalled = plateau.loss - loss <= PLATEAU_DROP * plateau.loss;
      if (correct === 4 && (stalled || done >= MAX_STEPS)) {
        root.dataset.outcome = 'converged';
        run.finish(`Converged: the loss stopped falling at C = ${short(loss)} after ${int(done)} steps, all four right.`);
        return false;
      }
      if (stalled || done >= MAX_STEPS) {
        root.dataset.outcome = 'stuck';
        run.finish(`Stuck: the loss stopped falling at C = ${short(loss)} with only ${correct} of 4 right — a local minimum. ` +
          `${deadText()}Try another seed (or η) and press ↺ Reset.`);
        return false;
      }
      plateau = { steps: done, loss };
    }
    if (run.state === 'running') run.say(`Training… step ${int(done)}, C = ${short(loss)}, ${correct} of 4 right.`);
    else if (run.state === 'paused') run.say(`Step ${int(done)}: C = ${short(loss)}, ${correct} of 4 right.`);
    return true;
  }

  function deadText() {
    const dead = [...lab.deadHidden()].map((d, j) => (d ? j + 1 : 0)).filter(Boolean);
    if (!dead.length) return '';
    const names = dead.map((j) => `h${'₁₂'[j - 1]}`).join(' and ');
    return `${names} ${dead.length > 1 ? 'are' : 'is'} dead (z ≤ 0 on all four inputs, so ReLU′ = 0 and no gradient reaches ${dead.length > 1 ? 'them' : 'it'}). `;
  }

  function redraw() {
    chart.update();
    render();
  }

  function render() {
    r.trainParams.innerHTML = paramsTeX(lab.params(), 2);
    r.trainTable.innerHTML = tableHTML(lab, 'train');
    r.steps.textContent = int(lab.steps());
    r.loss.textContent = short(lab.loss());
    r.loss.dataset.value = String(lab.loss());
    r.correct.textContent = `${lab.correct()} / 4`;
    r.correct.dataset.value = String(lab.correct());
    const dead = deadText();
    r.dead.hidden = !dead;
    r.dead.textContent = dead ? `Dead unit: ${dead}` : '';
    trainSpaces.update(lab);
  }

  return {
    pause() {
      run.pause();
      seeds.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.fromQuery(next);
      const speed = Number(next.get('speed'));
      if (SPEEDS.some((s) => s.value === speed)) run.speed = speed;
      run.reset();
      seeds.setup(settings.values);
    },
    destroy() {
      run.destroy();
      seeds.destroy();
      lectureSpaces.destroy();
      trainSpaces.destroy();
      chart.destroy();
      lab?.free();
      lab = null;
    },
  };
}

/** The four inputs' values: x, hidden h, output a, target y. Outputs that are not numbers are never ticked. */
function tableHTML(lab, id) {
  const h = lab.hidden();
  const a = lab.outputs();
  const y = lab.targets();
  const dead = id === 'lecture' ? [0, 0] : [...lab.deadHidden()];
  const exact = id === 'lecture';
  const f = (v) => (exact ? clean(v) : num(v, 3));
  const rows = INPUTS.map(([x1, x2], i) => {
    const ok = Number.isFinite(a[i]) && a[i] > 0.5 === y[i] > 0.5;
    return `<tr class="${ok ? 'ok' : 'bad'}">
      <td>${x1}</td><td>${x2}</td>
      <td class="sep${dead[0] ? ' dead' : ''}">${f(h[2 * i])}</td><td class="${dead[1] ? 'dead' : ''}">${f(h[2 * i + 1])}</td>
      <td class="sep out" data-testid="${id}-output" data-value="${a[i]}">${f(a[i])}</td>
      <td>${clean(y[i])}</td>
      <td class="mark" aria-label="${ok ? 'right' : 'wrong'}">${ok ? '✓' : '✗'}</td></tr>`;
  });
  const th = (latex, cls = '', title = '') => `<th${cls ? ` class="${cls}"` : ''}${title ? ` title="${title}"` : ''}>${tex(latex)}</th>`;
  return `<thead><tr>${th('x_1')}${th('x_2')}${th('h_1', `sep${dead[0] ? ' dead' : ''}`)}${th('h_2', dead[1] ? 'dead' : '')}
    ${th('a', 'sep', 'output')}${th('y', '', 'target')}<th><span class="sr-only">right?</span></th></tr></thead>
    <tbody>${rows.join('')}</tbody>`;
}

/** W¹, b¹, w², b² typeset with their values: [W11, W12, W21, W22, b1_1, b1_2, v1, v2, c]. */
function paramsTeX(p, digits) {
  const m = (values, rows, cols) => texMatrix(values, rows, cols, { digits });
  return [
    `W^1 = ${m([p[0], p[1], p[2], p[3]], 2, 2)}`,
    `b^1 = ${m([p[4], p[5]], 2, 1)}`,
    `w^2 = ${m([p[6], p[7]], 1, 2)}`,
    `b^2 = ${texNumber(p[8], digits)}`,
  ].map((s) => `<span class="eq">${tex(s)}</span>`).join('');
}

/** Whole numbers as "1", others with 3 decimals. */
function clean(v) {
  return Math.abs(v - Math.round(v)) < 1e-6 ? num(Math.round(v), 0) : num(v, 3);
}

function template(number) {
  return `${chapterOpen({
    id: 'xor', number, kicker: 'Example', title: 'XOR: a hidden layer makes it separable',
    lede: 'No single neuron computes XOR: no line separates (0,1) and (1,0) from (0,0) and (1,1). ' +
      'Two ReLU neurons in a hidden layer move the four points to where one line does.',
  })}
  <section class="panel" aria-labelledby="xor-lecture-title">
    <h2 id="xor-lecture-title">The lecture’s network</h2>
    <div class="network">
      <div class="formulas">
        ${formulaHTML('h = \\operatorname{ReLU}(W^1 x + b^1), \\quad \\operatorname{ReLU}(z) = \\max(0, z)')}
        ${formulaHTML('a = w^2 \\cdot h + b^2', 'identity output; class 1 if <var>a</var> &gt; 0.5')}
        ${formulaHTML('C = \\frac{1}{2n} \\sum_x \\lVert y(x) - a(x) \\rVert^2')}
        <p class="params" data-ref="lectureParams" data-testid="lecture-params"></p>
      </div>
      <div class="table-wrap"><table class="values" data-ref="lectureTable" data-testid="lecture-table"></table></div>
    </div>
    <div data-ref="lectureSpaces"></div>
  </section>

  <section class="panel" aria-labelledby="xor-train-title">
    <h2 id="xor-train-title" data-ref="trainTitle">Learn it: gradient descent from random weights</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('w \\to w - \\eta \\frac{\\partial C}{\\partial w}', 'each step, for all nine parameters; full batch: the four points')}
        <form class="settings" data-ref="settings" novalidate></form>
        <div data-ref="run"></div>
        <p class="stats">step <strong data-ref="steps" data-testid="steps">0</strong>
          · ${tex('C')} = <strong data-ref="loss" data-testid="loss">–</strong>
          · right: <strong data-ref="correct" data-testid="correct">–</strong></p>
        <p class="hint dead-note" data-ref="dead" data-testid="dead" hidden></p>
        <p class="params" data-ref="trainParams" data-testid="train-params"></p>
        <div class="table-wrap"><table class="values" data-ref="trainTable" data-testid="train-table"></table></div>
      </div>
      <div class="bench-view">
        <div data-ref="trainSpaces"></div>
        <figure class="chart short">
          <canvas data-ref="lossChart" data-testid="loss-chart" role="img" aria-label="Cost per gradient-descent step"></canvas>
          <figcaption>The cost ${tex('C')} as gradient descent runs (log scale).</figcaption>
        </figure>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="xor-seeds-title">
    <h2 id="xor-seeds-title">Many seeds at once: which starts solve it?</h2>
    <div data-ref="seeds"></div>
  </section>
  <p class="note">The same idea on more data — circles, spirals, K classes, up to six hidden layers with a heatmap in
    every neuron: <a href="#/playground?dataset=xor&amp;hidden=2&amp;activation=relu&amp;eta=0.01">the Playground, starting from XOR</a>.</p>
</section>`;
}
