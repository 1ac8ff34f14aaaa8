// @ts-check
/**
 * The lecture's chapters, in lecture order. `load` resolves to a module exporting
 * `mount(container, params, ctx) → {pause, update, destroy}`.
 */
export const chapters = [
  { id: 'perceptron', title: 'Perceptrons & NAND', load: () => import('./chapters/perceptron.js') },
  { id: 'sigmoid', title: 'Sigmoid neurons', load: () => import('./chapters/sigmoid.js') },
  { id: 'feedforward', title: 'Feedforward networks', load: () => import('./chapters/feedforward.js') },
  { id: 'xor', title: 'Example: XOR', load: () => import('./chapters/xor.js') },
  { id: 'playground', title: 'Playground', load: () => import('./chapters/playground.js') },
  { id: 'mnist', title: 'Example: recognizing digits', load: () => import('./chapters/mnist.js') },
  { id: 'losses', title: 'Loss functions', load: () => import('./chapters/losses.js') },
  { id: 'gradient-descent', title: 'Gradient descent', load: () => import('./chapters/gradient-descent.js') },
  { id: 'sgd', title: 'Stochastic gradient descent', load: () => import('./chapters/sgd.js') },
  { id: 'backprop', title: 'Backpropagation', load: () => import('./chapters/backprop.js') },
  { id: 'activations', title: 'Activation functions', load: () => import('./chapters/activations.js') },
  { id: 'overfitting', title: 'Overfitting', load: () => import('./chapters/overfitting.js') },
  { id: 'regularization', title: 'Regularization', load: () => import('./chapters/regularization.js') },
  { id: 'preprocessing', title: 'Preprocessing', load: () => import('./chapters/preprocessing.js') },
  { id: 'initialization', title: 'Initialization', load: () => import('./chapters/initialization.js') },
  { id: 'batch-norm', title: 'Batch normalization', load: () => import('./chapters/batch-norm.js') },
  { id: 'optimizers', title: 'Optimizers', load: () => import('./chapters/optimizers.js') },
  { id: 'lr-decay', title: 'Learning-rate decay', load: () => import('./chapters/lr-decay.js') },
  { id: 'setup', title: 'Setting up the network', load: () => import('./chapters/setup.js') },
  { id: 'hyperparameters', title: 'Hyperparameter search', load: () => import('./chapters/hyperparameters.js') },
];

export const DEFAULT_CHAPTER = 'xor';

export function findChapter(id) {
  const index = chapters.findIndex((c) => c.id === id);
  return index < 0 ? null : { ...chapters[index], number: index + 1 };
}
