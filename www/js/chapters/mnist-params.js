// @ts-check
/**
 * The MNIST chapter's parameter table: the whole TrainConfig (README.md's table), one parameter per
 * field, named as the config's camelCase fields; nested ones are flattened readably
 * (`optimizer=adam&beta1=0.9`, `decay=step&drop=0.5&every=10`, `rotate=10`). Defaults come from the
 * core's `defaultConfig()`, the activation names from `activationNames()`; the core's
 * `validateConfig` has the last word on ranges that depend on other fields or on the data.
 *
 * `activations` (one name per layer) is a list of names, which the kit's table has no type for: the
 * chapter reads and writes it itself (see mnist.js).
 */
import { defaultConfig, activationNames } from '../wasm.js';

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */

const core = cleanFloats(defaultConfig());
/** Nielsen's run, as the core describes it. */
export const CORE_DEFAULTS = core;

/** The core's f32 numbers arrive as f64 (0.9 as 0.8999999761581421): the shortest decimal with the same f32. */
export function cleanFloats(x) {
  if (typeof x === 'number' && !Number.isInteger(x)) {
    for (let p = 1; p <= 9; p++) {
      const y = Number(x.toPrecision(p));
      if (Math.fround(y) === Math.fround(x)) return y;
    }
    return x;
  }
  if (Array.isArray(x)) return x.map(cleanFloats);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, cleanFloats(v)]));
  return x;
}
export const ACTIVATIONS = /** @type {string[]} */ (activationNames());

const DECAY_DEFAULTS = { drop: 0.5, every: 10, end: 0.01, over: 30, k: 0.1 };
const OPTIMIZER_DEFAULTS = { beta: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };

