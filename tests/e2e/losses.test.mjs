// End-to-end tests of the "Loss functions" chapter, as a student would use it: the one-hot target of a real
// "8" and the quadratic cost over a few images; the learning slowdown (quadratic against cross-entropy from the
// saturated start, checked against the neuron simulated here); softmax (sums to 1, the shown Jacobian against
// central differences computed here from the shown logits); the three output/cost pairs; link errors, the copied
// link, screenshots, no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, inViewport, testid, text, numberAt, numbersAt } from './helpers.mjs';


let server;
let page;
useSite((site) => ({ server, page } = site), { clipboard: true });

async function open(hash = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/losses${hash}`);
  await page.waitForSelector(`${testid('softmax-q')}[data-values]`);
}

async function setSlider(name, v) {
  await page.locator(`[name="${name}"]`).evaluate((el, to) => {
    const input = /** @type {HTMLInputElement} */ (el);
    input.value = String(to);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, v);
}

const data = (sel, key) => page.locator(sel).first().evaluate((el, k) => el.dataset[k], key);
const sigma = (z) => 1 / (1 + Math.exp(-z));

test('losses: the target of a real “8” and C = 1/2n Σ‖y − a‖² over the images shown', async () => {
  await open();
  await page.waitForSelector(`${testid('target-cell')}`, { timeout: 30_000 });
  assert.match(await text(page, 'data-status'), /MNIST sample/);
  const cells = page.locator(testid('target-cell'));
  assert.equal(await cells.count(), 4);
  assert.equal(await cells.first().getAttribute('data-label'), '8');
  const costs = await numbersAt(page, testid('target-cell'), 'data-cost');
  const total = await numberAt(page, testid('cost-all'));
  const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
  assert.ok(Math.abs(total - mean) < 1e-5, `C = ${total} vs the mean of the per-image costs ${mean}`);
  // Training lowers it.
  await page.click(testid('train-more'));
  await page.click(testid('train-more'));
  const after = await numberAt(page, testid('cost-all'));
  assert.ok(after < total, `${total} → ${after}`);
});

test('losses: from the saturated start the quadratic cost falls more slowly than the cross-entropy', async (t) => {
  await open();
  await page.click(testid('slow-reset'));
  const epochs = 20;
  for (let i = 0; i < epochs; i++) await page.click(testid('slow-step'));
  assert.equal(await text(page, 'slow-epoch'), String(epochs));
  const neuron = async (id) => ({ cost: await numberAt(page, testid(id), 'data-cost'), a: await numberAt(page, testid(id), 'data-a') });
  const q = await neuron('slow-quadratic');
  const c = await neuron('slow-cross-entropy');
  // The same neuron simulated here: x = 1, y = 0, w = b = 2, η = 0.15.
  const simulate = (cross) => {
    let w = 2, b = 2;
    for (let e = 0; e < epochs; e++) {
      const a = sigma(w + b);
      const dz = cross ? a : a * a * (1 - a);
      w -= 0.15 * dz;
      b -= 0.15 * dz;
    }
    const a = sigma(w + b);
    return { a, cost: cross ? -Math.log(1 - a) : 0.5 * a * a };
  };
  const [sq, sc] = [simulate(false), simulate(true)];
  assert.ok(Math.abs(q.a - sq.a) < 1e-9 && Math.abs(c.a - sc.a) < 1e-9, `page ${q.a}, ${c.a}; here ${sq.a}, ${sc.a}`);
  const q0 = 0.5 * sigma(4) ** 2;
  const c0 = -Math.log(1 - sigma(4));
  const fallQ = (q0 - q.cost) / q0;
  const fallC = (c0 - c.cost) / c0;
  t.diagnostic(`first ${epochs} epochs: quadratic C ${q0.toFixed(4)} → ${q.cost.toFixed(4)} (${(100 * fallQ).toFixed(1)}%), ` +
    `cross-entropy ${c0.toFixed(4)} → ${c.cost.toFixed(4)} (${(100 * fallC).toFixed(1)}%)`);
  assert.ok(fallQ < fallC / 10, `quadratic fell ${fallQ}, cross-entropy ${fallC}`);
  assert.match(await text(page, 'slow-note'), /saturated/);
});

test('losses: softmax sums to 1 and the shown Jacobian matches finite differences', async () => {
  await open('?z1=1.5&z2=-0.3&z3=0.7&z4=2.2&target=3');
  await setSlider('z2', 0.4);
  const z = JSON.parse(await data(testid('softmax-q'), 'z'));
  assert.deepEqual(z, [1.5, 0.4, 0.7, 2.2]);
  const q = JSON.parse(await data(testid('softmax-q'), 'values'));
  assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  const J = JSON.parse(await data(testid('softmax-jacobian'), 'values'));
  const softmax = (v) => {
    const e = v.map((x) => Math.exp(x - Math.max(...v)));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  };
  const h = 1e-6;
  let worst = 0;
  for (let j = 0; j < 4; j++) {
    const plus = softmax(z.map((x, k) => (k === j ? x + h : x)));
    const minus = softmax(z.map((x, k) => (k === j ? x - h : x)));
    for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs((plus[i] - minus[i]) / (2 * h) - J[i * 4 + j]));
  }
  assert.ok(worst < 1e-6, `Jacobian vs central differences: ${worst}`);
  // δ = Q − y against the cost's central differences, C = −ln Q₃.
  const delta = JSON.parse(await data(testid('softmax-delta'), 'delta'));
  for (let j = 0; j < 4; j++) {
    const c = (d) => -Math.log(softmax(z.map((x, k) => (k === j ? x + d : x)))[2]);
    assert.ok(Math.abs((c(h) - c(-h)) / (2 * h) - delta[j]) < 1e-6);
  }
  // Raising z₂ raised Q₂ and lowered the others; its column is highlighted.
  assert.ok(J[1 * 4 + 1] > 0 && [0, 2, 3].every((i) => J[i * 4 + 1] < 0));
});

test('losses: the three pairs all give δᴸ = aᴸ − y', async () => {
  await open('?x1=1.2&cls=3');
  for (const pair of ['linearQuadratic', 'sigmoidCrossEntropy', 'softmaxCategorical']) {
    const el = `[data-pair="${pair}"]`;
    const delta = JSON.parse(await data(el, 'delta'));
    const diff = JSON.parse(await data(el, 'aMinusY'));
    delta.forEach((d, j) => assert.ok(Math.abs(d - diff[j]) < 1e-5, `${pair}: ${delta} vs ${diff}`));
  }
});

test('losses: a bad value in the link is named; a copied link reproduces the state', async () => {
  await open('?eta=fast&z1=99&data=huge');
  // Each panel's form lists the problems with its own parameters.
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /learning rate \(eta\)/);
  assert.match(errors, /logit 1 \(z1\)/);
  assert.match(errors, /data “huge”; it must be full or sample/);
  await open();
  await setSlider('z3', -2.5);
  await setSlider('w0', 0.6);
  await page.click(testid('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /z3=-2.5/);
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForSelector(`${testid('softmax-q')}[data-values]`);
  assert.deepEqual(JSON.parse(await data(testid('softmax-q'), 'z')), [2, 1, -2.5, -1]);
  assert.equal(await page.locator('[name="w0"]').inputValue(), '0.6');
});

test('losses: screenshots at laptop, projector and phone; the slowdown controls and charts on one screen', async () => {
  await open();
  await page.waitForSelector(testid('target-cell'), { timeout: 30_000 });
  const toSlow = async (p) => {
    await p.locator('#losses-slow-title').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60));
    await p.waitForTimeout(150);
  };
  await screenshotsAtSizes(page, 'losses');
  await screenshotsAtSizes(page, 'losses-slow', toSlow);
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await toSlow(page);
    assert.ok(await inViewport(page, testid('slow-play')), `play on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('slow-cost-chart')), `chart on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
