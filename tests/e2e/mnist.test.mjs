// End-to-end tests of the MNIST chapter (dist/) in headless Chromium: one epoch on the full data, the page while
// the data loads, divergence, bad settings (typed and in the link), broken data files, links that reproduce a run,
// Back / Forward, leaving and coming back mid-run, the keyboard, presets, every setting reaching the Trainer,
// the fps meter against frames counted here, the charts' curves drawn, screenshots — and no console errors. Only
// the first test uses the full data; the others use data=sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { useSite, waitForState, screenshot, screenshotsAtSizes, inViewport, testid, numberAt, countColour } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const chapter = '.chapter[data-chapter="mnist"]';
const inChapter = (id) => `${chapter} ${testid(id)}`;
const text = (p, id) => p.locator(inChapter(id)).first().innerText();
const value = (p, id) => numberAt(p, inChapter(id));
const lossText = (p) => p.locator(inChapter('loss')).first().getAttribute('data-value');
const batchesDone = (p) => p.locator(inChapter('batch')).innerText().then((t) => Number(t.split('/')[0].replace(/,/g, '')) || 0);
const field = (p, name) => p.locator(`${chapter} [name="${name}"]`);
const errors = (p) => p.locator(inChapter('param-errors'));

/** Wait until the digits are in (data-data = ready | error). */
async function waitForData(p, timeout = 60_000) {
  const handle = await p.waitForFunction(
    (sel) => ['ready', 'error'].includes(document.querySelector(sel)?.dataset.data) && document.querySelector(sel).dataset.data,
    chapter, { timeout, polling: 100 });
  return handle.jsonValue();
}

/** Go to the XOR chapter through the menu (whatever state that chapter is in, it is not MNIST's business). */
async function leaveToXor(p) {
  await p.click('#toc a[href="#/xor"]');
  await p.waitForFunction(() => location.hash.startsWith('#/xor') && !document.querySelector('.chapter[data-chapter="mnist"]')
    && /XOR/.test(document.querySelector('main h1, #main h1, h1')?.textContent || ''));
}

/** The chapter on the sample data. */
async function openSample(p, query = '') {
  await p.goto(`${server.url}#/mnist?data=sample${query ? `&${query}` : ''}`);
  assert.equal(await waitForData(p), 'ready');
}

/**
 * The test's own frame meter, started before Play so that in every frame its callback runs before the run's:
 * it counts animation frames with their timestamps, notes the count beside each fps reading the chapter
 * publishes while running, and the count when the run leaves `running`.
 */
