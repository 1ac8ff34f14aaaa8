// @ts-check
/**
 * Chapter "Example: recognizing digits": Nielsen's MNIST network trained live with SGD — or any
 * TrainConfig: the parameter table (mnist-params.js) is the whole config, and the link carries it.
 *
 * The run's data-state is the kit's (idle | running | paused | finished | diverged | error); the data
 * has its own, data-data = loading | ready | error (the run bar is disabled until the digits are in).
 * `data=sample` in the link trains on the 1,000-digit sample that ships with the site.
 */
import { Trainer, validateConfig } from '../wasm.js';
import { mnistLoad } from '../data.js';
import { refs, esc, int, short, seconds } from '../dom.js';
import { createDigitStrip } from '../views/digitStrip.js';
import { download } from '../views/exportChart.js';
import { createRunController } from '../kit/run.js';
import { createSettings } from '../kit/settings.js';
import { readQuery, formatValue } from '../kit/params.js';
import { chapterOpen, wireCopyLink, useStyles } from '../kit/chapter.js';
import {
  PARAMS, PRESETS, ACTIVATIONS, ACTIVATIONS_KEY, toConfig, paramOfField, parseActivations, cleanFloats, CORE_DEFAULTS,
} from './mnist-params.js';
import { formulasHTML } from './mnist-formulas.js';
import { createRun } from './mnist-run.js';
import { createRunCharts } from './mnist-pins.js';
import { createSideBySide } from './mnist-side-by-side.js';
import { createInspectPanel } from './mnist-inspect.js';
import { createWeightsView } from './mnist-weights.js';
import { createDrawPanel } from './mnist-draw.js';
import { createModelPanel } from './mnist-model.js';

const DIGITS = 24;
const GUESS_EVERY = 12; // frames between refreshes of the digit strip's guesses
const IGNORE = ['data', 'speed', ACTIVATIONS_KEY];
const SPEEDS = [
  { value: 0, label: 'full speed' },
  { value: 10, label: '10 mini-batches / frame' },
  { value: 1, label: 'slow: 1 mini-batch / frame' },
];
const PIN_HINT = 'A pinned run’s curves stay on the charts, dimmed, while the next run trains.';
const NO_RUN = 'There is no run yet: fix the settings and press ↺ Reset.';

