//! The wasm-bindgen boundary: converts, holds no logic.
//!
//! Every export returns `Result<_, JsError>`, so bad input becomes a thrown
//! JS `Error` and the module stays usable; nothing in the core panics on
//! input (see the property tests).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, Options};

/// Annotates `text`; `options` is `undefined` or `{ layers: [...] }`.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = read_options(options)?;
    let doc = crate::annotate(text, &options)?;
    let wire = crate::wire::to_wire(text, &doc)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(wire.serialize(&serializer)?)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

fn read_options(options: JsValue) -> Result<Options, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| Error::bad_options(e.to_string()))
}
