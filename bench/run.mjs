// make bench: NN Lab natively and in headless Chromium (the real wasm package) against TensorFlow.js (wasm backend,
// same Chromium) and numpy (one BLAS thread), on the same MNIST data and configurations, in one invocation.
// Prints a table of medians, spreads and pair-by-pair ratios, and writes it to bench/out/ (bench.md, bench.json).
// Usage: node bench/run.mjs [REPS]   (the Makefile's `bench` target builds and installs everything first)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench/out');
const REPS = Number(process.argv[2] || process.env.BENCH_REPS || 5);
const CONFIGS = [[30, 10], [30, 128], [100, 10], [100, 128]].map(([h, m]) => ({ sizes: [784, h, 10], batchSize: m }));
const N_TRAIN = 50000;
const log = (...args) => console.error('[bench]', ...args);

// ---------- child processes ----------

function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`))));
  });
}

const lastJson = (text) => JSON.parse(text.trim().split('\n').filter((line) => line.startsWith('{')).at(-1));

const nativeEpoch = async (hidden, m, seed) =>
  lastJson(await run(path.join(root, 'target/release/examples/bench'), ['epoch', hidden, m, seed].map(String)));

// One BLAS thread, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for this command only.
const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
const numpyEpoch = async (hidden, m, seed) =>
  lastJson(await run(path.join(root, 'bench/.venv/bin/python'), ['bench/numpy_ref.py', hidden, m, seed].map(String), numpyEnv));

// ---------- static server over the work tree (www/pkg, data/mnist, bench/) ----------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.gz': 'application/octet-stream', '.json': 'application/json' };

function serve() {
  const server = http.createServer(async (req, res) => {
    try {
      const rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      const file = path.join(root, path.normalize(rel).replace(/^[/\\]+/, ''));
      if (!file.startsWith(root + path.sep)) throw new Error('outside root');
      const stat = await fsp.stat(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': stat.size, 'Cache-Control': 'no-store' });
      fs.createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function browser() {
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'nnlab-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { context, userDataDir, version: context.browser()?.version() };
}

async function open(context, url, errors) {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(url);
  return page;
}

/** The NN Lab page: three fresh navigations timed to "data ready", then one page kept open for the epochs. */
async function nnlabPage(context, base, errors) {
  const loads = [];
  for (let i = 0; i < 3; i++) {
    const page = await open(context, `${base}/bench/nnlab.html`, errors);
    await page.waitForFunction(() => window.nnlab);
    loads.push((await page.evaluate(() => window.nnlab.ready)).dataReadyMs);
    await page.close();
  }
  log(`NN Lab page: navigation to data ready ${loads.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const page = await open(context, `${base}/bench/nnlab.html`, errors);
  await page.waitForFunction(() => window.nnlab);
  await page.evaluate(() => window.nnlab.ready);
  await page.evaluate(() => window.nnlab.epoch([784, 30, 10], 128, 99)); // warm-up: let V8 tier the module up
  return { page, loads };
}

async function tfjsPage(context, base, errors) {
  const page = await open(context, `${base}/bench/tfjs.html`, errors);
  await page.waitForFunction(() => window.tfjsBench, null, { timeout: 120_000 });
  const info = await page.evaluate(() => window.tfjsBench.ready);
  log(`TF.js ${info.version}, backend ${info.backend}, SIMD ${info.simd}, threads ${info.threads}`);
  await page.evaluate(() => window.tfjsBench.epoch([784, 30, 10], 128, 99)); // warm-up, as for NN Lab
  return { page, info };
}

// ---------- statistics and the table ----------

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const spread = (xs) => [Math.min(...xs), Math.max(...xs)];
const fmt = (x, d = 3) => x.toFixed(d);
const flops = (sizes) => sizes.slice(1).reduce((sum, n, i) => sum + (i === 0 ? 4 : 6) * sizes[i] * n, 0);
const label = ({ sizes, batchSize }) => `[${sizes.join(',')}] mb ${batchSize}`;

function timeCell(row) {
  const [lo, hi] = spread(row.seconds);
  return `${fmt(median(row.seconds))} (${fmt(lo)}–${fmt(hi)})`;
}

