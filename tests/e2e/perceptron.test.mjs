// End-to-end tests of the chapter "Perceptrons & NAND", driven as a student would: the NAND
// perceptron's truth table, editing weights and inputs, the half adder's lit gates, the 4-bit adder,
// the learning rule (AND converges, XOR never does), URL errors and links, keys, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, inViewport, testid, text, value, values } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const outcome = (p) => p.locator('.chapter[data-chapter="perceptron"]').getAttribute('data-outcome');

/** Open the chapter afresh (a reload, so a test that opens it twice starts over the second time). */
async function open(p, query = '') {
  await p.goto(`${server.url}#/perceptron${query ? `?${query}` : ''}`);
  await p.reload();
  await waitForState(p, 'perceptron', ['idle']);
}

/** Set a slider as a student dragging it would (the value, then input + change events). */
async function slide(p, name, v) {
  await p.locator(testid(name)).fill(String(v));
}

test('NAND: w = (−2, −2), b = 3 gives 1, 1, 1, 0 in the truth table', async () => {
  await open(page);
  assert.equal(await page.locator(testid('w1')).inputValue(), '-2');
  assert.equal(await page.locator(testid('w2')).inputValue(), '-2');
  assert.equal(await page.locator(testid('b')).inputValue(), '3');
  assert.equal(await page.locator(testid('preset')).inputValue(), 'nand');
  assert.deepEqual(await values(page, 'tt-output'), [1, 1, 1, 0]);
  assert.deepEqual(await page.locator(testid('tt-output')).allInnerTexts(), ['1', '1', '1', '0']);
  assert.match(await text(page, 'table-note'), /computes NAND ✓/);
  // Both forms, typeset, agree on the current input (1, 1): Σ = −4 ≤ −3, w·x + b = −1 ≤ 0.
  assert.equal(await value(page, 'output-threshold'), 0);
  assert.equal(await value(page, 'output-bias'), 0);
  const live = (await page.locator(`${testid('live-bias')} .katex-mathml`).textContent()).replace(/\s+/g, '');
  assert.match(live, /=(−|-)1≤0/);
});

test('NAND: toggling the inputs moves the current row and the output', async () => {
  await open(page);
  await page.click(testid('x1'));
  assert.equal(await page.locator(testid('x1')).getAttribute('aria-pressed'), 'false');
  assert.equal(await value(page, 'output-bias'), 1);
  assert.equal(await value(page, 'output-threshold'), 1);
  const current = await page.locator(`${testid('truth-table')} tr.current td`).allInnerTexts();
  assert.deepEqual(current.slice(0, 2), ['0', '1']);
  assert.match(page.url(), /x1=0/);
});

test('editing a weight changes the truth table at once', async () => {
  await open(page);
  await slide(page, 'b', 4.5); // −2 −2 + 4.5 > 0: now every row is 1
  assert.deepEqual(await values(page, 'tt-output'), [1, 1, 1, 1]);
  assert.equal(await page.locator(testid('preset')).inputValue(), 'custom');
  await slide(page, 'w1', 1);
  await slide(page, 'w2', 1);
  await slide(page, 'b', -1.5);
  assert.deepEqual(await values(page, 'tt-output'), [0, 0, 0, 1]);
  assert.equal(await page.locator(testid('preset')).inputValue(), 'and');
  // The preset selector fills in the core's weights.
  await page.selectOption(testid('preset'), 'or');
  assert.deepEqual(await values(page, 'tt-output'), [0, 1, 1, 1]);
  await page.selectOption(testid('preset'), 'nor');
  assert.deepEqual(await values(page, 'tt-output'), [1, 0, 0, 0]);
  assert.match(page.url(), /w1=-1&w2=-1&b=0.5/);
});

