// @ts-check
/**
 * The frame every chapter shares: its head (number, title, the lecture's point in one line), panels,
 * typeset formulas with a note, and the "copy link" button that puts the chapter's state — seed
 * included — on the clipboard, so one URL on the projector reproduces one run in every tab.
 */
import { esc } from '../dom.js';
import { tex } from './tex.js';

/**
 * @param {{id: string, number: number, kicker?: string, title: string, lede?: string}} o
 * @returns {string} the opening of the chapter's root section (close it with `</section>`)
 */
export function chapterOpen({ id, number, kicker = '', title, lede = '' }) {
  return `<section class="chapter" data-chapter="${esc(id)}" data-state="idle" data-testid="chapter-${esc(id)}">
  <header class="chapter-head">
    <div class="head-row">
      <p class="kicker">Chapter ${number}${kicker ? ` · ${esc(kicker)}` : ''}</p>
      ${copyLinkHTML()}
    </div>
    <h1 tabindex="-1">${esc(title)}</h1>
    ${lede ? `<p class="lede">${lede}</p>` : ''}
  </header>`;
}

/** A typeset formula (display style) with an optional plain-words note under it. */
export function formulaHTML(latex, note = '', testid = '') {
  return `<div class="formula"${testid ? ` data-testid="${esc(testid)}"` : ''}>${tex(latex, true)}${note ? `<p class="note">${note}</p>` : ''}</div>`;
}

function copyLinkHTML() {
  return `<button type="button" class="copy-link" data-testid="copy-link"
    title="Copy a link to this chapter with its settings and seed">Copy link</button>`;
}

/**
 * Wire the copy-link button(s) under `root`. The link is the address bar's, which the chapter keeps
 * up to date through the settings kit.
 * @param {HTMLElement} root
 */
export function wireCopyLink(root) {
  for (const button of root.querySelectorAll('.copy-link')) {
    button.addEventListener('click', async () => {
      const link = location.href;
      const b = /** @type {HTMLElement} */ (button);
      b.dataset.link = link;
      try {
        await navigator.clipboard.writeText(link);
        flash(b, 'Link copied ✓');
      } catch {
        // No clipboard permission (e.g. plain http on a LAN address): show the link to copy by hand.
        window.prompt('Copy this link:', link);
      }
    });
  }
}

/** @param {HTMLElement} button @param {string} text */
function flash(button, text) {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = before), 1500);
}

/**
 * A chapter's own stylesheet (`css/<name>.css`), linked once on first use.
 * @param {string} name
 */
export function useStyles(name) {
  const href = `css/${name}.css`;
  if (document.querySelector(`link[data-styles="${name}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.styles = name;
  document.head.append(link);
}
