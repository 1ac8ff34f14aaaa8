// End-to-end tests of the MNIST chapter's dashboard (dist/) in headless Chromium, as a student uses it: train
// Nielsen's default network for 3 epochs on the full data, then read the confusion matrix (it sums to the test
// images and its diagonal is the shown test accuracy), click a cell (exactly its digits), read test_data[0]'s
// ten outputs (the guess 7), draw a "1" and a "0" on the pad (recognized); pin a run and train another (two
// curves, a table row); no console errors; screenshots at three sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, waitForState, screenshotsAtSizes, testid, repoRoot } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const chapter = '.chapter[data-chapter="mnist"]';
const inChapter = (id) => `${chapter} ${testid(id)}`;

/** A fresh document at the chapter's link, the digits loaded. */
async function open(p, query) {
  await p.bringToFront();
  await p.goto('about:blank');
  await p.goto(`${server.url}#/mnist?${query}`);
  await p.waitForFunction((sel) => document.querySelector(sel)?.dataset.data === 'ready', chapter, { timeout: 120_000, polling: 100 });
  await waitForState(p, 'mnist', ['idle']);
}

/** Play until the run finishes. */
async function train(p) {
  await p.click(inChapter('play'));
  const state = await waitForState(p, 'mnist', ['finished', 'diverged'], 240_000);
  assert.equal(state, 'finished', await p.locator(inChapter('status')).first().innerText());
}

/** Draw on the pad with the mouse: `points` in [0, 1]² of the pad, one stroke. */
async function stroke(p, points) {
  const pad = p.locator(inChapter('draw-pad'));
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await p.mouse.move(...at(points[0]));
  await p.mouse.down();
  for (const point of points.slice(1)) await p.mouse.move(...at(point), { steps: 2 });
  await p.mouse.up();
}

/** The pad's guess once it has settled (it updates at the next animation frame). */
async function drawnGuess(p) {
  await p.waitForTimeout(100);
  return p.locator(inChapter('draw-guess')).getAttribute('data-value');
}