test('half adder: sum and carry lit correctly for all four inputs', async () => {
  await open(page);
  for (const [x1, x2] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
    for (const [name, want] of [['hx1', x1], ['hx2', x2]]) {
      const pressed = (await page.locator(testid(name)).getAttribute('aria-pressed')) === 'true';
      if (pressed !== Boolean(want)) await page.click(testid(name));
    }
    assert.equal(await value(page, 'ha-x1'), x1);
    assert.equal(await value(page, 'ha-x2'), x2);
    assert.equal(await value(page, 'ha-sum'), x1 ^ x2, `sum of ${x1}+${x2}`);
    assert.equal(await value(page, 'ha-carry'), x1 & x2, `carry of ${x1}+${x2}`);
    // Every gate is a NAND of its inputs.
    const g = {};
    for (const id of ['g1', 'g2', 'g3', 'g4', 'g5']) g[id] = await value(page, `ha-${id}`);
    const nand = (a, b) => 1 - (a & b);
    assert.deepEqual(g, { g1: nand(x1, x2), g2: nand(x1, g.g1), g3: nand(x2, g.g1), g4: nand(g.g2, g.g3), g5: nand(g.g1, g.g1) });
    assert.equal(await page.locator(`${testid('ha-g1')}.on`).count(), g.g1);
  }
});

test('4-bit adder: 36 NAND perceptrons add like plain arithmetic', async () => {
  await open(page);
  for (const [a, b] of [[7, 9], [15, 15], [0, 0], [5, 3], [12, 1]]) {
    await slide(page, 'a', a);
    await slide(page, 'b4', b);
    assert.equal(await value(page, 'adder-sum'), a + b, `${a} + ${b}`);
    assert.equal(await text(page, 'adder-bits'), (a + b).toString(2).padStart(5, '0'));
    assert.equal(await value(page, 'adder-count'), 36);
  }
  assert.equal(await page.locator(`${testid('adder-table')} .dot`).count(), 36);
});

test('learning rule: learns AND, step by step and then by playing', { timeout: 60_000 }, async () => {
  await open(page, 'gate=and');
  await page.click(testid('learn-step'));
  assert.equal(await waitForState(page, 'perceptron', ['paused']), 'paused');
  assert.equal(await text(page, 'learn-steps'), '1');
  assert.equal(await page.locator(`${testid('learn-table')} tr.current`).count(), 1);
  assert.match(await text(page, 'learn-last-step'), /row\s*1/);
  await page.selectOption(testid('learn-speed'), '1000');
  await page.click(testid('learn-play'));
  await waitForState(page, 'perceptron', ['finished'], 30_000);
  assert.equal(await outcome(page), 'converged');
  assert.match(await text(page, 'learn-status'), /Learned AND/);
  assert.equal(await value(page, 'learn-right'), 4);
  assert.deepEqual(await page.locator(`${testid('learn-table')} .mark`).allInnerTexts(), ['✓', '✓', '✓', '✓']);
  assert.deepEqual(await values(page, 'learn-output'), [0, 0, 0, 1]);
  assert.equal(await text(page, 'learn-errors'), '0');
});

test('learning rule: OR and NAND converge too', { timeout: 60_000 }, async () => {
  for (const [gate, want] of [['or', [0, 1, 1, 1]], ['nand', [1, 1, 1, 0]]]) {
    await open(page, `gate=${gate}&speed=1000`);
    await page.click(testid('learn-play'));
    await waitForState(page, 'perceptron', ['finished'], 30_000);
    assert.equal(await outcome(page), 'converged', gate);
    assert.deepEqual(await values(page, 'learn-output'), want, gate);
  }
});

test('learning rule: XOR never converges, and the page says why', { timeout: 60_000 }, async () => {
  await open(page, 'gate=xor&speed=1000');
  await page.click(testid('learn-play'));
  await waitForState(page, 'perceptron', ['finished'], 30_000);
  assert.ok(['cycled', 'bound'].includes(await outcome(page)));
  assert.match(await text(page, 'learn-status'), /XOR never converges: no line separates its points.*cycles through the same weights forever/);
  assert.equal(await page.locator(testid('xor-note')).isVisible(), true);
  assert.equal(await page.locator(testid('xor-link')).getAttribute('href'), '#/xor');
  assert.ok((await value(page, 'learn-right')) < 4);
  assert.equal(await page.locator(testid('learn-play')).isDisabled(), true);
  await page.click(testid('xor-link'));
  await page.waitForFunction(() => location.hash === '#/xor');
  // The XOR chapter's page (its own tests check what it shows).
  await page.waitForFunction(() => /XOR/.test(document.querySelector('#main h1')?.textContent || ''), null, { timeout: 30_000 });
});

