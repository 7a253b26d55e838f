//! The wasm-bindgen boundary: converts, holds no logic.
//!
//! Every export returns `Result<_, JsError>`, so bad input becomes a thrown
//! JS `Error` and the module stays usable; nothing in the core panics on
//! input (see the property tests).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, Label, Layer, Options};

// The types of the results (`Document`, `Span`, the layers, labels and
// attrs) go into the generated `.d.ts`, and the exports below name them, so
// the declaration says what `annotate` returns rather than `any`. The file
// is checked against the enums and real output by `tests/typescript.rs`.
#[wasm_bindgen(typescript_custom_section)]
const WIRE_TYPES: &str = include_str!("wire.d.ts");

/// Annotates `text`; `options` is `undefined` or `{ layers: [...] }`.
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn annotate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    trap_if_armed();
    let text = read_text(text)?;
    let options = read_options(options)?;
    let parts = crate::annotate_parts(&text, &options)?;
    let wire = crate::wire::parts_to_wire(&text, &parts);
    // The spans are made object by object (JSON.parse of them all was
    // slower), straight from the parts: no list of all spans is built in
    // wasm memory. The rest (stats and the summaries, hundreds of strings
    // on an article) goes as JSON, as in `annotateColumnar`. The JSON holds
    // `"spans":[]` so that setting the spans keeps the keys' order.
    #[derive(Serialize)]
    struct Head<'a> {
        version: &'static str,
        stats: &'a crate::Stats,
        spans: [(); 0],
        #[serde(flatten)]
        summaries: &'a crate::doc::Summaries,
    }
    let out = parse_json(&Head { version: wire.version, stats: wire.stats, spans: [], summaries: wire.summaries })?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    js_sys::Reflect::set(&out, &JsValue::from_str("spans"), &wire.spans.serialize(&serializer)?)
        .map_err(|_| JsError::new("could not build the result object"))?;
    Ok(out)
}

/// Annotates `text` and returns the spans as typed-array columns:
/// `{ version, stats, ...summaries, layer_names, label_names,
///    columns: { id: Uint32Array, layer: Uint8Array, label: Uint8Array,
///               start: Uint32Array, end: Uint32Array },
///    attrs: { [id]: object } }`
/// Same spans, same order as `annotate`, at a fraction of the boundary cost.
#[wasm_bindgen(js_name = annotateColumnar, unchecked_return_type = "ColumnarDocument")]
pub fn annotate_columnar(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    trap_if_armed();
    let text = read_text(text)?;
    let options = read_options(options)?;
    let mut doc = crate::annotate_parts(&text, &options)?;
    let fail = |_| JsError::new("could not build the result object");

    // The typed arrays are made at full length up front and filled a chunk
    // at a time, so wasm memory holds one small buffer, not all the columns.
    let n = doc.len() as u32;
    let (ids, layers, labels) = (js_sys::Uint32Array::new_with_length(n), js_sys::Uint8Array::new_with_length(n), js_sys::Uint8Array::new_with_length(n));
    let (starts, ends) = (js_sys::Uint32Array::new_with_length(n), js_sys::Uint32Array::new_with_length(n));
    crate::wire::parts_to_column_chunks(&text, &doc, |at, c| {
        let (a, b) = (at as u32, (at + c.ids.len()) as u32);
        if (a, b) == (0, n) {
            // One chunk (any article): no view of each array to copy into.
            ids.copy_from(&c.ids);
            layers.copy_from(&c.layers);
            labels.copy_from(&c.labels);
            starts.copy_from(&c.starts);
            ends.copy_from(&c.ends);
            return;
        }
        ids.subarray(a, b).copy_from(&c.ids);
        layers.subarray(a, b).copy_from(&c.layers);
        labels.subarray(a, b).copy_from(&c.labels);
        starts.subarray(a, b).copy_from(&c.starts);
        ends.subarray(a, b).copy_from(&c.ends);
    })?;

    // The attrs need only the non-token spans: the tokens and the text go
    // first, so that the JSON below reuses their memory instead of growing
    // the wasm memory (which never shrinks) at the end of a long text.
    drop(std::mem::take(&mut doc.tokens));
    drop(text);

    // Everything but the columns is JSON made here and parsed by JS: one
    // string and one `JSON.parse` instead of a boundary call (and a string
    // decode) per key and value, the bulk of a short article's glue cost.
    // Same values: the serializer below is the JSON-compatible one, and
    // `JSON.parse` reads back the very f64 that serde_json wrote. The JSON
    // holds `"columns":null` so that setting the columns keeps the keys'
    // order; so do the name tables, set from arrays made once.
    #[derive(Serialize)]
    struct Out<'a> {
        version: &'static str,
        stats: &'a crate::Stats,
        #[serde(flatten)]
        summaries: &'a crate::doc::Summaries,
        layer_names: (),
        label_names: (),
        columns: (),
    }
    let head = Out { version: crate::VERSION, stats: &doc.stats, summaries: &doc.summaries, layer_names: (), label_names: (), columns: () };
    let out = parse_json_with(|buf| {
        write_json(buf, &head)?;
        // The attrs go last, written by hand (see `write_attrs_json`), in
        // place of the head's closing brace: `"attrs":{"438":{...},...}}`.
        if buf.pop() != Some(b'}') {
            return Err(JsError::new("could not write the result JSON"));
        }
        buf.extend_from_slice(b",\"attrs\":");
        crate::wire::write_attrs_json(buf, &doc.spans);
        buf.push(b'}');
        Ok(())
    })?;
    let columns = js_sys::Object::new();
    COLUMNAR.with(|c| {
        let [key_columns, keys @ ..] = &c.keys;
        for (key, value) in keys.iter().zip([ids.into(), layers.into(), labels.into(), starts.into(), ends.into()] as [JsValue; 5]) {
            js_sys::Reflect::set(&columns, key, &value)?;
        }
        js_sys::Reflect::set(&out, key_columns, &columns)?;
        // Copies, so that a caller who changes one result's tables does not
        // change the next result's.
        js_sys::Reflect::set(&out, &c.key_layer_names, &c.layer_names.slice(0, c.layer_names.length()))?;
        js_sys::Reflect::set(&out, &c.key_label_names, &c.label_names.slice(0, c.label_names.length()))
    })
    .map_err(fail)?;
    Ok(out)
}

