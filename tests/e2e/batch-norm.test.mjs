// End-to-end tests of the batch-norm chapter: the live numbers of the chosen neuron satisfy the slide's algorithm
// when recomputed here from the shown x_i (μ_B, σ²_B, x̂_i, y_i = γ x̂_i + β); at a learning rate where plain SGD
// struggles, the network with batch norm ends with a better validation accuracy than without (both reported); a bad
// link value is named; screenshots; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, testid } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

/** On a phone the page does not scroll sideways. */
async function noSideScroll(p) {
  const before = p.viewportSize();
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  await p.setViewportSize(before);
  assert.ok(scroll <= width, `page ${scroll} px wide on a ${width} px phone`);
}

/** A number attribute that must be there (a missing one fails instead of reading as 0). */
async function attr(p, id) {
  const raw = await p.locator(testid(id)).first().getAttribute('data-value', { timeout: 5_000 });
  assert.ok(raw !== null && raw !== '', `${id} has no data-value`);
  const x = Number(raw);
  assert.ok(Number.isFinite(x), `${id} = ${raw}`);
  return x;
}

/** The shown numbers of the algorithm, all read in one go (one mini-batch). */
async function shown(p) {
  const snapshot = await p.evaluate(() => {
    const get = (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? null;
    const rows = document.querySelectorAll('[data-testid="bn-values"] tbody tr').length;
    const column = (name) => Array.from({ length: rows }, (_, i) => get(`bn-${name}-${i}`));
    return {
      x: column('x'), xHat: column('xhat'), y: column('y'),
      mean: get('bn-mean'), var: get('bn-var'), eps: get('bn-eps'), gamma: get('bn-gamma'), beta: get('bn-beta'),
    };
  });
  const number = (v, what) => {
    assert.ok(v !== null && v !== '' && Number.isFinite(Number(v)), `${what} missing or not a number: ${v}`);
    return Number(v);
  };
  const out = {};
  for (const [k, v] of Object.entries(snapshot)) out[k] = Array.isArray(v) ? v.map((x, i) => number(x, `${k}[${i}]`)) : number(v, k);
  return out;
}

/** Recompute the algorithm from the shown x_i, γ, β, ε and compare; returns the largest relative error. */
function check(n) {
  const m = n.x.length;
  const mu = n.x.reduce((s, x) => s + x, 0) / m;
  const v = n.x.reduce((s, x) => s + (x - mu) ** 2, 0) / m;
  const scale = Math.max(1, Math.abs(mu), Math.sqrt(v));
  let worst = Math.max(Math.abs(mu - n.mean) / scale, Math.abs(v - n.var) / Math.max(1, v));
  n.x.forEach((x, i) => {
    const xHat = (x - mu) / Math.sqrt(v + n.eps);
    const y = n.gamma * xHat + n.beta;
    worst = Math.max(worst, Math.abs(xHat - n.xHat[i]) / Math.max(1, Math.abs(xHat)), Math.abs(y - n.y[i]) / Math.max(1, Math.abs(y)));
  });
  // Normalized over the batch: x̂ has mean 0 and variance σ²_B / (σ²_B + ε) ≈ 1.
  const hatMean = n.xHat.reduce((s, x) => s + x, 0) / m;
  const hatVar = n.xHat.reduce((s, x) => s + (x - hatMean) ** 2, 0) / m;
  assert.ok(Math.abs(hatMean) < 1e-5 && Math.abs(hatVar - v / (v + n.eps)) < 1e-4, `x̂: mean ${hatMean}, var ${hatVar}`);
  return { worst, mu, v };
}

test('batch-norm: the live numbers of neuron j satisfy μ_B, σ²_B, x̂_i and y_i = γ x̂_i + β', async (t) => {
  await page.goto(`${server.url}#/batch-norm?neuron=4&epochs=1&eta=10`);
  await page.waitForSelector(testid('bn-x-9'), { timeout: 20_000 });
  const before = await shown(page);
  assert.equal(before.x.length, 10, 'm = 10');
  // Before training: γ = 1, β = 0, so y_i = x̂_i.
  assert.equal(before.gamma, 1);
  assert.equal(before.beta, 0);
  const first = check(before);
  t.diagnostic(`before training: μ_B ${first.mu.toFixed(4)}, σ²_B ${first.v.toFixed(4)}, largest relative error ${first.worst.toExponential(2)}`);
  assert.ok(first.worst < 1e-4, `${first.worst}`);
  // Some mini-batches later, γ and β have learned and the numbers are another batch's.
  for (let i = 0; i < 10; i++) await page.click(testid('bn-step'));
  await page.waitForFunction(() => /mini-batch 10 of/.test(document.querySelector('[data-testid="bn-where"]').textContent), null, { timeout: 10_000 });
  const after = await shown(page);
  const later = check(after);
  t.diagnostic(`after 10 mini-batches: x₁ ${after.x[0].toFixed(4)}, μ_B ${later.mu.toFixed(4)}, σ²_B ${later.v.toFixed(4)}, γ ${after.gamma.toFixed(4)}, β ${after.beta.toFixed(4)}, largest relative error ${later.worst.toExponential(2)}`);
  assert.ok(later.worst < 1e-4, `${later.worst}`);
  assert.notEqual(after.gamma, 1, 'γ is learned');
  assert.notDeepEqual(after.x, before.x);
  // The running averages moved from (0, 1) towards the batch statistics: 10 updates with momentum 0.9.
  const runningMean = await attr(page, 'bn-running-mean');
  const runningVar = await attr(page, 'bn-running-var');
  t.diagnostic(`running averages after 10 batches: μ̂ ${runningMean.toFixed(4)}, σ̂² ${runningVar.toFixed(4)}`);
  assert.ok(runningVar > 0 && runningVar !== 1);
  // Another neuron, picked by the student: other numbers, the same algorithm.
  await page.fill(testid('neuron'), '7');
  await page.locator(testid('neuron')).press('Tab');
  await page.waitForFunction(() => /neuron=7/.test(location.hash) && /Neuron j = 7/.test(document.querySelector('[data-testid="bn-where"]').textContent));
  const other = await shown(page);
  assert.ok(check(other).worst < 1e-4);
  assert.notDeepEqual(other.x, after.x);
  await noSideScroll(page);
  await screenshotsAtSizes(page, 'batch-norm-algorithm', async (p) => {
    await p.evaluate(() => document.querySelector('#bn-algo-title').scrollIntoView({ block: 'start' }));
  });
});

test('batch-norm: at η = 5 the network with batch norm beats the one without', { timeout: 60_000 }, async (t) => {
  await page.goto(`${server.url}#/batch-norm?eta=5&epochs=2&seed=1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="bn-play"]')?.disabled === false, null, { timeout: 20_000 });
  await page.click(testid('bn-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="bn-panel"]').dataset.state === 'finished', null, { timeout: 45_000 });
  const rows = await page.locator(`${testid('bn-table')} tbody tr`).evaluateAll((trs) => trs.map((r) => [r.dataset.testid, r.dataset.validation, r.dataset.epochs]));
  const acc = {};
  for (const [id, v, epochs] of rows) {
    assert.ok(v !== undefined && Number.isFinite(Number(v)), `${id}: validation ${v}`);
    assert.equal(Number(epochs), 2);
    acc[id.replace('bn-row-', '')] = Number(v);
  }
  t.diagnostic(`validation accuracy at η = 5 after 2 epochs: ${Object.entries(acc).map(([k, v]) => `${k} ${(100 * v).toFixed(1)} %`).join(', ')}`);
  assert.deepEqual(Object.keys(acc), ['plain', 'bn', 'plainCareless', 'bnCareless']);
  assert.ok(acc.bn > acc.plain + 0.1, `with ${acc.bn} vs without ${acc.plain}`);
  assert.ok(acc.bnCareless > acc.plainCareless, `careless start: with ${acc.bnCareless} vs without ${acc.plainCareless}`);
  await screenshotsAtSizes(page, 'batch-norm', async (p) => {
    await p.evaluate(() => document.querySelector('#bn-mnist-title').scrollIntoView({ block: 'start' }));
  });
});

test('batch-norm: a bad link value is named', async () => {
  await page.goto(`${server.url}#/batch-norm?neuron=0&eta=-1`);
  await page.waitForSelector(testid('param-errors'));
  const errors = (await page.locator(testid('param-errors')).allInnerTexts()).join('\n');
  assert.match(errors, /hidden neuron \(neuron\) must be a whole number between 1 and 100, got “0”/);
  assert.match(errors, /learning rate \(all runs\) \(eta\) must be .*got “-1”/);
  // A neuron past the hidden layer's size is named too, with the allowed range.
  await page.goto(`${server.url}#/batch-norm?neuron=40&hidden=30`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="bn-probe-error"]').hidden, null, { timeout: 20_000 });
  assert.match(await page.locator(testid('bn-probe-error')).innerText(), /hidden neuron \(neuron\) must be at most 30, the number of hidden neurons, got “40”/);
});

