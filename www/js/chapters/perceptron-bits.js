// @ts-check
/**
 * Binary inputs shown as toggle buttons (aria-pressed), read from and written into the chapter's URL
 * like the kit's parameters: a bad value in a link is reported by name, and the default used.
 */
import { esc } from '../dom.js';
import { tex } from '../kit/tex.js';
import { parseValue } from '../kit/params.js';

/**
 * @typedef {{name: string, tex: string, label: string, default: 0|1}} BitSpec
 */

/** @param {BitSpec} b @param {number} value */
export function toggleHTML(b, value) {
  return `<button type="button" class="bit-toggle" data-bit="${esc(b.name)}" data-testid="${esc(b.name)}"
    aria-pressed="${value ? 'true' : 'false'}" title="Toggle ${esc(b.label)}">
    <span class="bit-name">${tex(b.tex)}</span><span class="bit-value">${value ? 1 : 0}</span></button>`;
}

/**
 * Bits from the URL; each bad one reported, naming it, with its default used.
 * @param {BitSpec[]} specs @param {URLSearchParams} query
 * @returns {{values: Record<string, number>, errors: string[]}}
 */
export function readBits(specs, query) {
  /** @type {Record<string, number>} */
  const values = {};
  const errors = [];
  for (const b of specs) {
    values[b.name] = b.default;
    if (!query.has(b.name)) continue;
    const parsed = parseValue({ name: b.name, type: 'int', min: 0, max: 1, label: b.label, default: b.default }, query.get(b.name) ?? '');
    if (parsed.error !== undefined) errors.push(`${parsed.error} (in the link; using ${b.default})`);
    else values[b.name] = parsed.value;
  }
  return { values, errors };
}

/** The bits that differ from their defaults, as URL pairs. @param {BitSpec[]} specs @param {Record<string, number>} values */
export function bitsQuery(specs, values) {
  return specs.filter((b) => values[b.name] !== b.default).map((b) => `${b.name}=${values[b.name]}`).join('&');
}

/**
 * Wire the toggles under `root`: a click flips the bit, updates the button and calls `onChange`.
 * @param {HTMLElement} root @param {Record<string, number>} values @param {(name: string) => void} onChange
 */
export function wireToggles(root, values, onChange) {
  root.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest?.('[data-bit]');
    if (!(button instanceof HTMLElement) || !(button.dataset.bit in values)) return;
    const name = button.dataset.bit;
    values[name] = values[name] ? 0 : 1;
    showToggles(root, values);
    onChange(name);
  });
}

/** Put `values` into the buttons. @param {HTMLElement} root @param {Record<string, number>} values */
export function showToggles(root, values) {
  for (const el of root.querySelectorAll('[data-bit]')) {
    const button = /** @type {HTMLElement} */ (el);
    if (!(button.dataset.bit in values)) continue;
    const v = values[button.dataset.bit];
    button.setAttribute('aria-pressed', v ? 'true' : 'false');
    const out = button.querySelector('.bit-value');
    if (out) out.textContent = String(v);
  }
}

/** Show link problems in a role=alert box (hidden when there are none). @param {HTMLElement} box @param {string[]} errors */
export function showBitErrors(box, errors) {
  box.hidden = !errors.length;
  box.innerHTML = errors.length ? `<ul>${errors.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>` : '';
}

/** A number for the live formulas: whole numbers plain, others with up to two decimals. */
export function fmt(x) {
  const r = Math.round(x * 100) / 100;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/0$/, '');
  return s === '-0' ? '0' : s;
}

/** A number as a factor in a product: negatives in parentheses. */
export function factor(x) {
  const s = fmt(x);
  return s.startsWith('-') ? `(${s})` : s;
}