/// What `annotateColumnar` puts in every result, made once: a fresh
/// `JsValue` from a `&str` is a string decode in JS each time, and the name
/// tables in the JSON were 530 bytes to parse into 55 strings per call
/// (copying an array is a fraction of that).
struct Columnar {
    keys: [JsValue; 6],
    key_layer_names: JsValue,
    key_label_names: JsValue,
    layer_names: js_sys::Array,
    label_names: js_sys::Array,
}

thread_local! {
    static COLUMNAR: Columnar = Columnar {
        keys: ["columns", "id", "layer", "label", "start", "end"].map(JsValue::from_str),
        key_layer_names: JsValue::from_str("layer_names"),
        key_label_names: JsValue::from_str("label_names"),
        layer_names: Layer::ALL.iter().map(|l| JsValue::from_str(l.name())).collect(),
        label_names: Label::ALL.iter().map(|l| JsValue::from_str(l.name())).collect(),
    };
}

/// `value` as JSON, parsed by JS.
fn parse_json(value: &impl Serialize) -> Result<JsValue, JsError> {
    parse_json_with(|buf| write_json(buf, value))
}

/// `value` as JSON in ASCII ([`crate::wire::AsciiFormatter`]), appended to `buf`.
fn write_json(buf: &mut Vec<u8>, value: &impl Serialize) -> Result<(), JsError> {
    Ok(value.serialize(&mut serde_json::Serializer::with_formatter(buf, crate::wire::AsciiFormatter))?)
}

