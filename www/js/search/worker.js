// @ts-check
/**
 * One search worker: its own wasm instance and its own copy of the digits, training one run at a time and
 * posting its curves as it goes. A module worker, so it imports the generated package directly (the page's
 * wasm.js owns the page's instance; a worker's instance dies with the worker, so it needs no trap recovery).
 *
 * Messages in:  {type: 'data', trainImages, trainLabels, testImages, testLabels}  (IDX bytes)
 *               {type: 'run', id, config, test, trainMetrics}                      (a TrainConfig object)
 * Messages out: {type: 'hello'} once listening; {type: 'ready', memory}; then per run
 *               {type: 'start', id, nTrain, nValidation}, {type: 'progress', id, epoch, loss} a few times a
 *               second, {type: 'epoch', id, epoch, validation: {accuracy, loss, correct, count},
 *               training: {accuracy, loss}, eta} after every epoch, {type: 'done', id, …} or {type: 'failed', id, message, trap}.
 * `memory` is the instance's linear memory in bytes: what this worker holds for its dataset and its run.
 */
import init, { Mnist, Trainer } from '../../pkg/nnlab.js';

/** Mini-batches per `step` call: small enough to post progress often, large enough to cost nothing. */
const BATCHES_PER_CALL = 20;
/** Least time between two progress messages. */
const PROGRESS_MS = 150;

const scope = /** @type {any} */ (self);
const wasm = await init({ module_or_path: new URL('../../pkg/nnlab_bg.wasm', import.meta.url) });
/** @type {any} */
let mnist = null;

const memory = () => wasm.memory.buffer.byteLength;

scope.onmessage = (/** @type {MessageEvent} */ e) => {
  const m = e.data;
  if (m.type === 'data') {
    mnist?.free();
    mnist = Mnist.fromIdx(m.trainImages, m.trainLabels, m.testImages, m.testLabels);
    scope.postMessage({ type: 'ready', memory: memory() });
  } else if (m.type === 'run') {
    try {
      train(m.id, m.config, Boolean(m.test), Boolean(m.trainMetrics));
    } catch (err) {
      // A trap (a panic, running out of memory) may leave the instance broken: `trap` asks the pool for a fresh worker.
      const trap = err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
      scope.postMessage({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err), trap });
    }
  }
};
scope.postMessage({ type: 'hello' });

/**
 * Train one run to its end. Each epoch's validation numbers are measured on the whole validation split; the
 * training numbers are those of the epoch's mini-batches as they were trained, or with `trainMetrics` the whole
 * training split measured after the epoch (what the weights do on it now). The test split is measured once, at
 * the end, and only when asked (`test`).
 * @param {number} id @param {any} config @param {boolean} test @param {boolean} trainMetrics
 */
function train(id, config, test, trainMetrics) {
  const trainer = new Trainer(config, mnist);
  try {
    const nValidation = trainer.splitSize('validation');
    scope.postMessage({ type: 'start', id, nTrain: trainer.splitSize('train'), nValidation });
    let lastPost = 0;
    let sum = 0;
    let batches = 0;
    for (;;) {
      const p = trainer.step(BATCHES_PER_CALL);
      if (p.batchesRun > 0 && Number.isFinite(p.loss)) {
        sum += p.loss * p.batchesRun;
        batches += p.batchesRun;
      }
      const now = performance.now();
      if (batches > 0 && (now - lastPost > PROGRESS_MS || p.epochDone)) {
        scope.postMessage({ type: 'progress', id, epoch: p.epoch + p.batch / p.batchesPerEpoch, loss: sum / batches });
        lastPost = now;
        sum = 0;
        batches = 0;
      }
      if (p.diverged) {
        scope.postMessage({ type: 'done', id, diverged: true, divergence: p.divergence, memory: memory() });
        return;
      }
      if (p.epochDone) {
        const v = trainer.metrics('validation', 0, nValidation);
        const t = trainMetrics ? trainer.metrics('train', 0, trainer.splitSize('train')) : null;
        scope.postMessage({
          type: 'epoch', id, epoch: p.epoch, eta: p.eta, stoppedEarly: p.stoppedEarly, bestEpoch: p.bestEpoch,
          validation: { accuracy: v.accuracy, loss: v.loss, correct: v.correct, count: v.count },
          training: t ? { accuracy: t.accuracy, loss: t.loss } : { accuracy: p.epochAccuracy, loss: p.epochLoss },
        });
      }
      if (p.finished) {
        const v = trainer.metrics('validation', 0, nValidation);
        const done = {
          type: 'done', id, diverged: false, stoppedEarly: p.stoppedEarly, bestEpoch: p.bestEpoch, memory: memory(),
          validation: { accuracy: v.accuracy, loss: v.loss, correct: v.correct, count: v.count },
        };
        if (test) {
          const t = trainer.metrics('test', 0, trainer.splitSize('test'));
          done.test = { accuracy: t.accuracy, loss: t.loss, correct: t.correct, count: t.count };
        }
        scope.postMessage(done);
        return;
      }
    }
  } finally {
    trainer.free();
  }
}
