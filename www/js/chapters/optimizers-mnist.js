// @ts-check
/**
 * The optimizer chapter's MNIST comparison: its parameter table (data set, network size, epochs, seed, and
 * η per optimizer — a network wants other rates than the 2-D surfaces) and the runs it makes, one per
 * optimizer, with the β's of each optimizer's card.
 */
import { OPTIMIZERS } from './optimizers-defs.js';

/** η per optimizer on MNIST, in OPTIMIZERS' order: SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW. */
const ETAS = [0.5, 0.05, 0.05, 0.05, 0.002, 0.002, 0.002];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const MNIST_PARAMS = [
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample (instant)' }, { value: 'full', label: 'full MNIST (~11 MB download)' }],
  },
  { name: 'mSeed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
  { name: 'mHidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons', tex: 'n_{\\text{hidden}}' },
  { name: 'mEpochs', type: 'int', min: 1, max: 20, default: 4, label: 'epochs' },
  {
    name: 'mEta', type: 'numbers', min: 0, minExclusive: true, max: 100, minLength: OPTIMIZERS.length, maxLength: OPTIMIZERS.length,
    default: ETAS, label: `η per optimizer (${OPTIMIZERS.map((d) => d.label).join(', ')})`, tex: '\\eta',
  },
];

/**
 * One run per optimizer.
 * @param {Record<string, any>} v  MNIST_PARAMS values
 * @param {any[]} cardValues        each optimizer's card values (unprefixed), in OPTIMIZERS' order
 * @param {number} eps
 * @param {(o: any) => any} configOf  smallMnistConfig
 */
export function mnistRuns(v, cardValues, eps, configOf) {
  return OPTIMIZERS.map((def, i) => ({
    id: def.id,
    label: def.label,
    color: def.color,
    config: configOf({ seed: v.mSeed, epochs: v.mEpochs, hidden: v.mHidden, eta: v.mEta[i], optimizer: def.config(cardValues[i], eps) }),
  }));
}
