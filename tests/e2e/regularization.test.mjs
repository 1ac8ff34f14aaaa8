// End-to-end tests of the regularization chapter: on the 1,000-digit set the unregularized run's training accuracy
// exceeds its validation accuracy by a clear margin and L2 narrows that gap; the weight-decay factor shown is
// 1 − ηλ/n worked out by hand from the link's values; the dropout run's masks drop ≈ p · n neurons per mini-batch
// (within binomial bounds) and change from one mini-batch to the next; the gallery redraws when a slider moves; a
// bad link value is named; screenshots; no console errors. Every number is read from a data attribute: a missing
// one fails the test, it never reads as 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid, numberAt, blankCanvases } from './helpers.mjs';

let server;
let page;
// Each test gets a fresh browser context; useSite fails any test whose page logs a console or page error.
useSite((site) => ({ server, page } = site));

const ready = (p) => p.waitForFunction(() => document.querySelector('[data-testid="reg-play"]')?.disabled === false, null, { timeout: 30_000 });

test('regularization: without it the training accuracy pulls away from validation; L2 narrows the gap', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/regularization?l1=0&drop=0&aug=0&epochs=15&seed=1`);
  await ready(page);
  await page.click(testid('reg-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="reg-panel"]').dataset.state === 'finished', null, { timeout: 75_000 });
  const read = async (id) => {
    const row = testid(`reg-gap-${id}`);
    return { epoch: await numberAt(page, row, 'data-epoch'), train: await numberAt(page, row, 'data-train'), val: await numberAt(page, row, 'data-validation'), gap: await numberAt(page, row, 'data-value') };
  };
  const none = await read('none');
  const l2 = await read('l2');
  for (const [name, x] of [['none', none], ['L2', l2]]) {
    t.diagnostic(`${name}: training ${(100 * x.train).toFixed(1)} %, validation ${(100 * x.val).toFixed(1)} %, gap ${(100 * x.gap).toFixed(1)} points`);
    assert.equal(x.epoch, 15);
    assert.ok(Math.abs(x.gap - (x.train - x.val)) < 1e-9, `${name}: the gap is training − validation`);
  }
  assert.ok(none.train > 0.95, `unregularized training accuracy ${none.train}`);
  assert.ok(none.gap > 0.1, `a clear gap without regularization: ${none.gap}`);
  assert.ok(l2.gap < none.gap - 0.05, `L2 narrows the gap: ${l2.gap} against ${none.gap}`);
  assert.ok(l2.val > none.val, `and generalizes better: ${l2.val} against ${none.val}`);
  // The weights: L2 shrank them (N(0, 1) at the start; border pixels' weights get no gradient without a penalty).
  const rms = async (id) => numberAt(page, testid(`reg-weights-${id}`), 'data-rms');
  const [rmsNone, rmsL2] = [await rms('none'), await rms('l2')];
  t.diagnostic(`rms weight: none ${rmsNone.toFixed(3)}, L2 ${rmsL2.toFixed(3)}`);
  assert.ok(rmsL2 < 0.5 * rmsNone, `L2 shrinks the weights: ${rmsL2} against ${rmsNone}`);

  await screenshotsAtSizes(page, 'regularization', async (p) => {
    await p.evaluate(() => document.querySelector('#reg-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
  await screenshotsAtSizes(page, 'regularization-runs', async (p) => {
    await p.evaluate(() => document.querySelector('[data-testid="reg-gap-chart"]').scrollIntoView({ block: 'center' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
});

test('regularization: the weight-decay factor is 1 − ηλ/n for the link’s values, and follows the fields', async () => {
  await page.goto(`${server.url}#/regularization?eta=0.25&lambda=4&lambda1=2`);
  await ready(page);
  const factor = testid('reg-decay-factor');
  // The sample: n = 800 training images.
  assert.equal(await numberAt(page, factor, 'data-value'), 1 - (0.25 * 4) / 800);
  assert.match(await page.innerText(factor), /0\.99875/);
  assert.equal(await numberAt(page, testid('reg-l1-step'), 'data-value'), (0.25 * 2) / 800);
  await page.fill(testid('lambda'), '10');
  await page.locator(testid('lambda')).press('Tab');
  await page.waitForFunction(() => /lambda=10/.test(location.hash));
  assert.equal(await numberAt(page, factor, 'data-value'), 1 - (0.25 * 10) / 800);
});

