// @ts-check
/**
 * The playground's parameter table (every control, its range and the formula it stands for) and the
 * two objects the core builds a run from: the setup (data and features) and the TrainConfig (network,
 * optimizer, regularization). Plain data and functions: no DOM.
 */
import { activationNames } from '../wasm.js';

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */

export const DATASETS = [
  { value: 'circle', label: 'circle', problem: 'classification' },
  { value: 'xor', label: 'XOR quadrants', problem: 'classification' },
  { value: 'gaussians', label: 'two Gaussians', problem: 'classification' },
  { value: 'spiral', label: 'spiral', problem: 'classification' },
  { value: 'moons', label: 'moons', problem: 'classification' },
  { value: 'checkerboard', label: 'checkerboard', problem: 'classification' },
  { value: 'kGaussians', label: 'K Gaussians (K classes)', problem: 'classification' },
  { value: 'kSpiral', label: 'K-arm spiral (K classes)', problem: 'classification' },
  { value: 'plane', label: 'plane (regression)', problem: 'regression' },
  { value: 'gaussianSum', label: 'sum of Gaussians (regression)', problem: 'regression' },
];

/** The seven input features: URL key, the core's name, label, LaTeX. */
export const FEATURES = [
  { name: 'x1', core: 'x1', label: 'x₁', tex: 'x_1' },
  { name: 'x2', core: 'x2', label: 'x₂', tex: 'x_2' },
  { name: 'x1sq', core: 'x1Squared', label: 'x₁²', tex: 'x_1^2' },
  { name: 'x2sq', core: 'x2Squared', label: 'x₂²', tex: 'x_2^2' },
  { name: 'x1x2', core: 'x1X2', label: 'x₁x₂', tex: 'x_1 x_2' },
  { name: 'sinx1', core: 'sinX1', label: 'sin x₁', tex: '\\sin x_1' },
  { name: 'sinx2', core: 'sinX2', label: 'sin x₂', tex: '\\sin x_2' },
];

/** Hidden activations: the core's elementwise ones (softmax belongs to the output, maxout has no heatmap per piece). */
export const ACTIVATIONS = /** @type {string[]} */ (activationNames()).filter((a) => a !== 'softmax' && a !== 'maxout');
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;

const OPTIMIZERS = [
  { value: 'sgd', label: 'SGD' }, { value: 'momentum', label: 'momentum' }, { value: 'nesterov', label: 'Nesterov' },
  { value: 'adagrad', label: 'AdaGrad' }, { value: 'rmsprop', label: 'RMSProp' }, { value: 'adam', label: 'Adam' },
  { value: 'adamw', label: 'AdamW' },
];

