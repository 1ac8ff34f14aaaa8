// End-to-end tests of the app shell and the chapter kit, on the XOR chapter: navigation in lecture order,
// runs that survive leaving a chapter, state in the URL (copy link, Back / Forward, bad values named),
// keyboard shortcuts, and KaTeX served from the site itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, startServer, waitForState, screenshot, testid, text } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const steps = async (p) => Number((await text(p, 'steps')).replace(/,/g, ''));
const trainParams = (p) => p.locator(testid('train-params')).innerText();
/** Open `hash` in a fresh document (a chapter visited before would otherwise come back as it was left). */
const open = async (p, hash) => {
  await p.goto('about:blank');
  await p.goto(`${server.url}${hash}`);
};

test('shell: default route, every chapter in lecture order as a link; an unknown one is named', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => location.hash.startsWith('#/xor'));
  await waitForState(page, 'xor', ['idle']);
  const items = await page.locator('#toc li').allInnerTexts();
  assert.equal(items.length, 20);
  assert.match(items[0], /Perceptron/);
  assert.match(items[3], /XOR/);
  assert.match(items[4], /Playground/);
  assert.match(items[5], /digits/);
  assert.match(items[19], /Hyperparameter/);
  const links = await page.locator('#toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  // The lecture's order, the playground after XOR and the set-up chapter before the search.
  assert.deepEqual(links, ['#/perceptron', '#/sigmoid', '#/feedforward', '#/xor', '#/playground', '#/mnist', '#/losses',
    '#/gradient-descent', '#/sgd', '#/backprop', '#/activations', '#/overfitting', '#/regularization', '#/preprocessing',
    '#/initialization', '#/batch-norm', '#/optimizers', '#/lr-decay', '#/setup', '#/hyperparameters']);
  await page.goto(`${server.url}#/no-such-chapter`);
  await page.waitForSelector('.chapter[data-state="missing"]');
  assert.match(await page.locator('h1').innerText(), /No chapter “no-such-chapter”/);
});

test('kit: formulas are typeset by KaTeX from the site itself, nothing from another host', async () => {
  const foreign = [];
  const p = await browser.newPage();
  p.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const fonts = [];
  p.on('response', (r) => {
    if (r.url().includes('/vendor/katex/fonts/')) fonts.push(r.status());
  });
  await p.goto(`${server.url}#/xor`);
  await waitForState(p, 'xor', ['idle']);
  assert.ok(await p.locator('.formula .katex').count() >= 4, 'the formulas are KaTeX');
  assert.equal(await p.locator('.frac').count(), 0, 'no hand-written HTML fractions left');
  assert.match(await p.locator('.formula .katex-mathml').first().textContent(), /ReLU/);
  await p.waitForFunction(() => document.fonts.status === 'loaded');
  assert.ok(fonts.length > 0 && fonts.every((s) => s === 200), `KaTeX fonts load from the site: ${fonts}`);
  assert.deepEqual(foreign, []);
  await p.close();
});

test('kit: a bad value in the link is named with its range, the default is used meanwhile', async () => {
  await page.goto(`${server.url}#/xor?eta=abc&seed=-4&colour=red`);
  await waitForState(page, 'xor', ['idle']);
  const errors = await text(page, 'param-errors');
  assert.match(errors, /learning rate \(eta\) must be a number greater than 0 and at most 10, got “abc”/);
  assert.match(errors, /seed must be a whole number between 0 and/);
  assert.match(errors, /colour/);
  assert.equal(await page.locator(testid('eta')).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(testid('seed')).inputValue(), '3', 'the default seed is used');
  // Fixing the field clears its message.
  await page.fill(testid('eta'), '0.05');
  await page.locator(testid('eta')).blur();
  await page.waitForFunction(() => !/eta/.test(document.querySelector('[data-testid="param-errors"]').textContent));
  assert.match(await page.evaluate(() => location.hash), /eta=0\.05/);
});

