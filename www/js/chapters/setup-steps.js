// @ts-check
/**
 * The lecture's guided walk for setting up a network, one step per entry: what the step tries, what to look
 * at and why, its few settings, the runs its ▶ button starts (each a TrainConfig), and what the chart shows.
 * Step 1 is Nielsen's: `network2.Network([784, 10])`, cross-entropy, on the first 1,000 training images,
 * λ = 20, evaluated on 100 validation images, with η = 100, 10 or 1 as in the slide's three logs.
 */

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */
/**
 * @typedef {object} Step
 * @property {string} id
 * @property {string} title
 * @property {string} look        what to look at, and why (HTML)
 * @property {string} tex         the formula the step is about
 * @property {ParamSpec[]} params
 * @property {'accuracy'|'cost'} chart  validation accuracy or training cost per epoch
 * @property {boolean} costLog    log lines also carry the training cost
 * @property {boolean} [trainMetrics]  log lines also carry the accuracy on the whole training split, measured after each epoch
 * @property {(v: Record<string, any>, seed: number) => {label: string, config: any}[]} runs
 */

/** Nielsen's network2.py: sigmoid neurons, cross-entropy cost, N(0, 1/n_in) weights, L2, m = 10. */
export function network2(o) {
  return {
    sizes: [784, 10], hiddenActivation: 'sigmoid', outputActivation: 'sigmoid', cost: 'crossEntropy', init: 'scaledGaussian',
    batchSize: 10, regularization: 'l2', lambda: 0, nTrain: 1000, nValidation: 100, epochs: 10, seed: 1, eta: 0.5, ...o,
  };
}

/** Training and validation images of the later steps (from the full MNIST). */
export const LARGE = { nTrain: 10000, nValidation: 1000 };

