//! What the MNIST chapter's dashboard asks a trained network beyond one image at a time: its guesses on a whole
//! split (which test digits fall in which cell of the confusion matrix), the labels to compare them with, and its
//! output activations aᴸ for a digit the student draws.

use super::trainer::{split_name, Trainer};
use super::whole;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Trainer {
    /// The guesses argmaxⱼ aᴸⱼ for images [start, start + count) of a split, in order.
    pub fn guesses(&mut self, split: &str, start: f64, count: f64) -> Result<Vec<u32>, JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        let start = whole("start", start, 0, len)?;
        let count = whole("count", count, 0, len - start)?;
        self.0.guesses(name, start, count).map_err(|error| JsError::new(&error.to_string()))
    }

    /// The labels y of images [start, start + count) of a split, in order.
    pub fn labels(&self, split: &str, start: f64, count: f64) -> Result<Vec<u8>, JsError> {
        let name = split_name(split)?;
        let data = self.0.split(name);
        let start = whole("start", start, 0, data.len())?;
        let count = whole("count", count, 0, data.len() - start)?;
        Ok((start..start + count).map(|index| data.label(index) as u8).collect())
    }

    /// The output activations aᴸ = feedforward(x) for pixels p given by the caller (0–255, row-major, one per
    /// input neuron): x = p / 255, preprocessed with the training statistics as `input` does, never augmented.
    #[wasm_bindgen(js_name = outputsFor)]
    pub fn outputs_for(&mut self, pixels: &[u8]) -> Result<Vec<f32>, JsError> {
        let n_inputs = self.0.network().n_inputs();
        let given = pixels.len();
        self.0
            .outputs_for(pixels)
            .map_err(|error| JsError::new(&error.to_string()))?
            .map(<[f32]>::to_vec)
            .ok_or_else(|| JsError::new(&format!("pixels must hold {n_inputs} values (0–255), got {given}")))
    }
}
