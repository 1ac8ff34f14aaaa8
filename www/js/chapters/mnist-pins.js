// @ts-check
/**
 * The MNIST chapter's two charts (mini-batch cost; validation and test accuracy per epoch) with pinned runs:
 * "Pin this run" keeps a run's curves on the charts, dimmed and labelled (#1, #2, …), while the next runs
 * train, and a table lists every pinned run's settings and latest numbers. A pinned run that is still the
 * current one keeps updating; its pinned curves appear once another run replaces it.
 */
import { esc, int } from '../dom.js';
import { createLineChart } from '../views/lineChart.js';

export const MAX_PINS = 4;
const PIN_COLORS = ['#868e96', '#ae3ec9', '#2b8a3e', '#c92a2a'];
const DIM = 'a0'; // the alpha a pinned run's curves are drawn with (hex: about 63%)
const MAX_POINTS = 3000;

/**
 * @typedef {object} RunRecord
 * @property {number} id
 * @property {any} config         the run's TrainConfig
 * @property {string} summary     the config in a line
 * @property {number[][]} cost    [x, C] points
 * @property {number[][]} validation
 * @property {number[][]} test
 * @property {number} epochs      epochs done
 * @property {number} planned     epochs configured
 * @property {number} testAccuracy  latest, NaN before the first epoch
 * @property {number} validationAccuracy
 * @property {string} state       'training' | 'finished' | 'diverged'
 * @property {number} pin         0 = not pinned, else its number
 */

/**
 * @param {{loss: HTMLCanvasElement, accuracy: HTMLCanvasElement, table: HTMLElement}} el
 * @param {() => void} [onPins]  the set of pinned runs changed
 */