function countFrames(p) {
  return p.evaluate(([root, fps]) => {
    const meter = { frames: 0, at: 0, readings: [], end: null };
    const tick = (now) => {
      meter.frames += 1;
      meter.at = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const chapter = document.querySelector(root);
    const el = document.querySelector(fps);
    new MutationObserver(() => {
      // A reading made as the run stops is over a part of a frame: only the readings taken while running count.
      if (chapter.dataset.state === 'running') meter.readings.push({ fps: Number(el.dataset.fps), frames: meter.frames, at: meter.at });
    }).observe(el, { attributes: true, attributeFilter: ['data-fps'] });
    new MutationObserver(() => {
      if (chapter.dataset.state !== 'running' && meter.end === null) meter.end = meter.frames;
    }).observe(chapter, { attributes: true, attributeFilter: ['data-state'] });
    window.__meter = meter;
  }, [chapter, inChapter('fps')]);
}

/**
 * The chapter's fps readings against the test's own meter: between two readings the chapter counted exactly the
 * frames counted here, fps × Δt = Δframes (Δt from the frames' timestamps; a reading has one decimal).
 */
async function checkFpsReadings(p, t) {
  const meter = await p.evaluate(() => window.__meter);
  const pairs = meter.readings.slice(1).map((r, i) => ({
    fps: r.fps, frames: r.frames - meter.readings[i].frames, ms: r.at - meter.readings[i].at,
  }));
  t.diagnostic(`fps readings while running: ${meter.readings.map((r) => r.fps).join(', ')}; frames counted by the test ${meter.frames}`);
  assert.ok(pairs.length >= 3, `only ${meter.readings.length} fps readings while running`);
  for (const q of pairs) {
    assert.ok(Math.abs((q.fps * q.ms) / 1000 - q.frames) <= 0.5,
      `the chapter read ${q.fps} fps over ${q.ms.toFixed(1)} ms, the test counted ${q.frames} frames`);
  }
}

/** The palette's series colours (the curves' colours). */
const seriesColours = (p) => p.evaluate(() => import('./js/views/canvas.js').then((m) => m.colors.series));

test('MNIST: downloads the full data, trains one epoch, test accuracy ≥ 80%', { timeout: 300_000 }, async (t) => {
  const downloads = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.gz')) downloads.push(request.url());
  });
  await page.goto(`${server.url}#/mnist?epochs=1`);
  assert.equal(await field(page, 'epochs').inputValue(), '1', 'the URL prefills the form');
  assert.equal(await waitForData(page, 120_000), 'ready', await text(page, 'data-error').catch(() => ''));
  const progress = page.locator(inChapter('progress'));
  assert.equal(await progress.getAttribute('data-done'), 'true');
  assert.equal(await progress.evaluate((el) => el.value === el.max), true);
  assert.match(await text(page, 'data-status'), /60,000 training and 10,000 test images/);
  assert.equal(await page.locator(`${inChapter('digits')} figure`).count(), 24);
  assert.equal(await waitForState(page, 'mnist', ['idle']), 'idle');

  await countFrames(page);
  await page.click(inChapter('play'));
  await waitForState(page, 'mnist', ['running']);
  const state = await waitForState(page, 'mnist', ['finished', 'diverged', 'paused'], 240_000);
  assert.equal(state, 'finished', await text(page, 'status'));

  const log = await text(page, 'log');
  const match = log.match(/^Epoch 0: (\d+) \/ 10000$/m);
  assert.ok(match, `no "Epoch 0: N / 10000" line in the log:\n${log}`);
  const accuracy = await value(page, 'accuracy');
  assert.equal(accuracy, Number(match[1]) / 10000);
  const stats = await page.locator(inChapter('stats')).evaluate((el) => ({ ...el.dataset }));
  const fps = await page.locator(inChapter('fps')).getAttribute('data-fps');
  const ratio = Number(stats.epochWallMs) / Number(stats.epochComputeMs);
  t.diagnostic(`MNIST 1 epoch (784-30-10 sigmoid, quadratic, η=3, m=10): test accuracy ${(100 * accuracy).toFixed(2)}% ` +
    `(${match[1]} / 10000); epoch wall time ${(stats.epochWallMs / 1000).toFixed(2)} s, ` +
    `compute ${(stats.epochComputeMs / 1000).toFixed(2)} s (wall/compute ${ratio.toFixed(2)}), ` +
    `${stats.epochFps} fps over the epoch, last fps reading ${fps}; evaluation ${stats.epochEvalMs} ms`);
  assert.ok(accuracy >= 0.8, `test accuracy ${accuracy} < 0.8`);

  const meter = await page.evaluate(() => window.__meter);
  // The epoch's rate counts its training frames: at most every frame the run had, and most of them (the rest
  // evaluate the epoch).
  const epochFrames = (Number(stats.epochFps) * Number(stats.epochWallMs)) / 1000;
  assert.ok(epochFrames >= meter.end / 2 && epochFrames <= meter.end + 1, `${epochFrames.toFixed(1)} training frames of ${meter.end}`);
  const wrong = await page.locator(`${inChapter('digits')} figure.wrong`).count();
  const right = await page.locator(`${inChapter('digits')} figure.right`).count();
  assert.equal(wrong + right, 24, 'every digit has a guess');
  await screenshot(page, 'mnist.png');

  // Leaving and coming back keeps the data and the finished run: no second download.
  assert.equal(downloads.length, 4, downloads.join(', '));
  await leaveToXor(page);
  await page.goBack();
  assert.equal(await waitForState(page, 'mnist', ['finished'], 10_000), 'finished');
  assert.match(await text(page, 'log'), /^Epoch 0: \d+ \/ 10000$/m);
  assert.equal(downloads.length, 4, 'the data was downloaded again');
});