test('keyboard: Space plays and pauses, → steps, R resets the learning run', async () => {
  await open(page, 'gate=or');
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  assert.equal(await waitForState(page, 'perceptron', ['paused']), 'paused');
  assert.equal(await text(page, 'learn-steps'), '1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, 'learn-steps'), '2');
  await page.keyboard.press('Space');
  await waitForState(page, 'perceptron', ['running', 'finished']);
  await page.keyboard.press('Space');
  await waitForState(page, 'perceptron', ['paused', 'finished']);
  await page.keyboard.press('r');
  await waitForState(page, 'perceptron', ['idle']);
  assert.equal(await text(page, 'learn-steps'), '0');
});

test('a bad value in the link is named, and the default used', async () => {
  await open(page, 'w1=abc');
  const errors = await text(page, 'param-errors');
  assert.match(errors, /\(w1\).*between −?-?6 and 6.*“abc”/);
  assert.equal(await page.locator(testid('w1')).getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await values(page, 'tt-output'), [1, 1, 1, 0]);
  await open(page, 'x2=7&a=99&gate=xnor');
  assert.match(await text(page, 'bit-errors'), /x2/);
  assert.match(await page.locator('.chapter .error-box:not([hidden])').allInnerTexts().then((t) => t.join(' ')), /\(a\).*between 0 and 15/);
  assert.match(await page.locator('.chapter .error-box:not([hidden])').allInnerTexts().then((t) => t.join(' ')), /\(gate\).*one of and, or, nand, nor, xor/);
});

test('a copied link reproduces the state in a fresh page', async () => {
  await open(page);
  await slide(page, 'w1', 1.5);
  await page.click(testid('x2'));
  await page.click(testid('hx1'));
  await slide(page, 'a', 12);
  await slide(page, 'b4', 6);
  await page.selectOption(testid('gate'), 'nor');
  await page.fill(testid('eta'), '0.5');
  await page.locator(testid('eta')).blur();
  await page.selectOption(testid('learn-speed'), '20');
  const link = page.url();
  assert.match(link, /w1=1.5/);
  const state = async (p) => ({
    tt: await values(p, 'tt-output'),
    x2: await p.locator(testid('x2')).getAttribute('aria-pressed'),
    carry: await value(p, 'ha-carry'),
    sum: await value(p, 'ha-sum'),
    adder: await value(p, 'adder-sum'),
    gate: await p.locator(testid('gate')).inputValue(),
    eta: await p.locator(testid('eta')).inputValue(),
    speed: await p.locator(testid('learn-speed')).inputValue(),
  });
  const before = await state(page);
  assert.equal(before.adder, 18);
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await waitForState(fresh, 'perceptron', ['idle']);
  assert.deepEqual(await state(fresh), before);
  await fresh.close();
});

test('layout: controls and picture on one screen; screenshots', async (t) => {
  await open(page);
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    for (const [controls, view] of [['preset', 'truth-table'], ['hx1', 'half-adder'], ['a', 'adder-table'], ['learn-play', 'learn-plane']]) {
      await page.locator(testid(view)).scrollIntoViewIfNeeded();
      await page.locator(testid(view)).evaluate((el) => el.closest('.panel').scrollIntoView({ block: 'start' }));
      assert.ok(await inViewport(page, testid(controls)), `${width}×${height}: ${controls} on screen`);
      assert.ok(await inViewport(page, testid(view)), `${width}×${height}: ${view} on screen with ${controls}`);
    }
  }
  // Phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => [...document.querySelectorAll('.chapter *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap, .katex-display, .live, .last-step'))
    .map((el) => el.tagName + (el.className ? `.${String(el.className).split(' ')[0]}` : '')).slice(0, 5));
  assert.deepEqual(wide, []);
  const files = await screenshotsAtSizes(page, 'perceptron', async (p) => p.evaluate(() => window.scrollTo(0, 0)));
  t.diagnostic(files.join(', '));
  for (let i = 0; i < 6; i++) await page.click(testid('learn-step'));
  const learnFiles = await screenshotsAtSizes(page, 'perceptron-learn', async (p) => {
    await p.locator(testid('learn-plane')).evaluate((el) => {
      el.closest('.panel').scrollIntoView({ block: 'start' });
      window.scrollBy(0, -64); // below the sticky app bar
    });
  });
  const adderFiles = await screenshotsAtSizes(page, 'perceptron-adder', async (p) => {
    await p.locator(testid('half-adder')).evaluate((el) => {
      el.closest('.panel').scrollIntoView({ block: 'start' });
      window.scrollBy(0, -64);
    });
  });
  t.diagnostic([...learnFiles, ...adderFiles].join(', '));
});
