// End-to-end tests of the "Backpropagation" chapter, driven as a student would: stepping BP1–BP4 and checking
// them against finite differences computed here from the weights the page shows, the computational graph at the
// slide's defaults, typed expressions (good and bad), links, the keyboard and screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, inViewport, testid, text, value, numberAt } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site), { clipboard: true });

async function open(hash = '', p = page) {
  await p.goto('about:blank');
  await p.goto(`${server.url}#/backprop${hash}`);
  await waitForState(p, 'backprop', ['idle']);
  await p.waitForSelector(`${testid('steps')}[data-walk]`);
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** C(x; w, b) for the default sigmoid network with the quadratic cost, in f64. */
function cost(net) {
  let a = net.x;
  net.w.forEach((w, i) => {
    const nIn = a.length;
    a = net.b[i].map((b, j) => sigmoid(b + a.reduce((s, ak, k) => s + w[j * nIn + k] * ak, 0)));
  });
  return 0.5 * a.reduce((s, aj, j) => s + (aj - net.y[j]) ** 2, 0);
}

/** ∂C/∂θ by central differences, θ = w[i][idx] or b[i][idx]. */
function numeric(net, which, i, idx, h = 1e-6) {
  const copy = JSON.parse(JSON.stringify(net));
  copy[which][i][idx] += h;
  const up = cost(copy);
  copy[which][i][idx] -= 2 * h;
  return (up - cost(copy)) / (2 * h);
}

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-8);

test('backprop: every step’s BP1–BP4 numbers equal finite differences computed from the weights shown', async () => {
  await open('?seed=4');
  const steps = page.locator(testid('steps'));
  const net = JSON.parse(await steps.getAttribute('data-walk'));
  assert.deepEqual(net.sizes, [2, 3, 2]);
  const seen = [];
  let worst = 0;
  for (let s = 0; s < 9; s++) {
    await page.click(testid('step'));
    const kind = await steps.getAttribute('data-kind');
    const l = await numberAt(page, testid('steps'), 'data-l');
    const values = JSON.parse(await steps.getAttribute('data-values'));
    seen.push(`${kind}${l}`);
    const i = l - 2;
    if (kind === 'bp1' || kind === 'bp2' || kind === 'bp3') {
      // δ^l_j = ∂C/∂b^l_j: both BP1/BP2's δ and BP3's ∂C/∂b are checked against ∂C/∂b by differences.
      values.forEach((v, j) => {
        const n = numeric(net, 'b', i, j);
        worst = Math.max(worst, rel(v, n));
        assert.ok(rel(v, n) < 1e-3, `${kind} l=${l} j=${j + 1}: page ${v}, differences ${n}`);
      });
    }
    if (kind === 'bp4') {
      values.forEach((v, idx) => {
        const n = numeric(net, 'w', i, idx);
        worst = Math.max(worst, rel(v, n));
        assert.ok(rel(v, n) < 1e-3, `bp4 l=${l} entry ${idx}: page ${v}, differences ${n}`);
      });
      assert.equal(await page.locator(testid('check-table')).locator('tbody tr').count(), values.length);
      assert.equal(await page.locator(testid('diagram')).getAttribute('data-highlight'), `${l},1,1`);
    }
  }
  assert.deepEqual(seen, ['forward2', 'forward3', 'bp13', 'bp33', 'bp43', 'bp22', 'bp32', 'bp42', 'update0']);
  assert.equal(await waitForState(page, 'backprop', ['finished']), 'finished');
  assert.match(await text(page, 'status'), /cost on this example went from/);
  console.log(`largest relative error page vs finite differences: ${worst.toExponential(2)}`);
});

test('backprop: Space plays, → steps, R resets; the code line follows', async () => {
  await open();
  const root = page.locator('.chapter[data-chapter="backprop"]');
  const code = page.locator(testid('code'));
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  assert.equal(await root.getAttribute('data-state'), 'paused');
  assert.equal(await root.getAttribute('data-step'), '0');
  assert.equal(await code.getAttribute('data-active-line'), '7');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await code.locator('.line.on').first().innerText(), /delta = self\.cost_derivative/);
  await page.keyboard.press('r');
  assert.equal(await root.getAttribute('data-state'), 'idle');
  assert.equal(await root.getAttribute('data-step'), '-1');
  await page.selectOption(testid('speed'), '400');
  await page.locator('h1').click();
  await page.keyboard.press(' ');
  assert.equal(await root.getAttribute('data-state'), 'running');
  assert.equal(await waitForState(page, 'backprop', ['finished'], 15_000), 'finished');
  await page.keyboard.press('R');
  assert.equal(await root.getAttribute('data-state'), 'idle');
});

test('backprop: the computational graph shows 1, 6 and −5 at the defaults, node by node', async () => {
  await open();
  const grads = async () => Promise.all(['x', 'y', 'z'].map((n) => value(page, `graph-grad-${n}`)));
  assert.deepEqual(await grads(), [1, 6, -5]);
  const panel = page.locator(testid('graph-panel'));
  const canvas = page.locator(testid('graph'));
  // 3 gates forward, then 6 nodes backward.
  for (let s = 0; s < 9; s++) await page.click(testid('graph-step'));
  assert.equal(await panel.getAttribute('data-state'), 'finished');
  const shown = JSON.parse(await canvas.getAttribute('data-grads'));
  assert.deepEqual(shown.slice(0, 3), [1, 6, -5]);
  assert.match(await text(page, 'graph-status'), /∂f\/∂x = 1, ∂f\/∂y = 6, ∂f\/∂z = −5/);
  // Editing z changes the gradients: ∂f/∂x = y − z.
  await page.fill(testid('gz'), '-1');
  await page.locator(testid('gz')).blur();
  assert.deepEqual(await grads(), [3, 8, -5]);
  assert.equal(await page.locator(testid('gates')).locator('canvas').count(), 6);
});