/** @param {URLSearchParams} params */
const sourceOf = (params) => (params.get('data') === 'sample' ? 'sample' : 'full');

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('mnist');
  let source = sourceOf(params);
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  /** The activations in use (not in the kit's table: a list of names). */
  let activations = parseActivations(params.get(ACTIVATIONS_KEY) || '').value;
  const settingsCtx = { ...ctx, setQuery: (query, options) => ctx.setQuery(withExtras(query), options) };
  const settings = createSettings({
    specs: PARAMS, container: r.settings, query: params, ctx: settingsCtx, mode: 'apply', ignore: IGNORE,
  });
  const actInput = addActivationsField(r.settings, params.get(ACTIVATIONS_KEY) || '');
  /** Problems with the link, shown until the settings are applied. */
  let linkProblems = linkErrors(params);
  showProblems(linkProblems);

  const charts = createRunCharts({ loss: r.lossChart, accuracy: r.accuracyChart, table: r.pins }, () => sideBySide.refresh());
  const sideBySide = createSideBySide(r.sideBySide, {
    pins: () => charts.pins, source: () => /** @type {'sample'|'full'} */ (source),
  });
  sideBySide.refresh();
  const strip = createDigitStrip(r.digits);
  const inspect = createInspectPanel(r.inspect);
  const weights = createWeightsView(r.weights);
  const draw = createDrawPanel(r.draw, { outputsFor });
  const model = createModelPanel(r.model, {
    trainer: () => trainRun?.trainer ?? null,
    mnist: () => mnist,
    summary: () => {
      const accuracy = Number(r.accuracy.dataset.value);
      return { epochs: loadedEpochs + epochsDone, data: source, ...(Number.isFinite(accuracy) ? { testAccuracy: accuracy } : {}) };
    },
    adopt,
  });
  const speed0 = Number(params.get('speed'));
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS,
    speed: SPEEDS.some((s) => s.value === speed0) ? speed0 : 0,
    stepTitle: 'Train one mini-batch', frame, step, reset,
    onPlay: () => run.say('Training…'),
    onPause: () => {
      trainRun?.pauseClock();
      if (trainRun) run.say('Paused. ▶ Play goes on from here; ↺ Reset starts over with the form’s settings.');
    },
  });
  run.onFps = (fps) => {
    r.fps.textContent = fps.toFixed(0);
    r.fps.dataset.fps = fps.toFixed(1);
  };
  run.setEnabled(false);

  /** @type {any} */
  let load = null;
  /** @type {any} */
  let mnist = null;
  /** @type {ReturnType<typeof createRun> | null} */
  let trainRun = null;
  let runEpochs = 0;
  /** Epochs the current run has completed (what a saved file says it was trained for). */
  let epochsDone = 0;
  /** Epochs a loaded network had been trained for before it was saved. */
  let loadedEpochs = 0;
  /** Whether the run's output layer is softmax (its activations are then probabilities). */
  let softmaxOut = false;
  let frames = 0;
  let stopWatching = () => {};

  r.presets.innerHTML = PRESETS.map((p) =>
    `<button type="button" data-preset="${p.id}" data-testid="preset-${p.id}" title="${esc(p.title)} — fills the form; ↺ Reset trains it">${esc(p.label)}</button>`).join('');
  r.presets.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('[data-preset]');
    const preset = PRESETS.find((p) => p.id === /** @type {HTMLElement|null} */ (button)?.dataset.preset);
    if (preset) fillForm(preset.values);
  });
  r.settings.addEventListener('input', formChanged);
  r.settings.addEventListener('change', formChanged);
  r.settings.addEventListener('submit', (e) => e.preventDefault());
  r.retryButton.addEventListener('click', startLoad);
  r.pin.addEventListener('click', () => {
    r.pinNote.textContent = charts.pin();
  });
  r.saveLog.addEventListener('click', () => download(new Blob([r.log.textContent || ''], { type: 'text/plain' }), 'mnist-log.txt'));
  formChanged();
  startLoad();

  // ---- data -------------------------------------------------------------------------------

  function startLoad() {
    stopWatching();
    root.dataset.data = 'loading';
    try {
      load = mnistLoad(source);
    } catch (err) {
      showDataError(err instanceof Error ? err.message : String(err));
      return;
    }
    r.dataError.hidden = true;
    r.retry.hidden = true;
    run.say('Loading the digits… the settings can be changed meanwhile.');
    stopWatching = load.subscribe(onLoad);
  }

  function onLoad(l) {
    if (l.source !== source) return;
    if (l.state === 'loading') {
      root.dataset.data = 'loading';
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
      root.dataset.data = 'ready';
      r.progress.value = 1;
      r.progress.dataset.done = 'true';
      r.dataStatus.textContent = `${l.label} ready: ${int(mnist.trainCount)} training and ${int(mnist.testCount)} test images.`;
      if (source === 'sample') {
        const full = withExtras(settings.query(), 'full');
        r.dataStatus.insertAdjacentHTML('beforeend', `<small class="data-note">Its test images are its training images, so test ` +
          `accuracy flatters: <a href="#/mnist?${esc(full)}">load the full set</a> for an honest one.</small>`);
      }
      run.setEnabled(true);
      formChanged();
      // Settings typed while the digits loaded are applied; else the link's.
      const edited = settings.dirty() || parseActivations(actInput.value).value.join(',') !== activations.join(',');
      if (edited ? reset() : firstRun()) run.say('Ready. Press ▶ Play to train, or Step for one mini-batch.');
    }
  }

  /** The run the link describes; its problems are shown, with the link's own, and no run is made. */
  function firstRun() {
    const problems = [...linkProblems, ...coreProblems(settings.values, activations)];
    if (problems.length > linkProblems.length) {
      showProblems(problems);
      run.say('The settings in the link cannot make a network: fix them and press ↺ Reset.');
      return false;
    }
    return buildRun(settings.values, activations);
  }

  /** @param {string} message */
  function showDataError(message) {
    root.dataset.data = 'error';
    run.setEnabled(false);
    r.progress.value = 0;
    r.dataStatus.textContent = 'The digits could not be loaded.';
    r.dataError.textContent = message;
    r.dataError.hidden = false;
    r.retry.hidden = false;
    const sample = /** @type {HTMLAnchorElement} */ (r.sampleLink);
    sample.href = `#/mnist?${withExtras(settings.query(), 'sample')}`;
    run.say('No data: the network cannot train until the digits load. Retry, or use the small sample.');
  }

  // ---- settings -----------------------------------------------------------------------------

  /** The link's query: the table's, plus what the chapter keeps itself (activations, data=sample). */
  function withExtras(query, src = source) {
    const extra = new URLSearchParams();
    if (activations.length) extra.set(ACTIVATIONS_KEY, activations.join(','));
    if (src === 'sample') extra.set('data', 'sample');
    const more = extra.toString().replace(/%2C/g, ',');
    return [query, more].filter(Boolean).join('&');
  }

  /** @param {URLSearchParams} query */
  function linkErrors(query) {
    const problems = readQuery(PARAMS, query, IGNORE).errors.map((e) => ({ name: e.name, message: e.message }));
    const acts = parseActivations(query.get(ACTIVATIONS_KEY) || '');
    if (acts.error) problems.push({ name: ACTIVATIONS_KEY, message: `${acts.error} (in the link; using none)` });
    const data = query.get('data');
    if (data !== null && data !== 'sample') {
      problems.push({ name: 'data', message: `the link sets data “${data.slice(0, 24)}”; the only choice is data=sample (else the full set)` });
    }
    return problems;
  }

  /** The core's verdict on a config (needs the data: sizes and splits are checked against it). */
  function coreProblems(values, acts) {
    if (!mnist) return [];
    const config = toConfig(values, acts, mnist.trainCount);
    return /** @type {{field: string, message: string}[]} */ (validateConfig(config, mnist))
      .map((e) => ({ name: paramOfField(e.field), message: e.message }));
  }

  /** Every problem at once, in the kit's alert box, with aria-invalid on the fields they name. */
  function showProblems(problems) {
    settings.showErrors(problems.map((p) => p.message));
    const named = new Set(problems.map((p) => p.name));
    for (const el of r.settings.querySelectorAll('[name]')) {
      const name = /** @type {HTMLInputElement} */ (el).name;
      if (named.has(name)) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
  }

  /** The form's reading: its values (in-use values where a field is bad) and every problem with it. */
  function readForm() {
    const { values, errors } = settings.read();
    const problems = errors.map((e) => ({ name: e.name, message: e.message }));
    const acts = parseActivations(actInput.value);
    if (acts.error) problems.push({ name: ACTIVATIONS_KEY, message: acts.error });
    if (!problems.length) problems.push(...coreProblems(values, acts.value));
    return { values, activations: acts.value, problems };
  }

  function formChanged() {
    const { values, activations: acts } = readForm();
    const available = mnist ? mnist.trainCount : 60000;
    r.formulas.innerHTML = formulasHTML(values, acts, toConfig(values, acts, available).nTrain);
    const dirty = trainRun !== null && (settings.dirty() || acts.join(',') !== activations.join(','));
    r.formHint.hidden = !dirty;
    r.run.querySelector('[data-act=reset]')?.classList.toggle('attention', dirty);
  }

  /** A preset into the form: its values, every other setting at its default, the seed kept. */
  function fillForm(preset) {
    for (const spec of PARAMS) {
      if (spec.name === 'seed') continue;
      const el = /** @type {HTMLInputElement} */ (r.settings.querySelector(`[name="${spec.name}"]`));
      const value = spec.name in preset ? preset[spec.name] : spec.default;
      if (el.type === 'checkbox') el.checked = Boolean(value);
      else el.value = formatValue(spec, value);
    }
    actInput.value = '';
    settings.showErrors([]);
    r.settings.querySelector('[name="sizes"]')?.dispatchEvent(new Event('change', { bubbles: true }));
    run.say('The form holds the preset: press ↺ Reset (R) to train it.');
  }

  // ---- runs -------------------------------------------------------------------------------

  /** ↺ Reset: apply the form (a new history entry) and start a new run; on bad settings keep the run. */
  function reset() {
    if (!mnist) return false;
    const form = readForm();
    if (form.problems.length) {
      showProblems(form.problems);
      run.say(trainRun ? 'The settings have problems (listed above); the current run is kept.' : NO_RUN);
      return false;
    }
    activations = form.activations;
    const values = settings.apply();
    if (!values) return false;
    linkProblems = [];
    showProblems([]);
    if (!buildRun(values, activations)) return false;
    run.say('New run from the form’s settings. Press ▶ Play.');
    return true;
  }

  /** @param {Record<string, any>} values @param {string[]} acts */
  function buildRun(values, acts) {
    let trainer;
    try {
      trainer = new Trainer(toConfig(values, acts, mnist.trainCount), mnist);
    } catch (err) {
      showProblems([{ name: '', message: err instanceof Error ? err.message : String(err) }]);
      return false;
    }
    startRun(trainer);
    r.log.textContent = logHead(cleanFloats(trainer.config));
    run.idle();
    return true;
  }

  /**
   * A saved network, loaded (mnist-model.js checked it): it becomes the run, its test accuracy measured at once.
   * @param {any} trainer @param {import('./mnist-model.js').Summary} summary @param {string} fileName
   */
  function adopt(trainer, summary, fileName) {
    run.pause();
    startRun(trainer);
    loadedEpochs = summary.epochs ?? 0;
    const total = trainer.splitSize('test');
    const correct = trainer.evaluate('test', 0, total);
    r.accuracy.textContent = `${((100 * correct) / total).toFixed(2)} %`;
    r.accuracy.dataset.value = String(correct / total);
    const trained = summary.epochs === undefined ? '' : ` after ${summary.epochs} epoch${summary.epochs === 1 ? '' : 's'}`;
    r.log.textContent = `Loaded ${fileName}: the network as saved${trained}.\n${logHead(cleanFloats(trainer.config))}` +
      `Test: ${correct} / ${total}\n`;
    inspect.show(trainer);
    run.idle();
    run.say('Loaded. What it learned and its guesses are below; ▶ Play trains it further (a fresh optimizer, from these weights).');
  }

  /** `trainer` becomes the run: charts, counters and views start over. @param {any} trainer */
  function startRun(trainer) {
    trainRun?.trainer.free();
    trainRun = createRun(trainer, { onStep, onEpoch });
    epochsDone = 0;
    loadedEpochs = 0;
    const config = cleanFloats(trainer.config);
    runEpochs = config.epochs;
    softmaxOut = (config.activations.length ? config.activations[config.activations.length - 1] : config.outputActivation) === 'softmax';
    frames = 0;
    charts.startRun(config);
    r.pinNote.textContent = charts.pinnedCount ? 'The pinned runs stay on the charts, dimmed; this run is drawn in full colour.' : PIN_HINT;
    r.advice.hidden = true;
    inspect.clear();
    weights.show(trainer);
    draw.refresh();
    model.refresh();
    r.stats.dataset.config = JSON.stringify(config);
    for (const key of ['epoch', 'batch', 'loss', 'accuracy', 'speed']) r[key].textContent = '–';
    delete r.accuracy.dataset.value;
    delete r.loss.dataset.value;
    if (!strip.count) {
      const n = Math.min(DIGITS, trainer.splitSize('test'));
      strip.setDigits(Array.from({ length: n }, (_, i) => ({ pixels: trainer.image('test', i), label: trainer.label('test', i) })));
    }
    updateGuesses();
    formChanged();
  }

  /** @param {number} budgetMs @param {number} speed mini-batches per frame; 0 = as many as the budget allows */
  function frame(budgetMs, speed) {
    if (!trainRun) throw new Error(NO_RUN);
    trainRun.frame(budgetMs, speed > 0 ? speed : Infinity);
    frames += 1;
    charts.update();
    root.dataset.budget = budgetMs.toFixed(1);
    if (frames % GUESS_EVERY === 0) {
      updateGuesses();
      weights.show(trainRun.trainer);
    }
    if (trainRun.evaluating && run.state === 'running') {
      const [done, total] = trainRun.evalProgress;
      run.say(`Evaluating: ${int(done)} / ${int(total)} images…`);
    }
  }

  function step() {
    if (!trainRun) throw new Error(NO_RUN);
    trainRun.stepOnce();
    charts.update();
    updateGuesses();
    weights.show(trainRun.trainer);
    if (run.state === 'paused') run.say('One mini-batch done. Step again (→), or ▶ Play (Space).');
  }

  /** @param {import('./mnist-run.js').Progress} p */
  function onStep(p) {
    if (!trainRun) return;
    if (p.batchesRun > 0 && Number.isFinite(p.loss)) charts.cost(p.epoch + p.batch / p.batchesPerEpoch, p.loss);
    r.epoch.textContent = `${p.epoch + 1} / ${runEpochs}`;
    r.batch.textContent = `${int(p.batch)} / ${int(p.batchesPerEpoch)}`;
    r.loss.textContent = short(p.loss);
    r.loss.dataset.value = String(p.loss);
    r.speed.textContent = int(trainRun.samplesPerSecond);
    if (p.diverged) {
      updateGuesses();
      charts.end('diverged');
      const what = DIVERGED[p.divergence || 'loss'];
      r.log.textContent += `Epoch ${p.epoch}: training diverged (${what}) — lower η\n`;
      run.diverge(`Training diverged (${what}) — lower η and press ↺ Reset. ` +
        'The weights shown are the last good ones (at most 64 mini-batches back).');
    } else if (run.state === 'running' && !trainRun.evaluating && frames % 6 === 0) {
      run.say('Training…');
    }
    if (p.epochDone) adviseOn(p);
  }

  /**
   * After an epoch: a run at chance level, or whose cost has not moved, says so and suggests why.
   * @param {import('./mnist-run.js').Progress} p
   */
  function adviseOn(p) {
    const advice = notLearning(p);
    r.advice.hidden = !advice;
    r.advice.textContent = advice;
    if (advice) r.log.textContent += `    ${advice}\n`;
  }

  /** @param {import('./mnist-run.js').EpochResult} e */
  function onEpoch({ epoch, validation, test, timing, finished, stoppedEarly, bestEpoch }) {
    const x = epoch + 1;
    epochsDone = x;
    let text = '';
    if (test) {
      text += `Epoch ${epoch}: ${test.correct} / ${test.total}\n`;
      const accuracy = test.correct / test.total;
      r.accuracy.textContent = `${(100 * accuracy).toFixed(2)} %`;
      r.accuracy.dataset.value = String(accuracy);
    }
    charts.epoch(x, validation && validation.correct / validation.total, test && test.correct / test.total);
    const rate = timing.computeMs > 0 ? (1000 * timing.samples) / timing.computeMs : 0;
    const fps = timing.wallMs > 0 ? (1000 * timing.frames) / timing.wallMs : 0;
    text += `    ${validation ? `validation ${validation.correct} / ${validation.total} · ` : ''}` +
      `epoch ${seconds(timing.wallMs)} (${seconds(timing.computeMs)} computing: ${int(rate)} images/s)\n`;
    if (stoppedEarly) text += `Early stopping: no better validation accuracy since epoch ${bestEpoch}; its weights are restored.\n`;
    r.log.textContent += text;
    r.log.scrollTop = r.log.scrollHeight;
    charts.update();
    // A step through the epoch's end (or a pause) has no wall-clock time to speak of: keep the last real one.
    if (timing.frames > 0) {
      Object.assign(r.stats.dataset, {
        epochWallMs: timing.wallMs.toFixed(0),
        epochComputeMs: timing.computeMs.toFixed(0),
        epochFps: fps.toFixed(1),
        epochSamples: String(timing.samples),
        epochEvalMs: timing.evalMs.toFixed(0),
      });
    }
    updateGuesses();
    inspect.show(trainRun.trainer);
    weights.show(trainRun.trainer);
    draw.refresh();
    if (finished) {
      charts.end('finished');
      run.finish(`Finished: ${x} epoch${x > 1 ? 's' : ''}. Change the settings and press ↺ Reset to train again.`);
    } else if (run.state === 'running') run.say('Training…');
  }

  function updateGuesses() {
    if (!trainRun || !strip.count) return;
    const t = trainRun.trainer;
    // A network without finite weights has no answer: no guesses rather than "0" for every digit.
    const guess = (i) => {
      try {
        return t.predict('test', i);
      } catch {
        return null;
      }
    };
    strip.setGuesses(Array.from({ length: strip.count }, (_, i) => guess(i)));
  }

  /** The current network's output activations for drawn pixels (null: no network, or no finite answer). */
  function outputsFor(pixels) {
    if (!trainRun) return null;
    try {
      return { outputs: trainRun.trainer.outputsFor(pixels), probabilities: softmaxOut };
    } catch {
      return null;
    }
  }

  return {
    pause() {
      run.pause();
      sideBySide.pause();
    },
    /** @param {URLSearchParams} next Back / Forward: the link's settings into the form, and a new run from them. */
    update(next) {
      run.pause();
      settings.fromQuery(next);
      actInput.value = next.get(ACTIVATIONS_KEY) || '';
      activations = parseActivations(actInput.value).value;
      linkProblems = linkErrors(next);
      showProblems(linkProblems);
      const nextSource = sourceOf(next);
      if (nextSource !== source) {
        source = nextSource;
        mnist = null;
        trainRun?.trainer.free();
        trainRun = null;
        run.idle();
        run.setEnabled(false);
        strip.setDigits([]);
        inspect.clear();
        draw.refresh();
        startLoad();
        return;
      }
      if (mnist && firstRun()) run.say('Settings from the link: a new run. Press ▶ Play.');
      formChanged();
    },
    destroy() {
      run.destroy();
      stopWatching();
      charts.destroy();
      draw.destroy();
      sideBySide.destroy();
      trainRun?.trainer.free();
      trainRun = null;
    },
  };
}

