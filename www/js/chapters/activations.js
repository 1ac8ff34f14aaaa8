// @ts-check
/**
 * Chapter "Activation functions": a gallery of every activation of the core — f and f′ plotted from the core,
 * the formula, the parameter as a slider, pros and cons — with maxout and the gated linear unit (GLU) from their
 * own bindings; how often each is used; on MNIST the share of dead ReLUs and saturated sigmoid / tanh units per
 * layer as training runs, and a race of hidden activations (one network, one seed); and the recap as a guide.
 *
 * Tables, all in one URL: one per card with sliders (activations-defs.js), unit health, the race.
 */
import { refs, esc } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createSettings, linkTables } from '../kit/settings.js';
import { chapterOpen, formulaHTML, wireCopyLink, useStyles } from '../kit/chapter.js';
import { ACTIVATIONS, CARD_PARAMS, HIDDEN_GUIDE, OUTPUT_GUIDE } from './activations-defs.js';
import { createGallery, GALLERY_TABLES } from './activations-gallery.js';
import { HEALTH_PARAMS, RACE_PARAMS, createHealth, raceRuns } from './activations-mnist.js';
import { createComparison } from './mnist-compare.js';

const TIER_WORDS = ['rarely', 'in places', 'common', 'everywhere'];

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {import('../kit/settings.js').ChapterContext} ctx
 */
export function mount(container, params, ctx) {
  useStyles('activations');
  container.innerHTML = template(ctx.number);
  const root = /** @type {HTMLElement} */ (container.querySelector('.chapter'));
  const r = refs(root);
  wireCopyLink(root);

  // Tables: 0 unit health · 1 race · 2… one per gallery card with sliders.
  const HEALTH = 0, RACE = 1;
  const tables = [HEALTH_PARAMS, RACE_PARAMS, ...GALLERY_TABLES.map((id) => CARD_PARAMS[id])];
  const link = linkTables(ctx, params, tables);
  /** @type {any[]} */
  const settings = [];
  const cardTable = (id) => 2 + GALLERY_TABLES.indexOf(id);

  const gallery = createGallery(r.gallery, {
    register: (id, specs, form, onChange) => {
      const i = cardTable(id);
      settings[i] = link.register(i, createSettings({
        specs, container: form, query: link.queryFor(i), ctx: link.ctx, ignore: link.ignoreFor(i), onChange,
      }));
      return settings[i];
    },
  });
  settings[HEALTH] = link.register(HEALTH, createSettings({
    specs: HEALTH_PARAMS, container: r.healthForm, query: link.queryFor(HEALTH), ctx: link.ctx, ignore: link.ignoreFor(HEALTH),
    onChange: () => health.restart(),
  }));
  settings[RACE] = link.register(RACE, createSettings({
    specs: RACE_PARAMS, container: r.raceForm, query: link.queryFor(RACE), ctx: link.ctx, ignore: link.ignoreFor(RACE),
    onChange: () => race.restart(),
  }));

  const health = createHealth(r.health, { stateElement: r.healthPanel, values: () => settings[HEALTH].values });
  const race = createComparison(r.race, {
    idPrefix: 'race', stateElement: r.racePanel, what: 'hidden activation',
    source: () => settings[RACE].values.rData,
    onSource: (src) => {
      settings[RACE].set({ rData: src });
      link.ctx.setQuery('', { push: true });
      race.restart();
    },
    runs: () => raceRuns(settings[RACE].values),
  });

  return {
    pause() {
      health.pause();
      race.pause();
    },
    /** @param {URLSearchParams} next */
    update(next) {
      settings.forEach((s, i) => s.fromQuery(link.queryFor(i, next)));
      gallery.redraw();
      health.restart();
      race.restart();
    },
    destroy() {
      gallery.destroy();
      health.destroy();
      race.destroy();
    },
  };
}

