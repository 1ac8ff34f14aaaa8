// @ts-check
/**
 * One search as the chapter runs it: the planned points become runs, the digits are fetched once and cut to
 * what the runs read, a worker pool trains them, and every pool event updates the runs' records — state,
 * curves, validation numbers, the order of starts and ends. Coarse to fine submits its second round when the
 * first has ended. Knows nothing of the DOM: `onChange` tells the chapter to redraw.
 */
import { createPool } from '../search/pool.js';
import { searchData } from '../search/data.js';
import { finePoints, mnistValues, configOf, uniform } from '../search/space.js';

/** @typedef {import('../search/space.js').Point} Point */
/**
 * @typedef {object} Run
 * @property {number} id          1, 2, … in the order planned
 * @property {number} round       1; 2 for the fine round
 * @property {Point} point
 * @property {Record<string, any>} values  the MNIST chapter's parameters
 * @property {'queued'|'running'|'done'|'stopped'|'failed'|'diverged'} state
 * @property {number} epochs      epochs finished
 * @property {number} totalEpochs
 * @property {number} accuracy    validation accuracy after the last epoch (NaN before the first)
 * @property {number} loss        validation cost after the last epoch
 * @property {number} startSeq    pool event order of its start (0: not started)
 * @property {number} endSeq      … of its end
 * @property {number} worker      the worker slot (−1: none yet)
 * @property {string} message     why it failed
 */

/** Training and validation images per run, by data set: small, so one run takes seconds. */
export const SPLITS = { sample: { nTrain: 800, nValidation: 200 }, full: { nTrain: 10000, nValidation: 2000 } };

/**
 * @param {object} o
 * @param {Point[]} o.points          the first round
 * @param {Record<string, any>} o.v   the search settings (epochs, fineEpochs, seed, workers, data, strategy …)
 * @param {() => void} o.onChange
 * @param {(run: Run, data: any) => void} o.onProgress  training cost so far ({epoch, loss})
 * @param {(run: Run, data: any) => void} o.onEpoch     an epoch's numbers ({epoch, validation, training})
 */
export function createSearch({ points, v, onChange, onProgress, onEpoch }) {
  const source = v.data;
  const split = SPLITS[source];
  /** @type {Run[]} */
  const runs = [];
  /** @type {ReturnType<typeof createPool>|null} */
  let pool = null;
  let running = 0;
  let maxParallel = 0;
  let memory = 0;
  let loading = true;
  let error = '';
  let destroyed = false;
  /** @type {{accuracy: number, correct: number, count: number}|null} */
  let test = null;
  let testState = /** @type {'none'|'running'|'done'|'failed'} */ ('none');
  const TEST_ID = 0;
  const fineRand = uniform(v.seed + 1);

  plan(points, 1, v.epochs);

  /** @param {Point[]} list @param {number} round @param {number} epochs */
  function plan(list, round, epochs) {
    const added = list.map((point, i) => /** @type {Run} */ ({
      id: runs.length + 1 + i, round, point, values: mnistValues(point, { epochs, seed: v.seed, ...split }),
      state: 'queued', epochs: 0, totalEpochs: epochs, accuracy: NaN, loss: NaN, startSeq: 0, endSeq: 0, worker: -1, message: '',
    }));
    runs.push(...added);
    return added;
  }

  searchData(source, split.nTrain, split.nValidation).then((data) => {
    if (destroyed) return;
    loading = false;
    pool = createPool({ size: Math.min(v.workers, runs.length), data, onEvent });
    pool.submit(runs.map((r) => ({ id: r.id, config: configOf(r.values) })));
    onChange();
  }, (err) => {
    loading = false;
    error = `The digits could not be loaded: ${err.message}`;
    onChange();
  });

  /** @param {import('../search/pool.js').PoolEvent} e */
  function onEvent(e) {
    if (e.type === 'memory') {
      memory = Math.max(memory, e.data.memory);
      return onChange();
    }
    if (e.id === TEST_ID) return onTest(e);
    const run = runs.find((r) => r.id === e.id);
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return;
    if (e.type === 'start') {
      run.state = 'running';
      run.startSeq = e.seq;
      run.worker = e.worker ?? -1;
      running += 1;
      maxParallel = Math.max(maxParallel, running);
    } else if (e.type === 'progress') {
      onProgress(run, e.data);
      return;
    } else if (e.type === 'epoch') {
      run.epochs = e.data.epoch + 1;
      run.accuracy = e.data.validation.accuracy;
      run.loss = e.data.validation.loss;
      onEpoch(run, e.data);
    } else {
      if (run.state === 'running') running -= 1;
      run.endSeq = e.seq;
      if (e.type === 'done') {
        run.state = e.data.diverged ? 'diverged' : 'done';
        if (e.data.validation) {
          run.accuracy = e.data.validation.accuracy;
          run.loss = e.data.validation.loss;
        }
        if (e.data.memory) memory = Math.max(memory, e.data.memory);
      } else if (e.type === 'stopped') {
        run.state = 'stopped';
      } else {
        run.state = 'failed';
        run.message = e.data.message;
      }
      roundEnded();
    }
    onChange();
  }

  /** Coarse to fine: once every coarse run has ended, the fine round around the best. */
  function roundEnded() {
    if (v.strategy !== 'coarse' || runs.some((r) => r.round === 2)) return;
    if (runs.some((r) => r.state === 'queued' || r.state === 'running')) return;
    const best = bestOf(runs);
    if (!best || !pool) return;
    const fine = plan(finePoints(v, best.point, fineRand), 2, v.fineEpochs);
    pool.submit(fine.map((r) => ({ id: r.id, config: configOf(r.values) })));
  }

  /** @param {import('../search/pool.js').PoolEvent} e */
  function onTest(e) {
    if (e.type === 'done' && e.data.test) {
      test = e.data.test;
      testState = 'done';
    } else if (e.type === 'done' || e.type === 'failed' || e.type === 'stopped') {
      testState = 'failed';
    }
    onChange();
  }

  return {
    runs,
    source,
    split,
    get loading() {
      return loading;
    },
    get error() {
      return error;
    },
    get running() {
      return running;
    },
    get maxParallel() {
      return maxParallel;
    },
    /** The wasm memory of the largest worker, in bytes (0 until one has its data). */
    get memory() {
      return memory;
    },
    get test() {
      return test;
    },
    get testState() {
      return testState;
    },
    get finished() {
      return !loading && !error && runs.every((r) => r.state !== 'queued' && r.state !== 'running') &&
        (v.strategy !== 'coarse' || runs.some((r) => r.round === 2) || !bestOf(runs));
    },
    /** @param {number} id */
    stop(id) {
      pool?.stop(id);
    },
    stopAll() {
      for (const r of runs) if (r.state === 'queued' || r.state === 'running') pool?.stop(r.id);
    },
    /** Train the chosen run once more (same seed: the same weights) and measure it on the test set. @param {Run} run */
    measureTest(run) {
      if (!pool) return;
      test = null;
      testState = 'running';
      pool.submit([{ id: TEST_ID, config: configOf(run.values), test: true }]);
      onChange();
    },
    destroy() {
      destroyed = true;
      pool?.destroy();
    },
  };
}

/** The finished run with the best validation accuracy (the lower validation cost breaks a tie). @param {Run[]} runs */
export function bestOf(runs) {
  const done = runs.filter((r) => r.state === 'done' && Number.isFinite(r.accuracy));
  done.sort((a, b) => b.accuracy - a.accuracy || a.loss - b.loss);
  return done[0] || null;
}
