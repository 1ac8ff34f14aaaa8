// End-to-end tests of the "Gradient descent" chapter: the predicted ΔC = −η‖∇C‖² against the true change (and
// both against the bowl computed here), the verdicts on η, click-to-place, the line fit's update rules, the
// measured cost of one full-batch gradient on MNIST, link errors, the copied link, screenshots, no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, inViewport, testid, text, numberAt } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site), { clipboard: true });

async function open(hash = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/gradient-descent${hash}`);
  await page.waitForSelector(`${testid('ball-now')}[data-predicted]`);
}
const data = (sel, key) => page.locator(sel).first().evaluate((el, k) => el.dataset[k], key);
const verdict = () => data(testid('verdict'), 'verdict');

test('gradient descent: for a small η the predicted ΔC matches the true change within 1%', async (t) => {
  await open('?eta=0.001');
  const predicted = await numberAt(page, testid('ball-now'), 'data-predicted');
  const actual = await numberAt(page, testid('ball-now'), 'data-actual');
  // The bowl C = ½v₁² + 5v₂² from (−4, 1.5), computed here.
  const C = (x, y) => 0.5 * x * x + 5 * y * y;
  const [gx, gy] = [-4, 15];
  const eta = 0.001;
  const mine = { predicted: -eta * (gx * gx + gy * gy), actual: C(-4 - eta * gx, 1.5 - eta * gy) - C(-4, 1.5) };
  assert.ok(Math.abs(predicted - mine.predicted) < 1e-9, `${predicted} vs ${mine.predicted}`);
  assert.ok(Math.abs(actual - mine.actual) < 1e-5, `${actual} vs ${mine.actual}`);
  const rel = Math.abs(predicted - actual) / Math.abs(actual);
  t.diagnostic(`η = 0.001: predicted ΔC ${predicted.toFixed(6)}, true ${actual.toFixed(6)}, relative difference ${rel.toExponential(2)}`);
  assert.ok(rel < 0.01);
  assert.match(await text(page, 'ball-ratio'), /within 1%/);
});

test('gradient descent: the page says whether η crawls, converges, oscillates or diverges', async () => {
  const cases = [['0.0005', 'crawling'], ['0.05', 'converging'], ['0.17', 'oscillating'], ['0.25', 'diverging']];
  for (const [eta, want] of cases) {
    await open(`?eta=${eta}`);
    for (let i = 0; i < 6; i++) await page.click(testid('ball-step'));
    assert.equal(await verdict(), want, `η = ${eta}`);
    assert.match(await text(page, 'verdict'), new RegExp(want, 'i'));
  }
});

test('gradient descent: clicking the map places v; Play runs until it converges', async () => {
  await open('?eta=0.15');
  const box = await page.locator(testid('ball-map')).boundingBox();
  const center = await page.evaluate(() => null);
  void center;
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  const v1 = Number(await page.locator('[name="v1"]').inputValue());
  assert.ok(v1 < 0 && v1 > -5, `v1 = ${v1}`);
  assert.match(await page.evaluate(() => location.hash), /v1=/);
  await page.click(testid('ball-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]').dataset.verdict === 'converged', null, { timeout: 30_000 });
});

test('gradient descent: the line fit steps by the update rules shown', async () => {
  await open();
  const before = { w: await numberAt(page, testid('fit-rules'), 'data-w'), b: await numberAt(page, testid('fit-rules'), 'data-b') };
  assert.deepEqual(before, { w: -0.5, b: 2.5 });
  await page.click(testid('fit-step'));
  const w = await numberAt(page, testid('fit-rules'), 'data-w');
  assert.notEqual(w, before.w);
  for (let i = 0; i < 5; i++) await page.click(testid('fit-step'));
  assert.match(await text(page, 'fit-stats'), /^step 6/);
});

test('gradient descent: one full-batch gradient on MNIST, measured live (sample, then the full set)', { timeout: 120_000 }, async (t) => {
  await open();
  await page.waitForSelector(`${testid('measure')}:not([disabled])`, { timeout: 30_000 });
  assert.match(await text(page, 'cost-source'), /sample, n = 1,000/);
  await page.click(testid('measure'));
  await page.waitForSelector(testid('full-ms'), { timeout: 60_000 });
  const sample = { full: await numberAt(page, testid('full-ms')), mini: await numberAt(page, testid('mini-ms')) };
  assert.ok(sample.full > sample.mini);
  t.diagnostic(`sample (n = 1,000): full gradient ${sample.full.toFixed(1)} ms, mini-batch of 10 ${sample.mini.toFixed(3)} ms`);
  await page.click(testid('cost-use-full'));
  await page.waitForSelector(`${testid('measure')}:not([disabled])`, { timeout: 60_000 });
  assert.match(await text(page, 'cost-source'), /full MNIST/);
  await page.click(testid('measure'));
  await page.waitForSelector(testid('full-ms'), { timeout: 90_000 });
  const full = { full: await numberAt(page, testid('full-ms')), mini: await numberAt(page, testid('mini-ms')) };
  t.diagnostic(`full set (n = 50,000): full gradient ${full.full.toFixed(0)} ms, mini-batch of 10 ${full.mini.toFixed(3)} ms — ${(full.full / full.mini).toFixed(0)}×`);
  assert.ok(full.full > 10 * full.mini);
});

test('gradient descent: a bad value in the link is named; a copied link reproduces the state', async () => {
  await open('?eta=-1&surface=volcano');
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /learning rate \(eta\) must be/);
  assert.match(errors, /cost surface \(surface\) must be one of/);
  await open('?surface=rosenbrock&eta=0.001');
  await page.click(testid('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForSelector(`${testid('ball-now')}[data-predicted]`);
  assert.equal(await page.locator('[name="surface"]').inputValue(), 'rosenbrock');
  assert.equal(await data(testid('ball-now'), 'eta'), '0.001');
});

test('gradient descent: screenshots; the controls and the map on one screen', async () => {
  await open('?eta=0.17');
  for (let i = 0; i < 8; i++) await page.click(testid('ball-step'));
  await screenshotsAtSizes(page, 'gradient-descent');
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.ok(await inViewport(page, testid('ball-play')), `play on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('ball-map')), `map on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