test('MNIST: the page is usable while the data loads; settings typed meanwhile are used', { timeout: 60_000 }, async () => {
  const p = await browser.newPage();
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await p.route('**/data/mnist/train-images-idx3-ubyte.gz', async (route) => {
    await gate;
    await route.continue();
  });
  await p.goto(`${server.url}#/mnist`);
  await p.waitForSelector(`${chapter}[data-data="loading"]`);
  assert.equal(await p.locator(inChapter('play')).isDisabled(), true);
  await p.selectOption(`${chapter} [name="cost"]`, 'crossEntropy');
  assert.match(await text(p, 'formulas'), /ln/);
  await p.fill(`${chapter} [name="epochs"]`, '2');
  release();
  assert.equal(await waitForData(p), 'ready');
  assert.equal(await field(p, 'epochs').inputValue(), '2');
  assert.match(await text(p, 'log'), /crossEntropy cost.*2 epochs/);
  assert.match(p.url(), /cost=crossEntropy/);
  assert.equal(await p.locator(inChapter('play')).isDisabled(), false);
  await p.close();
});

test('MNIST: a diverging run stops with a message and the page stays usable', { timeout: 60_000 }, async () => {
  await openSample(page, 'hiddenActivation=relu&outputActivation=identity&eta=100');
  await page.click(inChapter('play'));
  assert.equal(await waitForState(page, 'mnist', ['diverged', 'finished'], 30_000), 'diverged');
  assert.match(await text(page, 'status'), /diverged \(the .* not (a )?finite numbers?\) — lower η/);
  assert.match(await text(page, 'log'), /diverged \(the .* not (a )?finite numbers?\) — lower η/);
  // The weights were rolled back: the network still answers, with a guess for every digit.
  assert.equal(await page.locator(`${inChapter('digits')} figure.right, ${inChapter('digits')} figure.wrong`).count(), 24);
  assert.equal(await page.locator(inChapter('play')).isDisabled(), true);
  await page.fill(`${chapter} [name="eta"]`, '0.01');
  await page.click(inChapter('reset'));
  assert.equal(await waitForState(page, 'mnist', ['idle']), 'idle');
  await page.click(inChapter('step'));
  assert.ok(Number.isFinite(await value(page, 'loss')));
});

test('MNIST: a run that is not learning says so and suggests why', { timeout: 60_000 }, async () => {
  // η = 100 with sigmoid outputs and the quadratic cost: the first steps saturate the network, the cost stays put.
  await openSample(page, 'eta=100&epochs=1');
  await page.click(inChapter('play'));
  await waitForState(page, 'mnist', ['finished', 'diverged'], 30_000);
  const advice = page.locator(inChapter('advice'));
  assert.equal(await advice.isVisible(), true);
  assert.match(await advice.innerText(), /saturated.*η is probably too large/);
  assert.match(await text(page, 'log'), /saturated/);
  // A sane η learns, and says nothing.
  await page.fill(`${chapter} [name="eta"]`, '3');
  await page.click(inChapter('reset'));
  assert.equal(await advice.isVisible(), false, 'a new run clears the advice');
  await page.click(inChapter('play'));
  await waitForState(page, 'mnist', ['finished', 'diverged'], 30_000);
  assert.equal(await advice.isVisible(), false, await advice.innerText());
});

