// End-to-end tests of the "Activation functions" chapter, as a student uses it: every card of the gallery draws its
// curve; sliders change α / β and the plotted values equal the formulas computed here; GLU's shown gradients equal
// finite differences computed here; on MNIST the dead-ReLU and saturated shares are in [0, 1] after training; the
// race runs; a bad link value is named; a copied link reproduces the state; screenshots; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshotsAtSizes, blankCanvases, testid, text, value, numberAt } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site), { clipboard: true });

const IDS = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'prelu', 'elu', 'gelu', 'geluSigmoid', 'swish', 'softplus', 'mish',
  'selu', 'relu6', 'hardSwish', 'maxout', 'glu'];
const sigma = (z) => 1 / (1 + Math.exp(-z));

async function open(hash = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/activations${hash}`);
  await page.waitForSelector(`${testid('race-table')} tbody tr`, { timeout: 20_000 });
  await page.waitForSelector(`${testid('health-table')} tbody tr`, { timeout: 20_000 });
}

/** Drag a slider to `v`. */
async function setSlider(name, v) {
  await page.locator(`[name="${name}"]`).evaluate((el, to) => {
    const input = /** @type {HTMLInputElement} */ (el);
    input.value = String(to);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, v);
}

/** What a card's plot drew: {xs, f, df}. */
const drawn = (id) => page.locator(testid(`plot-${id}`)).evaluate((c) => /** @type {any} */ (c).samples);

/** The value plotted at the sample nearest x. */
function at(s, x, key = 'f') {
  let best = 0;
  s.xs.forEach((xi, i) => { if (Math.abs(xi - x) < Math.abs(s.xs[best] - x)) best = i; });
  return { x: s.xs[best], y: s[key][best] };
}

test('activations: the gallery draws every activation, each canvas holding its curve’s colour', async () => {
  await open();
  for (const id of IDS) {
    await page.locator(testid(`plot-${id}`)).scrollIntoViewIfNeeded();
    const pixels = await page.locator(testid(`plot-${id}`)).evaluate(async (c) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const canvas = /** @type {HTMLCanvasElement} */ (c);
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 0x3b) < 8 && Math.abs(data[i + 1] - 0x5b) < 8 && Math.abs(data[i + 2] - 0xdb) < 8) n++;
      return n;
    });
    assert.ok(pixels > 100, `${id}: ${pixels} pixels of f’s colour`);
    assert.ok((await text(page, `formula-${id}`)).length > 0);
  }
});

test('activations: sliders change α and β; the plots equal the formulas at a few points', async () => {
  await open();
  await setSlider('eluAlpha', 0.5);
  let s = await drawn('elu');
  for (const x of [-3, -1, -0.5, 2]) {
    const p = at(s, x);
    const want = p.x > 0 ? p.x : 0.5 * Math.expm1(p.x);
    assert.ok(Math.abs(p.y - want) < 1e-5, `ELU(${p.x}) at α = 0.5: page ${p.y}, formula ${want}`);
    const d = at(s, x, 'df');
    assert.ok(Math.abs(d.y - (p.x > 0 ? 1 : 0.5 * Math.exp(p.x))) < 1e-5);
  }
  await setSlider('leakyAlpha', 0.2);
  s = await drawn('leakyRelu');
  for (const x of [-4, -1, 3]) {
    const p = at(s, x);
    assert.ok(Math.abs(p.y - (p.x > 0 ? p.x : 0.2 * p.x)) < 1e-6, `leaky ReLU(${p.x}): ${p.y}`);
  }
  await setSlider('swishBeta', 2);
  s = await drawn('swish');
  for (const x of [-2, -0.5, 1, 3]) {
    const p = at(s, x);
    assert.ok(Math.abs(p.y - p.x * sigma(2 * p.x)) < 1e-5, `Swish(${p.x}) at β = 2: ${p.y}`);
    const d = at(s, x, 'df');
    const sg = sigma(2 * p.x);
    assert.ok(Math.abs(d.y - (sg + 2 * p.x * sg * (1 - sg))) < 1e-5);
  }
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /eluAlpha=0\.5/);
  assert.match(hash, /swishBeta=2/);
  // Maxout: the max of the three lines the sliders set.
  await setSlider('w3', -1);
  s = await drawn('maxout');
  const lines = [[0, 0], [1, 0], [-1, -2]];
  for (const x of [-4, -0.5, 2]) {
    const p = at(s, x);
    assert.ok(Math.abs(p.y - Math.max(...lines.map(([w, b]) => w * p.x + b))) < 1e-5, `maxout(${p.x}): ${p.y}`);
  }
});

test('activations: GLU’s gradients on the page equal finite differences computed here', async () => {
  await open('?gw=1.5&gb=-0.5&gv=2&gc=0.3&gx=0.7');
  const [w, b, v, c, x] = [1.5, -0.5, 2, 0.3, 0.7];
  const h = (p) => (p.w * p.x + p.b) * sigma(p.v * p.x + p.c);
  const base = { w, b, v, c, x };
  assert.ok(Math.abs((await value(page, 'glu-h')) - h(base)) < 1e-5);
  const eps = 1e-4;
  for (const name of ['x', 'w', 'b', 'v', 'c']) {
    const fd = (h({ ...base, [name]: base[name] + eps }) - h({ ...base, [name]: base[name] - eps })) / (2 * eps);
    const shown = await value(page, `glu-d${name}`);
    assert.ok(Math.abs(shown - fd) <= 1e-4 * Math.max(1, Math.abs(fd)), `∂h/∂${name}: page ${shown}, finite difference ${fd}`);
  }
});

test('activations: on MNIST, dead-ReLU and saturated shares in [0, 1] after training; the race runs', { timeout: 60_000 }, async (t) => {
  await open('?hEpochs=2&rEpochs=1');
  await page.locator(testid('health-play')).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="health-panel"]')?.getAttribute('data-state') === 'finished', null, { timeout: 40_000 });
  for (const id of ['health-relu-2', 'health-relu-3']) {
    const dead = await numberAt(page, testid(id), 'data-dead');
    assert.ok(dead >= 0 && dead <= 1, `${id}: dead ${dead}`);
  }
  for (const id of ['health-sat-2', 'health-sat-3']) {
    const sat = await numberAt(page, testid(id), 'data-saturated');
    assert.ok(sat >= 0 && sat <= 1, `${id}: saturated ${sat}`);
  }
  t.diagnostic((await text(page, 'health-table')).replace(/\s+/g, ' '));
  await page.locator(testid('race-play')).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="race-panel"]')?.getAttribute('data-state') === 'finished', null, { timeout: 40_000 });
  const rows = page.locator(`${testid('race-table')} tbody tr`);
  assert.equal(await rows.count(), 7);
  for (const id of ['relu', 'sigmoid']) {
    const acc = await numberAt(page, testid(`race-row-${id}`), 'data-validation');
    assert.ok(acc > 0.1 && acc <= 1, `${id}: validation ${acc}`);
  }
  t.diagnostic((await text(page, 'race-table')).replace(/\s+/g, ' '));
});

test('activations: a bad link value is named', async () => {
  await open('?eluAlpha=9');
  const box = page.locator(`${testid('param-errors')}:visible`).first();
  assert.match(await box.innerText(), /eluAlpha.*between 0 and 3/);
});

test('activations: a copied link reproduces the sliders and the seeds', async () => {
  await open('?swishBeta=3.5&hSeed=7&rSeed=9&saturating=sigmoid');
  await page.locator(testid('copy-link')).first().click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /swishBeta=3\.5/);
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForSelector(`${testid('health-table')} tbody tr`, { timeout: 20_000 });
  assert.equal(await page.locator('[name="swishBeta"]').inputValue(), '3.5');
  assert.equal(await page.locator('[name="hSeed"]').inputValue(), '7');
  assert.equal(await page.locator('[name="rSeed"]').inputValue(), '9');
  assert.equal(await page.locator('[name="saturating"]').inputValue(), 'sigmoid');
  const s = await drawn('swish');
  const p = at(s, 1);
  assert.ok(Math.abs(p.y - p.x * sigma(3.5 * p.x)) < 1e-5);
});

test('activations: screenshots at laptop, projector and phone size; every plot on screen has drawn', async () => {
  await open();
  const blank = [];
  /** After each resize: scroll, then note any canvas on screen that drew nothing. */
  const at = (scroll) => async (p) => {
    await scroll(p);
    const size = p.viewportSize();
    blank.push(...(await blankCanvases(p)).map((c) => `${c} at ${size.width}×${size.height}`));
  };
  await screenshotsAtSizes(page, 'activations', at(async () => {}));
  await screenshotsAtSizes(page, 'activations-glu', at((p) => p.locator(testid('card-glu')).scrollIntoViewIfNeeded()));
  await screenshotsAtSizes(page, 'activations-health', at((p) => p.locator(testid('health-panel')).evaluate((el) => el.scrollIntoView())));
  assert.deepEqual(blank, []);
});