/** @type {ParamSpec[]} */
export const PARAMS = [
  // ---- in view: the network and plain SGD, as in Nielsen's network.py ----
  { name: 'sizes', type: 'ints', default: core.sizes, label: 'layer sizes', aliases: ['layers'], min: 1, max: 4096, minLength: 2, maxLength: 12 },
  { name: 'eta', type: 'number', default: core.eta, label: 'learning rate', tex: '\\eta', min: 0, minExclusive: true, max: 1000 },
  { name: 'batchSize', type: 'int', default: core.batchSize, label: 'mini-batch size', tex: 'm', aliases: ['batch', 'm'], min: 1, max: 60000 },
  { name: 'epochs', type: 'int', default: core.epochs, label: 'epochs', min: 1, max: 10000 },
  { name: 'seed', type: 'int', default: core.seed, label: 'seed', min: 0, max: 2 ** 53, always: true },
  { name: 'hiddenActivation', type: 'choice', default: core.hiddenActivation, label: 'hidden activation', aliases: ['hidden'], options: ACTIVATIONS },
  { name: 'outputActivation', type: 'choice', default: core.outputActivation, label: 'output activation', aliases: ['output'], options: ACTIVATIONS },
  {
    name: 'cost', type: 'choice', default: core.cost, label: 'cost', tex: 'C',
    options: [
      { value: 'quadratic', label: 'quadratic' },
      { value: 'crossEntropy', label: 'cross-entropy' },
      { value: 'categoricalCrossEntropy', label: 'categorical cross-entropy (softmax)' },
    ],
  },
  // ---- more settings ----
  {
    name: 'init', type: 'choice', default: core.init, label: 'initial weights', group: 'more',
    options: [
      { value: 'gaussian', label: 'N(0, 1)' },
      { value: 'scaledGaussian', label: 'N(0, 1/n_in)' },
      { value: 'he', label: 'He N(0, 2/n_in)' },
      { value: 'glorotUniform', label: 'Glorot uniform' },
    ],
  },
  { name: 'biasInit', type: 'choice', default: core.biasInit, label: 'initial biases', group: 'more',
    options: [{ value: 'gaussian', label: 'N(0, 1)' }, { value: 'zero', label: 'zero' }] },
  { name: 'activationParam', type: 'number', default: core.activationParam, label: 'activation parameter', tex: '\\alpha',
    min: -100, max: 100, group: 'more', hint: 'leaky ReLU / ELU α, Swish β; 0 = default' },
  { name: 'learnSwishBeta', type: 'bool', default: core.learnSwishBeta, label: 'learn Swish β', group: 'more' },
  { name: 'maxoutPieces', type: 'int', default: core.maxoutPieces, label: 'maxout pieces', tex: 'k', min: 2, max: 16, group: 'more' },
  { name: 'nTrain', type: 'int', default: core.nTrain, label: 'training images', tex: 'n', min: 1, max: 60000, group: 'more' },
  { name: 'nValidation', type: 'int', default: core.nValidation, label: 'validation images', min: 0, max: 60000, group: 'more' },
  {
    name: 'optimizer', type: 'choice', default: core.optimizer.kind, label: 'optimizer', group: 'more',
    options: [
      { value: 'sgd', label: 'SGD' }, { value: 'momentum', label: 'momentum' }, { value: 'nesterov', label: 'Nesterov' },
      { value: 'adagrad', label: 'AdaGrad' }, { value: 'rmsprop', label: 'RMSProp' }, { value: 'adam', label: 'Adam' },
      { value: 'adamw', label: 'AdamW' },
    ],
  },
  { name: 'beta', type: 'number', default: OPTIMIZER_DEFAULTS.beta, label: 'momentum', tex: '\\beta', min: 0, max: 1, group: 'more',
    hint: 'momentum, Nesterov' },
  { name: 'momentumForm', type: 'choice', default: 'velocity', label: 'momentum form', group: 'more',
    options: [{ value: 'velocity', label: 'v ← βv − ηg' }, { value: 'accumulated', label: 'v ← βv + g' }] },
  { name: 'beta1', type: 'number', default: OPTIMIZER_DEFAULTS.beta1, label: 'Adam β₁', tex: '\\beta_1', min: 0, max: 1, group: 'more' },
  { name: 'beta2', type: 'number', default: OPTIMIZER_DEFAULTS.beta2, label: 'β₂', tex: '\\beta_2', min: 0, max: 1, group: 'more',
    hint: 'Adam; RMSProp uses 0.9 unless set' },
  { name: 'eps', type: 'number', default: OPTIMIZER_DEFAULTS.eps, label: 'ε', tex: '\\varepsilon', min: 0, minExclusive: true, max: 1, group: 'more' },
  { name: 'biasCorrection', type: 'bool', default: true, label: 'Adam bias correction', group: 'more' },
  { name: 'weightDecay', type: 'number', default: OPTIMIZER_DEFAULTS.weightDecay, label: 'AdamW weight decay', min: 0, max: 1, group: 'more' },
  {
    name: 'decay', type: 'choice', default: core.schedule.decay.kind, label: 'learning-rate decay', group: 'more',
    options: ['constant', 'step', 'linear', 'exponential', 'inverse', 'inverseSqrt'],
  },
  { name: 'drop', type: 'number', default: DECAY_DEFAULTS.drop, label: 'step decay factor', min: 0, minExclusive: true, max: 1, group: 'more' },
  { name: 'every', type: 'number', default: DECAY_DEFAULTS.every, label: 'step decay every (epochs)', min: 0, minExclusive: true, max: 10000, group: 'more' },
  { name: 'end', type: 'number', default: DECAY_DEFAULTS.end, label: 'linear decay: final η / η₀', min: 0, max: 1, group: 'more' },
  { name: 'over', type: 'number', default: DECAY_DEFAULTS.over, label: 'linear decay over (epochs)', min: 0, minExclusive: true, max: 10000, group: 'more' },
  { name: 'k', type: 'number', default: DECAY_DEFAULTS.k, label: 'decay rate k', tex: 'k', min: 0, minExclusive: true, max: 1000, group: 'more',
    hint: 'exponential, inverse; inverseSqrt uses 1 unless set' },
  { name: 'warmup', type: 'number', default: core.schedule.warmup, label: 'warm-up (epochs)', min: 0, max: 10000, group: 'more' },
  {
    name: 'regularization', type: 'choice', default: core.regularization, label: 'regularization', group: 'more',
    options: [{ value: 'none', label: 'none' }, { value: 'l2', label: 'L2' }, { value: 'l1', label: 'L1' }],
  },
  { name: 'lambda', type: 'number', default: core.lambda, label: 'regularization', tex: '\\lambda', min: 0, max: 1e4, group: 'more' },
  { name: 'dropout', type: 'numbers', default: core.dropout, label: 'dropout p per layer', tex: 'p', min: 0, max: 1, minLength: 0,
    group: 'more', hint: 'input and hidden layers, e.g. 0.2,0.5; empty = off' },
  { name: 'batchNorm', type: 'bool', default: core.batchNorm, label: 'batch norm', group: 'more' },
  { name: 'bnEps', type: 'number', default: core.bnEps, label: 'batch norm ε', min: 0, minExclusive: true, max: 1, group: 'more' },
  { name: 'bnMomentum', type: 'number', default: core.bnMomentum, label: 'batch norm momentum', min: 0, max: 1, group: 'more' },
  {
    name: 'preprocess', type: 'choice', default: core.preprocess, label: 'preprocessing', group: 'more',
    options: ['scale', 'centerGlobal', 'centerPixel', 'standardizeGlobal', 'standardizePixel'],
  },
  { name: 'translate', type: 'number', default: core.augmentation.translate, label: 'augment: shift (pixels)', min: 0, max: 14, group: 'more' },
  { name: 'rotate', type: 'number', default: core.augmentation.rotate, label: 'augment: rotate (°)', min: 0, max: 180, group: 'more' },
  { name: 'elastic', type: 'number', default: core.augmentation.elastic, label: 'augment: elastic', min: 0, max: 50, group: 'more' },
  { name: 'elasticSigma', type: 'number', default: core.augmentation.elasticSigma, label: 'augment: elastic σ', min: 0.5, max: 8, group: 'more' },
  { name: 'intensity', type: 'number', default: core.augmentation.intensity, label: 'augment: intensity', min: 0, max: 1, group: 'more' },
  { name: 'blur', type: 'number', default: core.augmentation.blur, label: 'augment: blur σ', min: 0, max: 8, group: 'more' },
  { name: 'noise', type: 'number', default: core.augmentation.noise, label: 'augment: noise', min: 0, max: 1, group: 'more' },
  { name: 'earlyStopping', type: 'int', default: core.earlyStopping, label: 'early stopping patience (epochs)', min: 0, max: 10000,
    group: 'more', hint: '0 = off' },
];

