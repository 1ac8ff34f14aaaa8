// @ts-check
/**
 * The regularization chapter's parameter tables and runs: which regularizers race (none, L2, L1, dropout,
 * augmentation — the student ticks them), their strengths, and the augmentation gallery's transformations with
 * the strength of each (the run applies the ticked ones).
 */
import { nielsenConfig } from './overfitting.js';

/** The runs a student can tick, in table order. */
export const REGULARIZERS = [
  { id: 'none', label: 'no regularization', short: 'none', color: '#1b1f2a' },
  { id: 'l2', label: 'L2', short: 'L2', color: '#1971c2' },
  { id: 'l1', label: 'L1', short: 'L1', color: '#e8590c' },
  { id: 'drop', label: 'dropout', short: 'dropout', color: '#2f9e44' },
  { id: 'aug', label: 'augmentation', short: 'augmentation', color: '#9c36b5' },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const RUN_PARAMS = [
  ...REGULARIZERS.map((g) => ({ name: g.id, type: /** @type {'bool'} */ ('bool'), default: true, label: `run: ${g.short}` })),
  {
    name: 'data', type: 'choice', default: 'sample', label: 'digits',
    options: [{ value: 'sample', label: '1,000-digit sample: 800 training, 200 validation (instant)' },
      { value: 'full', label: 'full MNIST: 1,000 training, 10,000 validation (~11 MB download)' }],
  },
  { name: 'epochs', type: 'int', min: 1, max: 400, default: 30, label: 'epochs' },
  { name: 'eta', type: 'number', min: 0, minExclusive: true, max: 100, default: 0.5, label: 'learning rate', tex: '\\eta' },
  { name: 'lambda', type: 'number', min: 0, max: 10000, default: 5, label: 'L2 strength', tex: '\\lambda_{2}' },
  { name: 'lambda1', type: 'number', min: 0, max: 10000, default: 1, label: 'L1 strength', tex: '\\lambda_{1}' },
  { name: 'p', type: 'number', min: 0, max: 0.95, default: 0.5, label: 'dropout: drop probability of a hidden neuron', tex: 'p' },
  { name: 'hidden', type: 'int', min: 1, max: 100, default: 30, label: 'hidden neurons' },
  { name: 'seed', type: 'int', min: 0, max: 2 ** 53, default: 1, label: 'seed', always: true },
];

/** The transformations of the gallery: the core's field, its slider, and whether the run applies it by default. */
export const TRANSFORMS = [
  { id: 'translate', label: 'translation', unit: 'px', max: 6, step: 0.5, strength: 2, on: true, what: 'shift by up to ±t pixels in x and y' },
  { id: 'rotate', label: 'rotation', unit: '°', max: 45, step: 1, strength: 10, on: true, what: 'rotate by up to ±r degrees' },
  { id: 'elastic', label: 'elastic distortion', unit: 'px', max: 50, step: 1, strength: 20, on: false, what: 'a random displacement field, smoothed (σ = 4 px) and scaled by α' },
  { id: 'intensity', label: 'intensity', unit: '', max: 1, step: 0.05, strength: 0.3, on: false, what: 'multiply the ink by c ∈ [1 − s, 1 + s]' },
  { id: 'blur', label: 'blur', unit: 'px', max: 3, step: 0.1, strength: 0.8, on: false, what: 'Gaussian blur with σ up to b pixels' },
  { id: 'noise', label: 'noise', unit: '', max: 0.5, step: 0.01, strength: 0.1, on: false, what: 'add N(0, n²) to every pixel' },
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** @type {import('../kit/params.js').ParamSpec[]} */
export const AUG_PARAMS = TRANSFORMS.flatMap((t) => [
  { name: t.id, type: /** @type {'number'} */ ('number'), min: 0, max: t.max, step: t.step, slider: true, default: t.strength, label: `${t.label}${t.unit ? ` (${t.unit})` : ''}` },
  { name: `use${cap(t.id)}`, type: /** @type {'bool'} */ ('bool'), default: t.on, label: `use ${t.label} in the run` },
]);

/**
 * The core's augmentation object: each transformation at its strength if `use(id)`, else off.
 * @param {Record<string, any>} v  AUG_PARAMS values
 * @param {(id: string) => boolean} use
 */
export function augmentationOf(v, use) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const t of TRANSFORMS) out[t.id] = use(t.id) ? v[t.id] : 0;
  return out;
}

/** Whether the augmentation run applies transformation `id`. @param {Record<string, any>} v @param {string} id */
export const applied = (v, id) => Boolean(v[`use${cap(id)}`]);

/**
 * The ticked runs: Nielsen's chapter-3 network, each with one regularizer.
 * @param {Record<string, any>} v    RUN_PARAMS values
 * @param {Record<string, any>} aug  AUG_PARAMS values
 */
export function regularizationRuns(v, aug) {
  const base = nielsenConfig({ seed: v.seed, epochs: v.epochs, hidden: v.hidden, eta: v.eta });
  /** @type {Record<string, any>} */
  const extra = {
    none: {},
    l2: { regularization: 'l2', lambda: v.lambda },
    l1: { regularization: 'l1', lambda: v.lambda1 },
    drop: { dropout: [0, v.p] },
    aug: { augmentation: augmentationOf(aug, (id) => applied(aug, id)) },
  };
  const label = {
    none: 'none', l2: `L2, λ = ${v.lambda}`, l1: `L1, λ = ${v.lambda1}`, drop: `dropout, p = ${v.p}`,
    aug: `augmentation (${TRANSFORMS.filter((t) => applied(aug, t.id)).map((t) => t.label).join(', ') || 'nothing ticked'})`,
  };
  return REGULARIZERS.filter((g) => v[g.id]).map((g) => ({ id: g.id, label: label[g.id], color: g.color, config: { ...base, ...extra[g.id] } }));
}

/** Training and validation images per data set: the 1,000-image training set of Nielsen's chapter 3. */
export function splitOf(source) {
  return source === 'sample' ? { nTrain: 800, nValidation: 200 } : { nTrain: 1000, nValidation: 10000 };
}
