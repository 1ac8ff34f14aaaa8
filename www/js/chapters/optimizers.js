// @ts-check
/**
 * Chapter "Optimizers": SGD, momentum (both of the slide's forms), Nesterov, AdaGrad, RMSProp, Adam and
 * AdamW racing from one start on the core's 2-D surfaces, their paths drawn together from above and in a 3-D
 * view the student turns; one card per optimizer with its update rule, its parameters and what it keeps as
 * it runs; and the same optimizers training one small MNIST network from one seed.
 *
 * Every path and state comes from the core (`optimizerTrace`); the page computes each trace once per setting
 * and plays it back step by step. Tables: the surface; start and steps (defaults per surface); one per
 * optimizer (η per surface); MNIST — all in one URL.
 */
import { optimizerTrace, traceStride, surfaceGrid, surfaceMinimum } from '../wasm.js';
import { refs, esc, short, int } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createSurfacePaths } from '../views/surfacePaths.js';
import { createSurface3d } from '../views/surface3d.js';
import { SURFACES, OPTIMIZERS, SURFACE_PARAMS, surfaceOf, optimizerSpecs, raceSpecs, unprefixed } from './optimizers-defs.js';
import { cardHTML, createCard } from './optimizers-cards.js';
import { createComparison, smallMnistConfig } from './mnist-compare.js';
import { MNIST_PARAMS, mnistRuns } from './optimizers-mnist.js';

