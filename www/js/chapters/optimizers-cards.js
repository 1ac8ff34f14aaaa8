// @ts-check
/**
 * One card per optimizer in the optimizer chapter: its colour and name, the slide's update rule, its
 * parameter form, and what it keeps — the state at the shown step typeset, and a small chart of that state
 * over the steps so far (momentum's Δ flips in the steep dimension and grows in the shallow one, AdaGrad's
 * Σ∇² only grows, RMSProp's s rises and falls, Adam keeps m and v).
 */
import { esc } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { formulaHTML } from '../kit/chapter.js';
import { createLineChart } from '../views/lineChart.js';

const DIM_COLORS = ['#3b5bdb', '#e8590c', '#74c0fc', '#ffa94d'];

/** The card's skeleton; the chapter fills `.opt-form` with the settings form. */
export function cardHTML(def) {
  return `<article class="opt-card" data-opt="${esc(def.id)}" data-testid="card-${esc(def.id)}" style="--opt:${esc(def.color)}">
    <h3><i class="swatch"></i>${esc(def.label)}</h3>
    <div class="opt-rule" data-ref="rule"></div>
    <div class="opt-form"></div>
    <p class="opt-keeps"><span class="note">${esc(def.says)}</span></p>
    <div class="opt-state" data-ref="state" data-testid="state-${esc(def.id)}" aria-live="off"></div>
    <figure class="chart opt-chart"><canvas data-ref="chart" role="img" aria-label="${esc(def.label)}: what it keeps, per step"></canvas>
      <figcaption data-ref="caption"></figcaption></figure>
  </article>`;
}

/**
 * @param {HTMLElement} card
 * @param {any} def  an entry of OPTIMIZERS
 */
export function createCard(card, def) {
  const q = (ref) => /** @type {HTMLElement} */ (card.querySelector(`[data-ref="${ref}"]`));
  /** @type {ReturnType<typeof createLineChart>|null} */
  let chart = null;
  let shown = -1;
  let form = 'velocity';

  /** The series the chart draws: the state's components, or for SGD its step. */
  function names() {
    const keeps = def.keeps.map((k) => (form === 'accumulated' && k.accumulatedTex ? k.accumulatedTex : k.tex));
    if (!keeps.length) return ['Δθ_x', 'Δθ_y'];
    const plain = (t) => t.replace('\\textstyle G = \\sum \\nabla^2', 'G').replace('\\Delta', 'Δ');
    return keeps.flatMap((t) => [`${plain(t)}_x`, `${plain(t)}_y`]);
  }

  /** New settings (form, surface): the rule as the form writes it, and an empty chart. @param {any} v */
  function setup(v) {
    form = v.Form || 'velocity';
    q('rule').innerHTML = formulaHTML(form === 'accumulated' ? def.ruleAccumulated : def.rule);
    card.classList.toggle('off', !v.on);
    chart?.destroy();
    chart = createLineChart(/** @type {HTMLCanvasElement} */ (q('chart')), {
      xLabel: 'step t', yLabel: '', series: names().map((label, i) => ({ label, color: DIM_COLORS[i] })),
    });
    q('caption').textContent = def.keeps.length ? `${names().join(', ')} per step (x: the first dimension, y: the second).`
      : 'SGD keeps nothing; its step Δθ = −η∇f per dimension.';
    shown = -1;
    q('state').innerHTML = '';
  }

  /**
   * Show the trace up to record `t`.
   * @param {Float32Array|null} trace  records of `stride` numbers (x, y, f, gx, gy, η, s1x, s1y, s2x, s2y)
   * @param {number} stride @param {number} t @param {boolean} typeset
   */
  function show(trace, stride, t, typeset) {
    if (!chart || !trace) return;
    const n = trace.length / stride;
    const last = Math.min(t, n - 1);
    if (last < shown) {
      chart.clear();
      shown = -1;
    }
    for (let k = Math.max(1, shown + 1); k <= last; k++) {
      const r = k * stride;
      if (def.keeps.length) {
        chart.push(0, k, trace[r + 6]);
        chart.push(1, k, trace[r + 7]);
        if (def.keeps.length > 1) {
          chart.push(2, k, trace[r + 8]);
          chart.push(3, k, trace[r + 9]);
        }
      } else {
        chart.push(0, k, trace[r] - trace[r - stride]);
        chart.push(1, k, trace[r + 1] - trace[r + 1 - stride]);
      }
    }
    shown = last;
    chart.update();
    if (typeset) q('state').innerHTML = stateHTML(trace, stride, last);
  }

  /** The state at record t, typeset: what it keeps, the gradient and the step it took. */
  function stateHTML(trace, stride, t) {
    const r = t * stride;
    const vec = (a, b, d = 3) => `\\begin{bmatrix} ${texNumber(a, d)} \\\\ ${texNumber(b, d)} \\end{bmatrix}`;
    const step = t > 0 ? vec(trace[r] - trace[r - stride], trace[r + 1] - trace[r + 1 - stride]) : vec(0, 0);
    const parts = [`t = ${t}`, `\\nabla f = ${vec(trace[r + 3], trace[r + 4])}`];
    def.keeps.forEach((k, i) => {
      const symbol = form === 'accumulated' && k.accumulatedTex ? k.accumulatedTex : k.tex;
      parts.push(`${symbol} = ${vec(trace[r + 6 + 2 * i], trace[r + 7 + 2 * i], 4)}`);
    });
    parts.push(`\\Delta\\theta = ${step}`);
    return `<span class="eq">${parts.map((s) => tex(s)).join('</span><span class="eq">')}</span>`;
  }

  return {
    setup,
    show,
    destroy: () => chart?.destroy(),
  };
}
