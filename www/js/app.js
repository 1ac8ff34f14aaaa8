// @ts-check
/**
 * App shell: chapter navigation and hash routing, `#/mnist?eta=0.5&seed=7`.
 *
 * A chapter module exports `mount(container, params, ctx) → {pause?, update?, destroy?}` (or a cleanup
 * function). Chapters are loaded on demand and stay alive when the student leaves them: leaving
 * pauses the chapter's run and takes its element out of the page; coming back puts it back as it was
 * (settings, curves, log). A chapter writes its state into the URL with `ctx.setQuery`; Back and
 * Forward between two states of one chapter call its `update(params)` (a chapter without `update` is
 * mounted afresh). A chapter that fails to load leaves the navigation and the other chapters working.
 *
 * A wasm trap anywhere (reported by the run controller, or uncaught) is said once in a banner; the
 * shell then drops every mounted chapter (their objects lived in the dead instance), starts a fresh
 * instance, and mounts the current chapter again from its link — settings and seed included.
 */
import { chapters, findChapter, DEFAULT_CHAPTER } from './toc.js';
import { esc } from './dom.js';
import { isTrap, reportTrap, onTrap, restart } from './wasm.js';
import { forgetInstances } from './data.js';
import { keepScrollersFocusable } from './kit/scrollers.js';
import { splitQuery, joinQuery, applyShell, togglePresent, installClicker } from './presenter.js';
import { registerOffline } from './offline.js';

const nav = /** @type {HTMLElement} */ (document.getElementById('toc'));
const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const menuToggle = /** @type {HTMLElement} */ (document.querySelector('.menu-toggle'));

/**
 * @typedef {{pause?: () => void, update?: (params: URLSearchParams) => void, destroy?: () => void}} ChapterHandle
 * @typedef {{id: string, element: HTMLElement, handle: ChapterHandle, query: string}} Mounted
 */

/** @type {Map<string, Mounted>} */
const mounted = new Map();
/** @type {string|null} */
let currentId = null;
let routeToken = 0;
/** The shell's part of the URL's query (`present=1&hide=eta`), kept across chapters. */
let shellQuery = '';
/** @type {HTMLElement|null} */
let banner = null;

renderNav();
menuToggle.addEventListener('click', () => setMenu(menuToggle.getAttribute('aria-expanded') !== 'true'));
window.addEventListener('hashchange', () => route(true));
window.addEventListener('error', (e) => {
  if (isTrap(e.error)) reportTrap(e.error);
});
window.addEventListener('unhandledrejection', (e) => {
  if (isTrap(e.reason)) reportTrap(e.reason);
});
onTrap(recover);
keepScrollersFocusable(main);
installClicker(toNeighbour);
registerOffline(main);
document.querySelector('[data-testid="presenter-toggle"]')?.addEventListener('click', () => {
  shellQuery = togglePresent(shellQuery);
  applyShell(shellQuery);
  const entry = currentId ? mounted.get(currentId) : null;
  if (currentId) history.replaceState(null, '', address(currentId, entry ? entry.query : parseHash().query));
  window.dispatchEvent(new Event('resize'));
});
route(false);

/** The next (1) or previous (−1) built chapter, for PageDown / PageUp past a chapter's ends. */
function toNeighbour(direction) {
  const built = chapters.filter((c) => c.load).map((c) => c.id);
  const at = built.indexOf(currentId || '');
  const next = built[at + direction];
  if (next) location.hash = address(next, '');
}

/**
 * After a trap: say so, drop the chapters, restart the module, mount the current chapter again.
 * @param {Error} err
 */
async function recover(err) {
  const banner = engineBanner();
  const what = `${err.name}: ${err.message}`.slice(0, 120);
  banner.textContent = `The computation engine stopped (${what}). Restarting it…`;
  for (const entry of mounted.values()) {
    try {
      entry.handle.destroy?.();
    } catch {
      // Its objects belonged to the dead instance; there is nothing left to free.
    }
  }
  mounted.clear();
  currentId = null;
  main.replaceChildren(banner);
  await restart();
  forgetInstances();
  banner.textContent = `The computation engine stopped (${what}) and was restarted. This chapter was reloaded with the ` +
    'settings in its link; other chapters start afresh. If it happens again, please tell your lecturer what you did.';
  route(false);
}

/** The one banner that tells of a restart (re-used if the engine stops again); it stays above every chapter. */
function engineBanner() {
  if (!banner) {
    banner = document.createElement('p');
    banner.className = 'engine-banner';
    banner.setAttribute('role', 'alert');
    banner.dataset.testid = 'engine-banner';
  }
  main.prepend(banner);
  return banner;
}

function renderNav() {
  const items = chapters.map((c, i) => {
    const num = `<span class="toc-num">${i + 1}</span>`;
    return `<li><a href="#/${c.id}" data-nav="${c.id}">${num}<span class="toc-title">${esc(c.title)}</span></a></li>`;
  });
  nav.innerHTML = `<ol>${items.join('')}</ol>`;
  nav.addEventListener('click', (e) => {
    if (/** @type {HTMLElement} */ (e.target).closest('a')) setMenu(false);
  });
}

