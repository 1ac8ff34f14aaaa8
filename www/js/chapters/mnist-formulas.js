// @ts-check
/**
 * The lecture's formulas for the MNIST chapter, in LaTeX (typeset by KaTeX), following the form: the
 * layer rule, the chosen activation(s), the chosen cost, the update rule (plain SGD, with the L2 / L1
 * term when it is on).
 */
import { formulaHTML } from '../kit/chapter.js';
import { esc } from '../dom.js';

/** σ(z) of each activation the core knows; unknown names are shown by name. */
const ACTIVATION = {
  sigmoid: '\\sigma(z) = \\frac{1}{1 + e^{-z}}',
  step: '\\operatorname{step}(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}',
  identity: 'f(z) = z',
  tanh: '\\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}',
  relu: '\\operatorname{ReLU}(z) = \\max(0, z)',
  leakyRelu: '\\operatorname{LReLU}(z) = \\max(\\alpha z, z)',
  prelu: '\\operatorname{PReLU}(z) = \\max(\\alpha z, z), \\ \\alpha \\text{ learned}',
  elu: '\\operatorname{ELU}(z) = \\begin{cases} z & z > 0 \\\\ \\alpha (e^{z} - 1) & z \\le 0 \\end{cases}',
  gelu: '\\operatorname{GELU}(z) = z \\, \\Phi(z)',
  geluSigmoid: '\\operatorname{GELU}(z) \\approx z \\, \\sigma(1.702 z)',
  swish: '\\operatorname{swish}(z) = z \\, \\sigma(\\beta z)',
  softplus: '\\operatorname{softplus}(z) = \\ln(1 + e^{z})',
  mish: '\\operatorname{mish}(z) = z \\tanh(\\ln(1 + e^{z}))',
  selu: '\\operatorname{SELU}(z) = \\lambda \\begin{cases} z & z > 0 \\\\ \\alpha (e^{z} - 1) & z \\le 0 \\end{cases}',
  relu6: '\\operatorname{ReLU6}(z) = \\min(\\max(0, z), 6)',
  hardSwish: '\\operatorname{hswish}(z) = z \\, \\frac{\\min(\\max(0, z + 3), 6)}{6}',
  softmax: 'a^L_j = \\frac{e^{z^L_j}}{\\sum_k e^{z^L_k}}',
  maxout: 'a_j = \\max_{i \\le k} z_{ji}',
};

const COST = {
  quadratic: 'C = \\frac{1}{2n} \\sum_x \\lVert y(x) - a^L(x) \\rVert^2',
  crossEntropy: 'C = -\\frac{1}{n} \\sum_x \\sum_j \\left[ y_j \\ln a^L_j + (1 - y_j) \\ln (1 - a^L_j) \\right]',
  categoricalCrossEntropy: 'C = -\\frac{1}{n} \\sum_x \\sum_j y_j \\ln a^L_j',
};

/** @param {string} name */
function activationTeX(name) {
  return ACTIVATION[name] ?? `\\operatorname{${name.replace(/[^A-Za-z0-9]/g, '')}}(z)`;
}

/**
 * @param {Record<string, any>} v  the form's current values (the parameter table's names)
 * @param {string[]} activations   one per layer, or [] (hidden / output activation)
 * @param {number} nTrain          training images of the run it would make
 */
export function formulasHTML(v, activations, nTrain) {
  const sizes = v.sizes || [];
  const parts = [];
  parts.push(formulaHTML('a^l = \\sigma(w^l a^{l-1} + b^l), \\quad l = 2, \\dots, L',
    `layers ${esc(sizes.join(' → '))}: 28×28 pixels in, one output per digit`, 'formula-layer'));
  if (activations.length) {
    const distinct = [...new Set(activations)];
    parts.push(...distinct.map((a) => formulaHTML(activationTeX(a), `layers ${activations
      .map((b, i) => (b === a ? i + 2 : 0)).filter(Boolean).join(', ')}`, 'formula-activation')));
  } else if (v.hiddenActivation === v.outputActivation) {
    parts.push(formulaHTML(activationTeX(v.hiddenActivation), 'every layer', 'formula-activation'));
  } else {
    parts.push(formulaHTML(activationTeX(v.hiddenActivation), 'hidden layers', 'formula-activation'));
    parts.push(formulaHTML(activationTeX(v.outputActivation), 'output layer', 'formula-activation'));
  }
  parts.push(formulaHTML(COST[v.cost] ?? `C = \\text{${v.cost}}`, 'the cost over the n training images', 'formula-cost'));
  const m = v.batchSize;
  const batches = Number.isInteger(m) && m > 0 ? Math.floor(nTrain / m) : 0;
  const penalty = v.regularization === 'l2' ? ' - \\frac{\\eta \\lambda}{n} w'
    : v.regularization === 'l1' ? ' - \\frac{\\eta \\lambda}{n} \\operatorname{sgn}(w)' : '';
  const optimizer = v.optimizer && v.optimizer !== 'sgd'
    ? ` Here the <strong>${esc(v.optimizer)}</strong> optimizer replaces this plain step (More settings).` : '';
  parts.push(formulaHTML(`w \\to w${penalty} - \\frac{\\eta}{m} \\sum_{x \\in \\text{batch}} \\frac{\\partial C_x}{\\partial w}, \\qquad ` +
    'b \\to b - \\frac{\\eta}{m} \\sum_{x \\in \\text{batch}} \\frac{\\partial C_x}{\\partial b}',
  `stochastic gradient descent, one mini-batch of m at a time.${batches
    ? ` One epoch: ${nTrain.toLocaleString('en-US')} images in ${batches.toLocaleString('en-US')} mini-batches of ${m}.` : ''}${optimizer}`,
  'formula-update'));
  parts.push('<p class="note">The guess is the output neuron with the largest activation.</p>');
  return parts.join('');
}
