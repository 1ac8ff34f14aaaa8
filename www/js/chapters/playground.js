// @ts-check
/**
 * Chapter "Playground": TensorFlow Playground's 2-D sets and small networks, trained by the same core
 * Trainer as MNIST — plus K classes with softmax, an activation per layer, every optimizer and schedule,
 * dropout and batch norm, the hidden feature space of any two neurons, and a formula for each control.
 *
 * Every frame: a slice of mini-batches, then one batched core call computes the activation of every
 * neuron over a G × G grid, read as a Float32Array view of wasm memory (valid only until the next call
 * into the run, so it is painted at once), then train/test loss. The whole state, seed included, is in
 * the URL. data-state is the kit's run state.
 */
import { Playground, wasmMemory } from '../wasm.js';
import { refs, num, short } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createSettings } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';
import { fitCanvas, colors } from '../views/canvas.js';
import {
  PARAMS, FORMULAS, VIEW_ONLY, LIVE, FEATURES, MAX_LAYERS, MAX_NEURONS, configOf, setupOf, crossProblems, outputsOf,
  problemOf, DATASETS,
} from './playground-params.js';
import { paintClasses, paintValues, drawPoints, CLASS_COLORS } from './playground-paint.js';
import { createNetwork, sub } from './playground-network.js';