/** The first log line(s): the run's config, as the trainer took it; what differs from Nielsen's run on a line of its own. */
function logHead(c) {
  const plural = c.epochs === 1 ? '' : 's';
  let head = `Training [${c.sizes.join(', ')}], ${c.hiddenActivation}/${c.outputActivation}, ${c.cost} cost, ` +
    `η = ${c.eta}, m = ${c.batchSize}, ${c.epochs} epoch${plural}, seed ${c.seed}, on ${int(c.nTrain)} images\n`;
  const shown = new Set(['sizes', 'hiddenActivation', 'outputActivation', 'cost', 'eta', 'batchSize', 'epochs', 'seed', 'nTrain']);
  const other = Object.keys(c).filter((k) => !shown.has(k) && JSON.stringify(c[k]) !== JSON.stringify(CORE_DEFAULTS[k]));
  if (other.length) head += `  with ${other.map((k) => `${k} = ${describe(c[k])}`).join(', ')}\n`;
  return head;
}

function describe(value) {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${describe(v)}`).join(', ')}}`;
  }
  return String(value);
}

/**
 * The kit's form has no list-of-names type: `activations` gets its own field, under More settings.
 * @param {HTMLElement} settingsEl @param {string} value
 */
function addActivationsField(settingsEl, value) {
  const more = settingsEl.querySelector('.more-settings .fields') || settingsEl;
  more.insertAdjacentHTML('afterbegin', `<label class="field wide" for="p-activations">
    <span class="field-label">activation per layer (${ACTIVATIONS_KEY})</span>
    <input type="text" name="${ACTIVATIONS_KEY}" id="p-activations" data-testid="${ACTIVATIONS_KEY}" autocomplete="off"
      spellcheck="false" size="14" value="${esc(value)}" list="mnist-activation-names">
    <small class="field-hint">one per layer after the input, e.g. relu,softmax; empty = hidden / output activation</small>
    <datalist id="mnist-activation-names">${ACTIVATIONS.map((a) => `<option value="${esc(a)}"></option>`).join('')}</datalist>
  </label>`);
  return /** @type {HTMLInputElement} */ (more.querySelector(`[name="${ACTIVATIONS_KEY}"]`));
}

