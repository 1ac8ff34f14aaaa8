// make bench, part 2: hyperparameter-search throughput in headless Chromium — the real chapter, driven as a
// student would (www/ served as the site, data/ beside it). A fixed small search (RUNS runs of EPOCHS epochs on the
// 1,000-digit sample, [784, 30, 10], m = 10) with 1, 2 and 4 workers: runs finished per minute, as a ratio to the
// 1-worker figure, taking turns rep by rep. Memory per worker: the wasm memory each worker reports (its instance's
// linear memory), and the browser's resident memory with the workers alive minus before the search, per worker.
// Writes bench/out/search.md and search.json.
// Usage: node bench/search.mjs [REPS]   (NNLAB_DIST=dir: serve that built site instead of www/ and data/)
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench/out');
const REPS = Number(process.argv[2] || process.env.BENCH_REPS || 3);
const RUNS = 8;
const EPOCHS = 40;
const WORKERS = [1, 2, 4];
const log = (...args) => console.error('[bench search]', ...args);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.gz': 'application/octet-stream', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/** A built site (NNLAB_DIST), or the work tree laid out as `make dist` lays it out: www/ at the root, data/ inside it. */
const dist = process.env.NNLAB_DIST ? path.resolve(process.env.NNLAB_DIST) : null;

function serve() {
  const server = http.createServer(async (req, res) => {
    try {
      let rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname).replace(/^\/+/, '');
      if (rel === '') rel = 'index.html';
      const base = dist || (rel.startsWith('data/') ? root : path.join(root, 'www'));
      const file = path.join(base, path.normalize(rel));
      if (!file.startsWith(base + path.sep)) throw new Error('outside root');
      const stat = await fsp.stat(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': stat.size,
        'Cache-Control': 'no-store' });
      fs.createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Resident memory (kB) of the browser started with `userDataDir` and every process under it (renderers, workers' hosts). */
function browserRssKb(userDataDir) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => {
    const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args: args.join(' ') };
  });
  const ours = new Set(rows.filter((r) => r.args.includes(userDataDir)).map((r) => r.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (!ours.has(r.pid) && ours.has(r.ppid)) grew = Boolean(ours.add(r.pid));
  }
  return rows.filter((r) => ours.has(r.pid)).reduce((sum, r) => sum + r.rss, 0);
}

/** One search with `workers` workers: seconds from Start to the last run's end, and the memory figures. */
async function search(context, base, workers, userDataDir, { data = 'sample', runs = RUNS, epochs = EPOCHS } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/index.html#/hyperparameters?strategy=random&runs=${runs}&epochs=${epochs}&workers=${workers}` +
    `&data=${data}&etaMin=0.5&etaMax=2&lambdaMin=0.1&lambdaMax=1&seed=7`);
  await page.waitForSelector('[data-testid="hp-start"]', { timeout: 60_000 }).catch((err) => {
    throw new Error(`${err.message}\n${errors.join('\n')}`);
  });
  await page.waitForTimeout(300);
  const before = browserRssKb(userDataDir);
  const t0 = await page.evaluate(() => {
    /** @type {HTMLElement} */ (document.querySelector('[data-testid="hp-start"]')).click();
    return performance.now();
  });
  await page.waitForFunction(() => document.querySelector('[data-chapter="hyperparameters"]')?.dataset.state === 'finished',
    null, { timeout: 600_000, polling: 50 });
  const result = await page.evaluate(() => ({
    t1: performance.now(),
    wasmBytes: Number(document.querySelector('[data-testid="hp-memory"]')?.dataset.bytes),
    parallel: Number(document.querySelector('[data-chapter="hyperparameters"]')?.dataset.maxParallel),
    done: document.querySelectorAll('[data-testid="hp-table"] tr[data-state="done"]').length,
  }));
  const after = browserRssKb(userDataDir);
  await page.close();
  if (errors.length || result.done !== runs) throw new Error(`search with ${workers} workers: ${result.done} runs done; ${errors.join('; ')}`);
  return { seconds: (result.t1 - t0) / 1000, wasmMB: result.wasmBytes / 2 ** 20, rssPerWorkerMB: (after - before) / 1024 / workers,
    parallel: result.parallel };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'nnlab-bench-search-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, serviceWorkers: 'block',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
const loadBefore = os.loadavg().map((x) => x.toFixed(1)).join(', ');
try {
  const cores = await (await context.newPage()).evaluate(() => navigator.hardwareConcurrency);
  log(`Chromium reports ${cores} cores; ${os.cpus().length} on this machine; ${RUNS} runs × ${EPOCHS} epochs per search, ${REPS} reps`);
  await search(context, base, 1, userDataDir); // warm-up: caches, tier-up
  const results = Object.fromEntries(WORKERS.map((w) => [w, []]));
  for (let rep = 0; rep < REPS; rep++) {
    for (const w of WORKERS) {
      const r = await search(context, base, w, userDataDir);
      results[w].push(r);
      log(`rep ${rep + 1}, ${w} worker(s): ${r.seconds.toFixed(2)} s, ${(60 * RUNS / r.seconds).toFixed(1)} runs/min, ` +
        `wasm ${r.wasmMB.toFixed(1)} MB per worker, RSS +${r.rssPerWorkerMB.toFixed(1)} MB per worker, ${r.parallel} at once`);
    }
  }
  const full = await search(context, base, 2, userDataDir, { data: 'full', runs: 2, epochs: 1 });
  log(`full MNIST (10,000 + 2,000 training and validation digits, 10,000 test): wasm ${full.wasmMB.toFixed(1)} MB per worker, ` +
    `RSS +${full.rssPerWorkerMB.toFixed(1)} MB per worker`);
  const perMinute = (w) => median(results[w].map((r) => (60 * RUNS) / r.seconds));
  const lines = [
    `Search throughput: ${RUNS} runs of ${EPOCHS} epochs ([784, 30, 10], m = 10, 800 training + 200 validation digits of the sample) ` +
      `in headless Chromium (navigator.hardwareConcurrency = ${cores}; ${os.cpus().length} CPUs), median of ${REPS} reps. ` +
      `Load average before: ${loadBefore}, after: ${os.loadavg().map((x) => x.toFixed(1)).join(', ')} — other work on the machine takes cores from the workers.`,
    '',
    '| workers | runs / minute | ratio to 1 worker | ideal (≤ cores) | wasm memory per worker | browser RSS added per worker |',
    '|---|---|---|---|---|---|',
    ...WORKERS.map((w) => `| ${w} | ${perMinute(w).toFixed(1)} | ${(perMinute(w) / perMinute(1)).toFixed(2)} | ${Math.min(w, cores)} | ` +
      `${median(results[w].map((r) => r.wasmMB)).toFixed(1)} MB | ${median(results[w].map((r) => r.rssPerWorkerMB)).toFixed(1)} MB |`),
    '',
    `With the full MNIST (each worker gets 10,000 + 2,000 training and validation digits and the 10,000 test digits): ` +
      `${full.wasmMB.toFixed(1)} MB of wasm memory per worker, ${full.rssPerWorkerMB.toFixed(1)} MB of browser RSS added per worker.`,
  ];
  const text = lines.join('\n');
  console.log(text);
  await fsp.mkdir(outDir, { recursive: true });
  await fsp.writeFile(path.join(outDir, 'search.md'), `${text}\n`);
  await fsp.writeFile(path.join(outDir, 'search.json'), JSON.stringify({ cores, runs: RUNS, epochs: EPOCHS, results, full }, null, 1));
} finally {
  await context.close();
  server.close();
  await fsp.rm(userDataDir, { recursive: true, force: true });
}
