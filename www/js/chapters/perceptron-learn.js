// @ts-check
/**
 * "Learn weights!": the perceptron learning rule w ← w + η(y − ŷ)x, b ← b + η(y − ŷ), one row of a
 * gate's truth table per step, with the separating line in the input plane. On a linearly separable
 * gate it converges; on XOR the core sees the weights come back to where they were and the run
 * finishes, saying why (and pointing at the XOR chapter).
 *
 * data-state is the kit's; when finished, the chapter root's data-outcome is converged | cycled | bound.
 */
import { PerceptronLearner, perceptronOutput, gateTruthTable } from '../wasm.js';
import { int } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings } from '../kit/settings.js';
import { createRunController } from '../kit/run.js';
import { formulaHTML } from '../kit/chapter.js';
import { createPlane } from '../views/plane.js';
import { fmt } from './perceptron-bits.js';

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const RANGE = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
/** A backstop if the core never reports convergence or a cycle. */
const MAX_EPOCHS = 1000;
export const SPEEDS = [1, 2, 5, 20, 100, 1000].map((v) => ({ value: v, label: `${v} row${v > 1 ? 's' : ''} / s` }));
const DEFAULT_SPEED = 2;

/** @type {import('../kit/params.js').ParamSpec[]} */
export const LEARN_PARAMS = [
  {
    name: 'gate', type: 'choice', default: 'and', label: 'gate to learn',
    options: [
      { value: 'and', label: 'AND' }, { value: 'or', label: 'OR' }, { value: 'nand', label: 'NAND' },
      { value: 'nor', label: 'NOR' }, { value: 'xor', label: 'XOR (try it!)' },
    ],
  },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 10, default: 1, label: 'learning rate', tex: '\\eta' },
  { name: 'iw1', type: 'number', min: -10, max: 10, default: 0, label: 'initial weight', tex: 'w_1', group: 'more' },
  { name: 'iw2', type: 'number', min: -10, max: 10, default: 0, label: 'initial weight', tex: 'w_2', group: 'more' },
  { name: 'ib', type: 'number', min: -10, max: 10, default: 0, label: 'initial bias', tex: 'b', group: 'more' },
];
export const LEARN_KEYS = [...LEARN_PARAMS.map((p) => p.name), 'speed'];

/**
 * @param {HTMLElement} container
 * @param {{query: URLSearchParams, ctx: import('../kit/settings.js').ChapterContext, root: HTMLElement}} o
 */
