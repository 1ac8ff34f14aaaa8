// @ts-check
/**
 * The computational graph, the second part of the backpropagation chapter:
 * - the slide's f(x, y, z) = (x + y)(y − z) as W = x + y, N = y − z, f = W·N, x, y, z editable:
 *   forward values, then backward gradients node by node, each gate showing only its local gradients;
 * - the gate patterns as small live graphs (add, multiply, max, ReLU, branches);
 * - a typed expression parsed by the core into a graph, with its gradients checked against finite
 *   differences, and bad input's message pointing at its position.
 * The graphs come from the core (`slideGraph`, `expressionGraph`); the page only draws and animates.
 */
import { slideGraph, expressionGraph } from '../wasm.js';
import { esc } from '../dom.js';
import { tex, texNumber } from '../kit/tex.js';
import { createRunController } from '../kit/run.js';
import { createGraphDiagram } from '../views/graphDiagram.js';
import { relError } from './backprop-formulas.js';

/** @type {import('../kit/params.js').ParamSpec[]} */
export const GRAPH_PARAMS = [
  { name: 'gx', type: 'number', min: -10, max: 10, default: 3, label: 'x', tex: 'x', hint: '−10 … 10' },
  { name: 'gy', type: 'number', min: -10, max: 10, default: 2, label: 'y', tex: 'y' },
  { name: 'gz', type: 'number', min: -10, max: 10, default: 1, label: 'z', tex: 'z' },
];
export const EXPR_KEYS = ['expr', 'vals'];
const DEFAULT_EXPR = '1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))';
const DEFAULT_VALS = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };

export const GATES = [
  { text: 'x + y', vals: { x: 3, y: -4 }, title: 'add', rule: 'passes the gradient on unchanged to both inputs' },
  { text: 'x * y', vals: { x: 3, y: -4 }, title: 'multiply', rule: 'switches the inputs: x gets g·y, y gets g·x' },
  { text: 'max(x, y)', vals: { x: 3, y: -4 }, title: 'max', rule: 'routes the gradient to the larger input only' },
  { text: 'relu(x)', vals: { x: 2 }, title: 'ReLU, x > 0', rule: 'passes it where the input is positive' },
  { text: 'relu(x)', vals: { x: -2 }, title: 'ReLU, x ≤ 0', rule: 'stops it otherwise' },
  { text: 'x * y + x', vals: { x: 3, y: -4 }, title: 'branches add', rule: 'x feeds two gates: its two gradients add up' },
];
const UPSTREAM = 2;

/**
 * The slide's graph with its own run controller (no keys: Space/→/R belong to the step-through).
 * @param {any} r
 */
export function createSlideGraph(r) {
  const diagram = createGraphDiagram(/** @type {HTMLCanvasElement} */ (r.graphCanvas));
  /** @type {any} */
  let g = null;
  let index = -1;
  let lastAt = 0;
  const run = createRunController({
    container: r.graphRun, stateElement: r.graphPanel, idPrefix: 'graph', keys: false,
    speeds: [{ value: 1400, label: 'slow' }, { value: 800, label: 'normal' }, { value: 350, label: 'fast' }], speed: 800,
    stepTitle: 'The next node', frame, step: advance, reset,
    onPlay: () => (lastAt = performance.now()),
  });

  const gates = () => g.graph.nodes.map((n, i) => i).filter((i) => g.graph.nodes[i].inputs.length);

  function reset() {
    index = -1;
    run.say('Only the inputs are known. Step › computes the gates forward, then the gradients backward, one node at a time.');
    render();
    return true;
  }

  function advance() {
    const F = gates().length;
    const total = F + g.backward.steps.length;
    if (index < total - 1) index += 1;
    if (index < F) run.say(`Forward, gate ${index + 1} of ${F}: its value from its inputs’ values.`);
    else if (index < total - 1) run.say(`Backward, node ${index - F + 1} of ${total - F}: what came from above times its local gradients.`);
    if (index === total - 1) {
      const v = Object.fromEntries(g.variables.map((x) => [x.name, x.grad]));
      run.finish(`Done: ∂f/∂x = ${fmt(v.x)}, ∂f/∂y = ${fmt(v.y)}, ∂f/∂z = ${fmt(v.z)}. ↺ Reset to run it again.`);
    }
    render();
  }

  function frame(_b, ms) {
    const now = performance.now();
    if (now - lastAt < ms) return;
    lastAt = now;
    advance();
  }

  function render() {
    if (!g) return;
    const nodes = g.graph.nodes;
    const order = gates();
    const F = order.length;
    const steps = g.backward.steps;
    const forwardKnown = new Set(nodes.map((n, i) => i).filter((i) => !nodes[i].inputs.length));
    order.slice(0, Math.min(F, index + 1)).forEach((i) => forwardKnown.add(i));
    const back = index >= F ? steps.slice(0, index - F + 1) : [];
    const visited = new Set(back.map((s) => s.node));
    // A node's total gradient is final once every node above it has been visited; show the sent ones now.
    const grads = nodes.map(() => 0);
    const sent = nodes.map(() => /** @type {number[]} */ ([]));
    back.forEach((s, bi) => {
      if (bi === 0) grads[s.node] = s.upstream;
      sent[s.node] = s.sent;
      nodes[s.node].inputs.forEach((k, slot) => (grads[k] += s.sent[slot]));
    });
    const gradKnown = new Set(visited);
    // Leaves (no turn of their own) show their gradient once everything above them has sent.
    nodes.forEach((n, i) => {
      if (n.inputs.length) return;
      const users = nodes.map((m, u) => (m.inputs.includes(i) ? u : -1)).filter((u) => u >= 0);
      if (users.length && users.every((u) => visited.has(u))) gradKnown.add(i);
    });
    const active = index < 0 ? -1 : index < F ? order[index] : steps[index - F].node;
    diagram.update({ nodes, grads, sent, showValue: (i) => forwardKnown.has(i), showGrad: (i) => gradKnown.has(i), active });
    r.graphPanel.dataset.step = String(index);
    r.local.innerHTML = localHTML(g, active, index < F ? 'forward' : 'backward', index >= F ? steps[index - F] : null);
  }

  return {
    run,
    /** @param {any} v */
    load(v) {
      g = slideGraph(v.gx, v.gy, v.gz);
      r.graphGrads.innerHTML = gradTableHTML(g.variables, 'graph');
      run.reset();
    },
    destroy() {
      run.destroy();
      diagram.destroy();
    },
  };
}