/** @param {boolean} open */
function setMenu(open) {
  menuToggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('menu-open', open);
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  let path = q < 0 ? raw : raw.slice(0, q);
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed %-escape names no chapter; it falls through to "not found".
  }
  path = path.replace(/\/+$/, '');
  // The shell's own parameters (presenter mode, hidden controls) are not the chapter's.
  const { chapter: query, shell } = splitQuery(q < 0 ? '' : raw.slice(q + 1));
  shellQuery = shell;
  applyShell(shell);
  return { id: path, query, params: new URLSearchParams(query) };
}

/** The address of chapter `id` with the chapter's `query` and the shell's parameters. */
function address(id, query) {
  const all = joinQuery(query, shellQuery);
  return `#/${id}${all ? `?${all}` : ''}`;
}

/** @param {boolean} fromNavigation */
async function route(fromNavigation) {
  const { id, query, params } = parseHash();
  if (!id) {
    history.replaceState(null, '', `#/${DEFAULT_CHAPTER}`);
    return route(false);
  }
  const here = mounted.get(id);
  if (currentId === id && here) {
    if (!query && here.query) history.replaceState(null, '', address(id, here.query));
    else if (here.query !== query) reparam(here, query, params);
    return;
  }
  const token = ++routeToken;
  leave();
  currentId = id;
  markNav(id);
  setMenu(false);

  const chapter = findChapter(id);
  if (!chapter) {
    document.title = 'Not found — NN Lab';
    show(placeholder(`<section class="chapter placeholder" data-state="missing"><h1 tabindex="-1">No chapter “${esc(id)}”</h1>
      <p>Pick a chapter from the list, or start with <a href="#/${DEFAULT_CHAPTER}">the first one</a>.</p></section>`));
    return;
  }
  document.title = `${chapter.title} — NN Lab`;
  if (here) {
    show(here.element);
    // A plain link to the chapter (the navigation) returns to it as it was; a link with settings applies them.
    if (!query && here.query) history.replaceState(null, '', address(id, here.query));
    else if (here.query !== query) reparam(here, query, params);
    focusTitle(fromNavigation);
    return;
  }
  show(placeholder(`<section class="chapter placeholder" data-state="loading"><p class="kicker">Chapter ${chapter.number}</p>
    <h1>${esc(chapter.title)}</h1><p>Loading…</p></section>`));
  try {
    const module = await chapter.load();
    if (token !== routeToken) return;
    const element = document.createElement('div');
    element.className = 'chapter-host';
    element.dataset.host = id;
    show(element);
    /** @type {Mounted} */
    const entry = { id, element, handle: {}, query };
    const ctx = {
      id,
      number: chapter.number,
      title: chapter.title,
      /** @param {string} next @param {{push?: boolean}} [options] */
      setQuery(next, { push = false } = {}) {
        entry.query = next;
        if (currentId !== id) return;
        const url = address(id, next);
        if (location.hash === url) return;
        history[push ? 'pushState' : 'replaceState'](null, '', url);
      },
    };
    const result = module.mount(element, params, ctx);
    entry.handle = typeof result === 'function' ? { destroy: result } : result || {};
    mounted.set(id, entry);
    focusTitle(fromNavigation);
  } catch (err) {
    if (token !== routeToken) return;
    show(placeholder(`<section class="chapter placeholder" data-state="error"><h1 tabindex="-1">${esc(chapter.title)}</h1>
      <p class="error" role="alert" data-testid="chapter-error">This chapter could not start: ${esc(err?.message || err)}</p>
      <p>This page needs a browser with WebAssembly (any current Chrome, Edge, Firefox or Safari).</p></section>`));
  }
}

/**
 * Back / Forward (or an edited link) within one chapter.
 * @param {Mounted} entry @param {string} query @param {URLSearchParams} params
 */
function reparam(entry, query, params) {
  entry.query = query;
  if (entry.handle.update) {
    entry.handle.update(params);
    return;
  }
  // No update: mount afresh.
  entry.handle.destroy?.();
  mounted.delete(entry.id);
  currentId = null;
  route(false);
}

/** Pause the current chapter and take it out of the page; it stays mounted for the way back. */
function leave() {
  const entry = currentId ? mounted.get(currentId) : null;
  currentId = null;
  if (!entry) return;
  try {
    entry.handle.pause?.();
  } catch (err) {
    console.warn('chapter pause failed', err);
  }
}

/** @param {HTMLElement} element */
function show(element) {
  main.replaceChildren(...(banner ? [banner] : []), element);
}

/** @param {string} html */
function placeholder(html) {
  const element = document.createElement('div');
  element.innerHTML = html;
  return element;
}

/** @param {boolean} fromNavigation */
function focusTitle(fromNavigation) {
  if (!fromNavigation) return;
  window.scrollTo(0, 0);
  /** @type {HTMLElement|null} */ (main.querySelector('h1'))?.focus({ preventScroll: true });
}

/** @param {string} id */
function markNav(id) {
  for (const el of nav.querySelectorAll('[data-nav]')) {
    if (/** @type {HTMLElement} */ (el).dataset.nav === id) el.setAttribute('aria-current', 'page');
    else el.removeAttribute('aria-current');
  }
}
