// End-to-end tests of the overfitting chapter: on 1,000 MNIST images the training accuracy pulls away from the
// validation accuracy by a clear margin, more than on a larger set; early stopping marks the best validation epoch
// of the curve and its restored weights score what the curve scored there; a bad link value is named; screenshots;
// no console errors. Every number is read from a data attribute (a missing one fails, never reads as 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid, numberAt, blankCanvases } from './helpers.mjs';

let server;
let page;
// Each test gets a fresh browser context; useSite fails any test whose page logs a console or page error.
useSite((site) => ({ server, page } = site));

const RUN = 'epochs=12&large=4000&validation=2000&patience=4&seed=1';

test('overfitting: 1,000 images overfit — a clear gap, larger than on 4,000; early stopping restores the best epoch', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/overfitting?${RUN}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="of-play"]')?.disabled === false, null, { timeout: 30_000 });
  await page.click(testid('of-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="of-panel"]').dataset.state === 'finished', null, { timeout: 75_000 });

  const small = testid('of-gap-small');
  const large = testid('of-gap-large');
  const s = { epoch: await numberAt(page, small, 'data-epoch'), train: await numberAt(page, small, 'data-train'), val: await numberAt(page, small, 'data-validation'), gap: await numberAt(page, small, 'data-value') };
  const l = { epoch: await numberAt(page, large, 'data-epoch'), train: await numberAt(page, large, 'data-train'), val: await numberAt(page, large, 'data-validation'), gap: await numberAt(page, large, 'data-value') };
  t.diagnostic(`1,000: training ${(100 * s.train).toFixed(1)} %, validation ${(100 * s.val).toFixed(1)} %, gap ${(100 * s.gap).toFixed(1)} points`);
  t.diagnostic(`4,000: training ${(100 * l.train).toFixed(1)} %, validation ${(100 * l.val).toFixed(1)} %, gap ${(100 * l.gap).toFixed(1)} points`);
  assert.equal(s.epoch, 12);
  assert.equal(l.epoch, 12);
  assert.ok(Math.abs(s.gap - (s.train - s.val)) < 1e-9, 'the gap is training − validation');
  // Nielsen's 1,000-image run: training accuracy near 100 %, validation in the low 80s.
  assert.ok(s.train > 0.95, `training accuracy on 1,000 images: ${s.train}`);
  assert.ok(s.gap > 0.08, `a clear gap on 1,000 images: ${s.gap}`);
  assert.ok(l.gap < s.gap - 0.03, `more data narrows the gap: ${l.gap} vs ${s.gap}`);
  assert.ok(l.val > s.val, `more data generalizes better: ${l.val} vs ${s.val}`);

  // The per-epoch validation curve of the small run, from the table.
  const curve = await page.locator('[data-testid^="of-epoch-small-"]').evaluateAll((cells) =>
    cells.map((c) => [Number(c.dataset.testid.split('-').pop()), c.getAttribute('data-validation')]));
  assert.equal(curve.length, 12);
  for (const [, v] of curve) assert.ok(v !== null && Number.isFinite(Number(v)), `validation attribute ${v}`);
  const stop = testid('of-stop');
  const best = await numberAt(page, stop, 'data-best-epoch');
  const stopped = await numberAt(page, stop, 'data-stopped-epoch');
  const restored = await numberAt(page, stop, 'data-validation');
  await numberAt(page, stop, 'data-test');
  // Early stopping's best epoch is the curve's first maximum among the epochs it trained.
  const seen = curve.filter(([e]) => e <= stopped).map(([e, v]) => [e, Number(v)]);
  const top = Math.max(...seen.map(([, v]) => v));
  const argmax = seen.find(([, v]) => v === top)[0];
  t.diagnostic(`validation curve: ${seen.map(([e, v]) => `${e}:${(100 * v).toFixed(1)}`).join(' ')}; early stopping: best ${best}, stopped ${stopped}, restored ${(100 * restored).toFixed(2)} %`);
  assert.equal(best, argmax, 'the mark is at the best validation epoch');
  // The restored weights are that epoch's: they score exactly what the curve scored there.
  assert.equal(restored, top);
  assert.equal(await numberAt(page, stop, 'data-curve-validation'), top);

  await screenshotsAtSizes(page, 'overfitting', async (p) => {
    await p.evaluate(() => document.querySelector('#of-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
  await screenshotsAtSizes(page, 'overfitting-charts', async (p) => {
    await p.evaluate(() => document.querySelector('[data-testid="of-accuracy-chart"]').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
});

test('overfitting: a bad link value is named; the 50,000-image set is one click away', async () => {
  await page.goto(`${server.url}#/overfitting?eta=-1&patience=0`);
  await page.waitForSelector(`${testid('param-errors')}:not([hidden])`);
  const errors = await page.locator(testid('param-errors')).innerText();
  assert.match(errors, /learning rate \(eta\) must be a number greater than 0 and at most 100, got “-1”/);
  assert.match(errors, /early stopping: patience \(epochs\) \(patience\) must be a whole number between 1 and 400, got “0”/);
  await page.goto(`${server.url}#/overfitting?large=50000&validation=10000&small=55000`);
  await page.waitForSelector(`${testid('param-errors')}:not([hidden])`);
  assert.match(await page.locator(testid('param-errors')).innerText(), /small training set \(small\) must be a whole number between 10 and 50000, got “55000”/);
  // The slide's large set is one click away: all 50,000 images (the validation set is the last 10,000).
  await page.goto(`${server.url}#/overfitting?epochs=2`);
  await page.waitForFunction(() => document.querySelector('[data-testid="of-play"]')?.disabled === false, null, { timeout: 30_000 });
  await page.click(testid('of-full'));
  await page.waitForFunction(() => /large=50000/.test(location.hash));
  assert.match(await page.locator(testid('of-data-note')).innerText(), /the first 1,000 and the first 50,000 of the 60,000 training images; the last 2,000/);
  assert.equal(await page.locator(testid('of-row-large')).getAttribute('data-epochs'), '0');
});