/** What the active node knows: its value forward; backward, only its local gradients and the product. */
function localHTML(g, active, phase, step) {
  if (active < 0) return '<p class="hint">The inputs x, y, z are given; every gate waits for its inputs.</p>';
  const n = g.graph.nodes[active];
  const name = n.name || 'f';
  const ins = n.inputs.map((k) => g.graph.nodes[k].name || `#${k}`);
  const sym = { add: '+', sub: '-', mul: '\\cdot' }[n.op] || '?';
  if (phase === 'forward') {
    const vals = n.inputs.map((k) => texNumber(g.graph.nodes[k].value, 2));
    return `<p>${tex(`${name} = ${ins.join(` ${sym} `)} = ${vals.join(` ${sym} `)} = ${texNumber(n.value, 2)}`)}</p>
      <p class="hint">Forward: the gate needs only its inputs’ values.</p>`;
  }
  if (!step) return '';
  if (!n.inputs.length) {
    return `<p>${tex(`\\frac{\\partial f}{\\partial ${name}} = ${texNumber(step.upstream, 2)}`)}</p>
      <p class="hint">An input: the gradients its branches sent back have added up.</p>`;
  }
  const parts = n.inputs.map((k, slot) => `\\frac{\\partial ${name}}{\\partial ${ins[slot]}} = ${texNumber(step.local[slot], 2)}`);
  const sends = n.inputs.map((k, slot) => `\\frac{\\partial f}{\\partial ${ins[slot]}} \\mathrel{+}= ${texNumber(step.upstream, 2)} \\cdot ${texNumber(step.local[slot], 2)} = ${texNumber(step.sent[slot], 2)}`);
  return `<p>upstream ${tex(`\\frac{\\partial f}{\\partial ${name}} = ${texNumber(step.upstream, 2)}`)}; local: ${tex(parts.join(', \\quad '))}</p>
    <p>${tex(sends.join(', \\quad '))}</p>
    <p class="hint">Backward: the gate knows only its own local gradients; the chain rule multiplies them by what comes from above.</p>`;
}

