// @ts-check
/**
 * The digits a set of workers trains on, cut down to what the runs read: a run takes its nTrain training
 * images from the start of the training file and its nValidation validation images from the end, so the
 * first `nTrain` and the last `nValidation` images, rewritten as IDX files of nTrain + nValidation images,
 * give every run the same images as the whole file would — in a fraction of each worker's memory
 * (10,000 + 2,000 images: 9.4 MB instead of 47 MB). The test files go along whole.
 */
import { mnistBytes } from '../data.js';

/** @typedef {import('./pool.js').IdxBytes} IdxBytes */

/** source → the decompressed files (downloaded once per page). */
const loaded = new Map();

/**
 * @param {'full'|'sample'} source
 * @param {number} nTrain       the most training images any run takes
 * @param {number} nValidation  the most validation images any run takes
 * @param {(received: number, total: number|null) => void} [onProgress]
 * @returns {Promise<IdxBytes>}
 */
export async function searchData(source, nTrain, nValidation, onProgress) {
  let files = loaded.get(source);
  if (!files) {
    files = mnistBytes(source, onProgress);
    loaded.set(source, files);
    files.catch(() => loaded.delete(source));
  }
  const all = await files;
  return {
    trainImages: ends(all.trainImages, nTrain, nValidation),
    trainLabels: ends(all.trainLabels, nTrain, nValidation),
    testImages: all.testImages,
    testLabels: all.testLabels,
  };
}

/**
 * An IDX file of the first `head` and the last `tail` items of `idx` (all of it when they overlap).
 * IDX: 0, 0, type, ndims, then ndims big-endian u32 sizes (the first is the item count), then the items.
 * @param {Uint8Array} idx @param {number} head @param {number} tail
 */
export function ends(idx, head, tail) {
  const view = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
  const ndims = idx[3];
  const header = 4 + 4 * ndims;
  const count = view.getUint32(4);
  if (head + tail >= count) return idx;
  const itemLen = (idx.byteLength - header) / count;
  const out = new Uint8Array(header + (head + tail) * itemLen);
  out.set(idx.subarray(0, header));
  new DataView(out.buffer).setUint32(4, head + tail);
  out.set(idx.subarray(header, header + head * itemLen), header);
  out.set(idx.subarray(idx.byteLength - tail * itemLen), header + head * itemLen);
  return out;
}
