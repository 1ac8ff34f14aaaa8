// End-to-end tests of saving and loading a trained network in the MNIST chapter, as a student would: a network
// trained (batch norm and per-pixel standardization, so their statistics must travel too) is saved as a file and
// loaded in a fresh browser context, where it gives the same outputs, bit for bit, and the same test accuracy;
// each kind of bad file (not a network, another version, truncated, edited, weights that do not match the config)
// gets a message naming the problem, and the page keeps its current network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import zlib from 'node:zlib';
import { useSite, testid, waitForState, numberAt, screenshot } from './helpers.mjs';

let server;
let browser;
let page;
useSite((site) => ({ server, browser, page } = site));

const RICH = 'sizes=784,16,10&batchNorm=1&preprocess=standardizePixel&hiddenActivation=relu&cost=crossEntropy&eta=0.5&epochs=1&seed=5';
const inChapter = (id) => `.chapter[data-chapter="mnist"] ${testid(id)}`;

/** The MNIST chapter on the 1,000-digit sample with `query`, its digits in. */
async function open(p, query) {
  await p.bringToFront();
  await p.goto(`${server.url}#/mnist?data=sample&${query}`);
  await p.waitForFunction(() => document.querySelector('.chapter[data-chapter="mnist"]')?.getAttribute('data-data') === 'ready',
    null, { timeout: 60_000 });
}

/** Trains the run the link describes to its end. */
async function train(p) {
  await p.click(inChapter('play'));
  assert.equal(await waitForState(p, 'mnist', ['finished', 'diverged', 'error']), 'finished');
}

/** Saves the network; the file's bytes. */
async function save(p) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(inChapter('save-network'))]);
  assert.match(file.suggestedFilename(), /^nnlab-mnist-784-16-10-1ep\.nnlab$/);
  return fsp.readFile(await file.path());
}

/** What the page shows of its network: aᴸ of test digit 0 (exact), the test accuracy, the digit strip's guesses. */
async function shown(p) {
  const outputs = await p.locator(`${inChapter('model-outputs')} td`).evaluateAll((cells) => cells.map((c) => {
    if (!c.dataset.value) throw new Error('an output cell has no data-value');
    return c.dataset.value;
  }));
  return {
    outputs,
    accuracy: await numberAt(p, inChapter('accuracy')),
    guesses: await p.locator(`${inChapter('digits')} figure`).evaluateAll((figs) => figs.map((f) => f.textContent)),
  };
}

