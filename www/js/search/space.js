// @ts-check
/**
 * The search space and the three ways through it. η and λ are searched on a log scale — a step from 0.01 to
 * 0.1 matters as much as one from 1 to 10 — the other hyperparameters from short lists:
 *
 * - grid search: k log-spaced values of η and of λ, crossed with every listed choice;
 * - random search: each run draws log₁₀ η ~ U(log₁₀ η_min, log₁₀ η_max), the same for λ, and one of each list;
 * - coarse to fine: a random round for few epochs, then a second random round for more epochs in a box a
 *   quarter as wide (in log units) around the best run's η and λ, its other choices kept.
 *
 * Every run is one set of the MNIST chapter's parameters (mnist-params.js), so the best one opens there as a link.
 */
import { PARAMS, toConfig } from '../chapters/mnist-params.js';
import { defaults, toQuery, displayName } from '../kit/params.js';

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */
/**
 * @typedef {object} Point  one run's hyperparameters
 * @property {number} eta
 * @property {number} lambda
 * @property {number} batchSize
 * @property {number} hidden
 * @property {number} dropout     drop probability of the hidden layer
 * @property {string} optimizer
 * @property {string} schedule    'constant' | 'step'
 */

export const OPTIMIZER_SETS = [
  { value: 'sgd', label: 'SGD' },
  { value: 'sgd,momentum', label: 'SGD, momentum' },
  { value: 'sgd,momentum,adam', label: 'SGD, momentum, Adam' },
  { value: 'momentum', label: 'momentum' },
  { value: 'adam', label: 'Adam' },
];
export const SCHEDULE_SETS = [
  { value: 'constant', label: 'constant η' },
  { value: 'step', label: 'step decay (η halves every third of the run)' },
  { value: 'constant,step', label: 'constant or step decay' },
];

/** Most runs one search may start (both rounds of coarse to fine count). */
export const MAX_RUNS = 200;

/** @type {ParamSpec[]} */
export const SPACE_PARAMS = [
  {
    name: 'strategy', type: 'choice', default: 'random', label: 'strategy',
    options: [{ value: 'random', label: 'random' }, { value: 'grid', label: 'grid' }, { value: 'coarse', label: 'coarse → fine' }],
  },
  { name: 'runs', type: 'int', min: 1, max: 100, default: 12, label: 'runs', hint: 'grid: ≈ points of η × λ; coarse to fine: per round' },
  { name: 'epochs', type: 'int', min: 1, max: 100, default: 3, label: 'epochs per run' },
  { name: 'fineEpochs', type: 'int', min: 1, max: 100, default: 6, label: 'epochs, fine round', hint: 'coarse to fine only' },
  { name: 'etaMin', type: 'number', min: 0, minExclusive: true, max: 1000, default: 0.01, label: 'smallest η', tex: '\\eta_{\\min}' },
  { name: 'etaMax', type: 'number', min: 0, minExclusive: true, max: 1000, default: 10, label: 'largest η', tex: '\\eta_{\\max}' },
  { name: 'lambdaMin', type: 'number', min: 0, minExclusive: true, max: 1e4, default: 0.01, label: 'smallest λ', tex: '\\lambda_{\\min}' },
  { name: 'lambdaMax', type: 'number', min: 0, minExclusive: true, max: 1e4, default: 30, label: 'largest λ', tex: '\\lambda_{\\max}' },
  { name: 'batchSizes', type: 'ints', min: 1, max: 1000, minLength: 1, maxLength: 8, default: [10], label: 'mini-batch sizes', tex: 'm' },
  { name: 'hidden', type: 'ints', min: 1, max: 300, minLength: 1, maxLength: 8, default: [30], label: 'hidden widths' },
  { name: 'dropout', type: 'numbers', min: 0, max: 0.9, minLength: 1, maxLength: 8, default: [0], label: 'dropout p (hidden)', tex: 'p' },
  { name: 'optimizers', type: 'choice', default: 'sgd', label: 'optimizers', options: OPTIMIZER_SETS },
  { name: 'schedules', type: 'choice', default: 'constant', label: 'schedules', options: SCHEDULE_SETS },
];

const SPEC = Object.fromEntries(SPACE_PARAMS.map((s) => [s.name, s]));

/**
 * Problems across fields (each field alone is checked by the form): a minimum above its maximum, a grid too big.
 * @param {Record<string, any>} v
 * @returns {{name: string, message: string}[]}
 */
export function spaceProblems(v) {
  const out = [];
  for (const [lo, hi] of [['etaMin', 'etaMax'], ['lambdaMin', 'lambdaMax']]) {
    if (v[lo] > v[hi]) {
      out.push({ name: lo, message: `${displayName(SPEC[lo])} ${v[lo]} is above ${displayName(SPEC[hi])} ${v[hi]}: the range is empty — swap them` });
    }
  }
  const total = v.strategy === 'grid' ? gridPoints(v).length : v.strategy === 'coarse' ? 2 * v.runs : v.runs;
  if (!out.length && total > MAX_RUNS) {
    out.push({ name: 'runs', message: `this grid has ${total} runs (η × λ × every listed choice); at most ${MAX_RUNS} — list fewer choices or lower runs (runs)` });
  }
  return out;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32), so a link repeats its search. @param {number} seed */
