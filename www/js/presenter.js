// @ts-check
/**
 * The lecture hall: presenter mode and links that show only some controls. Both live in the URL next
 * to the chapter's own settings (`#/xor?seed=3&present=1&hide=eta,seed`), belong to the shell, and are
 * taken out before the chapter sees its parameters.
 *
 * - `present=1`: large type and thick lines for the back row, the chapter list folded away.
 * - `hide=a,b,…`: hides the controls with those names — a parameter (`eta`), or `settings` (every
 *   form), `run` (every run bar), `link` (the copy-link button) — so a lecturer can send an exercise
 *   with only the controls it needs.
 * - PageDown / PageUp (what a presentation clicker sends) go to the next / previous part of the
 *   chapter, and past its last part to the next chapter.
 */

export const SHELL_KEYS = ['present', 'hide'];
const GROUPS = { settings: 'form.settings, .settings, .more-settings', run: '.runbar', link: '.copy-link' };

/**
 * The chapter's parameters and the shell's, from one query string.
 * @param {string} query
 */
export function splitQuery(query) {
  const all = new URLSearchParams(query);
  const shell = new URLSearchParams();
  for (const key of SHELL_KEYS) {
    for (const value of all.getAll(key)) shell.append(key, value);
    all.delete(key);
  }
  return { chapter: all.toString().replace(/%2C/g, ','), shell: shell.toString().replace(/%2C/g, ',') };
}

/** The query a URL carries: the chapter's, then the shell's. */
export function joinQuery(chapter, shell) {
  return [chapter, shell].filter(Boolean).join('&');
}

/** Apply the shell's parameters to the page. @param {string} shellQuery */
export function applyShell(shellQuery) {
  const params = new URLSearchParams(shellQuery);
  const present = ['1', 'true', 'on'].includes(params.get('present') || '');
  document.body.classList.toggle('presenter', present);
  const toggle = document.querySelector('[data-testid="presenter-toggle"]');
  toggle?.setAttribute('aria-pressed', String(present));
  const hidden = (params.get('hide') || '').split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z][\w-]{0,40}$/.test(s));
  const selectors = hidden.flatMap((name) => (GROUPS[name] ? [GROUPS[name]] : [`label.field[for="p-${name}"]`]));
  let style = /** @type {HTMLStyleElement|null} */ (document.getElementById('hide-controls'));
  if (!style) {
    style = document.createElement('style');
    style.id = 'hide-controls';
    document.head.append(style);
  }
  style.textContent = selectors.length ? `${selectors.map((s) => `#main ${s}`).join(',\n')} { display: none !important; }` : '';
}

/** The shell query with presenter mode flipped. @param {string} shellQuery */
export function togglePresent(shellQuery) {
  const params = new URLSearchParams(shellQuery);
  if (params.get('present') === '1') params.delete('present');
  else params.set('present', '1');
  return params.toString().replace(/%2C/g, ',');
}

/**
 * PageDown / PageUp: the next / previous part (a `.panel`) of the chapter, then the next / previous chapter.
 * @param {(direction: 1|-1) => void} toChapter
 */
export function installClicker(toChapter) {
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = /** @type {HTMLElement} */ (e.target);
    if (t.closest?.('input, select, textarea')) return;
    e.preventDefault();
    const direction = e.key === 'PageDown' ? 1 : -1;
    const panels = [...document.querySelectorAll('#main .chapter > .panel, #main .chapter > * > .panel, #main .chapter-head')];
    const top = 4.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    const tops = panels.map((p) => p.getBoundingClientRect().top - top);
    const atEnd = direction > 0
      ? window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2
      : window.scrollY <= 0;
    const next = direction > 0 ? tops.findIndex((y) => y > 4) : tops.map((y) => y < -4).lastIndexOf(true);
    if (next >= 0 && !atEnd) panels[next].scrollIntoView({ block: 'start' });
    else toChapter(direction);
  });
}
