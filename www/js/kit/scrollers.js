// @ts-check
/**
 * A formula, table or code block wider than its column scrolls sideways; keyboard users must be able
 * to scroll it too, so while it overflows it is focusable (tabindex 0) and named for screen readers.
 * One observer for the whole page: after any change under `root` (and on resize or when fonts load),
 * at most every quarter second, the candidates are checked.
 */
const CANDIDATES = '.table-wrap, .formula, .katex-display, pre, .scroll-x';

/** @param {HTMLElement} root */
export function keepScrollersFocusable(root) {
  let scheduled = 0;
  const check = () => {
    scheduled = 0;
    for (const el of root.querySelectorAll(CANDIDATES)) {
      const box = /** @type {HTMLElement} */ (el);
      const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible';
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.tabIndex = 0;
        box.dataset.scrollFocus = '';
        if (!box.hasAttribute('aria-label') && !box.getAttribute('role')) {
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', 'wide content, scrolls sideways');
        }
      } else if (!scrolls && box.dataset.scrollFocus !== undefined) {
        box.removeAttribute('tabindex');
        delete box.dataset.scrollFocus;
        if (box.getAttribute('aria-label') === 'wide content, scrolls sideways') {
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        }
      }
    }
  };
  // A training chapter changes the DOM every frame; measuring widths forces a layout, so look at most
  // a few times a second rather than in every frame.
  const schedule = () => {
    if (!scheduled) scheduled = window.setTimeout(check, 250);
  };
  new MutationObserver(schedule).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'open'] });
  window.addEventListener('resize', schedule);
  // Web fonts (KaTeX's, the code font) change widths without changing the DOM.
  document.fonts?.addEventListener('loadingdone', schedule);
  schedule();
}
