// End-to-end tests of the "Feedforward networks" chapter, driven as a student would: hovering the
// diagram, tapping, the keyboard, stepping through Nielsen's feedforward, links with a seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForState, screenshotsAtSizes, inViewport, testid } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site), { clipboard: true });

const sigma = (z) => 1 / (1 + Math.exp(-z));

/** A fresh page load of the chapter (the shell keeps a visited chapter as it was). */
async function open(hash = '', p = page) {
  await p.goto('about:blank');
  await p.goto(`${server.url}#/feedforward${hash}`);
  await waitForState(p, 'feedforward', ['idle']);
  await p.waitForSelector(`${testid('diagram')}[data-nodes]`);
}

/** The diagram's own data: sizes, weights (weights[l − 2], row-major), node centres (CSS px). */
async function diagramData(p = page) {
  return p.locator(testid('diagram')).evaluate((el) => ({
    sizes: el.dataset.sizes.split(',').map(Number),
    weights: JSON.parse(el.dataset.weights),
    nodes: JSON.parse(el.dataset.nodes),
  }));
}

/** Page coordinates of a point on the diagram: node (l, j), or a fraction t along connection (l, j, k). */
async function pointOf(target, t = 0.45) {
  const box = await page.locator(testid('diagram')).boundingBox();
  const { nodes } = await diagramData();
  const to = nodes[target.l - 1][target.j - 1];
  if (target.k === undefined) return { x: box.x + to[0], y: box.y + to[1] };
  const from = nodes[target.l - 2][target.k - 1];
  return { x: box.x + from[0] + t * (to[0] - from[0]), y: box.y + from[1] + t * (to[1] - from[1]) };
}

async function inspect() {
  return page.locator(testid('inspect')).evaluate((el) => ({ ...el.dataset, text: el.innerText }));
}

test('feedforward: hovering a connection names w^l_jk with its indices and the diagram’s value', async () => {
  await open('?seed=5');
  const { sizes, weights } = await diagramData();
  assert.deepEqual(sizes, [3, 4, 2]);
  for (const target of [{ l: 3, j: 2, k: 3 }, { l: 2, j: 1, k: 2 }, { l: 2, j: 4, k: 1 }]) {
    const p = await pointOf(target);
    await page.mouse.move(p.x, p.y);
    const info = await inspect();
    assert.equal(info.kind, 'weight');
    assert.deepEqual([Number(info.l), Number(info.j), Number(info.k)], [target.l, target.j, target.k]);
    const want = weights[target.l - 2][(target.j - 1) * sizes[target.l - 2] + (target.k - 1)];
    assert.equal(Number(info.value), want);
    assert.match(info.text, new RegExp(`from neuron ${target.k} in layer ${target.l - 1}\\s+to neuron ${target.j} in layer ${target.l}`));
    assert.match(info.text, new RegExp(Math.abs(want).toFixed(3)));
    assert.equal(await page.locator(testid('diagram')).getAttribute('data-highlight'), `${target.l},${target.j},${target.k}`);
  }
});

test('feedforward: hovering a neuron shows b, z and a = σ(z); the matrix form shows that layer’s numbers', async () => {
  await open('?seed=5');
  const { sizes, weights } = await diagramData();
  const p = await pointOf({ l: 3, j: 2 });
  await page.mouse.move(p.x, p.y);
  const info = await inspect();
  assert.equal(info.kind, 'neuron');
  assert.deepEqual([info.l, info.j], ['3', '2']);
  assert.ok(Math.abs(Number(info.a) - sigma(Number(info.z))) < 1e-6, `a = ${info.a}, σ(z = ${info.z}) = ${sigma(Number(info.z))}`);
  assert.match(info.text, /neuron 2 in the output layer/);
  const matrix = page.locator(testid('matrix-form'));
  assert.equal(await matrix.getAttribute('data-layer'), '3');
  const shown = await matrix.innerText();
  for (const w of weights[1]) assert.ok(shown.includes(Math.abs(w).toFixed(2)), `w = ${w} not in the matrix form`);
  assert.equal(weights[1].length, sizes[2] * sizes[1]);
  const sum = page.locator(testid('sum-form'));
  assert.deepEqual([await sum.getAttribute('data-layer'), await sum.getAttribute('data-neuron')], ['3', '2']);
  assert.ok((await sum.innerText()).includes(Math.abs(Number(info.a)).toFixed(3)));

  // A tap (click) selects: the selection stays when the pointer leaves.
  const q = await pointOf({ l: 2, j: 3 });
  await page.mouse.click(q.x, q.y);
  await page.mouse.move(5, 5);
  assert.equal(await matrix.getAttribute('data-layer'), '2');
  assert.deepEqual([(await inspect()).l, (await inspect()).j], ['2', '3']);
});

test('feedforward: Step computes one layer and highlights the line being run; Reset goes back to the input', async () => {
  await open();
  const code = page.locator(testid('code'));
  const root = page.locator('.chapter[data-chapter="feedforward"]');
  assert.equal(await code.getAttribute('data-active-line'), '1');
  assert.equal(await root.getAttribute('data-layer'), '1');
  await page.click(testid('step'));
  assert.equal(await code.getAttribute('data-active-line'), '3');
  assert.equal(await root.getAttribute('data-layer'), '2');
  assert.equal(await page.locator(testid('matrix-form')).getAttribute('data-layer'), '2');
  assert.match(await code.locator('.line.on').innerText(), /a = sigmoid\(np\.dot\(w, a\)\+b\)/);
  await page.click(testid('step'));
  assert.equal(await root.getAttribute('data-layer'), '3');
  assert.equal(await code.getAttribute('data-active-line'), '3');
  await page.click(testid('step'));
  assert.equal(await code.getAttribute('data-active-line'), '4');
  assert.equal(await waitForState(page, 'feedforward', ['finished']), 'finished');
  assert.match(await page.locator(testid('status')).innerText(), /output is a³/);
  await page.click(testid('reset'));
  assert.equal(await code.getAttribute('data-active-line'), '1');
  assert.equal(await root.getAttribute('data-layer'), '1');
});

