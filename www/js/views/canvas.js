/** Canvas plumbing shared by the views: crisp drawing at any devicePixelRatio, redraw on resize, axis ticks. */

/** The palette, matching styles.css. Class 0 / class 1 are colour-blind safe (blue / orange). */
export const colors = {
  ink: '#1b1f2a',
  muted: '#5c6475',
  grid: '#e3e6ee',
  axis: '#8a91a3',
  paper: '#ffffff',
  class0: '#1f6fb2',
  class1: '#e07b00',
  region0: '#d7e7f6',
  region1: '#fde3c2',
  wrong: '#c92a2a',
  ok: '#237a36',
  line: '#1b1f2a',
  series: ['#3b5bdb', '#e07b00', '#2b8a3e', '#ae3ec9'],
};

/**
 * A canvas font. Sizes grow with the screen as the page's text does (styles.css: 16px on a phone to
 * 20px on a projector), so chart labels stay readable from the back of a lecture hall.
 */
export const font = (px, weight = '') =>
  `${weight} ${Math.round(px * textScale())}px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`.trim();

/** A chart's margins grown with its text. @param {{left: number, right: number, top: number, bottom: number}} m */
export function scaledMargin(m) {
  const k = textScale();
  return { left: m.left * k, right: m.right * k, top: m.top * k, bottom: m.bottom * k };
}

/** The root font size relative to 16px. */
export function textScale() {
  return (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
}

/**
 * Size the backing store to the element's CSS size × devicePixelRatio and return a context that
 * draws in CSS pixels.
 */
export function fitCanvas(canvas) {
  const rect = canvas.getBoundingClientRect();
  const dpr = Math.min(window.devicePixelRatio || 1, 3);
  const width = Math.max(1, rect.width);
  const height = Math.max(1, rect.height);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width, height };
}

/** Call `redraw` whenever the element's size changes; returns the function that stops watching. */
export function onResize(element, redraw) {
  let last = '';
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    const key = `${Math.round(box.width)}x${Math.round(box.height)}`;
    if (key !== last) {
      last = key;
      redraw();
    }
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

/** Tick label: as few decimals as the step needs, real minus sign. */
export function tickLabel(v, step) {
  let decimals = 0;
  while (decimals < 6 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals += 1;
  return v.toFixed(decimals).replace('-', '−');
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
/** 10⁻³ style label for a power of ten. */
export function powerLabel(exponent) {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/**
 * The x title centred under the plot and the y title turned along its left edge.
 * @param {CanvasRenderingContext2D} ctx
 * @param {{xLabel: string, yLabel: string}} labels
 * @param {{px: number, py: number, pw: number, ph: number, height: number}} box  the plot area and the canvas height
 */
export function drawAxisTitles(ctx, { xLabel, yLabel }, { px, py, pw, ph, height }) {
  ctx.fillStyle = colors.ink;
  ctx.font = font(13);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xLabel, px + pw / 2, height - 2);
  ctx.save();
  ctx.translate(12 * textScale(), py + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}
