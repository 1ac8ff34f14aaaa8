//! Save and load a trained network ([`crate::train::network_file`]) for JS: the header is JSON
//! `{"format": "NN Lab network", "config": TrainConfig, "summary": {...}}`, written and read with the browser's JSON,
//! and the config read back is checked exactly as a config typed into the page is.

use super::js_input;
use super::trainer::{parse_config, to_js, Mnist, Trainer};
use crate::train::network_file::{self, FileError};
use crate::train::Trainer as Core;
use js_sys::{Object, Reflect, JSON};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

const FORMAT: &str = "NN Lab network";

fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(object, &key.into(), value).map(|_| ()).map_err(|_| JsError::new(&format!("cannot set {key}")))
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn file_error(problem: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("This network file cannot be loaded: {problem}."))
}

/// The largest saved-network file, in bytes: the page refuses a larger file before reading it.
#[wasm_bindgen(js_name = networkFileLimit)]
pub fn network_file_limit() -> f64 {
    network_file::MAX_FILE_BYTES as f64
}

#[wasm_bindgen]
impl Trainer {
    /// The saved-network file of this run's current weights; `summary` (a plain object of a few values, e.g.
    /// `{epochs, testAccuracy}`) is kept beside the config for the page to show when the file is loaded.
    #[wasm_bindgen(js_name = saveNetwork)]
    pub fn save_network(&self, summary: JsValue) -> Result<Vec<u8>, JsError> {
        js_input::inspect("summary", &summary).map_err(|message| JsError::new(&message))?;
        let header = Object::new();
        set(&header, "format", &FORMAT.into())?;
        set(&header, "config", &to_js(self.0.config())?)?;
        set(&header, "summary", &summary)?;
        let text: String =
            JSON::stringify(&header).map_err(|_| JsError::new("summary cannot be written as JSON"))?.into();
        Ok(network_file::encode(&text, &self.0.saved_tensors()))
    }

    /// A run on `data` from a saved-network file, predicting exactly as the saved one did: `{trainer, summary}`.
    /// Throws an Error naming the problem (not a network file, another version, truncated, edited, a config this
    /// page cannot run, weights that do not match the config); nothing else changes.
    #[wasm_bindgen(js_name = loadNetwork)]
    pub fn load_network(bytes: &[u8], data: &Mnist) -> Result<JsValue, JsError> {
        let file = network_file::decode(bytes).map_err(file_error)?;
        let header =
            JSON::parse(&file.header).map_err(|_| file_error(FileError::Header("is not valid JSON".into())))?;
        if get(&header, "format").as_string().as_deref() != Some(FORMAT) {
            return Err(file_error(FileError::Header(format!("does not say \"format\": \"{FORMAT}\""))));
        }
        let config = parse_config(get(&header, "config"))
            .map_err(|message| file_error(format!("its saved config is not valid: {message}")))?;
        let mut core = Core::new(config, Rc::clone(&data.0))
            .map_err(|errors| file_error(format!("its config cannot make a network on this page: {errors}")))?;
        core.load_tensors(&file.tensors).map_err(file_error)?;
        let out = Object::new();
        set(&out, "trainer", &Trainer(core).into())?;
        set(&out, "summary", &get(&header, "summary"))?;
        Ok(out.into())
    }
}
