// Offline after the first visit: the service worker precaches the app and caches MNIST when it is first
// loaded; with the network off, a second visit works fully. A new deploy (a changed sw.js) installs beside
// the running version and the page offers "a new version is ready — reload" instead of swapping itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForState, testid } from './helpers.mjs';

let server;
let browser;
let page;
let deploy = 1;

before(async () => {
  // The second "deploy" changes sw.js's bytes, as a new build's version would.
  server = await startServer(undefined, '/', {
    transform: (rel, bytes) => (rel === 'sw.js' ? Buffer.concat([bytes, Buffer.from(`\n// deploy ${deploy}\n`)]) : bytes),
  });
  browser = await launchBrowser({ serviceWorkers: 'allow' });
  page = await browser.newPage({ allow: [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/] });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const controlled = (p) => p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

test('offline: a second visit with the network off works, MNIST included', { timeout: 90_000 }, async () => {
  await page.goto(`${server.url}#/xor`);
  await waitForState(page, 'xor', ['idle']);
  await controlled(page);
  await page.goto(`${server.url}#/mnist?data=sample`);
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');

  await browser.context.setOffline(true);
  await page.goto('about:blank');
  await page.goto(`${server.url}#/perceptron`);
  await waitForState(page, 'perceptron', ['idle']);
  assert.ok(await page.locator('.katex').count() > 0, 'KaTeX from the cache');
  await page.goto(`${server.url}#/mnist?data=sample`);
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
  await page.click(`.chapter[data-chapter="mnist"] ${testid('step')}`);
  const loss = Number(await page.locator(`.chapter[data-chapter="mnist"] ${testid('loss')}`).getAttribute('data-value'));
  assert.ok(Number.isFinite(loss) && loss > 0, `a step offline: loss ${loss}`);
  await browser.context.setOffline(false);
});

test('offline: a new deploy says "a new version is ready" and reloads only when asked', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}#/xor?seed=8`);
  await waitForState(page, 'xor', ['idle']);
  await controlled(page);
  deploy = 2;
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.locator(testid('update-banner'));
  await banner.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await banner.innerText(), /new version .* ready/);
  assert.equal(await page.locator(testid('seed')).inputValue(), '8', 'nothing reloaded by itself');
  await Promise.all([page.waitForEvent('load'), banner.locator('button').click()]);
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await page.locator(testid('seed')).inputValue(), '8', 'the link kept the settings');
  assert.equal(await page.locator(testid('update-banner')).count(), 0);
});

test('no console errors beyond the offline network failures', () => {
  assert.deepEqual(browser.problems, []);
});