test('MNIST: invalid settings show every problem naming its field; the run survives; training works after the fix', { timeout: 60_000 }, async () => {
  await openSample(page);
  await page.click(inChapter('step'));
  await waitForState(page, 'mnist', ['paused']);
  const lossBefore = await value(page, 'loss');
  assert.ok(Number.isFinite(lossBefore) && lossBefore > 0, `loss after one step: ${lossBefore}`);

  const box = errors(page);
  await page.fill(`${chapter} [name="eta"]`, '-1');
  await page.click(inChapter('reset'));
  await box.waitFor({ state: 'visible' });
  assert.match(await box.innerText(), /\beta\b.*-1/);
  assert.equal(await box.getAttribute('role'), 'alert');
  assert.equal(await field(page, 'eta').getAttribute('aria-invalid'), 'true');
  assert.equal(await value(page, 'loss'), lossBefore, 'the current run is kept');
  assert.equal(await waitForState(page, 'mnist', ['paused']), 'paused');

  await page.fill(`${chapter} [name="sizes"]`, '784, 0, 10');
  await page.click(inChapter('reset'));
  const both = await box.innerText();
  assert.match(both, /\beta\b/);
  assert.match(both, /sizes\[1\]/);

  await page.fill(`${chapter} [name="sizes"]`, '784, abc, 10');
  await page.click(inChapter('reset'));
  assert.match(await box.innerText(), /sizes\[1\].*abc/);

  // What only the core knows (the data has 10 classes) is checked too, and all at once.
  await page.fill(`${chapter} [name="eta"]`, '3.0');
  await page.fill(`${chapter} [name="sizes"]`, '784, 30, 9');
  await page.fill(`${chapter} [name="batchSize"]`, '5000');
  await page.click(inChapter('reset'));
  const core = await box.innerText();
  assert.match(core, /output layer must have 10 neurons/);
  assert.match(core, /batchSize must be between 1 and nTrain/);
  assert.equal(await field(page, 'sizes').getAttribute('aria-invalid'), 'true');
  assert.equal(await field(page, 'batchSize').getAttribute('aria-invalid'), 'true');
  assert.equal(await value(page, 'loss'), lossBefore, 'the current run is still kept');

  await page.fill(`${chapter} [name="sizes"]`, '784, 30, 10');
  await page.fill(`${chapter} [name="batchSize"]`, '10');
  await page.click(inChapter('reset'));
  await box.waitFor({ state: 'hidden' });
  assert.equal(await waitForState(page, 'mnist', ['idle']), 'idle');
  assert.equal(await text(page, 'loss'), '–', 'a new run starts with no loss yet');
  for (let i = 0; i < 3; i++) await page.click(inChapter('step'));
  const loss = await value(page, 'loss');
  assert.ok(Number.isFinite(loss) && loss > 0, `loss after three steps: ${loss}`);
  assert.equal(await field(page, 'eta').getAttribute('aria-invalid'), null);

  // Playing on from there still works.
  await page.click(inChapter('play'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel).textContent.split('/')[0].replace(/,/g, '')) > 10, inChapter('batch'));
  await page.click(inChapter('pause'));
  assert.equal(await waitForState(page, 'mnist', ['paused']), 'paused');
});

test('MNIST: a bad value in the link is named, and its default used', { timeout: 30_000 }, async () => {
  await openSample(page, 'eta=abc&seed=4');
  const box = errors(page);
  await box.waitFor({ state: 'visible' });
  assert.match(await box.innerText(), /\(eta\).*abc.*using 3/);
  assert.equal(await field(page, 'eta').inputValue(), '3');
  assert.equal(await field(page, 'eta').getAttribute('aria-invalid'), 'true');
  assert.match(await text(page, 'log'), /η = 3, .* seed 4/);
  await page.click(inChapter('step'));
  assert.ok(Number.isFinite(await value(page, 'loss')));
});

