// End-to-end tests of the hyperparameter search: a random search of 6 small runs on the 1,000-digit sample with
// 2 workers (two runs train at once, checked on the order of the pool's start and end events), every run reports,
// the table sorts, the best run beats the worst clearly and its link fills the MNIST chapter's form; stopping one
// run leaves the others training, and the rows hold their places while the pointer is over the table (the Stop
// under it stays put); a bad range is named; screenshots; no console errors.
// The worker count is set in the link: Chromium here may report 2 cores, which by default means 1 worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const rows = (p) => p.locator(`${testid('hp-table')} tbody tr`).evaluateAll((trs) => trs.map((tr) => ({
  id: Number(tr.dataset.id), state: tr.dataset.state, eta: Number(tr.dataset.eta), lambda: Number(tr.dataset.lambda),
  validation: Number(tr.dataset.validation), epochs: Number(tr.dataset.epochs), worker: Number(tr.dataset.worker),
  start: Number(tr.dataset.startSeq), end: Number(tr.dataset.endSeq), best: tr.dataset.best === 'true',
})));
const finished = (p, timeout) => p.waitForFunction(() => document.querySelector('[data-chapter="hyperparameters"]')?.dataset.state === 'finished',
  null, { timeout, polling: 200 });

test('hyperparameters: a random search of 6 runs on 2 workers; sort; best config opens in the MNIST chapter', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/hyperparameters?strategy=random&runs=6&epochs=3&workers=2&data=sample&seed=1`);
  await page.waitForSelector(testid('hp-start'));
  t.diagnostic(`navigator.hardwareConcurrency = ${await page.evaluate(() => navigator.hardwareConcurrency)}`);
  assert.match(await page.locator(testid('hp-plan')).innerText(), /6 runs of 3 epochs, 2 at a time/);
  await page.click(testid('hp-start'));
  await finished(page, 60_000);

  const all = await rows(page);
  t.diagnostic(all.map((r) => `#${r.id} η=${r.eta} λ=${r.lambda} ${(100 * r.validation).toFixed(1)} % worker ${r.worker} [${r.start}, ${r.end}]`).join('; '));
  assert.equal(all.length, 6);
  for (const r of all) {
    assert.equal(r.state, 'done', `run ${r.id}`);
    assert.equal(r.epochs, 3, `run ${r.id} epochs`);
    assert.ok(r.validation > 0 && r.validation <= 1, `run ${r.id} validation ${r.validation}`);
    assert.ok(r.start > 0 && r.end > r.start, `run ${r.id} events`);
  }
  // Two runs overlapped: one started before the other ended, and the other before the first ended.
  const overlapping = all.some((a) => all.some((b) => a !== b && a.start < b.end && b.start < a.end));
  assert.ok(overlapping, 'no two runs trained at the same time');
  assert.deepEqual([...new Set(all.map((r) => r.worker))].sort(), [0, 1]);
  assert.ok(Number(await page.locator('[data-chapter="hyperparameters"]').getAttribute('data-max-parallel')) >= 2);
  // η and λ lie in the searched box, drawn on a log scale.
  for (const r of all) assert.ok(r.eta >= 0.00999 && r.eta <= 10.01 && r.lambda >= 0.00999 && r.lambda <= 30.1, JSON.stringify(r));

  // Sorting: validation accuracy descending, again ascending; η ascending.
  await page.click(testid('sort-accuracy'));
  let shown = (await rows(page)).map((r) => r.validation);
  assert.deepEqual(shown, [...shown].sort((a, b) => b - a));
  await page.click(testid('sort-accuracy'));
  shown = (await rows(page)).map((r) => r.validation);
  assert.deepEqual(shown, [...shown].sort((a, b) => a - b));
  await page.click(testid('sort-eta'));
  const etas = (await rows(page)).map((r) => r.eta);
  assert.deepEqual(etas, [...etas].sort((a, b) => a - b));

  // The best run: the highest validation accuracy, clearly better than the worst.
  const best = all.find((r) => r.best);
  const top = Math.max(...all.map((r) => r.validation));
  const worst = Math.min(...all.map((r) => r.validation));
  assert.equal(best.validation, top);
  assert.ok(best.validation - worst >= 0.15, `best ${best.validation} against worst ${worst}`);
  assert.match(await page.locator(testid('hp-best')).innerText(), new RegExp(`Run ${best.id}: η = ${best.eta}, λ = ${best.lambda}`));

  // The test set, once, for the chosen run only.
  await page.click(testid('hp-test'));
  await page.waitForFunction(() => document.querySelector('[data-testid="hp-test-result"]')?.dataset.accuracy, null, { timeout: 30_000 });
  const testResult = await page.locator(testid('hp-test-result')).innerText();
  const [, correct, count] = testResult.match(/(\d+) \/ (\d+)/).map(Number);
  assert.equal(count, 1000);
  assert.ok(correct > 100, testResult);

  await screenshotsAtSizes(page, 'hyperparameters', async (p) => {
    await p.evaluate(() => document.querySelector('#hp-space-title').scrollIntoView({ block: 'start' }));
  });
  await screenshotsAtSizes(page, 'hyperparameters-table', async (p) => {
    await p.evaluate(() => document.querySelector('#hp-runs-title').scrollIntoView({ block: 'start' }));
  });

  // On a phone the wide table scrolls inside its box, not the page.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  await page.setViewportSize({ width: 1366, height: 900 });

  // One click: the MNIST chapter with those values in its form.
  const href = await page.locator(testid('hp-best-link')).getAttribute('href');
  const query = new URLSearchParams(href.split('?')[1]);
  assert.equal(Number(query.get('eta')), best.eta);
  assert.equal(Number(query.get('lambda')), best.lambda);
  await page.click(testid('hp-best-link'));
  await page.waitForSelector('[data-chapter="mnist"]');
  const form = await page.evaluate(() => Object.fromEntries(['eta', 'lambda', 'sizes', 'regularization', 'epochs', 'nTrain', 'nValidation']
    .map((n) => [n, /** @type {HTMLInputElement} */ (document.querySelector(`[data-chapter="mnist"] [data-testid="${n}"]`))?.value])));
  t.diagnostic(JSON.stringify(form));
  assert.equal(Number(form.eta), best.eta);
  assert.equal(Number(form.lambda), best.lambda);
  assert.equal(form.sizes, '784,30,10');
  assert.equal(form.regularization, 'l2');
  assert.equal(form.epochs, '3');
  assert.equal(form.nTrain, '800');
  assert.equal(form.nValidation, '200');
  assert.equal(await page.locator(`[data-chapter="mnist"] ${testid('param-errors')}`).first().isVisible(), false);
  assert.deepEqual(browser.problems, []);
});

