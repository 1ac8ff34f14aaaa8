// Writes data/sample/: the first 1,000 MNIST test images and labels as gzipped IDX files — a small committed
// sample for fast tests and an instant offline start. Run by `make sample` after `make data`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const COUNT = 1000;
const here = new URL('.', import.meta.url);

function firstImages(name, headerLen, itemLen) {
  const full = gunzipSync(readFileSync(new URL(`mnist/${name}.gz`, here)));
  const out = Buffer.from(full.subarray(0, headerLen + COUNT * itemLen));
  out.writeUInt32BE(COUNT, 4);
  return gzipSync(out, { level: 9 });
}

mkdirSync(new URL('sample/', here), { recursive: true });
writeFileSync(new URL('sample/t10k-images-1k.gz', here), firstImages('t10k-images-idx3-ubyte', 16, 784));
writeFileSync(new URL('sample/t10k-labels-1k.gz', here), firstImages('t10k-labels-idx1-ubyte', 8, 1));