/** @param {number} number */
/** What a diverged run's step record names as not finite. */
const DIVERGED = {
  loss: 'the cost is not a finite number',
  outputs: 'the outputs are not finite numbers',
  weights: 'the weights are not finite numbers',
};

/** Share of saturated sigmoid / tanh units above which they are the likely reason a run is stuck. */
const SATURATED = 0.85;
/** Training accuracy this close to 1 in 10 is a guess. */
const CHANCE = 0.15;
/** A relative change of the epoch's cost smaller than this: the cost has not moved. */
const STILL = 0.01;
/** Training accuracy from which a cost that has stopped moving is a plateau reached, not a run stuck. */
const LEARNED = 0.9;

/**
 * Why a run is not learning, in plain words, or '' when it is.
 * @param {import('./mnist-run.js').Progress} p  an epoch's last step record
 */
export function notLearning(p) {
  const atChance = p.epochAccuracy <= CHANCE;
  const still = Math.abs(p.epochLossChange) < STILL && p.epochAccuracy < LEARNED;
  if (!atChance && !still) return '';
  const accuracy = `${(100 * p.epochAccuracy).toFixed(1)}%`;
  const head = atChance ? `Not learning: training accuracy ${accuracy}, about chance (10%)` : 'The cost has not moved this epoch';
  if (p.saturated >= SATURATED) {
    return `${head}, and ${(100 * p.saturated).toFixed(0)}% of the sigmoid units are saturated (σ′(z) ≈ 0, so the gradient ` +
      'barely reaches the weights). η is probably too large: the first steps threw the weights far out. Try a smaller η.';
  }
  if (still) return `${head}: the weights barely move. η is probably too small — try a larger η.`;
  return `${head}. Try another η, or a cost that suits the output layer (cross-entropy for sigmoid outputs).`;
}