/** @type {ParamSpec[]} */
export const PARAMS = [
  { name: 'problem', type: 'choice', default: 'classification', label: 'problem type',
    options: [{ value: 'classification', label: 'classification' }, { value: 'regression', label: 'regression' }] },
  { name: 'dataset', type: 'choice', default: 'circle', label: 'data', options: DATASETS.map(({ value, label }) => ({ value, label })) },
  { name: 'classes', type: 'int', default: 3, label: 'classes', tex: 'K', min: 3, max: 8, hint: 'K Gaussians, K-arm spiral' },
  { name: 'noise', type: 'number', default: 0, label: 'noise', tex: '\\nu', min: 0, max: 0.5, step: 0.05, slider: true },
  { name: 'trainRatio', type: 'number', default: 0.5, label: 'training share', min: 0.1, max: 0.9, step: 0.1, slider: true },
  { name: 'points', type: 'int', default: 500, label: 'points', tex: 'N', min: 10, max: 5000 },
  ...FEATURES.map((f) => /** @type {ParamSpec} */ ({ name: f.name, type: 'bool', default: f.name === 'x1' || f.name === 'x2', label: f.label })),
  { name: 'hidden', type: 'ints', default: [4, 2], label: 'hidden layers (neurons each)', min: 1, max: MAX_NEURONS, minLength: 0,
    maxLength: MAX_LAYERS, aliases: ['layers'], hint: '0–6 layers of 1–8, e.g. 4,2; empty: none' },
  { name: 'activation', type: 'choice', default: 'tanh', label: 'activation', tex: '\\sigma', options: ACTIVATIONS },
  { name: 'eta', type: 'number', default: 0.03, label: 'learning rate', tex: '\\eta', min: 0, minExclusive: true, max: 10 },
  { name: 'batchSize', type: 'int', default: 10, label: 'mini-batch size', tex: 'm', min: 1, max: 5000 },
  { name: 'regularization', type: 'choice', default: 'none', label: 'regularization',
    options: [{ value: 'none', label: 'none' }, { value: 'l1', label: 'L1' }, { value: 'l2', label: 'L2' }] },
  { name: 'lambda', type: 'number', default: 0, label: 'regularization rate', tex: '\\lambda', min: 0, max: 10 },
  { name: 'seed', type: 'int', default: 1, label: 'seed', min: 0, max: 2 ** 53, always: true },
  { name: 'showTest', type: 'bool', default: false, label: 'show test data' },
  { name: 'discretize', type: 'bool', default: false, label: 'discretize output' },
  // ---- beyond TF Playground ----
  { name: 'optimizer', type: 'choice', default: 'sgd', label: 'optimizer', group: 'more', options: OPTIMIZERS },
  { name: 'decay', type: 'choice', default: 'constant', label: 'learning-rate schedule', group: 'more',
    options: ['constant', 'step', 'linear', 'exponential', 'inverse', 'inverseSqrt'] },
  { name: 'k', type: 'number', default: 0.1, label: 'decay rate', tex: 'k', min: 0, minExclusive: true, max: 100, group: 'more',
    hint: 'exponential, inverse, inverseSqrt (per epoch)' },
  { name: 'dropout', type: 'number', default: 0, label: 'dropout on hidden layers', tex: 'p', min: 0, max: 0.9, group: 'more' },
  { name: 'batchNorm', type: 'bool', default: false, label: 'batch norm on hidden layers', group: 'more' },
  { name: 'init', type: 'choice', default: 'glorotUniform', label: 'initial weights', group: 'more',
    options: [{ value: 'glorotUniform', label: 'Glorot uniform' }, { value: 'he', label: 'He N(0, 2/n_in)' },
      { value: 'scaledGaussian', label: 'N(0, 1/n_in)' }, { value: 'gaussian', label: 'N(0, 1)' }] },
  ...Array.from({ length: MAX_LAYERS }, (_, i) => /** @type {ParamSpec} */ ({
    name: `act${i + 2}`, type: 'choice', default: 'same', label: `activation of layer ${i + 2}`, group: 'more',
    options: [{ value: 'same', label: 'as above' }, ...ACTIVATIONS.map((a) => ({ value: a, label: a }))],
  })),
  { name: 'spaceLayer', type: 'int', default: 0, label: 'feature space: layer', tex: 'l', min: 0, max: MAX_LAYERS + 2, group: 'more',
    hint: '0: the last hidden layer; 1: the inputs' },
  { name: 'spaceI', type: 'int', default: 1, label: 'feature space: neuron i', min: 1, max: MAX_NEURONS, group: 'more' },
  { name: 'spaceJ', type: 'int', default: 2, label: 'feature space: neuron j', min: 1, max: MAX_NEURONS, group: 'more' },
];

/** Settings applied to the running network, as TF Playground does: η and the penalty. */
export const LIVE = new Set(['eta', 'regularization', 'lambda']);

/** Settings that only change the picture, not the run. */
export const VIEW_ONLY = new Set(['showTest', 'discretize', 'spaceLayer', 'spaceI', 'spaceJ']);

