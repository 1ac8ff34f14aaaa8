// End-to-end tests of the built site (dist/) in headless Chromium: the app shell, the XOR chapter,
// MNIST training, form validation, data errors, screenshots — and no console errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, launchBrowser, waitForState, screenshot } from './helpers.mjs';

let server;
let browser;
let page; // the main tab, shared by the tests in order

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const testid = (id) => `[data-testid="${id}"]`;
const text = (p, id) => p.locator(testid(id)).first().innerText();
const value = async (p, id) => Number(await p.locator(testid(id)).first().getAttribute('data-value'));

test('shell: default route, chapters in lecture order, unbuilt ones disabled', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => location.hash === '#/xor');
  await waitForState(page, 'xor', ['idle']);
  const items = await page.locator('#toc li').allInnerTexts();
  assert.equal(items.length, 18);
  assert.match(items[0], /Perceptron/);
  assert.match(items[3], /XOR/);
  assert.match(items[4], /digits/);
  assert.match(items[17], /Hyperparameter/);
  assert.equal(await page.locator('#toc a').count(), 2, 'only XOR and MNIST are links');
  assert.equal(await page.locator('#toc [aria-disabled="true"]').count(), 16);
  await page.goto(`${server.url}#/sgd`);
  await page.waitForSelector('.chapter[data-state="soon"]');
  assert.match(await page.locator('h1').innerText(), /Stochastic gradient descent/);
});

test('XOR: the lecture network outputs 0, 1, 1, 0', async () => {
  await page.goto(`${server.url}#/xor`);
  await waitForState(page, 'xor', ['idle']);
  const outputs = await page.locator(testid('lecture-output')).evaluateAll((cells) => cells.map((c) => Number(c.dataset.value)));
  assert.equal(outputs.length, 4);
  [0, 1, 1, 0].forEach((want, i) => assert.ok(Math.abs(outputs[i] - want) < 1e-5, `output ${i}: ${outputs[i]} ≠ ${want}`));
  const shown = await page.locator(testid('lecture-output')).allInnerTexts();
  assert.deepEqual(shown, ['0', '1', '1', '0']);
  assert.match(await text(page, 'lecture-params'), /W\s*1/);
});

test('XOR: gradient descent from random weights gets all four points right', { timeout: 120_000 }, async (t) => {
  const tried = [];
  for (let seed = 1; seed <= 12; seed++) {
    await page.goto(`${server.url}#/xor?seed=${seed}&speed=100`);
    await waitForState(page, 'xor', ['idle']);
    await page.click(testid('play'));
    const state = await waitForState(page, 'xor', ['finished', 'stuck', 'diverged'], 60_000);
    const steps = await text(page, 'steps');
    tried.push(`seed ${seed}: ${state} after ${steps} steps`);
    if (state === 'stuck') assert.match(await text(page, 'status'), /local minimum.*another seed/i);
    if (state !== 'finished') continue;
    assert.equal(await page.locator(testid('correct')).getAttribute('data-value'), '4');
    assert.match(await text(page, 'status'), /All four points are right/);
    const marks = await page.locator(`${testid('train-table')} .mark`).allInnerTexts();
    assert.deepEqual(marks, ['✓', '✓', '✓', '✓']);
    // Playing on descends until the loss stops falling.
    const lossAtFinish = await value(page, 'loss');
    await page.click(testid('play'));
    assert.equal(await waitForState(page, 'xor', ['converged', 'stuck', 'diverged'], 60_000), 'converged');
    const lossAtEnd = await value(page, 'loss');
    assert.ok(lossAtEnd < lossAtFinish / 100, `the loss kept falling: ${lossAtFinish} → ${lossAtEnd}`);
    assert.equal(await page.locator(testid('correct')).getAttribute('data-value'), '4');
    break;
  }
  const line = `XOR: ${tried.join('; ')}`;
  t.diagnostic(line);
  assert.match(tried.at(-1), /finished/, 'no seed in 1..12 reached 4/4');
});

