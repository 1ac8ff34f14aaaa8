// @ts-check
/**
 * The only module that imports the generated wasm-bindgen package. It initialises the module once
 * (top-level await, so importers can use its classes and functions right away) and re-exports them.
 */
import init from '../pkg/nnlab.js';

await init();

export * from '../pkg/nnlab.js';