export function createRunCharts(el, onPins = () => {}) {
  // A chart takes its name from the canvas's aria-label, which it then keeps up to date: keep the names.
  const names = [el.loss, el.accuracy].map((canvas) => canvas.getAttribute('aria-label') || '');
  /** @type {RunRecord|null} */
  let current = null;
  /** @type {RunRecord[]} */
  let pinned = [];
  let nextId = 1;
  /** @type {ReturnType<typeof createLineChart>} */
  let lossChart;
  /** @type {ReturnType<typeof createLineChart>} */
  let accuracyChart;

  /** Pinned runs other than the current one: these get curves of their own. */
  const others = () => pinned.filter((p) => p !== current);
  /** @param {RunRecord} p */
  const color = (p) => PIN_COLORS[(p.pin - 1) % PIN_COLORS.length];

  /** (Re)create both charts with a series per other pinned run, and replay every curve. */
  function build() {
    lossChart?.destroy();
    accuracyChart?.destroy();
    const extra = others();
    el.loss.setAttribute('aria-label', names[0]);
    el.accuracy.setAttribute('aria-label', names[1]);
    lossChart = createLineChart(el.loss, {
      xLabel: 'epochs', yLabel: 'mini-batch cost C (log)', logY: true, xMin: 0,
      series: [{ label: extra.length ? 'C, this run' : 'C' }, ...extra.map((p) => ({ label: `#${p.pin}`, color: color(p) + DIM }))],
    });
    accuracyChart = createLineChart(el.accuracy, {
      xLabel: 'epochs', yLabel: 'accuracy %', xMin: 0, yCeil: 100, minSpan: 4, emptyY: [0, 100], markers: true,
      series: [{ label: 'validation' }, { label: 'test' }, ...extra.map((p) => ({ label: `#${p.pin} test`, color: color(p) + DIM }))],
      yFormat: (v, step) => v.toFixed(step < 1 ? 1 : 0),
    });
    if (current) {
      for (const [x, y] of current.cost) lossChart.push(0, x, y);
      for (const [x, y] of current.validation) accuracyChart.push(0, x, y);
      for (const [x, y] of current.test) accuracyChart.push(1, x, y);
    }
    extra.forEach((p, i) => {
      for (const [x, y] of p.cost) lossChart.push(i + 1, x, y);
      for (const [x, y] of p.test) accuracyChart.push(i + 2, x, y);
    });
    lossChart.draw();
    accuracyChart.draw();
    table();
  }

  /** @param {number[][]} points @param {number} x @param {number} y */
  function record(points, x, y) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    points.push([x, y]);
    if (points.length > MAX_POINTS) {
      const kept = points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
      points.splice(0, points.length, ...kept);
    }
  }

  function table() {
    const rows = pinned.map((p) => {
      const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)} %` : '–');
      return `<tr data-testid="pin-row-${p.pin}" data-test="${p.testAccuracy}" data-validation="${p.validationAccuracy}" data-epochs="${p.epochs}">
        <th scope="row"><i class="swatch" style="background:${esc(color(p))}"></i>#${p.pin}${p === current ? ' <small>(current)</small>' : ''}</th>
        <td class="summary">${esc(p.summary)}</td><td>${p.epochs} / ${p.planned}${p.state === 'diverged' ? ' diverged' : ''}</td>
        <td>${pct(p.validationAccuracy)}</td><td>${pct(p.testAccuracy)}</td>
        <td><button type="button" data-unpin="${p.pin}" data-testid="unpin-${p.pin}" aria-label="Unpin run #${p.pin}">✕</button></td></tr>`;
    }).join('');
    el.table.hidden = pinned.length === 0;
    el.table.innerHTML = pinned.length
      ? `<table class="values pins"><caption>Pinned runs</caption><thead><tr><th scope="col">run</th><th scope="col">settings</th>` +
        `<th scope="col">epochs</th><th scope="col">validation</th><th scope="col">test</th><th scope="col"><span class="sr-only">unpin</span></th>` +
        `</tr></thead><tbody>${rows}</tbody></table>`
      : '';
  }

  el.table.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (e.target).closest('[data-unpin]'));
    if (!button) return;
    const pin = Number(button.dataset.unpin);
    pinned = pinned.filter((p) => p.pin !== pin);
    if (current && current.pin === pin) current.pin = 0;
    build();
    onPins();
  });
  build();

  return {
    /**
     * A new run: the current one's curves go (or stay, dimmed, when pinned).
     * @param {any} config its TrainConfig
     */
    startRun(config) {
      current = {
        id: nextId++, config, summary: summarize(config), cost: [], validation: [], test: [], epochs: 0, planned: config.epochs,
        testAccuracy: NaN, validationAccuracy: NaN, state: 'training', pin: 0,
      };
      build();
    },
    /** @param {number} x epochs @param {number} cost */
    cost(x, cost) {
      if (!current || !(cost > 0)) return;
      record(current.cost, x, cost);
      lossChart.push(0, x, cost);
    },
    /**
     * After an epoch: accuracies in [0, 1] (undefined when the split is empty).
     * @param {number} epochs @param {number|undefined} validation @param {number|undefined} test
     */
    epoch(epochs, validation, test) {
      if (!current) return;
      current.epochs = epochs;
      if (validation !== undefined) {
        current.validationAccuracy = validation;
        record(current.validation, epochs, 100 * validation);
        accuracyChart.push(0, epochs, 100 * validation);
      }
      if (test !== undefined) {
        current.testAccuracy = test;
        record(current.test, epochs, 100 * test);
        accuracyChart.push(1, epochs, 100 * test);
      }
      if (current.pin) table();
    },
    /** @param {'finished'|'diverged'} state */
    end(state) {
      if (!current) return;
      current.state = state;
      if (current.pin) table();
    },
    /** Pin the current run; returns a message for the student. */
    pin() {
      if (!current) return 'There is no run to pin.';
      if (current.pin) return `This run is already pinned as #${current.pin}.`;
      if (pinned.length >= MAX_PINS) return `At most ${MAX_PINS} runs can be pinned: unpin one (✕ in the table) first.`;
      const used = new Set(pinned.map((p) => p.pin));
      let n = 1;
      while (used.has(n)) n += 1;
      current.pin = n;
      pinned.push(current);
      pinned.sort((a, b) => a.pin - b.pin);
      table();
      onPins();
      return `Pinned as #${n}: its curves stay on the charts when ↺ Reset starts the next run.`;
    },
    get pinnedCount() {
      return pinned.length;
    },
    /** The pinned runs: number, colour, config. */
    get pins() {
      return pinned.map((p) => ({ pin: p.pin, color: color(p), config: p.config }));
    },
    update() {
      lossChart.update();
      accuracyChart.update();
    },
    destroy() {
      lossChart.destroy();
      accuracyChart.destroy();
    },
  };
}

/** A run's settings in a line: layers, activations, cost, optimizer, η, m, and what else is on. @param {any} c */
function summarize(c) {
  const parts = [`[${c.sizes.join(', ')}]`, `${c.hiddenActivation}/${c.outputActivation}`, c.cost, c.optimizer.kind, `η ${c.eta}`, `m ${c.batchSize}`];
  if (c.regularization !== 'none') parts.push(`${c.regularization} λ ${c.lambda}`);
  if (c.dropout.some((p) => p > 0)) parts.push(`dropout ${c.dropout.join('/')}`);
  if (Object.entries(c.augmentation).some(([k, v]) => k !== 'elasticSigma' && v > 0)) parts.push('augmented');
  if (c.schedule.decay.kind !== 'constant') parts.push(`${c.schedule.decay.kind} decay`);
  if (c.batchNorm) parts.push('batch norm');
  parts.push(`seed ${c.seed}`, `${int(c.nTrain)} images`);
  return parts.join(', ');
}
