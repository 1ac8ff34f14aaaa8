// @ts-check
/**
 * "Draw a digit": a pad for mouse, pen and touch (pointer events), the drawing made into an MNIST digit
 * (mnist-centre.js) and shown as the network sees it, and the network's ten output activations aᴸⱼ for it,
 * recomputed while the student draws, on the model the chapter has just trained (`outputsFor`).
 */
import { esc, num } from '../dom.js';
import { tex } from '../kit/tex.js';
import { centreLikeMnist, SIDE } from './mnist-centre.js';

const PAD = 280; // the pad's backing pixels (CSS scales it)
const PEN = 20;  // stroke width in pad pixels: about 2 of the digit's 28 when the digit fills the pad

/**
 * @param {HTMLElement} container
 * @param {{outputsFor: (pixels: Uint8Array) => {outputs: Float32Array|number[], probabilities: boolean}|null}} o
 *   the current network's aᴸ for 784 pixels (null: no network, or no answer)
 */
export function createDrawPanel(container, o) {
  container.innerHTML = `
    <div class="draw-grid">
      <figure class="pad-figure">
        <canvas class="pad" width="${PAD}" height="${PAD}" tabindex="0" role="img" data-ref="pad" data-testid="draw-pad"
          aria-label="Drawing pad: draw one digit with the mouse, a pen or a finger; Delete clears it"
          aria-describedby="mnist-draw-help"></canvas>
        <figcaption id="mnist-draw-help">Draw one digit, large and centred.
          <button type="button" data-ref="clear" data-testid="draw-clear">Clear</button></figcaption>
      </figure>
      <div class="draw-side">
        <figure class="pad-input">
          <canvas width="${SIDE}" height="${SIDE}" role="img" data-ref="input" data-testid="draw-input"
            aria-label="Your digit as the network sees it"></canvas>
          <figcaption>As the network sees it: 28 × 28, the ink fitted into 20 × 20 and its centre of mass at the centre — as MNIST’s digits were made.</figcaption>
        </figure>
        <div class="formula">${tex('\\begin{aligned} x &= \\tfrac{1}{255}\\,\\text{pixels} \\\\ a^L &= \\text{feedforward}(x) \\\\ \\text{guess} &= \\arg\\max_j a^L_j \\end{aligned}', true)}</div>
      </div>
      <div class="draw-out">
        <p class="draw-guess">Guess: <output data-ref="guess" data-testid="draw-guess" aria-live="polite">–</output></p>
        <ol class="bars" data-ref="bars" data-testid="draw-bars"></ol>
        <p class="note" data-ref="note"></p>
      </div>
    </div>`;
  const r = /** @type {Record<string, HTMLElement>} */ (Object.fromEntries(
    [...container.querySelectorAll('[data-ref]')].map((el) => [/** @type {HTMLElement} */ (el).dataset.ref, el])));
  const pad = /** @type {HTMLCanvasElement} */ (r.pad);
  const ctx = /** @type {CanvasRenderingContext2D} */ (pad.getContext('2d', { willReadFrequently: true }));
  const inputCtx = /** @type {CanvasRenderingContext2D} */ (/** @type {HTMLCanvasElement} */ (r.input).getContext('2d'));
  r.bars.innerHTML = Array.from({ length: 10 }, (_, j) =>
    `<li data-digit="${j}"><span class="digit-name">${j}</span><span class="bar"><span class="fill"></span></span><span class="val">–</span></li>`).join('');
  const rows = [...r.bars.children].map((li) => ({
    li: /** @type {HTMLElement} */ (li),
    fill: /** @type {HTMLElement} */ (li.querySelector('.fill')),
    val: /** @type {HTMLElement} */ (li.querySelector('.val')),
  }));
  /** @type {{x: number, y: number} | null} */
  let last = null;
  let pointer = -1;
  let scheduled = 0;
  let empty = true;

  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = PEN;
  ctx.strokeStyle = '#1b1f2a';
  ctx.fillStyle = '#1b1f2a';

  /** @param {PointerEvent} e */
  const at = (e) => {
    const rect = pad.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * PAD) / rect.width, y: ((e.clientY - rect.top) * PAD) / rect.height };
  };
  pad.addEventListener('pointerdown', (e) => {
    if (pointer !== -1 || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    pointer = e.pointerId;
    pad.setPointerCapture(e.pointerId);
    pad.focus({ preventScroll: true });
    last = at(e);
    ctx.beginPath();
    ctx.arc(last.x, last.y, PEN / 2, 0, 2 * Math.PI);
    ctx.fill();
    changed();
  });
  pad.addEventListener('pointermove', (e) => {
    if (e.pointerId !== pointer || !last) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    for (const ev of events.length ? events : [e]) {
      last = at(ev);
      ctx.lineTo(last.x, last.y);
    }
    ctx.stroke();
    changed();
  });
  const end = (e) => {
    if (e.pointerId !== pointer) return;
    pointer = -1;
    last = null;
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  pad.addEventListener('lostpointercapture', end);
  pad.addEventListener('keydown', (e) => {
    if (e.key === 'Delete' || e.key === 'Backspace' || e.key === 'Escape') {
      e.preventDefault();
      clear();
    }
  });
  r.clear.addEventListener('click', clear);

  function clear() {
    ctx.clearRect(0, 0, PAD, PAD);
    empty = true;
    changed();
  }

  function changed() {
    if (pointer !== -1) empty = false;
    if (!scheduled) scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      refresh();
    });
  }

  /** The drawing through the current network again (also after the network changed). */
  function refresh() {
    const pixels = readPixels();
    showInput(pixels);
    const answer = empty ? null : o.outputsFor(pixels);
    const a = answer ? [...answer.outputs] : null;
    const guess = a ? a.indexOf(Math.max(...a)) : -1;
    r.guess.textContent = guess >= 0 ? String(guess) : '–';
    r.guess.dataset.value = guess >= 0 ? String(guess) : '';
    r.bars.dataset.outputs = a ? JSON.stringify(a.map((v) => Number(v.toFixed(5)))) : '';
    const top = a ? Math.max(1, ...a) : 1;
    rows.forEach((row, j) => {
      const v = a ? a[j] : NaN;
      row.fill.style.width = a ? `${(100 * Math.max(0, v)) / top}%` : '0%';
      row.val.textContent = a ? num(v, 3) : '–';
      row.li.classList.toggle('top', j === guess);
    });
    r.note.innerHTML = empty
      ? 'Nothing drawn yet.'
      : !answer
        ? 'No trained network to ask yet.'
        : answer.probabilities
          ? `Softmax outputs: the ten add up to 1, a probability per digit. Guess ${esc(guess)}.`
          : 'Output activations a<sup>L</sup><sub>j</sub> (no softmax, so not probabilities: they need not add up to 1); the guess is the largest.';
  }

  /** The pad's ink (its alpha), made into an MNIST digit. */
  function readPixels() {
    const data = ctx.getImageData(0, 0, PAD, PAD).data;
    const ink = new Uint8Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i + 3];
    return centreLikeMnist(ink, PAD, PAD);
  }

  /** @param {Uint8Array} pixels */
  function showInput(pixels) {
    const image = inputCtx.createImageData(SIDE, SIDE);
    for (let p = 0; p < pixels.length; p++) {
      const v = 255 - pixels[p];
      image.data.set([v, v, v, 255], 4 * p);
    }
    inputCtx.putImageData(image, 0, 0);
  }

  refresh();
  return {
    refresh,
    destroy() {
      cancelAnimationFrame(scheduled);
    },
  };
}
