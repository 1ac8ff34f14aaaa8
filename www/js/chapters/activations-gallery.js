// @ts-check
/**
 * The gallery: one card per activation with f and f′ plotted from the core (`activationSamples` for the
 * elementwise ones, `maxoutSamples` for maxout, `gluSamples` / `gluGradients` for the gated linear unit), its
 * formula typeset, its parameter as a slider and its pros and cons. Each plot's canvas keeps what it drew
 * (`canvas.samples = {xs, f, df}`), for the tests.
 */
import { activationSamples, maxoutSamples, gluSamples, gluGradients } from '../wasm.js';
import { esc, num } from '../dom.js';
import { tex } from '../kit/tex.js';
import { createFunctionPlot } from '../views/functionPlot.js';
import { colors } from '../views/canvas.js';
import { ACTIVATIONS, CARD_PARAMS, F_COLOR, DF_COLOR } from './activations-defs.js';

const N = 241;
/** x ranges that show an activation's features (ReLU6's cap at 6). */
const RANGE = { relu6: [-3, 8] };
const LINE_COLORS = ['#868e96', '#adb5bd', '#ced4da'];
const GLU_FIELDS = ['h', 'u', 'g', 'dx', 'dw', 'db', 'dv', 'dc'];
const GLU_TEX = ['h', 'u = w x + b', 'g = \\sigma(v x + c)', '\\partial h / \\partial x', '\\partial h / \\partial w',
  '\\partial h / \\partial b', '\\partial h / \\partial v', '\\partial h / \\partial c'];

/** The tables the gallery adds to the chapter's URL, in order. */
export const GALLERY_TABLES = Object.keys(CARD_PARAMS);

/** @param {import('./activations-defs.js').ActivationDef} d */
function cardHTML(d) {
  const tier = `<span class="act-tier" title="how often it is used" data-tier="${d.tier}">${'●'.repeat(d.tier + 1)}${'○'.repeat(3 - d.tier)}</span>`;
  const wide = d.id === 'glu' || d.id === 'maxout';
  return `<article class="act-card${wide ? ' wide' : ''}" data-testid="card-${d.id}" id="act-${d.id}">
    <div class="act-main"><h3>${esc(d.label)} ${tier}</h3>
    <div class="act-formulas"><div class="formula" data-testid="formula-${d.id}">${tex(d.f, true)}</div>
      <div class="formula act-df">${tex(d.df, true)}</div></div>
    <figure class="act-plot"><canvas data-testid="plot-${d.id}" role="img" aria-label="${esc(d.label)}: f and its derivative"></canvas></figure>
    </div><div class="act-side">
    ${CARD_PARAMS[d.id] ? `<form class="settings act-sliders" data-form="${d.id}" novalidate></form>` : ''}
    ${d.id === 'glu' ? `<table class="values act-glu" data-testid="glu-gradients"></table>
      <p class="note">Here GLU is one unit with its f and its gradients, from the core’s forward and backward pass; it is not
      (yet) a layer kind of the network, so the MNIST runs below use the elementwise activations.
      With <var>w</var> = 1, <var>b</var> = <var>c</var> = 0 it is Swish with β = <var>v</var>.</p>` : ''}
    <div class="act-pc"><ul class="pros">${d.pros.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
      <ul class="cons">${d.cons.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>
    <p class="note act-use">${esc(d.use)}</p></div>
  </article>`;
}

/**
 * @param {HTMLElement} container  the grid the cards go into
 * @param {{register: (id: string, specs: any[], form: HTMLElement, onChange: () => void) => any}} o
 *   makes (and links into the URL) the settings of a card's sliders
 */
