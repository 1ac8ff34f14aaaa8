// Shared plumbing for the end-to-end tests: a static file server for dist/ and Debian's Chromium
// driven by playwright-core, with every console error and uncaught page error collected.
import { before, after, beforeEach, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.resolve(process.env.NNLAB_DIST || path.join(repoRoot, 'dist'));
export const outputDir = path.join(repoRoot, 'tests/e2e/output');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  // Served as opaque bytes with no Content-Encoding, as GitHub Pages does: the page gunzips them itself.
  '.gz': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serve `root` on a free loopback port, under `prefix` (e.g. '/nnlab/' as GitHub Pages serves a project
 * site). Returns { url, close }; `url` includes the prefix.
 */
export async function startServer(root = distDir, prefix = '/', { transform = (_rel, bytes) => bytes } = {}) {
  for (const need of ['index.html', 'pkg/nnlab.js', 'pkg/nnlab_bg.wasm']) {
    if (!fs.existsSync(path.join(root, need))) {
      throw new Error(`${path.join(root, need)} is missing: build the site first (make dist)`);
    }
  }
  const server = http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      if (!pathname.startsWith(prefix)) throw new Error('outside the prefix');
      let rel = decodeURIComponent(pathname.slice(prefix.length - 1));
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.join(root, path.normalize(rel).replace(/^([/\\])+/, ''));
      if (!file.startsWith(root + path.sep)) throw new Error('outside root');
      const stat = await fsp.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      const body = transform(rel.replace(/^\/+/, ''), await fsp.readFile(file));
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}

/**
 * Chromium, and in it one browser context at a time (a fresh profile: no storage, no service worker, no
 * history from before). `problems` collects console errors and uncaught page errors from every page of the
 * current context; `newPage({ allow })` opens a page in it and takes regexes for console errors that page
 * is expected to log (e.g. the 404 a test provokes on purpose). `freshContext()` closes the context (if any)
 * and opens a new one with one page in front; `endContext()` closes it and returns its problems.
 * Service workers are blocked unless asked for; `permissions` (e.g. the clipboard's) hold in every context.
 */
export async function launchBrowser({ serviceWorkers = 'block', permissions = [] } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  /** @type {import('playwright-core').BrowserContext | null} */
  let context = null;
  const problems = [];
  const watch = (page, allow = []) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (allow.some((re) => re.test(text))) return;
      problems.push(`console error (${page.url()}): ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`page error (${page.url()}): ${err.message}`));
  };
  const open = async () => {
    // Tests replace files with page.route, which a service worker's cache would bypass; the offline test allows it.
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers, permissions });
    return context;
  };
  const site = {
    problems,
    /** The current context (opened on first use). */
    get context() {
      return context;
    },
    async newPage({ allow = [] } = {}) {
      const page = await (context || (await open())).newPage();
      // A page in the background gets its animation frames throttled; tests drive the one in front.
      await page.bringToFront();
      watch(page, allow);
      return page;
    },
    /** Close the current context and open a new one; returns its first page. */
    async freshContext({ allow = [] } = {}) {
      await site.endContext();
      await open();
      return site.newPage({ allow });
    },
    /** Close the current context; returns the problems collected since the last call, and forgets them. */
    async endContext() {
      await context?.close();
      context = null;
      return site.takeProblems();
    },
    /** The problems collected so far, forgotten here (a test that provokes errors on purpose checks them itself). */
    takeProblems() {
      return problems.splice(0);
    },
    async close() {
      await browser.close();
    },
  };
  return site;
}

/** Wait until the chapter root's data-state is one of `states`; returns the state. */
export async function waitForState(page, chapter, states, timeout = 60_000) {
  const handle = await page.waitForFunction(
    ([c, s]) => {
      const el = document.querySelector(`.chapter[data-chapter="${c}"]`);
      return el && s.includes(el.dataset.state) && el.dataset.state;
    },
    [chapter, states],
    { timeout, polling: 100 },
  );
  return handle.jsonValue();
}

export async function screenshot(page, name, { fullPage = true, keepScroll = false } = {}) {
  await fsp.mkdir(outputDir, { recursive: true });
  const file = path.join(outputDir, name);
  if (!keepScroll) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The three screens a chapter must work on: a laptop, a lecture-hall projector, a phone. */
export const SCREENS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * Screenshots of the current page at the three screens (`<name>-laptop.png`, …): the first screen as a
 * student sees it and the full page. Returns the files. Restores the viewport afterwards.
 * `prepare(page)` runs after each resize (e.g. scroll the live part into view).
 */
export async function screenshotsAtSizes(page, name, prepare = async () => {}) {
  const before = page.viewportSize();
  const files = [];
  for (const s of SCREENS) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForTimeout(150);
    await prepare(page);
    await fsp.mkdir(outputDir, { recursive: true });
    const file = path.join(outputDir, `${name}-${s.name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    files.push(file);
  }
  if (before) await page.setViewportSize(before);
  return files;
}

/**
 * Whether an element lies inside the viewport as it is now (for "the controls and the live view are
 * on one screen together").
 */
export async function inViewport(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1 && r.width > 0;
  });
}

/**
 * The usual frame of a test file: before its tests, serve dist/ and start Chromium; before each test, a
 * new browser context with one page in front, so no test depends on another's state; after each, that
 * context is closed and the test fails if any of its pages logged a console error or an uncaught error
 * (beyond `allow`); after all, Chromium and the server stop. `assign` receives `{server, browser, page}`
 * before every test. `clipboard: true` lets the page read and write the clipboard (the "Copy link"
 * button); `serviceWorkers: 'allow'` lets the site's service worker run; `transform` rewrites served files.
 */