/** @param {number} number */
function template(number) {
  return `${chapterOpen({
    id: 'activations', number, kicker: 'Training', title: 'Activation functions',
    lede: 'Backpropagation multiplies by σ′(z) at every layer (BP2). Where σ′ is near 0 — a saturated sigmoid, a ReLU with z &lt; 0 — ' +
      'the gradient stops. Every activation below trades that against cost, range and smoothness. ' +
      'To see each one shape a decision boundary, try it in <a href="#/playground?dataset=spiral&amp;hidden=8,8&amp;activation=relu" ' +
      'data-testid="to-playground">the Playground</a>.',
  })}
  <section class="panel" aria-labelledby="act-gallery-title">
    <h2 id="act-gallery-title">The gallery</h2>
    ${formulaHTML('\\begin{aligned} a^l &= \\sigma(z^l) \\\\ \\delta^l &= \\big((w^{l+1})^T \\delta^{l+1}\\big) \\odot \\sigma\'(z^l)\\quad \\text{(BP2)} \\end{aligned}',
      'each card plots <span class="act-key f">f = σ(z)</span> and <span class="act-key df">its derivative σ′(z)</span>, computed by the core; ●●●● marks how often it is used')}
    <div class="act-grid" data-ref="gallery" data-testid="gallery"></div>
  </section>

  <section class="panel" aria-labelledby="act-usage-title">
    <h2 id="act-usage-title">How often each is used</h2>
    <p class="note">Rough tiers (our reading of current practice — not measured counts): ReLU is still the default of
      feedforward and convolutional nets, GELU that of Transformers, sigmoid and tanh live on in outputs and recurrent gates.</p>
    <div class="table-wrap"><table class="values act-usage" data-testid="usage-table">
      <thead><tr><th>activation</th><th>used</th><th>where</th></tr></thead>
      <tbody>${[...ACTIVATIONS].sort((a, b) => b.tier - a.tier).map((d) => `<tr data-testid="usage-${d.id}">
        <th scope="row"><a href="#act-${d.id}" data-jump="${d.id}">${esc(d.label)}</a></th>
        <td><span class="act-tier">${'●'.repeat(d.tier + 1)}${'○'.repeat(3 - d.tier)}</span> ${TIER_WORDS[d.tier]}</td><td>${esc(d.use)}</td></tr>`).join('')}</tbody>
    </table></div>
  </section>

  <section class="panel" aria-labelledby="act-health-title" data-ref="healthPanel" data-testid="health-panel" data-state="idle">
    <h2 id="act-health-title">Dead and saturated units on MNIST</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\begin{aligned} &a_j = \\max(0, z_j) = 0 \\text{ on every image} \\\\ &\\Rightarrow\\ \\sigma\'(z_j) = 0,\\ \\partial C / \\partial w_{jk} = 0 \\end{aligned}',
          'a dead ReLU never learns again; a saturated sigmoid (|<var>z</var>| &gt; 6) or tanh (|<var>z</var>| &gt; 3) has σ′ under 1% of its peak. Raise η and watch both grow.')}
        <form class="settings" data-ref="healthForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="health"></div>
    </div>
  </section>

  <section class="panel" aria-labelledby="act-race-title" data-ref="racePanel" data-testid="race-panel" data-state="idle">
    <h2 id="act-race-title">The race: one network, one seed, seven hidden activations</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('784 \\to n_{\\text{hidden}}\\ (\\sigma) \\to 10\\ (\\operatorname{softmax}),\\quad m = 10',
          'the same initial weights and the same mini-batches for every run; only σ of the hidden layer differs')}
        <form class="settings" data-ref="raceForm" novalidate></form>
      </div>
      <div class="bench-view" data-ref="race"></div>
    </div>
  </section>

  <section class="panel" aria-labelledby="act-guide-title">
    <h2 id="act-guide-title">Which one? The recap as a guide</h2>
    <div class="split even">
      <div><h3>Hidden layers, by network type</h3>
        <div class="table-wrap"><table class="values act-guide" data-testid="guide-hidden"><tbody>${HIDDEN_GUIDE.map(([kind, use]) =>
          `<tr><th scope="row">${esc(kind)}</th><td>${esc(use)}</td></tr>`).join('')}</tbody></table></div></div>
      <div><h3>Output layer, by loss</h3>
        <div class="table-wrap"><table class="values act-guide" data-testid="guide-output">
          <thead><tr><th>task</th><th>output σ</th><th>loss</th></tr></thead><tbody>${OUTPUT_GUIDE.map(([task, out, loss, c]) =>
          `<tr><th scope="row">${esc(task)}</th><td>${esc(out)}</td><td>${esc(loss)}<br>${tex(c)}</td></tr>`).join('')}</tbody></table></div>
        <p class="note">With these pairs δᴸ = aᴸ − y: the output’s σ′ cancels and learning does not slow down when the output is wrong.</p></div>
    </div>
  </section>
</section>`;
}
