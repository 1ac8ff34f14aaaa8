// The four MNIST files as the site gets them: fetched .gz, gunzipped in the browser with DecompressionStream.
const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

async function gunzip(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/** [trainImages, trainLabels, testImages, testLabels] as raw IDX bytes. */
export function loadMnist(base = '/data/mnist/') {
  return Promise.all(FILES.map((name) => gunzip(`${base}${name}.gz`)));
}

/** Pixels (count × 784 u8) and labels of an IDX pair, for JS-side batching. */
export function idxView(images, labels) {
  return { pixels: images.subarray(16), labels: labels.subarray(8), count: labels.length - 8 };
}

/** Fisher–Yates with a seeded 32-bit generator (mulberry32), for the JS implementations. */
export function shuffled(n, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
