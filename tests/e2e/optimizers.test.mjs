// End-to-end tests of the optimizer chapter, as a student uses it: the race on the bowl (momentum zig-zags
// less than plain SGD, measured from the drawn paths), Adam reaching Rosenbrock's minimum within the core
// test's 6000 steps, a bad link value named, a copied link reproducing the race, the 3-D view turned by
// dragging (mouse and touch), the optimizers on MNIST, screenshots, and no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, blankCanvases, countColour, testid, text, numberAt, numbersAt } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site), { clipboard: true });

const drawn = (p) => p.locator(testid('race-plane')).evaluate((c) => /** @type {any} */ (c).drawnPaths);

/** How much a path zig-zags in y: the number of times its y step changes sign (ignoring tiny steps), and Σ|Δy|. */
function zigzag(points) {
  let reversals = 0;
  let length = 0;
  for (let k = 1; 2 * k + 1 < points.length; k++) {
    const d = points[2 * k + 1] - points[2 * k - 1];
    length += Math.abs(d);
    if (k > 1) {
      const before = points[2 * k - 1] - points[2 * k - 3];
      if (before * d < 0 && Math.abs(d) > 1e-3) reversals += 1;
    }
  }
  return { reversals, length };
}

test('optimizers: on the bowl, momentum zig-zags less than plain SGD; every path is drawn in its colour', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/optimizers?speed=100`);
  await waitForState(page, 'optimizers', ['idle']);
  await page.click(testid('play'));
  assert.equal(await waitForState(page, 'optimizers', ['finished'], 20_000), 'finished');
  const paths = await drawn(page);
  const sgd = paths.find((p) => p.label === 'sgd');
  const mom = paths.find((p) => p.label === 'mom');
  assert.equal(sgd.points.length, 2 * 151, 'the whole 150-step path is drawn');
  const a = zigzag(sgd.points);
  const b = zigzag(mom.points);
  t.diagnostic(`SGD: ${a.reversals} reversals in y, Σ|Δy| = ${a.length.toFixed(2)}; momentum: ${b.reversals}, ${b.length.toFixed(2)}`);
  assert.ok(b.reversals < a.reversals / 2 && b.length < a.length / 2);
  // Each racer's path on the map, in the colour its scoreboard row shows (SGD's ink is also the labels' and is left out).
  const racers = await page.locator(`${testid('scoreboard')} tbody tr`).evaluateAll((rows) => rows.map((r) => ({
    id: r.dataset.testid,
    colour: `#${getComputedStyle(r.querySelector('.swatch')).backgroundColor.match(/\d+/g).slice(0, 3)
      .map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`,
  })));
  const pixels = {};
  for (const { id, colour } of racers.filter((r) => r.id !== 'race-sgd')) pixels[id] = await countColour(page, testid('race-plane'), colour, 16);
  t.diagnostic(`path pixels on the map: ${JSON.stringify(pixels)}`);
  assert.ok(Object.keys(pixels).length >= 3, JSON.stringify(racers));
  for (const [id, n] of Object.entries(pixels)) assert.ok(n > 30, `${id}: ${n} pixels of its colour`);
  // The card shows what momentum keeps, typeset.
  assert.match(await text(page, 'state-mom'), /Δ/);
  assert.match(await text(page, 'status'), /At the minimum first/);
});

test('optimizers: Adam reaches Rosenbrock’s minimum within the core test’s 6000 steps', { timeout: 60_000 }, async (t) => {
  // tests/core/optimizers.rs: Adam, η = 0.02, from (−1.5, 2), 6000 steps, within 0.05 of (1, 1).
  await page.goto(`${server.url}#/optimizers?surface=rosenbrock&x0=-1.5&y0=2&steps=6000&adamEta=0.02&speed=100`);
  await waitForState(page, 'optimizers', ['idle']);
  await page.click(testid('play'));
  await waitForState(page, 'optimizers', ['finished'], 30_000);
  const reached = await numberAt(page, testid('race-adam'), 'data-reached');
  t.diagnostic(`Adam at the minimum after ${reached} steps; ${await text(page, 'status')}`);
  assert.ok(reached >= 0 && reached <= 6000);
  const adam = (await drawn(page)).find((p) => p.label === 'adam').points;
  const [x, y] = adam.slice(-2);
  assert.ok(Math.abs(x - 1) < 0.05 && Math.abs(y - 1) < 0.05, `Adam ended at (${x}, ${y})`);
});

test('optimizers: a bad value in the link is named', async () => {
  await page.goto(`${server.url}#/optimizers?x0=99&momEta=fast`);
  await waitForState(page, 'optimizers', ['idle']);
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /start x \(x0\) must be a number between -5 and 5, got “99”/);
  assert.match(errors, /learning rate \(momEta\) must be a number .*got “fast”/);
  assert.equal(await page.locator('[name="x0"]').getAttribute('aria-invalid'), 'true');
});

