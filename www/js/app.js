/**
 * App shell: chapter navigation and hash routing.
 * URLs look like `#/xor` or `#/mnist?epochs=1`; the query carries optional overrides that a chapter
 * may use to prefill its controls. Chapters are loaded on demand, so a chapter that fails to load
 * (or WebAssembly that fails to start) leaves the navigation and the other chapters working.
 */
import { chapters, findChapter, DEFAULT_CHAPTER } from './toc.js';
import { esc } from './dom.js';

const nav = document.getElementById('toc');
const main = document.getElementById('main');
const menuToggle = document.querySelector('.menu-toggle');

let current = null; // { id, query, cleanup }
let routeToken = 0;

renderNav();
menuToggle.addEventListener('click', () => setMenu(menuToggle.getAttribute('aria-expanded') !== 'true'));
window.addEventListener('hashchange', () => route(true));
route(false);

function renderNav() {
  const items = chapters.map((c, i) => {
    const num = `<span class="toc-num">${i + 1}</span>`;
    if (c.load) return `<li><a href="#/${c.id}" data-nav="${c.id}">${num}<span class="toc-title">${esc(c.title)}</span></a></li>`;
    return `<li><span class="soon" aria-disabled="true" data-nav="${c.id}">${num}<span class="toc-title">${esc(c.title)}` +
      '<small>coming soon</small></span></span></li>';
  });
  nav.innerHTML = `<ol>${items.join('')}</ol>`;
  nav.addEventListener('click', (e) => {
    if (e.target.closest('a')) setMenu(false);
  });
}

function setMenu(open) {
  menuToggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('menu-open', open);
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = decodeURIComponent(q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const query = q < 0 ? '' : raw.slice(q + 1);
  return { id: path, query, params: new URLSearchParams(query) };
}

async function route(fromNavigation) {
  const { id, query, params } = parseHash();
  if (!id) {
    history.replaceState(null, '', `#/${DEFAULT_CHAPTER}`);
    return route(false);
  }
  if (current && current.id === id && current.query === query) return;
  const token = ++routeToken;
  unmount();
  current = { id, query, cleanup: null };
  markNav(id);
  setMenu(false);

  const chapter = findChapter(id);
  if (!chapter) {
    document.title = 'Not found — NN Lab';
    main.innerHTML = `<section class="chapter placeholder" data-state="missing"><h1>No chapter “${esc(id)}”</h1>
      <p>Pick a chapter from the list, or start with <a href="#/${DEFAULT_CHAPTER}">XOR</a>.</p></section>`;
    return;
  }
  document.title = `${chapter.title} — NN Lab`;
  if (!chapter.load) {
    main.innerHTML = `<section class="chapter placeholder" data-state="soon">
      <p class="kicker">Chapter ${chapter.number}</p><h1>${esc(chapter.title)}</h1>
      <p>This chapter is coming soon. Meanwhile, try <a href="#/xor">XOR</a> or <a href="#/mnist">recognizing digits</a>.</p></section>`;
    return;
  }
  main.innerHTML = `<section class="chapter placeholder" data-state="loading"><p class="kicker">Chapter ${chapter.number}</p>
    <h1>${esc(chapter.title)}</h1><p>Loading…</p></section>`;
  try {
    const module = await chapter.load();
    if (token !== routeToken) return;
    main.replaceChildren();
    current.cleanup = module.mount(main, params, { number: chapter.number, title: chapter.title }) || null;
    if (fromNavigation) {
      window.scrollTo(0, 0);
      main.querySelector('h1')?.focus({ preventScroll: true });
    }
  } catch (err) {
    if (token !== routeToken) return;
    main.innerHTML = `<section class="chapter placeholder" data-state="error"><h1>${esc(chapter.title)}</h1>
      <p class="error" role="alert" data-testid="chapter-error">This chapter could not start: ${esc(err?.message || err)}</p>
      <p>This page needs a browser with WebAssembly (any current Chrome, Edge, Firefox or Safari).</p></section>`;
  }
}

function unmount() {
  const cleanup = current?.cleanup;
  current = null;
  if (cleanup) {
    try {
      cleanup();
    } catch (err) {
      // A failing cleanup must not block navigation; the next chapter replaces the DOM anyway.
      console.warn('chapter cleanup failed', err);
    }
  }
}

function markNav(id) {
  for (const el of nav.querySelectorAll('[data-nav]')) {
    if (el.dataset.nav === id) el.setAttribute('aria-current', 'page');
    else el.removeAttribute('aria-current');
  }
}
