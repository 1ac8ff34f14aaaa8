/**
 * A strip of 28×28 digits, each with the network's current guess underneath; wrong guesses in red.
 * Images are drawn once (dark ink on white paper); guesses change as the network learns.
 */
import { esc } from '../dom.js';

/** @param {HTMLElement} container */
export function createDigitStrip(container) {
  let cells = [];

  /** @param {{pixels: Uint8Array, label: number}[]} digits  pixels: 784 values, 0..255, row-major */
  function setDigits(digits) {
    container.replaceChildren();
    cells = digits.map(({ pixels, label }, i) => {
      const figure = document.createElement('figure');
      figure.className = 'digit';
      figure.dataset.label = String(label);
      const canvas = document.createElement('canvas');
      canvas.width = 28;
      canvas.height = 28;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `test image ${i}: a handwritten ${label}`);
      const ctx = canvas.getContext('2d');
      const image = ctx.createImageData(28, 28);
      for (let p = 0; p < 784; p++) {
        const v = 255 - pixels[p];
        image.data[4 * p] = v;
        image.data[4 * p + 1] = v;
        image.data[4 * p + 2] = v;
        image.data[4 * p + 3] = 255;
      }
      ctx.putImageData(image, 0, 0);
      const caption = document.createElement('figcaption');
      caption.textContent = '?';
      figure.append(canvas, caption);
      container.append(figure);
      return { figure, caption, label };
    });
  }

  /** @param {(number|null)[]} guesses  one per digit; null = no guess yet */
  function setGuesses(guesses) {
    cells.forEach((cell, i) => {
      const guess = guesses[i];
      const known = guess !== null && guess !== undefined;
      const wrong = known && guess !== cell.label;
      cell.figure.classList.toggle('wrong', wrong);
      cell.figure.classList.toggle('right', known && !wrong);
      cell.figure.dataset.guess = known ? String(guess) : '';
      cell.caption.innerHTML = !known
        ? '?'
        : wrong
          ? `${esc(guess)}<span class="sr-only"> — wrong, it is a ${esc(cell.label)}</span>`
          : `${esc(guess)}<span class="sr-only"> — right</span>`;
    });
  }

  return { setDigits, setGuesses, get count() { return cells.length; } };
}
