// @ts-check
/**
 * A drawing made into an MNIST digit the way LeCun, Cortes and Burges made theirs: the ink's bounding box is
 * scaled (aspect ratio kept) so its longer side is 20 pixels, anti-aliased by area, and the result placed in a
 * 28 × 28 image so that its centre of mass (x̄, ȳ) = Σ p·(x, y) / Σ p lies at the image's centre (14, 14).
 *
 * The scaling maps x ↦ o + s·(x − x₀) (s = 20 / max(width, height) of the box), which keeps the centre of mass
 * where it maps to, so the offset o comes from the drawing's own centre of mass.
 */

export const SIDE = 28;
export const BOX = 20;

/**
 * @param {ArrayLike<number>} ink  one value per pixel of the drawing, 0 (paper) – 255 (ink), row-major
 * @param {number} width
 * @param {number} height
 * @returns {Uint8Array} 28 × 28 pixels, 0–255, row-major (all 0 for an empty drawing)
 */
export function centreLikeMnist(ink, width, height) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1, mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = ink[y * width + x];
      if (p <= 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      mass += p;
      mx += p * (x + 0.5);
      my += p * (y + 0.5);
    }
  }
  const out = new Float32Array(SIDE * SIDE);
  if (mass === 0) return new Uint8Array(SIDE * SIDE);
  const s = BOX / Math.max(x1 - x0 + 1, y1 - y0 + 1);
  // Where source coordinate u lands: o + s·(u − x₀); the centre of mass must land on SIDE / 2.
  const ox = SIDE / 2 - s * (mx / mass - x0);
  const oy = SIDE / 2 - s * (my / mass - y0);
  if (s <= 1) {
    // Shrinking: every source pixel adds its ink × its area s² to the target pixels under it (bilinear share).
    const area = s * s;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const p = ink[y * width + x];
        if (p > 0) splat(out, ox + s * (x + 0.5 - x0) - 0.5, oy + s * (y + 0.5 - y0) - 0.5, p * area);
      }
    }
  } else {
    // Enlarging (a tiny drawing): every target pixel samples the source where it comes from, bilinearly.
    for (let v = 0; v < SIDE; v++) {
      for (let u = 0; u < SIDE; u++) {
        out[v * SIDE + u] = sample(ink, width, height, x0 + (u + 0.5 - ox) / s - 0.5, y0 + (v + 0.5 - oy) / s - 0.5);
      }
    }
  }
  const pixels = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, Math.round(out[i]));
  return pixels;
}

/** Adds `amount` at fractional target position (tx, ty), shared bilinearly between the four pixels around it. */
function splat(out, tx, ty, amount) {
  const ix = Math.floor(tx), iy = Math.floor(ty);
  const fx = tx - ix, fy = ty - iy;
  add(out, ix, iy, amount * (1 - fx) * (1 - fy));
  add(out, ix + 1, iy, amount * fx * (1 - fy));
  add(out, ix, iy + 1, amount * (1 - fx) * fy);
  add(out, ix + 1, iy + 1, amount * fx * fy);
}

function add(out, x, y, amount) {
  if (x >= 0 && x < SIDE && y >= 0 && y < SIDE) out[y * SIDE + x] += amount;
}

/** The source's value at fractional position (x, y), bilinearly; 0 outside. */
function sample(ink, width, height, x, y) {
  const ix = Math.floor(x), iy = Math.floor(y);
  const fx = x - ix, fy = y - iy;
  const at = (u, v) => (u >= 0 && u < width && v >= 0 && v < height ? ink[v * width + u] : 0);
  return (at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx) * (1 - fy) + (at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx) * fy;
}