export function createGallery(container, o) {
  container.innerHTML = ACTIVATIONS.map(cardHTML).join('');
  /** @type {Record<string, any>} */
  const settings = {};
  const cards = ACTIVATIONS.map((d) => {
    const el = /** @type {HTMLElement} */ (container.querySelector(`[data-testid="card-${d.id}"]`));
    const canvas = /** @type {HTMLCanvasElement} */ (el.querySelector('canvas'));
    const [xMin, xMax] = RANGE[d.id] || [-5, 5];
    const plot = createFunctionPlot(canvas, { xLabel: d.id === 'glu' ? 'x' : 'z', yLabel: '', xMin, xMax, yMin: -1, yMax: 1 });
    const card = { d, el, canvas, plot, xMin, xMax, error: '' };
    const form = /** @type {HTMLElement|null} */ (el.querySelector('form'));
    if (form) settings[d.id] = o.register(d.id, CARD_PARAMS[d.id], form, () => draw(card));
    return card;
  });
  cards.forEach(draw);

  /** @param {{d: any, el: HTMLElement, canvas: any, plot: any, xMin: number, xMax: number}} card */
  function draw(card) {
    const { d, canvas, plot, xMin, xMax } = card;
    const v = settings[d.id]?.values || {};
    /** @type {import('../views/functionPlot.js').Curve[]} */
    const curves = [];
    /** @type {import('../views/functionPlot.js').Mark[]} */
    const marks = [];
    let s;
    if (d.id === 'maxout') {
      const pieces = [v.w1, v.b1, v.w2, v.b2, v.w3, v.b3];
      const out = maxoutSamples(new Float64Array(pieces), xMin, xMax, N);
      s = { xs: out.subarray(0, N), f: out.subarray(N, 2 * N), df: out.subarray(2 * N, 3 * N) };
      for (let i = 0; i < 3; i++) {
        const ys = Array.from(s.xs, (x) => pieces[2 * i] * x + pieces[2 * i + 1]);
        curves.push({ xs: s.xs, ys, color: LINE_COLORS[i], width: 1.25, dash: [3, 3] });
      }
    } else if (d.id === 'glu') {
      const out = gluSamples(v.gw, v.gb, v.gv, v.gc, xMin, xMax, N);
      s = { xs: out.subarray(0, N), f: out.subarray(N, 2 * N), df: out.subarray(2 * N, 3 * N) };
      showGlu(card, v);
      const g = gluGradients(v.gw, v.gb, v.gv, v.gc, v.gx);
      marks.push({ x: v.gx, y: g[0], color: F_COLOR, label: `h = ${num(g[0], 3)}` });
    } else {
      const param = d.param ? v[d.param] : NaN;
      const out = activationSamples(d.id, param, xMin, xMax, N);
      s = { xs: out.subarray(0, N), f: out.subarray(N, 2 * N), df: out.subarray(2 * N, 3 * N) };
    }
    curves.push({ xs: s.xs, ys: s.df, label: d.id === 'glu' ? '∂h/∂x' : 'f′', color: DF_COLOR, width: 2, dash: [6, 4], breakJumps: true });
    curves.push({ xs: s.xs, ys: s.f, label: d.id === 'glu' ? 'h' : 'f', color: F_COLOR, width: 2.5 });
    plot.setRange(yRange(s.f, s.df));
    plot.update({ curves, marks, guides: d.id === 'glu' ? [{ x: v.gx, color: colors.muted }] : [] });
    canvas.samples = { xs: Array.from(s.xs), f: Array.from(s.f), df: Array.from(s.df), param: d.param ? v[d.param] : null };
  }

  /** The GLU card's table: the unit at x, and every gradient from the core's backward pass. */
  function showGlu(card, v) {
    const g = gluGradients(v.gw, v.gb, v.gv, v.gc, v.gx);
    const table = /** @type {HTMLElement} */ (card.el.querySelector('.act-glu'));
    table.innerHTML = `<caption>at ${tex(`x = ${v.gx}`)}, from the core’s backward pass</caption><tbody>${GLU_FIELDS.map((name, i) =>
      `<tr><th scope="row">${tex(GLU_TEX[i])}</th><td data-testid="glu-${name}" data-value="${g[i]}">${num(g[i], 4)}</td></tr>`).join('')}</tbody>`;
  }

  return {
    settings,
    redraw: () => cards.forEach(draw),
    /** @param {(id: string, s: any) => void} fn */
    eachSettings: (fn) => Object.entries(settings).forEach(([id, s]) => fn(id, s)),
    destroy: () => cards.forEach((c) => c.plot.destroy()),
  };
}

/** A y range holding both curves, padded, at least [−1, 1]. */
function yRange(f, df) {
  let lo = -1, hi = 1;
  for (const a of [f, df]) for (const y of a) if (Number.isFinite(y)) {
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const pad = 0.08 * (hi - lo);
  return { yMin: lo - pad, yMax: hi + pad };
}