test('dashboard: 3 epochs on the full data, the confusion matrix, a cell\'s digits, test_data[0], drawn digits', { timeout: 300_000 }, async (t) => {
  await open(page, 'epochs=3');
  await train(page);
  const accuracy = Number(await page.locator(inChapter('accuracy')).getAttribute('data-value'));
  const log = await page.locator(inChapter('log')).innerText();
  const last = [...log.matchAll(/^Epoch 2: (\d+) \/ (\d+)$/gm)].pop();
  assert.ok(last, `no "Epoch 2" line in the log:\n${log}`);
  const total = Number(last[2]);
  assert.equal(accuracy, Number(last[1]) / total);

  // The confusion matrix: every test image once, the diagonal the right ones.
  const matrix = await page.locator(inChapter('confusion')).evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-count]')].map((td) => Number(td.dataset.count))));
  assert.equal(matrix.length, 10);
  assert.ok(matrix.every((row) => row.length === 10));
  const sum = matrix.flat().reduce((a, b) => a + b, 0);
  const diagonal = matrix.reduce((a, row, i) => a + row[i], 0);
  assert.equal(sum, total, 'the matrix sums to the test images');
  assert.equal(total, 10000);
  assert.equal(diagonal / total, accuracy, 'its diagonal is the shown test accuracy');
  // Per-class accuracy = diagonal cell / row sum.
  for (let i = 0; i < 10; i++) {
    const shown = Number(await page.locator(inChapter(`class-acc-${i}`)).getAttribute('data-value'));
    const row = matrix[i].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(shown - matrix[i][i] / row) < 1e-6, `class ${i}: ${shown} vs ${matrix[i][i]} / ${row}`);
  }

  // The largest off-diagonal cell: clicking it shows exactly its digits, each a wrong guess of that kind.
  let worst = { i: 0, j: 1, n: -1 };
  matrix.forEach((row, i) => row.forEach((n, j) => {
    if (i !== j && n > worst.n) worst = { i, j, n };
  }));
  await page.click(inChapter(`cm-${worst.i}-${worst.j}`));
  const title = page.locator(inChapter('cell-title'));
  assert.equal(Number(await title.getAttribute('data-count')), worst.n);
  const figures = page.locator(`${inChapter('cell-digits')} figure`);
  assert.equal(await figures.count(), Math.min(60, worst.n));
  const labels = await figures.evaluateAll((els) => els.map((el) => [el.dataset.label, el.dataset.guess]));
  assert.ok(labels.every(([y, g]) => y === String(worst.i) && g === String(worst.j)), JSON.stringify(labels));
  assert.match(await title.innerText(), new RegExp(`${worst.n} test digit`));
  // A diagonal cell holds many: the first 60 are shown, with the count.
  await page.click(inChapter('cm-1-1'));
  assert.equal(Number(await title.getAttribute('data-count')), matrix[1][1]);
  assert.equal(await figures.count(), 60);
  assert.match(await title.innerText(), /the first 60 shown/);
  const wrongTotal = Number(await page.locator(inChapter('misclassified')).getAttribute('data-total'));
  assert.equal(wrongTotal, total - diagonal, 'the misclassified digits are the off-diagonal ones');

  // The slide: net.feedforward(test_data[0][0]) → ten activations, the largest at 7.
  const ff = page.locator(inChapter('feedforward'));
  assert.equal(await ff.getAttribute('data-label'), '7');
  assert.equal(await ff.getAttribute('data-guess'), '7');
  const outputs = JSON.parse(await ff.getAttribute('data-outputs'));
  assert.equal(outputs.length, 10);
  assert.equal(outputs.indexOf(Math.max(...outputs)), 7);

  // A drawn "1": one vertical stroke; a drawn "0": a ring.
  await stroke(page, [[0.5, 0.15], [0.5, 0.35], [0.5, 0.55], [0.5, 0.85]]);
  const one = await drawnGuess(page);
  const oneOutputs = await page.locator(inChapter('draw-bars')).getAttribute('data-outputs');
  await page.click(inChapter('draw-clear'));
  assert.equal(await drawnGuess(page), '');
  const ring = Array.from({ length: 41 }, (_, k) => {
    const angle = (2 * Math.PI * k) / 40;
    return [0.5 + 0.28 * Math.sin(angle), 0.5 - 0.36 * Math.cos(angle)];
  });
  await stroke(page, ring);
  const zero = await drawnGuess(page);
  const zeroOutputs = await page.locator(inChapter('draw-bars')).getAttribute('data-outputs');
  t.diagnostic(`3 epochs, [784, 30, 10]: test accuracy ${(100 * accuracy).toFixed(2)} %; worst cell ${worst.i}→${worst.j}: ${worst.n}; ` +
    `test_data[0] outputs ${JSON.stringify(outputs)}; drawn 1 → ${one} ${oneOutputs}; drawn 0 → ${zero} ${zeroOutputs}`);
  assert.equal(one, '1', `a vertical stroke is read as ${one}: ${oneOutputs}`);
  assert.equal(zero, '0', `a ring is read as ${zero}: ${zeroOutputs}`);
  for (const [name, id] of [['mnist-dashboard-matrix', 'dashboard'], ['mnist-dashboard-draw', 'draw-pad']]) {
    const files = await screenshotsAtSizes(page, name, async (p) => {
      await p.locator(inChapter(id)).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    });
    t.diagnostic(files.join(', '));
  }
  // The pad is labelled, reached and left with Tab, and Delete clears it.
  const pad = page.locator(inChapter('draw-pad'));
  assert.match(await pad.getAttribute('aria-label'), /draw one digit/i);
  await pad.focus();
  await page.keyboard.press('Delete');
  assert.equal(await drawnGuess(page), '');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'draw-clear');

  const widths = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(widths, 'no horizontal page scroll');
  assert.deepEqual(browser.problems, []);
});