/** The 8-byte header of an IDX label file: magic 0x00000801, then the count (big-endian). */
function idxLabelsHeader(count) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x801, 0);
  header.writeUInt32BE(count, 4);
  return header;
}

test('MNIST: a broken or missing data file shows its error in the page, which keeps working', { timeout: 120_000 }, async () => {
  const cases = [
    { file: 'train-labels-idx1-ubyte.gz', body: Buffer.from('this is not gzip'), want: /train-labels-idx1-ubyte\.gz.*gzip/i },
    { file: 'train-images-idx3-ubyte.gz', body: zlib.gzipSync(Buffer.alloc(1000, 7)), want: /train.?images/i },
    { file: 't10k-labels-idx1-ubyte.gz', status: 404, want: /t10k-labels-idx1-ubyte\.gz.*404/ },
    // A valid header and labels, then 200 MB of zeros (a 200 KB .gz): reading stops at the announced length.
    { file: 'train-labels-idx1-ubyte.gz', body: zlib.gzipSync(Buffer.concat([idxLabelsHeader(60000), Buffer.alloc(60000 + 200 * 2 ** 20)])),
      want: /train-labels-idx1-ubyte\.gz: the file goes on past the 60,008 bytes its header announces/ },
  ];
  for (const c of cases) {
    const p = await browser.newPage({ allow: [/Failed to load resource.*404/] });
    await p.route(`**/data/mnist/${c.file}`, (route) =>
      route.fulfill({ status: c.status || 200, contentType: 'application/octet-stream', body: c.body || 'missing' }));
    await p.goto(`${server.url}#/mnist?eta=0.5`);
    assert.equal(await waitForData(p), 'error');
    assert.match(await text(p, 'data-error'), c.want);
    assert.equal(await p.locator(inChapter('play')).isDisabled(), true);
    assert.equal(await p.locator(inChapter('retry')).isVisible(), true);
    // "Use the sample" keeps the settings.
    assert.match(await p.locator(inChapter('use-sample')).getAttribute('href'), /eta=0\.5.*data=sample/);
    // The rest of the page still works.
    await leaveToXor(p);
    await p.close();
  }
});