const SPEC = Object.fromEntries(PARAMS.map((s) => [s.name, s]));
const AUGMENT = ['translate', 'rotate', 'elastic', 'elasticSigma', 'intensity', 'blur', 'noise'];
/** The URL key the chapter handles itself (not in the kit's table: a list of names). */
export const ACTIVATIONS_KEY = 'activations';

/**
 * Nielsen's two runs, and one past them, as buttons that fill the form (everything else at its default, the seed
 * kept). "past Nielsen": ReLU with He init, softmax + categorical cross-entropy, Adam, dropout, shifted and rotated
 * training digits, η halved every 4 epochs — 98.75% test accuracy after 12 epochs, natively (`make reproduce`) and
 * in the page alike (the same count, 9875 / 10000, and the same count at every epoch before it).
 */
export const PRESETS = [
  { id: 'network', label: 'network.py', title: '[784, 30, 10], sigmoid, quadratic cost, N(0, 1), η = 3, m = 10, 30 epochs',
    values: {} },
  { id: 'network2', label: 'network2.py',
    title: '[784, 100, 10], sigmoid, cross-entropy, L2 λ = 5, N(0, 1/n_in), η = 0.5, m = 10, 30 epochs',
    values: { sizes: [784, 100, 10], cost: 'crossEntropy', eta: 0.5, regularization: 'l2', lambda: 5, init: 'scaledGaussian' } },
  { id: 'beyond', label: 'past Nielsen',
    title: '[784, 512, 10], ReLU, He init, softmax + categorical cross-entropy, Adam η = 0.001, m = 32, dropout 0.1 / 0.3, ' +
      'shifts ±2 px and rotations ±10°, η halved every 4 epochs, 12 epochs (98.75% test accuracy)',
    values: {
      sizes: [784, 512, 10], hiddenActivation: 'relu', outputActivation: 'softmax', cost: 'categoricalCrossEntropy', init: 'he',
      biasInit: 'zero', optimizer: 'adam', eta: 0.001, batchSize: 32, epochs: 12, decay: 'step', drop: 0.5, every: 4,
      dropout: [0.1, 0.3], translate: 2, rotate: 10,
    } },
];

