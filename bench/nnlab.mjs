// make bench, browser side: the real wasm package (www/pkg, built by `make build`) driven through its JS API.
// bench/run.mjs calls window.nnlab.* through playwright once `window.nnlab.ready` has resolved.
import init, { Mnist, Trainer } from '/www/pkg/nnlab.js';
import { loadMnist } from './mnist.mjs';

const ready = (async () => {
  await init();
  const files = await loadMnist();
  const data = Mnist.fromIdx(...files);
  // Navigation start is performance's time origin: this is "navigation to data ready".
  return { dataReadyMs: performance.now(), trainCount: data.trainCount, data };
})();

function config(sizes, batchSize, seed) {
  return { sizes, batchSize, eta: 3, epochs: 1, seed, nTrain: 50000, nValidation: 10000 };
}

/** One epoch in one `step` call (it stops at the epoch's end), then the test set in one `evaluate` call. */
async function epoch(sizes, batchSize, seed) {
  const { data } = await ready;
  const trainer = new Trainer(config(sizes, batchSize, seed), data);
  const started = performance.now();
  let progress;
  do progress = trainer.step(1e6); while (!progress.epochDone);
  const seconds = (performance.now() - started) / 1000;
  const evalStarted = performance.now();
  const correct = trainer.evaluate('test', 0, 10000);
  const evalSeconds = (performance.now() - evalStarted) / 1000;
  const weights = trainer.weights(3);
  trainer.free();
  let checksum = 0;
  for (let i = 0; i < weights.length; i++) checksum += weights[i] * ((i % 7) + 1);
  return { seconds, accuracy: correct / 100, evalSeconds, checksum };
}

/**
 * Training the way the page does it: from requestAnimationFrame, at most `budgetMs` of steps per frame, a small
 * plot redrawn every frame, then the test set evaluated in slices that fit the same budget. Returns frames per
 * second over the whole run and the longest work slice.
 */
async function framed(sizes, batchSize, seed, budgetMs = 8) {
  const { data } = await ready;
  const trainer = new Trainer(config(sizes, batchSize, seed), data);
  const canvas = document.getElementById('plot');
  const ctx = canvas.getContext('2d');
  const losses = [];
  let perBatchMs = 0.5;
  let perImageMs = 0.01;
  let frames = 0;
  let longestWork = 0;
  let evaluated = 0;
  let correct = 0;
  let done = false;
  const started = performance.now();
  let trainSeconds = 0;
  await new Promise((resolve) => {
    const frame = () => {
      frames++;
      const t0 = performance.now();
      if (!done) {
        const budget = Math.max(1, Math.floor(budgetMs / perBatchMs));
        const progress = trainer.step(budget);
        const spent = performance.now() - t0;
        if (progress.batchesRun > 0) perBatchMs = 0.7 * perBatchMs + 0.3 * (spent / progress.batchesRun);
        losses.push(progress.loss);
        if (progress.epochDone) {
          done = true;
          trainSeconds = (performance.now() - started) / 1000;
        }
      } else {
        const count = Math.min(10000 - evaluated, Math.max(1, Math.floor(budgetMs / perImageMs)));
        correct += trainer.evaluate('test', evaluated, count);
        perImageMs = Math.max(perImageMs, (performance.now() - t0) / count);
        evaluated += count;
      }
      longestWork = Math.max(longestWork, performance.now() - t0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.beginPath();
      losses.forEach((loss, i) => ctx.lineTo((i / losses.length) * canvas.width, canvas.height * (1 - Math.min(loss, 1))));
      ctx.stroke();
      if (evaluated < 10000) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  const seconds = (performance.now() - started) / 1000;
  trainer.free();
  return { fps: frames / seconds, frames, seconds, trainSeconds, longestWorkMs: longestWork, accuracy: correct / 100, budgetMs };
}

window.nnlab = { ready: ready.then(({ dataReadyMs, trainCount }) => ({ dataReadyMs, trainCount })), epoch, framed };
