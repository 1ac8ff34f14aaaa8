// Accessibility and small screens: axe-core (npm, pinned) scans every built chapter, as the navigation lists them, after
// the chapter has drawn; no serious or critical violation may remain. Wide formulas and tables that
// scroll must be reachable by keyboard (kit/scrollers.js), and text must meet contrast AA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, repoRoot, screenshot } from './helpers.mjs';

let server;
let page;
useSite((site) => ({ server, page } = site));

const axeSource = fs.readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

test('axe-core: no serious or critical violations on any chapter', { timeout: 240_000 }, async (t) => {
  await page.goto(server.url);
  await page.waitForSelector('#toc a');
  const hrefs = await page.locator('#toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 10, hrefs.join());
  const found = [];
  for (const href of hrefs) {
    const id = href.replace('#/', '');
    await page.goto('about:blank');
    // MNIST chapters read the 1,000-digit sample here; the full set changes nothing axe looks at.
    await page.goto(`${server.url}${href}${id === 'mnist' ? '?data=sample' : ''}`);
    await page.waitForSelector(`.chapter[data-chapter="${id}"]`);
    await page.waitForTimeout(800);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      found.push(`${id}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    }
  }
  t.diagnostic(`scanned ${hrefs.length} chapters`);
  assert.deepEqual(found, []);
});

test('phones and tablets: every chapter at 390×844 and 768×1024 without sideways scrolling', { timeout: 240_000 }, async (t) => {
  await page.goto(server.url);
  await page.waitForSelector('#toc a');
  const hrefs = await page.locator('#toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const wide = [];
  for (const size of [{ width: 390, height: 844 }, { width: 768, height: 1024 }]) {
    await page.setViewportSize(size);
    for (const href of hrefs) {
      const id = href.replace('#/', '');
      await page.goto('about:blank');
      await page.goto(`${server.url}${href}${id === 'mnist' ? '?data=sample' : ''}`);
      await page.waitForSelector(`.chapter[data-chapter="${id}"]`);
      await page.waitForTimeout(500);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 0) wide.push(`${id} at ${size.width}×${size.height}: ${over}px too wide`);
      if (size.width === 768) await screenshot(page, `${id}-tablet.png`, { fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  t.diagnostic(`checked ${hrefs.length} chapters; tablet screenshots in tests/e2e/output/<chapter>-tablet.png`);
  assert.deepEqual(wide, []);
});
