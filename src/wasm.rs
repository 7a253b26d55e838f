//! The wasm-bindgen boundary: converts, holds no logic.
//!
//! Every export returns `Result<_, JsError>`, so bad input becomes a thrown
//! JS `Error` and the module stays usable; nothing in the core panics on
//! input (see the property tests).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, Label, Layer, Options};

/// Annotates `text`; `options` is `undefined` or `{ layers: [...] }`.
#[wasm_bindgen]
pub fn annotate(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let text = read_text(text)?;
    let options = read_options(options)?;
    let doc = crate::annotate(&text, &options)?;
    let wire = crate::wire::to_wire(&text, &doc)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(wire.serialize(&serializer)?)
}

/// Annotates `text` and returns the spans as typed-array columns:
/// `{ version, stats, ...summaries, layer_names, label_names,
///    columns: { id: Uint32Array, layer: Uint8Array, label: Uint8Array,
///               start: Uint32Array, end: Uint32Array },
///    attrs: { [id]: object } }`
/// Same spans, same order as `annotate`, at a fraction of the boundary cost.
#[wasm_bindgen(js_name = annotateColumnar)]
pub fn annotate_columnar(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let text = read_text(text)?;
    let options = read_options(options)?;
    let doc = crate::annotate_parts(&text, &options)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();

    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(key), value).map(|_| ());
    let fail = |_| JsError::new("could not build the result object");
    set("version", &JsValue::from_str(crate::VERSION)).map_err(fail)?;
    set("stats", &doc.stats.serialize(&serializer)?).map_err(fail)?;
    for (name, value) in &doc.summaries {
        set(name, &value.serialize(&serializer)?).map_err(fail)?;
    }
    let names = |it: &mut dyn Iterator<Item = &'static str>| it.map(JsValue::from_str).collect::<js_sys::Array>();
    set("layer_names", &names(&mut Layer::ALL.iter().map(|l| l.name())).into()).map_err(fail)?;
    set("label_names", &names(&mut Label::ALL.iter().map(|l| l.name())).into()).map_err(fail)?;

    // The typed arrays are made at full length up front and filled a chunk
    // at a time, so wasm memory holds one small buffer, not all the columns.
    let n = doc.len() as u32;
    let (ids, layers, labels) = (js_sys::Uint32Array::new_with_length(n), js_sys::Uint8Array::new_with_length(n), js_sys::Uint8Array::new_with_length(n));
    let (starts, ends) = (js_sys::Uint32Array::new_with_length(n), js_sys::Uint32Array::new_with_length(n));
    crate::wire::parts_to_column_chunks(&text, &doc, |at, c| {
        let (a, b) = (at as u32, (at + c.ids.len()) as u32);
        ids.subarray(a, b).copy_from(&c.ids);
        layers.subarray(a, b).copy_from(&c.layers);
        labels.subarray(a, b).copy_from(&c.labels);
        starts.subarray(a, b).copy_from(&c.starts);
        ends.subarray(a, b).copy_from(&c.ends);
    })?;
    let columns = js_sys::Object::new();
    let put = |key: &str, value: JsValue| js_sys::Reflect::set(&columns, &JsValue::from_str(key), &value).map(|_| ());
    put("id", ids.into()).map_err(fail)?;
    put("layer", layers.into()).map_err(fail)?;
    put("label", labels.into()).map_err(fail)?;
    put("start", starts.into()).map_err(fail)?;
    put("end", ends.into()).map_err(fail)?;
    set("columns", &columns).map_err(fail)?;

    let attrs = js_sys::Object::new();
    for s in doc.spans.iter().filter(|s| !s.attrs.is_empty()) {
        js_sys::Reflect::set(&attrs, &JsValue::from(s.id), &s.attrs.serialize(&serializer)?).map_err(fail)?;
    }
    set("attrs", &attrs).map_err(fail)?;
    Ok(out.into())
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Takes the text as a `JsValue` and checks it: wasm-bindgen's glue for a
/// `&str` parameter reads out of bounds when handed a number or an object.
/// Lone surrogates become U+FFFD, one UTF-16 unit each, so offsets still match.
fn read_text(text: JsValue) -> Result<String, JsError> {
    text.as_string().ok_or_else(|| JsError::new("text must be a string"))
}

/// Reads options through JSON, so that serde sees every key:
/// serde-wasm-bindgen asks a JS object only for the fields it knows, which
/// would let a misspelt option through silently.
fn read_options(options: JsValue) -> Result<Options, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let json = js_sys::JSON::stringify(&options)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Error::bad_options("options must be an object like { layers: [\"sentence\"] }"))?;
    serde_json::from_str(&json).map_err(|e| Error::bad_options(e.to_string()))
}
