// Export: every line chart offers its picture (PNG) and its numbers (CSV), and MNIST's log saves as
// text; a chart's text alternative carries its latest numbers, and its canvas really shows the curve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { useSite, testid, numberAt, countColour } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site));

const chapter = '.chapter[data-chapter="mnist"]';

async function downloaded(p, click) {
  const [download] = await Promise.all([p.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await fs.readFile(await download.path()) };
}

test('export: the loss chart as CSV and PNG, the log as text; the chart describes its latest numbers', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}#/mnist?data=sample&seed=3`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.data === 'ready', chapter);
  for (let i = 0; i < 12; i++) await page.click(`${chapter} ${testid('step')}`);
  const loss = await numberAt(page, `${chapter} ${testid('loss')}`);
  assert.ok(Number.isFinite(loss) && loss > 0);

  const figure = page.locator(`${chapter} figure`, { has: page.locator(testid('loss-chart')) });
  const csv = await downloaded(page, () => figure.locator('[data-export="csv"]').click());
  assert.match(csv.name, /\.csv$/);
  const rows = csv.bytes.toString('utf8').trim().split('\n');
  assert.match(rows[0], /^series,/);
  assert.equal(rows.length - 1, 12, 'one row per mini-batch cost');
  const lastY = Number(rows.at(-1).split(',').at(-1));
  assert.ok(Math.abs(lastY - loss) <= 1e-6 * loss, `CSV's last cost ${lastY} = the page's ${loss}`);

  const png = await downloaded(page, () => figure.locator('[data-export="png"]').click());
  assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
  const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
  const canvas = await page.locator(`${chapter} ${testid('loss-chart')}`).evaluate((c) => [c.width, c.height]);
  assert.deepEqual([w, h], canvas, 'the PNG is the canvas as drawn');

  // The canvas shows the curve: pixels of the series' colour inside the plot.
  const [colour] = await page.evaluate(() => import('./js/views/canvas.js').then((m) => m.colors.series));
  const blue = await countColour(page, `${chapter} ${testid('loss-chart')}`, colour);
  assert.ok(blue > 50, `curve pixels: ${blue}`);

  const label = await page.locator(`${chapter} ${testid('loss-chart')}`).getAttribute('aria-label');
  assert.match(label, /Latest: .*\d/);

  const log = await downloaded(page, () => page.click(`${chapter} ${testid('save-log')}`));
  assert.equal(log.name, 'mnist-log.txt');
  assert.match(log.bytes.toString('utf8'), /^Training \[784, 30, 10\]/);
});
