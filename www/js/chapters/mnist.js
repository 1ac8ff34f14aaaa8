/**
 * Chapter "Example: recognizing digits": Nielsen's MNIST network trained live with SGD.
 *
 * data-state on the chapter root: loading | error | ready | training | paused | finished | diverged.
 * URL overrides prefill the form (see mnist-form.js), e.g. #/mnist?epochs=1; `data=sample` trains on
 * the 1,000-digit sample that ships with the site.
 */
import { Trainer, defaultConfig } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { refs, int, short, seconds } from '../dom.js';
import { createLoop } from '../loop.js';
import { createLineChart } from '../views/lineChart.js';
import { createDigitStrip } from '../views/digitStrip.js';
import { initialValues, formHTML, readConfig, markInvalid, snapshot } from './mnist-form.js';
import { formulasHTML } from './mnist-formulas.js';
import { createRun } from './mnist-run.js';

const DIGITS = 24;
const GUESS_EVERY = 12; // frames between refreshes of the digit strip's guesses

export function mount(container, params, { number }) {
  const defaults = defaultConfig();
  const source = params.get('data') || 'full';
  container.innerHTML = template(number, formHTML(initialValues(defaults, params)));
  const root = container.querySelector('.chapter');
  const r = refs(root);
  const form = r.form;

  const lossChart = createLineChart(r.lossChart, {
    xLabel: 'epochs', yLabel: 'mini-batch cost C (log)', logY: true, xMin: 0, series: [{ label: 'C' }],
  });
  const accuracyChart = createLineChart(r.accuracyChart, {
    xLabel: 'epochs', yLabel: 'accuracy %', xMin: 0, yCeil: 100, minSpan: 4, emptyY: [0, 100], markers: true,
    series: [{ label: 'validation' }, { label: 'test' }],
    yFormat: (v, step) => v.toFixed(step < 1 ? 1 : 0),
  });
  const strip = createDigitStrip(r.digits);
  const loop = createLoop({ onFrame: frame, onFps: showFps, onError: failRun });

  let load = null;
  let mnist = null;
  let run = null;
  let runSnapshot = '';
  let runEpochs = 0;
  let frames = 0;
  let stopWatching = () => {};

  updateFormulas();
  setState('loading');
  startLoad();

  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', () => {
    updateFormulas();
    updateDirty();
  });
  form.addEventListener('change', checkForm);
  r.play.addEventListener('click', play);
  r.pause.addEventListener('click', pause);
  r.step.addEventListener('click', stepOnce);
  r.reset.addEventListener('click', reset);
  r.retryButton.addEventListener('click', startLoad);

  // ---- data -------------------------------------------------------------------------------

  function startLoad() {
    stopWatching();
    try {
      load = mnistLoad(source);
    } catch (err) {
      showDataError(err.message);
      return;
    }
    r.dataError.hidden = true;
    r.retry.hidden = true;
    stopWatching = load.subscribe(onLoad);
  }

  function onLoad(l) {
    if (l.state === 'loading') {
      setState('loading');
      const mb = (b) => (b / 1e6).toFixed(1);
      if (l.total) {
        r.progress.value = Math.min(1, l.received / l.total);
        r.dataStatus.textContent = `Downloading ${l.label}… ${mb(l.received)} / ${mb(l.total)} MB`;
      } else {
        r.progress.removeAttribute('value');
        r.dataStatus.textContent = `Downloading ${l.label}… ${mb(l.received)} MB`;
      }
    } else if (l.state === 'error') {
      showDataError(l.error.message);
    } else if (l.state === 'ready' && !mnist) {
      mnist = l.mnist;
      r.progress.value = 1;
      r.progress.dataset.done = 'true';
      r.dataStatus.textContent = `${l.label} ready: ${int(mnist.trainCount)} training and ${int(mnist.testCount)} test images.`;
      if (source === 'sample') {
        r.dataStatus.insertAdjacentHTML('beforeend', ' Here the test images are the training images, so test accuracy flatters ' +
          'the network: <a href="#/mnist">load the full set</a> for an honest one.');
      }
      updateFormulas();
      setState('ready');
      if (buildRun()) say('Ready. Press ▶ Play to train, or Step for one mini-batch.');
    }
  }

  function showDataError(message) {
    setState('error');
    r.progress.value = 0;
    r.dataStatus.textContent = 'The digits could not be loaded.';
    r.dataError.textContent = message;
    r.dataError.hidden = false;
    r.retry.hidden = false;
    say('No data: the network cannot train until the digits load. Retry, or use the small sample.');
  }

  /** The config defaults, with the train / validation split fitted to the data that loaded. */
  function baseConfig() {
    const base = { ...defaults };
    const available = mnist ? mnist.trainCount : base.nTrain + base.nValidation;
    if (base.nTrain + base.nValidation > available) {
      base.nValidation = Math.floor(available / 5);
      base.nTrain = available - base.nValidation;
    }
    return base;
  }

  // ---- runs -------------------------------------------------------------------------------

  /** A new run from the form. On invalid input, shows the message and keeps the current run. */
  function buildRun() {
    let config;
    let trainer;
    try {
      config = readConfig(form, baseConfig());
      trainer = new Trainer(config, mnist);
    } catch (err) {
      showFormError(err?.message || String(err));
      return false;
    }
    showFormError('');
    loop.stop();
    run?.trainer.free();
    run = createRun(trainer);
    runSnapshot = snapshot(form);
    runEpochs = config.epochs;
    updateDirty();
    frames = 0;
    lossChart.clear();
    lossChart.draw();
    accuracyChart.clear();
    accuracyChart.draw();
    r.log.textContent = `Training [${config.sizes.join(', ')}], ${config.hiddenActivation}/${config.outputActivation}, ` +
      `${config.cost} cost, η = ${config.eta}, m = ${config.batchSize}, ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}, seed ${config.seed}, ` +
      `on ${int(config.nTrain)} images\n`;
    for (const key of ['epoch', 'batch', 'loss', 'accuracy']) r[key].textContent = '–';
    delete r.accuracy.dataset.value;
    delete r.loss.dataset.value;
    if (!strip.count) {
      const n = Math.min(DIGITS, trainer.splitSize('test'));
      strip.setDigits(Array.from({ length: n }, (_, i) => ({ pixels: trainer.image('test', i), label: trainer.label('test', i) })));
    }
    updateGuesses();
    setState('ready');
    return true;
  }

  function play() {
    if (!mnist) return;
    if (!run && !buildRun()) return;
    if (run.state !== 'running') return;
    setState('training');
    say('Training…');
    loop.start();
  }

  function pause() {
    loop.stop();
    run?.pauseClock();
    if (root.dataset.state === 'training') {
      setState('paused');
      say('Paused. ▶ Play goes on from here; ↺ Reset starts over with the form’s settings.');
    }
  }

  function stepOnce() {
    if (!mnist) return;
    if (!run && !buildRun()) return;
    loop.stop();
    run.pauseClock();
    try {
      if (run.evaluating) handle(run.finishEvaluation());
      else {
        handle(run.frame(performance.now(), 1));
        if (run.evaluating) handle(run.finishEvaluation());
      }
    } catch (err) {
      failRun(err);
      return;
    }
    updateGuesses();
    if (run.state === 'running') {
      setState('paused');
      say('One mini-batch done. Step again, or ▶ Play.');
    }
  }

  function reset() {
    if (!mnist) return;
    if (buildRun()) say('New run from the form’s settings. Press ▶ Play.');
  }

  function frame(now) {
    frames += 1;
    handle(run.frame(now));
    if (frames % GUESS_EVERY === 0) updateGuesses();
    return run.state === 'running';
  }

  function handle(event) {
    if (!event) return;
    if (event.kind === 'step') {
      const p = event.progress;
      if (p.batchesRun > 0 && Number.isFinite(p.loss)) lossChart.push(0, p.epoch + p.batch / p.batchesPerEpoch, p.loss);
      lossChart.update();
      r.epoch.textContent = `${p.epoch + 1} / ${runEpochs}`;
      r.batch.textContent = `${int(p.batch)} / ${int(p.batchesPerEpoch)}`;
      r.loss.textContent = short(p.loss);
      r.loss.dataset.value = String(p.loss);
      r.speed.textContent = int(run.samplesPerSecond);
      root.dataset.budget = String(run.budget);
      if (p.diverged) {
        loop.stop();
        setState('diverged');
        updateGuesses();
        say('Training diverged (loss is not finite) — lower η and press ↺ Reset.');
        r.log.textContent += `Epoch ${p.epoch}: training diverged (loss is not finite) — lower η\n`;
      }
    } else if (event.kind === 'eval') {
      say(`Evaluating: ${int(event.done)} / ${int(event.total)} images…`);
    } else if (event.kind === 'epoch') {
      logEpoch(event);
      updateGuesses();
      if (run.state === 'finished') {
        loop.stop();
        setState('finished');
        say(`Finished: ${event.epoch + 1} epoch${event.epoch ? 's' : ''}. ↺ Reset to train again.`);
      } else if (root.dataset.state === 'training') say('Training…');
    }
  }

  function logEpoch({ epoch, validation, test, timing }) {
    const x = epoch + 1;
    let text = '';
    if (test) {
      text += `Epoch ${epoch}: ${test.correct} / ${test.total}\n`;
      accuracyChart.push(1, x, (100 * test.correct) / test.total);
      const accuracy = test.correct / test.total;
      r.accuracy.textContent = `${(100 * accuracy).toFixed(2)} %`;
      r.accuracy.dataset.value = String(accuracy);
    }
    if (validation) accuracyChart.push(0, x, (100 * validation.correct) / validation.total);
    const rate = timing.computeMs > 0 ? (1000 * timing.samples) / timing.computeMs : 0;
    const fps = timing.wallMs > 0 ? (1000 * timing.frames) / timing.wallMs : 0;
    text += `    ${validation ? `validation ${validation.correct} / ${validation.total} · ` : ''}` +
      `epoch ${seconds(timing.wallMs)} (${seconds(timing.computeMs)} computing: ${int(rate)} images/s)\n`;
    r.log.textContent += text;
    r.log.scrollTop = r.log.scrollHeight;
    accuracyChart.update();
    Object.assign(r.stats.dataset, {
      epochWallMs: timing.wallMs.toFixed(0),
      epochComputeMs: timing.computeMs.toFixed(0),
      epochFps: fps.toFixed(1),
      epochSamples: String(timing.samples),
    });
  }

  function updateGuesses() {
    if (!run || !strip.count) return;
    strip.setGuesses(Array.from({ length: strip.count }, (_, i) => run.trainer.predict('test', i)));
  }

  function failRun(err) {
    loop.stop();
    showFormError(err?.message || String(err));
    if (root.dataset.state === 'training') setState('paused');
  }

  // ---- form and status --------------------------------------------------------------------

  /**
   * Check the form when a field is left: the syntax here, the ranges by building (and at once
   * freeing) a Trainer once the data is in; building one is cheap, it shares the dataset.
   */
  function checkForm() {
    try {
      const config = readConfig(form, baseConfig());
      if (mnist) new Trainer(config, mnist).free();
      showFormError('');
    } catch (err) {
      showFormError(err?.message || String(err));
    }
  }

  function showFormError(message) {
    r.formError.textContent = message;
    r.formError.hidden = !message;
    markInvalid(form, message);
  }

  function updateDirty() {
    r.formHint.hidden = !run || snapshot(form) === runSnapshot;
    r.reset.classList.toggle('attention', !r.formHint.hidden);
  }

  function updateFormulas() {
    const values = Object.fromEntries(['sizes', 'hiddenActivation', 'outputActivation', 'cost', 'batchSize']
      .map((k) => [k, form.elements[k].value.trim()]));
    r.formulas.innerHTML = formulasHTML(values, baseConfig().nTrain);
  }

  function setState(state) {
    root.dataset.state = state;
    const haveData = mnist !== null;
    const over = state === 'finished' || state === 'diverged';
    r.play.disabled = !haveData || state === 'training' || over;
    r.pause.disabled = state !== 'training';
    r.step.disabled = !haveData || over;
    r.reset.disabled = !haveData;
    r.state.textContent = state;
  }

  function showFps(fps) {
    r.fps.textContent = fps.toFixed(0);
    r.fps.dataset.fps = fps.toFixed(1);
  }

  function say(message) {
    r.status.textContent = message;
  }

  return () => {
    loop.stop();
    stopWatching();
    lossChart.destroy();
    accuracyChart.destroy();
    run?.trainer.free();
    run = null;
  };
}