const STRIDE = traceStride();
const RES = 96;
const SPEEDS = [1, 5, 20, 100].map((v) => ({ value: v, label: `${v} step${v > 1 ? 's' : ''} / frame` }));
const NEAR = 0.05; // "at the minimum": both coordinates within this of it, as the core's test asks

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('optimizers');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);
  r.cards.innerHTML = OPTIMIZERS.map(cardHTML).join('');
  const cardEls = OPTIMIZERS.map((d) => /** @type {HTMLElement} */ (r.cards.querySelector(`[data-opt="${d.id}"]`)));
  const cards = OPTIMIZERS.map((d, i) => createCard(cardEls[i], d));

  // Tables: 0 surface · 1 start/steps · 2… optimizers · last MNIST. Names do not depend on the surface.
  const tables = [SURFACE_PARAMS, raceSpecs(SURFACES[0]), ...OPTIMIZERS.map((d) => optimizerSpecs(d, SURFACES[0])), MNIST_PARAMS];
  const MNIST_TABLE = tables.length - 1;
  const link = linkTables(ctx, params, [...tables.slice(0, -1), [...MNIST_PARAMS, 'speed']]);
  /** @type {any[]} */
  const settings = [];
  const slots = [r.surfaceForm, r.raceForm, ...cardEls.map((c) => /** @type {HTMLElement} */ (c.querySelector('.opt-form'))), r.mnistForm];

  settings[0] = link.register(0, createSettings({
    specs: SURFACE_PARAMS, container: r.surfaceForm, query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0),
    onChange: () => {
      buildSurfaceTables(new URLSearchParams());
      link.ctx.setQuery('', { push: false });
      reset();
      run.idle();
    },
  }));
  let surface = surfaceOf(settings[0].values.surface);
  buildSurfaceTables(params);
  settings[MNIST_TABLE] = link.register(MNIST_TABLE, createSettings({
    specs: MNIST_PARAMS, container: r.mnistForm, query: link.queryFor(MNIST_TABLE), ctx: link.ctx,
    ignore: link.ignoreFor(MNIST_TABLE).concat('speed'), mode: 'live', onChange: () => comparison.restart(),
  }));

  /** The surface-dependent tables (start, steps, each optimizer), made afresh: their defaults are the surface's. */
  function buildSurfaceTables(query) {
    surface = surfaceOf(settings[0].values.surface);
    const specs = [raceSpecs(surface), ...OPTIMIZERS.map((d) => optimizerSpecs(d, surface))];
    specs.forEach((s, k) => {
      const i = k + 1;
      // A fresh element: the old form's listeners go with the old one.
      const slot = document.createElement('form');
      slot.className = 'settings';
      slot.noValidate = true;
      slots[i].replaceWith(slot);
      slots[i] = slot;
      settings[i] = link.register(i, createSettings({
        specs: s, container: slot, query: link.queryFor(i, query), ctx: link.ctx, ignore: link.ignoreFor(i).concat('speed'),
        onChange: (_v, changed) => {
          if (i > 1 && changed === OPTIMIZERS[i - 2].id) cardEls[i - 2].classList.toggle('off', !settings[i].values[changed]);
          reset();
          run.idle();
        },
      }));
    });
    r.surfaceNote.innerHTML = `${tex(surface.tex)} — ${esc(surface.note)}`;
  }

  const plane = createSurfacePaths(/** @type {HTMLCanvasElement} */ (r.plane), {
    onPick: (x, y) => {
      settings[1].set({ x0: Number(x.toFixed(2)), y0: Number(y.toFixed(2)) });
      link.ctx.setQuery('', { push: true });
      reset();
      run.idle();
    },
  });
  const view3d = createSurface3d(/** @type {HTMLCanvasElement} */ (r.view3d));
  const speed0 = Number(params.get('speed'));
  const run = createRunController({
    container: r.run, stateElement: root, speeds: SPEEDS, speed: SPEEDS.some((s) => s.value === speed0) ? speed0 : 5,
    stepTitle: 'One step of every optimizer', frame, step: () => advance(1), reset,
  });

  /** @type {{def: any, values: any, trace: Float32Array, xy: Float32Array, xyf: Float32Array, reached: number, error: string}[]} */
  let racers = [];
  let t = 0;
  let last = 0;
  let frames = 0;
  let shownSurface = '';
  /** @type {number[]|null} */
  let minimum = null;
  reset();

  const comparison = createComparison(r.mnist, {
    idPrefix: 'mnist', stateElement: r.mnistPanel, what: 'optimizer',
    source: () => settings[MNIST_TABLE].values.data,
    onSource: (src) => {
      settings[MNIST_TABLE].set({ data: src });
      link.ctx.setQuery('', { push: true });
      comparison.restart();
    },
    runs: () => mnistRuns(settings[MNIST_TABLE].values, OPTIMIZERS.map((d, i) => unprefixed(d, settings[i + 2].values)),
      settings[1].values.eps, smallMnistConfig),
  });

  function reset() {
    const { x0, y0, steps, eps } = settings[1].values;
    if (shownSurface !== surface.value) drawSurface();
    racers = [];
    const problems = [];
    OPTIMIZERS.forEach((def, i) => {
      const values = unprefixed(def, settings[i + 2].values);
      cards[i].setup(values);
      if (!values.on) return;
      let trace;
      try {
        trace = optimizerTrace(surface.value, def.config(values, eps), null, values.eta, x0, y0, steps);
      } catch (err) {
        problems.push(`${def.label}: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      const n = trace.length / STRIDE;
      const xy = new Float32Array(2 * n);
      const xyf = new Float32Array(3 * n);
      let reached = -1;
      const min = minimum;
      for (let k = 0; k < n; k++) {
        xy[2 * k] = xyf[3 * k] = trace[k * STRIDE];
        xy[2 * k + 1] = xyf[3 * k + 1] = trace[k * STRIDE + 1];
        xyf[3 * k + 2] = trace[k * STRIDE + 2];
        if (reached < 0 && min && Math.abs(xy[2 * k] - min[0]) < NEAR && Math.abs(xy[2 * k + 1] - min[1]) < NEAR) reached = k;
      }
      racers.push({ def, values, trace, xy, xyf, reached, error: '' });
    });
    if (problems.length) run.showError(problems.join(' · '));
    else run.showError('');
    t = 0;
    last = Math.max(0, ...racers.map((x) => x.trace.length / STRIDE - 1));
    plane.setStart([x0, y0]);
    show(true);
    run.say(racers.length ? `${racers.length} optimizers at (${x0}, ${y0}). Press ▶ Play, or Step.` : 'Tick “in the race” on an optimizer’s card below.');
    return true;
  }

  function drawSurface() {
    const [xMin, xMax, yMin, yMax] = surface.box;
    const values = surfaceGrid(surface.value, RES, xMin, xMax, yMin, yMax);
    const min = surfaceMinimum(surface.value);
    minimum = min ? [min[0], min[1]] : null;
    const data = { values, res: RES, xMin, xMax, yMin, yMax, log: surface.log, minimum };
    plane.setSurface(data);
    view3d.setSurface(data);
    shownSurface = surface.value;
  }

  /** @param {number} budgetMs @param {number} speed */
  function frame(budgetMs, speed) {
    frames += 1;
    advance(speed, frames % 4 === 0);
  }

  /** Move every racer `steps` records on. */
  function advance(steps, typeset = true) {
    t = Math.min(last, t + steps);
    show(typeset || t >= last);
    if (t >= last) run.finish(summary(), { canContinue: false });
    else if (run.state === 'running' && frames % 10 === 0) run.say(`Step ${int(t)} of ${int(last)}…`);
    else if (run.state !== 'running') run.say(`Step ${int(t)}.`);
  }

  function summary() {
    const reached = racers.filter((x) => x.reached >= 0).sort((a, b) => a.reached - b.reached);
    if (!minimum) return `After ${int(t)} steps: ${racers.map((x) => `${x.def.label} f = ${short(fAt(x))}`).join(', ')}.`;
    return reached.length
      ? `At the minimum first: ${reached.map((x) => `${x.def.label} (step ${int(x.reached)})`).join(', ')}. ` +
        `${racers.length - reached.length ? `${racers.length - reached.length} did not get there in ${int(last)} steps.` : ''}`
      : `None reached the minimum in ${int(last)} steps.`;
  }

  function at(x) {
    return Math.min(t, x.trace.length / STRIDE - 1);
  }

  function fAt(x) {
    return x.trace[at(x) * STRIDE + 2];
  }

  function show(typeset) {
    const shown = racers.map((x) => ({ label: x.def.label, color: x.def.color, k: at(x) }));
    plane.setPaths(racers.map((x, i) => ({ label: x.def.id, color: x.def.color, points: x.xy.subarray(0, 2 * (shown[i].k + 1)), dashed: x.values.Form === 'accumulated' })));
    view3d.setPaths(racers.map((x, i) => ({ label: x.def.id, color: x.def.color, points: x.xyf.subarray(0, 3 * (shown[i].k + 1)) })));
    OPTIMIZERS.forEach((def, i) => {
      const x = racers.find((y) => y.def === def);
      if (x) cards[i].show(x.trace, STRIDE, t, typeset);
    });
    if (typeset) scoreboard();
  }

  function scoreboard() {
    const min = minimum;
    r.scoreboard.innerHTML = `<thead><tr><th>optimizer</th><th>${tex('f(\\theta_t)')}</th><th>${min ? 'to ★' : tex('\\theta_t')}</th>
      <th title="the step at which it came within 0.05 of the minimum">★ at step</th></tr></thead><tbody>${racers.map((x) => {
      const k = at(x);
      const px = x.xy[2 * k], py = x.xy[2 * k + 1];
      const dist = min ? Math.hypot(px - min[0], py - min[1]) : NaN;
      const done = x.reached >= 0 && x.reached <= t;
      const diverged = x.trace.length / STRIDE - 1 < settings[1].values.steps;
      return `<tr data-testid="race-${x.def.id}" data-distance="${dist}" data-reached="${done ? x.reached : -1}" data-x="${px}" data-y="${py}">
        <th scope="row"><i class="swatch" style="background:${x.def.color}"></i>${esc(x.def.label)}</th>
        <td>${short(fAt(x))}</td><td>${min ? short(dist) : `(${short(px)}, ${short(py)})`}</td>
        <td>${done ? int(x.reached) : diverged && t >= k ? 'diverged' : '–'}</td></tr>`;
    }).join('')}</tbody>`;
  }

  return {
    pause() {
      run.pause();
      comparison.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings[0].fromQuery(link.queryFor(0, next));
      buildSurfaceTables(next);
      settings[MNIST_TABLE].fromQuery(link.queryFor(MNIST_TABLE, next));
      const speed = Number(next.get('speed'));
      if (SPEEDS.some((s) => s.value === speed)) run.speed = speed;
      reset();
      run.idle();
      comparison.restart();
    },
    destroy() {
      run.destroy();
      plane.destroy();
      view3d.destroy();
      cards.forEach((c) => c.destroy());
      comparison.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'optimizers', number, kicker: 'Training', title: 'Optimizers',
    lede: 'Plain gradient descent takes the same step size in every direction. Momentum, AdaGrad, RMSProp and Adam keep a memory ' +
      'of past gradients and use it to shape each step. Race them from one start and watch what each one keeps.',
  })}
  <section class="panel" aria-labelledby="opt-race-title">
    <h2 id="opt-race-title">The race</h2>
    <div class="workbench opt-bench">
      <div class="bench-controls">
        <form class="settings" data-ref="surfaceForm" novalidate></form>
        <p class="note opt-surface" data-ref="surfaceNote" data-testid="surface-note"></p>
        <form class="settings" data-ref="raceForm" novalidate></form>
        <div data-ref="run"></div>
        <div class="table-wrap"><table class="values opt-score" data-ref="scoreboard" data-testid="scoreboard"></table></div>
        <p class="note">Click the map to start from another point. Each optimizer’s η and parameters are on its card below.</p>
      </div>
      <div class="bench-view opt-views">
        <figure class="opt-plane"><canvas data-ref="plane" data-testid="race-plane" role="img" aria-label="The surface from above with the paths"></canvas>
          <figcaption>From above: ★ the minimum, ○ the start.</figcaption></figure>
        <figure class="opt-3d"><canvas data-ref="view3d" data-testid="race-3d" role="img" aria-label="The surface in 3-D with the paths; drag to turn"></canvas>
          <figcaption>In 3-D: drag (or swipe, or the arrow keys) to turn it.</figcaption></figure>
      </div>
    </div>
  </section>

  <section class="panel" aria-labelledby="opt-cards-title">
    <h2 id="opt-cards-title">What each optimizer keeps</h2>
    <p class="lede small">Momentum’s Δ cancels where the gradient flips sign (the steep walls) and builds up where it does not
      (the long floor). AdaGrad’s Σ∇² only grows, so its steps only shrink; RMSProp’s average forgets; Adam keeps both.</p>
    <div class="opt-cards" data-ref="cards"></div>
  </section>

  <section class="panel" aria-labelledby="opt-mnist-title" data-ref="mnistPanel" data-testid="mnist-panel" data-state="idle">
    <h2 id="opt-mnist-title">The same optimizers on MNIST</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('784 \\to n_{\\text{hidden}}\\ (\\sigma) \\to 10\\ (\\operatorname{softmax}),\\quad m = 10',
          'one network, one seed, one curve per optimizer — each with its own η below and the β’s of its card. “Adam usually works fine — the default choice”: check it.')}
        <form class="settings" data-ref="mnistForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="mnist"></div>
    </div>
  </section>
</section>`;
}