/// The JSON that `write` makes, parsed by JS.
///
/// The JSON is written into a buffer kept between calls while it is small
/// (an article's is ~9 KB, grown by doubling from 128 bytes each call
/// before).
fn parse_json_with(write: impl FnOnce(&mut Vec<u8>) -> Result<(), JsError>) -> Result<JsValue, JsError> {
    /// Kept between calls up to this capacity; a long text's JSON (MBs)
    /// goes back to the allocator.
    const KEEP: usize = 64 * 1024;
    thread_local! {
        static BUF: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut buf = BUF.take();
    buf.clear();
    let parsed = write(&mut buf).and_then(|()| {
        let json = std::str::from_utf8(&buf).map_err(|_| JsError::new("could not write the result JSON"))?;
        js_sys::JSON::parse(json).map_err(|_| JsError::new("could not parse the result JSON"))
    });
    if buf.capacity() <= KEEP {
        BUF.set(buf);
    }
    parsed
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Set by [`trap_next_call_for_tests`]; read (and cleared) by each annotation call.
static TRAP_NEXT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Test-only, not part of the API: makes the next `annotate` or
/// `annotateColumnar` call trap (abort: a wasm `unreachable`), as a bug in
/// the core would. The page's worker must then report the crash and be
/// replaced by a fresh instance; the browser tests arm this from inside the
/// worker to check that recovery on a real trap rather than a simulated one.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trapNextCallForTests)]
pub fn trap_next_call_for_tests() {
    TRAP_NEXT.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn trap_if_armed() {
    if TRAP_NEXT.swap(false, std::sync::atomic::Ordering::Relaxed) {
        std::process::abort();
    }
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (every browser, Node and worker has one).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// Takes the text as a `JsValue` and checks it: wasm-bindgen's glue for a
/// `&str` parameter reads out of bounds when handed a number or an object.
/// Lone surrogates become U+FFFD, one UTF-16 unit each, so offsets still match.
///
/// A long text is encoded by JS and copied in at its exact length. The glue
/// behind `JsValue::as_string` instead allocates three bytes per UTF-16
/// unit from the first non-ASCII character on and shrinks afterwards: on
/// 10 MB with a curly quote near the start that was a 28 MiB block next to
/// a freed 9.5 MiB one, a hole the token list did not fit, and wasm memory
/// never shrinks. A short text still takes the glue's path, which writes
/// straight into wasm memory: `encode` makes a JS buffer first, a few
/// microseconds more on an article.
fn read_text(text: JsValue) -> Result<String, JsError> {
    const SHORT_UNITS: u32 = 64 * 1024;
    let Some(string) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(JsError::new("text must be a string"));
    };
    if string.length() <= SHORT_UNITS {
        return text.as_string().ok_or_else(|| JsError::new("text must be a string"));
    }
    let bytes = ENCODER.with(|encoder| encoder.encode(&text));
    // Too long: said before the copy, which would take as much wasm memory.
    let len = bytes.length() as usize;
    if len > crate::MAX_INPUT_BYTES {
        return Err(Error::input_too_long(len, crate::MAX_INPUT_BYTES).into());
    }
    let bytes = bytes.to_vec();
    // `encode` writes well-formed UTF-8; the check is a cheap guard all the same.
    String::from_utf8(bytes).map_err(|_| JsError::new("text must be a string"))
}

#[wasm_bindgen]
extern "C" {
    // `Object.keys` and `Array.isArray` as imports that catch: on a Proxy
    // (revoked, or with a throwing `ownKeys`) they throw, and a JS exception
    // that unwinds through wasm skips the code that restores wasm's stack
    // pointer, so each one leaked a stack frame's worth until, after about
    // a thousand, every call (`version()` too) trapped. With `catch` the glue
    // catches it in JS and hands it back as an `Err`. js-sys's own
    // `Object::keys` and `Array::is_array` do not catch.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// The error for options whose reading threw in JS: it says what was being
/// read and what JS said.
fn thrown(what: &str, exception: JsValue) -> Error {
    // `message` is read through Reflect, which catches too (a getter may throw).
    let message = js_sys::Reflect::get(&exception, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| exception.as_string())
        .unwrap_or_else(|| "an exception".into());
    Error::bad_options(format!("reading {what} threw: {message}"))
}

/// Reads options by hand, so that every key is seen (serde-wasm-bindgen
/// asks a JS object only for the fields it knows, which would let a
/// misspelt option through silently) and the wasm carries no JSON parser
/// (serde_json's deserializer and its error formatting were ~15 KB of code
/// for this one object). Every read that can run JS code (a Proxy trap, a
/// getter) goes through an import that catches (see [`object_keys`]), so a
/// throwing options object is an [`Error`], not an unwind through wasm.
fn read_options(options: JsValue) -> Result<Options, Error> {
    const SHAPE: &str = "options must be an object like { layers: [\"sentence\"] }";
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() || is_array(&options).map_err(|e| thrown("options", e))? || options.is_function() {
        return Err(Error::bad_options(SHAPE));
    }
    let mut out = Options::default();
    for key in object_keys(&options).map_err(|e| thrown("the keys of options", e))?.iter() {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(&options, &JsValue::from_str(&key)).map_err(|e| thrown(&format!("options.{key}"), e))?;
        match key.as_str() {
            // As JSON would have it: an undefined field is an absent one.
            "layers" if value.is_undefined() => {}
            "layers" => out.layers = read_layers(&value)?,
            _ => return Err(Error::bad_options(format!("unknown field `{key}`, expected `layers`"))),
        }
    }
    Ok(out)
}

/// `options.layers`: an array of layer names.
fn read_layers(value: &JsValue) -> Result<Vec<Layer>, Error> {
    let names = || Layer::ALL.map(Layer::name).join(", ");
    let not_names = || Error::bad_options(format!("layers must be an array of layer names ({})", names()));
    if !is_array(value).map_err(|e| thrown("options.layers", e))? {
        return Err(not_names());
    }
    // Length and elements through Reflect, which catches: an array may be a
    // Proxy, or have a throwing getter on an element.
    let len = js_sys::Reflect::get(value, &JsValue::from_str("length"))
        .map_err(|e| thrown("options.layers.length", e))?
        .as_f64()
        .ok_or_else(not_names)?;
    // More names than layers can only repeat some; a huge length (a Proxy
    // can claim any) would be a long loop, not a longer list.
    const MOST: f64 = 65536.0;
    if !(0.0..=MOST).contains(&len) {
        return Err(Error::bad_options(format!("layers must be an array of at most {MOST} layer names ({})", names())));
    }
    (0..len as u32)
        .map(|i| {
            let v = js_sys::Reflect::get_u32(value, i).map_err(|e| thrown(&format!("options.layers[{i}]"), e))?;
            let name = v.as_string().ok_or_else(not_names)?;
            Layer::from_name(&name).ok_or_else(|| Error::bad_options(format!("unknown layer `{name}`, expected one of {}", names())))
        })
        .collect()
}
