/**
 * One MNIST training run, advanced a frame at a time: mini-batches in an adaptive budget sized so
 * that `trainer.step` takes about `targetMs` (the rest of the frame is left for drawing), and after
 * each epoch an evaluation of the validation and test sets in slices, so no frame blocks for long.
 * It keeps the epoch's timing: compute time (inside step) and wall time (frames while training).
 */
export function createRun(trainer, { targetMs = 9, evalSlice = 2000, startBudget = 20 } = {}) {
  let budget = startBudget;
  let msPerBatch = 0;
  let lastFrameAt = null;
  let epoch = { wallMs: 0, computeMs: 0, samples: 0, frames: 0 };
  let pending = null; // evaluation after an epoch
  let samplesSeen = 0;
  let samplesPerSecond = 0; // compute throughput, smoothed
  let last = null; // last progress record
  let state = 'running'; // running | finished | diverged

  /** One frame of work. Returns an event: {kind:'step', progress, ms} | {kind:'eval', done, total} | {kind:'epoch', ...} */
  function frame(now = performance.now(), maxBatches = Infinity) {
    if (pending) return evaluateSlice();
    if (state !== 'running') return { kind: 'idle' };
    const n = Math.max(1, Math.min(budget, maxBatches));
    const t0 = performance.now();
    const progress = trainer.step(n);
    const ms = performance.now() - t0;
    last = progress;

    // Wall time counts the frames spent training; a gap after a pause counts only its compute.
    const gap = lastFrameAt === null ? Infinity : now - lastFrameAt;
    epoch.wallMs += gap < 250 ? gap : ms;
    lastFrameAt = now;
    epoch.computeMs += ms;
    epoch.frames += 1;
    const samples = progress.samplesSeen - samplesSeen;
    epoch.samples += samples;
    samplesSeen = progress.samplesSeen;
    if (samples > 0 && ms > 0) {
      const rate = (1000 * samples) / ms;
      samplesPerSecond = samplesPerSecond ? 0.8 * samplesPerSecond + 0.2 * rate : rate;
    }

    if (progress.batchesRun > 0 && maxBatches === Infinity) {
      const perBatch = ms / progress.batchesRun;
      msPerBatch = msPerBatch ? 0.8 * msPerBatch + 0.2 * perBatch : perBatch;
      const next = Math.round(targetMs / Math.max(msPerBatch, 1e-4));
      budget = Math.max(1, Math.min(next, budget * 2, 100000));
    }
    if (progress.diverged) state = 'diverged';
    else if (progress.epochDone) {
      pending = {
        epoch: progress.epoch,
        finished: progress.finished,
        timing: { ...epoch },
        splits: ['validation', 'test']
          .map((name) => ({ name, size: trainer.splitSize(name), correct: 0, pos: 0 }))
          .filter((s) => s.size > 0),
        index: 0,
      };
      epoch = { wallMs: 0, computeMs: 0, samples: 0, frames: 0 };
    }
    return { kind: 'step', progress, ms };
  }

  function evaluateSlice() {
    const split = pending.splits[pending.index];
    if (split) {
      const count = Math.min(evalSlice, split.size - split.pos);
      split.correct += trainer.evaluate(split.name, split.pos, count);
      split.pos += count;
      if (split.pos >= split.size) pending.index += 1;
    }
    if (pending.index < pending.splits.length) {
      const done = pending.splits.reduce((a, s) => a + s.pos, 0);
      const total = pending.splits.reduce((a, s) => a + s.size, 0);
      return { kind: 'eval', done, total };
    }
    const result = { kind: 'epoch', epoch: pending.epoch, timing: pending.timing };
    for (const s of pending.splits) result[s.name] = { correct: s.correct, total: s.size };
    if (pending.finished) state = 'finished';
    pending = null;
    lastFrameAt = null;
    return result;
  }

  /** Finish a pending evaluation now (for the Step button). Returns the epoch event, if any. */
  function finishEvaluation() {
    let event = null;
    while (pending) event = frame();
    return event;
  }

  return {
    trainer,
    frame,
    finishEvaluation,
    /** Forget the frame clock (after a pause), so the pause does not count as training time. */
    pauseClock() {
      lastFrameAt = null;
    },
    get evaluating() {
      return pending !== null;
    },
    get state() {
      return state;
    },
    get budget() {
      return budget;
    },
    get last() {
      return last;
    },
    get samplesPerSecond() {
      return samplesPerSecond;
    },
  };
}
