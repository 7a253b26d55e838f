//! `newslens._newslens`: the core's one pipeline for Python, a thin face
//! like the wasm one: it converts and holds no logic. Documents leave as the
//! very JSON the command line prints (`wire::write_parts_json`), which the
//! Python package (`py/newslens/__init__.py`) turns into dicts; span tables
//! leave as columns (`wire::for_each_span_row`). Work on many texts runs
//! with the GIL released, on as many threads as asked.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use newslens::internals::wire;
use newslens::{Layer, Options};

#[pymodule]
mod _newslens {
    #[pymodule_export]
    use super::{annotate_json, annotate_many_json, span_columns, version};
}

/// The crate version.
#[pyfunction]
fn version() -> &'static str {
    newslens::VERSION
}

/// The Document for `text` as JSON, byte for byte what `newslens FILE` prints.
#[pyfunction]
#[pyo3(signature = (text, layers=None))]
fn annotate_json(py: Python<'_>, text: &Bound<'_, PyString>, layers: Option<Vec<String>>) -> PyResult<String> {
    let options = options(layers)?;
    let text = read_text(text)?;
    py.detach(|| document_json(&text, &options)).map_err(PyValueError::new_err)
}

/// [`annotate_json`] for each of `texts`, `jobs` at a time (default: every
/// core), with the GIL released. Raises for the first text that fails,
/// naming its index.
#[pyfunction]
#[pyo3(signature = (texts, layers=None, jobs=None))]
fn annotate_many_json(py: Python<'_>, texts: &Bound<'_, PyAny>, layers: Option<Vec<String>>, jobs: Option<usize>) -> PyResult<Vec<String>> {
    let options = options(layers)?;
    let jobs = jobs_or_cores(jobs)?;
    let texts = read_texts(texts)?;
    let results = py.detach(|| parallel_map(&texts, jobs, |text| document_json(text, &options))).map_err(PyValueError::new_err)?;
    results.into_iter().enumerate().map(|(i, r)| r.map_err(|e| PyValueError::new_err(format!("text {i}: {e}")))).collect()
}

/// The spans of every text as columns, one row per span, as
/// `newslens --format spans` writes them: `doc` is the index of the text in
/// `texts`, then layer, label, start, end (UTF-16), text, and attrs (JSON).
#[pyfunction]
#[pyo3(signature = (texts, layers=None, jobs=None))]
fn span_columns(py: Python<'_>, texts: &Bound<'_, PyAny>, layers: Option<Vec<String>>, jobs: Option<usize>) -> PyResult<SpanColumns> {
    let options = options(layers)?;
    let jobs = jobs_or_cores(jobs)?;
    let texts = read_texts(texts)?;
    let per_text = py.detach(|| parallel_map(&texts, jobs, |text| text_rows(text, &options))).map_err(PyValueError::new_err)?;
    let mut columns = SpanColumns::default();
    for (i, rows) in per_text.into_iter().enumerate() {
        let rows = rows.map_err(|e| PyValueError::new_err(format!("text {i}: {e}")))?;
        columns.doc.extend(std::iter::repeat_n(i, rows.layer.len()));
        columns.layer.extend(rows.layer);
        columns.label.extend(rows.label);
        columns.start.extend(rows.start);
        columns.end.extend(rows.end);
        columns.text.extend(rows.text);
        columns.attrs.extend(rows.attrs);
    }
    Ok(columns)
}

/// One list per column; a dict in Python.
#[derive(Default, IntoPyObject)]
struct SpanColumns {
    doc: Vec<usize>,
    layer: Vec<&'static str>,
    label: Vec<&'static str>,
    start: Vec<usize>,
    end: Vec<usize>,
    text: Vec<String>,
    attrs: Vec<String>,
}

fn text_rows(text: &str, options: &Options) -> Result<SpanColumns, newslens::Error> {
    let parts = newslens::internals::annotate_parts(text, options)?;
    let mut rows = SpanColumns::default();
    wire::for_each_span_row(text, &parts, |row| {
        rows.layer.push(row.layer.name());
        rows.label.push(row.label.name());
        rows.start.push(row.start);
        rows.end.push(row.end);
        rows.text.push(row.text.to_owned());
        rows.attrs.push(wire::attrs_json(row.attrs));
        Ok::<(), newslens::Error>(())
    })?;
    Ok(rows)
}

fn document_json(text: &str, options: &Options) -> Result<String, String> {
    let parts = newslens::internals::annotate_parts(text, options).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    wire::write_parts_json(&mut out, text, &parts).map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

fn options(layers: Option<Vec<String>>) -> PyResult<Options> {
    let Some(names) = layers else { return Ok(Options::default()) };
    let layers = names
        .iter()
        .map(|name| {
            Layer::from_name(name).ok_or_else(|| {
                PyValueError::new_err(format!("unknown layer {name:?}; the layers are {}", Layer::ALL.map(Layer::name).join(", ")))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Options::with_layers(&layers))
}

fn jobs_or_cores(jobs: Option<usize>) -> PyResult<NonZeroUsize> {
    match jobs {
        None => Ok(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)),
        Some(n) => NonZeroUsize::new(n).ok_or_else(|| PyValueError::new_err("jobs must be at least 1")),
    }
}

fn read_texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyValueError::new_err("texts must be a list (or any iterable) of str, not one str"));
    }
    texts.try_iter()?.map(|t| read_text(t?.cast::<PyString>()?)).collect()
}

/// A Python str as Rust text. A str can hold lone surrogates, as a JS
/// string can: each becomes U+FFFD, as the wasm API makes them, so that
/// offsets (in UTF-16 units) and results agree with it. A surrogate pair
/// held as two code points joins, as it does in JS.
fn read_text(text: &Bound<'_, PyString>) -> PyResult<String> {
    if let Ok(text) = text.to_cow() {
        return Ok(text.into_owned());
    }
    let encoded = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let units = bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    Ok(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// `f` over `items` on up to `jobs` threads, results in order: each thread
/// takes the next item when it is free, so a long text holds up no other.
fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: NonZeroUsize, f: impl Fn(&T) -> R + Sync) -> Result<Vec<R>, String> {
    let next = AtomicUsize::new(0);
    let threads = jobs.get().min(items.len()).max(1);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| -> Result<_, String> {
        let workers = (0..threads)
            .map(|_| {
                // A main thread's stack, as the core gets when called directly.
                std::thread::Builder::new().stack_size(8 << 20).spawn_scoped(scope, || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect::<Result<Vec<_>, _>>();
        let Ok(workers) = workers else { return Err("could not start the worker threads".to_string()) };
        // The core does not panic on input; if it ever did, the panic goes
        // on to Python (as pyo3's PanicException) rather than lose items.
        Ok(workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect())
    })?;
    done.sort_unstable_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}