test('regularization: dropout drops ≈ p · n hidden neurons per mini-batch, a new set each mini-batch', { timeout: 60_000 }, async (t) => {
  const p = 0.3;
  await page.goto(`${server.url}#/regularization?none=0&l2=0&l1=0&aug=0&p=${p}&epochs=1`);
  await ready(page);
  const state = testid('reg-dropout');
  const diagram = testid('reg-dropout-diagram');
  const seen = [];
  let total = 0;
  let cells = 0;
  for (let k = 1; k <= 12; k++) {
    await page.click(testid('reg-step'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="reg-dropout"]')?.dataset.batches === String(n), k);
    const units = await numberAt(page, state, 'data-units');
    const rows = await numberAt(page, state, 'data-batch-size');
    const batch = await numberAt(page, state, 'data-batch-dropped');
    const first = await numberAt(page, state, 'data-dropped');
    assert.equal(units, 30);
    assert.equal(rows, 10);
    assert.equal(await numberAt(page, state, 'data-p'), p);
    // Binomial(300, 0.3): mean 90, σ ≈ 7.9; five σ either side.
    const n = units * rows;
    const sd = Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(batch - n * p) < 5 * sd, `mini-batch ${k}: ${batch} of ${n} dropped`);
    // The diagram greys exactly the first image's dropped neurons.
    await page.waitForFunction((want) => {
      const d = document.querySelector('[data-testid="reg-dropout-diagram"]')?.getAttribute('data-dropped');
      return d && JSON.parse(d)[0].filter((x) => x === 1).length === want;
    }, first);
    seen.push((await page.getAttribute(diagram, 'data-dropped')) ?? '');
    total += batch;
    cells += n;
  }
  t.diagnostic(`dropped per mini-batch of 10 × 30: ${seen.length} batches, ${total} of ${cells} in all (${(total / cells).toFixed(3)}, p = ${p})`);
  const sd = Math.sqrt(cells * p * (1 - p));
  assert.ok(Math.abs(total - cells * p) < 5 * sd, `${total} of ${cells}`);
  assert.ok(new Set(seen).size >= 10, `the mask changes from one mini-batch to the next: ${new Set(seen).size} different of 12`);
  await screenshotsAtSizes(page, 'regularization-dropout', async (pg) => {
    await pg.evaluate(() => document.querySelector('#reg-dropout-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
});

test('regularization: the gallery redraws a transformation when its slider moves', async () => {
  await page.goto(`${server.url}#/regularization?rotate=10`);
  await page.waitForSelector(`${testid('reg-aug-rotate')}[data-sum]`, { timeout: 30_000 });
  const sum = async (id) => numberAt(page, testid(`reg-aug-${id}`), 'data-sum');
  const [original, rotated] = [await sum('original'), await sum('rotate')];
  assert.notEqual(rotated, original);
  await page.locator(testid('rotate')).fill('40');
  await page.waitForFunction(() => /rotate=40/.test(location.hash));
  assert.notEqual(await sum('rotate'), rotated);
  assert.equal(await sum('original'), original);
  await screenshotsAtSizes(page, 'regularization-gallery', async (p) => {
    await p.evaluate(() => document.querySelector('#reg-aug-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(await blankCanvases(page), [], 'every canvas on screen has drawn');
});

test('regularization: a bad link value is named', async () => {
  await page.goto(`${server.url}#/regularization?lambda=-1&p=1&translate=99`);
  await page.waitForSelector(`${testid('param-errors')}:not([hidden])`);
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /L2 strength \(lambda\) must be a number between 0 and 10000, got “-1”/);
  assert.match(errors, /drop probability of a hidden neuron \(p\) must be a number between 0 and 0\.95, got “1”/);
  assert.match(errors, /translation \(px\) \(translate\) must be a number between 0 and 6, got “99”/);
});
