// @ts-check
/**
 * Offline after the first visit: registers the service worker (www/sw.js), and when a new deploy has
 * installed beside the running one, says "a new version is ready" with a Reload button — the page is
 * never swapped under a student mid-run. Without service workers (or on file://) the page works as
 * before, only not offline.
 */

/** @param {HTMLElement} main  where the notice goes (above the chapter) */
export function registerOffline(main) {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only after the student asked for the new version (a first install also changes the controller).
    if (reloading) location.reload();
  });
  navigator.serviceWorker.register('sw.js').then((registration) => {
    if (!registration) return; // service workers turned off (e.g. by a browser policy)
    /** @param {ServiceWorker} worker */
    const offer = (worker) => {
      if (!navigator.serviceWorker.controller) return;
      const notice = document.createElement('p');
      notice.className = 'update-banner';
      notice.setAttribute('role', 'status');
      notice.dataset.testid = 'update-banner';
      notice.innerHTML = 'A new version of NN Lab is ready. <button type="button">Reload</button> ' +
        '<span class="note">(the link keeps this chapter’s settings)</span>';
      notice.querySelector('button')?.addEventListener('click', () => {
        reloading = true;
        worker.postMessage('skipWaiting');
      });
      document.querySelector('.update-banner')?.remove();
      main.before(notice);
    };
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
  }, (err) => console.warn('offline support is off:', err));
}
