// @ts-check
/**
 * One MNIST training run, advanced a frame at a time inside the run controller's time budget:
 * mini-batches in calls to `trainer.step(n)` sized from the measured time per batch so the work ends
 * about when the budget does, and after each epoch the evaluation of the validation and test sets,
 * in slices sized the same way, so no frame blocks for long.
 *
 * It keeps the epoch's timing: compute time (inside `trainer.step`) and wall time (the frames that
 * trained, from one to the next; a gap after a pause counts only its compute), so wall / compute
 * says how much of the student's time went into training.
 */

/**
 * @typedef {object} Progress  the core's step record
 * @property {number} epoch
 * @property {number} batch
 * @property {number} batchesPerEpoch
 * @property {number} samplesSeen
 * @property {number} loss
 * @property {number} batchesRun
 * @property {boolean} epochDone
 * @property {boolean} finished
 * @property {boolean} diverged
 * @property {'loss'|'outputs'|'weights'|null} divergence  what was not finite (the weights are rolled back)
 * @property {number} saturated        share of sigmoid / tanh units with |z| past saturation, last mini-batch (NaN: none)
 * @property {number} epochLoss        at the end of an epoch (NaN otherwise): its mean mini-batch cost
 * @property {number} epochLossChange  … and that cost's relative change against the epoch before
 * @property {number} epochAccuracy    … and the training accuracy over the epoch's mini-batches
 * @property {boolean} stoppedEarly
 * @property {number} bestEpoch
 */

/**
 * @typedef {object} EpochResult
 * @property {number} epoch
 * @property {boolean} finished
 * @property {boolean} stoppedEarly
 * @property {number} bestEpoch
 * @property {{wallMs: number, computeMs: number, samples: number, frames: number, evalMs: number}} timing
 * @property {{correct: number, total: number}} [validation]
 * @property {{correct: number, total: number}} [test]
 */

/**
 * @param {any} trainer the wasm Trainer
 * @param {{onStep: (p: Progress) => void, onEpoch: (e: EpochResult) => void}} handlers
 */