/** A nested field only when it differs from the table's default, so the core's per-kind defaults apply. */
function given(values, name, out, key = name) {
  if (values[name] !== SPEC[name].default) out[key] = values[name];
}

/**
 * The TrainConfig the values describe. `available`: training images in the loaded data; when the
 * split is at its default and does not fit, it is shrunk to 4/5 training, 1/5 validation.
 * @param {Record<string, any>} v
 * @param {string[]} activations
 * @param {number} [available]
 */
export function toConfig(v, activations, available = 60000) {
  const optimizer = { kind: v.optimizer };
  const k = v.optimizer;
  if (k === 'momentum' || k === 'nesterov') given(v, 'beta', optimizer);
  if (k === 'momentum' && v.momentumForm !== 'velocity') optimizer.form = v.momentumForm;
  if (k === 'adam' || k === 'adamw') given(v, 'beta1', optimizer);
  if (k === 'adam' || k === 'adamw' || k === 'rmsprop') given(v, 'beta2', optimizer);
  if (k !== 'sgd' && k !== 'momentum' && k !== 'nesterov') given(v, 'eps', optimizer);
  if (k === 'adam' && !v.biasCorrection) optimizer.biasCorrection = false;
  if (k === 'adamw') given(v, 'weightDecay', optimizer);
  const decay = { kind: v.decay };
  if (v.decay === 'step') { given(v, 'drop', decay); given(v, 'every', decay); }
  if (v.decay === 'linear') { given(v, 'end', decay); given(v, 'over', decay); }
  if (['exponential', 'inverse', 'inverseSqrt'].includes(v.decay)) given(v, 'k', decay);
  let { nTrain, nValidation } = v;
  if (nTrain === SPEC.nTrain.default && nValidation === SPEC.nValidation.default && nTrain + nValidation > available) {
    nValidation = Math.floor(available / 5);
    nTrain = available - nValidation;
  }
  return {
    sizes: [...v.sizes],
    hiddenActivation: v.hiddenActivation,
    outputActivation: v.outputActivation,
    activations: [...activations],
    activationParam: v.activationParam,
    learnSwishBeta: v.learnSwishBeta,
    maxoutPieces: v.maxoutPieces,
    cost: v.cost,
    init: v.init,
    biasInit: v.biasInit,
    eta: v.eta,
    batchSize: v.batchSize,
    epochs: v.epochs,
    seed: v.seed,
    nTrain,
    nValidation,
    optimizer,
    schedule: { decay, warmup: v.warmup },
    regularization: v.regularization,
    lambda: v.lambda,
    dropout: [...v.dropout],
    batchNorm: v.batchNorm,
    bnEps: v.bnEps,
    bnMomentum: v.bnMomentum,
    preprocess: v.preprocess,
    augmentation: Object.fromEntries(AUGMENT.map((a) => [a, v[a]])),
    earlyStopping: v.earlyStopping,
  };
}

/**
 * The parameter a core error's field (`optimizer.beta1`, `schedule.decay.every`, `augmentation.rotate`,
 * `nTrain`) is shown on.
 * @param {string} field
 */
export function paramOfField(field) {
  if (field === 'optimizer.form') return 'momentumForm';
  if (field === 'schedule.decay.kind') return 'decay';
  if (field === ACTIVATIONS_KEY) return ACTIVATIONS_KEY;
  const last = field.split('.').pop() || '';
  return SPEC[last] ? last : '';
}

/**
 * Parse the `activations` text: names separated by commas; empty = use hidden/output activation.
 * @param {string} text
 * @returns {{value: string[], error?: string}}
 */
export function parseActivations(text) {
  const names = String(text).split(/[\s,;]+/).filter(Boolean);
  const bad = names.findIndex((n) => !ACTIVATIONS.includes(n));
  if (bad >= 0) {
    const shown = names[bad].length > 24 ? `${names[bad].slice(0, 24)}…` : names[bad];
    return { value: [], error: `activations[${bad}] must be one of ${ACTIVATIONS.join(', ')}, got “${shown}”` };
  }
  return { value: names };
}