/** Ratios a_i / b_i pair by pair (rep i with rep i), as median (min–max). */
function ratioCell(a, b) {
  const ratios = a.seconds.map((s, i) => s / b.seconds[i]);
  const [lo, hi] = spread(ratios);
  return `${fmt(median(ratios), 2)} (${fmt(lo, 2)}–${fmt(hi, 2)})`;
}

function table(results) {
  const find = (impl, c) => results[impl].find((r) => r.batchSize === c.batchSize && r.sizes[1] === c.sizes[1]);
  const lines = [];
  lines.push(`One epoch = ${N_TRAIN.toLocaleString('en')} images; sigmoid, quadratic cost, SGD η = 3, w, b ~ N(0, 1); `
    + `${REPS} repetitions (seeds 1–${REPS}), median (min–max); the four implementations take turns rep by rep. GFLOP/s counts the dense FLOPs of forward, BP2 and BP4 `
    + '(NN Lab skips exact zeros, so its figure is an effective rate). Accuracy: test set (10,000) after the epoch, median.');
  lines.push('');
  lines.push('| configuration | implementation | s / epoch | samples/s | GFLOP/s | test accuracy |');
  lines.push('|---|---|---|---|---|---|');
  const names = { wasm: 'NN Lab, Chromium (wasm)', native: 'NN Lab, native', tfjs: 'TF.js wasm, Chromium', numpy: 'numpy f32, 1 thread' };
  for (const c of CONFIGS) {
    for (const impl of ['wasm', 'native', 'tfjs', 'numpy']) {
      const row = find(impl, c);
      if (!row) continue;
      const s = median(row.seconds);
      lines.push(`| ${label(c)} | ${names[impl]} | ${timeCell(row)} | ${Math.round(N_TRAIN / s).toLocaleString('en')} | `
        + `${fmt((flops(c.sizes) * N_TRAIN) / s / 1e9, 1)} | ${fmt(median(row.accuracy), 2)}% |`);
    }
  }
  lines.push('');
  lines.push('Ratios of epoch times, NN Lab in Chromium / other, pair by pair (below 1: NN Lab is faster):');
  lines.push('');
  lines.push('| configuration | NN Lab wasm / TF.js | NN Lab wasm / numpy | NN Lab wasm / NN Lab native | wasm = native bit for bit |');
  lines.push('|---|---|---|---|---|');
  for (const c of CONFIGS) {
    const [w, n, t, p] = ['wasm', 'native', 'tfjs', 'numpy'].map((impl) => find(impl, c));
    const same = w && n && w.checksum.every((x, i) => x === n.checksum[i]) && w.accuracy.every((x, i) => x === n.accuracy[i]);
    lines.push(`| ${label(c)} | ${t ? ratioCell(w, t) : '–'} | ${p ? ratioCell(w, p) : '–'} | ${n ? ratioCell(w, n) : '–'} | ${same ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
}

async function gzipSizes() {
  const files = ['www/pkg/nnlab_bg.wasm', 'www/pkg/nnlab.js'];
  const walk = async (dir) => {
    const entries = await fsp.readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory() && rel !== path.join('www', 'pkg')) await walk(rel);
      else if (e.isFile() && /\.(m?js)$/.test(e.name)) files.push(rel);
    }
  };
  await walk('www');
  const sizes = [];
  for (const rel of [...new Set(files)]) {
    const bytes = await fsp.readFile(path.join(root, rel));
    sizes.push({ file: rel, bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

async function main() {
  const started = new Date();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const { context, userDataDir, version } = await browser();
  const results = { wasm: [], native: [], tfjs: [], numpy: [] };
  const errors = [];
  let nnlab;
  let tfjs;
  let framed;
  let numpyVersion;
  try {
    nnlab = await nnlabPage(context, base, errors);
    tfjs = await tfjsPage(context, base, errors);
    // The machine may be shared: the four implementations take turns rep by rep, so that a busy moment hits them
    // alike and the pair-by-pair ratios stay meaningful.
    const epochs = {
      native: (h, m, seed) => nativeEpoch(h, m, seed),
      numpy: async (h, m, seed) => { const r = await numpyEpoch(h, m, seed); numpyVersion = r.numpy; return r; },
      wasm: async (h, m, seed) => { await nnlab.page.bringToFront(); return nnlab.page.evaluate((args) => window.nnlab.epoch(...args), [[784, h, 10], m, seed]); },
      tfjs: async (h, m, seed) => { await tfjs.page.bringToFront(); return tfjs.page.evaluate((args) => window.tfjsBench.epoch(...args), [[784, h, 10], m, seed]); },
    };
    for (const { sizes, batchSize } of CONFIGS) {
      const rows = Object.fromEntries(Object.keys(epochs).map((impl) => [impl, { impl, sizes, batchSize, seconds: [], accuracy: [], evalSeconds: [], checksum: [] }]));
      for (let seed = 1; seed <= REPS; seed++) {
        for (const [impl, epoch] of Object.entries(epochs)) {
          const r = await epoch(sizes[1], batchSize, seed);
          rows[impl].seconds.push(r.seconds);
          rows[impl].accuracy.push(r.accuracy);
          rows[impl].evalSeconds.push(r.evalSeconds);
          rows[impl].checksum.push(r.checksum);
          log(`${impl.padEnd(6)} ${label({ sizes, batchSize })} seed ${seed}: ${r.seconds.toFixed(3)} s/epoch, test ${r.accuracy.toFixed(2)}%`);
        }
      }
      for (const impl of Object.keys(epochs)) results[impl].push(rows[impl]);
    }
    await tfjs.page.close();
    await nnlab.page.bringToFront();
    log('frames per second while training [784,30,10] mb 10 from requestAnimationFrame…');
    framed = await nnlab.page.evaluate(() => window.nnlab.framed([784, 30, 10], 10, 1, 8));
    log(`  ${framed.fps.toFixed(1)} fps, longest work slice ${framed.longestWorkMs.toFixed(1)} ms`);
    await nnlab.page.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
    server.close();
    await fsp.rm(userDataDir, { recursive: true, force: true });
  }
  const wasm = { rows: results.wasm, loads: nnlab.loads, framed };
  const sizes = await gzipSizes();
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const text = [
    `## make bench — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}; Chromium ${version ?? '?'} headless; `
      + `TF.js ${tfjs.info.version} (${tfjs.info.backend}, SIMD ${tfjs.info.simd}, threads ${tfjs.info.threads}); numpy ${numpyVersion}; node ${process.version}.`,
    '',
    table(results),
    '',
    `Page weight (gzip -9): ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KiB (raw ${(s.bytes / 1024).toFixed(1)} KiB)`).join('; ')}; `
      + `total ${(sizes.reduce((t, s) => t + s.gzip, 0) / 1024).toFixed(1)} KiB.`,
    `Navigation to "MNIST data ready" on localhost (wasm compile, 4 .gz files fetched and gunzipped, IDX parsed): `
      + `${fmt(median(wasm.loads), 0)} ms (${wasm.loads.map((ms) => ms.toFixed(0)).join(', ')}).`,
    `Evaluating the 10,000 test images: NN Lab wasm ${fmt(median(wasm.rows[0].evalSeconds) * 1000, 0)} ms, `
      + `TF.js (one batch) ${fmt(median(results.tfjs[0].evalSeconds) * 1000, 0)} ms ([784,30,10]).`,
    `Frames while training [784,30,10] mb 10 from requestAnimationFrame (8 ms of steps per frame, a plot redrawn every frame, `
      + `then the test set in 8 ms slices): ${fmt(wasm.framed.fps, 1)} fps over ${fmt(wasm.framed.seconds, 1)} s `
      + `(epoch done after ${fmt(wasm.framed.trainSeconds, 2)} s), longest work slice ${fmt(wasm.framed.longestWorkMs, 1)} ms, `
      + `accuracy ${fmt(wasm.framed.accuracy, 2)}%.`,
  ].join('\n');
  await fsp.mkdir(outDir, { recursive: true });
  await fsp.writeFile(path.join(outDir, 'bench.md'), `${text}\n`);
  await fsp.writeFile(path.join(outDir, 'bench.json'), `${JSON.stringify({ started, results, sizes, loads: wasm.loads, framed, tfjs: tfjs.info }, null, 1)}\n`);
  console.log(text);
  console.log(`\n(written to ${path.relative(root, outDir)}/bench.md and bench.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
