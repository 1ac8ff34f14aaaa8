// End-to-end tests of the Playground chapter, as a student uses it: a spiral trains to 90% from a link's seed;
// the same link in a fresh page gives the same weights; three classes give three region colours at the class
// centres (read from the canvas); editing a weight changes the output; bad values are named; each control shows
// its formula; the frame rate of the largest network with every heatmap live is measured (reported, not
// asserted); screenshots at laptop, projector and phone size; no console errors. Each test opens its own link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, testid, text, value } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const ALL_FEATURES = 'x1=1&x2=1&x1sq=1&x2sq=1&x1x2=1&sinx1=1&sinx2=1';
const SPIRAL = `#/playground?dataset=spiral&${ALL_FEATURES}&hidden=8,8&optimizer=adam&eta=0.01&seed=1&speed=100`;

async function open(p, hash) {
  await p.goto(`${server.url}${hash}`);
  await waitForState(p, 'playground', ['idle']);
}

/** Play until `id`'s data-value reaches `target` (or the timeout), then pause; returns the value. */
async function playUntil(p, id, target, timeout = 45_000) {
  await p.click(testid('play'));
  await p.waitForFunction(([i, t]) => Number(document.querySelector(`[data-testid="${i}"]`).dataset.value) >= t,
    [id, target], { timeout, polling: 100 });
  await p.click(testid('pause'));
  return value(p, id);
}

/** The output heatmap's colour at data point (x₁, x₂) (one canvas pixel per grid cell). */
function pixelAt(p, x1, x2) {
  return p.locator(testid('output-heatmap')).evaluate((canvas, [x, y]) => {
    const c = /** @type {HTMLCanvasElement} */ (canvas);
    const gx = Math.floor(((x + 6) / 12) * c.width);
    const gy = Math.floor(((6 - y) / 12) * c.height);
    return Array.from(c.getContext('2d').getImageData(gx, gy, 1, 1).data.slice(0, 3));
  }, [x1, x2]);
}

test('playground: a spiral from the link trains to ≥ 90% test accuracy', { timeout: 60_000 }, async (t) => {
  await open(page, SPIRAL);
  const accuracy = await playUntil(page, 'test-accuracy', 0.9);
  t.diagnostic(`spiral: test accuracy ${accuracy} at epoch ${await text(page, 'epoch')}`);
  assert.ok(accuracy >= 0.9);
});

test('playground: the same link in a fresh page gives the same weights', { timeout: 60_000 }, async () => {
  const link = `#/playground?dataset=moons&noise=0.2&hidden=5,3&seed=7`;
  const run = async (p) => {
    await open(p, link);
    for (let i = 0; i < 25; i++) await p.click(testid('step'));
    const weights = [];
    for (const [l, j, k] of [[2, 0, 0], [3, 2, 4], [4, 1, 2]]) {
      await p.selectOption(testid('weight-l'), String(l));
      await p.selectOption(testid('weight-j'), String(j));
      await p.selectOption(testid('weight-k'), String(k));
      weights.push(await text(p, 'weight-current'));
    }
    return { weights, loss: await value(p, 'train-loss') };
  };
  const first = await run(page);
  const fresh = await browser.newPage();
  const second = await run(fresh);
  await fresh.close();
  await page.bringToFront();
  assert.deepEqual(second, first);
  assert.ok(first.weights.every((w) => w !== '–'));
});

