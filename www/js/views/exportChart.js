// @ts-check
/**
 * "PNG" and "CSV" buttons under a chart: the picture as drawn, and the numbers behind it, downloaded
 * as files named after the chart. Knows nothing of what the chart shows.
 */

/** The export bar of each canvas. @type {WeakMap<HTMLCanvasElement, HTMLElement>} */
const bars = new WeakMap();

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{name: string, csv: () => string}} o  `name`: the files' base name; `csv`: the data as CSV text
 */
export function addExport(canvas, { name, csv }) {
  const figure = canvas.closest('figure');
  if (!figure) return;
  // A chart made again on the same canvas (e.g. with more series) takes the buttons over: the old ones would
  // export the destroyed chart's numbers.
  bars.get(canvas)?.remove();
  const bar = document.createElement('div');
  bars.set(canvas, bar);
  bar.className = 'chart-export';
  bar.innerHTML = `<button type="button" data-export="png" title="Save the chart as a picture">PNG</button>
    <button type="button" data-export="csv" title="Save the chart's numbers">CSV</button>`;
  bar.addEventListener('click', (e) => {
    const kind = /** @type {HTMLElement} */ (e.target).closest('button')?.dataset.export;
    if (kind === 'png') canvas.toBlob((blob) => blob && download(blob, `${name}.png`), 'image/png');
    if (kind === 'csv') download(new Blob([csv()], { type: 'text/csv' }), `${name}.csv`);
  });
  figure.append(bar);
}

/** Offer `blob` as a download named `file`. */
export function download(blob, file) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A file name from a label: "Cost per epoch" → "cost-per-epoch". */
export function fileName(label) {
  return String(label).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}
