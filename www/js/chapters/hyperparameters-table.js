// @ts-check
/**
 * The search's table: one row per run, sortable by any column (click its header; again to reverse). Runs
 * without a number in the sorted column go last either way. Each running or queued row has its own Stop.
 * While the pointer or the keyboard focus is in the table, its rows hold their places (sorted by accuracy they
 * would move as the runs train, and a Stop could slide out from under the pointer); they re-sort when it leaves.
 * The Stops are the column next to the run's number, whose width does not change as the runs train (in the last
 * column they shifted sideways whenever a number to their left grew a digit).
 */
import { esc, short } from '../dom.js';

/** @typedef {import('./hyperparameters-search.js').Run} Run */

/** Columns: key, header, the value sorted on, the cell's text. */
const COLUMNS = [
  { key: 'id', head: '#', value: (r) => r.id, text: (r) => `${r.id}${r.round === 2 ? ' (fine)' : ''}` },
  { key: 'state', head: 'state', value: (r) => r.state, text: (r) => r.state },
  { key: 'eta', head: 'η', value: (r) => r.point.eta, text: (r) => String(r.point.eta) },
  { key: 'lambda', head: 'λ', value: (r) => r.point.lambda, text: (r) => String(r.point.lambda) },
  { key: 'batchSize', head: 'm', value: (r) => r.point.batchSize, text: (r) => String(r.point.batchSize) },
  { key: 'hidden', head: 'hidden', value: (r) => r.point.hidden, text: (r) => String(r.point.hidden) },
  { key: 'dropout', head: 'p', value: (r) => r.point.dropout, text: (r) => String(r.point.dropout) },
  { key: 'optimizer', head: 'optimizer', value: (r) => r.point.optimizer, text: (r) => r.point.optimizer },
  { key: 'schedule', head: 'schedule', value: (r) => r.point.schedule, text: (r) => r.point.schedule },
  { key: 'epochs', head: 'epochs', value: (r) => r.epochs, text: (r) => `${r.epochs} / ${r.totalEpochs}` },
  { key: 'accuracy', head: 'validation accuracy', value: (r) => r.accuracy,
    text: (r) => (Number.isFinite(r.accuracy) ? `${(100 * r.accuracy).toFixed(1)} %` : '–') },
  { key: 'loss', head: 'validation cost', value: (r) => r.loss, text: (r) => (Number.isFinite(r.loss) ? short(r.loss) : '–') },
];

/** @typedef {{key: string, descending: boolean}} Sort */

/** The runs in the table's order. @param {Run[]} runs @param {Sort} sort */
export function sorted(runs, sort) {
  const col = COLUMNS.find((c) => c.key === sort.key) || COLUMNS[0];
  const known = (x) => (typeof x === 'number' ? Number.isFinite(x) : x !== '');
  return [...runs].sort((a, b) => {
    const x = col.value(a), y = col.value(b);
    if (!known(x) || !known(y)) return Number(!known(x)) - Number(!known(y)) || a.id - b.id;
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return (sort.descending ? -order : order) || a.id - b.id;
  });
}

/**
 * The order the rows take: sorted, or — while held — the rows already shown in their places, new runs after them
 * in sorted order. @param {Run[]} runs @param {Sort} sort @param {number[]} shown the ids in the table now
 * @param {boolean} hold
 */
export function rowOrder(runs, sort, shown, hold) {
  const order = sorted(runs, sort);
  if (!hold) return order;
  const place = new Map(shown.map((id, i) => [id, i]));
  const rank = (r) => place.get(r.id) ?? shown.length;
  return order.sort((a, b) => rank(a) - rank(b)); // stable: the new runs keep their sorted order
}

/**
 * Bring the table up to date in place: the header when the sort changes, each row's cells and attributes when
 * they change, rows moved only when the order does — so a Stop button stays the same element while its run
 * trains, and a click on it is never lost to a redraw. With `hold`, rows keep their places (`rowOrder`).
 * @param {HTMLTableElement} table @param {Run[]} runs @param {Sort} sort @param {number} bestId the best run (0: none yet)
 * @param {(run: Run) => string} color @param {boolean} hold
 */
