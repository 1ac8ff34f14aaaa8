/** Small DOM and formatting helpers shared by the shell, the chapters and the views. */

/** Every element under `root` with a `data-ref` attribute, keyed by that name. */
export function refs(root) {
  const out = {};
  for (const el of root.querySelectorAll('[data-ref]')) out[el.dataset.ref] = el;
  return out;
}

/** Escape text for use inside an HTML template. */
export function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number with a fixed number of decimals and a real minus sign (U+2212), "−0.000" shown as "0.000". */
export function num(x, digits = 3) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  const s = x.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) return s.slice(1);
  return s.replace('-', '−');
}

/** A number in short scientific-ish form for losses: 0.1234, 0.00123, 1.2e−5. */
export function short(x) {
  if (!Number.isFinite(x)) return num(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 0.001 && a < 10000) return num(x, Math.max(0, 3 - Math.floor(Math.log10(a))));
  return x.toExponential(2).replace('e+', 'e').replace(/-/g, '−');
}

const grouped = new Intl.NumberFormat('en-US');
/** An integer with thousands separators: 50,000. */
export function int(x) {
  return grouped.format(Math.round(x));
}

/** Seconds with one decimal from milliseconds. */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