export function useSite(assign, { clipboard = false, serviceWorkers = 'block', allow = [], transform } = {}) {
  let server = null;
  let browser = null;
  before(async () => {
    server = await startServer(undefined, '/', transform ? { transform } : undefined);
    browser = await launchBrowser({ serviceWorkers, permissions: clipboard ? ['clipboard-read', 'clipboard-write'] : [] });
  });
  beforeEach(async () => {
    const page = await browser.freshContext({ allow });
    assign({ server, browser, page });
  });
  afterEach(async () => {
    const problems = await browser.endContext();
    if (problems.length) throw new Error(`the page logged errors:\n${problems.join('\n')}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Selector of the element with `data-testid` `id`. */
export const testid = (id) => `[data-testid="${id}"]`;
/** The text of the first element with that test id. */
export const text = (p, id) => p.locator(testid(id)).first().innerText();

/** `raw` (an attribute's text) as a number; throws, naming `where`, if it is missing, blank or not a number. */
function toNumber(raw, where) {
  const n = raw === null || raw === undefined || String(raw).trim() === '' ? NaN : Number(raw);
  if (Number.isNaN(n)) throw new Error(`${where}: ${raw === null || raw === undefined ? 'missing' : `“${raw}” is not a number`}`);
  return n;
}

/** The number in attribute `attr` of the first element matching `selector` (throws if it is missing or not a number). */
export async function numberAt(p, selector, attr = 'data-value') {
  return toNumber(await p.locator(selector).first().getAttribute(attr), `${attr} of ${selector}`);
}

/** The numbers in attribute `attr` of every element matching `selector` (throws if any is missing or not a number). */
export async function numbersAt(p, selector, attr = 'data-value') {
  const raws = await p.locator(selector).evaluateAll((els, a) => els.map((el) => el.getAttribute(a)), attr);
  return raws.map((raw, i) => toNumber(raw, `${attr} of ${selector} #${i + 1}`));
}

/** The `data-value` of the first element with that test id, as a number (throws if it is missing or not a number). */
export const value = (p, id) => numberAt(p, testid(id));
/** The `data-value` of every element with that test id, as numbers. */
export const values = (p, id) => numbersAt(p, testid(id));

/** '#rrggbb' → [r, g, b]. */
const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * How many pixels of the canvas `selector` are within `tolerance` (per channel) of `colour` ('#rrggbb'),
 * read in the page once the next frame is drawn — e.g. a chart's curve in its series' colour.
 */
export async function countColour(p, selector, colour, tolerance = 24) {
  return p.locator(selector).first().evaluate(async (canvas, [rgb, tol]) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const c = /** @type {HTMLCanvasElement} */ (canvas);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && Math.abs(data[i] - rgb[0]) <= tol && Math.abs(data[i + 1] - rgb[1]) <= tol && Math.abs(data[i + 2] - rgb[2]) <= tol) n++;
    }
    return n;
  }, [rgbOf(colour), tolerance]);
}

/**
 * Which colour of `palette` ({name: '#rrggbb'}) a plot on the canvas `selector` shows around points given in
 * its data coordinates. The plot area is found as the bounding box of the palette's pixels and spans `range`
 * ({xMin, xMax, yMin, yMax}, y up). For each point, the pixels on a ring of radii `ring` (CSS px) around it
 * vote (a marker drawn on the point itself is skipped that way); returns a name per point, or null where no
 * pixel matched.
 */
export async function plotColours(p, selector, { palette, range, points, ring = [0, 0], tolerance = 24 }) {
  const colours = Object.entries(palette).map(([name, hex]) => [name, rgbOf(hex)]);
  return p.locator(selector).first().evaluate(async (canvas, [colours, range, points, ring, tol]) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const c = /** @type {HTMLCanvasElement} */ (canvas);
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const nameAt = (x, y) => {
      const i = 4 * (y * width + x);
      const hit = colours.find(([, rgb]) => rgb.every((v, k) => Math.abs(data[i + k] - v) <= tol));
      return hit ? hit[0] : null;
    };
    let [left, top, right, bottom] = [width, height, -1, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (nameAt(x, y) === null) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    if (right < 0) return points.map(() => null);
    const scale = c.width / c.clientWidth;
    return points.map(([x, y]) => {
      const cx = left + ((x - range.xMin) / (range.xMax - range.xMin)) * (right - left);
      const cy = top + ((range.yMax - y) / (range.yMax - range.yMin)) * (bottom - top);
      const votes = {};
      for (let r = ring[0] * scale; r <= ring[1] * scale; r += 1) {
        const steps = r === 0 ? 1 : 24;
        for (let k = 0; k < steps; k++) {
          const px = Math.round(cx + r * Math.cos((2 * Math.PI * k) / steps));
          const py = Math.round(cy + r * Math.sin((2 * Math.PI * k) / steps));
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
          const name = nameAt(px, py);
          if (name !== null) votes[name] = (votes[name] || 0) + 1;
        }
      }
      const best = Object.entries(votes).sort((a, b) => b[1] - a[1])[0];
      return best ? best[0] : null;
    });
  }, [colours, range, points, ring, tolerance]);
}

/**
 * The canvases that show in the viewport but hold a single colour (drew nothing, not even axes), each named by
 * its test id or label.
 */
export async function blankCanvases(p) {
  return p.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const blank = [];
    for (const c of document.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const data = new Uint32Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
      if (data.every((v) => v === data[0])) blank.push(c.dataset.testid || c.getAttribute('aria-label') || c.className);
    }
    return blank;
  });
}
