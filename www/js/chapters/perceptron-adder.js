// @ts-check
/**
 * Adding with perceptrons: the one-bit half adder built only from NAND perceptrons, drawn as a
 * circuit whose gates light up as the student flips x₁ and x₂, and a 4-bit ripple adder of 36 NAND
 * perceptrons adding two numbers 0–15. Every gate output comes from the core.
 */
import { halfAdder, rippleAdd } from '../wasm.js';
import { tex } from '../kit/tex.js';
import { createSettings } from '../kit/settings.js';
import { formulaHTML } from '../kit/chapter.js';
import { createCircuit } from '../views/circuit.js';
import { toggleHTML, readBits, bitsQuery, wireToggles, showToggles, showBitErrors } from './perceptron-bits.js';

const BITS = 4;
const GATES_PER_BIT = 9;

/** @type {import('./perceptron-bits.js').BitSpec[]} */
export const ADDER_BITS = [
  { name: 'hx1', tex: 'x_1', label: 'half-adder input x₁', default: 1 },
  { name: 'hx2', tex: 'x_2', label: 'half-adder input x₂', default: 1 },
];

/** @type {import('../kit/params.js').ParamSpec[]} */
export const ADDER_PARAMS = [
  { name: 'a', type: 'int', min: 0, max: 15, default: 7, label: 'first number', tex: 'a', slider: true, step: 1 },
  { name: 'b4', type: 'int', min: 0, max: 15, default: 9, label: 'second number', tex: 'b', slider: true, step: 1 },
];

const NAND = 'NAND';
/** The half adder as Nielsen draws it: g1 = NAND(x₁,x₂); g2, g3; sum = NAND(g2,g3); carry = NAND(g1,g1). */
/** @type {{width: number, height: number, nodes: import('../views/circuit.js').CircuitNode[], wires: import('../views/circuit.js').CircuitWire[]}} */
const CIRCUIT = {
  width: 680, height: 390,
  nodes: [
    { id: 'x1', kind: 'input', x: 50, y: 80, label: 'x₁' },
    { id: 'x2', kind: 'input', x: 50, y: 260, label: 'x₂' },
    { id: 'g1', kind: 'gate', x: 200, y: 170, label: 'g₁', sub: NAND, title: 'g₁ = NAND(x₁, x₂)' },
    { id: 'g2', kind: 'gate', x: 350, y: 80, label: 'g₂', sub: NAND, title: 'g₂ = NAND(x₁, g₁)' },
    { id: 'g3', kind: 'gate', x: 350, y: 260, label: 'g₃', sub: NAND, title: 'g₃ = NAND(x₂, g₁)' },
    { id: 'g4', kind: 'gate', x: 500, y: 170, label: 'g₄', sub: NAND, title: 'sum = g₄ = NAND(g₂, g₃)' },
    { id: 'g5', kind: 'gate', x: 500, y: 335, label: 'g₅', sub: NAND, title: 'carry = g₅ = NAND(g₁, g₁)' },
    { id: 'sum', kind: 'output', x: 610, y: 170, label: 'sum' },
    { id: 'carry', kind: 'output', x: 610, y: 335, label: 'carry' },
  ],
  wires: [
    { from: 'x1', to: 'g1' }, { from: 'x2', to: 'g1' },
    { from: 'x1', to: 'g2' }, { from: 'g1', to: 'g2' },
    { from: 'g1', to: 'g3' }, { from: 'x2', to: 'g3' },
    { from: 'g2', to: 'g4' }, { from: 'g3', to: 'g4' },
    { from: 'g4', to: 'sum' },
    { from: 'g1', to: 'g5', via: [[240, 318]] }, { from: 'g1', to: 'g5', via: [[222, 352]] },
    { from: 'g5', to: 'carry' },
  ],
};

/**
 * @param {HTMLElement} container
 * @param {{query: URLSearchParams, ctx: import('../kit/settings.js').ChapterContext}} o
 */
