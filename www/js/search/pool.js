// @ts-check
/**
 * A pool of search workers: `size` module workers (worker.js), each with its own wasm instance, taking runs
 * from one queue. The page downloads and decompresses the digits once and posts the bytes to each worker —
 * a copy per worker (structured clone): transferring would detach the one buffer after the first worker, and
 * sharing one (SharedArrayBuffer) needs cross-origin isolation headers a static host such as GitHub Pages
 * cannot send. Each worker then parses its copy into its own wasm memory.
 *
 * A run that is stopped, or whose worker fails (a wasm trap, an error), ends alone: that worker is terminated
 * and replaced by a fresh one, and the other runs go on. Every event carries `seq`, one counter over the pool,
 * so the order of starts and ends can be checked without reading clocks.
 */

/** @typedef {{trainImages: Uint8Array, trainLabels: Uint8Array, testImages: Uint8Array, testLabels: Uint8Array}} IdxBytes */
/** @typedef {{id: number, config: any, test?: boolean, trainMetrics?: boolean}} Job */
/**
 * @typedef {object} PoolEvent
 * @property {'start'|'progress'|'epoch'|'done'|'failed'|'stopped'|'memory'} type
 * @property {number} seq      order of the event within the pool
 * @property {number} [id]     the run
 * @property {number} [worker] the worker slot that ran it
 * @property {any} [data]      the worker's message
 */

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Workers by default: one per core the browser reports, less one for the page, at least one. */
export function defaultWorkers() {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

/**
 * @param {object} o
 * @param {number} o.size               workers
 * @param {IdxBytes} o.data             the digits every worker gets
 * @param {(e: PoolEvent) => void} o.onEvent
 */
export function createPool({ size, data, onEvent }) {
  let seq = 0;
  /** @type {Job[]} */
  const queue = [];
  /** @type {{worker: Worker, ready: boolean, job: Job|null}[]} */
  const slots = [];
  let closed = false;

  const emit = (/** @type {Omit<PoolEvent, 'seq'>} */ e) => onEvent({ ...e, seq: ++seq });

  for (let i = 0; i < size; i++) slots.push(spawn(i));

  /** @param {number} index */
  function spawn(index) {
    const worker = new Worker(WORKER_URL, { type: 'module', name: `search-${index + 1}` });
    const slot = { worker, ready: false, job: /** @type {Job|null} */ (null) };
    worker.onmessage = (e) => {
      if (slots[index] !== slot) return; // a replaced worker's last words
      const m = e.data;
      if (m.type === 'hello') worker.postMessage({ type: 'data', ...data });
      else if (m.type === 'ready') {
        slot.ready = true;
        emit({ type: 'memory', worker: index, data: m });
        next(slot, index);
      } else if (m.type === 'start' || m.type === 'progress' || m.type === 'epoch') {
        emit({ type: m.type, id: m.id, worker: index, data: m });
      } else if (m.type === 'done' || m.type === 'failed') {
        slot.job = null;
        emit({ type: m.type, id: m.id, worker: index, data: m });
        if (m.trap) replace(index);
        else next(slot, index);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (slots[index] === slot) fail(index, e.message || 'the worker stopped with an error');
    };
    worker.onmessageerror = () => slots[index] === slot && fail(index, 'a message from the worker could not be read');
    return slot;
  }

  /** The worker in slot `index` broke: its run fails, a fresh worker takes the slot. */
  function fail(index, message) {
    const job = slots[index].job;
    if (job) emit({ type: 'failed', id: job.id, worker: index, data: { message } });
    replace(index);
  }

  /** A fresh worker in slot `index` (it takes the next queued run once it has the data). */
  function replace(index) {
    slots[index].worker.terminate();
    if (!closed) slots[index] = spawn(index);
  }

  /** @param {{worker: Worker, ready: boolean, job: Job|null}} slot @param {number} index */
  function next(slot, index) {
    if (closed || !slot.ready || slot.job) return;
    const job = queue.shift();
    if (!job) return;
    slot.job = job;
    slot.worker.postMessage({ type: 'run', ...job });
  }

  function dispatch() {
    slots.forEach((slot, index) => next(slot, index));
  }

  return {
    size,
    /** Queue runs; free workers take them at once. @param {Job[]} jobs */
    submit(jobs) {
      queue.push(...jobs);
      dispatch();
    },
    /** Stop run `id`: dropped from the queue, or its worker terminated and replaced. @param {number} id */
    stop(id) {
      const queued = queue.findIndex((j) => j.id === id);
      if (queued >= 0) {
        queue.splice(queued, 1);
        emit({ type: 'stopped', id, data: { queued: true } });
        return;
      }
      const index = slots.findIndex((s) => s.job?.id === id);
      if (index < 0) return;
      emit({ type: 'stopped', id, worker: index, data: { queued: false } });
      replace(index);
    },
    /** Runs queued or running. */
    get pending() {
      return queue.length + slots.filter((s) => s.job).length;
    },
    destroy() {
      closed = true;
      queue.length = 0;
      for (const s of slots) s.worker.terminate();
    },
  };
}
