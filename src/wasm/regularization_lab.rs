//! What the regularization chapter reads from a run besides its metrics: the dropout mask of the mini-batch just
//! trained, so the page can grey out the dropped neurons.

use super::trainer::Trainer;
use super::whole;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Trainer {
    /// The dropout mask of activation a^l (l = 1 … L − 1) in the last trained mini-batch, m rows of n_l values:
    /// 0 for a dropped neuron, 1/(1 − p) for a kept one (ã^l = a^l ⊙ mask); empty when a^l has no dropout or
    /// nothing has trained yet.
    #[wasm_bindgen(js_name = dropoutMask)]
    pub fn dropout_mask(&self, l: f64) -> Result<Vec<f32>, JsError> {
        let layers = self.0.network().layers.len();
        let l = whole("layer", l, 1, layers)?;
        Ok(self.0.dropout_mask(l).to_vec())
    }

    /// Images in the last trained mini-batch (the rows of [`Trainer::dropout_mask`]); 0 before any.
    #[wasm_bindgen(getter, js_name = lastBatchSize)]
    pub fn last_batch_size(&self) -> usize {
        self.0.last_batch_len()
    }
}
