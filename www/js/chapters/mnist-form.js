/**
 * The MNIST chapter's settings form: Nielsen's defaults, prefilled from the URL
 * (#/mnist?sizes=784,100,10&eta=0.5&batchSize=10&epochs=1&seed=2&hidden=relu&output=sigmoid&cost=crossEntropy),
 * read into a TrainConfig. Only the syntax is checked here (is it a number?); ranges are checked by
 * the wasm Trainer, whose Error message names every invalid field.
 */
import { esc } from '../dom.js';

export const ACTIVATIONS = ['sigmoid', 'relu', 'tanh', 'identity'];
export const COSTS = { quadratic: 'quadratic', crossEntropy: 'cross-entropy' };

/** Form fields: config key, URL parameter names, label. */
const FIELDS = [
  { key: 'sizes', params: ['sizes', 'layers'], kind: 'sizes' },
  { key: 'eta', params: ['eta'], kind: 'number' },
  { key: 'batchSize', params: ['batchSize', 'batch', 'm'], kind: 'integer' },
  { key: 'epochs', params: ['epochs'], kind: 'integer' },
  { key: 'seed', params: ['seed'], kind: 'integer' },
  { key: 'hiddenActivation', params: ['hiddenActivation', 'hidden'], kind: 'choice' },
  { key: 'outputActivation', params: ['outputActivation', 'output'], kind: 'choice' },
  { key: 'cost', params: ['cost'], kind: 'choice' },
];

/** Form values (strings) from the config defaults, overridden by URL parameters. */
export function initialValues(defaults, params) {
  const values = {
    sizes: defaults.sizes.join(', '),
    eta: String(defaults.eta),
    batchSize: String(defaults.batchSize),
    epochs: String(defaults.epochs),
    seed: String(defaults.seed),
    hiddenActivation: defaults.hiddenActivation,
    outputActivation: defaults.outputActivation,
    cost: defaults.cost,
  };
  for (const field of FIELDS) {
    const name = field.params.find((p) => params.has(p));
    if (name) values[field.key] = params.get(name).replace(/,(?=\S)/g, ', ');
  }
  return values;
}

export function formHTML(values) {
  const select = (key, options) =>
    `<select name="${key}" data-testid="${key}">${Object.entries(options)
      .map(([value, label]) => `<option value="${value}"${value === values[key] ? ' selected' : ''}>${label}</option>`)
      .join('')}</select>`;
  const activations = Object.fromEntries(ACTIVATIONS.map((a) => [a, a]));
  const text = (key, mode, size) =>
    `<input name="${key}" data-testid="${key}" type="text" inputmode="${mode}" autocomplete="off" spellcheck="false"
      size="${size}" value="${esc(values[key])}">`;
  return `
    <div class="fields">
      <label class="wide"><span>Layer sizes <code>sizes</code></span>${text('sizes', 'text', 14)}</label>
      <label><span>Learning rate <var>η</var> <code>eta</code></span>${text('eta', 'decimal', 6)}</label>
      <label><span>Mini-batch size <var>m</var> <code>batchSize</code></span>${text('batchSize', 'numeric', 6)}</label>
      <label><span>Epochs <code>epochs</code></span>${text('epochs', 'numeric', 6)}</label>
      <label><span>Seed <code>seed</code></span>${text('seed', 'numeric', 6)}</label>
      <label><span>Hidden activation</span>${select('hiddenActivation', activations)}</label>
      <label><span>Output activation</span>${select('outputActivation', activations)}</label>
      <label><span>Cost</span>${select('cost', COSTS)}</label>
    </div>`;
}

/**
 * The TrainConfig the form describes, on top of `base` (the wasm defaultConfig()).
 * Throws an Error naming every field that is not a number at all.
 */
export function readConfig(form, base) {
  const raw = Object.fromEntries(FIELDS.map((f) => [f.key, form.elements[f.key].value.trim()]));
  const problems = [];
  const config = { ...base };

  const parts = raw.sizes.split(/[\s,;]+/).filter(Boolean);
  config.sizes = parts.map((part, i) => {
    if (!/^\+?\d+$/.test(part)) problems.push(`sizes[${i}] must be a whole number, got “${part}”`);
    return Number(part);
  });
  if (!parts.length) problems.push('sizes must list the layer sizes, e.g. “784, 30, 10”');

  for (const field of FIELDS) {
    const text = raw[field.key];
    if (field.kind === 'number') {
      if (text === '' || Number.isNaN(Number(text))) {
        problems.push(`${field.key} must be a number, got “${text}”`);
      }
      config[field.key] = Number(text);
    } else if (field.kind === 'integer') {
      if (!/^\+?\d+$/.test(text)) problems.push(`${field.key} must be a whole number, got “${text}”`);
      config[field.key] = Number(text);
    } else if (field.kind === 'choice') {
      config[field.key] = text;
    }
  }
  if (problems.length) throw new Error(problems.join('; '));
  return config;
}

/** Mark the fields an error message names (aria-invalid), unmark the others. */
export function markInvalid(form, message) {
  for (const field of FIELDS) {
    const named = message && new RegExp(`\\b${field.key}\\b`).test(message);
    const el = form.elements[field.key];
    if (named) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
}

/** The fields' current text, to notice when the form no longer describes the running network. */
export function snapshot(form) {
  return FIELDS.map((f) => form.elements[f.key].value.trim()).join('|');
}