/** Loads `bytes` as file `name` through the panel's file field. */
async function load(p, bytes, name = 'network.nnlab') {
  await p.setInputFiles(inChapter('load-network'), { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

/** The saved file with its header replaced and its CRC-32 recomputed by Node's zlib (not the page's code). */
function withHeader(bytes, edit) {
  const headerLen = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + headerLen).toString('utf8'));
  const text = Buffer.from(JSON.stringify(edit(header)), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(text.length);
  const body = Buffer.concat([bytes.subarray(0, 12), len, text, bytes.subarray(16 + headerLen, bytes.length - 4)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(zlib.crc32(body));
  return Buffer.concat([body, crc]);
}

test('model: a saved network loaded in a fresh context gives the same outputs, bit for bit', { timeout: 120_000 }, async (t) => {
  await open(page, RICH);
  assert.equal(await page.locator(inChapter('save-network')).isDisabled(), false);
  await train(page);
  const bytes = await save(page);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'NNLABNET');
  assert.equal(zlib.crc32(bytes.subarray(0, bytes.length - 4)), bytes.readUInt32LE(bytes.length - 4), 'the page writes a valid CRC-32');
  // 784·16 + 16 weights and biases, γ, β, running μ and σ² of 16, 10·16 + 10, and two 784-long input statistics.
  const values = 784 * 16 + 16 + 4 * 16 + 10 * 16 + 10 + 2 * 784;
  const header = bytes.readUInt32LE(12);
  assert.equal(bytes.length, 8 + 4 + 4 + header + 4 + 10 * 9 + 4 * values + 4, 'the file holds every tensor once');
  const before = await shown(page);
  assert.equal(before.outputs.length, 10);
  t.diagnostic(`saved ${bytes.length} bytes; test accuracy ${before.accuracy}; a^L_7 of digit 0 = ${before.outputs[7]}`);
  await screenshot(page, 'model-saved.png', { fullPage: false });

  // A new browser context (nothing shared with the first), the default network (another shape) on the page.
  page = await browser.freshContext();
  await open(page, 'seed=9');
  await load(page, bytes, 'mine.nnlab');
  await page.waitForSelector(`${inChapter('model-outputs-wrap')}[data-when="loaded"]`);
  const after = await shown(page);
  assert.deepEqual(after.outputs, before.outputs, 'aᴸ of test digit 0, every bit');
  assert.equal(after.accuracy, before.accuracy);
  assert.deepEqual(after.guesses, before.guesses);
  assert.match(await page.locator(inChapter('model-status')).innerText(), /Loaded mine\.nnlab: \[784, 16, 10\], relu\/sigmoid.*1 epoch trained/);
  assert.equal(await page.locator(inChapter('model-error')).isHidden(), true);
  // The dashboard shows the loaded network at once: its confusion matrix sums to the sample's 1,000 test digits.
  const cells = await page.locator(`${inChapter('confusion')} td[data-count]`).evaluateAll((tds) => tds.map((td) => Number(td.dataset.count)));
  assert.equal(cells.reduce((a, b) => a + b, 0), 1000, `confusion cells: ${cells.length}`);
  // The loaded network trains on: ▶ Play runs its epoch from the loaded weights.
  await train(page);
  await page.locator(inChapter('model-outputs')).scrollIntoViewIfNeeded();
  await screenshot(page, 'model-loaded.png', { fullPage: false, keepScroll: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(inChapter('model-outputs')).scrollIntoViewIfNeeded();
  await screenshot(page, 'model-loaded-phone.png', { fullPage: false, keepScroll: true });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling on a phone');
});

test('model: each kind of bad file is named, and the current network is kept', { timeout: 120_000 }, async (t) => {
  await open(page, RICH);
  await train(page);
  const bytes = await save(page);
  const kept = await shown(page);
  const log = await page.locator(inChapter('log')).innerText();

  const flipped = Buffer.from(bytes);
  flipped[bytes.length >> 1] ^= 0x40;
  const version2 = Buffer.from(bytes);
  version2.writeUInt32LE(2, 8);
  const intoWeights = 16 + bytes.readUInt32LE(12) + 4 + 9 + 400; // 100 weights into w²
  const cases = [
    ['notes.txt', Buffer.from('these are my notes, not a network'), /not an NN Lab network file/],
    ['v2.nnlab', version2, /format version 2; this page reads version 1/],
    ['half.nnlab', bytes.subarray(0, intoWeights), new RegExp(`truncated: it ends inside the weights w\\^2 after ${intoWeights} bytes`)],
    ['edited.nnlab', flipped, /changed after it was saved: its checksum \(CRC-32\) does not match/],
    ['narrower.nnlab', withHeader(bytes, (h) => ({ ...h, config: { ...h.config, sizes: [784, 12, 10] } })),
      /the weights w\^2 has 12544 values in the file, but the saved config's network needs 9408: the weights do not match the config/],
    ['bad-eta.nnlab', withHeader(bytes, (h) => ({ ...h, config: { ...h.config, eta: -1 } })), /config cannot make a network on this page: eta must be > 0 and finite, got -1/],
    ['typo.nnlab', withHeader(bytes, (h) => ({ ...h, config: { ...h.config, colour: 'red' } })),
      /its saved config is not valid: config: unknown field\(s\) colour/],
    ['not-ours.nnlab', withHeader(bytes, (h) => ({ ...h, format: 'something else' })), /header does not say "format": "NN Lab network"/],
  ];
  for (const [name, file, message] of cases) {
    await load(page, file, name);
    const error = page.locator(inChapter('model-error'));
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent?.includes(n),
      [inChapter('model-error'), name]);
    const text = await error.innerText();
    t.diagnostic(`${name}: ${text}`);
    assert.match(text, message, name);
    assert.match(text, /The current network is kept\.$/);
    assert.equal(await error.getAttribute('role'), 'alert');
  }
  assert.deepEqual(await shown(page), kept, 'the outputs, accuracy and guesses are those of the network trained here');
  assert.equal(await page.locator(inChapter('log')).innerText(), log);
  await screenshot(page, 'model-error.png', { fullPage: false });
  // And a good file still loads after all that.
  await load(page, bytes, 'good.nnlab');
  await page.waitForFunction((sel) => document.querySelector(sel)?.hidden, inChapter('model-error'));
  assert.deepEqual((await shown(page)).outputs, kept.outputs);
});