test('dashboard: a pinned run keeps its curves while the next run trains', { timeout: 120_000 }, async (t) => {
  await open(page, 'data=sample&epochs=2');
  await train(page);
  const first = Number(await page.locator(inChapter('accuracy')).getAttribute('data-value'));
  await page.click(inChapter('pin'));
  assert.match(await page.locator(inChapter('pin-note')).innerText(), /Pinned as #1/);
  assert.equal(await page.locator(inChapter('pin-row-1')).getAttribute('data-epochs'), '2');
  assert.equal(Number(await page.locator(inChapter('pin-row-1')).getAttribute('data-test')), first);

  // Another run: η = 0.5 instead of 3.
  await page.fill(`${chapter} [name="eta"]`, '0.5');
  await page.click(inChapter('reset'));
  await waitForState(page, 'mnist', ['idle']);
  await train(page);
  const chart = page.locator(inChapter('accuracy-chart'));
  const described = await chart.getAttribute('aria-label');
  assert.match(described, /#1 test \d/, `the pinned run's test curve is on the chart: ${described}`);
  assert.match(described, /; test \d/, described);
  assert.match(await page.locator(inChapter('loss-chart')).getAttribute('aria-label'), /#1 /);
  assert.equal(await page.locator(`${inChapter('pins')} tbody tr`).count(), 1);
  assert.equal(Number(await page.locator(inChapter('pin-row-1')).getAttribute('data-test')), first, 'the pinned numbers stay');
  const second = Number(await page.locator(inChapter('accuracy')).getAttribute('data-value'));
  t.diagnostic(`sample, 2 epochs: η = 3 → ${(100 * first).toFixed(1)} % (pinned), η = 0.5 → ${(100 * second).toFixed(1)} %`);

  // Pin this one too, and train both again side by side, from the same seed, on the same images.
  assert.equal(await page.locator(inChapter('sbs-start')).isDisabled(), true, 'one pin: nothing to compare');
  await page.click(inChapter('pin'));
  await page.click(inChapter('sbs-start'));
  await page.waitForFunction(() => document.querySelector('[data-testid="sbs"]')?.dataset.state === 'idle', null, { timeout: 30_000 });
  await page.click(inChapter('sbs-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="sbs"]')?.dataset.state === 'finished', null, { timeout: 60_000 });
  const rows = await page.locator(`${inChapter('sbs-table')} tbody tr`).evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
  assert.deepEqual(rows.map((r) => [r.testid, r.epochs, r.diverged]), [['sbs-row-pin1', '2', 'false'], ['sbs-row-pin2', '2', 'false']]);
  // The same seed, network and images as the pinned runs: the same validation accuracy, image for image.
  for (const [i, row] of rows.entries()) {
    assert.equal(Number(row.validation), Number(await page.locator(inChapter(`pin-row-${i + 1}`)).getAttribute('data-validation')));
  }
  t.diagnostic(`side by side (800 images each, seed 1): validation ${rows.map((r) => (100 * Number(r.validation)).toFixed(1)).join(' % and ')} %`);

  const sbsFiles = await screenshotsAtSizes(page, 'mnist-dashboard-sbs', async (p) => {
    await p.locator(inChapter('sbs-start')).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  });
  t.diagnostic(sbsFiles.join(', '));

  // axe-core over the filled dashboard (the a11y test sees it empty): a clicked cell, a pinned run, a drawing.
  await page.click(inChapter('cm-1-1'));
  await stroke(page, [[0.5, 0.2], [0.5, 0.8]]);
  await page.evaluate(fs.readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  assert.deepEqual(serious, []);
  for (const size of [{ width: 390, height: 844 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${size.width}`);
  }

  const files = await screenshotsAtSizes(page, 'mnist-dashboard-pins', async (p) => {
    await p.locator(inChapter('accuracy-chart')).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  });
  t.diagnostic(files.join(', '));
  await page.click(inChapter('unpin-1'));
  assert.equal(await page.locator(`${inChapter('pins')} tbody tr`).count(), 1);
  assert.doesNotMatch(await chart.getAttribute('aria-label'), /#1/);
  assert.deepEqual(browser.problems, []);
});

test('dashboard: the "past Nielsen" preset trains the run `make reproduce` measures natively', { timeout: 60_000 }, async () => {
  await open(page, 'data=sample');
  await page.click(inChapter('preset-beyond'));
  await page.click(inChapter('reset'));
  await waitForState(page, 'mnist', ['idle']);
  const config = JSON.parse(await page.locator(inChapter('stats')).getAttribute('data-config'));
  const makefile = fs.readFileSync(path.join(repoRoot, 'Makefile'), 'utf8');
  const [, epochs, json] = makefile.match(/nielsen -- (\d+) \\\n\t\t'(\{"sizes":\[784,512,10\][^']*)'/) || [];
  assert.ok(json, 'the Makefile\'s reproduce target runs the preset');
  const expected = JSON.parse(json);
  assert.equal(config.epochs, Number(epochs));
  for (const [key, value] of Object.entries(expected)) {
    const found = typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).map((k) => [k, key === 'schedule' && k === 'decay'
        ? Object.fromEntries(Object.keys(value.decay).map((d) => [d, config.schedule.decay[d]])) : config[key][k]]))
      : config[key];
    assert.deepEqual(found, value, key);
  }
  assert.deepEqual(browser.problems, []);
});
