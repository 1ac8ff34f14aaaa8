// A wasm trap must never leave the page broken: the page notices it, says so once, starts a fresh
// instance of the module, rebuilds the data from the bytes it already downloaded, and reloads the
// chapter with the settings in its link. The trap is a deliberate panic (`trapForTesting`), raised
// the way a real bug's would be: from a callback the page does not catch, and from inside a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, testid, text, numberAt } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const steps = async (p) => Number((await text(p, 'steps')).replace(/,/g, ''));
/** Trap the module from a timer, as an uncaught error. */
const trapFromTimer = (p) => p.evaluate(() => import('./js/wasm.js').then((m) => setTimeout(() => m.trapForTesting())));

/** The only errors on the page are the deliberate trap's (the panic message and the uncaught trap); taken, so they do not fail the test. */
function onlyTheTrap() {
  const problems = browser.takeProblems();
  assert.ok(problems.length >= 1, 'the trap was logged');
  for (const problem of problems) assert.match(problem, /trapForTesting|unreachable/);
}

test('recovery: a trap outside any run restarts the module; the chapter comes back with its link’s settings', async () => {
  await page.goto(`${server.url}#/xor?seed=5&eta=0.05`);
  await waitForState(page, 'xor', ['idle']);
  for (let i = 0; i < 3; i++) await page.click(testid('step'));
  await trapFromTimer(page);
  const banner = page.locator(testid('engine-banner'));
  await banner.waitFor({ state: 'visible' });
  await page.waitForFunction(() => /restarted/.test(document.querySelector('[data-testid="engine-banner"]').textContent));
  assert.match(await banner.innerText(), /stopped \(RuntimeError: unreachable\)/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await page.locator(testid('seed')).inputValue(), '5');
  assert.equal(await page.locator(testid('eta')).inputValue(), '0.05');
  await page.click(testid('step'));
  assert.equal(await steps(page), 1, 'the fresh module trains');
  assert.equal(await page.locator(testid('engine-banner')).count(), 1, 'said once');
  onlyTheTrap();
});

test('recovery: a trap during MNIST training; the data is rebuilt without downloading it again', { timeout: 60_000 }, async () => {
  const downloads = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.gz')) downloads.push(r.url());
  });
  await page.goto(`${server.url}#/mnist?data=sample&epochs=1`);
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
  const before = downloads.length;
  await page.click(`.chapter[data-chapter="mnist"] ${testid('step')}`);
  await trapFromTimer(page);
  await page.waitForFunction(() => /restarted/.test(document.querySelector('[data-testid="engine-banner"]')?.textContent || ''));
  await page.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
  assert.equal(downloads.length, before, 'no second download');
  await page.click(`.chapter[data-chapter="mnist"] ${testid('step')}`);
  const loss = await numberAt(page, `.chapter[data-chapter="mnist"] ${testid('loss')}`);
  assert.ok(Number.isFinite(loss) && loss > 0, `loss after a step on the fresh module: ${loss}`);
  // Other chapters work too.
  await page.click('#toc a[href="#/perceptron"]');
  await waitForState(page, 'perceptron', ['idle']);
  onlyTheTrap();
});
