// @ts-check
/**
 * What the trained network does on the test images: the confusion matrix (row = label y, column = guess
 * argmaxⱼ aᴸⱼ) with each class's accuracy (diagonal / row sum), the digits behind any cell (click it), the
 * misclassified digits with the network's top guesses, and one test digit's ten output activations as the
 * slide prints them (`net.feedforward(x)` → the vector; its largest entry is the guess).
 *
 * `show(trainer)` reads everything at once from the same weights (the core's `metrics`, `guesses`, `labels`,
 * `outputs`), so the matrix's diagonal is exactly the test accuracy the chapter shows for that epoch.
 */
import { esc, int, num } from '../dom.js';
import { tex, texVector } from '../kit/tex.js';
import { createDigitStrip } from '../views/digitStrip.js';

const CELL_DIGITS = 60;   // digits shown for a clicked cell (the first ones, with the count)
const WRONG_DIGITS = 24;  // misclassified digits shown
const TOP = 3;            // guesses shown per misclassified digit

/** @param {HTMLElement} container */
export function createInspectPanel(container) {
  container.innerHTML = `
    <div class="inspect-grid">
      <div class="inspect-matrix">
        <h3>Confusion matrix on the test images</h3>
        <p class="cm-summary" data-ref="summary" data-testid="cm-summary">Train the network: the matrix fills after each epoch.</p>
        <div class="table-wrap"><table class="confusion" data-ref="matrix" data-testid="confusion"></table></div>
        <p class="note">Row = the digit’s label <var>y</var>, column = the network’s guess; the diagonal is right. The last column is each
          digit’s accuracy (its diagonal cell / its row). Click a cell to see its digits.</p>
      </div>
      <div class="inspect-cell">
        <h3 id="mnist-cell-title" data-ref="cellTitle" data-testid="cell-title" aria-live="polite">Digits of a cell</h3>
        <div class="digits cell-digits" data-ref="cellDigits" data-testid="cell-digits" tabindex="0" role="region" aria-labelledby="mnist-cell-title"></div>
        <h3 id="mnist-wrong-title">Misclassified test digits</h3>
        <p class="wrong-title" data-ref="wrongTitle" data-testid="wrong-title"></p>
        <div class="digits wrong-digits" data-ref="wrong" data-testid="misclassified" tabindex="0" role="region" aria-labelledby="mnist-wrong-title"></div>
      </div>
    </div>
    <div class="feedforward-box">
      <h3>One test digit through the network</h3>
      <div class="feedforward-row">
        <label class="field" for="mnist-ff-index"><span class="field-label">test image (index)</span>
          <input type="number" id="mnist-ff-index" data-ref="index" data-testid="ff-index" min="0" step="1" value="0"></label>
        <canvas class="ff-digit" width="28" height="28" role="img" data-ref="ffDigit" data-testid="ff-digit" aria-label="test image"></canvas>
        <div class="ff-vector" data-ref="ffVector" data-testid="feedforward"></div>
      </div>
      <p class="error" role="alert" data-ref="ffError" data-testid="ff-error" hidden></p>
    </div>`;
  const r = /** @type {Record<string, HTMLElement>} */ (Object.fromEntries(
    [...container.querySelectorAll('[data-ref]')].map((el) => [/** @type {HTMLElement} */ (el).dataset.ref, el])));
  const cellStrip = createDigitStrip(r.cellDigits);
  const index = /** @type {HTMLInputElement} */ (r.index);
  /** @type {any} */
  let trainer = null;
  /** @type {{labels: Uint8Array, guesses: Uint32Array, confusion: number[], classes: number} | null} */
  let seen = null;
  /** @type {{label: number, guess: number} | null} */
  let selected = null;

  r.matrix.addEventListener('click', (e) => {
    const cell = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (e.target).closest('[data-guess]'));
    if (!cell) return;
    selected = { label: Number(cell.dataset.label), guess: Number(cell.dataset.guess) };
    showCell();
  });
  index.addEventListener('input', showFeedforward);

  /**
   * Everything from the trainer's current weights.
   * @param {any} t the wasm Trainer
   */
  function show(t) {
    trainer = t;
    const n = t.splitSize('test');
    index.max = String(Math.max(0, n - 1));
    let metrics;
    try {
      metrics = t.metrics('test', 0, n);
      seen = { labels: t.labels('test', 0, n), guesses: t.guesses('test', 0, n), confusion: metrics.confusion, classes: 0 };
    } catch (err) {
      seen = null;
      r.summary.textContent = `No answers: ${err instanceof Error ? err.message : String(err)}`;
      r.matrix.innerHTML = '';
      return;
    }
    seen.classes = Math.round(Math.sqrt(metrics.confusion.length));
    const { count, correct } = metrics;
    r.summary.dataset.total = String(count);
    r.summary.dataset.correct = String(correct);
    r.summary.innerHTML = `${int(correct)} of ${int(count)} test images right: ${(100 * metrics.accuracy).toFixed(2)} % — the sum of the diagonal ` +
      `over the sum of all cells. Test cost <var>C</var> = ${esc(num(metrics.loss, 4))}.`;
    drawMatrix(metrics);
    showCell();
    showWrong();
    showFeedforward();
  }

  /** @param {{confusion: number[], perClassAccuracy: number[]}} m */
  function drawMatrix(m) {
    const k = seen ? seen.classes : 0;
    const offMax = Math.max(1, ...m.confusion.filter((_, i) => i % (k + 1) !== 0));
    const head = `<thead><tr><th scope="col" class="corner"><span class="sr-only">label \\ guess</span><span aria-hidden="true">y \\ guess</span></th>` +
      `${Array.from({ length: k }, (_, j) => `<th scope="col">${j}</th>`).join('')}<th scope="col" class="acc">accuracy</th></tr></thead>`;
    const rows = Array.from({ length: k }, (_, i) => {
      const row = m.confusion.slice(i * k, i * k + k);
      const total = row.reduce((a, b) => a + b, 0);
      const cells = row.map((c, j) => {
        const diag = i === j;
        const share = diag ? c / Math.max(1, total) : c / offMax;
        const light = c ? Math.round(96 - 26 * share) : 100;
        const bg = c ? (diag ? `hsl(140 45% ${light}%)` : `hsl(0 75% ${light}%)`) : '';
        const cls = `${diag ? 'diag' : ''}${selected && selected.label === i && selected.guess === j ? ' selected' : ''}`;
        const content = c
          ? `<button type="button" data-label="${i}" data-guess="${j}" data-count="${c}" data-testid="cm-${i}-${j}"
              aria-label="label ${i}, guessed ${j}: ${c} digit${c === 1 ? '' : 's'}">${c}</button>`
          : `<span class="zero" data-label-zero="${i}">·</span>`;
        return `<td class="${cls.trim()}"${bg ? ` style="background:${bg}"` : ''} data-count="${c}">${content}</td>`;
      }).join('');
      const acc = m.perClassAccuracy[i];
      return `<tr><th scope="row">${i}</th>${cells}<td class="acc" data-testid="class-acc-${i}" data-value="${acc}">` +
        `${Number.isFinite(acc) ? `${(100 * acc).toFixed(1)} %` : '–'}</td></tr>`;
    }).join('');
    r.matrix.innerHTML = `${head}<tbody>${rows}</tbody>`;
  }

  /** The digits of the selected cell: the first CELL_DIGITS of them, with the count. */
  function showCell() {
    if (!selected || !seen || !trainer) {
      r.cellTitle.textContent = 'Digits of a cell: click a number in the matrix';
      cellStrip.setDigits([]);
      return;
    }
    const { label, guess } = selected;
    const indices = [];
    for (let i = 0; i < seen.labels.length; i++) if (seen.labels[i] === label && seen.guesses[i] === guess) indices.push(i);
    const shown = indices.slice(0, CELL_DIGITS);
    r.cellTitle.dataset.count = String(indices.length);
    r.cellTitle.dataset.shown = String(shown.length);
    const what = label === guess ? `${label}s the network got right` : `${label}s the network took for ${guess}s`;
    r.cellTitle.textContent = indices.length > shown.length
      ? `${what}: ${int(indices.length)} test digits (the first ${shown.length} shown)`
      : `${what}: ${int(indices.length)} test digit${indices.length === 1 ? '' : 's'}`;
    cellStrip.setDigits(shown.map((i) => ({ pixels: trainer.image('test', i), label })));
    cellStrip.setGuesses(shown.map(() => guess));
    for (const cell of r.matrix.querySelectorAll('td.selected')) cell.classList.remove('selected');
    r.matrix.querySelector(`[data-label="${label}"][data-guess="${guess}"]`)?.closest('td')?.classList.add('selected');
  }

  /** The first misclassified test digits, each with the network's top guesses and their activations. */
  function showWrong() {
    if (!seen || !trainer) return;
    const wrong = [];
    let total = 0;
    for (let i = 0; i < seen.labels.length; i++) {
      if (seen.labels[i] === seen.guesses[i]) continue;
      total += 1;
      if (wrong.length < WRONG_DIGITS) wrong.push(i);
    }
    r.wrongTitle.textContent = `${int(total)} of ${int(seen.labels.length)} are wrong; the first ${wrong.length}, ` +
      `each with its label and the network’s top ${TOP} outputs aᴸⱼ:`;
    r.wrong.dataset.total = String(total);
    r.wrong.replaceChildren(...wrong.map((i) => {
      const a = [...trainer.outputs('test', i)];
      const top = a.map((v, j) => ({ v, j })).sort((x, y) => y.v - x.v).slice(0, TOP);
      const figure = document.createElement('figure');
      figure.className = 'digit wrong';
      figure.dataset.index = String(i);
      figure.append(digitCanvas(trainer.image('test', i), `test image ${i}: a ${seen?.labels[i]}`));
      const caption = document.createElement('figcaption');
      caption.innerHTML = `<span class="label">${esc(seen?.labels[i] ?? '')}</span> → ` +
        top.map((t, n) => `<span class="${n ? 'alt' : 'guess'}">${t.j}<small>${num(t.v, 2)}</small></span>`).join(' ');
      figure.append(caption);
      return figure;
    }));
  }

  /** The slide's `net.feedforward(x)` for the chosen test image: the ten activations, the largest marked. */
  function showFeedforward() {
    if (!trainer) return;
    const n = trainer.splitSize('test');
    const i = Number(index.value);
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      r.ffError.textContent = `test image index must be a whole number from 0 to ${n - 1}, got “${index.value.slice(0, 12)}”`;
      r.ffError.hidden = false;
      index.setAttribute('aria-invalid', 'true');
      return;
    }
    r.ffError.hidden = true;
    index.removeAttribute('aria-invalid');
    const ffDigit = /** @type {HTMLCanvasElement} */ (r.ffDigit);
    paint(ffDigit, trainer.image('test', i));
    const label = trainer.label('test', i);
    ffDigit.setAttribute('aria-label', `test image ${i}: a handwritten ${label}`);
    let a;
    try {
      a = [...trainer.outputs('test', i)];
    } catch (err) {
      r.ffVector.textContent = err instanceof Error ? err.message : String(err);
      return;
    }
    const guess = a.indexOf(Math.max(...a));
    r.ffVector.dataset.guess = String(guess);
    r.ffVector.dataset.label = String(label);
    r.ffVector.dataset.outputs = JSON.stringify(a.map((v) => Number(v.toFixed(5))));
    r.ffVector.innerHTML = `<p><code>net.feedforward(test_data[${i}][0])</code> returns the ten output activations:</p>` +
      tex(`a^L = ${texVector(a, { digits: 3, highlight: (j) => j === guess })}`, true) +
      `<p class="note">The guess is the index of the largest activation: <code>np.argmax</code> = <strong>${guess}</strong>; ` +
      `the label is ${esc(label)} — ${guess === label ? '<span class="ok-text">right</span>' : '<span class="wrong-text">wrong</span>'}.</p>`;
  }

  return {
    show,
    /** A new, untrained network: nothing to show until it has weights worth reading. */
    clear() {
      trainer = null;
      seen = null;
      selected = null;
      r.summary.textContent = 'Train the network: the matrix fills after each epoch.';
      delete r.summary.dataset.total;
      delete r.summary.dataset.correct;
      r.matrix.innerHTML = '';
      r.wrong.replaceChildren();
      r.wrongTitle.textContent = '';
      r.ffVector.innerHTML = '';
      showCell();
    },
  };
}

/** A 28 × 28 digit canvas, dark ink on white. @param {Uint8Array} pixels @param {string} label */
function digitCanvas(pixels, label) {
  const canvas = document.createElement('canvas');
  canvas.width = 28;
  canvas.height = 28;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  paint(canvas, pixels);
  return canvas;
}

/** @param {HTMLCanvasElement} canvas @param {Uint8Array} pixels */
function paint(canvas, pixels) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = 255 - pixels[p];
    image.data.set([v, v, v, 255], 4 * p);
  }
  ctx.putImageData(image, 0, 0);
}