test('optimizers: a copied link reproduces the race', { timeout: 30_000 }, async () => {
  await page.goto(`${server.url}#/optimizers`);
  await waitForState(page, 'optimizers', ['idle']);
  await page.selectOption(testid('surface'), 'ravine');
  await page.fill(testid('adamEta'), '0.1');
  await page.locator(testid('adamEta')).press('Tab');
  await page.check(testid('nag'));
  for (let i = 0; i < 40; i++) await page.click(testid('step'));
  const before = await page.locator(`${testid('scoreboard')} tbody tr`).evaluateAll((rows) => rows.map((r) => [r.dataset.testid, r.dataset.x, r.dataset.y]));
  await page.click(testid('copy-link'));
  const link = await page.locator(testid('copy-link')).getAttribute('data-link');
  assert.match(link, /surface=ravine/);
  assert.match(link, /adamEta=0.1/);
  await page.goto('about:blank');
  await page.goto(link);
  await waitForState(page, 'optimizers', ['idle']);
  assert.equal(await page.locator(testid('surface')).inputValue(), 'ravine');
  for (let i = 0; i < 40; i++) await page.click(testid('step'));
  const after = await page.locator(`${testid('scoreboard')} tbody tr`).evaluateAll((rows) => rows.map((r) => [r.dataset.testid, r.dataset.x, r.dataset.y]));
  assert.deepEqual(after, before);
  assert.equal(before.length, 5);
});

test('optimizers: dragging turns the 3-D view, with a mouse and by touch', async () => {
  await page.goto(`${server.url}#/optimizers?speed=5`);
  await waitForState(page, 'optimizers', ['idle']);
  const view = page.locator(testid('race-3d'));
  await view.scrollIntoViewIfNeeded();
  const angle = (name) => numberAt(page, testid('race-3d'), `data-${name}`);
  const yaw0 = await angle('yaw');
  const pitch0 = await angle('pitch');
  const box = await view.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 8 });
  await page.mouse.up();
  const yaw1 = await angle('yaw');
  assert.ok(Math.abs(yaw1 - yaw0) > 20, `yaw ${yaw0} → ${yaw1}`);
  assert.notEqual(await angle('pitch'), pitch0);
  // A finger: pointer events of type touch.
  await view.evaluate((c) => {
    const r = c.getBoundingClientRect();
    const at = (type, dx) => c.dispatchEvent(new PointerEvent(type, {
      pointerId: 7, pointerType: 'touch', clientX: r.left + r.width / 2 + dx, clientY: r.top + r.height / 2, bubbles: true,
    }));
    at('pointerdown', 0);
    at('pointermove', -60);
    at('pointerup', -60);
  });
  const yaw2 = await angle('yaw');
  assert.ok(Math.abs(yaw2 - yaw1) > 20, `touch: yaw ${yaw1} → ${yaw2}`);
  assert.equal(await view.evaluate((c) => getComputedStyle(c).touchAction), 'none');
});

test('optimizers: every optimizer trains one MNIST network on the sample', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/optimizers?mEpochs=1`);
  await waitForState(page, 'optimizers', ['idle']);
  const panel = page.locator(testid('mnist-panel'));
  await page.waitForFunction(() => document.querySelector('[data-testid="mnist-play"]')?.disabled === false, null, { timeout: 20_000 });
  assert.match(await text(page, 'mnist-data-note'), /1,000-digit sample/);
  await page.click(testid('mnist-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="mnist-panel"]').dataset.state === 'finished', null, { timeout: 45_000 });
  const mnistRows = `${testid('mnist-table')} tbody tr`;
  const ids = await page.locator(mnistRows).evaluateAll((trs) => trs.map((r) => r.dataset.testid));
  const [accuracies, epochCounts] = [await numbersAt(page, mnistRows, 'data-validation'), await numbersAt(page, mnistRows, 'data-epochs')];
  const rows = ids.map((id, i) => [id, accuracies[i], epochCounts[i]]);
  t.diagnostic(rows.map(([id, v]) => `${id} ${(100 * v).toFixed(1)} %`).join(', '));
  assert.equal(rows.length, 7);
  for (const [, v, epochs] of rows) {
    assert.equal(epochs, 1);
    assert.ok(v > 0.5, `validation accuracy ${v}`);
  }
  assert.equal(await panel.getAttribute('data-state'), 'finished');
});

test('optimizers: screenshots; no picture on screen is blank', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}#/optimizers?surface=rosenbrock&speed=100`);
  await waitForState(page, 'optimizers', ['idle']);
  await page.click(testid('play'));
  await waitForState(page, 'optimizers', ['finished'], 20_000);
  const blank = [];
  const noteBlank = async (p) => {
    const size = p.viewportSize();
    blank.push(...(await blankCanvases(p)).map((c) => `${c} at ${size.width}×${size.height}`));
  };
  await screenshotsAtSizes(page, 'optimizers', async (p) => {
    await p.evaluate(() => document.querySelector('#opt-race-title').scrollIntoView({ block: 'start' }));
    await noteBlank(p);
  });
  await page.locator(testid('card-mom')).scrollIntoViewIfNeeded();
  await screenshotsAtSizes(page, 'optimizers-cards', async (p) => {
    await p.evaluate(() => document.querySelector('#opt-cards-title').scrollIntoView({ block: 'start' }));
    await noteBlank(p);
  });
  assert.deepEqual(blank, []);
});