test('MNIST: downloads the full data, trains one epoch, test accuracy ≥ 80%', { timeout: 300_000 }, async (t) => {
  const downloads = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.gz')) downloads.push(request.url());
  });
  await page.goto(`${server.url}#/mnist?epochs=1`);
  assert.equal(await page.locator(testid('epochs')).inputValue(), '1', 'the URL prefills the form');
  await waitForState(page, 'mnist', ['ready', 'error'], 120_000);
  assert.equal(await page.locator(testid('data-error')).isHidden(), true, await text(page, 'data-error').catch(() => ''));
  const progress = page.locator(testid('progress'));
  assert.equal(await progress.getAttribute('data-done'), 'true');
  assert.equal(await progress.evaluate((p) => p.value === p.max), true);
  assert.match(await text(page, 'data-status'), /60,000 training and 10,000 test images/);
  assert.equal(await page.locator(`${testid('digits')} figure`).count(), 24);

  await page.click(testid('play'));
  await waitForState(page, 'mnist', ['training']);
  const state = await waitForState(page, 'mnist', ['finished', 'diverged', 'paused'], 240_000);
  assert.equal(state, 'finished', await text(page, 'status'));

  const log = await text(page, 'log');
  const match = log.match(/^Epoch 0: (\d+) \/ 10000$/m);
  assert.ok(match, `no "Epoch 0: N / 10000" line in the log:\n${log}`);
  const accuracy = Number(await page.locator(testid('accuracy')).getAttribute('data-value'));
  assert.equal(accuracy, Number(match[1]) / 10000);
  const stats = await page.locator(testid('stats')).evaluate((el) => ({ ...el.dataset }));
  const fps = await page.locator(testid('fps')).getAttribute('data-fps');
  const report = `MNIST 1 epoch (784-30-10 sigmoid, quadratic, η=3, m=10): test accuracy ${(100 * accuracy).toFixed(2)}% ` +
    `(${match[1]} / 10000); epoch wall time ${(stats.epochWallMs / 1000).toFixed(2)} s, ` +
    `compute ${(stats.epochComputeMs / 1000).toFixed(2)} s, ${stats.epochFps} fps over the epoch, last fps reading ${fps}`;
  t.diagnostic(report);
  assert.ok(accuracy >= 0.8, `test accuracy ${accuracy} < 0.8`);
  assert.ok(Number(stats.epochFps) > 0 && Number(fps) > 0, 'fps was measured');
  const wrong = await page.locator(`${testid('digits')} figure.wrong`).count();
  const right = await page.locator(`${testid('digits')} figure.right`).count();
  assert.equal(wrong + right, 24, 'every digit has a guess');
  await screenshot(page, 'mnist.png');

  // Leaving and coming back keeps the data: no second download.
  assert.equal(downloads.length, 4, downloads.join(', '));
  await page.click('#toc a[href="#/xor"]');
  await waitForState(page, 'xor', ['idle']);
  await page.goBack();
  await waitForState(page, 'mnist', ['ready'], 10_000);
  assert.equal(downloads.length, 4, 'the data was downloaded again');
});

test('MNIST: the page is usable while the data loads', { timeout: 60_000 }, async () => {
  const p = await browser.newPage();
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await p.route('**/data/mnist/train-images-idx3-ubyte.gz', async (route) => {
    await gate;
    await route.continue();
  });
  await p.goto(`${server.url}#/mnist`);
  await waitForState(p, 'mnist', ['loading']);
  assert.equal(await p.locator(testid('play')).isDisabled(), true);
  await p.selectOption(testid('cost'), 'crossEntropy');
  assert.match(await p.locator(testid('formulas')).innerText(), /ln/);
  await p.fill(testid('epochs'), '2');
  release();
  await waitForState(p, 'mnist', ['ready'], 60_000);
  assert.equal(await p.locator(testid('epochs')).inputValue(), '2');
  assert.match(await p.locator(testid('log')).innerText(), /crossEntropy cost.*2 epochs/);
  await p.close();
});

test('MNIST: a diverging run stops with a message and the page stays usable', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}#/mnist?data=sample&hidden=relu&output=identity&eta=100`);
  await waitForState(page, 'mnist', ['ready'], 60_000);
  await page.click(testid('play'));
  assert.equal(await waitForState(page, 'mnist', ['diverged', 'finished'], 30_000), 'diverged');
  assert.match(await text(page, 'status'), /diverged \(loss is not finite\) — lower η/);
  assert.equal(await page.locator(testid('play')).isDisabled(), true);
  await page.fill(testid('eta'), '0.01');
  await page.click(testid('reset'));
  assert.equal(await waitForState(page, 'mnist', ['ready']), 'ready');
  await page.click(testid('step'));
  assert.ok(Number.isFinite(await value(page, 'loss')));
});

