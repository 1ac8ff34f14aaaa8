// End-to-end tests of the learning-rate decay chapter: the plotted η(t) equals the core's scheduleCurve and
// an independent formula (step and exponential decay), an edited parameter redraws it, a bad link value is
// named, constant η against two decays on MNIST with the final accuracies in a table, screenshots, and no
// console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid, numbersAt } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site));

/** The values table: {kind: [[t, η]…]}. */
const shown = (p) => p.locator(`${testid('schedule-values')} td[data-testid]`).evaluateAll((cells) => {
  const out = {};
  for (const c of cells) {
    const kind = c.dataset.testid.split('-')[1];
    (out[kind] ||= []).push([Number(c.dataset.t), Number(c.dataset.value)]);
  }
  return out;
});

test('lr-decay: the plotted η(t) is the core’s scheduleCurve and the slide’s formulas', async (t) => {
  await page.goto(`${server.url}#/lr-decay?eta=0.8&drop=0.5&every=3&kExp=0.2`);
  await page.waitForSelector(testid('schedule-values'));
  const values = await shown(page);
  // Independent formulas: η₀ d^⌊t/s⌋ and η₀ e^{−kt}.
  for (const [tt, eta] of values.step) assert.ok(Math.abs(eta - 0.8 * 0.5 ** Math.floor(tt / 3 + 1e-9)) < 1e-6, `step at ${tt}: ${eta}`);
  for (const [tt, eta] of values.exponential) assert.ok(Math.abs(eta - 0.8 * Math.exp(-0.2 * tt)) < 1e-5 * 0.8, `exp at ${tt}: ${eta}`);
  for (const [, eta] of values.constant) assert.equal(eta, Math.fround(0.8));
  t.diagnostic(`step: ${values.step.map(([a, b]) => `${a}→${b.toFixed(4)}`).join(' ')}`);
  // The core itself, called in the page: the values equal its curve (20 samples per epoch).
  const core = await page.evaluate(async () => {
    const wasm = await import('./js/wasm.js');
    return {
      step: Array.from(wasm.scheduleCurve({ decay: { kind: 'step', drop: 0.5, every: 60 }, warmup: 0 }, 0.8, 201)),
      exponential: Array.from(wasm.scheduleCurve({ decay: { kind: 'exponential', k: 0.01 }, warmup: 0 }, 0.8, 201)),
    };
  });
  for (const kind of ['step', 'exponential']) {
    for (const [tt, eta] of values[kind]) assert.equal(eta, core[kind][Math.round(tt * 20)], `${kind} at t = ${tt}`);
  }
});

test('lr-decay: editing a parameter redraws η(t); a bad link value is named', async () => {
  await page.goto(`${server.url}#/lr-decay?eta=1&every=3`);
  await page.waitForSelector(testid('schedule-values'));
  await page.fill(testid('every'), '2');
  await page.locator(testid('every')).press('Tab');
  await page.waitForFunction(() => /every=2/.test(location.hash));
  const values = await shown(page);
  const at8 = values.step.find(([tt]) => tt === 8);
  assert.ok(Math.abs(at8[1] - 0.0625) < 1e-6, `η(8) with every = 2: ${at8[1]}`);
  await page.goto(`${server.url}#/lr-decay?drop=2&decayA=cosine`);
  await page.waitForSelector(testid('param-errors'));
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /step: factor \(drop\) must be .*at most 1, got “2”/);
  assert.match(errors, /decay 1 \(decayA\) must be one of step, linear, exponential, inverse, inverseSqrt, got “cosine”/);
});

test('lr-decay: constant η against two decays on MNIST, final accuracies in a table', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/lr-decay?epochs=3&every=1&kExp=0.5&seed=2`);
  await page.waitForFunction(() => document.querySelector('[data-testid="lr-play"]')?.disabled === false, null, { timeout: 20_000 });
  await page.click(testid('lr-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="lr-panel"]').dataset.state === 'finished', null, { timeout: 45_000 });
  const lrRows = `${testid('lr-table')} tbody tr`;
  const ids = await page.locator(lrRows).evaluateAll((trs) => trs.map((r) => r.dataset.testid));
  const [validation, epochCounts, testAccuracy] = await Promise.all(['data-validation', 'data-epochs', 'data-test'].map((a) => numbersAt(page, lrRows, a)));
  const rows = ids.map((id, i) => [id, validation[i], epochCounts[i], testAccuracy[i]]);
  t.diagnostic(rows.map(([id, v]) => `${id} ${(100 * v).toFixed(1)} %`).join(', '));
  assert.deepEqual(rows.map((r) => r[0]), ['lr-row-constant', 'lr-row-decayA', 'lr-row-decayB']);
  for (const [, v, epochs] of rows) {
    assert.equal(epochs, 3);
    assert.ok(v > 0.5, `validation accuracy ${v}`);
  }
  // The decays changed the run: the three runs do not end the same (200 validation images can tie; all 1,000 rarely do).
  assert.ok(new Set(rows.map((r) => `${r[1]} ${r[3]}`)).size > 1, JSON.stringify(rows));
  await screenshotsAtSizes(page, 'lr-decay', async (p) => {
    await p.evaluate(() => document.querySelector('#lr-curves-title').scrollIntoView({ block: 'start' }));
  });
  await screenshotsAtSizes(page, 'lr-decay-mnist', async (p) => {
    await p.evaluate(() => document.querySelector('#lr-mnist-title').scrollIntoView({ block: 'start' }));
  });
});