export function uniform(seed) {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10^u with u uniform in [log₁₀ lo, log₁₀ hi]. @param {() => number} rand @param {number} lo @param {number} hi */
export function logUniform(rand, lo, hi) {
  return 10 ** (Math.log10(lo) + rand() * (Math.log10(hi) - Math.log10(lo)));
}

/** k values spaced evenly on a log scale from lo to hi. */
export function logSpace(lo, hi, k) {
  if (k === 1) return [Math.sqrt(lo * hi)];
  return Array.from({ length: k }, (_, i) => 10 ** (Math.log10(lo) + (i / (k - 1)) * (Math.log10(hi) - Math.log10(lo))));
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const choices = (v) => ({
  batchSize: v.batchSizes, hidden: v.hidden, dropout: v.dropout,
  optimizer: String(v.optimizers).split(','), schedule: String(v.schedules).split(','),
});

/** Random search: `v.runs` points. @param {Record<string, any>} v @param {() => number} rand @returns {Point[]} */
export function randomPoints(v, rand, box = { etaMin: v.etaMin, etaMax: v.etaMax, lambdaMin: v.lambdaMin, lambdaMax: v.lambdaMax }) {
  const c = choices(v);
  return Array.from({ length: v.runs }, () => ({
    eta: round(logUniform(rand, box.etaMin, box.etaMax)),
    lambda: round(logUniform(rand, box.lambdaMin, box.lambdaMax)),
    batchSize: pick(rand, c.batchSize), hidden: pick(rand, c.hidden), dropout: pick(rand, c.dropout),
    optimizer: pick(rand, c.optimizer), schedule: pick(rand, c.schedule),
  }));
}

/** Grid search: k × k log-spaced η and λ (k² ≈ runs) crossed with every listed choice. @returns {Point[]} */
export function gridPoints(v) {
  const k = Math.max(1, Math.round(Math.sqrt(v.runs)));
  const c = choices(v);
  const out = [];
  for (const eta of logSpace(v.etaMin, v.etaMax, k)) {
    for (const lambda of logSpace(v.lambdaMin, v.lambdaMax, k)) {
      for (const batchSize of c.batchSize) for (const hidden of c.hidden) for (const dropout of c.dropout) {
        for (const optimizer of c.optimizer) for (const schedule of c.schedule) {
          out.push({ eta: round(eta), lambda: round(lambda), batchSize, hidden, dropout, optimizer, schedule });
        }
      }
    }
  }
  return out;
}

/**
 * The fine round of coarse to fine: random points in a box around `best`, each log range a quarter as wide,
 * the best run's other choices kept. @param {Record<string, any>} v @param {Point} best @param {() => number} rand
 */
export function finePoints(v, best, rand) {
  const around = (x, lo, hi) => {
    const half = (Math.log10(hi) - Math.log10(lo)) / 8;
    return [x / 10 ** half, x * 10 ** half];
  };
  const [etaMin, etaMax] = around(best.eta, v.etaMin, v.etaMax);
  const [lambdaMin, lambdaMax] = around(best.lambda, v.lambdaMin, v.lambdaMax);
  const fixed = { ...v, batchSizes: [best.batchSize], hidden: [best.hidden], dropout: [best.dropout], optimizers: best.optimizer, schedules: best.schedule };
  return randomPoints(fixed, rand, { etaMin, etaMax, lambdaMin, lambdaMax });
}

/** Three significant digits: what the table and the link show is what ran. @param {number} x */
function round(x) {
  return Number(x.toPrecision(3));
}

/**
 * The MNIST chapter's parameter values for one run: a sigmoid hidden layer, softmax output with categorical
 * cross-entropy, N(0, 1/n_in) weights, L2 with the point's λ — and the point's other choices.
 * @param {Point} p @param {{epochs: number, seed: number, nTrain: number, nValidation: number}} run
 */
export function mnistValues(p, { epochs, seed, nTrain, nValidation }) {
  return {
    ...defaults(PARAMS),
    sizes: [784, p.hidden, 10], hiddenActivation: 'sigmoid', outputActivation: 'softmax', cost: 'categoricalCrossEntropy',
    init: 'scaledGaussian', eta: p.eta, batchSize: p.batchSize, epochs, seed, nTrain, nValidation,
    optimizer: p.optimizer, regularization: 'l2', lambda: p.lambda, dropout: p.dropout > 0 ? [0, p.dropout] : [],
    decay: p.schedule, drop: 0.5, every: Math.max(1, Math.round(epochs / 3)),
  };
}

/** The TrainConfig of those values. @param {Record<string, any>} values */
export const configOf = (values) => toConfig(values, []);

/** A link to the MNIST chapter with those values (and the sample, if the search used it). */
export function mnistLink(values, source) {
  return `#/mnist?${toQuery(PARAMS, values)}${source === 'sample' ? '&data=sample' : ''}`;
}