test('playground: three classes give three region colours at their centres', { timeout: 60_000 }, async (t) => {
  await open(page, '#/playground?dataset=kGaussians&classes=3&hidden=4&optimizer=adam&eta=0.03&seed=2&speed=100');
  const accuracy = await playUntil(page, 'test-accuracy', 0.97);
  // The core's class k centre: 4·(cos 2πk/3, sin 2πk/3); the page's class colours (blue, orange, green).
  const palette = [[31, 111, 178], [224, 123, 0], [43, 138, 62]];
  const seen = [];
  for (let k = 0; k < 3; k++) {
    const angle = (2 * Math.PI * k) / 3;
    const rgb = await pixelAt(page, 4 * Math.cos(angle), 4 * Math.sin(angle));
    const distance = palette.map((c) => Math.hypot(c[0] - rgb[0], c[1] - rgb[1], c[2] - rgb[2]));
    const nearest = distance.indexOf(Math.min(...distance));
    t.diagnostic(`class ${k} centre: rgb ${rgb} (nearest colour: class ${nearest}, ${distance[nearest].toFixed(0)} away)`);
    assert.equal(nearest, k);
    assert.ok(distance[k] < 60, `class ${k}'s region is coloured, not pale: ${rgb}`);
    seen.push(nearest);
  }
  assert.equal(new Set(seen).size, 3);
  assert.ok(accuracy >= 0.97);
});

test('playground: editing a weight changes the output', { timeout: 30_000 }, async () => {
  await open(page, '#/playground?seed=3');
  // Click the middle of the line from x₁ to the first neuron of layer 2.
  const a = await page.locator(testid('node-1-1')).boundingBox();
  const b = await page.locator(testid('node-2-1')).boundingBox();
  await page.mouse.click((a.x + a.width / 2 + b.x + b.width / 2) / 2, (a.y + a.height / 2 + b.y + b.height / 2) / 2);
  assert.equal(await page.inputValue(testid('weight-l')), '2');
  assert.equal(await page.inputValue(testid('weight-j')), '0');
  assert.equal(await page.inputValue(testid('weight-k')), '0');
  const before = { loss: await value(page, 'test-loss'), pixel: await pixelAt(page, 5, 0) };
  await page.fill(testid('weight-value'), '6');
  await page.click(testid('weight-set'));
  assert.equal(Number(await text(page, 'weight-current')), 6);
  const after = { loss: await value(page, 'test-loss'), pixel: await pixelAt(page, 5, 0) };
  assert.notEqual(after.loss, before.loss);
  assert.notDeepEqual(after.pixel, before.pixel);
  // The bias of the same neuron.
  await page.selectOption(testid('weight-k'), '-1');
  await page.fill(testid('weight-value'), '-3');
  await page.click(testid('weight-set'));
  assert.equal(Number((await text(page, 'weight-current')).replace('−', '-')), -3);
  assert.notEqual(await value(page, 'test-loss'), after.loss);
  await page.selectOption(testid('weight-k'), '0');
  await page.fill(testid('weight-value'), 'big');
  await page.click(testid('weight-set'));
  assert.match(await text(page, 'weight-error'), /weight w₂₁₁ must be a number between −100 and 100, got “big”/);
});

test('playground: the last hidden layer\'s feature space shows the output\'s decision line', { timeout: 30_000 }, async () => {
  await open(page, '#/playground?dataset=xor&seed=1');
  const caption = await page.locator(`${testid('feature-space')} + figcaption`).innerText();
  assert.match(caption, /hidden layer 3/);
  assert.match(caption, /The line is where the output layer decides/);
});

test('playground: η and the penalty change mid-run, from the weights reached', { timeout: 30_000 }, async () => {
  await open(page, '#/playground?dataset=gaussians&seed=4');
  for (let i = 0; i < 10; i++) await page.click(testid('step'));
  const epoch = await value(page, 'epoch');
  const loss = await value(page, 'train-loss');
  await page.fill(testid('eta'), '0.1');
  await page.press(testid('eta'), 'Tab');
  await page.selectOption(testid('regularization'), 'l2');
  await page.fill(testid('lambda'), '0.5');
  await page.press(testid('lambda'), 'Tab');
  await page.waitForFunction(() => location.hash.includes('lambda=0.5'));
  assert.equal(await value(page, 'epoch'), epoch, 'not reset');
  assert.ok(await value(page, 'train-loss') > loss, 'C = C₀ + λ/2n Σw² now includes the penalty');
  assert.match(page.url(), /eta=0\.1/);
  await page.fill(testid('lambda'), '50');
  await page.press(testid('lambda'), 'Tab');
  assert.match(await text(page, 'param-errors'), /regularization rate \(lambda\) must be a number between 0 and 10/);
});

