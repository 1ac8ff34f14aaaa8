// @ts-check
/**
 * Chapter "Perceptrons & NAND" (Nielsen ch. 1). Three live parts, each with its own controls beside
 * its picture:
 *  1. the perceptron in its two forms (threshold; w·x + b) with toggled inputs, editable weights and
 *     the truth table — NAND with w = (−2, −2), b = 3 by default (perceptron-gate.js);
 *  2. a half adder built only from NAND perceptrons, drawn as a circuit, and a 4-bit ripple adder of
 *     36 of them (perceptron-adder.js);
 *  3. the perceptron learning rule learning AND / OR / NAND / NOR — and failing on XOR
 *     (perceptron-learn.js).
 *
 * All three keep their settings in one URL: each part's settings see only their own keys, and
 * every change writes the whole chapter's query, so one copied link reproduces every part.
 */
import { chapterOpen, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createGatePart, GATE_PARAMS, GATE_BITS } from './perceptron-gate.js';
import { createAdderPart, ADDER_PARAMS, ADDER_BITS } from './perceptron-adder.js';
import { createLearnPart, LEARN_KEYS } from './perceptron-learn.js';

const GATE_KEYS = [...GATE_PARAMS, ...GATE_BITS].map((p) => p.name);
const ADDER_KEYS = [...ADDER_BITS, ...ADDER_PARAMS].map((p) => p.name);

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('perceptron');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const slot = (name) => /** @type {HTMLElement} */ (root.querySelector(`[data-slot="${name}"]`));
  wireCopyLink(root);

  /** Whatever part changed, the URL gets the whole chapter's state. */
  const shared = { ...ctx, setQuery: (_part, options) => ctx.setQuery(query(), options) };
  const gate = createGatePart(slot('gate'), { query: params, ctx: shared, ignore: [...ADDER_KEYS, ...LEARN_KEYS] });
  const adder = createAdderPart(slot('adder'), { query: pick(params, ADDER_KEYS), ctx: shared });
  const learn = createLearnPart(slot('learn'), { query: pick(params, LEARN_KEYS), ctx: shared, root });

  function query() {
    return [gate, adder, learn].map((p) => p?.query() || '').filter(Boolean).join('&');
  }

  return {
    pause() {
      learn.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      gate.fromQuery(pick(next, GATE_KEYS));
      adder.fromQuery(pick(next, ADDER_KEYS));
      learn.fromQuery(pick(next, LEARN_KEYS));
    },
    destroy() {
      adder.destroy();
      learn.destroy();
    },
  };
}

/** The URL parameters a part owns. @param {URLSearchParams} params @param {string[]} keys */
function pick(params, keys) {
  return new URLSearchParams([...params].filter(([k]) => keys.includes(k)));
}

function template(number) {
  return `${chapterOpen({
    id: 'perceptron', number, kicker: 'Nielsen, chapter 1', title: 'Perceptrons & NAND',
    lede: 'A perceptron weighs its binary inputs and fires when the weighted sum clears a threshold. ' +
      'With weights −2, −2 and bias 3 it is a NAND gate — and NAND gates can compute anything, even addition.',
  })}
  <section class="panel" aria-labelledby="pc-gate-title">
    <h2 id="pc-gate-title">One perceptron, two ways to write it</h2>
    <div data-slot="gate"></div>
  </section>
  <div data-slot="adder"></div>
  <div data-slot="learn"></div>
</section>`;
}