test('MNIST: a copied link reproduces the settings and the same loss, bit for bit', { timeout: 60_000 }, async () => {
  await openSample(page);
  await page.fill(`${chapter} [name="sizes"]`, '784, 20, 10');
  await page.fill(`${chapter} [name="eta"]`, '0.5');
  await page.fill(`${chapter} [name="seed"]`, '7');
  await page.selectOption(`${chapter} [name="cost"]`, 'crossEntropy');
  await page.click(inChapter('reset'));
  await waitForState(page, 'mnist', ['idle']);
  const link = page.url();
  assert.match(link, /#\/mnist\?sizes=784,20,10&eta=0\.5&seed=7&cost=crossEntropy&data=sample$/);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.startsWith('5 /'), inChapter('batch'));
  const loss = await lossText(page);

  const p = await browser.newPage();
  await p.goto(link);
  assert.equal(await waitForData(p), 'ready');
  for (const [name, want] of [['sizes', '784,20,10'], ['eta', '0.5'], ['seed', '7'], ['cost', 'crossEntropy']]) {
    assert.equal(await field(p, name).inputValue(), want, name);
  }
  for (let i = 0; i < 5; i++) await p.click(inChapter('step'));
  assert.equal(await lossText(p), loss, 'the same loss after five mini-batches');
  await p.close();
});

test('MNIST: Back and Forward restore the settings', { timeout: 60_000 }, async () => {
  await openSample(page, 'seed=3');
  for (const eta of ['0.25', '0.75']) {
    await page.fill(`${chapter} [name="eta"]`, eta);
    await page.click(inChapter('reset'));
    await page.waitForFunction((e) => location.hash.includes(`eta=${e}`), eta);
  }
  await page.click(inChapter('step'));
  await page.goBack();
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0.25', `${chapter} [name="eta"]`);
  assert.equal(await waitForState(page, 'mnist', ['idle']), 'idle');
  assert.match(await text(page, 'log'), /η = 0\.25/);
  assert.equal(await text(page, 'batch'), '–', 'a new run from the restored settings');
  await page.goBack();
  await page.waitForFunction((sel) => document.querySelector(sel).value === '3', `${chapter} [name="eta"]`);
  assert.equal(await field(page, 'seed').inputValue(), '3');
  await page.goForward();
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0.25', `${chapter} [name="eta"]`);
  assert.match(await text(page, 'log'), /η = 0\.25/);
});

test('MNIST: leaving mid-run and coming back keeps the run; Play goes on', { timeout: 60_000 }, async () => {
  await openSample(page, 'eta=0.5&speed=1');
  await page.fill(`${chapter} [name="epochs"]`, '9'); // typed, not applied: must survive too
  await page.click(inChapter('play'));
  await page.waitForFunction((sel) => Number(document.querySelector(sel).textContent.split('/')[0]) >= 5, inChapter('batch'));
  await page.evaluate((sel) => {
    window.__mnist = document.querySelector(sel);
  }, chapter);
  await leaveToXor(page);
  // The chapter, detached, was paused: read what it showed when it left.
  const snap = () => page.evaluate(() => {
    const root = window.__mnist;
    const q = (id) => root.querySelector(`[data-testid="${id}"]`);
    return {
      state: root.dataset.state, epoch: q('epoch').textContent, batch: q('batch').textContent, loss: q('loss').dataset.value,
      log: q('log').textContent, epochs: q('epochs').value, eta: q('eta').value,
    };
  });
  const left = await snap();
  assert.equal(left.state, 'paused');
  await page.waitForTimeout(300);
  await page.click('#toc a[href="#/mnist"]');
  await waitForState(page, 'mnist', ['paused']);
  assert.match(page.url(), /eta=0\.5/, 'the link is the run’s');
  assert.match(page.url(), /data=sample/);
  assert.equal(await page.evaluate((sel) => window.__mnist === document.querySelector(sel), chapter), true, 'the same chapter element');
  assert.deepEqual(await snap(), left);
  assert.equal(await field(page, 'epochs').inputValue(), '9');
  const before = await batchesDone(page);
  await page.click(inChapter('play'));
  await page.waitForFunction(([sel, b]) => Number(document.querySelector(sel).textContent.split('/')[0]) > b, [inChapter('batch'), before]);
  await page.click(inChapter('pause'));
});

test('MNIST: Space, → and R drive the run, but not while typing in a field', { timeout: 60_000 }, async () => {
  await openSample(page, 'speed=1');
  await page.locator(`${chapter} h1`).click();
  await page.keyboard.press('ArrowRight');
  await waitForState(page, 'mnist', ['paused']);
  assert.equal(await batchesDone(page), 1);
  await page.keyboard.press(' ');
  await waitForState(page, 'mnist', ['running']);
  await page.waitForFunction((sel) => Number(document.querySelector(sel).textContent.split('/')[0]) > 3, inChapter('batch'));
  await page.keyboard.press(' ');
  await waitForState(page, 'mnist', ['paused']);
  assert.ok(await batchesDone(page) > 1);
  // Typing in a field: the keys are the field's.
  await page.click(`${chapter} [name="eta"]`);
  await page.keyboard.press('End');
  await page.keyboard.type(' r');
  await page.keyboard.press('ArrowRight');
  assert.equal(await field(page, 'eta').inputValue(), '3 r');
  assert.equal(await waitForState(page, 'mnist', ['paused']), 'paused');
  await page.fill(`${chapter} [name="eta"]`, '2');
  await page.locator(`${chapter} h1`).click();
  await page.keyboard.press('r');
  assert.equal(await waitForState(page, 'mnist', ['idle']), 'idle');
  assert.equal(await text(page, 'batch'), '–');
  assert.match(page.url(), /eta=2/);
});

test('MNIST: the presets fill the form with Nielsen’s two runs', { timeout: 60_000 }, async () => {
  await openSample(page, 'seed=5');
  await page.click(inChapter('preset-network2'));
  const want2 = { sizes: '784,100,10', cost: 'crossEntropy', eta: '0.5', batchSize: '10', epochs: '30', regularization: 'l2',
    lambda: '5', init: 'scaledGaussian', seed: '5' };
  for (const [name, want] of Object.entries(want2)) assert.equal(await field(page, name).inputValue(), want, name);
  assert.equal(await page.locator(inChapter('form-hint')).isVisible(), true);
  await page.click(inChapter('reset'));
  await waitForState(page, 'mnist', ['idle']);
  assert.match(await text(page, 'log'), /\[784, 100, 10\].*crossEntropy cost, η = 0\.5, m = 10, 30 epochs/);
  assert.match(await text(page, 'log'), /init = scaledGaussian.*regularization = l2, lambda = 5/);
  assert.match(await text(page, 'formulas'), /λ/);
  await page.click(inChapter('preset-network'));
  const want1 = { sizes: '784,30,10', cost: 'quadratic', eta: '3', regularization: 'none', lambda: '0', init: 'gaussian', seed: '5' };
  for (const [name, want] of Object.entries(want1)) assert.equal(await field(page, name).inputValue(), want, name);
});

test('MNIST: every "more settings" field reaches the Trainer', { timeout: 60_000 }, async () => {
  await openSample(page);
  const cases = [
    ['init=he&biasInit=zero&hiddenActivation=leakyRelu&activationParam=0.2&nTrain=700&nValidation=100&optimizer=adam&beta1=0.8' +
      '&beta2=0.99&eps=1e-7&biasCorrection=0&decay=step&drop=0.25&every=2&warmup=1&regularization=l1&lambda=0.5&dropout=0.1,0.2' +
      '&batchNorm=1&bnEps=0.001&bnMomentum=0.8&preprocess=standardizePixel&translate=1&rotate=5&elastic=2&elasticSigma=3' +
      '&intensity=0.1&blur=0.5&noise=0.05&earlyStopping=3',
    (c) => {
      assert.equal(c.init, 'he');
      assert.equal(c.biasInit, 'zero');
      assert.equal(c.activationParam, 0.2);
      assert.equal(c.nTrain, 700);
      assert.equal(c.nValidation, 100);
      assert.deepEqual(c.optimizer, { kind: 'adam', beta1: 0.8, beta2: 0.99, eps: 1e-7, biasCorrection: false });
      assert.deepEqual(c.schedule, { decay: { kind: 'step', drop: 0.25, every: 2 }, warmup: 1 });
      assert.equal(c.regularization, 'l1');
      assert.equal(c.lambda, 0.5);
      assert.deepEqual(c.dropout, [0.1, 0.2]);
      assert.equal(c.batchNorm, true);
      assert.equal(c.bnEps, 0.001);
      assert.equal(c.bnMomentum, 0.8);
      assert.equal(c.preprocess, 'standardizePixel');
      assert.deepEqual(c.augmentation, { translate: 1, rotate: 5, elastic: 2, elasticSigma: 3, intensity: 0.1, blur: 0.5, noise: 0.05 });
      assert.equal(c.earlyStopping, 3);
    }],
    ['hiddenActivation=swish&learnSwishBeta=1&optimizer=momentum&beta=0.7&momentumForm=accumulated&decay=linear&end=0.1&over=5',
      (c) => {
        assert.equal(c.learnSwishBeta, true);
        assert.deepEqual(c.optimizer, { kind: 'momentum', beta: 0.7, form: 'accumulated' });
        assert.deepEqual(c.schedule.decay, { kind: 'linear', end: 0.1, over: 5 });
      }],
    ['optimizer=adamw&weightDecay=0.05&decay=exponential&k=0.3&activations=relu,softmax&cost=categoricalCrossEntropy',
      (c) => {
        assert.equal(c.optimizer.kind, 'adamw');
        assert.equal(c.optimizer.weightDecay, 0.05);
        assert.deepEqual(c.schedule.decay, { kind: 'exponential', k: 0.3 });
        assert.deepEqual(c.activations, ['relu', 'softmax']);
        assert.equal(c.cost, 'categoricalCrossEntropy');
      }],
    ['hiddenActivation=maxout&maxoutPieces=3', (c) => assert.equal(c.maxoutPieces, 3)],
  ];
  for (const [query, check] of cases) {
    const before = await page.locator(inChapter('stats')).getAttribute('data-config');
    await page.goto(`${server.url}#/mnist?${query}&data=sample`); // same document: Back/Forward's path, update()
    await page.waitForFunction(([sel, b]) => document.querySelector(sel)?.dataset.config !== b, [inChapter('stats'), before]);
    const box = errors(page);
    assert.equal(await box.isHidden(), true, await box.innerText().catch(() => ''));
    const config = JSON.parse(await page.locator(inChapter('stats')).getAttribute('data-config'));
    check(config);
    await page.click(inChapter('step'));
    assert.ok(Number.isFinite(await value(page, 'loss')), query);
  }
  assert.match(await text(page, 'log'), /maxoutPieces = 3/);
});

test('MNIST: screenshots while training; controls and charts on one screen; the charts draw their curves; fps as counted', { timeout: 90_000 }, async (t) => {
  await openSample(page, 'speed=1&epochs=30');
  // Pixels in the series' colours (the cost, the validation and the test accuracy), as the charts draw them.
  const [costColour, testColour] = await seriesColours(page);
  const colourCounts = async () => ({
    cost: await countColour(page, inChapter('loss-chart'), costColour),
    validation: await countColour(page, inChapter('accuracy-chart'), costColour),
    test: await countColour(page, inChapter('accuracy-chart'), testColour),
  });
  const empty = await colourCounts(); // a legend, no curves yet
  await countFrames(page);
  await page.click(inChapter('play'));
  // Two epochs evaluated: two marks and a line between them on the accuracy chart.
  await page.waitForFunction((sel) => /^Epoch 1: /m.test(document.querySelector(sel).textContent), inChapter('log'));
  const onScreen = {};
  const files = await screenshotsAtSizes(page, 'mnist', async (p) => {
    await p.evaluate((sel) => document.querySelector(sel).scrollIntoView({ block: 'start' }), inChapter('workbench'));
    await p.evaluate(() => window.scrollBy(0, -70));
    const size = p.viewportSize();
    onScreen[`${size.width}×${size.height}`] = {
      play: await inViewport(p, inChapter('play')),
      eta: await inViewport(p, `${chapter} [name="eta"]`),
      lossChart: await inViewport(p, inChapter('loss-chart')),
      accuracyChart: await inViewport(p, inChapter('accuracy-chart')),
    };
  });
  for (const screen of ['1366×768', '1920×1080']) {
    assert.deepEqual(onScreen[screen], { play: true, eta: true, lossChart: true, accuracyChart: true }, screen);
  }
  await page.click(inChapter('pause'));
  assert.equal(files.length, 3);
  await checkFpsReadings(page, t);
  // What the charts draw, beyond their legend: the cost curve, and a line with a mark per epoch for the validation
  // and the test accuracy, each in its series' colour.
  const drawn = await colourCounts();
  t.diagnostic(`pixels in the series' colours: before training ${JSON.stringify(empty)}, after ${JSON.stringify(drawn)}`);
  for (const key of ['cost', 'validation', 'test']) assert.ok(drawn[key] - empty[key] > 60, `${key}: ${empty[key]} → ${drawn[key]} pixels`);
});