/** Each control's formula (LaTeX), shown while the control is hovered or focused. */
export const FORMULAS = {
  problem: '\\text{classification: } a^L = \\operatorname{softmax}(z^L),\\ C_0 = -\\tfrac1n \\textstyle\\sum_x \\sum_k y_k \\ln a^L_k \\quad \\text{regression: } a^L = z^L,\\ C_0 = \\tfrac{1}{2n} \\textstyle\\sum_x (y - a^L)^2',
  dataset: '\\{(x^{(i)}, y^{(i)})\\}_{i=1}^{N},\\ x \\in [-6, 6]^2',
  classes: 'y \\in \\{1, \\dots, K\\},\\ a^L \\in \\mathbb{R}^K',
  noise: 'x \\leftarrow x + \\nu A\\,U(-1, 1)',
  trainRatio: 'n_{\\text{train}} = \\operatorname{round}(r N),\\quad n_{\\text{test}} = N - n_{\\text{train}}',
  points: 'N',
  hidden: 'a^l = \\sigma(w^l a^{l-1} + b^l),\\quad l = 2, \\dots, L-1',
  activation: 'a^l_j = \\sigma(z^l_j)',
  eta: 'w \\to w - \\eta \\frac{\\partial C}{\\partial w}',
  batchSize: '\\frac{\\partial C}{\\partial w} \\approx \\frac1m \\sum_{j=1}^{m} \\frac{\\partial C_{X_j}}{\\partial w}',
  regularization: '\\text{L2: } C = C_0 + \\frac{\\lambda}{2n} \\sum_w w^2 \\qquad \\text{L1: } C = C_0 + \\frac{\\lambda}{n} \\sum_w |w|',
  lambda: '\\text{L2: } C = C_0 + \\frac{\\lambda}{2n} \\sum_w w^2 \\qquad \\text{L1: } C = C_0 + \\frac{\\lambda}{n} \\sum_w |w|',
  seed: '\\text{same seed} \\Rightarrow \\text{same points, same } w, b',
  showTest: 'C_{\\text{test}} = \\frac1{n_{\\text{test}}} \\sum_{x \\in \\text{test}} C_x',
  discretize: '\\hat y = \\arg\\max_k a^L_k \\quad (\\text{regression: } \\operatorname{sign} a^L)',
  optimizer: '\\text{Adam: } m \\leftarrow \\beta_1 m + (1-\\beta_1) g,\\ v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2,\\ w \\leftarrow w - \\eta \\frac{\\hat m}{\\sqrt{\\hat v} + \\varepsilon}',
  decay: '\\text{exponential: } \\eta_t = \\eta_0 e^{-kt} \\quad \\text{inverse: } \\eta_t = \\frac{\\eta_0}{1 + kt}',
  k: '\\eta_t = \\eta_0 e^{-kt}',
  dropout: 'a^l \\leftarrow \\frac{r \\odot a^l}{1-p},\\ r_j \\sim \\operatorname{Bernoulli}(1-p)',
  batchNorm: '\\hat x = \\frac{z - \\mu_B}{\\sqrt{\\sigma_B^2 + \\varepsilon}},\\quad u = \\gamma \\hat x + \\beta',
  init: '\\text{Glorot: } w \\sim U\\!\\left(-\\sqrt{\\tfrac{6}{n_{\\text{in}} + n_{\\text{out}}}}, \\sqrt{\\tfrac{6}{n_{\\text{in}} + n_{\\text{out}}}}\\right)',
  spaceLayer: '(a^l_i, a^l_j) \\text{ for every point}',
  spaceI: '(a^l_i, a^l_j)',
  spaceJ: '(a^l_i, a^l_j)',
  ...Object.fromEntries(FEATURES.map((f) => [f.name, `${f.tex} \\text{ is one input } a^1_j`])),
  ...Object.fromEntries(Array.from({ length: MAX_LAYERS }, (_, i) => [`act${i + 2}`, `a^{${i + 2}} = \\sigma_{${i + 2}}(z^{${i + 2}})`])),
};

/** The dataset's problem type. */
export const problemOf = (dataset) => DATASETS.find((d) => d.value === dataset)?.problem || 'classification';
export const hasK = (dataset) => dataset === 'kGaussians' || dataset === 'kSpiral';

/** Outputs of the network: K, 2, or 1 for a regression. */
export function outputsOf(v) {
  if (problemOf(v.dataset) === 'regression') return 1;
  return hasK(v.dataset) ? v.classes : 2;
}

/** The chosen features' core names. */
export const featuresOf = (v) => FEATURES.filter((f) => v[f.name]).map((f) => f.core);

/** σ per hidden layer l = 2 … L−1. */
export const hiddenActivations = (v) => v.hidden.map((_, i) => (v[`act${i + 2}`] === 'same' ? v.activation : v[`act${i + 2}`]));

/** Problems the table cannot see (they involve two fields), each naming its field. */
export function crossProblems(v) {
  const out = [];
  if (problemOf(v.dataset) !== v.problem) {
    out.push({ name: 'dataset', message: `dataset ${v.dataset} is a ${problemOf(v.dataset)} set, but problem type is ${v.problem}; choose a ${v.problem} dataset` });
  }
  if (!featuresOf(v).length) out.push({ name: 'x1', message: 'features: choose at least one input feature (x₁, x₂, …)' });
  return out;
}

/** The setup object of the core's `Playground`. */
export function setupOf(v) {
  return { dataset: v.dataset, points: v.points, classes: v.classes, noise: v.noise, trainRatio: v.trainRatio, features: featuresOf(v) };
}

/** The TrainConfig: softmax + categorical cross-entropy for classes, identity + quadratic cost for a regression. */
export function configOf(v) {
  const regression = problemOf(v.dataset) === 'regression';
  const features = featuresOf(v).length;
  /** @type {Record<string, any>} */
  const schedule = { decay: { kind: v.decay, ...(['exponential', 'inverse', 'inverseSqrt'].includes(v.decay) ? { k: v.k } : {}) } };
  return {
    sizes: [features, ...v.hidden, outputsOf(v)],
    activations: [...hiddenActivations(v), regression ? 'identity' : 'softmax'],
    cost: regression ? 'quadratic' : 'categoricalCrossEntropy',
    init: v.init,
    biasInit: 'zero',
    eta: v.eta,
    batchSize: v.batchSize,
    epochs: 10000,
    seed: v.seed,
    regularization: v.lambda > 0 ? v.regularization : 'none',
    lambda: v.regularization === 'none' ? 0 : v.lambda,
    dropout: v.dropout > 0 && v.hidden.length ? [0, ...v.hidden.map(() => v.dropout)] : [],
    batchNorm: v.batchNorm && v.hidden.length > 0,
    optimizer: { kind: v.optimizer },
    schedule,
  };
}