export function createRun(trainer, { onStep, onEpoch }) {
  let msPerBatch = 0;
  let msPerImage = 0;
  let lastFrameAt = 0;
  let epoch = freshEpoch();
  /** @type {null | {result: EpochResult, splits: {name: string, size: number, correct: number, pos: number}[], index: number}} */
  let pending = null;
  let samplesSeen = 0;
  let samplesPerSecond = 0;
  /** @type {Progress|null} */
  let last = null;
  /** @type {'running'|'finished'|'diverged'} */
  let state = 'running';

  function freshEpoch() {
    return { wallMs: 0, computeMs: 0, samples: 0, frames: 0, evalMs: 0 };
  }

  /** Train `n` mini-batches (fewer at an epoch's end); starts the evaluation when an epoch ends. */
  function train(n) {
    const t0 = performance.now();
    const progress = /** @type {Progress} */ (trainer.step(n));
    const ms = performance.now() - t0;
    last = progress;
    epoch.computeMs += ms;
    const samples = progress.samplesSeen - samplesSeen;
    samplesSeen = progress.samplesSeen;
    epoch.samples += samples;
    if (samples > 0 && ms > 0) {
      const rate = (1000 * samples) / ms;
      samplesPerSecond = samplesPerSecond ? 0.8 * samplesPerSecond + 0.2 * rate : rate;
    }
    if (progress.batchesRun > 0) {
      const perBatch = ms / progress.batchesRun;
      msPerBatch = msPerBatch ? 0.7 * msPerBatch + 0.3 * perBatch : perBatch;
    }
    if (progress.diverged) state = 'diverged';
    else if (progress.epochDone || progress.finished) startEvaluation(progress);
    onStep(progress);
    return progress;
  }

  /** @param {Progress} progress */
  function startEvaluation(progress) {
    pending = {
      result: {
        epoch: progress.epoch, finished: progress.finished, stoppedEarly: progress.stoppedEarly,
        bestEpoch: progress.bestEpoch, timing: epoch,
      },
      splits: ['validation', 'test']
        .map((name) => ({ name, size: trainer.splitSize(name), correct: 0, pos: 0 }))
        .filter((s) => s.size > 0),
      index: 0,
    };
    epoch = freshEpoch();
  }

  /** Evaluate up to `ms` worth of images (at least 50). Returns true when the evaluation is complete. */
  function evaluate(ms) {
    if (!pending) return true;
    const t0 = performance.now();
    const split = pending.splits[pending.index];
    if (split) {
      const want = msPerImage ? Math.floor(ms / msPerImage) : 250;
      const count = Math.min(Math.max(50, want), split.size - split.pos);
      split.correct += trainer.evaluate(split.name, split.pos, count);
      split.pos += count;
      if (split.pos >= split.size) pending.index += 1;
      const per = (performance.now() - t0) / count;
      msPerImage = msPerImage ? 0.7 * msPerImage + 0.3 * per : per;
    }
    pending.result.timing.evalMs += performance.now() - t0;
    if (pending.index < pending.splits.length) return false;
    const { result } = pending;
    for (const s of pending.splits) result[s.name] = { correct: s.correct, total: s.size };
    if (result.finished) state = 'finished';
    pending = null;
    lastFrameAt = 0; // the evaluation's frames belong to no epoch's training time
    onEpoch(result);
    return true;
  }

  /**
   * One frame: work until `budgetMs` has passed (or, with `maxBatches`, at most that many
   * mini-batches), evaluating after an epoch as it comes.
   * @param {number} budgetMs
   * @param {number} [maxBatches]  e.g. 1 for "one mini-batch per frame"
   */
  function frame(budgetMs, maxBatches = Infinity) {
    const start = performance.now();
    const until = start + budgetMs;
    let batches = 0;
    let trained = false;
    while (state === 'running' || pending) {
      const left = until - performance.now();
      if (pending) {
        if (left <= 0) break;
        evaluate(left);
        continue;
      }
      if (batches >= maxBatches || (left <= 0 && batches > 0)) break;
      const fit = msPerBatch ? Math.floor(left / msPerBatch) : 1;
      const n = Math.max(1, Math.min(fit, maxBatches - batches, 100000));
      const p = train(n);
      batches += p.batchesRun;
      trained = true;
      if (p.batchesRun === 0) break;
    }
    // Wall time: from the previous training frame to this one; after a pause only this frame's compute.
    if (trained) {
      const now = performance.now();
      const gap = lastFrameAt ? start - lastFrameAt : Infinity;
      epoch.wallMs += (gap < 250 ? gap : 0) + (gap < 250 ? 0 : now - start);
      epoch.frames += 1;
      lastFrameAt = start;
    }
  }

  /** One mini-batch, and the epoch's evaluation at once if it ended (the Step button). */
  function stepOnce() {
    lastFrameAt = 0;
    if (pending) {
      while (!evaluate(1000));
      return;
    }
    if (state !== 'running') return;
    train(1);
    while (pending && !evaluate(1000));
  }

  return {
    trainer,
    frame,
    stepOnce,
    /** Forget the frame clock (after a pause), so the pause does not count as training time. */
    pauseClock() {
      lastFrameAt = 0;
    },
    get evaluating() {
      return pending !== null;
    },
    /** Evaluation progress: [done, total] images. */
    get evalProgress() {
      if (!pending) return [0, 0];
      return [pending.splits.reduce((a, s) => a + s.pos, 0), pending.splits.reduce((a, s) => a + s.size, 0)];
    },
    get state() {
      return state;
    },
    get last() {
      return last;
    },
    get samplesPerSecond() {
      return samplesPerSecond;
    },
    get msPerBatch() {
      return msPerBatch;
    },
  };
}