export function createLearnPart(container, { query, ctx, root }) {
  container.innerHTML = template();
  const r = {};
  for (const el of container.querySelectorAll('[data-ref]')) r[/** @type {HTMLElement} */ (el).dataset.ref] = el;

  const settings = createSettings({
    specs: LEARN_PARAMS, container: r.settings, query, ctx, ignore: ['speed'],
    onChange: () => run.reset(),
  });
  const plane = createPlane(r.plane, { xLabel: 'x₁', yLabel: 'x₂' });
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS, speed: speedFrom(query), idPrefix: 'learn',
    stepTitle: 'Apply the rule to the next row of the truth table', frame, step: () => advance(), reset,
    onPlay: () => { credit = 1; last = performance.now(); },
  });
  run.speedSelect?.addEventListener('change', () => ctx.setQuery(''));

  /** @type {any} */
  let learner = null;
  /** @type {Uint8Array} */
  let targets = new Uint8Array(4);
  let lastRow = -1;
  let credit = 0;
  let last = 0;
  /** The step to explain at the next render (Play explains only the last step of a frame). */
  /** @type {{s: number[], before: number[]}|null} */
  let lastStepValues = null;
  reset();

  function reset() {
    const { gate, eta, iw1, iw2, ib } = settings.values;
    const next = new PerceptronLearner(gate, eta, iw1, iw2, ib);
    learner?.free();
    learner = next;
    targets = gateTruthTable(gate);
    lastRow = -1;
    delete root.dataset.outcome;
    r.xorNote.hidden = true;
    r.lastStep.innerHTML = '';
    lastStepValues = null;
    render();
    run.say(`Learning ${gate.toUpperCase()} from w = (${fmt(iw1)}, ${fmt(iw2)}), b = ${fmt(ib)}. ` +
      'Press Step › for one row of the table, or ▶ Play.');
    return true;
  }

  /** @param {number} budgetMs @param {number} rowsPerSecond */
  function frame(budgetMs, rowsPerSecond) {
    const now = performance.now();
    credit = Math.min(credit + (rowsPerSecond * (now - last)) / 1000, Math.max(1, rowsPerSecond / 10));
    last = now;
    const until = now + budgetMs;
    let drew = false;
    while (credit >= 1 && performance.now() < until) {
      credit -= 1;
      drew = true;
      if (!advance(false)) break;
    }
    if (drew) render();
  }

  /** One row of the rule. Returns false when the run is over. */
  function advance(draw = true) {
    const before = [...learner.weights()];
    const s = learner.step();
    lastRow = s[0];
    if (draw) explain([...s], before);
    else r.lastStep.dataset.pending = '1';
    lastStepValues = { s: [...s], before };
    const gate = settings.values.gate.toUpperCase();
    if (learner.converged()) {
      if (!draw) render();
      root.dataset.outcome = 'converged';
      run.finish(`Learned ${gate}: a whole epoch without a mistake, after ${int(learner.epoch)} epochs (${int(learner.steps)} steps). ` +
        'All four rows are right.');
      return false;
    }
    if (learner.cycled()) {
      if (!draw) render();
      root.dataset.outcome = 'cycled';
      r.xorNote.hidden = false;
      run.finish(`${gate} never converges: no line separates its points, so every epoch some row is wrong and the rule ` +
        `cycles through the same weights forever (it came back to weights it had before, in epoch ${int(learner.epoch)}).`);
      return false;
    }
    if (learner.epoch >= MAX_EPOCHS) {
      if (!draw) render();
      root.dataset.outcome = 'bound';
      r.xorNote.hidden = gate !== 'XOR';
      run.finish(`Stopped after ${int(MAX_EPOCHS)} epochs: ${gate} still has ${learner.errorsThisEpoch} wrong rows this epoch. ` +
        'If no line separates the points the rule never converges.');
      return false;
    }
    if (draw) render();
    if (run.state === 'paused') run.say(`Epoch ${int(learner.epoch)}, step ${int(learner.steps)}: row ${s[0] + 1} ${s[5] ? 'was wrong, so the weights moved' : 'was right, nothing changes'}.`);
    else run.say(`Learning ${gate}… epoch ${int(learner.epoch)}.`);
    return true;
  }

  /** The step just taken, typeset with its numbers. @param {number[]} s @param {number[]} before */
  function explain(s, before) {
    const [row, x1, x2, y, yHat, updated, w1, w2, b] = s;
    const eta = settings.values.eta;
    const head = `\\text{row } ${row + 1}:\\; x = (${x1}, ${x2}),\\; y = ${y},\\; \\hat y = ${yHat}`;
    const body = updated
      ? `w \\leftarrow (${fmt(before[0])}, ${fmt(before[1])}) + ${fmt(eta)}\\,(${y} - ${yHat})\\,(${x1}, ${x2}) = (${fmt(w1)}, ${fmt(w2)}),\\quad` +
        ` b \\leftarrow ${fmt(before[2])} + ${fmt(eta)}\\,(${y} - ${yHat}) = ${fmt(b)}`
      : 'y = \\hat y:\\; \\text{no change}';
    r.lastStep.innerHTML = `${tex(head)}<br>${tex(body)}`;
    delete r.lastStep.dataset.pending;
  }

  function render() {
    if (r.lastStep.dataset.pending && lastStepValues) explain(lastStepValues.s, lastStepValues.before);
    const [w1, w2, b] = learner.weights();
    const w = new Float32Array([w1, w2]);
    const out = INPUTS.map((x) => perceptronOutput(w, new Float32Array(x), b));
    const right = out.filter((v, i) => v === targets[i]).length;
    r.weights.innerHTML = tex(`w = (${fmt(w1)}, ${fmt(w2)}),\\quad b = ${fmt(b)}`);
    r.weights.dataset.value = `${w1},${w2},${b}`;
    r.epoch.textContent = int(learner.epoch);
    r.steps.textContent = int(learner.steps);
    r.errors.textContent = String(learner.errorsThisEpoch);
    r.right.textContent = `${right} / 4`;
    r.right.dataset.value = String(right);
    r.table.innerHTML = `<thead><tr><th>row</th><th>${tex('x_1')}</th><th>${tex('x_2')}</th><th class="sep">${tex('y')}</th>
      <th>${tex('\\hat y')}</th><th><span class="sr-only">right?</span></th></tr></thead><tbody>${INPUTS.map(([a, c], i) => {
      const ok = out[i] === targets[i];
      const current = i === lastRow;
      return `<tr class="${ok ? 'ok' : 'bad'}${current ? ' current' : ''}"${current ? ' aria-current="true"' : ''} data-testid="learn-row">
        <td>${i + 1}</td><td>${a}</td><td>${c}</td><td class="sep">${targets[i]}</td>
        <td class="out" data-testid="learn-output" data-value="${out[i]}">${out[i]}</td>
        <td class="mark" aria-label="${ok ? 'right' : 'wrong'}">${ok ? '✓' : '✗'}</td></tr>`;
    }).join('')}</tbody>`;
    const line = { a: w1, b: w2, c: -b };
    // With w = 0 there is no line: the output is the same everywhere, 1 if b > 0.
    const flat = w1 === 0 && w2 === 0;
    plane.draw({
      range: RANGE, halfPlane: flat ? { a: 0, b: 0, c: b > 0 ? -1 : 1 } : line, line: flat ? undefined : line,
      points: INPUTS.map(([a, c], i) => ({
        x: a, y: c, cls: targets[i], ok: out[i] === targets[i], label: `${i === lastRow ? '▶ ' : ''}(${a},${c})`,
      })),
    });
    const term = (v) => `${v < 0 ? '-' : '+'} ${fmt(Math.abs(v))}`;
    r.lineText.innerHTML = tex(`${fmt(w1)}\\,x_1 ${term(w2)}\\,x_2 ${term(b)} = 0`);
  }

  return {
    query: () => {
      const speed = run.speed;
      return [settings.query(), speed !== DEFAULT_SPEED ? `speed=${speed}` : ''].filter(Boolean).join('&');
    },
    /** @param {URLSearchParams} next */
    fromQuery(next) {
      settings.fromQuery(next);
      run.speed = speedFrom(next);
      run.reset();
    },
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      plane.destroy();
      learner?.free();
      learner = null;
    },
  };
}

