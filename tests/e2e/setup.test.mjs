// End-to-end tests of the chapter "Setting up the network": step 1 is the slide's setting — Nielsen's
// network2.Network([784, 10]) on 1,000 training images, λ = 20, evaluated on 100 validation images — and prints
// his log lines; η = 100 stays at chance as in the slide's first log while η = 1 learns; step 3's threshold η is
// the largest η whose logged training cost fell every epoch; screenshots; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const stepDone = (p, id) => p.waitForFunction((s) => document.querySelector(`[data-step="${s}"]`)?.dataset.state === 'finished', id,
  { timeout: 60_000, polling: 100 });

test('setup: the first run is the slide’s — 1,000 images, 100 validation — and shows its log', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/setup?epochs=3`);
  await page.waitForFunction(() => document.querySelector('[data-testid="run-small"]')?.disabled === false, null, { timeout: 30_000 });
  await page.click(testid('run-small'));
  await stepDone(page, 'small');
  const step = page.locator(testid('step-small'));
  assert.equal(await step.getAttribute('data-n-train'), '1000');
  assert.equal(await step.getAttribute('data-n-validation'), '100');
  const log = await page.locator(testid('small-log-0')).innerText();
  t.diagnostic(log);
  assert.match(log, /# η = 100: training on 1,000 images, evaluating on 100 validation images/);
  const lines = [...log.matchAll(/Epoch (\d+) training complete\nAccuracy on evaluation data: (\d+) \/ 100/g)];
  assert.deepEqual(lines.map((m) => Number(m[1])), [0, 1, 2]);
  // The slide: with λ = 20, η = 100 gets nowhere (10 / 100, chance); with η = 1 the network learns.
  const at100 = lines.map((m) => Number(m[2]));
  assert.ok(at100.every((c) => c <= 20), `η = 100: ${at100}`);

  await page.selectOption(testid('eta'), '1');
  await page.click(testid('run-small'));
  await stepDone(page, 'small');
  const log1 = await page.locator(testid('small-log-1')).innerText();
  t.diagnostic(log1);
  const at1 = [...log1.matchAll(/Accuracy on evaluation data: (\d+) \/ 100/g)].map((m) => Number(m[1]));
  assert.equal(at1.length, 3);
  assert.ok(Math.max(...at1) >= 40, `η = 1: ${at1}`);
  // The first log is still there beside it.
  assert.match(await page.locator(testid('small-log-0')).innerText(), /# η = 100/);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshotsAtSizes(page, 'setup', async (p) => {
    await p.evaluate(() => document.querySelector('#step-small-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(browser.problems, []);
});

test('setup: the threshold η is the largest whose training cost fell in every epoch', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/setup?etas=0.25,2.5,25`);
  await page.waitForFunction(() => document.querySelector('[data-testid="run-eta"]')?.disabled === false, null, { timeout: 30_000 });
  await page.click(testid('run-eta'));
  await stepDone(page, 'eta');
  const etas = [0.25, 2.5, 25];
  const falls = [];
  for (const [i, eta] of etas.entries()) {
    const log = await page.locator(testid(`eta-log-${i}`)).innerText();
    assert.match(log, new RegExp(`# η = ${eta}: training on 10,000 images, evaluating on 1,000 validation images`));
    const costs = [...log.matchAll(/Cost on training data: ([\d.e−-]+)/g)].map((m) => Number(m[1].replace('−', '-')));
    assert.equal(costs.length, 5, log);
    falls.push(costs.every((c, k) => k === 0 || c < costs[k - 1]));
    t.diagnostic(`η = ${eta}: training cost ${costs.join(', ')}`);
  }
  const threshold = Math.max(...etas.filter((_, i) => falls[i]));
  const verdict = await page.locator(testid('eta-verdict')).innerText();
  t.diagnostic(verdict);
  assert.match(verdict, new RegExp(`up to η = ${threshold}: .* try η ≈ ${threshold / 2}\\.`));
  await screenshotsAtSizes(page, 'setup-eta', async (p) => {
    await p.evaluate(() => document.querySelector('#step-eta-title').scrollIntoView({ block: 'start' }));
  });
  assert.deepEqual(browser.problems, []);
});

test('setup: raising λ from 0 narrows the gap between training and validation accuracy', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/setup?lambdas=0,10`);
  await page.waitForFunction(() => document.querySelector('[data-testid="run-lambda"]')?.disabled === false, null, { timeout: 30_000 });
  await page.click(testid('run-lambda'));
  await stepDone(page, 'lambda');
  const gaps = [];
  for (const i of [0, 1]) {
    const log = await page.locator(testid(`lambda-log-${i}`)).innerText();
    const train = [...log.matchAll(/Accuracy on training data: (\d+) \/ 1000/g)].map((m) => Number(m[1]));
    const valid = [...log.matchAll(/Accuracy on evaluation data: (\d+) \/ 1000/g)].map((m) => Number(m[1]));
    assert.equal(train.length, 15);
    assert.equal(valid.length, 15);
    gaps.push(train.at(-1) - valid.at(-1));
    t.diagnostic(`λ = ${[0, 10][i]}: training ${train.at(-1)} / 1000, validation ${valid.at(-1)} / 1000`);
  }
  // Without regularization 1,000 images are learnt by heart: the gap is overfitting, and λ narrows it.
  assert.ok(gaps[0] > 40, `gap at λ = 0: ${gaps[0]}`);
  assert.ok(gaps[1] < gaps[0], `gaps ${gaps}`);
  assert.deepEqual(browser.problems, []);
});