test('kit: typed values are decimals only, every problem listed at once', async () => {
  await page.goto(`${server.url}#/xor`);
  await waitForState(page, 'xor', ['idle']);
  for (const [value, want] of [['0x10', /eta.*“0x10”/], ['1e-300', /too close to 0/], ['Infinity', /eta.*“Infinity”/]]) {
    await page.fill(testid('eta'), value);
    await page.locator(testid('eta')).blur();
    assert.match(await text(page, 'param-errors'), want);
  }
  await page.fill(testid('seed'), '1.5');
  await page.locator(testid('seed')).blur();
  const both = await text(page, 'param-errors');
  assert.match(both, /eta/);
  assert.match(both, /seed must be a whole number/);
});

test('kit: keyboard — Space plays and pauses, → steps, R resets; not while typing', async () => {
  await open(page, '#/xor?seed=5&speed=1&eta=0.001');
  await waitForState(page, 'xor', ['idle']);
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  assert.equal(await steps(page), 1);
  assert.equal(await waitForState(page, 'xor', ['paused']), 'paused');
  await page.keyboard.press(' ');
  await waitForState(page, 'xor', ['running']);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="steps"]').textContent.replace(/,/g, '')) > 5);
  await page.keyboard.press(' ');
  assert.equal(await waitForState(page, 'xor', ['paused']), 'paused');
  const after = await steps(page);
  await page.waitForTimeout(200);
  assert.equal(await steps(page), after, 'paused means no more steps');
  await page.keyboard.press('r');
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await steps(page), 0);
  // Typing a space or an r into a field is typing, not a shortcut.
  await page.locator(testid('seed')).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  await page.keyboard.press(' ');
  assert.equal(await steps(page), 0);
  assert.equal(await waitForState(page, 'xor', ['idle']), 'idle');
});

test('kit: a run survives leaving the chapter; Back and Forward restore its settings', async () => {
  await open(page, '#/xor?seed=7&eta=0.01');
  await waitForState(page, 'xor', ['idle']);
  for (let i = 0; i < 25; i++) await page.click(testid('step'));
  const weights = await trainParams(page);
  const status = await text(page, 'status');
  await page.click('#toc a[href="#/mnist"]');
  await page.waitForSelector('.chapter[data-chapter="mnist"]');
  await page.click('#toc a[href="#/xor"]');
  await waitForState(page, 'xor', ['paused']);
  assert.equal(await steps(page), 25, 'the run is where it was');
  assert.equal(await trainParams(page), weights);
  assert.equal(await text(page, 'status'), status);
  assert.match(await page.evaluate(() => location.hash), /seed=7/, 'the URL carries the run’s settings again');

  // A new seed is a new history entry's worth of state (the URL follows the form).
  await page.fill(testid('seed'), '11');
  await page.locator(testid('seed')).blur();
  await page.waitForFunction(() => location.hash.includes('seed=11'));
  const weights11 = await trainParams(page);
  assert.notEqual(weights11, weights);
  await page.fill(testid('eta'), '0.2');
  await page.locator(testid('eta')).blur();
  await page.waitForFunction(() => location.hash.includes('eta=0.2'));
  await page.goto(`${server.url}#/xor?seed=2`);
  await page.waitForFunction(() => document.querySelector('[data-testid="seed"]').value === '2');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid="seed"]').value === '11');
  assert.equal(await page.locator(testid('eta')).inputValue(), '0.2');
  assert.equal(await trainParams(page), weights11, 'Back restores the seed’s weights');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-testid="seed"]').value === '2');
});