/** Each variable: backprop's ∂f/∂v beside the central difference. */
function gradTableHTML(variables, prefix) {
  const rows = variables.map((v) => `<tr data-name="${esc(v.name)}"><td>${tex(v.name)} = ${esc(fmt(v.value))}</td>
    <td class="num" data-testid="${prefix}-grad-${esc(v.name)}" data-value="${v.grad}">${esc(fmt(v.grad, 4))}</td>
    <td class="num">${esc(fmt(v.numeric, 6))}</td><td class="num">${relError(v.grad, v.numeric).toExponential(1)}</td></tr>`).join('');
  return `<table class="values bp-check"><thead><tr><th>input</th><th>∂f/∂· by backprop</th><th>finite difference</th><th>relative error</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

/** The gate patterns: each a small graph with an upstream gradient g = 2 arriving from above. */
export function createGates(container) {
  container.innerHTML = GATES.map((gate, i) => `<figure class="bp-gate">
      <figcaption><strong>${esc(gate.title)}</strong>: ${esc(gate.rule)}</figcaption>
      <canvas data-gate="${i}" data-testid="gate-${i}" role="img" aria-label="${esc(gate.text)} with its values and gradients"></canvas>
      <p class="note">${tex(`f = ${gate.text.replace('*', '\\cdot ').replace('max', '\\max').replace('relu', '\\operatorname{relu}')}`)}, upstream ${tex(`\\partial L/\\partial f = ${UPSTREAM}`)}</p>
    </figure>`).join('');
  const views = GATES.map((gate, i) => {
    const view = createGraphDiagram(/** @type {HTMLCanvasElement} */ (container.querySelector(`[data-gate="${i}"]`)));
    const names = Object.keys(gate.vals);
    const g = expressionGraph(gate.text, names, Float64Array.from(Object.values(gate.vals)), UPSTREAM);
    const sent = g.graph.nodes.map(() => []);
    for (const s of g.backward.steps) sent[s.node] = s.sent;
    view.update({ nodes: g.graph.nodes, grads: g.backward.grads, sent, showGrad: () => true, digits: 1 });
    return view;
  });
  return { destroy: () => views.forEach((v) => v.destroy()) };
}

/**
 * The expression box: text → graph, values, gradients against finite differences; errors with their position.
 * @param {any} r
 * @param {URLSearchParams} query
 * @param {() => void} changed  the URL should be rewritten
 */
export function createExpressionBox(r, query, changed) {
  const diagram = createGraphDiagram(/** @type {HTMLCanvasElement} */ (r.exprCanvas));
  const input = /** @type {HTMLInputElement} */ (r.expr);
  /** @type {Record<string, number>} */
  let vals = { ...DEFAULT_VALS };
  let text = DEFAULT_EXPR;
  fromQuery(query);

  function fromQuery(q) {
    text = q.get('expr') ?? DEFAULT_EXPR;
    vals = { ...DEFAULT_VALS };
    for (const pair of (q.get('vals') || '').split(',').filter(Boolean)) {
      const [name, v] = pair.split(':');
      if (name && Number.isFinite(Number(v)) && v.trim() !== '') vals[name] = Number(v);
    }
    input.value = text;
  }

  input.addEventListener('input', () => {
    text = input.value;
    render();
    changed();
  });
  r.exprVars.addEventListener('input', (e) => {
    const el = /** @type {HTMLInputElement} */ (e.target);
    const v = Number(el.value);
    if (el.value.trim() === '' || !Number.isFinite(v) || Math.abs(v) > 1e6) {
      el.setAttribute('aria-invalid', 'true');
      return;
    }
    el.removeAttribute('aria-invalid');
    vals[el.name] = v;
    render(false);
    changed();
  });

  function render(rebuildInputs = true) {
    const names = Object.keys(vals);
    const g = expressionGraph(text, names, Float64Array.from(names.map((n) => vals[n])), 1);
    if (!g.ok) {
      r.exprError.hidden = false;
      r.exprError.dataset.position = String(g.position);
      const caret = `${' '.repeat(g.position)}^`;
      r.exprError.innerHTML = `<span data-testid="expr-message">At character ${g.position + 1}: ${esc(g.message)}</span>
        <pre class="bp-caret" aria-hidden="true">${esc(text)}\n${caret}</pre>`;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    r.exprError.hidden = true;
    input.removeAttribute('aria-invalid');
    for (const v of g.variables) if (!(v.name in vals)) vals[v.name] = v.value;
    if (rebuildInputs) {
      r.exprVars.innerHTML = g.variables.map((v) => `<label class="field"><span class="field-label">${tex(v.name)}</span>
        <input type="text" inputmode="decimal" aria-label="value of ${esc(v.name)}" name="${esc(v.name)}" data-testid="var-${esc(v.name)}" value="${esc(String(vals[v.name]))}" size="6"></label>`).join('');
    }
    const sent = g.graph.nodes.map(() => []);
    for (const s of g.backward.steps) sent[s.node] = s.sent;
    diagram.update({ nodes: g.graph.nodes, grads: g.backward.grads, sent, showGrad: () => true });
    r.exprValue.innerHTML = tex(`f = ${texNumber(g.graph.nodes[g.output].value, 6)}`);
    r.exprValue.dataset.value = String(g.graph.nodes[g.output].value);
    r.exprGrads.innerHTML = gradTableHTML(g.variables, 'expr');
  }

  render();
  return {
    /** The part of the URL this box owns. */
    query() {
      const q = new URLSearchParams();
      if (text !== DEFAULT_EXPR) q.set('expr', text);
      const own = Object.entries(vals).filter(([k, v]) => DEFAULT_VALS[k] !== v);
      if (own.length) q.set('vals', own.map(([k, v]) => `${k}:${v}`).join(','));
      return q.toString();
    },
    update(q) {
      fromQuery(q);
      render();
    },
    destroy() {
      diagram.destroy();
    },
  };
}

function fmt(v, digits = 3) {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toFixed(digits))).replace('-', '−');
}