/** @param {URLSearchParams} query */
function speedFrom(query) {
  const v = Number(query.get('speed'));
  return SPEEDS.some((s) => s.value === v) ? v : DEFAULT_SPEED;
}

function template() {
  return `<section class="panel" aria-labelledby="pc-learn-title">
    <h2 id="pc-learn-title">Learn weights! The perceptron learning rule</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} w &\\leftarrow w + \\eta\\,(y - \\hat y)\\,x \\\\ b &\\leftarrow b + \\eta\\,(y - \\hat y) \\end{aligned}',
          `one row of the truth table per step: ${tex('y')} is the target, ${tex('\\hat y')} the perceptron’s output; a right row changes nothing`)}
        <form class="settings" data-ref="settings" novalidate></form>
        <div data-ref="run"></div>
        <p class="note xor-note" data-ref="xorNote" data-testid="xor-note" hidden>No single line puts XOR’s
          (0,1) and (1,0) on one side and (0,0) and (1,1) on the other, so the rule can never stop.
          A hidden layer fixes it: <a href="#/xor" data-testid="xor-link">see Example: XOR →</a></p>
        <p class="stats">epoch <strong data-ref="epoch" data-testid="learn-epoch">0</strong>
          · steps <strong data-ref="steps" data-testid="learn-steps">0</strong>
          · errors this epoch <strong data-ref="errors" data-testid="learn-errors">0</strong>
          · right now <strong data-ref="right" data-testid="learn-right">–</strong></p>
        <p class="learn-weights" data-ref="weights" data-testid="learn-weights"></p>
        <div class="last-step" data-ref="lastStep" data-testid="learn-last-step" aria-live="polite"></div>
      </div>
      <div class="bench-view learn-view">
        <div class="table-wrap"><table class="values learn-table" data-ref="table" data-testid="learn-table"></table></div>
        <figure class="space">
          <canvas data-ref="plane" data-testid="learn-plane" role="img"
            aria-label="The four inputs coloured by target, and the perceptron's separating line"></canvas>
          <figcaption>Points coloured by target: <span class="swatch pt1"></span> 1, <span class="swatch pt0"></span> 0;
            a red ring marks a wrong row, ▶ the row just used. Shaded <span class="swatch s1"></span> where the output is 1.
            The line: <span data-ref="lineText"></span></figcaption>
        </figure>
      </div>
    </div>
  </section>`;
}
