//! A deliberate trap, for the end-to-end test that checks the page notices a crashed module, says so
//! once, and starts a fresh one (tests/e2e/recovery.test.mjs). With `panic = "abort"` every panic is a
//! wasm `unreachable` trap, as a real bug's would be.

use wasm_bindgen::prelude::*;

/// Panics, which traps the module.
#[wasm_bindgen(js_name = trapForTesting)]
pub fn trap_for_testing() {
    panic!("trapForTesting: a deliberate trap");
}
