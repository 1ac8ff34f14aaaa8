// Offline after the first visit: the service worker precaches the app and caches MNIST when it is first
// loaded; with the network off, a second visit works fully. A new deploy (a changed sw.js) installs beside
// the running version and the page offers "a new version is ready — reload" instead of swapping itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { useSite, waitForState, testid, numberAt } from './helpers.mjs';

let server;
let browser;
let page;
let deploy = 1;
/** What the server sent: files, bytes as served, and bytes as a gzipping host (GitHub Pages) would send them. */
const served = { files: 0, bytes: 0, gzipped: 0 };
const weigh = (rel, bytes) => {
  served.files += 1;
  served.bytes += bytes.length;
  served.gzipped += rel.endsWith('.gz') || rel.endsWith('.png') ? bytes.length : zlib.gzipSync(bytes).length;
  return bytes;
};
// The second "deploy" changes sw.js's bytes, as a new build's version would.
useSite((site) => ({ server, browser, page } = site), {
  serviceWorkers: 'allow',
  allow: [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/],
  transform: (rel, bytes) => weigh(rel, rel === 'sw.js' ? Buffer.concat([bytes, Buffer.from(`\n// deploy ${deploy}\n`)]) : bytes),
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
  const loss = await numberAt(page, `.chapter[data-chapter="mnist"] ${testid('loss')}`);
  assert.ok(Number.isFinite(loss) && loss > 0, `a step offline: loss ${loss}`);
  await browser.context.setOffline(false);
});

test('offline: a new deploy says "a new version is ready" and reloads only when asked', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}#/xor?seed=8`);
  await waitForState(page, 'xor', ['idle']);
  await controlled(page);
  deploy += 1;
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

test('offline: the first visit fetches the app once; a cached second visit fetches almost nothing', { timeout: 90_000 }, async (t) => {
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  Object.assign(served, { files: 0, bytes: 0, gzipped: 0 });
  await page.goto(`${server.url}#/mnist?data=sample`);
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
  await controlled(page);
  // The precache finishes installing before the worker takes control, so everything it fetches is counted.
  const first = { ...served };
  t.diagnostic(`first visit: ${first.files} files, ${kb(first.bytes)} as served, ${kb(first.gzipped)} gzipped`);
  Object.assign(served, { files: 0, bytes: 0, gzipped: 0 });
  await page.goto('about:blank');
  await page.goto(`${server.url}#/mnist?data=sample`);
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
  const second = { ...served };
  t.diagnostic(`cached second visit: ${second.files} files, ${kb(second.bytes)} as served, ${kb(second.gzipped)} gzipped`);
  assert.ok(first.bytes > 500_000, `the first visit fetched the app, the wasm and the sample: ${first.bytes} bytes`);
  // At most the browser's update check of sw.js (and index.html, which a navigation revalidates) goes to the network.
  assert.ok(second.bytes < first.bytes / 20, `the second visit fetched ${second.bytes} bytes of ${first.bytes}`);
});