test('MNIST: invalid settings show a message naming the field; the run survives; training works after the fix', { timeout: 120_000 }, async () => {
  await page.goto(`${server.url}#/mnist?data=sample`);
  await waitForState(page, 'mnist', ['ready'], 60_000);
  await page.click(testid('step'));
  await waitForState(page, 'mnist', ['paused']);
  const lossBefore = await value(page, 'loss');
  assert.ok(Number.isFinite(lossBefore) && lossBefore > 0, `loss after one step: ${lossBefore}`);

  const error = page.locator(testid('form-error'));
  await page.fill(testid('eta'), '-1');
  await page.click(testid('reset'));
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /\beta\b.*-1/);
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(await page.locator(testid('eta')).getAttribute('aria-invalid'), 'true');
  assert.equal(await value(page, 'loss'), lossBefore, 'the current run is kept');
  assert.equal(await waitForState(page, 'mnist', ['paused']), 'paused');

  await page.fill(testid('sizes'), '784, 0, 10');
  await page.click(testid('reset'));
  const both = await error.innerText();
  assert.match(both, /\beta\b/);
  assert.match(both, /sizes\[1\]/);

  await page.fill(testid('sizes'), '784, abc, 10');
  await page.click(testid('reset'));
  assert.match(await error.innerText(), /sizes\[1\].*abc/);

  await page.fill(testid('sizes'), '784, 30, 10');
  await page.fill(testid('eta'), '3.0');
  await page.click(testid('reset'));
  await error.waitFor({ state: 'hidden' });
  assert.equal(await waitForState(page, 'mnist', ['ready']), 'ready');
  assert.equal(await text(page, 'loss'), '–', 'a new run starts with no loss yet');
  for (let i = 0; i < 3; i++) await page.click(testid('step'));
  const loss = await value(page, 'loss');
  assert.ok(Number.isFinite(loss) && loss > 0, `loss after three steps: ${loss}`);
  assert.equal(await page.locator(testid('eta')).getAttribute('aria-invalid'), null);

  // Playing on from there still works.
  await page.click(testid('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="batch"]').textContent.split('/')[0].replace(/,/g, '')) > 10);
  await page.click(testid('pause'));
  assert.equal(await waitForState(page, 'mnist', ['paused']), 'paused');
});

test('MNIST: a broken or missing data file shows its error in the page, which keeps working', { timeout: 120_000 }, async () => {
  const cases = [
    { file: 'train-labels-idx1-ubyte.gz', body: Buffer.from('this is not gzip'), want: /train-labels-idx1-ubyte\.gz.*gzip/i },
    { file: 'train-images-idx3-ubyte.gz', body: zlib.gzipSync(Buffer.alloc(1000, 7)), want: /train.?images/i },
    { file: 't10k-labels-idx1-ubyte.gz', status: 404, want: /t10k-labels-idx1-ubyte\.gz.*404/ },
  ];
  for (const c of cases) {
    const p = await browser.newPage({ allow: [/Failed to load resource.*404/] });
    await p.route(`**/data/mnist/${c.file}`, (route) =>
      route.fulfill({ status: c.status || 200, contentType: 'application/octet-stream', body: c.body || 'missing' }));
    await p.goto(`${server.url}#/mnist`);
    assert.equal(await waitForState(p, 'mnist', ['error', 'ready'], 60_000), 'error');
    const message = await p.locator(testid('data-error')).innerText();
    assert.match(message, c.want);
    assert.equal(await p.locator(testid('play')).isDisabled(), true);
    // The rest of the page still works.
    await p.click('#toc a[href="#/xor"]');
    await waitForState(p, 'xor', ['idle']);
    assert.equal(await p.locator(testid('lecture-output')).count(), 4);
    await p.close();
  }
});

test('screenshots: XOR and MNIST on a laptop and a phone', { timeout: 180_000 }, async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.url}#/xor?speed=100`);
  await waitForState(page, 'xor', ['idle']);
  await page.click(testid('play'));
  await waitForState(page, 'xor', ['finished', 'stuck', 'diverged']);
  await page.click(testid('play'));
  await waitForState(page, 'xor', ['converged', 'stuck', 'diverged']);
  await screenshot(page, 'xor.png');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}#/xor`);
  await waitForState(page, 'xor', ['idle']);
  await screenshot(page, 'xor-phone.png');
  await page.click(testid('menu-toggle'));
  await page.waitForSelector('#toc a', { state: 'visible' });
  await screenshot(page, 'menu-phone.png', { fullPage: false });
  await page.click('#toc a[href="#/mnist"]');
  await waitForState(page, 'mnist', ['ready'], 60_000);
  await page.fill(testid('epochs'), '1');
  await page.click(testid('reset'));
  for (let i = 0; i < 20; i++) await page.click(testid('step'));
  await screenshot(page, 'mnist-phone.png');
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('no console errors and no uncaught page errors in any test', () => {
  assert.deepEqual(browser.problems, []);
});