/** Grid cells per side of every heatmap. */
const RESOLUTION = 40;
/** While playing, the loss curves and the feature space are redrawn every third frame each (not in the same one). */
const SLOW_EVERY = 3;
const BIAS_OPTION = '<option value="-1">bias b</option>';
const SPEEDS = [1, 5, 20, 100].map((v) => ({ value: v, label: `${v} mini-batch${v > 1 ? 'es' : ''} / frame` }));

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('playground');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  const settings = createSettings({
    specs: PARAMS, container: r.settings, query: params, ctx, ignore: ['speed'],
    onChange: (values, changed) => {
      if (changed === 'problem' && problemOf(values.dataset) !== values.problem) {
        settings.set({ dataset: DATASETS.find((d) => d.problem === values.problem)?.value });
        ctx.setQuery(settings.query());
      }
      if (changed && VIEW_ONLY.has(changed)) {
        draw();
        drawOverlay();
      } else if (changed && LIVE.has(changed) && pg) {
        setRates(values);
      } else run.reset();
    },
  });
  const network = createNetwork(r.network, {
    maxLayers: MAX_LAYERS, maxNeurons: MAX_NEURONS,
    onPick: (l, j, k) => pick(l, j, k),
    onHidden: (hidden) => {
      settings.set({ hidden });
      ctx.setQuery(settings.query(), { push: true });
      run.reset();
    },
  });
  const chart = createLineChart(r.lossChart, {
    xLabel: 'epochs', yLabel: 'loss C', series: [{ label: 'training' }, { label: 'test' }], yFloor: 0,
  });
  const speed0 = Number(params.get('speed'));
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS, speed: SPEEDS.some((s) => s.value === speed0) ? speed0 : 20,
    stepTitle: 'Train one mini-batch', frame, step: () => advance(1), reset,
    onPause: () => {
      if (!pg) return;
      record(epochsSeen);
      draw();
      run.say(`Paused at epoch ${num(epochsSeen, 2)}: training loss ${short(Number(r.trainLoss.dataset.value))}. ▶ Play goes on; Step trains one mini-batch.`);
    },
  });
  run.onFps = (fps) => {
    r.fps.textContent = num(fps, 0);
    r.fps.dataset.value = String(fps);
  };
  const outputCtx = /** @type {CanvasRenderingContext2D} */ (r.output.getContext('2d'));
  r.output.width = RESOLUTION;
  r.output.height = RESOLUTION;
  const outputImage = outputCtx.createImageData(RESOLUTION, RESOLUTION);

  /** @type {any} */
  let pg = null;
  /** @type {{train: Float32Array, test: Float32Array}} */
  let points = { train: new Float32Array(), test: new Float32Array() };
  let outputs = 2;
  let nTrain = 1;
  /** @type {[number, number, number]|null} */
  let picked = null;
  let frames = 0;
  let epochsSeen = 0;

  wireFormulas();
  r.weightForm.addEventListener('submit', (e) => {
    e.preventDefault();
    setWeight();
  });
  r.weightForm.addEventListener('change', (e) => {
    if (/** @type {HTMLElement} */ (e.target).dataset.ref !== 'weightValue') pickFromForm();
  });
  /** Canvases sized to their boxes: measured once per resize, never in a training frame (a read forces layout). */
  const sized = new Map();
  const canvasOf = (canvas) => {
    if (!sized.has(canvas)) sized.set(canvas, fitCanvas(canvas));
    return sized.get(canvas);
  };
  const onResize = () => {
    if (!pg) return;
    sized.clear();
    network.build(Array.from(pg.sizes()), inputLabels(), RESOLUTION);
    draw();
    drawOverlay();
  };
  const resizeObserver = new ResizeObserver(() => onResize());
  resizeObserver.observe(r.network);
  resizeObserver.observe(r.overlay);
  reset();

  function inputLabels() {
    return FEATURES.filter((f) => settings.values[f.name]).map((f) => f.label);
  }

  /** Build the run from the settings; false (the old run kept) if they are invalid. */
  function reset() {
    const v = settings.values;
    const problems = crossProblems(v);
    if (problems.length) {
      settings.showErrors(problems);
      return false;
    }
    let next;
    try {
      next = new Playground(setupOf(v), configOf(v));
    } catch (err) {
      settings.showErrors([String(/** @type {Error} */ (err).message || err)]);
      return false;
    }
    pg?.free();
    pg = next;
    points = { train: pg.points('train'), test: pg.points('test') };
    nTrain = points.train.length / 3;
    outputs = outputsOf(v);
    picked = null;
    r.weightError.hidden = true;
    r.weightValue.removeAttribute('aria-invalid');
    network.build(Array.from(pg.sizes()), inputLabels(), RESOLUTION);
    fillWeightForm();
    chart.clear();
    epochsSeen = 0;
    record(0);
    draw();
    drawOverlay();
    r.regressionNote.hidden = outputs !== 1;
    run.say(`${nTrain} training and ${points.test.length / 3} test points from seed ${v.seed}. Press ▶ Play to train.`);
    return true;
  }

  /** @param {number} budgetMs @param {number} batchesPerFrame */
  function frame(budgetMs, batchesPerFrame) {
    const until = performance.now() + budgetMs;
    let done = 0;
    let last = null;
    while (done < batchesPerFrame && performance.now() < until) {
      last = pg.step(Math.min(batchesPerFrame - done, 25));
      done += Math.max(1, last.batchesRun);
      if (last.diverged) break;
    }
    frames += 1;
    if (last) after(last, frames % SLOW_EVERY);
  }

  function advance(batches) {
    after(pg.step(batches));
  }

  /**
   * After training: the curves, the pictures, the status. `phase` (while playing): 0 records the losses,
   * 1 redraws the feature space, others neither — each is a few milliseconds with the largest network.
   */
  function after(progress, phase = -1) {
    const epochs = progress.samplesSeen / nTrain;
    epochsSeen = epochs;
    if (phase <= 0 || progress.diverged) record(epochs);
    draw(phase < 0 || phase === 1);
    if (progress.diverged) {
      run.diverge(`Training diverged (the ${progress.divergence} stopped being finite numbers) — lower η and press ↺ Reset.`);
    } else if (run.state !== 'running') {
      run.say(`Epoch ${num(epochs, 2)}: training loss ${short(Number(r.trainLoss.dataset.value))}.`);
    }
  }

  /** Losses (and accuracy) on both splits, into the stats and the chart. */
  function record(epochs) {
    const train = pg.metrics('train');
    const test = pg.metrics('test');
    r.epoch.textContent = num(epochs, 1);
    r.epoch.dataset.value = String(epochs);
    for (const [el, value] of [[r.trainLoss, train.loss], [r.testLoss, test.loss]]) {
      el.textContent = short(value);
      el.dataset.value = String(value);
    }
    const classes = outputs > 1;
    r.accuracy.hidden = !classes;
    r.testAccuracy.textContent = classes ? `${num(100 * test.accuracy, 1)}%` : '–';
    r.testAccuracy.dataset.value = String(test.accuracy);
    r.trainAccuracy.textContent = classes ? `${num(100 * train.accuracy, 1)}%` : '–';
    chart.push(0, epochs, train.loss);
    chart.push(1, epochs, test.loss);
    chart.update();
  }

  /** Every picture: the grid view of wasm memory is read here and nowhere else. */
  function draw(space = true) {
    if (!pg) return;
    const v = settings.values;
    const address = pg.gridActivations(RESOLUTION);
    const grid = new Float32Array(wasmMemory().buffer, address, pg.gridLength);
    const sizes = Array.from(pg.sizes());
    const cells = RESOLUTION * RESOLUTION;
    const outputOffset = cells * sizes.slice(0, -1).reduce((a, b) => a + b, 0);
    if (outputs > 1) paintClasses(outputImage, grid, outputOffset, outputs, v.discretize);
    else paintValues(outputImage, grid, outputOffset, v.discretize);
    outputCtx.putImageData(outputImage, 0, 0);
    const weights = sizes.slice(1).map((_, i) => pg.weights(i + 2));
    network.paint(grid, RESOLUTION, weights, { classes: outputs > 1 ? outputs : 0, discretize: v.discretize });
    if (space) drawSpace();
    if (picked) r.weightCurrent.textContent = num(parameter(...picked), 4);
  }

  function drawOverlay() {
    const { ctx: c, width, height } = canvasOf(r.overlay);
    c.clearRect(0, 0, width, height);
    const classes = outputs > 1 ? outputs : 0;
    drawPoints(c, points.train, { width, height, classes });
    if (settings.values.showTest) drawPoints(c, points.test, { width, height, classes, test: true });
  }

  /** The hidden feature space: every training point at (a^l_i, a^l_j), as in the XOR chapter. */
  function drawSpace() {
    const v = settings.values;
    const sizes = Array.from(pg.sizes());
    const l = Math.min(v.spaceLayer || sizes.length - 1, sizes.length);
    const n = sizes[l - 1];
    const i = Math.min(v.spaceI, n) - 1;
    const j = Math.min(v.spaceJ, n) - 1;
    const a = pg.layerActivations('train', l);
    const xy = new Float32Array(3 * nTrain);
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = 0; p < nTrain; p++) {
      const x = a[p * n + i];
      const y = n > 1 ? a[p * n + j] : 0;
      xy[3 * p] = x;
      xy[3 * p + 1] = y;
      xy[3 * p + 2] = points.train[3 * p + 2];
      if (Number.isFinite(x) && Number.isFinite(y)) {
        lo = Math.min(lo, x, y);
        hi = Math.max(hi, x, y);
      }
    }
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    const pad = 0.08 * (hi - lo);
    const range = { xMin: lo - pad, xMax: hi + pad, yMin: lo - pad, yMax: hi + pad };
    const { ctx: c, width, height } = canvasOf(r.space);
    c.fillStyle = colors.paper;
    c.fillRect(0, 0, width, height);
    c.strokeStyle = colors.grid;
    c.strokeRect(0.5, 0.5, width - 1, height - 1);
    drawPoints(c, xy, { width, height, classes: outputs > 1 ? outputs : 0, range });
    const line = l === sizes.length - 1 && n === 2 && outputs <= 2 ? decisionLine(l + 1) : null;
    if (line) drawLine(c, line, range, width, height);
    const name = l === 1 ? 'the inputs' : l === sizes.length ? 'the outputs' : `hidden layer ${l}`;
    r.spaceCaption.innerHTML = `${tex(`(a^{${l}}_{${i + 1}},\\ a^{${l}}_{${n > 1 ? j + 1 : i + 1}})`)} of every training point: ${name}
      (axes ${num(range.xMin, 2)} to ${num(range.xMax, 2)}).${line
    ? ` The line is where the output layer decides: ${tex(outputs === 2 ? 'z^L_2 = z^L_1' : 'a^L = 0')}.` : ''}`;
  }

  /**
   * The output layer's boundary in the space of the two neurons feeding it: {a, b, c} with a·x + b·y + c = 0 —
   * z^L_2 − z^L_1 = 0 for two classes (softmax picks the larger z), a^L = z^L = 0 for a regression.
   * @param {number} L
   */
  function decisionLine(L) {
    const w = pg.weights(L);
    const b = pg.biases(L);
    if (outputs === 2) return { a: w[2] - w[0], b: w[3] - w[1], c: b[1] - b[0] };
    return { a: w[0], b: w[1], c: b[0] };
  }

  function fillWeightForm() {
    const sizes = Array.from(pg.sizes());
    const options = (count, base = 1) => Array.from({ length: count }, (_, x) => `<option value="${x}">${x + base}</option>`).join('');
    r.weightL.innerHTML = sizes.slice(1).map((_, x) => `<option value="${x + 2}">${x + 2}</option>`).join('');
    const l = Number(r.weightL.value || 2);
    r.weightJ.innerHTML = options(sizes[l - 1]);
    r.weightK.innerHTML = options(sizes[l - 2]) + BIAS_OPTION;
    r.weightCurrent.textContent = '–';
    r.weightValue.value = '';
  }

  function pickFromForm() {
    const sizes = Array.from(pg.sizes());
    const l = Number(r.weightL.value);
    if (r.weightJ.options.length !== sizes[l - 1] || r.weightK.options.length !== sizes[l - 2] + 1) {
      const keep = [r.weightJ.value, r.weightK.value];
      r.weightJ.innerHTML = Array.from({ length: sizes[l - 1] }, (_, x) => `<option value="${x}">${x + 1}</option>`).join('');
      r.weightK.innerHTML = Array.from({ length: sizes[l - 2] }, (_, x) => `<option value="${x}">${x + 1}</option>`).join('') + BIAS_OPTION;
      if (Number(keep[0]) < sizes[l - 1]) r.weightJ.value = keep[0];
      if (Number(keep[1]) < sizes[l - 2]) r.weightK.value = keep[1];
    }
    pick(l, Number(r.weightJ.value), Number(r.weightK.value), false);
  }

  /** Choose connection w^l_jk: show its value and its formula, mark it in the diagram. */
  function pick(l, j, k, fill = true) {
    picked = [l, j, k];
    if (fill) {
      r.weightL.value = String(l);
      pickFromForm();
      r.weightJ.value = String(j);
      r.weightK.value = String(k);
      picked = [l, j, k];
    }
    const w = parameter(l, j, k);
    r.weightCurrent.textContent = num(w, 4);
    r.weightValue.value = String(Number(w.toPrecision(4)));
    r.weightFormula.innerHTML = tex(k < 0 ? `b^{${l}}_{${j + 1}}` : `w^{${l}}_{${j + 1}${k + 1}}`);
    r.weightNote.textContent = k < 0 ? `the bias of ${network.labels[l - 1][j]}` : `from ${network.labels[l - 2][k]} to ${network.labels[l - 1][j]}`;
    network.highlight(picked);
    if (fill) r.weightValue.focus();
  }

  /** w^l_jk, or b^l_j for k = −1. */
  function parameter(l, j, k) {
    if (k < 0) return pg.biases(l)[j];
    return pg.weights(l)[j * pg.sizes()[l - 2] + k];
  }

  function setWeight() {
    if (!picked) pickFromForm();
    const [l, j, k] = /** @type {[number, number, number]} */ (picked);
    const name = k < 0 ? `bias b${sub(l)}${sub(j + 1)}` : `weight w${sub(l)}${sub(j + 1)}${sub(k + 1)}`;
    const text = r.weightValue.value.trim();
    const value = Number(text);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(value) || Math.abs(value) > 100) {
      r.weightError.textContent = `${name} must be a number between −100 and 100, got “${text.slice(0, 24)}”`;
      r.weightError.hidden = false;
      r.weightValue.setAttribute('aria-invalid', 'true');
      return;
    }
    r.weightError.hidden = true;
    r.weightValue.removeAttribute('aria-invalid');
    if (k < 0) pg.setBias(l, j, value);
    else pg.setWeight(l, j, k, value);
    record(epochsSeen);
    draw();
    run.say(`${name} set to ${num(value, 4)}: the heatmaps show what it changed.`);
  }

  /** η and the penalty into the running network (its weights kept); the core names a bad value. */
  function setRates(values) {
    const config = configOf(values);
    try {
      pg.setRates(config.eta, config.regularization, config.lambda);
    } catch (err) {
      settings.showErrors([String(/** @type {Error} */ (err).message || err)]);
      return;
    }
    settings.showErrors([]);
    record(epochsSeen);
    if (run.state !== 'running') run.say(`η = ${config.eta}, ${config.regularization === 'none' ? 'no penalty' : `${config.regularization.toUpperCase()} with λ = ${config.lambda}`}: the run goes on from its current weights.`);
  }

  /** A control's formula, shown while it is hovered or focused. */
  function wireFormulas() {
    const show = (e) => {
      const field = /** @type {HTMLElement} */ (e.target).closest?.('.field');
      const input = field?.querySelector('[name]');
      const name = input?.getAttribute('name') || '';
      const latex = FORMULAS[name];
      if (!latex || r.controlFormula.dataset.name === name) return;
      r.controlFormula.dataset.name = name;
      r.controlFormula.innerHTML = `<span class="pg-formula-name">${field.querySelector('.field-label')?.textContent || name}:</span> ${tex(latex, true)}`;
    };
    r.settings.addEventListener('focusin', show);
    r.settings.addEventListener('mouseover', show);
  }

  return {
    pause() {
      run.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.fromQuery(next);
      const speed = Number(next.get('speed'));
      if (SPEEDS.some((s) => s.value === speed)) run.speed = speed;
      run.reset();
    },
    destroy() {
      resizeObserver.disconnect();
      run.destroy();
      chart.destroy();
      network.destroy();
      pg?.free();
      pg = null;
    },
  };
}