test('hyperparameters: stopping one run leaves the others training; rows hold their places under the pointer', { timeout: 90_000 }, async (t) => {
  await page.goto(`${server.url}#/hyperparameters?strategy=random&runs=4&epochs=100&hidden=100&workers=2&data=sample&seed=2`);
  await page.waitForSelector(testid('hp-start'));
  await page.click(testid('hp-start'));
  // Sorted by accuracy the rows move as the runs train; with the pointer over the table they hold their places.
  await page.click(testid('sort-accuracy'));
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="hp-table"] tbody tr')]
    .filter((tr) => tr.dataset.state === 'running' && Number(tr.dataset.epochs) >= 2).length === 2, null, { timeout: 30_000, polling: 100 });
  const box = await page.locator(testid('hp-table')).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await rows(page);
  // The run with fewer epochs is stopped; the other goes on (the two started at different times).
  const [victim, other] = before.filter((r) => r.state === 'running').sort((x, y) => x.epochs - y.epochs);
  await page.click(testid(`stop-${victim.id}`));
  await page.waitForFunction((id) => document.querySelector(`[data-testid="run-row-${id}"]`)?.dataset.state === 'stopped', victim.id);
  // The pointer is still over the table: the rows stay where they are while two runs train on.
  assert.equal(await page.locator(testid('hp-table')).getAttribute('data-held'), 'true');
  const held = await rows(page);
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="hp-table"] tbody tr')]
    .reduce((a, tr) => a + Number(tr.dataset.epochs), 0) >= n, held.reduce((a, r) => a + r.epochs, 0) + 6, { polling: 50 });
  const later = await rows(page);
  t.diagnostic(`held: ${held.map((r) => `#${r.id} ${r.validation}`).join(', ')}; later: ${later.map((r) => `#${r.id} ${r.validation}`).join(', ')}`);
  assert.deepEqual(later.map((r) => r.id), held.map((r) => r.id), 'the rows kept their places while the runs trained');
  // The pointer leaves: the table sorts by validation accuracy again, best first, runs without one last.
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => {
    const trs = [...document.querySelectorAll('[data-testid="hp-table"] tbody tr')];
    const v = trs.map((tr) => Number(tr.dataset.validation)).map((x) => (Number.isFinite(x) ? x : -1));
    return trs[0]?.closest('table')?.dataset.held === 'false' && v.every((x, i) => i === 0 || v[i - 1] >= x);
  }, null, { polling: 50 });
  // Every other run trains to its end: the one that was running, and the queued ones on the freed worker.
  await finished(page, 60_000);
  const after = await rows(page);
  t.diagnostic(after.map((r) => `#${r.id} ${r.state} ${r.epochs} epochs, worker ${r.worker} [${r.start}, ${r.end}]`).join('; '));
  assert.equal(after.length, 4);
  const stopped = after.find((r) => r.id === victim.id);
  assert.equal(stopped.state, 'stopped');
  assert.ok(stopped.epochs >= 2 && stopped.epochs < 100, `stopped after ${stopped.epochs} epochs`);
  assert.ok(Number.isFinite(stopped.validation), 'the stopped run keeps its last validation accuracy');
  for (const r of after.filter((x) => x.id !== victim.id)) {
    assert.equal(r.state, 'done', `run ${r.id}`);
    assert.equal(r.epochs, 100, `run ${r.id} trained all its epochs`);
  }
  // The stopped run's worker was replaced by a fresh one, which took a queued run.
  const queued = after.filter((r) => r.id !== victim.id && r.id !== other.id);
  assert.ok(queued.some((r) => r.worker === victim.worker && r.start > stopped.end), 'a queued run ran on the freed worker');
  assert.deepEqual(browser.problems, []);
});

