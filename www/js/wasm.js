/**
 * The only module that imports the generated wasm-bindgen package. It initialises the module once
 * (top-level await, so importers can use the classes right away) and re-exports what the chapters need.
 */
import init, { XorLab, Mnist, Trainer, defaultConfig } from '../pkg/nnlab.js';

await init();

export { XorLab, Mnist, Trainer, defaultConfig };