function template(number, fields) {
  return `
<section class="chapter" data-chapter="mnist" data-state="loading" data-testid="chapter-mnist">
  <header class="chapter-head">
    <p class="kicker">Chapter ${number} · Example</p>
    <h1 tabindex="-1">Recognizing handwritten digits</h1>
    <p class="lede">A network with one hidden layer learns to read MNIST digits by stochastic gradient descent —
      Nielsen’s <code>network.py</code> experiment, computed live in your browser.</p>
  </header>

  <section class="panel data-panel" aria-label="Data">
    <div class="progress-row">
      <progress data-ref="progress" data-testid="progress" max="1" value="0">loading</progress>
      <span data-ref="dataStatus" data-testid="data-status">Starting the download…</span>
    </div>
    <p class="error" role="alert" data-ref="dataError" data-testid="data-error" hidden></p>
    <p class="buttons retry" data-ref="retry" data-testid="retry-row" hidden>
      <button type="button" data-ref="retryButton" data-testid="retry">Retry</button>
      <a class="button-link" href="#/mnist?data=sample">Use the 1,000-digit sample instead</a>
    </p>
  </section>

  <div class="split even">
    <section class="panel" aria-labelledby="mnist-settings">
      <h2 id="mnist-settings">Network and training</h2>
      <form data-ref="form" data-testid="form" novalidate>
        ${fields}
        <div class="buttons">
          <button type="button" class="primary" data-ref="play" data-testid="play">▶ Play</button>
          <button type="button" data-ref="pause" data-testid="pause">❚❚ Pause</button>
          <button type="button" data-ref="step" data-testid="step" title="Train one mini-batch">Step</button>
          <button type="button" data-ref="reset" data-testid="reset" title="Start a new run with these settings">↺ Reset</button>
        </div>
        <p class="hint" data-ref="formHint" data-testid="form-hint" hidden>The settings changed: ↺ Reset starts a new run with them.</p>
        <p class="error" role="alert" data-ref="formError" data-testid="form-error" hidden></p>
      </form>
    </section>
    <section class="panel" aria-labelledby="mnist-math">
      <h2 id="mnist-math">What it computes</h2>
      <div class="explain" data-ref="formulas" data-testid="formulas"></div>
    </section>
  </div>

  <section class="panel" aria-labelledby="mnist-live">
    <h2 id="mnist-live">Training, live</h2>
    <p class="status" role="status" data-ref="status" data-testid="status">Loading the digits…</p>
    <dl class="stats" data-ref="stats" data-testid="stats">
      <div><dt>state</dt><dd data-ref="state" data-testid="state">loading</dd></div>
      <div><dt>epoch</dt><dd data-ref="epoch" data-testid="epoch">–</dd></div>
      <div><dt>mini-batch</dt><dd data-ref="batch" data-testid="batch">–</dd></div>
      <div><dt>cost <var>C</var></dt><dd data-ref="loss" data-testid="loss">–</dd></div>
      <div><dt>test accuracy</dt><dd data-ref="accuracy" data-testid="accuracy">–</dd></div>
      <div><dt title="training throughput inside WebAssembly">images/s</dt><dd data-ref="speed" data-testid="speed">–</dd></div>
      <div><dt>fps</dt><dd data-ref="fps" data-testid="fps">–</dd></div>
    </dl>
    <div class="split even">
      <figure class="chart">
        <canvas data-ref="lossChart" data-testid="loss-chart" role="img" aria-label="Cost of each step's mini-batches"></canvas>
        <figcaption>Cost of the mini-batches, as training goes (log scale).</figcaption>
      </figure>
      <figure class="chart">
        <canvas data-ref="accuracyChart" data-testid="accuracy-chart" role="img" aria-label="Accuracy after each epoch"></canvas>
        <figcaption>Accuracy after each epoch: validation (last 10,000 training images) and test.</figcaption>
      </figure>
    </div>
    <figure class="digits-figure">
      <div class="digits" data-ref="digits" data-testid="digits"></div>
      <figcaption>The first ${DIGITS} test digits and the network’s current guess; <span class="wrong-text">red</span> = wrong.</figcaption>
    </figure>
    <h3>Log</h3>
    <pre class="log" data-ref="log" data-testid="log" aria-live="polite"></pre>
  </section>
</section>`;
}
