// Shared plumbing for the end-to-end tests: a static file server for dist/ and Debian's Chromium
// driven by playwright-core, with every console error and uncaught page error collected.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
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
 * Chromium with a fresh profile (service workers blocked unless asked for). `problems` collects console errors and uncaught page errors from
 * every page; `newPage({ allow })` takes regexes for console errors that page is expected to log
 * (e.g. the 404 a test provokes on purpose).
 */
export async function launchBrowser({ serviceWorkers = 'block' } = {}) {
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'nnlab-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    // Tests replace files with page.route, which a service worker's cache would bypass; the offline test allows it.
    serviceWorkers,
  });
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
  const initial = context.pages();
  return {
    context,
    problems,
    async newPage({ allow = [] } = {}) {
      const page = initial.length ? initial.shift() : await context.newPage();
      // A page in the background gets its animation frames throttled; tests drive the one in front.
      await page.bringToFront();
      watch(page, allow);
      return page;
    },
    async close() {
      await context.close();
      await fsp.rm(userDataDir, { recursive: true, force: true });
    },
  };
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
 * The usual frame of a test file: before its tests, serve dist/ and start Chromium with one page in
 * front; after them, close both. `assign` receives `{server, browser, page}` once they exist.
 * `clipboard: true` lets the page read and write the clipboard (the "Copy link" button).
 */
export function useSite(assign, { clipboard = false } = {}) {
  let site = null;
  before(async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    if (clipboard) await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await browser.newPage();
    site = { server, browser, page };
    assign(site);
  });
  after(async () => {
    await site?.browser.close();
    await site?.server.close();
  });
}

/** Selector of the element with `data-testid` `id`. */
export const testid = (id) => `[data-testid="${id}"]`;
/** The text of the first element with that test id. */
export const text = (p, id) => p.locator(testid(id)).first().innerText();
/** Its `data-value`, as a number. */
export const value = async (p, id) => Number(await p.locator(testid(id)).first().getAttribute('data-value'));
