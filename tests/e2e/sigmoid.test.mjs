// End-to-end tests of the "Sigmoid neurons" chapter, driven as a student would: sliders, the nudge of
// one weight, the scale c — checked against hand computations of σ(z) = 1/(1+e^{−z}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, inViewport, testid, value as valueIn } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site));

const value = (id, p = page) => valueIn(p, id);
const sigma = (z) => 1 / (1 + Math.exp(-z));

/** The neuron as the sliders show it. */
async function neuronOnPage(p = page) {
  const read = async (name) => Number(await p.locator(`[name="${name}"]`).inputValue());
  const x = [await read('x1'), await read('x2'), await read('x3')];
  const w = [await read('w1'), await read('w2'), await read('w3')];
  return { x, w, b: await read('b') };
}

/** Drag a slider to `v` (sets the value and fires `input`, as the browser does while dragging). */
async function setSlider(name, v) {
  await page.locator(`[name="${name}"]`).evaluate((el, to) => {
    const input = /** @type {HTMLInputElement} */ (el);
    input.value = String(to);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, v);
}

/** A fresh page load (the shell keeps a visited chapter as it was; these tests start from the link). */
async function open(hash = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/sigmoid${hash}`);
  await waitForState(page, 'sigmoid', ['idle']);
  await page.waitForSelector(`${testid('sigmoid-output')}[data-value]`);
}

test('sigmoid: σ(z) on the page equals 1/(1+e^{−z}) computed by hand for its w, x, b; step(z) beside it', async () => {
  await open();
  const { x, w, b } = await neuronOnPage();
  const z = w.reduce((s, wj, j) => s + wj * x[j], b);
  assert.ok(Math.abs((await value('z')) - z) < 1e-12, `z: page ${await value('z')}, hand ${z}`);
  assert.ok(Math.abs((await value('sigmoid-output')) - sigma(z)) < 1e-12, `σ: page ${await value('sigmoid-output')}, hand ${sigma(z)}`);
  assert.equal(await value('step-output'), z > 0 ? 1 : 0);
  assert.match(await page.locator(testid('sigma-formula')).innerText(), /0\.5744/);
});

test('sigmoid: moving a slider changes the output at once (and the link)', async () => {
  await open();
  const before = await value('sigmoid-output');
  const slider = page.locator('[name="w1"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const after = await value('sigmoid-output');
  assert.notEqual(after, before);
  const { x, w, b } = await neuronOnPage();
  assert.equal(w[0], 0.9);
  assert.ok(Math.abs(after - sigma(w.reduce((s, wj, j) => s + wj * x[j], b))) < 1e-12);
  assert.match(await page.evaluate(() => location.hash), /w1=0\.9/);
});

test('sigmoid: the step jumps for the default nudge; for a small Δw the linear estimate is within 1% of the true Δoutput', async () => {
  await open();
  // Default: w₁ by −0.4 takes z = 0.3 to −0.1 — the perceptron jumps from 1 to 0, the sigmoid moves a little.
  assert.equal(await value('step-change'), -1);
  assert.match(await page.locator(testid('step-verdict')).innerText(), /jumps/);
  const big = Math.abs(await value('true-change'));
  assert.ok(big > 0.05 && big < 0.15, `sigmoid change for Δw = −0.4: ${big}`);

  await page.selectOption(testid('nudge'), 'w2');
  await setSlider('delta', 0.01);
  const trueChange = await value('true-change');
  const estimate = await value('linear-estimate');
  const rel = Math.abs(estimate - trueChange) / Math.abs(trueChange);
  assert.ok(rel < 0.01, `relative difference ${rel}`);
  assert.ok(Math.abs((await value('relative-difference')) - rel) < 1e-12);
  assert.equal(await value('step-change'), 0);
  assert.match(await page.locator(testid('step-verdict')).innerText(), /stays/);
  // By hand: Δσ = σ(z + x₂Δw) − σ(z), estimate σ′(z) x₂ Δw.
  const { x, w, b } = await neuronOnPage();
  const z = w.reduce((s, wj, j) => s + wj * x[j], b);
  const hand = sigma(z + x[1] * 0.01) - sigma(z);
  assert.ok(Math.abs(trueChange - hand) < 1e-12, `true change ${trueChange} vs hand ${hand}`);
  assert.ok(Math.abs(estimate - sigma(z) * (1 - sigma(z)) * x[1] * 0.01) < 1e-12);
  assert.match(await page.locator(testid('estimate-formula')).innerText(), /0\.01/);
});

test('sigmoid: as c grows, the sigmoid output approaches the step output', async () => {
  await open();
  const step = await value('step-output');
  assert.equal(await value('scaled-step'), step);
  const gaps = [];
  for (const c of [1, 10, 100]) {
    await setSlider('c', c);
    gaps.push(await value('scaled-gap'));
    assert.ok(Math.abs(await value('scaled-sigmoid') - step) === gaps.at(-1));
  }
  assert.ok(gaps[0] > 0.3, `c = 1: gap ${gaps[0]}`);
  assert.ok(gaps[1] < gaps[0] && gaps[2] < gaps[1], `gaps ${gaps}`);
  assert.ok(gaps[2] < 1e-6, `c = 100: gap ${gaps[2]}`);
  assert.match(await page.evaluate(() => location.hash), /c=100/);
});

test('sigmoid: a link carries every slider; a bad value names its parameter', async () => {
  await open('?w1=-2&x2=0.25&b=1.5&nudge=b&delta=0.05&c=7');
  const { x, w, b } = await neuronOnPage();
  assert.deepEqual([w[0], x[1], b], [-2, 0.25, 1.5]);
  const z = w.reduce((s, wj, j) => s + wj * x[j], b);
  assert.ok(Math.abs((await value('sigmoid-output')) - sigma(z)) < 1e-12);
  assert.equal(await page.locator(testid('nudge')).inputValue(), 'b');
  assert.ok(Math.abs((await value('scaled-sigmoid')) - sigma(7 * z)) < 1e-12);
  await open('?w2=9');
  const errors = page.locator(testid('param-errors')).first();
  assert.equal(await errors.isVisible(), true);
  assert.match(await errors.innerText(), /weight 2 \(w2\).*between -4 and 4/);
});

/** Scroll the first panel's title to just under the top bar, as a student would before playing. */
async function toPanel(p) {
  await p.locator('#sigmoid-neuron-title').evaluate((el) => {
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar - 8);
  });
  await p.waitForTimeout(100);
}

test('sigmoid: screenshots at laptop, projector and phone; sliders and outputs on one screen', async () => {
  await open();
  const files = await screenshotsAtSizes(page, 'sigmoid', toPanel);
  assert.equal(files.length, 3);
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await toPanel(page);
    assert.ok(await inViewport(page, '[name="b"]'), `bias slider on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('sigmoid-output')), `output on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('sigmoid-plot')), `plot on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