test('playground: a bad link or field value gets a message naming it', { timeout: 30_000 }, async () => {
  await open(page, '#/playground?noise=7&hidden=9,2&colour=red');
  const errors = await page.locator(`${testid('param-errors')} li`).allInnerTexts();
  assert.ok(errors.some((e) => /noise.*between 0 and 0\.5.*“7”/.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /hidden\[0\].*between 1 and 8.*“9”/.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /“colour”/.test(e)), errors.join(' | '));
  await page.fill(testid('eta'), 'fast');
  await page.locator(testid('eta')).blur();
  assert.match(await text(page, 'param-errors'), /learning rate \(eta\) must be a number/);
  await open(page, '#/playground?problem=regression&dataset=spiral');
  assert.match(await text(page, 'param-errors'), /dataset spiral is a classification set, but problem type is regression/);
});

test('playground: each control shows its formula on focus', { timeout: 30_000 }, async () => {
  await open(page, '#/playground?regularization=l2&lambda=0.01');
  await page.focus(testid('lambda'));
  const formula = await page.locator(`${testid('control-formula')} .katex-mathml`).textContent();
  assert.match(formula.replace(/\s+/g, ''), /C=C0\+λ2n∑ww2/);
  await page.focus(testid('eta'));
  assert.match(await text(page, 'control-formula'), /learning rate/);
});

test('playground: frames per second, 6 × 8 with every heatmap live', { timeout: 30_000 }, async (t) => {
  await open(page, `#/playground?dataset=spiral&${ALL_FEATURES}&hidden=8,8,8,8,8,8&speed=5`);
  await page.click(testid('play'));
  await page.waitForTimeout(3000);
  const fps = await value(page, 'fps');
  await page.click(testid('pause'));
  t.diagnostic(`6 × 8 network, 7 features, 57 heatmaps of 40 × 40 live: ${fps.toFixed(1)} frames/s`);
  console.log(`playground fps (6 × 8, all heatmaps): ${fps.toFixed(1)}`);
  assert.ok(fps > 0);
});

test('playground: screenshots at laptop, projector and phone size', { timeout: 60_000 }, async () => {
  await open(page, `#/playground?dataset=kSpiral&classes=3&${ALL_FEATURES}&hidden=8,6,4&optimizer=adam&eta=0.01&showTest=1&speed=100`);
  await playUntil(page, 'epoch', 20);
  const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(noScroll, 'no horizontal scroll at 1366');
  await screenshotsAtSizes(page, 'playground');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll on a phone');
  await screenshotsAtSizes(page, 'playground-space', (p) => p.locator(testid('feature-space')).scrollIntoViewIfNeeded());
  await page.setViewportSize({ width: 1366, height: 900 });
});


test('playground: the links from XOR, activations and regularization open it with their settings, none refused', { timeout: 60_000 }, async () => {
  const from = [['xor', 'dataset=xor'], ['activations', 'activation=relu'], ['regularization', 'regularization=l2']];
  for (const [chapter, setting] of from) {
    await page.goto(`${server.url}#/${chapter}`);
    const link = page.locator(`.chapter[data-chapter="${chapter}"] a[href^="#/playground?"]`).first();
    const href = await link.getAttribute('href');
    assert.ok(href.includes(setting), `${chapter} links to ${href}`);
    await link.click();
    await waitForState(page, 'playground', ['idle', 'paused']);
    assert.ok(decodeURIComponent(page.url()).includes(setting), `${chapter}: ${page.url()}`);
    assert.equal(await page.locator(`.chapter[data-chapter="playground"] ${testid('param-errors')} li`).count(), 0,
      `${chapter}'s link is accepted as it is`);
  }
});