test('feedforward: Space plays, → steps, R resets; arrow keys on the diagram move the selection', async () => {
  await open('?sizes=2,3,3,1');
  const root = page.locator('.chapter[data-chapter="feedforward"]');
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  assert.equal(await root.getAttribute('data-state'), 'paused');
  assert.equal(await root.getAttribute('data-layer'), '2');
  await page.keyboard.press('r');
  assert.equal(await root.getAttribute('data-state'), 'idle');
  assert.equal(await root.getAttribute('data-layer'), '1');
  await page.selectOption(testid('speed'), '300');
  await page.locator('h1').click();
  await page.keyboard.press(' ');
  assert.equal(await root.getAttribute('data-state'), 'running');
  assert.equal(await waitForState(page, 'feedforward', ['finished'], 10_000), 'finished');
  assert.equal(await root.getAttribute('data-layer'), '4');
  await page.keyboard.press('R');
  assert.equal(await root.getAttribute('data-state'), 'idle');

  // Keyboard selection on the diagram: the arrows are its own while it has focus.
  const diagram = page.locator(testid('diagram'));
  await diagram.focus();
  const before = await diagram.getAttribute('data-selected');
  assert.equal(before, '2,1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await diagram.getAttribute('data-selected'), '2,2');
  await page.keyboard.press('ArrowRight');
  assert.equal(await diagram.getAttribute('data-selected'), '3,2');
  assert.equal(await root.getAttribute('data-layer'), '1', '→ on the diagram moves the selection, not the run');
  await page.keyboard.press('Enter');
  assert.equal(await diagram.getAttribute('data-selected'), '3,2,1');
  await page.keyboard.press('ArrowDown');
  const info = await inspect();
  assert.deepEqual([info.kind, info.l, info.j, info.k], ['weight', '3', '2', '2']);
  await page.keyboard.press('Escape');
  assert.equal(await diagram.getAttribute('data-selected'), '3,2');
});

test('feedforward: a bad size in the link gets a message naming sizes; the defaults are used', async () => {
  await open('?sizes=3,0,2');
  const errors = page.locator(testid('param-errors')).first();
  assert.equal(await errors.isVisible(), true);
  assert.match(await errors.innerText(), /sizes\[1\] must be a whole number between 1 and 8, got “0”/);
  assert.deepEqual((await diagramData()).sizes, [3, 4, 2]);
  await open('?sizes=3,4,2,5,5,5,5');
  assert.match(await page.locator(testid('param-errors')).first().innerText(), /sizes.*2 to 6/);
});

test('feedforward: typing a seed and sizes, then a copied link opened in a fresh page gives the same weights', async () => {
  await open();
  const seed1 = (await diagramData()).weights;
  await page.fill(testid('sizes'), '4,5,3');
  await page.fill(testid('seed'), '42');
  await page.locator(testid('seed')).blur();
  const here = await diagramData();
  assert.deepEqual(here.sizes, [4, 5, 3]);
  assert.equal(await page.locator(testid('x')).inputValue(), '0.9,0.2,0.6,0.4', 'the input follows the new input layer');
  assert.notDeepEqual(here.weights[0].slice(0, 3), seed1[0].slice(0, 3));
  await page.click(testid('copy-link'));
  const link = await page.locator(testid('copy-link')).getAttribute('data-link');
  assert.match(link, /seed=42/);
  assert.match(link, /sizes=4,5,3/);
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await waitForState(fresh, 'feedforward', ['idle']);
  await fresh.waitForSelector(`${testid('diagram')}[data-weights]`);
  const there = await diagramData(fresh);
  assert.deepEqual(there.sizes, here.sizes);
  assert.deepEqual(there.weights, here.weights);
  await fresh.close();
});

test('feedforward: a wrong number of inputs is named and fixed up', async () => {
  await open('?x=0.5,0.5');
  assert.match(await page.locator(testid('param-errors')).first().innerText(), /input x must list 3 values/);
  assert.deepEqual((await diagramData()).sizes, [3, 4, 2]);
  // A link with sizes but no input: the default input is fitted quietly.
  await open('?sizes=2,3,1');
  assert.equal(await page.locator(testid('param-errors')).first().isHidden(), true);
  assert.equal(await page.locator(testid('x')).inputValue(), '0.9,0.2');
  assert.deepEqual((await diagramData()).sizes, [2, 3, 1]);
});

/** Scroll the network's panel to just under the top bar. */
async function toPanel(p) {
  await p.locator('#ff-net-title').evaluate((el) => {
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar - 8);
  });
  await p.waitForTimeout(150);
}

test('feedforward: screenshots at laptop, projector and phone; run controls and the diagram on one screen', async () => {
  await open('?seed=3');
  await page.click(testid('step'));
  const files = await screenshotsAtSizes(page, 'feedforward', async (p) => {
    await toPanel(p);
    const target = await pointOf({ l: 2, j: 2, k: 1 }, 0.5);
    await p.mouse.move(target.x, target.y);
    await p.waitForTimeout(100);
  });
  assert.equal(files.length, 3);
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await toPanel(page);
    assert.ok(await inViewport(page, testid('step')), `Step on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('diagram')), `diagram on screen at ${size.width}`);
    assert.ok(await inViewport(page, testid('code')), `code on screen at ${size.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
