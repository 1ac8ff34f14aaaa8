/**
 * MNIST download: four gzipped IDX files fetched in parallel, each body counted (compressed bytes,
 * for the progress bar) and piped through DecompressionStream('gzip') into one Uint8Array, then
 * handed to wasm (`Mnist.fromIdx`, which validates magic numbers, sizes and lengths).
 *
 * Loads are cached per source for the page's lifetime, so leaving the chapter and coming back
 * does not download again; a failed load is forgotten so that "retry" starts afresh.
 */
import { Mnist } from './wasm.js';

const SOURCES = {
  full: {
    label: 'MNIST',
    files: {
      trainImages: 'data/mnist/train-images-idx3-ubyte.gz',
      trainLabels: 'data/mnist/train-labels-idx1-ubyte.gz',
      testImages: 'data/mnist/t10k-images-idx3-ubyte.gz',
      testLabels: 'data/mnist/t10k-labels-idx1-ubyte.gz',
    },
  },
  // 1,000 test digits shipped with the site: an instant, offline start (train and test are the same images).
  sample: {
    label: 'MNIST sample (1,000 digits)',
    files: {
      trainImages: 'data/sample/t10k-images-1k.gz',
      trainLabels: 'data/sample/t10k-labels-1k.gz',
      testImages: 'data/sample/t10k-images-1k.gz',
      testLabels: 'data/sample/t10k-labels-1k.gz',
    },
  },
};

const loads = new Map();

export const sourceNames = Object.keys(SOURCES);

/**
 * The load of `source` ('full' | 'sample'), started on first use.
 * @returns {{ source: string, label: string, state: 'loading'|'ready'|'error', received: number,
 *   total: number|null, mnist: Mnist|null, error: Error|null, subscribe(fn): () => void }}
 *   `total` is the sum of Content-Length over the files, null until every response has one.
 */
export function mnistLoad(source = 'full') {
  if (!SOURCES[source]) throw new Error(`unknown data source “${source}” (use one of: ${sourceNames.join(', ')})`);
  let load = loads.get(source);
  if (!load || load.state === 'error') {
    load = startLoad(source);
    loads.set(source, load);
  }
  return load;
}

function startLoad(source) {
  const { label, files } = SOURCES[source];
  const listeners = new Set();
  const load = {
    source,
    label,
    state: 'loading',
    received: 0,
    total: null,
    mnist: null,
    error: null,
    subscribe(fn) {
      listeners.add(fn);
      fn(load);
      return () => listeners.delete(fn);
    },
  };
  const notify = () => listeners.forEach((fn) => fn(load));

  // The same URL may serve two roles (the sample): download each distinct file once.
  const urls = [...new Set(Object.values(files))];
  const sizes = new Map();
  const abort = new AbortController();
  let lastNotify = 0;
  const onBytes = (n) => {
    load.received += n;
    const now = performance.now();
    if (now - lastNotify > 50) {
      lastNotify = now;
      notify();
    }
  };
  const onSize = (url, size) => {
    sizes.set(url, size);
    if (sizes.size === urls.length) {
      const known = [...sizes.values()];
      load.total = known.every((s) => s > 0) ? known.reduce((a, b) => a + b, 0) : null;
    }
    notify();
  };

  Promise.all(urls.map((url) => fetchGunzip(url, abort.signal, onBytes, onSize)))
    .catch((err) => {
      abort.abort();
      throw err;
    })
    .then((buffers) => {
      const bytes = Object.fromEntries(urls.map((url, i) => [url, buffers[i]]));
      load.mnist = Mnist.fromIdx(
        bytes[files.trainImages],
        bytes[files.trainLabels],
        bytes[files.testImages],
        bytes[files.testLabels],
      );
      load.state = 'ready';
      notify();
    })
    .catch((err) => {
      load.state = 'error';
      load.error = err instanceof Error ? err : new Error(String(err));
      notify();
    });
  return load;
}

/** Fetch one gzipped file and return its decompressed bytes. Errors name the file. */
async function fetchGunzip(url, signal, onBytes, onSize) {
  const name = url.split('/').pop();
  let response;
  try {
    response = await fetch(url, { signal });
  } catch (err) {
    throw new Error(`${name}: download failed (${err.message})`);
  }
  if (!response.ok) throw new Error(`${name}: download failed (HTTP ${response.status} ${response.statusText})`.replace(' )', ')'));
  if (!response.body) throw new Error(`${name}: the browser gave no response body`);
  onSize(url, Number(response.headers.get('Content-Length')) || 0);

  const count = new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
  const reader = response.body.pipeThrough(count).pipeThrough(new DecompressionStream('gzip')).getReader();
  const out = new ByteSink();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push(value);
    }
  } catch (err) {
    throw new Error(`${name}: ${signal.aborted ? 'download aborted' : `not a valid gzip file (${err.message})`}`);
  }
  return out.bytes();
}

/**
 * Collects chunks into one Uint8Array. Once the IDX header is in, it knows the file's full size
 * (magic, dimensions) and allocates once, instead of keeping every chunk and concatenating.
 */
class ByteSink {
  constructor() {
    this.buffer = new Uint8Array(1 << 16);
    this.length = 0;
    this.sized = false;
  }

  push(chunk) {
    this.reserve(this.length + chunk.byteLength);
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
    if (!this.sized) this.sizeFromHeader();
  }

  /** IDX: 0, 0, type, ndims, then ndims big-endian u32 sizes; type 0x08 = unsigned bytes. */
  sizeFromHeader() {
    const b = this.buffer;
    if (this.length < 4) return;
    const ndims = b[3];
    const header = 4 + 4 * ndims;
    if (this.length < header) return;
    this.sized = true;
    if (b[0] !== 0 || b[1] !== 0 || b[2] !== 0x08 || ndims < 1 || ndims > 4) return;
    let count = 1;
    for (let d = 0; d < ndims; d++) {
      const at = 4 + 4 * d;
      count *= ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
    }
    const total = header + count;
    // A lying header must not make us allocate gigabytes: wasm validates the real length later.
    if (total <= 256 * 1024 * 1024) this.reserve(total, true);
  }

  reserve(size, exact = false) {
    if (size <= this.buffer.length) return;
    const capacity = exact ? size : Math.max(size, this.buffer.length * 2);
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  bytes() {
    return this.length === this.buffer.length ? this.buffer : this.buffer.slice(0, this.length);
  }
}