export function createAdderPart(container, { query, ctx }) {
  const bits = readBits(ADDER_BITS, query);
  const x = bits.values;
  container.innerHTML = template(x);
  const r = {};
  for (const el of container.querySelectorAll('[data-ref]')) r[/** @type {HTMLElement} */ (el).dataset.ref] = el;
  showBitErrors(r.bitErrors, bits.errors);

  const circuit = createCircuit(r.circuit, { ...CIRCUIT, idPrefix: 'ha', label: 'Half adder built from five NAND perceptrons' });
  wireToggles(r.toggles, x, () => {
    showBitErrors(r.bitErrors, []);
    ctx.setQuery('');
    renderHalf();
  });
  const settings = createSettings({
    specs: ADDER_PARAMS, container: r.settings, query, ctx, ignore: ADDER_BITS.map((b) => b.name),
    onChange: () => renderRipple(),
  });
  renderHalf();
  renderRipple();

  function renderHalf() {
    const g = halfAdder(x.hx1, x.hx2);
    circuit.update({ x1: x.hx1, x2: x.hx2, g1: g[0], g2: g[1], g3: g[2], g4: g[3], g5: g[4], sum: g[3], carry: g[4] });
    r.halfResult.innerHTML = `${x.hx1} + ${x.hx2} = <strong data-testid="ha-binary">${g[4]}${g[3]}</strong><sub>2</sub>
      · carry ${g[4]}, sum ${g[3]}`;
    r.halfTable.innerHTML = ['g₁', 'g₂', 'g₃', 'g₄ (sum)', 'g₅ (carry)']
      .map((name, i) => `<tr><th>${name}</th><td class="bitcell${g[i] ? ' on' : ''}">${g[i]}</td></tr>`).join('');
  }

  function renderRipple() {
    const { a, b4 } = settings.values;
    const out = rippleAdd(a, b4, BITS);
    const gates = out.length - (BITS + 1);
    const sumBits = [...out.slice(gates)];
    const total = sumBits.reduce((acc, bit, i) => acc + (bit << i), 0);
    const bit = (n, i) => (n >> i) & 1;
    const cell = (v, extra = '') => `<td class="bitcell${v ? ' on' : ''}${extra}">${v}</td>`;
    const cols = [BITS, ...Array.from({ length: BITS }, (_, k) => BITS - 1 - k)]; // MSB first, the carry-out column leftmost
    const gateCell = (i) => {
      if (i >= BITS) return '<td></td>';
      const g = out.slice(i * GATES_PER_BIT, (i + 1) * GATES_PER_BIT);
      return `<td class="gates" data-testid="adder-gates-${i}" title="bit ${i}: the outputs of its ${GATES_PER_BIT} NAND perceptrons"><span class="dots">${[...g]
        .map((v) => `<span class="dot${v ? ' on' : ''}"></span>`).join('')}</span></td>`;
    };
    r.rippleTable.innerHTML = `
      <thead><tr><th></th>${cols.map((i) => `<th>2<sup>${i}</sup></th>`).join('')}<th class="sep">decimal</th></tr></thead>
      <tbody>
        <tr><th>${tex('a')}</th>${cols.map((i) => (i < BITS ? cell(bit(a, i)) : '<td></td>')).join('')}<td class="sep">${a}</td></tr>
        <tr><th>${tex('b')}</th>${cols.map((i) => (i < BITS ? cell(bit(b4, i)) : '<td></td>')).join('')}<td class="sep">${b4}</td></tr>
        <tr><th>NANDs</th>${cols.map(gateCell).join('')}<td class="sep"></td></tr>
        <tr class="sum-row"><th>${tex('a + b')}</th>${cols.map((i) => cell(sumBits[i], ' out')).join('')}
          <td class="sep out" data-testid="adder-sum" data-value="${total}">${total}</td></tr>
      </tbody>`;
    r.rippleResult.innerHTML = `${a} + ${b4} = <strong>${total}</strong> = <span data-testid="adder-bits">${[...sumBits].reverse().join('')}</span><sub>2</sub>,
      computed by <strong data-testid="adder-count" data-value="${gates}">${gates}</strong> NAND perceptrons (${GATES_PER_BIT} per bit).`;
  }

  return {
    query: () => [bitsQuery(ADDER_BITS, x), settings.query()].filter(Boolean).join('&'),
    /** @param {URLSearchParams} next */
    fromQuery(next) {
      settings.fromQuery(next);
      const parsed = readBits(ADDER_BITS, next);
      Object.assign(x, parsed.values);
      showToggles(r.toggles, x);
      showBitErrors(r.bitErrors, parsed.errors);
      renderHalf();
      renderRipple();
    },
    destroy() {
      circuit.destroy();
    },
  };
}

/** @param {Record<string, number>} x */
function template(x) {
  return `<section class="panel" aria-labelledby="pc-adder-title">
    <h2 id="pc-adder-title">Adding two bits with NAND perceptrons</h2>
    <div class="workbench">
      <div class="bench-controls">
        ${formulaHTML('\\text{sum} = x_1 \\oplus x_2, \\qquad \\text{carry} = x_1 x_2',
          'Every gate is the NAND perceptron above: weights −2, −2 and bias 3.')}
        <div class="toggles" data-ref="toggles">${ADDER_BITS.map((b) => toggleHTML(b, x[b.name])).join('')}</div>
        <div class="error-box" role="alert" data-ref="bitErrors" hidden></div>
        <p class="big-result" data-ref="halfResult"></p>
        <table class="values gate-outputs"><tbody data-ref="halfTable"></tbody></table>
      </div>
      <div class="bench-view">
        <figure class="circuit-figure">
          <div data-ref="circuit" data-testid="half-adder"></div>
          <figcaption>Five NAND perceptrons; a lit gate outputs 1. g₅ gets g₁ twice (weights −2 and −2).</figcaption>
        </figure>
      </div>
    </div>
  </section>
  <section class="panel" aria-labelledby="pc-ripple-title">
    <h2 id="pc-ripple-title">Beyond the slide: a 4-bit adder</h2>
    <div class="workbench">
      <div class="bench-controls">
        <p class="note">Chain four full adders of 9 NAND perceptrons each (two 4-NAND XORs and one NAND for the
          carry); each bit passes its carry to the next. The dots are the 36 perceptrons’ outputs.</p>
        <form class="settings" data-ref="settings" novalidate></form>
      </div>
      <div class="bench-view">
        <div class="table-wrap"><table class="values ripple" data-ref="rippleTable" data-testid="adder-table"></table></div>
        <p class="big-result" data-ref="rippleResult"></p>
      </div>
    </div>
  </section>`;
}