/** @type {Step[]} */
export const STEPS = [
  {
    id: 'small', title: '1 · Any learning at all, on a small problem',
    look: 'Start with the smallest problem that can show learning: no hidden layer, the first 1,000 training images, ' +
      'evaluation on 100 validation images, so each try takes a moment. Look at the accuracy line of each epoch: is it above ' +
      'chance (10 / 100)? With λ = 20, η = 100 gets nowhere, η = 10 barely moves, η = 1 learns — the slide’s three logs.',
    tex: 'w \\to \\Big(1 - \\frac{\\eta\\lambda}{n}\\Big) w - \\frac{\\eta}{m} \\sum_x \\frac{\\partial C_x}{\\partial w}',
    params: [
      { name: 'eta', type: 'choice', default: '100', label: 'learning rate', tex: '\\eta', options: ['100', '10', '1'] },
      { name: 'lambda', type: 'number', min: 0, max: 1000, default: 20, label: 'regularization', tex: '\\lambda' },
      { name: 'epochs', type: 'int', min: 1, max: 60, default: 10, label: 'epochs' },
    ],
    chart: 'accuracy', costLog: false,
    runs: (v, seed) => [{ label: `η = ${v.eta}`, config: network2({ eta: Number(v.eta), lambda: v.lambda, epochs: v.epochs, seed }) }],
  },
  {
    id: 'scale', title: '2 · Scale the data up',
    look: 'Once something learns, give it more: a hidden layer of 30 neurons and more training images, validated on 1,000. ' +
      'Look at how much higher validation accuracy climbs with more data — and at how much longer an epoch takes, which is why ' +
      'the quick tries belong on the small problem.',
    tex: 'n = 1{,}000 \\;\\to\\; 10{,}000',
    params: [{ name: 'nTrains', type: 'ints', min: 100, max: LARGE.nTrain, minLength: 1, maxLength: 4, default: [1000, 10000], label: 'training images', tex: 'n' }],
    chart: 'accuracy', costLog: false,
    runs: (v, seed) => v.nTrains.map((n) => ({
      label: `n = ${n.toLocaleString('en-US')}`,
      config: network2({ sizes: [784, 30, 10], eta: 0.5, lambda: 5, epochs: 5, nTrain: n, nValidation: LARGE.nValidation, seed }),
    })),
  },
  {
    id: 'eta', title: '3 · Find the threshold η',
    look: 'Train with η an order of magnitude apart and look at the training cost over the first epochs — not the accuracy: ' +
      'η is about the descent. The threshold is the largest η at which the cost falls from the start; above it the cost ' +
      'oscillates or climbs. Nielsen then takes about half the threshold.',
    tex: 'w \\to w - \\eta\\, \\nabla_w C',
    params: [{ name: 'etas', type: 'numbers', min: 0, max: 1000, minLength: 1, maxLength: 5, default: [0.025, 0.25, 2.5, 25], label: 'learning rates', tex: '\\eta' }],
    chart: 'cost', costLog: true,
    runs: (v, seed) => v.etas.map((eta) => ({
      label: `η = ${eta}`, config: network2({ sizes: [784, 30, 10], eta, lambda: 5, epochs: 5, ...LARGE, seed }),
    })),
  },
  {
    id: 'schedule', title: '4 · Maybe a schedule',
    look: 'With η fixed, the steps stay as large near the minimum as far from it. Halving η every few epochs lets the run settle: ' +
      'look at the validation accuracy of the last epochs, constant against decayed.',
    tex: '\\eta(t) = \\eta_0 \\cdot 0.5^{\\lfloor t / s \\rfloor}',
    params: [
      { name: 'eta0', type: 'number', min: 0, minExclusive: true, max: 100, default: 1, label: 'initial rate', tex: '\\eta_0' },
      { name: 'every', type: 'int', min: 1, max: 20, default: 2, label: 'halve every (epochs)', tex: 's' },
    ],
    chart: 'accuracy', costLog: false,
    runs: (v, seed) => [
      { label: 'constant η', config: network2({ sizes: [784, 30, 10], eta: v.eta0, lambda: 5, epochs: 8, ...LARGE, seed }) },
      { label: `halved every ${v.every}`, config: network2({ sizes: [784, 30, 10], eta: v.eta0, lambda: 5, epochs: 8, ...LARGE, seed,
        schedule: { decay: { kind: 'step', drop: 0.5, every: v.every }, warmup: 0 } }) },
    ],
  },
  {
    id: 'lambda', title: '5 · Start λ at 0, then increase it',
    look: 'With η chosen, begin without regularization and raise λ by factors. Look at the gap between training and validation ' +
      'accuracy (in the log): a large gap is overfitting, which λ narrows; too large a λ holds both down.',
    tex: 'C = C_0 + \\frac{\\lambda}{2n}\\sum_w w^2',
    params: [{ name: 'lambdas', type: 'numbers', min: 0, max: 1000, minLength: 1, maxLength: 5, default: [0, 1, 10, 100], label: 'regularization', tex: '\\lambda' }],
    chart: 'accuracy', costLog: false, trainMetrics: true,
    runs: (v, seed) => v.lambdas.map((lambda) => ({
      label: `λ = ${lambda}`, config: network2({ sizes: [784, 30, 10], eta: 0.5, lambda, epochs: 15, nTrain: 1000, nValidation: LARGE.nValidation, seed }),
    })),
  },
  {
    id: 'early', title: '6 · Early stopping',
    look: 'Keep the best validation accuracy seen and stop when it has not improved for a few epochs (the patience): the number ' +
      'of epochs then needs no tuning. Look at where the run stops and which epoch’s weights it keeps.',
    tex: 't_{\\text{stop}} = t_{\\text{best}} + k',
    params: [{ name: 'patience', type: 'int', min: 1, max: 20, default: 3, label: 'patience (epochs)', tex: 'k' }],
    chart: 'accuracy', costLog: false,
    runs: (v, seed) => [{
      label: `patience ${v.patience}`,
      config: network2({ sizes: [784, 30, 10], eta: 0.5, lambda: 0, epochs: 40, nTrain: 1000, nValidation: LARGE.nValidation, earlyStopping: v.patience, seed }),
    }],
  },
];