export function updateTable(table, runs, sort, bestId, color, hold) {
  const head = headHTML(sort);
  if (table.dataset.head !== head) {
    // The header is rebuilt: a keyboard user who sorted with Enter keeps the focus on the same column's button.
    const focused = /** @type {HTMLElement|null} */ (table.querySelector(':focus'))?.dataset.sort;
    table.innerHTML = `<thead><tr>${head}</tr></thead><tbody></tbody>`;
    table.dataset.head = head;
    if (focused) /** @type {HTMLElement|null} */ (table.querySelector(`[data-sort="${focused}"]`))?.focus();
  }
  table.dataset.held = String(hold);
  const body = /** @type {HTMLTableSectionElement} */ (table.tBodies[0]);
  const byId = new Map([...body.rows].map((tr) => [Number(tr.dataset.id), tr]));
  for (const [id, tr] of byId) if (!runs.some((r) => r.id === id)) tr.remove();
  rowOrder(runs, sort, [...body.rows].map((tr) => Number(tr.dataset.id)), hold).forEach((r, i) => {
    let tr = byId.get(r.id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.id = String(r.id);
      tr.dataset.testid = `run-row-${r.id}`;
      tr.innerHTML = `<th scope="row"><i class="swatch" style="background:${esc(color(r))}"></i><span></span></th>` +
        `<td data-col="action"></td>${COLUMNS.slice(1).map((c) => `<td data-col="${c.key}"></td>`).join('')}`;
    }
    if (body.rows[i] !== tr) body.insertBefore(tr, body.rows[i] || null);
    const attrs = { state: r.state, eta: r.point.eta, lambda: r.point.lambda, validation: r.accuracy, epochs: r.epochs,
      worker: r.worker, startSeq: r.startSeq, endSeq: r.endSeq, best: r.id === bestId };
    for (const [k, v] of Object.entries(attrs)) if (tr.dataset[k] !== String(v)) tr.dataset[k] = String(v);
    tr.classList.toggle('hp-best', r.id === bestId);
    const cells = [/** @type {HTMLElement} */ (tr.querySelector('th span')), ...tr.querySelectorAll('td:not([data-col="action"])')];
    COLUMNS.forEach((c, k) => {
      const text = c.text(r);
      if (cells[k].textContent !== text) cells[k].textContent = text;
    });
    const action = /** @type {HTMLElement} */ (tr.querySelector('td[data-col="action"]'));
    const html = actionHTML(r);
    if (action.dataset.html !== html) {
      action.innerHTML = html;
      action.dataset.html = html;
    }
  });
}

/** @param {Sort} sort */
function headHTML(sort) {
  const heads = COLUMNS.map((c) => {
    const on = c.key === sort.key;
    const aria = on ? ` aria-sort="${sort.descending ? 'descending' : 'ascending'}"` : '';
    return `<th scope="col"${aria}><button type="button" class="sort" data-sort="${c.key}" data-testid="sort-${c.key}">${esc(c.head)}` +
      `${on ? (sort.descending ? ' ▼' : ' ▲') : ''}</button></th>`;
  });
  return [heads[0], '<th scope="col"><span class="sr-only">action</span></th>', ...heads.slice(1)].join('');
}

/** Stop while a run is queued or training; why it failed once it has. @param {Run} r */
function actionHTML(r) {
  if (r.state === 'running' || r.state === 'queued') {
    return `<button type="button" data-stop="${r.id}" data-testid="stop-${r.id}" aria-label="Stop run ${r.id}">Stop</button>`;
  }
  return r.state === 'failed' ? `<span class="hp-failed" title="${esc(r.message)}">${esc(r.message.slice(0, 60))}</span>` : '';
}
