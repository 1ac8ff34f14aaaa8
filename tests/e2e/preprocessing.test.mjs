// End-to-end tests of the preprocessing chapter: the mean image shown equals the mean of the training pixels
// computed here from the raw IDX file; the statistics are the training split's and are applied unchanged to the
// validation and test images (training inputs average 0, the others only nearly); the three inputs train side by
// side; a bad link value is named; screenshots; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { useSite, screenshotsAtSizes, testid, repoRoot } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

/** On a phone the page does not scroll sideways. */
async function noSideScroll(p) {
  const before = p.viewportSize();
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  await p.setViewportSize(before);
  assert.ok(scroll <= width, `page ${scroll} px wide on a ${width} px phone`);
}

/** The sample's images, parsed here from the IDX file: {count, pixels}. */
function sampleImages() {
  const bytes = zlib.gunzipSync(fs.readFileSync(path.join(repoRoot, 'data/sample/t10k-images-1k.gz')));
  assert.equal(bytes.readUInt32BE(0), 2051, 'IDX image magic');
  const [count, rows, cols] = [bytes.readUInt32BE(4), bytes.readUInt32BE(8), bytes.readUInt32BE(12)];
  assert.equal(rows * cols, 784);
  return { count, pixels: bytes.subarray(16) };
}

/** A number attribute that must be there (a missing one fails instead of reading as 0). */
async function attr(p, selector, name) {
  const raw = await p.locator(selector).first().getAttribute(name);
  assert.ok(raw !== null && raw !== '', `${selector} has no ${name}`);
  const x = Number(raw);
  assert.ok(Number.isFinite(x), `${selector} ${name} = ${raw}`);
  return x;
}

test('preprocessing: the mean image is the mean of the 800 training images, computed from the raw IDX', async (t) => {
  await page.goto(`${server.url}#/preprocessing`);
  await page.waitForSelector(`${testid('pp-mean')}[data-values]`, { timeout: 20_000 });
  const shown = (await page.locator(testid('pp-mean')).getAttribute('data-values')).split(',').map(Number);
  assert.equal(shown.length, 784);
  const { count, pixels } = sampleImages();
  assert.equal(count, 1000);
  const n = 800; // the chapter's training split on the sample: its first 800 images
  let worst = 0;
  for (let p = 0; p < 784; p++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pixels[i * 784 + p] / 255;
    worst = Math.max(worst, Math.abs(sum / n - shown[p]));
  }
  t.diagnostic(`largest |μᵢ shown − μᵢ from the IDX| over 784 pixels: ${worst.toExponential(2)}; centre pixel μ = ${shown[14 * 28 + 14].toFixed(4)}`);
  assert.ok(worst < 1e-5, `${worst}`);
  // The mean of all training pixels is about 0.13 (MNIST's well-known 0.1307 on the full set).
  const overall = shown.reduce((s, x) => s + x, 0) / 784;
  assert.ok(overall > 0.1 && overall < 0.16, `${overall}`);
});

test('preprocessing: statistics from the training split, applied unchanged to validation and test', async (t) => {
  await page.goto(`${server.url}#/preprocessing?stats=global&digit=5`);
  await page.waitForSelector(testid('pp-spread-standardize-validation'), { timeout: 20_000 });
  const spread = {};
  for (const kind of ['scale', 'center', 'standardize']) {
    for (const split of ['train', 'validation', 'test']) {
      const cell = testid(`pp-spread-${kind}-${split}`);
      spread[`${kind}-${split}`] = { mean: await attr(page, cell, 'data-mean'), std: await attr(page, cell, 'data-std') };
    }
  }
  t.diagnostic(Object.entries(spread).map(([k, v]) => `${k}: ${v.mean.toFixed(4)} ± ${v.std.toFixed(4)}`).join('; '));
  // Global statistics: the training inputs average 0 with spread 1 exactly (to rounding) …
  assert.ok(Math.abs(spread['center-train'].mean) < 1e-5);
  assert.ok(Math.abs(spread['standardize-train'].mean) < 1e-5);
  assert.ok(Math.abs(spread['standardize-train'].std - 1) < 1e-4);
  // … the validation images only nearly: the training μ and σ were subtracted, not their own.
  assert.ok(Math.abs(spread['center-validation'].mean) > 1e-4, 'validation was not refitted');
  assert.ok(Math.abs(spread['standardize-validation'].mean) < 0.2);
  // The same μ, σ for both: the validation inputs are the scaled ones shifted and stretched by the training numbers.
  const mu = await attr(page, testid('pp-global-mean'), 'data-value');
  const sigma = await attr(page, testid('pp-global-sigma'), 'data-value');
  const { pixels } = sampleImages();
  let sum = 0;
  for (let i = 0; i < 800 * 784; i++) sum += pixels[i] / 255;
  assert.ok(Math.abs(mu - sum / (800 * 784)) < 1e-5, `global μ ${mu}`);
  const predicted = (spread['scale-validation'].mean - mu) / sigma;
  assert.ok(Math.abs(predicted - spread['standardize-validation'].mean) < 1e-4, `${predicted} vs ${spread['standardize-validation'].mean}`);
  // The sample's test images are its training images (800 of the first 1,000): nearly centred as well.
  assert.ok(Math.abs(spread['standardize-test'].mean) < 0.05);
  // The example digit is the 6th validation image (index 5) of the set: its raw pixels are those of the IDX.
  const raw = await attr(page, testid('pp-validation-0'), 'data-max');
  let max = 0;
  for (let p = 0; p < 784; p++) max = Math.max(max, pixels[(1000 - 200 + 5) * 784 + p]);
  assert.equal(raw, max);
  await screenshotsAtSizes(page, 'preprocessing', async (p) => {
    await p.evaluate(() => document.querySelector('#pp-inputs-title').scrollIntoView({ block: 'start' }));
  });
  await noSideScroll(page);
  await screenshotsAtSizes(page, 'preprocessing-same', async (p) => {
    await p.evaluate(() => document.querySelector('#pp-same-title').scrollIntoView({ block: 'start' }));
  });
});

test('preprocessing: the three inputs train side by side; a bad link value is named', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/preprocessing?epochs=2&seed=3`);
  await page.waitForFunction(() => document.querySelector('[data-testid="pp-play"]')?.disabled === false, null, { timeout: 20_000 });
  await page.click(testid('pp-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="pp-panel"]').dataset.state === 'finished', null, { timeout: 45_000 });
  const rows = await page.locator(`${testid('pp-table')} tbody tr`).evaluateAll((trs) => trs.map((r) => [r.dataset.testid, Number(r.dataset.validation), Number(r.dataset.epochs)]));
  t.diagnostic(rows.map(([id, v]) => `${id} ${(100 * v).toFixed(1)} %`).join(', '));
  assert.deepEqual(rows.map((r) => r[0]), ['pp-row-scale', 'pp-row-center', 'pp-row-standardize']);
  for (const [, v, epochs] of rows) {
    assert.equal(epochs, 2);
    assert.ok(v > 0.5, `validation accuracy ${v}`);
  }
  await screenshotsAtSizes(page, 'preprocessing-mnist', async (p) => {
    await p.evaluate(() => document.querySelector('#pp-mnist-title').scrollIntoView({ block: 'start' }));
  });
  await page.goto(`${server.url}#/preprocessing?stats=median&digit=300`);
  await page.waitForSelector(testid('param-errors'));
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /statistics \(stats\) must be one of pixel, global, got “median”/);
  assert.match(errors, /example digit \(digit\) must be a whole number between 0 and 199, got “300”/);
});

