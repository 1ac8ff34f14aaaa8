// End-to-end tests of the "Stochastic gradient descent" chapter: mini-batch estimates line up better with ∇C as m
// grows; one epoch of Nielsen's loop stepped line by line (the first update checked here from the samples the page
// shows); MNIST curves for several m at equal compute; link errors, the copied link, screenshots, no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, inViewport, testid, text, numberAt, numbersAt } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site), { clipboard: true });

async function open(hash = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/sgd${hash}`);
  await page.waitForSelector(`${testid('epoch-numbers')}[data-w]`);
}
const data = (sel, key) => page.locator(sel).first().evaluate((el, k) => el.dataset[k], key);

test('sgd: mini-batch estimates point more nearly along ∇C as m grows', async (t) => {
  await open();
  const rowsAt = `${testid('estimate-table')} tbody tr`;
  const [ms, cosines] = [await numbersAt(page, rowsAt, 'data-m'), await numbersAt(page, rowsAt, 'data-cos')];
  const rows = ms.map((m, i) => [m, cosines[i]]);
  t.diagnostic(`mean cosine with ∇C: ${rows.map(([m, c]) => `m = ${m}: ${c.toFixed(3)}`).join(', ')}`);
  assert.deepEqual(rows.map(([m]) => m), [1, 10, 100]);
  assert.ok(rows[0][1] < rows[1][1] && rows[1][1] < rows[2][1] && rows[2][1] > 0.9);
  assert.match(await text(page, 'path-stats'), /Same compute/);
});

test('sgd: one epoch of SGD / update_mini_batch, line by line', async () => {
  await open('?epN=6&epM=3&epEta=0.5');
  const running = async () => (await page.locator(`${testid('epoch-code')} .running`).allInnerTexts()).join('\n');
  await page.click(testid('epoch-step'));
  assert.match(await running(), /random\.shuffle/);
  await page.click(testid('epoch-step'));
  assert.match(await running(), /mini_batches = /);
  await page.click(testid('epoch-step'));
  assert.match(await running(), /nabla_b = \[np\.zeros/);
  const batch = await numbersAt(page, `${testid('epoch-order')} .in-batch`, 'data-index');
  assert.equal(batch.length, 3);
  for (let i = 0; i < 3; i++) {
    await page.click(testid('epoch-step'));
    assert.match(await running(), /self\.backprop\(x, y\)/);
  }
  await page.click(testid('epoch-step'));
  assert.match(await running(), /self\.weights = /);
  // The update computed here from the samples the page draws: w → w − η/m Σ (w x + b − y) x, likewise b.
  const marks = await page.locator(testid('epoch-data')).evaluate((c) => c.scene.marks.map((m) => [m.x, m.y]));
  let [gw, gb] = [0, 0];
  for (const i of batch) {
    const [x, y] = marks[i];
    const r = -0.5 * x + 2.5 - y;
    gw += r * x;
    gb += r;
  }
  const w = await numberAt(page, testid('epoch-numbers'), 'data-w');
  const b = await numberAt(page, testid('epoch-numbers'), 'data-b');
  assert.ok(Math.abs(w - (-0.5 - (0.5 / 3) * gw)) < 1e-9 && Math.abs(b - (2.5 - (0.5 / 3) * gb)) < 1e-9, `${w}, ${b}`);
  // The second mini-batch ends the epoch: two updates, then the next shuffle finishes it.
  for (let i = 0; i < 6; i++) await page.click(testid('epoch-step'));
  assert.equal(await data(testid('epoch-numbers'), 'updates'), '2');
  assert.equal(await page.locator(testid('epoch-panel')).getAttribute('data-state'), 'finished');
});

test('sgd: on MNIST, several m at equal compute', { timeout: 90_000 }, async (t) => {
  await open('?samples=3000');
  await page.waitForSelector(`${testid('mnist-play')}:not([disabled])`, { timeout: 30_000 });
  assert.match(await text(page, 'mnist-source'), /sample/);
  const mnistRows = `${testid('mnist-table')} tbody tr`;
  const before = await numbersAt(page, mnistRows, 'data-cost');
  await page.click(testid('mnist-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="mnist-panel"]').dataset.state === 'finished', null, { timeout: 60_000 });
  const [ms, seen, costs] = [await numbersAt(page, mnistRows, 'data-m'), await numbersAt(page, mnistRows, 'data-seen'), await numbersAt(page, mnistRows, 'data-cost')];
  const rows = ms.map((m, i) => ({ m, seen: seen[i], cost: costs[i] }));
  t.diagnostic(`after 3,000 samples: ${rows.map((r) => `m = ${r.m}: C ${r.cost.toFixed(4)}`).join(', ')} (start ${before[0].toFixed(4)})`);
  for (const r of rows) assert.equal(r.seen, 3000);
  assert.ok(rows.find((r) => r.m === 10).cost < before[1]);
});

test('sgd: a bad value in the link is named; a copied link reproduces the state', async () => {
  await open('?ms=1,0&epM=x');
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /ms\[1\] must be/);
  assert.match(errors, /mini-batch size \(epM\) must be a whole number/);
  await open('?ms=2,50&seed=7');
  await page.click(testid('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /seed=7/);
  const cos = await page.locator(`${testid('estimate-table')} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.dataset.cos));
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForSelector(`${testid('estimate-table')} tbody tr`);
  assert.deepEqual(await page.locator(`${testid('estimate-table')} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.dataset.cos)), cos);
});

test('sgd: screenshots; the estimate controls and maps on one screen', async () => {
  await open();
  await screenshotsAtSizes(page, 'sgd');
  const toEpoch = async (p) => {
    await p.locator('#sgd-epoch-title').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60));
    await p.waitForTimeout(150);
  };
  for (let i = 0; i < 5; i++) await page.click(testid('epoch-step'));
  await screenshotsAtSizes(page, 'sgd-epoch', toEpoch);
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.ok(await inViewport(page, testid('estimate-map')), `map on screen at ${size.width}`);
    assert.ok(await inViewport(page, '[name="ms"]'), `m field on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
