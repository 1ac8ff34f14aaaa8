// @ts-check
/**
 * One epoch of Nielsen's `SGD` / `update_mini_batch`, one line per step, on the line fit: the shuffled
 * order sliced into mini-batches, the sample being back-propagated, the running sums nabla and the
 * update — all from the core's `SgdStepper`; the code from the slide beside it with the line just run
 * highlighted.
 */
import { SgdStepper } from '../wasm.js';
import { esc, num } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createContour } from '../views/contour.js';
import { colors } from '../views/canvas.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
export const EPOCH_PARAMS = [
  { name: 'epN', type: 'int', min: 2, max: 40, default: 12, label: 'training samples', tex: 'n' },
  { name: 'epM', type: 'int', min: 1, max: 40, default: 4, label: 'mini-batch size', tex: 'm' },
  { name: 'epEta', type: 'number', min: 0, minExclusive: true, max: 2, default: 0.5, label: 'learning rate', tex: '\\eta' },
  { name: 'epSeed', type: 'int', min: 0, max: 2 ** 53, default: 2, label: 'seed', always: true },
];

/** The slide's code; `phase` marks the lines a step of that kind runs. */
const CODE = [
  ['def SGD(self, training_data, epochs, mini_batch_size, eta):', ''],
  ['    n = len(training_data)', ''],
  ['    for j in xrange(epochs):', ''],
  ['        random.shuffle(training_data)', 'shuffle'],
  ['        mini_batches = [training_data[k:k+mini_batch_size]', 'slice'],
  ['                        for k in xrange(0, n, mini_batch_size)]', 'slice'],
  ['        for mini_batch in mini_batches:', ''],
  ['            self.update_mini_batch(mini_batch, eta)', ''],
  ['', ''],
  ['def update_mini_batch(self, mini_batch, eta):', ''],
  ['    nabla_b = [np.zeros(b.shape) for b in self.biases]', 'zero'],
  ['    nabla_w = [np.zeros(w.shape) for w in self.weights]', 'zero'],
  ['    for x, y in mini_batch:', 'sample'],
  ['        delta_nabla_b, delta_nabla_w = self.backprop(x, y)', 'sample'],
  ['        nabla_b = [nb+dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]', 'sample'],
  ['        nabla_w = [nw+dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]', 'sample'],
  ['    self.weights = [w-(eta/len(mini_batch))*nw', 'update'],
  ['                    for w, nw in zip(self.weights, nabla_w)]', 'update'],
  ['    self.biases = [b-(eta/len(mini_batch))*nb', 'update'],
  ['                   for b, nb in zip(self.biases, nabla_b)]', 'update'],
];

/**
 * @param {any} r  the chapter’s refs (data-ref elements)
 * @param {{root: HTMLElement, values: () => Record<string, any>}} o
 */
