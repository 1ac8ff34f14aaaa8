// @ts-check
/**
 * The pinned runs trained again side by side (mnist-compare.js's `createComparison`): two to four of them, every
 * one from the first pin's seed, on the same images (one copy of MNIST in wasm memory), under one run bar, with a
 * table of their final numbers. Built when the student asks; rebuilt from the pins of the moment on each ask.
 */
import { createComparison } from './mnist-compare.js';
import { useStyles } from '../kit/chapter.js';

/**
 * @param {HTMLElement} container
 * @param {{pins: () => {pin: number, color: string, config: any}[], source: () => 'sample'|'full'}} o
 */
export function createSideBySide(container, o) {
  useStyles('optimizers'); // the comparison's styles (.cmp-*)
  container.innerHTML = `
    <p class="sbs-intro"><button type="button" data-ref="start" data-testid="sbs-start">Train the pinned runs side by side</button>
      <span class="note" data-ref="note" data-testid="sbs-note"></span></p>
    <div class="sbs-body" data-ref="body" data-testid="sbs"></div>`;
  const start = /** @type {HTMLButtonElement} */ (container.querySelector('[data-ref="start"]'));
  const note = /** @type {HTMLElement} */ (container.querySelector('[data-ref="note"]'));
  const body = /** @type {HTMLElement} */ (container.querySelector('[data-ref="body"]'));
  /** @type {ReturnType<typeof createComparison> | null} */
  let comparison = null;
  /** @type {'sample'|'full'} */
  let source = o.source();
  /** @type {import('./mnist-compare.js').RunSpec[]} */
  let specs = [];

  start.addEventListener('click', () => {
    const pins = o.pins();
    if (pins.length < 2) return;
    const seed = pins[0].config.seed;
    specs = pins.map((p) => ({ id: `pin${p.pin}`, label: `#${p.pin}`, color: p.color, config: { ...p.config, seed } }));
    source = o.source();
    if (comparison) comparison.restart();
    else {
      comparison = createComparison(body, {
        idPrefix: 'sbs', stateElement: body, what: 'pinned run', runs: () => specs, source: () => source,
        onSource: (next) => {
          source = next;
          comparison?.restart();
        },
      });
    }
    note.textContent = `${specs.length} runs, each from seed ${seed}, on the same images; ▶ Play trains them together.`;
  });

  return {
    /** The pins changed: the button says what it would do. */
    refresh() {
      const n = o.pins().length;
      start.disabled = n < 2;
      if (!comparison) {
        note.textContent = n < 2 ? 'Pin two to four runs to train them again side by side, from the same seed.' : `${n} pinned runs.`;
      }
    },
    pause() {
      comparison?.pause();
    },
    destroy() {
      comparison?.destroy();
    },
  };
}
