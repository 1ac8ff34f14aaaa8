// @ts-check
/**
 * "Many seeds at once": the XOR network trained from seeds 0 … N−1 side by side with the chapter's η
 * and initialization, each tile the input plane's decision region, framed green when all four points
 * are right and red when the run is stuck (the loss stopped falling) — the fraction that solve it is
 * what an initialization is worth. A tile's click loads that seed into the main run.
 */
import { XorLab } from '../wasm.js';
import { esc } from '../dom.js';
import { createRunController } from '../kit/run.js';
import { drawTile } from '../views/tiles.js';

const COUNT = 30;
const RES = 24;
const RANGE = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
const POINTS = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]].map(([x, y, cls]) => ({ x, y, cls }));
const MAX_STEPS = 20000;
const PLATEAU_STEPS = 2000;
const PLATEAU_DROP = 1e-4;
const CHUNK = 100;

/**
 * @param {HTMLElement} container
 * @param {{onPick: (seed: number) => void}} o
 */
export function createSeedGrid(container, { onPick }) {
  container.innerHTML = `
    <p class="lede small">Gradient descent only finds the minimum its start leads to. Here seeds 0–${COUNT - 1} train at once
      with the η and initial weights above; a tile turns <span class="ok-text">green</span> when all four points are right
      and <span class="wrong-text">red</span> when its loss stops falling first. Click a tile to load that seed above.</p>
    <div data-ref="run"></div>
    <p class="stats" data-testid="seeds-summary" aria-live="polite"></p>
    <div class="tiles" data-testid="seed-tiles"></div>`;
  const summary = /** @type {HTMLElement} */ (container.querySelector('[data-testid=seeds-summary]'));
  const tilesBox = /** @type {HTMLElement} */ (container.querySelector('.tiles'));
  const run = createRunController({
    container: /** @type {HTMLElement} */ (container.querySelector('[data-ref=run]')),
    idPrefix: 'seeds', keys: false, stepTitle: `${CHUNK} steps for every seed`,
    frame, step: () => advanceAll(CHUNK), reset: () => setup(current),
  });
  /** @type {{seed: number, lab: any, status: string, plateau: {steps: number, loss: number}, canvas: HTMLCanvasElement, button: HTMLButtonElement}[]} */
  let runs = [];
  let current = { eta: 0.1, init: 'mirrored' };

  tilesBox.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-seed]');
    if (button) onPick(Number(/** @type {HTMLElement} */ (button).dataset.seed));
  });

  /** A fresh grid for these settings. @param {{eta: number, init: string}} values */
  function setup(values) {
    current = { eta: values.eta, init: values.init };
    run.idle();
    free();
    tilesBox.innerHTML = Array.from({ length: COUNT }, (_, seed) =>
      `<button type="button" class="tile" data-seed="${seed}" data-status="running" aria-label="seed ${seed}: training">
        <canvas width="72" height="72"></canvas><span>${esc(seed)}</span></button>`).join('');
    runs = [...tilesBox.querySelectorAll('button')].map((button, seed) => {
      const lab = XorLab.randomWith(seed, current.init);
      return {
        seed, lab, status: 'running', plateau: { steps: 0, loss: lab.loss() },
        button: /** @type {HTMLButtonElement} */ (button),
        canvas: /** @type {HTMLCanvasElement} */ (button.querySelector('canvas')),
      };
    });
    runs.forEach(draw);
    report();
    run.say(`Press ▶ Play to train all ${COUNT} seeds.`);
    return true;
  }

  /** @param {number} budgetMs */
  function frame(budgetMs) {
    const until = performance.now() + budgetMs;
    // Round-robin in chunks until the frame's budget is spent.
    let progressed = true;
    while (progressed && performance.now() < until) progressed = advanceAll(CHUNK, until);
  }

  /** Every seed still running takes `steps` more steps. Returns whether any is still running. */
  function advanceAll(steps, until = Infinity) {
    let any = false;
    for (const r of runs) {
      if (r.status !== 'running') continue;
      if (performance.now() > until) return true;
      const loss = r.lab.train(steps, current.eta);
      const done = r.lab.steps();
      if (!Number.isFinite(loss)) r.status = 'diverged';
      else if (r.lab.correct() === 4) r.status = 'solved';
      else if (done - r.plateau.steps >= PLATEAU_STEPS) {
        if (r.plateau.loss - loss <= PLATEAU_DROP * r.plateau.loss || done >= MAX_STEPS) r.status = 'stuck';
        else r.plateau = { steps: done, loss };
      }
      draw(r);
      any ||= r.status === 'running';
    }
    report();
    if (!any) run.finish(finalText());
    return any;
  }

  function draw(r) {
    drawTile(r.canvas, { values: r.lab.outputGrid(RES, RANGE.xMin, RANGE.xMax, RANGE.yMin, RANGE.yMax), res: RES, threshold: 0.5, range: RANGE, points: POINTS, status: r.status });
    r.button.dataset.status = r.status;
    const dead = [...r.lab.deadHidden()].filter(Boolean).length;
    r.button.setAttribute('aria-label', `seed ${r.seed}: ${r.status}${dead ? `, ${dead} dead hidden unit${dead > 1 ? 's' : ''}` : ''}`);
    r.button.title = r.button.getAttribute('aria-label') || '';
  }

  function counts() {
    const c = { solved: 0, stuck: 0, running: 0, diverged: 0 };
    for (const r of runs) c[r.status] += 1;
    return c;
  }

  function report() {
    const c = counts();
    summary.textContent = `solved ${c.solved} · stuck ${c.stuck}${c.diverged ? ` · diverged ${c.diverged}` : ''} · running ${c.running} (of ${COUNT})`;
    summary.dataset.solved = String(c.solved);
    summary.dataset.running = String(c.running);
  }

  function finalText() {
    const c = counts();
    return `${c.solved} of ${COUNT} seeds solve XOR with these settings; ${c.stuck + c.diverged} get stuck. ` +
      'Stuck runs usually have a dead hidden ReLU (negative on all four inputs): its gradient is 0, so it never comes back.';
  }

  function free() {
    for (const r of runs) r.lab.free();
    runs = [];
  }

  return {
    setup,
    pause: () => run.pause(),
    destroy() {
      run.destroy();
      free();
    },
  };
}