export function createEpochPanel(r, { root, values }) {
  r.epochCode.innerHTML = CODE.map(([line, phase]) => `<span class="code-line" data-phase="${phase}">${esc(line) || ' '}</span>`).join('\n');
  const scatter = createContour(/** @type {HTMLCanvasElement} */ (r.epochData), { xLabel: 'x', yLabel: 'y' });
  /** @type {any} */
  let stepper = null;
  const run = createRunController({
    container: r.epochRun, stateElement: root, idPrefix: 'epoch', keys: false, stepTitle: 'Run one line of the code',
    speeds: [{ value: 1, label: 'slow' }, { value: 4, label: 'fast' }], speed: 1,
    frame: (_b, speed) => {
      frames += 1;
      if (frames % (speed === 1 ? 20 : 5) === 0) advance();
    },
    step: advance, reset,
  });
  let frames = 0;

  function reset() {
    const v = values();
    stepper?.free();
    stepper = new SgdStepper(v.epN, v.epSeed, 0.4, Math.min(v.epM, v.epN), v.epEta, -0.5, 2.5, v.epSeed);
    draw();
    run.say('Step runs one line of the code; ▶ Play runs them one after another.');
    return true;
  }

  function advance() {
    const phase = stepper.step();
    draw();
    if (phase === 'shuffle' && stepper.epoch > 1) {
      run.finish(`Epoch ${stepper.epoch - 1} is done: ${stepper.batches} updates, one per mini-batch. ▶ Play goes on with the next epoch.`, { canContinue: true });
    } else if (run.state !== 'running') run.say(sayPhase(phase));
  }

  function sayPhase(phase) {
    const m = stepper.batchIndices().length;
    return {
      shuffle: `Epoch ${stepper.epoch}: the training data shuffled.`,
      slice: `Sliced into ${stepper.batches} mini-batches of up to ${values().epM}.`,
      zero: `Mini-batch ${stepper.batch + 1} of ${stepper.batches}: nabla set to zero.`,
      sample: `Sample ${stepper.sample} of ${m}: its gradient added to nabla.`,
      update: `w and b updated with η/m times the sum of the ${m} gradients.`,
    }[phase] || '';
  }

  function draw() {
    const phase = stepper.phase;
    for (const el of r.epochCode.querySelectorAll('.code-line')) {
      el.classList.toggle('running', Boolean(phase) && /** @type {HTMLElement} */ (el).dataset.phase === phase);
    }
    r.epochPanel.dataset.phase = phase;
    const order = stepper.order();
    const batch = new Set(stepper.batchIndices());
    const done = phase === 'sample' || phase === 'update' ? stepper.sample : 0;
    const current = phase === 'sample' ? stepper.batchIndices()[stepper.sample - 1] : -1;
    const m = Math.min(values().epM, values().epN);
    const sliced = phase !== 'shuffle' && phase !== '';
    r.epochOrder.innerHTML = Array.from(order, (i, k) => {
      const inBatch = sliced && batch.has(i);
      const cls = ['chip', inBatch ? 'in-batch' : '', i === current ? 'current' : '', inBatch && [...batch].indexOf(i) < done ? 'done' : ''].join(' ');
      const gap = sliced && k > 0 && k % m === 0 ? '<span class="batch-gap" aria-hidden="true"></span>' : '';
      return `${gap}<span class="${cls}" data-index="${i}">${i}</span>`;
    }).join('');
    const [w, b] = stepper.params();
    const [nw, nb] = stepper.nabla();
    const xs = stepper.xs(), ys = stepper.ys();
    scatter.draw({
      range: { xMin: 0, xMax: 2, yMin: -2, yMax: 4 },
      marks: Array.from(xs, (x, i) => ({
        x, y: ys[i], radius: i === current ? 6 : 4,
        color: i === current ? colors.wrong : batch.has(i) && sliced ? colors.class1 : colors.class0,
        label: i === current ? String(i) : undefined,
      })),
      paths: [{ points: [0, b, 2, 2 * w + b], color: colors.ink, width: 2.5 }],
    });
    r.epochNums.innerHTML = tex(`\\begin{aligned} &\\text{epoch } ${stepper.epoch},\\ \\text{mini-batch } ${Math.min(stepper.batch + 1, stepper.batches)} / ${stepper.batches},\\ \\text{updates } ${stepper.updates} \\\\
      \\textstyle\\sum_x \\nabla_w C_x &= ${texNumber(nw, 4)},\\quad \\textstyle\\sum_x \\nabla_b C_x = ${texNumber(nb, 4)} \\\\
      w &= ${texNumber(w, 4)},\\quad b = ${texNumber(b, 4)},\\quad C = ${texNumber(stepper.cost(), 4)} \\end{aligned}`, true);
    Object.assign(r.epochNums.dataset, { w: String(w), b: String(b), updates: String(stepper.updates), epoch: String(stepper.epoch) });
    r.epochCount.textContent = `${num(stepper.updates, 0)} updates`;
  }

  reset();
  return {
    update() {
      run.pause();
      run.reset();
    },
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      scatter.destroy();
      stepper?.free();
    },
  };
}

export function epochHTML() {
  return `<div class="workbench">
    <div class="bench-controls">
      <form class="settings" data-ref="epochSettings" novalidate></form>
      <div data-ref="epochRun"></div>
    </div>
    <div class="bench-view">
      <pre class="code" data-ref="epochCode" data-testid="epoch-code" aria-label="Nielsen's SGD and update_mini_batch"></pre>
      <p class="hint">The training data in its shuffled order, sliced into mini-batches; the current mini-batch in orange, the sample being back-propagated in red.
        <span data-ref="epochCount" class="sr-only"></span></p>
      <div class="chips" data-ref="epochOrder" data-testid="epoch-order"></div>
      <div class="formula" data-ref="epochNums" data-testid="epoch-numbers"></div>
      <figure class="chart short"><canvas data-ref="epochData" data-testid="epoch-data" role="img" aria-label="The samples and the current line"></canvas>
        <figcaption>The samples and the line ${tex('\\hat y = w x + b')} as it learns, one update per mini-batch.</figcaption></figure>
    </div>
  </div>`;
}
