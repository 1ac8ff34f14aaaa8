// End-to-end tests of the initialization chapter: before training, N(0, 1) saturates more hidden sigmoids than
// N(0, 1/n_in) (the core's lecture-claims test: 48.4% against 0.0% on [784, 100, 10], seed 1, 100 digits); the
// measured Var(z) of the first hidden layer follows n_in Var(w) E[x²] + Var(b); the histograms are drawn; six
// networks train side by side; a bad link value is named; screenshots; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid } from './helpers.mjs';

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

/** A number attribute that must be there (a missing one fails instead of reading as 0). */
async function attr(p, id, name = 'data-value') {
  const raw = await p.locator(testid(id)).first().getAttribute(name, { timeout: 5_000 });
  assert.ok(raw !== null && raw !== '', `${id} has no ${name}`);
  const x = Number(raw);
  assert.ok(Number.isFinite(x), `${id} ${name} = ${raw}`);
  return x;
}

test('initialization: N(0, 1) saturates more sigmoids than N(0, 1/n_in), before training', async (t) => {
  await page.goto(`${server.url}#/initialization?hidden=100,100&images=100&seed=1`);
  await page.waitForSelector(testid('init-sat-sigmoid-gaussian-2'), { timeout: 20_000 });
  const share = {};
  for (const init of ['gaussian', 'scaledGaussian', 'he']) {
    for (const l of [2, 3]) share[`${init}-${l}`] = await attr(page, `init-sat-sigmoid-${init}-${l}`);
  }
  t.diagnostic(`saturated sigmoids (|z| > 6) on 100 digits: ${Object.entries(share).map(([k, v]) => `${k} ${(100 * v).toFixed(1)} %`).join(', ')}`);
  assert.ok(share['gaussian-2'] > share['scaledGaussian-2'], 'layer 2');
  assert.ok(share['gaussian-3'] > share['scaledGaussian-3'], 'layer 3');
  // The core's test (tests/core/lecture_claims.rs) counts σ′ < 1% of its peak on the same net, seed and digits:
  // 48.4% against 0.0%. Its bound is |z| > 5.98, the page's |z| > 6, so a hair fewer here.
  assert.ok(share['gaussian-2'] > 0.45 && share['gaussian-2'] < 0.49, `${share['gaussian-2']}`);
  assert.equal(share['scaledGaussian-2'], 0);
  // Var(z) of layer 2 against n_in Var(w) E[x²] + Var(b): the spread follows the formula (within 25%, one draw of w).
  for (const init of ['gaussian', 'scaledGaussian', 'he']) {
    const measured = await attr(page, `init-varz-sigmoid-${init}-2`);
    const predicted = await attr(page, `init-varz-sigmoid-${init}-2`, 'data-predicted');
    t.diagnostic(`${init}: Var(z) of layer 2 ${measured.toFixed(2)}, predicted ${predicted.toFixed(2)}`);
    assert.ok(Math.abs(measured / predicted - 1) < 0.25, `${init}: ${measured} vs ${predicted}`);
  }
  // ReLU: dead units are reported, as shares.
  const dead = await attr(page, 'init-dead-relu-he-2');
  assert.ok(dead >= 0 && dead <= 1);
  // Histograms: one z and one a per init and hidden layer, drawn.
  assert.equal(await page.locator(`${testid('init-hists')} canvas`).count(), 3 * 2 * 2);
  const drawn = await page.locator(testid('init-hist-z-gaussian-2')).evaluate((c) => c.width > 0 && /values from/.test(c.getAttribute('aria-label')));
  assert.ok(drawn);
  await screenshotsAtSizes(page, 'initialization', async (p) => {
    await p.evaluate(() => document.querySelector('#init-start-title').scrollIntoView({ block: 'start' }));
  });
  // The ReLU view redraws the histograms without rebuilding anything.
  await page.selectOption(testid('act'), 'relu');
  await page.waitForFunction(() => /act=relu/.test(location.hash));
  await page.waitForSelector('[data-testid="init-hists-he"] h3:has-text("ReLU")');
  await noSideScroll(page);
  await screenshotsAtSizes(page, 'initialization-relu', async (p) => {
    await p.evaluate(() => document.querySelector('[data-testid="init-hists"]').scrollIntoView({ block: 'start' }));
  });
});

test('initialization: six starts train side by side; a bad link value is named', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/initialization?epochs=2&seed=2`);
  await page.waitForFunction(() => document.querySelector('[data-testid="init-play"]')?.disabled === false, null, { timeout: 20_000 });
  await page.click(testid('init-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="init-panel"]').dataset.state === 'finished', null, { timeout: 45_000 });
  const rows = await page.locator(`${testid('init-table')} tbody tr`).evaluateAll((trs) => trs.map((r) => [r.dataset.testid, Number(r.dataset.validation), Number(r.dataset.epochs), r.dataset.diverged]));
  t.diagnostic(rows.map(([id, v, , d]) => `${id} ${(100 * v).toFixed(1)} %${d === 'true' ? ' (diverged)' : ''}`).join(', '));
  assert.equal(rows.length, 6);
  const acc = Object.fromEntries(rows.map(([id, v]) => [id.replace('init-row-', ''), v]));
  // ReLU from N(0, 1): activations grow layer by layer and the run goes nowhere; He trains.
  assert.ok(acc['relu-he'] > 0.7, `ReLU He ${acc['relu-he']}`);
  assert.ok(acc['relu-he'] > acc['relu-gaussian'] + 0.2, JSON.stringify(acc));
  await screenshotsAtSizes(page, 'initialization-mnist', async (p) => {
    await p.evaluate(() => document.querySelector('#init-mnist-title').scrollIntoView({ block: 'start' }));
  });
  await page.goto(`${server.url}#/initialization?act=tanh&hidden=0,100`);
  await page.waitForSelector(testid('param-errors'));
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /histograms of \(act\) must be one of sigmoid, relu, got “tanh”/);
  assert.match(errors, /hidden\[0\] must be a whole number between 1 and 200, got “0”/);
});

