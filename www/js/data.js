/**
 * MNIST download: four gzipped IDX files fetched in parallel, each body counted (compressed bytes,
 * for the progress bar) and piped through DecompressionStream('gzip') into one Uint8Array, then
 * handed to wasm (`Mnist.fromIdx`, which validates magic numbers, sizes and lengths).
 *
 * Loads are cached per source for the page's lifetime, so leaving the chapter and coming back
 * does not download again; a failed load is forgotten so that "retry" starts afresh. The compressed
 * bytes of every file are kept (11 MB for the full set), so after the wasm module is restarted
 * (`forgetInstances`) the data is rebuilt without downloading it again.
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
/** url → the compressed bytes as downloaded. */
const downloaded = new Map();

/**
 * The wasm module was restarted: the datasets built in the old one are gone. The next `mnistLoad`
 * builds them again from the bytes already downloaded.
 */
export function forgetInstances() {
  loads.clear();
}

export const sourceNames = Object.keys(SOURCES);

/**
 * One chapter's hold on the digits of one source at a time: `use(source)` calls `onReady(mnist)` once they are in
 * (at once if they already are) and `onError(message)` if they cannot load; using another source lets go of the
 * first. `mnist` is null until the current source is ready.
 * @param {{onReady: (mnist: import('../pkg/nnlab.js').Mnist) => void, onError: (message: string) => void}} o
 */
export function holdDigits({ onReady, onError }) {
  let stop = () => {};
  const hold = {
    source: '',
    /** @type {import('../pkg/nnlab.js').Mnist|null} */
    mnist: null,
    /** @param {string} source */
    use(source) {
      if (source === hold.source && hold.mnist) {
        onReady(hold.mnist);
        return;
      }
      stop();
      hold.mnist = null;
      hold.source = source;
      stop = mnistLoad(source).subscribe((s) => {
        if (s.source !== hold.source) return;
        if (s.state === 'error') onError(`The digits could not be loaded: ${s.error?.message}`);
        else if (s.state === 'ready' && !hold.mnist && s.mnist) {
          hold.mnist = s.mnist;
          onReady(s.mnist);
        }
      });
    },
    release() {
      stop();
    },
  };
  return hold;
}

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

  // Kept for a restart only once the whole set has loaded: a corrupt file must be downloaded afresh.
  const compressed = new Map();
  const onCompressed = (url, bytes) => compressed.set(url, bytes);
  Promise.all(urls.map((url) => fetchGunzip(url, abort.signal, onBytes, onSize, onCompressed)))
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
      for (const [url, bytes] of compressed) downloaded.set(url, bytes);
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

/**
 * The four decompressed IDX files of `source`, as bytes (for Web Workers, which build their own datasets): each
 * file downloaded once per page (the compressed bytes are kept, as for a restart), decompressed on every call.
 * `onProgress(received, total)` counts compressed bytes; `total` is null until every size is known.
 * @param {string} source  'full' | 'sample'
 * @param {(received: number, total: number|null) => void} [onProgress]
 * @returns {Promise<{trainImages: Uint8Array, trainLabels: Uint8Array, testImages: Uint8Array, testLabels: Uint8Array}>}
 */
export async function mnistBytes(source, onProgress = () => {}) {
  if (!SOURCES[source]) throw new Error(`unknown data source “${source}” (use one of: ${sourceNames.join(', ')})`);
  const { files } = SOURCES[source];
  const urls = [...new Set(Object.values(files))];
  const sizes = new Map();
  let received = 0;
  const total = () => (sizes.size === urls.length && [...sizes.values()].every((s) => s > 0)
    ? [...sizes.values()].reduce((a, b) => a + b, 0) : null);
  const onBytes = (n) => {
    received += n;
    onProgress(received, total());
  };
  const onSize = (url, size) => sizes.set(url, size);
  const onCompressed = (url, bytes) => downloaded.set(url, bytes);
  const buffers = await Promise.all(urls.map((url) => fetchGunzip(url, new AbortController().signal, onBytes, onSize, onCompressed)));
  const bytes = Object.fromEntries(urls.map((url, i) => [url, buffers[i]]));
  return {
    trainImages: bytes[files.trainImages], trainLabels: bytes[files.trainLabels],
    testImages: bytes[files.testImages], testLabels: bytes[files.testLabels],
  };
}

/**
 * Fetch one gzipped file (or take the bytes downloaded before) and return its decompressed bytes;
 * `onCompressed` gets the bytes as downloaded. Errors name the file.
 */
async function fetchGunzip(url, signal, onBytes, onSize, onCompressed) {
  const name = url.split('/').pop();
  const kept = downloaded.get(url);
  let body;
  if (kept) {
    onSize(url, kept.byteLength);
    body = new Blob([kept]).stream();
  } else {
    let response;
    try {
      response = await fetch(url, { signal });
    } catch (err) {
      throw new Error(`${name}: download failed (${err.message})`);
    }
    if (!response.ok) throw new Error(`${name}: download failed (HTTP ${response.status} ${response.statusText})`.replace(' )', ')'));
    if (!response.body) throw new Error(`${name}: the browser gave no response body`);
    onSize(url, Number(response.headers.get('Content-Length')) || 0);
    body = response.body;
  }

  const chunks = [];
  const count = new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      if (!kept) chunks.push(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      if (!kept) onCompressed(url, concat(chunks));
    },
  });
  const reader = body.pipeThrough(count).pipeThrough(new DecompressionStream('gzip')).getReader();
  const out = new ByteSink(name);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push(value);
    }
  } catch (err) {
    if (err instanceof TooLong) {
      reader.cancel().catch(() => {});
      throw new Error(err.message);
    }
    throw new Error(`${name}: ${signal.aborted ? 'download aborted' : `not a valid gzip file (${err.message})`}`);
  }
  return out.bytes();
}

/** @param {Uint8Array[]} chunks */
function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** No MNIST file is larger (the training images are 47 MB); a file without a readable header stops here. */
const MAX_BYTES = 64 * 1024 * 1024;
/** What an IDX file may hold beyond the length its header announces before reading stops. */
const MARGIN = 4096;

/** A file that goes on past the length its header announces (or past MAX_BYTES). */
class TooLong extends Error {}

/**
 * Collects chunks into one Uint8Array. Once the IDX header is in, it knows the file's full size
 * (magic, dimensions) and allocates once, instead of keeping every chunk and concatenating; it stops
 * reading a file that goes on past that size (a small .gz can inflate to gigabytes of zeros).
 */
class ByteSink {
  /** @param {string} name the file, for messages */
  constructor(name) {
    this.name = name;
    this.buffer = new Uint8Array(1 << 16);
    this.length = 0;
    this.sized = false;
    /** @type {number|null} the length the header announces */
    this.expected = null;
  }

  /** @param {Uint8Array} chunk */
  push(chunk) {
    const next = this.length + chunk.byteLength;
    if (this.expected !== null && next > this.expected + MARGIN) {
      throw new TooLong(`${this.name}: the file goes on past the ${this.expected.toLocaleString('en-US')} bytes its header ` +
        'announces — it is corrupt; reading stopped');
    }
    if (next > MAX_BYTES) {
      throw new TooLong(`${this.name}: more than ${MAX_BYTES / 1024 / 1024} MB, larger than any MNIST file — reading stopped`);
    }
    this.reserve(next);
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
    this.expected = total;
    // A lying header must not make us allocate gigabytes: wasm validates the real length later.
    if (total <= MAX_BYTES) this.reserve(total, true);
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
