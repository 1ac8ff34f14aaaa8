"""Independent reference for tests/core/preprocess.rs: the training statistics of the committed sample's first 500
images (scaled to [0, 1]), as the preprocessing slide defines them, with numpy (population σ, i.e. ddof = 0).

Run: python3 tests/golden/preprocess.py   (numpy only; reads the IDX bytes directly, not through the crate)
"""

import gzip
import pathlib

import numpy as np

root = pathlib.Path(__file__).resolve().parents[2]
raw = gzip.open(root / "data/sample/t10k-images-1k.gz").read()
images = np.frombuffer(raw[16:], dtype=np.uint8).reshape(1000, 784)[:500].astype(np.float64) / 255.0

print(f"global mean {images.mean():.9f}")
print(f"global std {images.std():.9f}")
for pixel in (400, 500):
    print(f"pixel {pixel}: mean {images[:, pixel].mean():.9f} std {images[:, pixel].std():.9f}")