test('kit: a copied link opened in a fresh tab trains the same weights', async () => {
  await open(page, '#/xor');
  await waitForState(page, 'xor', ['idle']);
  await page.fill(testid('seed'), '9');
  await page.locator(testid('seed')).blur();
  await page.fill(testid('eta'), '0.07');
  await page.locator(testid('eta')).blur();
  await page.click(testid('copy-link'));
  const link = await page.locator(testid('copy-link')).getAttribute('data-link');
  assert.match(link, /#\/xor\?.*seed=9/);
  assert.match(link, /eta=0\.07/);
  for (let i = 0; i < 40; i++) await page.click(testid('step'));
  const here = await trainParams(page);

  const fresh = await browser.newPage();
  await fresh.goto(link);
  await waitForState(fresh, 'xor', ['idle']);
  assert.equal(await fresh.locator(testid('seed')).inputValue(), '9');
  for (let i = 0; i < 40; i++) await fresh.click(testid('step'));
  assert.equal(await trainParams(fresh), here);
  await fresh.close();
});

test('kit: the seed is always in the link', async () => {
  await open(page, '#/xor');
  await waitForState(page, 'xor', ['idle']);
  await page.fill(testid('eta'), '0.3');
  await page.locator(testid('eta')).blur();
  await page.waitForFunction(() => location.hash.includes('eta=0.3'));
  assert.match(await page.evaluate(() => location.hash), /seed=3/);
});

test('site: works under a sub-path, as a GitHub Pages project site', { timeout: 60_000 }, async () => {
  const sub = await startServer(undefined, '/nnlab/');
  try {
    const p = await browser.newPage();
    const missing = [];
    p.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    await p.goto(`${sub.url}#/perceptron`);
    await waitForState(p, 'perceptron', ['idle']);
    assert.ok(await p.locator('.katex').count() > 0);
    await p.goto(`${sub.url}#/mnist?data=sample`);
    await p.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.dataset.data === 'ready');
    await p.click(`.chapter[data-chapter="mnist"] ${testid('step')}`);
    assert.deepEqual(missing, []);
    await p.close();
  } finally {
    await sub.close();
  }
});

test('site: a Content-Security-Policy without inline script or eval; wasm allowed', async () => {
  await page.goto(`${server.url}#/xor`);
  await waitForState(page, 'xor', ['idle', 'paused', 'finished']);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /[ ']'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
});

test('lecture hall: presenter mode from a link or the toggle, large type, no chapter list; the chapter sees only its own settings', async () => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, '#/xor?seed=4');
  await waitForState(page, 'xor', ['idle']);
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await rootSize();
  await open(page, '#/xor?seed=4&present=1');
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await page.locator('body.presenter').count(), 1);
  assert.ok(await rootSize() > normal * 1.15, `presenter type ${await rootSize()}px vs ${normal}px`);
  assert.equal(await page.locator('#toc').isVisible(), false);
  assert.equal(await page.locator(testid('param-errors')).isVisible(), false, 'present is not the chapter’s parameter');
  assert.equal(await page.locator(testid('seed')).inputValue(), '4');
  await page.locator('#xor-train-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'presenter-projector.png', { fullPage: false, keepScroll: true });
  // The chapter's own link updates keep the flag; the toggle drops it.
  await page.fill(testid('seed'), '6');
  await page.locator(testid('seed')).blur();
  await page.waitForFunction(() => /seed=6/.test(location.hash) && /present=1/.test(location.hash));
  await page.click(testid('presenter-toggle'));
  assert.equal(await page.locator('body.presenter').count(), 0);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /present/);
  assert.match(await page.evaluate(() => location.hash), /seed=6/);
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('lecture hall: a link can hide controls the exercise does not need', async () => {
  await open(page, '#/xor?hide=eta,init,link');
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await page.locator(testid('eta')).isVisible(), false);
  assert.equal(await page.locator(testid('init')).isVisible(), false);
  assert.equal(await page.locator(testid('seed')).isVisible(), true);
  assert.equal(await page.locator(testid('copy-link')).first().isVisible(), false);
  await open(page, '#/xor?hide=run');
  await waitForState(page, 'xor', ['idle']);
  assert.equal(await page.locator(testid('play')).isVisible(), false);
});

test('lecture hall: PageDown walks through a chapter’s parts, then to the next chapter; PageUp back', async () => {
  await open(page, '#/xor');
  await waitForState(page, 'xor', ['idle']);
  await page.locator('h1').click();
  const y = () => page.evaluate(() => window.scrollY);
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(100);
  const first = await y();
  assert.ok(first > 0, 'scrolled to the first part');
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(100);
  assert.ok(await y() > first, 'then to the next part');
  for (let i = 0; i < 6 && !(await page.evaluate(() => location.hash.startsWith('#/playground'))); i++) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(() => location.hash.startsWith('#/playground'));
  await page.keyboard.press('PageUp');
  await page.waitForTimeout(100);
  assert.match(await page.evaluate(() => location.hash), /#\/(playground|xor)/);
});