test('backprop: a typed expression gives its gradients; a malformed one a message with its position', async () => {
  await open();
  await page.fill(testid('expr'), 'x*y + sin');
  await page.fill(testid('expr'), 'x^2 * y + exp(y)');
  await page.fill(testid('var-x'), '3');
  await page.fill(testid('var-y'), '0.5');
  // ∂/∂x (x² y + e^y) = 2xy = 3; ∂/∂y = x² + e^y = 9 + e^0.5.
  assert.ok(Math.abs((await value(page, 'expr-grad-x')) - 3) < 1e-9);
  assert.ok(Math.abs((await value(page, 'expr-grad-y')) - (9 + Math.exp(0.5))) < 1e-9);
  assert.ok(Math.abs((await value(page, 'expr-value')) - (4.5 + Math.exp(0.5))) < 1e-9);
  await page.fill(testid('expr'), '(x + y * 2');
  const error = page.locator(testid('expr-error'));
  assert.equal(await error.isVisible(), true);
  assert.equal(await error.getAttribute('data-position'), '10');
  assert.match(await text(page, 'expr-message'), /At character 11: missing '\)' to close the '\(' at character 1/);
  await page.fill(testid('expr'), 'x + * y');
  assert.equal(await error.getAttribute('data-position'), '4');
  await page.fill(testid('expr'), 'max(x, y)');
  assert.equal(await error.isHidden(), true);
});

test('backprop: a bad value in the link is named; a copied link reproduces the state', async () => {
  await open('?sizes=2,9,2&gx=abc');
  const errors = await page.locator(testid('param-errors')).allInnerTexts();
  assert.match(errors.join('\n'), /sizes\[1\] must be a whole number between 1 and 4, got “9”/);
  assert.match(errors.join("\n"), /x \(gx\) must be a number between -10 and 10, got “abc”/);
  assert.deepEqual(JSON.parse(await page.locator(testid('steps')).getAttribute('data-walk')).sizes, [2, 3, 2]);

  await open();
  await page.fill(testid('sizes'), '3,4,2');
  await page.fill(testid('seed'), '42');
  await page.locator(testid('seed')).blur();
  await page.fill(testid('expr'), 'tanh(a*b)');
  await page.fill(testid('var-a'), '0.5');
  const here = await page.locator(testid('steps')).getAttribute('data-walk');
  await page.click(testid('copy-link'));
  const link = await page.locator(testid('copy-link')).getAttribute('data-link');
  assert.match(link, /seed=42/);
  assert.match(link, /sizes=3,4,2/);
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await waitForState(fresh, 'backprop', ['idle']);
  await fresh.waitForSelector(`${testid('steps')}[data-walk]`);
  assert.equal(await fresh.locator(testid('steps')).getAttribute('data-walk'), here);
  assert.equal(await fresh.locator(testid('expr')).inputValue(), 'tanh(a*b)');
  assert.equal(await fresh.locator(testid('var-a')).inputValue(), '0.5');
  await fresh.close();
});

test('backprop: the numerical gradient of [784, 30, 10] is run and timed against backprop', async () => {
  await open();
  await page.click(testid('race-run'));
  await page.waitForSelector(`${testid('race')}[data-state="finished"]`, { timeout: 40_000 });
  const numericMs = await numberAt(page, testid('race-result'), 'data-numeric-ms');
  const backpropMs = await numberAt(page, testid('race-result'), 'data-backprop-ms');
  console.log(`[784, 30, 10] in the browser: numerical gradient ${numericMs.toFixed(0)} ms, one backprop pass ${(backpropMs * 1000).toFixed(1)} µs`);
  assert.ok(numericMs > 0 && backpropMs > 0);
  assert.match(await text(page, 'race-progress'), /23,860 derivatives/);
});

async function toPanel(p, id) {
  await p.locator(`#${id}`).evaluate((el) => {
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar - 8);
  });
  await p.waitForTimeout(150);
}

test('backprop: screenshots; the run controls and the diagram on one screen', async () => {
  await open('?seed=3');
  for (let s = 0; s < 6; s++) await page.click(testid('step'));
  const files = await screenshotsAtSizes(page, 'backprop', (p) => toPanel(p, 'bp-steps-title'));
  for (let s = 0; s < 6; s++) await page.click(testid('graph-step'));
  files.push(...await screenshotsAtSizes(page, 'backprop-graph', (p) => toPanel(p, 'bp-graph-title')));
  assert.equal(files.length, 6);
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await toPanel(page, 'bp-steps-title');
    assert.ok(await inViewport(page, testid('step')), `Step on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('diagram')), `diagram on screen at ${size.width}`);
    await toPanel(page, 'bp-graph-title');
    assert.ok(await inViewport(page, testid('graph-step')), `graph Step on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('graph')), `graph on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