/**
 * The line a·x + b·y + c = 0 across a plot of `range`.
 * @param {CanvasRenderingContext2D} c
 * @param {{a: number, b: number, c: number}} line
 * @param {{xMin: number, xMax: number, yMin: number, yMax: number}} range
 */
function drawLine(c, line, range, width, height) {
  const px = (x) => ((x - range.xMin) / (range.xMax - range.xMin)) * width;
  const py = (y) => ((range.yMax - y) / (range.yMax - range.yMin)) * height;
  let ends;
  if (Math.abs(line.b) >= Math.abs(line.a) && line.b !== 0) {
    ends = [range.xMin, range.xMax].map((x) => [x, -(line.a * x + line.c) / line.b]);
  } else if (line.a !== 0) {
    ends = [range.yMin, range.yMax].map((y) => [-(line.b * y + line.c) / line.a, y]);
  } else return;
  if (!ends.flat().every(Number.isFinite)) return;
  c.strokeStyle = colors.line;
  c.lineWidth = 2;
  c.setLineDash([6, 4]);
  c.beginPath();
  c.moveTo(px(ends[0][0]), py(ends[0][1]));
  c.lineTo(px(ends[1][0]), py(ends[1][1]));
  c.stroke();
  c.setLineDash([]);
}

function template(number) {
  const legend = CLASS_COLORS.slice(0, 3).map((c, i) => `<span class="pg-swatch pg-c${i}"></span> class ${i + 1}`).join(' ');
  return `${chapterOpen({
    id: 'playground', number, kicker: 'Playground', title: 'Playground: small networks on 2-D data',
    lede: 'TensorFlow Playground, and more: pick a dataset and features, build a network of up to six hidden layers, ' +
      'and watch every neuron learn. Every neuron’s square shows its activation over the input plane.',
  })}
  <section class="panel pg-top" aria-labelledby="pg-controls-title">
    <h2 id="pg-controls-title" class="sr-only">Data, network and training</h2>
    <div class="pg-bench">
      <div class="pg-controls">
        <form class="settings" data-ref="settings" novalidate></form>
        <div class="pg-formula" data-ref="controlFormula" data-testid="control-formula" aria-live="polite">
          <span class="hint">Hover over or focus a control to see its formula.</span></div>
      </div>
      <div class="pg-main">
        <div data-ref="run"></div>
        <p class="stats">epoch <strong data-ref="epoch" data-testid="epoch">0</strong>
          · training loss <strong data-ref="trainLoss" data-testid="train-loss">–</strong>
          · test loss <strong data-ref="testLoss" data-testid="test-loss">–</strong>
          <span data-ref="accuracy">· accuracy: training <strong data-ref="trainAccuracy" data-testid="train-accuracy">–</strong>,
          test <strong data-ref="testAccuracy" data-testid="test-accuracy">–</strong></span>
          · <strong data-ref="fps" data-testid="fps">–</strong> frames/s</p>
        <div class="pg-network" data-ref="network" data-testid="network"></div>
        <p class="note">Neuron squares: ${tex('a^l_j')} over the input square, <span class="pg-swatch pg-neg"></span> negative
          · <span class="pg-swatch pg-pos"></span> positive. Lines: weights, orange positive, blue negative, width ${tex('\\propto |w|')}; click one to edit it.</p>
      </div>
      <div class="pg-view">
        <figure class="pg-output">
          <div class="pg-stack">
            <canvas data-ref="output" data-testid="output-heatmap" role="img" aria-label="The network's output over the input square [−6, 6]²"></canvas>
            <canvas data-ref="overlay" data-testid="points" role="img" aria-label="Training points (white ring) and test points (dark ring)"></canvas>
          </div>
          <figcaption>Output over ${tex('x_1, x_2 \\in [-6, 6]')}: two classes ${tex('a^L_2 - a^L_1')}
            (<span class="pg-swatch pg-neg"></span> class 1, <span class="pg-swatch pg-pos"></span> class 2); K classes: the winner’s colour
            (${legend} …), paler where it is less sure.
            <span data-ref="regressionNote" hidden>Regression: ${tex('a^L')} from −1 (blue) to 1 (orange).</span></figcaption>
        </figure>
        <figure class="chart short pg-chart">
          <canvas data-ref="lossChart" data-testid="loss-chart" role="img" aria-label="Training and test loss per epoch"></canvas>
          <figcaption>Loss ${tex('C')} on the training and test points.</figcaption>
        </figure>
      </div>
    </div>
  </section>
  <div class="split even">
    <section class="panel" aria-labelledby="pg-weight-title">
      <h2 id="pg-weight-title">Read or edit a weight or a bias</h2>
      <form class="pg-weight" data-ref="weightForm" data-testid="weight-editor" novalidate>
        <label>layer ${tex('l')} <select data-ref="weightL" data-testid="weight-l"></select></label>
        <label>to neuron ${tex('j')} <select data-ref="weightJ" data-testid="weight-j"></select></label>
        <label>from ${tex('k')} (or the bias) <select data-ref="weightK" data-testid="weight-k"></select></label>
        <p><span data-ref="weightFormula">${tex('w^l_{jk}')}</span> = <strong data-ref="weightCurrent" data-testid="weight-current">–</strong>
          <small data-ref="weightNote"></small></p>
        <label>new value <input type="text" inputmode="decimal" size="8" data-ref="weightValue" data-testid="weight-value" autocomplete="off"></label>
        <button type="submit" data-testid="weight-set">Set weight</button>
        <p class="error" role="alert" data-ref="weightError" data-testid="weight-error" hidden></p>
      </form>
      ${formulaHTML('z^l_j = \\sum_k w^l_{jk} a^{l-1}_k + b^l_j', 'click a line in the network, or choose l, j, k here')}
    </section>
    <section class="panel" aria-labelledby="pg-space-title">
      <h2 id="pg-space-title">Hidden feature space</h2>
      <figure class="pg-space">
        <canvas data-ref="space" data-testid="feature-space" role="img" aria-label="Training points in the space of two neurons of one layer"></canvas>
        <figcaption data-ref="spaceCaption"></figcaption>
      </figure>
      <p class="note">Choose the layer and the two neurons under “More settings”. As in the XOR chapter: the last hidden layer
        moves the points to where the output layer can separate them.</p>
    </section>
  </div>
</section>`;
}