test('hyperparameters: coarse to fine searches again around the best, for more epochs; a grid crosses log-spaced values', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/hyperparameters?strategy=grid&runs=4&etaMin=0.01&etaMax=1&lambdaMin=0.1&lambdaMax=10&workers=2&data=sample`);
  await page.waitForSelector(testid('hp-start'));
  // k = √4 = 2 values per axis: the ends of each log range.
  assert.match(await page.locator(testid('hp-plan')).innerText(), /^4 runs of 3 epochs, 2 at a time/);
  await page.goto(`${server.url}#/hyperparameters?strategy=coarse&runs=3&epochs=1&fineEpochs=2&workers=2&data=sample&seed=4`);
  await page.waitForFunction(() => /then 3 finer runs of 2 epochs/.test(document.querySelector('[data-testid="hp-plan"]')?.textContent || ''));
  await page.click(testid('hp-start'));
  await finished(page, 45_000);
  const all = (await rows(page)).sort((a, b) => a.id - b.id);
  t.diagnostic(all.map((r) => `#${r.id} η=${r.eta} λ=${r.lambda} ${r.epochs} epochs ${(100 * r.validation).toFixed(1)} %`).join('; '));
  assert.equal(all.length, 6);
  const coarse = all.slice(0, 3);
  const fine = all.slice(3);
  const best = coarse.reduce((a, b) => (b.validation > a.validation ? b : a));
  // The fine box: a quarter of each log range, centred on the best coarse run.
  const etaHalf = 10 ** (Math.log10(10 / 0.01) / 8);
  const lambdaHalf = 10 ** (Math.log10(30 / 0.01) / 8);
  for (const r of coarse) assert.equal(r.epochs, 1);
  for (const r of fine) {
    assert.equal(r.state, 'done');
    assert.equal(r.epochs, 2);
    assert.ok(r.eta >= best.eta / etaHalf * 0.99 && r.eta <= best.eta * etaHalf * 1.01, `η ${r.eta} around ${best.eta}`);
    assert.ok(r.lambda >= best.lambda / lambdaHalf * 0.99 && r.lambda <= best.lambda * lambdaHalf * 1.01, `λ ${r.lambda} around ${best.lambda}`);
  }
  assert.deepEqual(browser.problems, []);
});

