// @ts-check
/**
 * Pointing at the feedforward diagram: a mouse hovers (the target shows while the pointer is on it),
 * a click or a tap selects (it stays), and the keyboard moves the selection when the diagram has
 * focus: ↑ ↓ the neuron j (or, on a connection, the source k), ← → the layer, Enter from a neuron to
 * its first incoming connection, Esc (or Enter) back to the neuron. The arrow keys are taken only
 * while the diagram has focus, so elsewhere → is still the run controller's Step.
 */

/** @typedef {import('./feedforward-formulas.js').Target} Target */

/**
 * @param {HTMLElement} canvas
 * @param {{hit: (x: number, y: number) => Target|null}} diagram
 * @param {{hover: (t: Target|null) => void, select: (t: Target) => void, current: () => Target, sizes: () => number[]}} o
 */
export function createDiagramInput(canvas, diagram, o) {
  const at = (e) => {
    const rect = canvas.getBoundingClientRect();
    return diagram.hit(e.clientX - rect.left, e.clientY - rect.top);
  };
  const onMove = (e) => {
    if (e.pointerType === 'touch') return;
    o.hover(at(e));
    canvas.style.cursor = at(e) ? 'pointer' : '';
  };
  const onLeave = () => o.hover(null);
  const onClick = (e) => {
    const t = at(e);
    if (t) o.select(t);
  };
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const next = move(o.current(), e.key, o.sizes());
    if (!next) return;
    e.preventDefault();
    o.select(next);
  };
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerleave', onLeave);
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('keydown', onKey);

  return {
    /** @param {Target} t */
    describe(t) {
      canvas.dataset.selected = t.k === undefined ? `${t.l},${t.j}` : `${t.l},${t.j},${t.k}`;
    },
    destroy() {
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('keydown', onKey);
    },
  };
}

/**
 * The selection after a key, or null if the key does nothing here.
 * @param {Target} t @param {string} key @param {number[]} sizes
 * @returns {Target|null}
 */
export function move(t, key, sizes) {
  const L = sizes.length;
  const clamp = (v, n) => Math.max(1, Math.min(n, v));
  if (t.k !== undefined) {
    const nIn = sizes[t.l - 2];
    if (key === 'ArrowUp') return { ...t, k: clamp(t.k - 1, nIn) };
    if (key === 'ArrowDown') return { ...t, k: clamp(t.k + 1, nIn) };
    if (key === 'ArrowLeft' || key === 'ArrowRight') return moveLayer({ l: t.l, j: t.j }, key, sizes);
    if (key === 'Escape' || key === 'Enter') return { l: t.l, j: t.j };
    return null;
  }
  if (key === 'ArrowUp') return { l: t.l, j: clamp(t.j - 1, sizes[t.l - 1]) };
  if (key === 'ArrowDown') return { l: t.l, j: clamp(t.j + 1, sizes[t.l - 1]) };
  if (key === 'ArrowLeft' || key === 'ArrowRight') return moveLayer(t, key, sizes);
  if (key === 'Enter' && t.l >= 2 && t.l <= L) return { l: t.l, j: t.j, k: 1 };
  return null;
}

/** @param {Target} t @param {string} key @param {number[]} sizes */
function moveLayer(t, key, sizes) {
  const l = Math.max(1, Math.min(sizes.length, t.l + (key === 'ArrowLeft' ? -1 : 1)));
  return { l, j: Math.min(t.j, sizes[l - 1]) };
}