function template(number) {
  return `${chapterOpen({
    id: 'mnist', number, kicker: 'Example', title: 'Recognizing handwritten digits',
    lede: 'A network with one hidden layer learns to read MNIST digits by stochastic gradient descent — ' +
      'Nielsen’s <code>network.py</code> experiment, computed live in your browser.',
  })}
  <section class="panel" aria-labelledby="mnist-train-title">
    <h2 id="mnist-train-title" class="sr-only">Train the network</h2>
    <div class="workbench mnist-bench" data-ref="bench" data-testid="workbench">
      <div class="bench-controls">
        <div class="data-box" aria-label="Data">
          <div class="progress-row">
            <progress data-ref="progress" data-testid="progress" max="1" value="0">loading</progress>
            <span data-ref="dataStatus" data-testid="data-status">Starting the download…</span>
          </div>
          <p class="error" role="alert" data-ref="dataError" data-testid="data-error" hidden></p>
          <p class="buttons retry" data-ref="retry" data-testid="retry-row" hidden>
            <button type="button" data-ref="retryButton" data-testid="retry">Retry</button>
            <a class="button-link" data-ref="sampleLink" data-testid="use-sample" href="#/mnist?data=sample">Use the 1,000-digit sample instead</a>
          </p>
        </div>
        <p class="presets"><span>Presets:</span> <span class="buttons" data-ref="presets" data-testid="presets"></span></p>
        <form class="settings" data-ref="settings" data-testid="form" novalidate></form>
        <p class="hint" data-ref="formHint" data-testid="form-hint" hidden>The settings changed: ↺ Reset (R) starts a new run with them.</p>
        <div data-ref="run"></div>
        <p class="hint advice" role="status" data-ref="advice" data-testid="advice" hidden></p>
      </div>
      <div class="bench-view">
        <dl class="stats" data-ref="stats" data-testid="stats">
          <div><dt>epoch</dt><dd data-ref="epoch" data-testid="epoch">–</dd></div>
          <div><dt>mini-batch</dt><dd data-ref="batch" data-testid="batch">–</dd></div>
          <div><dt>cost <var>C</var></dt><dd data-ref="loss" data-testid="loss">–</dd></div>
          <div><dt>test accuracy</dt><dd data-ref="accuracy" data-testid="accuracy">–</dd></div>
          <div><dt title="training throughput inside WebAssembly">images/s</dt><dd data-ref="speed" data-testid="speed">–</dd></div>
          <div><dt>fps</dt><dd data-ref="fps" data-testid="fps">–</dd></div>
        </dl>
        <figure class="chart short">
          <canvas data-ref="lossChart" data-testid="loss-chart" role="img" aria-label="Cost of each step's mini-batches"></canvas>
          <figcaption>Cost of the mini-batches, as training goes (log scale).</figcaption>
        </figure>
        <figure class="chart short">
          <canvas data-ref="accuracyChart" data-testid="accuracy-chart" role="img" aria-label="Accuracy after each epoch"></canvas>
          <figcaption>Accuracy after each epoch: validation (the last training images, held out) and test.</figcaption>
        </figure>
        <p class="pin-row"><button type="button" data-ref="pin" data-testid="pin">Pin this run</button>
          <span class="hint" data-ref="pinNote" data-testid="pin-note" role="status">${PIN_HINT}</span></p>
        <div class="table-wrap" data-ref="pins" data-testid="pins" hidden></div>
      </div>
    </div>
  </section>

  <div class="split even mnist-below">
    <section class="panel" aria-labelledby="mnist-digits-title">
      <h2 id="mnist-digits-title">The network’s guesses, and its log</h2>
      <figure class="digits-figure">
        <div class="digits" data-ref="digits" data-testid="digits"></div>
        <figcaption>The first ${DIGITS} test digits and the network’s current guess; <span class="wrong-text">red</span> = wrong.</figcaption>
      </figure>
      <pre class="log" data-ref="log" data-testid="log" aria-live="polite" tabindex="0" aria-label="Training log"></pre>
      <p class="chart-export"><button type="button" data-ref="saveLog" data-testid="save-log">Save the log as text</button></p>
    </section>
    <section class="panel" aria-labelledby="mnist-math">
      <h2 id="mnist-math">What it computes</h2>
      <div class="explain" data-ref="formulas" data-testid="formulas"></div>
    </section>
  </div>

  <section class="panel mnist-learned" aria-labelledby="mnist-learned-title" data-testid="dashboard">
    <h2 id="mnist-learned-title">What the network learned</h2>
    <div data-ref="inspect"></div>
    <h3>The first layer’s weights</h3>
    <div data-ref="weights"></div>
  </section>

  <section class="panel mnist-model" aria-labelledby="mnist-model-title">
    <h2 id="mnist-model-title">Save or load the network</h2>
    <div data-ref="model"></div>
  </section>

  <section class="panel mnist-draw" aria-labelledby="mnist-draw-title">
    <h2 id="mnist-draw-title">Draw a digit</h2>
    <div data-ref="draw"></div>
  </section>

  <section class="panel mnist-sbs" aria-labelledby="mnist-sbs-title">
    <h2 id="mnist-sbs-title">Pinned runs side by side</h2>
    <div data-ref="sideBySide"></div>
  </section>
</section>`;
}
