/** The lecture's formulas for the MNIST chapter, following the form's current choices. */
import { esc } from '../dom.js';

const ACTIVATION = {
  sigmoid: '<var>σ</var>(<var>z</var>) = <span class="frac"><span>1</span><span>1 + <var>e</var><sup>−<var>z</var></sup></span></span>',
  relu: 'ReLU(<var>z</var>) = max(0, <var>z</var>)',
  tanh: 'tanh(<var>z</var>) = <span class="frac"><span><var>e</var><sup><var>z</var></sup> − <var>e</var><sup>−<var>z</var></sup></span><span><var>e</var><sup><var>z</var></sup> + <var>e</var><sup>−<var>z</var></sup></span></span>',
  identity: '<var>f</var>(<var>z</var>) = <var>z</var>',
};

const COST = {
  quadratic: `<var>C</var> = <span class="frac"><span>1</span><span>2<var>n</var></span></span> ∑<sub><var>x</var></sub>
    ‖<var>y</var>(<var>x</var>) − <var>a</var><sup><var>L</var></sup>(<var>x</var>)‖<sup>2</sup>`,
  crossEntropy: `<var>C</var> = −<span class="frac"><span>1</span><span><var>n</var></span></span> ∑<sub><var>x</var></sub> ∑<sub><var>j</var></sub>
    [<var>y</var><sub><var>j</var></sub> ln <var>a</var><sup><var>L</var></sup><sub><var>j</var></sub>
    + (1 − <var>y</var><sub><var>j</var></sub>) ln(1 − <var>a</var><sup><var>L</var></sup><sub><var>j</var></sub>)]`,
};

/** @param {{sizes: string, hiddenActivation: string, outputActivation: string, cost: string, batchSize: string}} v form text */
export function formulasHTML(v, nTrain) {
  const sizes = v.sizes.split(/[\s,;]+/).filter(Boolean);
  const m = Number(v.batchSize);
  const batches = Number.isInteger(m) && m > 0 ? Math.floor(nTrain / m) : null;
  const same = v.hiddenActivation === v.outputActivation;
  return `
    <p class="formula"><var>a</var><sup><var>l</var></sup> = <var>f</var>(<var>w</var><sup><var>l</var></sup><var>a</var><sup><var>l</var>−1</sup>
      + <var>b</var><sup><var>l</var></sup>), &ensp;<var>l</var> = 2, …, <var>L</var>
      <span class="note">layers ${esc(sizes.join(' → '))}: 28×28 pixels in, one output per digit</span></p>
    <p class="formula">${same ? 'every layer' : 'hidden layers'}: ${ACTIVATION[v.hiddenActivation] ?? esc(v.hiddenActivation)}</p>
    ${same ? '' : `<p class="formula">output layer: ${ACTIVATION[v.outputActivation] ?? esc(v.outputActivation)}</p>`}
    <p class="formula">${COST[v.cost] ?? esc(v.cost)}</p>
    <p class="formula"><var>w</var> → <var>w</var> − <span class="frac"><span><var>η</var></span><span><var>m</var></span></span>
      ∑<sub><var>x</var> ∈ batch</sub> <span class="frac"><span>∂<var>C</var><sub><var>x</var></sub></span><span>∂<var>w</var></span></span></p>
    <p class="formula"><var>b</var> → <var>b</var> − <span class="frac"><span><var>η</var></span><span><var>m</var></span></span>
      ∑<sub><var>x</var> ∈ batch</sub> <span class="frac"><span>∂<var>C</var><sub><var>x</var></sub></span><span>∂<var>b</var></span></span></p>
    <p class="note">The guess is the output neuron with the largest activation.
      ${batches ? `One epoch: ${nTrain.toLocaleString('en-US')} images in ${batches.toLocaleString('en-US')} mini-batches of ${m}.` : ''}</p>`;
}
