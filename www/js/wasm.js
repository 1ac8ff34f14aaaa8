// @ts-check
/**
 * The only module that imports the generated wasm-bindgen package. It compiles the module once,
 * instantiates it (top-level await, so importers can use its classes and functions right away) and
 * re-exports them as live bindings.
 *
 * A wasm trap (a Rust panic, an out-of-bounds access, a stack overflow) can leave an instance
 * inconsistent, so after one the page must not call into it again. `reportTrap` tells the shell once;
 * `restart` instantiates the compiled module afresh — a new copy of the glue, so no state is shared
 * with the dead instance — and rebinds every export, so importers' names now refer to the new one.
 * Objects made by the old instance (a Trainer, an Mnist) are gone with it: the shell remounts the
 * chapter, and data.js rebuilds the datasets from the bytes it kept.
 */
import init, * as first from '../pkg/nnlab.js';

const wasmUrl = new URL('../pkg/nnlab_bg.wasm', import.meta.url);
const compiled = await WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer());
await init({ module_or_path: compiled });

export let {
  FeedforwardLab, GradientRace, LineFitLab, Mnist, PerceptronLearner, Playground, SgdStepper, Trainer, XorLab, activationNames,
  activationSamples, augmentImage, backpropLab, defaultConfig, expressionGraph, gatePerceptron, gateTruthTable, gdPath, halfAdder, lossPair,
  networkFileLimit, neuron, neuronChange, optimizerPath, optimizerTrace, perceptronOutput, perceptronThresholdOutput, rippleAdd,
  scheduleCurve, slideGraph, slowNeuron, softmaxLab, surfaceGrid, surfaceMinimum, traceStride, trapForTesting,
  validateConfig, gluGradients, gluSamples, maxoutSamples, wasmMemory,
} = first;

let generation = 0;
let trapped = false;
/** @type {Set<(err: Error) => void>} */
const trapListeners = new Set();

/** Whether `err` is a trap of the wasm module rather than an Error it threw on purpose. */
export function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
}

/** Report a trap; the listeners hear of the first one only, until the module is restarted. */
export function reportTrap(err) {
  if (trapped) return;
  trapped = true;
  for (const fn of trapListeners) fn(err);
}

/** @param {(err: Error) => void} fn */
export function onTrap(fn) {
  trapListeners.add(fn);
}

/** A fresh instance of the compiled module, with every export rebound to it. */
export async function restart() {
  generation += 1;
  const glue = new URL(`../pkg/nnlab.js?instance=${generation}`, import.meta.url);
  const next = await import(glue.href);
  await next.default({ module_or_path: compiled });
  ({
    FeedforwardLab, GradientRace, LineFitLab, Mnist, PerceptronLearner, Playground, SgdStepper, Trainer, XorLab, activationNames,
    activationSamples, augmentImage, backpropLab, defaultConfig, expressionGraph, gatePerceptron, gateTruthTable, gdPath, halfAdder, lossPair,
    networkFileLimit, neuron, neuronChange, optimizerPath, optimizerTrace, perceptronOutput, perceptronThresholdOutput, rippleAdd,
    scheduleCurve, slideGraph, slowNeuron, softmaxLab, surfaceGrid, surfaceMinimum, traceStride, trapForTesting,
    validateConfig, gluGradients, gluSamples, maxoutSamples, wasmMemory,
  } = next);
  trapped = false;
}
