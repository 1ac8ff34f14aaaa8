// make bench, TensorFlow.js side: the same network, cost, η, mini-batch and init as NN Lab, with a hand-written
// loop around optimizer.minimize on the wasm backend (SIMD, one thread: the page is not cross-origin isolated).
// Fair to TF.js: each mini-batch is built in JS and wrapped with tf.tensor2d (tf.slice on the wasm backend copies
// the whole source tensor), and prediction runs on the 10,000 test images as one batch.
import { loadMnist, idxView, shuffled } from './mnist.mjs';

/* global tf */
const ready = (async () => {
  tf.wasm.setWasmPaths('/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend('wasm');
  await tf.ready();
  const [trainImages, trainLabels, testImages, testLabels] = await loadMnist();
  const train = idxView(trainImages, trainLabels);
  const test = idxView(testImages, testLabels);
  const testX = new Float32Array(test.count * 784);
  for (let i = 0; i < testX.length; i++) testX[i] = test.pixels[i] / 255;
  return { backend: tf.getBackend(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), dataReadyMs: performance.now(), train, test, testX };
})();

async function epoch(sizes, batchSize, seed) {
  const { train, test, testX } = await ready;
  const n = 50000;
  const [nIn, nHidden, nOut] = sizes;
  // w, b ~ N(0, 1), as NN Lab's `gaussian` init (Nielsen's network.py). Weights are stored n_in × n_out for matMul.
  const w1 = tf.variable(tf.randomNormal([nIn, nHidden], 0, 1, 'float32', seed));
  const b1 = tf.variable(tf.randomNormal([nHidden], 0, 1, 'float32', seed + 1));
  const w2 = tf.variable(tf.randomNormal([nHidden, nOut], 0, 1, 'float32', seed + 2));
  const b2 = tf.variable(tf.randomNormal([nOut], 0, 1, 'float32', seed + 3));
  const forward = (x) => tf.sigmoid(tf.add(tf.matMul(tf.sigmoid(tf.add(tf.matMul(x, w1), b1)), w2), b2));
  const optimizer = tf.train.sgd(3);
  const order = shuffled(n, seed);
  const xs = new Float32Array(batchSize * nIn);
  const ys = new Float32Array(batchSize * nOut);
  const started = performance.now();
  for (let start = 0; start < n; start += batchSize) {
    const m = Math.min(batchSize, n - start);
    ys.fill(0);
    for (let r = 0; r < m; r++) {
      const index = order[start + r];
      const pixels = train.pixels.subarray(index * nIn, (index + 1) * nIn);
      for (let k = 0; k < nIn; k++) xs[r * nIn + k] = pixels[k] / 255;
      ys[r * nOut + train.labels[index]] = 1;
    }
    tf.tidy(() => {
      const x = tf.tensor2d(xs.subarray(0, m * nIn), [m, nIn]);
      const y = tf.tensor2d(ys.subarray(0, m * nOut), [m, nOut]);
      // C = (1/m) Σₓ ½‖y − a‖²: its gradient times η is Nielsen's (η/m) Σₓ ∂Cₓ/∂w.
      optimizer.minimize(() => tf.mul(tf.sum(tf.square(tf.sub(forward(x), y))), 0.5 / m));
    });
  }
  await w1.data(); // the wasm backend is synchronous, but make sure nothing is pending
  const seconds = (performance.now() - started) / 1000;
  const evalStarted = performance.now();
  const guesses = tf.tidy(() => tf.argMax(forward(tf.tensor2d(testX, [test.count, nIn])), 1).dataSync());
  const evalSeconds = (performance.now() - evalStarted) / 1000;
  let correct = 0;
  for (let i = 0; i < test.count; i++) if (guesses[i] === test.labels[i]) correct++;
  [w1, b1, w2, b2].forEach((v) => v.dispose());
  optimizer.dispose();
  return { seconds, accuracy: (correct / test.count) * 100, evalSeconds, tensors: tf.memory().numTensors };
}

window.tfjsBench = {
  ready: ready.then(({ backend, simd, threads, dataReadyMs }) => ({ backend, simd, threads, dataReadyMs, version: tf.version.tfjs })),
  epoch,
};
