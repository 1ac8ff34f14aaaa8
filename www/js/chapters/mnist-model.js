// @ts-check
/**
 * The MNIST chapter's "Save or load the network" panel: the current run's weights (with the config, batch norm's
 * running averages and the preprocessing statistics) saved as a `.nnlab` file, and such a file loaded — here or in
 * another tab — as a run that predicts exactly as the saved one did. The core reads and checks the file
 * (src/train/network_file.rs); a bad file's message is shown and the current network is kept.
 *
 * The panel shows aᴸ for test digit 0 after a save and after a load (6 significant digits; the exact value in the
 * cell's title and data-value), so the two can be compared number for number.
 */
import { Trainer, networkFileLimit } from '../wasm.js';
import { download } from '../views/exportChart.js';
import { int } from '../dom.js';
import { useStyles } from '../kit/chapter.js';

/**
 * @typedef {{epochs?: number, testAccuracy?: number, data?: string, savedAt?: string}} Summary
 * @typedef {{
 *   trainer: () => any,
 *   mnist: () => any,
 *   summary: () => Summary,
 *   adopt: (trainer: any, summary: Summary, fileName: string) => void,
 * }} Hooks
 */

/**
 * @param {HTMLElement} el  where the panel goes
 * @param {Hooks} hooks  the chapter's current run and data, what to save beside the weights, and how to take
 *   over a loaded network (the chapter owns the run from then on)
 */
export function createModelPanel(el, hooks) {
  useStyles('mnist-model');
  el.innerHTML = `<p>Save the trained network as a file, and load it later — in this tab or another, on this computer
    or another. A loaded network gives exactly the outputs it gave when it was saved; ▶ Play trains it further
    (with a fresh optimizer).</p>
    <p class="buttons model-buttons">
      <button type="button" data-testid="save-network" disabled>Save network</button>
      <label class="file-field">Load a saved network
        <input type="file" accept=".nnlab" data-testid="load-network">
      </label>
    </p>
    <p class="hint" role="status" data-testid="model-status"></p>
    <p class="error" role="alert" data-testid="model-error" hidden></p>
    <div data-testid="model-outputs-wrap" hidden>
      <p class="model-caption" id="model-outputs-caption"></p>
      <div class="table-wrap">
      <table class="model-outputs" data-testid="model-outputs" aria-labelledby="model-outputs-caption">
        <thead><tr><th scope="col"><var>j</var></th>${range(10).map((j) => `<th scope="col">${j}</th>`).join('')}</tr></thead>
        <tbody><tr><th scope="row"><var>a</var><sup>L</sup><sub><var>j</var></sub></th>${range(10).map(() => '<td></td>').join('')}</tr></tbody>
      </table>
      </div>
    </div>`;
  const save = /** @type {HTMLButtonElement} */ (el.querySelector('[data-testid=save-network]'));
  const input = /** @type {HTMLInputElement} */ (el.querySelector('[data-testid=load-network]'));
  const status = /** @type {HTMLElement} */ (el.querySelector('[data-testid=model-status]'));
  const error = /** @type {HTMLElement} */ (el.querySelector('[data-testid=model-error]'));
  const outputs = /** @type {HTMLElement} */ (el.querySelector('[data-testid=model-outputs-wrap]'));

  save.addEventListener('click', () => {
    const trainer = hooks.trainer();
    if (!trainer) return;
    const summary = { ...hooks.summary(), savedAt: new Date().toISOString() };
    const bytes = trainer.saveNetwork(summary);
    const name = `nnlab-mnist-${trainer.config.sizes.join('-')}-${summary.epochs ?? 0}ep.nnlab`;
    download(new Blob([bytes], { type: 'application/octet-stream' }), name);
    showError('');
    status.textContent = `Saved ${name} (${kb(bytes.length)}): ${describe(trainer.config, summary)}.`;
    showOutputs(trainer, 'saved');
  });

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const mnist = hooks.mnist();
    if (!mnist) {
      showError('The digits are still loading: load the network once they are in.');
      return;
    }
    if (file.size > networkFileLimit()) {
      showError(`${file.name}: This network file cannot be loaded: it is ${kb(file.size)}; a saved network is at most ` +
        `${kb(networkFileLimit())}, so this is not one. The current network is kept.`);
      return;
    }
    let loaded;
    try {
      loaded = Trainer.loadNetwork(new Uint8Array(await file.arrayBuffer()), mnist);
    } catch (err) {
      showError(`${file.name}: ${err instanceof Error ? err.message : String(err)} The current network is kept.`);
      return;
    }
    const summary = checkedSummary(loaded.summary);
    hooks.adopt(loaded.trainer, summary, file.name);
    showError('');
    status.textContent = `Loaded ${file.name}: ${describe(loaded.trainer.config, summary)}.`;
    showOutputs(loaded.trainer, 'loaded');
  });

  /** @param {string} message */
  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  /** aᴸ of test digit 0 under the network just saved or loaded. @param {any} trainer @param {string} when */
  function showOutputs(trainer, when) {
    let a;
    try {
      a = trainer.outputs('test', 0);
    } catch {
      outputs.hidden = true;
      return;
    }
    const caption = /** @type {HTMLElement} */ (outputs.querySelector('.model-caption'));
    caption.textContent = `The ${when} network’s output for test digit 0 (a ${trainer.label('test', 0)}):`;
    outputs.querySelectorAll('td').forEach((td, j) => {
      td.textContent = a[j].toPrecision(6);
      td.title = String(a[j]);
      td.dataset.value = String(a[j]);
    });
    outputs.hidden = false;
    outputs.dataset.when = when;
  }

  return {
    /** Enable Save when there is a network. */
    refresh() {
      save.disabled = !hooks.trainer();
    },
  };
}

/**
 * The summary read from a file, keeping only well-formed values (the file is the student's, not ours).
 * @param {any} s @returns {Summary}
 */
function checkedSummary(s) {
  /** @type {Summary} */
  const out = {};
  if (!s || typeof s !== 'object') return out;
  if (Number.isInteger(s.epochs) && s.epochs >= 0) out.epochs = s.epochs;
  if (typeof s.testAccuracy === 'number' && s.testAccuracy >= 0 && s.testAccuracy <= 1) out.testAccuracy = s.testAccuracy;
  if (s.data === 'full' || s.data === 'sample') out.data = s.data;
  if (typeof s.savedAt === 'string' && !Number.isNaN(Date.parse(s.savedAt))) out.savedAt = new Date(s.savedAt).toISOString();
  return out;
}

/** @param {any} c the config @param {Summary} s */
function describe(c, s) {
  const parts = [`[${c.sizes.join(', ')}]`, `${c.hiddenActivation}/${c.outputActivation}`, `${c.cost} cost`];
  if (s.epochs !== undefined) parts.push(`${int(s.epochs)} epoch${s.epochs === 1 ? '' : 's'} trained`);
  if (s.testAccuracy !== undefined) parts.push(`test accuracy ${(100 * s.testAccuracy).toFixed(2)} %${s.data === 'sample' ? ' (on the sample)' : ''}`);
  if (s.savedAt) parts.push(`saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC`);
  return parts.join(', ');
}

/** @param {number} bytes */
const kb = (bytes) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} KB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** @param {number} n */
const range = (n) => Array.from({ length: n }, (_, i) => i);