test('hyperparameters: a bad range gets a message naming it', async () => {
  await page.goto(`${server.url}#/hyperparameters?etaMin=0`);
  await page.waitForSelector(testid('param-errors'));
  assert.match(await page.locator(testid('param-errors')).innerText(), /smallest η \(etaMin\) must be a number greater than 0 and at most 1000, got “0”/);
  await page.goto(`${server.url}#/hyperparameters?etaMin=5&etaMax=1`);
  await page.waitForFunction(() => /etaMin/.test(document.querySelector('[data-testid="hp-range-errors"]')?.textContent || ''));
  assert.match(await page.locator(testid('hp-range-errors')).innerText(), /smallest η \(etaMin\) 5 is above largest η \(etaMax\) 1: the range is empty/);
  assert.equal(await page.locator(testid('hp-start')).isDisabled(), true);
  // Typed: λ's minimum above its maximum.
  await page.fill(testid('etaMin'), '0.01');
  await page.fill(testid('lambdaMin'), '100');
  await page.locator(testid('lambdaMin')).press('Tab');
  await page.waitForFunction(() => /lambdaMin/.test(document.querySelector('[data-testid="hp-range-errors"]')?.textContent || ''));
  assert.match(await page.locator(testid('hp-range-errors')).innerText(), /smallest λ \(lambdaMin\) 100 is above largest λ \(lambdaMax\) 30/);
  assert.equal(await page.locator(testid('hp-start')).isDisabled(), true);
  await page.fill(testid('lambdaMin'), '0.1');
  await page.locator(testid('lambdaMin')).press('Tab');
  await page.waitForFunction(() => !document.querySelector('[data-testid="hp-start"]').disabled);
  assert.deepEqual(browser.problems, []);
});

test('hyperparameters: held rows keep their order and new runs go after them; released, the sort applies', async () => {
  await page.goto(`${server.url}#/hyperparameters`);
  await page.waitForSelector(testid('hp-start'));
  const order = await page.evaluate(async () => {
    const { rowOrder } = await import('./js/chapters/hyperparameters-table.js');
    const runs = [[1, 0.5], [2, 0.9], [3, 0.7], [4, 0.8], [5, NaN]].map(([id, accuracy]) => ({ id, accuracy }));
    const sort = { key: 'accuracy', descending: true };
    const ids = (rs) => rs.map((r) => r.id).join(',');
    return { held: ids(rowOrder(runs, sort, [3, 1, 2], true)), released: ids(rowOrder(runs, sort, [3, 1, 2], false)) };
  });
  // Held: 3, 1, 2 where they were; the new runs 4 and 5 after them in sorted order (5 has no accuracy yet: last).
  assert.equal(order.held, '3,1,2,4,5');
  assert.equal(order.released, '2,4,3,1,5');
});

test('hyperparameters: sorting from the keyboard keeps the focus on the column sorted', async () => {
  await page.goto(`${server.url}#/hyperparameters?strategy=random&runs=3&epochs=1&workers=1&data=sample&seed=3`);
  await page.waitForSelector(testid('hp-start'));
  await page.click(testid('hp-start'));
  await finished(page, 30_000);
  await page.locator(testid('sort-accuracy')).focus();
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => ({
    focused: /** @type {HTMLElement} */ (document.activeElement).dataset.testid,
    sort: document.querySelector('[data-testid="sort-accuracy"]')?.closest('th')?.getAttribute('aria-sort'),
  }));
  assert.deepEqual(after, { focused: 'sort-accuracy', sort: 'descending' });
});
