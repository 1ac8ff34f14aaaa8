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
 * All three keep their settings in one URL (the kit's `linkTables`), so one copied link reproduces
 * every part.
 */
import { chapterOpen, wireCopyLink, useStyles } from '../kit/chapter.js';
import { createGatePart, GATE_PARAMS, GATE_BITS } from './perceptron-gate.js';
import { createAdderPart, ADDER_PARAMS, ADDER_BITS } from './perceptron-adder.js';
import { createLearnPart, LEARN_KEYS } from './perceptron-learn.js';
import { linkTables } from '../kit/settings.js';


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

  // Three parts, one URL: whatever part changed, the link carries the whole chapter's state.
  const link = linkTables(ctx, params, [[...GATE_PARAMS, ...GATE_BITS], [...ADDER_BITS, ...ADDER_PARAMS], LEARN_KEYS]);
  const gate = link.register(0, createGatePart(slot('gate'), { query: link.queryFor(0), ctx: link.ctx, ignore: link.ignoreFor(0) }));
  const adder = link.register(1, createAdderPart(slot('adder'), { query: link.queryFor(1), ctx: link.ctx }));
  const learn = link.register(2, createLearnPart(slot('learn'), { query: link.queryFor(2), ctx: link.ctx, root }));

  return {
    pause() {
      learn.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      gate.fromQuery(link.queryFor(0, next));
      adder.fromQuery(link.queryFor(1, next));
      learn.fromQuery(link.queryFor(2, next));
    },
    destroy() {
      adder.destroy();
      learn.destroy();
    },
  };
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
