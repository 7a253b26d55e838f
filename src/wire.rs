//! The Document as JS and the CLI see it: UTF-16 offsets, snake_case names.
//!
//! This is the only place where byte offsets become UTF-16 offsets, so the
//! wasm API and the command line agree exactly by construction. It is also
//! the one place that writes numbers: as JavaScript's `JSON.stringify`
//! writes them ([`write_js_number`]), so that the command line's JSON and
//! `JSON.stringify` of the wasm result are the same bytes.

use serde::Serialize;

use crate::doc::{Attrs, Document, Label, Layer, Parts, Row, SpanId, Stats, Summaries, Value};
use crate::error::Error;
use crate::text::OffsetIndex;

/// A span with UTF-16 offsets: `text.slice(start, end)` in JS is its text.
#[derive(Clone, Debug, Serialize)]
pub struct WireSpan<'a> {
    /// Unique in the document.
    pub id: SpanId,
    /// The span's layer.
    pub layer: Layer,
    /// The span's label.
    pub label: Label,
    /// First UTF-16 code unit, inclusive.
    pub start: usize,
    /// Last UTF-16 code unit, exclusive.
    pub end: usize,
    /// Layer-specific fields, omitted when empty.
    #[serde(skip_serializing_if = "is_empty")]
    pub attrs: &'a Attrs,
}

fn is_empty(attrs: &&Attrs) -> bool {
    attrs.is_empty()
}

/// The whole result as sent across the boundary.
#[derive(Clone, Debug, Serialize)]
pub struct WireDocument<'a> {
    /// The crate version that produced it.
    pub version: &'static str,
    /// Counts over the text.
    pub stats: &'a Stats,
    /// The spans, sorted by start, containers first.
    pub spans: Vec<WireSpan<'a>>,
    /// Layer summaries, e.g. `sourcing` and `entities`.
    #[serde(flatten)]
    pub summaries: &'a Summaries,
}

/// Converts `doc`, computed over `text`, to its wire form.
pub fn to_wire<'a>(text: &str, doc: &'a Document) -> Result<WireDocument<'a>, Error> {
    let index = OffsetIndex::new(text);
    let (mut starts, mut ends) = (index.cursor(), index.cursor());
    let mut spans = Vec::with_capacity(doc.spans.len());
    for s in &doc.spans {
        let start = starts.to_utf16(s.start_byte).ok_or_else(|| Error::bad_offset(s.start_byte))?;
        let end = ends.to_utf16(s.end_byte).ok_or_else(|| Error::bad_offset(s.end_byte))?;
        spans.push(WireSpan { id: s.id, layer: s.layer, label: s.label, start, end, attrs: &s.attrs });
    }
    Ok(WireDocument { version: crate::VERSION, stats: &doc.stats, spans, summaries: &doc.summaries })
}

/// [`WireDocument`] for a [`Parts`]: the same JSON, the spans made one at a
/// time while they are serialized. On 10 MB the Document's `Span`s and the
/// `WireSpan`s were two more lists of 2.3 million rows (105 MiB in wasm);
/// this holds none.
#[derive(Clone, Debug, Serialize)]
pub struct WireParts<'a> {
    /// The crate version that produced it.
    pub version: &'static str,
    /// Counts over the text.
    pub stats: &'a Stats,
    /// The spans, sorted by start, containers first.
    pub spans: WireSpans<'a>,
    /// Layer summaries, e.g. `sourcing` and `entities`.
    #[serde(flatten)]
    pub summaries: &'a Summaries,
}

/// The spans of a [`Parts`], serialized as a list of [`WireSpan`]s; see
/// [`WireParts`].
#[derive(Clone, Debug)]
pub struct WireSpans<'a> {
    text: &'a str,
    parts: &'a Parts,
}

impl Serialize for WireSpans<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let index = OffsetIndex::new(self.text);
        let (mut starts, mut ends) = (index.cursor(), index.cursor());
        let utf16 = |cursor: &mut crate::text::offsets::Cursor, byte| cursor.to_utf16(byte).ok_or_else(|| S::Error::custom(Error::bad_offset(byte)));
        let mut seq = serializer.serialize_seq(Some(self.parts.len()))?;
        for (s, attrs) in self.parts.rows_with_attrs() {
            let (start, end) = (utf16(&mut starts, s.start_byte)?, utf16(&mut ends, s.end_byte)?);
            seq.serialize_element(&WireSpan { id: s.id, layer: s.layer, label: s.label, start, end, attrs })?;
        }
        seq.end()
    }
}

/// Converts `parts`, computed over `text`, to its wire form: serialized, it
/// is what [`to_wire`] of [`Parts::into_document`] gives.
pub fn parts_to_wire<'a>(text: &'a str, parts: &'a Parts) -> WireParts<'a> {
    WireParts { version: crate::VERSION, stats: &parts.stats, spans: WireSpans { text, parts }, summaries: &parts.summaries }
}

/// The spans as parallel columns, for callers that want speed over ease: a
/// 1 MB article has ~200,000 token spans, and one object per span is most of
/// the cost of handing them to JS. Row `i` of every column is one span, in the
/// same order as [`WireDocument::spans`]; `layer` and `label` index
/// [`Layer::ALL`] and [`Label::ALL`] (their names travel once, as tables).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    /// Span ids.
    pub ids: Vec<u32>,
    /// Index into [`Layer::ALL`].
    pub layers: Vec<u8>,
    /// Index into [`Label::ALL`].
    pub labels: Vec<u8>,
    /// UTF-16 start offsets.
    pub starts: Vec<u32>,
    /// UTF-16 end offsets.
    pub ends: Vec<u32>,
}

impl Columns {
    fn with_capacity(n: usize) -> Columns {
        Columns {
            ids: Vec::with_capacity(n),
            layers: Vec::with_capacity(n),
            labels: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
        }
    }

    /// Appends `other`'s rows.
    fn extend_from(&mut self, other: &Columns) {
        self.ids.extend_from_slice(&other.ids);
        self.layers.extend_from_slice(&other.layers);
        self.labels.extend_from_slice(&other.labels);
        self.starts.extend_from_slice(&other.starts);
        self.ends.extend_from_slice(&other.ends);
    }

    fn clear(&mut self) {
        self.ids.clear();
        self.layers.clear();
        self.labels.clear();
        self.starts.clear();
        self.ends.clear();
    }
}

/// Converts `doc`'s spans, computed over `text`, to columns with UTF-16 offsets.
pub fn to_columns(text: &str, doc: &Document) -> Result<Columns, Error> {
    columns(text, doc.spans.len(), doc.spans.iter().map(Row::from))
}

/// [`to_columns`] for a [`Parts`]: the same columns, without a `Span` per token.
pub fn parts_to_columns(text: &str, parts: &Parts) -> Result<Columns, Error> {
    columns(text, parts.len(), parts.rows())
}

/// How many rows [`parts_to_column_chunks`] hands over at a time: 14 bytes a
/// row, so a 224 KiB buffer however long the text.
pub const CHUNK_ROWS: usize = 16 * 1024;

/// [`parts_to_columns`] in pieces: calls `put(first_row, chunk)` for each run
/// of up to [`CHUNK_ROWS`] rows, in order, reusing one small buffer. The wasm
/// export copies each piece straight into JS typed arrays, so the whole
/// columns never sit in wasm memory next to the tokens (memory a wasm
/// instance never gives back).
pub fn parts_to_column_chunks(text: &str, parts: &Parts, put: impl FnMut(usize, &Columns)) -> Result<(), Error> {
    // A short article's rows fit a buffer of their own size.
    column_chunks(text, CHUNK_ROWS.min(parts.len().max(1)), parts.rows(), put)
}

fn columns(text: &str, n: usize, rows: impl Iterator<Item = Row>) -> Result<Columns, Error> {
    let mut c = Columns::with_capacity(n);
    column_chunks(text, n.max(1), rows, |_, chunk| c.extend_from(chunk))?;
    Ok(c)
}

/// Converts `rows` to columns `chunk` rows at a time, handing each full (and
/// the last, partial) buffer to `put` with the index of its first row.
fn column_chunks(text: &str, chunk: usize, rows: impl Iterator<Item = Row>, mut put: impl FnMut(usize, &Columns)) -> Result<(), Error> {
    let index = OffsetIndex::new(text);
    // Starts are sorted, and so are most ends: each walks its own cursor.
    let (mut starts, mut ends) = (index.cursor(), index.cursor());
    let mut c = Columns::with_capacity(chunk);
    let mut done = 0;
    for s in rows {
        let start = starts.to_utf16(s.start_byte).ok_or_else(|| Error::bad_offset(s.start_byte))?;
        let end = ends.to_utf16(s.end_byte).ok_or_else(|| Error::bad_offset(s.end_byte))?;
        c.ids.push(s.id);
        c.layers.push(s.layer.rank() as u8);
        c.labels.push(s.label.index() as u8);
        // MAX_INPUT_BYTES keeps every offset far below u32::MAX.
        c.starts.push(start as u32);
        c.ends.push(end as u32);
        if c.ids.len() == chunk {
            put(done, &c);
            done += chunk;
            c.clear();
        }
    }
    if !c.ids.is_empty() {
        put(done, &c);
    }
    Ok(())
}

/// serde_json's compact format with every non-ASCII character written as
/// `\uXXXX` (a surrogate pair past U+FFFF): `JSON.parse` gives the same
/// strings. For JSON that JS parses: the wasm glue decodes it with
/// `TextDecoder`, which took ~7x longer when any byte was not ASCII (an
/// article's curly apostrophes in names and quotes), and `JSON.parse` of a
/// string with one two-byte character in it is slower too (decode and parse
/// ~58 -> ~44 us per call on the reference article, in Node).
pub struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        write_js_number(writer, value)
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            let (ascii, tail) = rest.split_at(at);
            writer.write_all(ascii.as_bytes())?;
            let mut chars = tail.chars();
            let Some(c) = chars.next() else { break };
            writer.write_all(utf16_escapes(c, &mut [0; 12]))?;
            rest = chars.as_str();
        }
        writer.write_all(rest.as_bytes())
    }
}

/// `c` as one `\uXXXX` per UTF-16 code unit (two for a surrogate pair),
/// written into `buf`: the escape of a non-ASCII character shared by
/// [`AsciiFormatter`] and the hand-written strings, so both stay alike.
fn utf16_escapes(c: char, buf: &mut [u8; 12]) -> &[u8] {
    let mut units = [0; 2];
    let units = c.encode_utf16(&mut units);
    for (unit, slot) in units.iter().zip(buf.chunks_exact_mut(6)) {
        slot.copy_from_slice(&unicode_escape(*unit));
    }
    buf.get(..6 * units.len()).unwrap_or_default()
}

/// `\uXXXX` for one UTF-16 code unit, lower-case hex as serde_json writes it.
fn unicode_escape(unit: u16) -> [u8; 6] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let u = usize::from(unit);
    [b'\\', b'u', HEX[u >> 12], HEX[(u >> 8) & 15], HEX[(u >> 4) & 15], HEX[u & 15]]
}

/// serde_json's compact format with numbers written as JavaScript writes
/// them ([`write_js_number`]): what the command line prints, so that it is
/// byte for byte `JSON.stringify` of what the wasm API returns.
pub struct JsFormatter;

impl serde_json::ser::Formatter for JsFormatter {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        write_js_number(writer, value)
    }
}

/// Writes `value` as JavaScript's `Number.prototype.toString` (and so
/// `JSON.stringify`) does: `3` not `3.0`, `1e+21` not `1e21`,
/// `0.000001` not `1e-6`, `null` for NaN and the infinities.
///
/// serde_json writes an f64 in its own layout. The shortest digits that
/// read back as the same f64 are the same in both (serde_json's writer
/// finds them here too, so no other float formatting is linked into the
/// .wasm);
/// only where the decimal point goes and when to switch to an exponent
/// differ, which is the ECMAScript rule below (ECMA-262, Number::toString,
/// with k digits and the point after n of them).
///
/// # Errors
/// When `writer` fails.
pub fn write_js_number<W: ?Sized + std::io::Write>(writer: &mut W, value: f64) -> std::io::Result<()> {
    if !value.is_finite() {
        return writer.write_all(b"null");
    }
    if value == 0.0 {
        // Negative zero too: JS prints it as "0".
        return writer.write_all(b"0");
    }
    // serde_json writes "123.45", "3.0", "0.0001", "1e16" or "1.5e-7":
    // digits with a point somewhere, then maybe an exponent. Read them as
    // 0.d1d2...dk x 10^n.
    let mut shown = std::io::Cursor::new([0u8; 40]);
    serde_json::ser::Formatter::write_f64(&mut serde_json::ser::CompactFormatter, &mut shown, value.abs())?;
    let len = shown.position() as usize;
    let shown = shown.get_ref().get(..len).unwrap_or_default();
    let e_at = shown.iter().position(|&b| b == b'e').unwrap_or(shown.len());
    let (mantissa, exponent) = (&shown[..e_at], shown.get(e_at + 1..).unwrap_or_default());
    let exponent: i64 = std::str::from_utf8(exponent).ok().and_then(|e| e.parse().ok()).unwrap_or(0);
    let point = mantissa.iter().position(|&b| b == b'.').unwrap_or(mantissa.len());
    let mut digits = [0u8; 32];
    let mut k = 0;
    let mut n = point as i64 + exponent;
    for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        if k == 0 && b == b'0' {
            // A leading zero moves the point left.
            n -= 1;
        } else if let Some(slot) = digits.get_mut(k) {
            *slot = b;
            k += 1;
        }
    }
    while k > 1 && digits[k - 1] == b'0' {
        k -= 1;
    }
    let digits = &digits[..k];
    let k = k as i64;
    if value < 0.0 {
        writer.write_all(b"-")?;
    }
    let zeros = |w: &mut W, count: i64| (0..count).try_for_each(|_| w.write_all(b"0"));
    if k <= n && n <= 21 {
        writer.write_all(digits)?;
        zeros(writer, n - k)
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        writer.write_all(int)?;
        writer.write_all(b".")?;
        writer.write_all(frac)
    } else if -6 < n && n <= 0 {
        writer.write_all(b"0.")?;
        zeros(writer, -n)?;
        writer.write_all(digits)
    } else {
        let (first, rest) = digits.split_at(1);
        writer.write_all(first)?;
        if !rest.is_empty() {
            writer.write_all(b".")?;
            writer.write_all(rest)?;
        }
        writer.write_all(if n - 1 >= 0 { b"e+" } else { b"e-" })?;
        let mut itoa = [0u8; 20];
        let mut at = itoa.len();
        let mut e = (n - 1).unsigned_abs();
        loop {
            at -= 1;
            itoa[at] = b'0' + (e % 10) as u8;
            e /= 10;
            if e == 0 {
                break;
            }
        }
        writer.write_all(&itoa[at..])
    }
}

/// Appends the attrs of `spans` as a JSON object keyed by span id
/// (`{"438":{"entity":"e1"},...}`, spans without attrs left out), byte for
/// byte what serde_json with [`AsciiFormatter`] writes for that map.
///
/// Written by hand: through serde, every key, value and bracket was a call
/// through `io::Write` and every key was scanned for escapes, ~2x the time
/// of this loop over mostly short plain strings.
pub fn write_attrs_json(out: &mut Vec<u8>, spans: &[crate::Span]) {
    let mut first = true;
    out.push(b'{');
    for s in spans.iter().filter(|s| !s.attrs.is_empty()) {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        out.push(b'"');
        write_json_u32(out, s.id);
        out.extend_from_slice(b"\":");
        write_attrs_map(out, &s.attrs, true);
    }
    out.push(b'}');
}

/// One span's attrs as a JSON object, as serde_json writes them (with
/// [`AsciiFormatter`] when `ascii`).
fn write_attrs_map(out: &mut Vec<u8>, attrs: &Attrs, ascii: bool) {
    use serde_json::ser::Formatter as _;
    out.push(b'{');
    for (i, (k, v)) in attrs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_str_as(out, k, ascii);
        out.push(b':');
        match v {
            Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            // Writing to a Vec cannot fail.
            Value::Int(n) => drop(serde_json::ser::CompactFormatter.write_i64(out, *n)),
            Value::Num(x) => drop(write_js_number(out, *x)),
            Value::Str(text) => write_json_str_as(out, text, ascii),
            Value::Ids(ids) => {
                out.push(b'[');
                for (j, id) in ids.iter().enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    write_json_u32(out, *id);
                }
                out.push(b']');
            }
        }
    }
    out.push(b'}');
}

/// Writes [`parts_to_wire`]`(text, parts)` as serde_json with
/// [`JsFormatter`] writes it (compact, byte for byte; a test compares the
/// two), the spans by hand:
/// through serde each span was six keys scanned for escapes and a dozen
/// calls through `io::Write`, a third of the command line's time on 1 MB.
///
/// # Errors
/// When `out` fails, or a span's offset is not on a character boundary.
pub fn write_parts_json(out: &mut impl std::io::Write, text: &str, parts: &Parts) -> std::io::Result<()> {
    /// Handed to `out` in pieces of about this size.
    const FLUSH: usize = 64 * 1024;
    let bad_offset = |byte| std::io::Error::other(Error::bad_offset(byte));
    let mut buf = Vec::with_capacity(FLUSH + 1024);
    buf.extend_from_slice(b"{\"version\":");
    write_json_str_as(&mut buf, crate::VERSION, false);
    buf.extend_from_slice(b",\"stats\":");
    parts.stats.serialize(&mut serde_json::Serializer::with_formatter(&mut buf, JsFormatter))?;
    buf.extend_from_slice(b",\"spans\":[");
    let index = OffsetIndex::new(text);
    let (mut starts, mut ends) = (index.cursor(), index.cursor());
    for (n, (s, attrs)) in parts.rows_with_attrs().enumerate() {
        let start = starts.to_utf16(s.start_byte).ok_or_else(|| bad_offset(s.start_byte))?;
        let end = ends.to_utf16(s.end_byte).ok_or_else(|| bad_offset(s.end_byte))?;
        if n > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"id\":");
        write_json_u32(&mut buf, s.id);
        // Layer and label names are plain ASCII, written as serde writes them.
        buf.extend_from_slice(b",\"layer\":\"");
        buf.extend_from_slice(s.layer.name().as_bytes());
        buf.extend_from_slice(b"\",\"label\":\"");
        buf.extend_from_slice(s.label.name().as_bytes());
        buf.extend_from_slice(b"\",\"start\":");
        write_json_usize(&mut buf, start);
        buf.extend_from_slice(b",\"end\":");
        write_json_usize(&mut buf, end);
        if !attrs.is_empty() {
            buf.extend_from_slice(b",\"attrs\":");
            write_attrs_map(&mut buf, attrs, false);
        }
        buf.push(b'}');
        if buf.len() >= FLUSH {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.push(b']');
    // The summaries are flattened into the top level: their map's entries
    // without its braces.
    let mut summaries = Vec::new();
    parts.summaries.serialize(&mut serde_json::Serializer::with_formatter(&mut summaries, JsFormatter))?;
    if let Some(entries) = summaries.get(1..summaries.len().saturating_sub(1)).filter(|e| !e.is_empty()) {
        buf.push(b',');
        buf.extend_from_slice(entries);
    }
    buf.push(b'}');
    out.write_all(&buf)
}

/// One span as a flat row, for tables (`--format spans` on the command
/// line, the Python wheel's `spans`): offsets in UTF-16 as in the
/// [`WireDocument`], and the span's own text.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanRow<'a> {
    /// The span's layer.
    pub layer: Layer,
    /// The span's label.
    pub label: Label,
    /// First UTF-16 code unit, inclusive.
    pub start: usize,
    /// Last UTF-16 code unit, exclusive.
    pub end: usize,
    /// The span's text.
    pub text: &'a str,
    /// Layer-specific fields (see [`attrs_json`]).
    pub attrs: &'a Attrs,
}

/// Calls `each` with the spans of `parts`, computed over `text`, as
/// [`SpanRow`]s in the Document's order; stops at the first error.
///
/// # Errors
/// What `each` returns, or [`Error`] (converted) when a span's offset is not
/// on a character boundary (which the pipeline never makes).
pub fn for_each_span_row<'a, E: From<Error>>(text: &'a str, parts: &'a Parts, mut each: impl FnMut(SpanRow<'a>) -> Result<(), E>) -> Result<(), E> {
    let index = OffsetIndex::new(text);
    let (mut starts, mut ends) = (index.cursor(), index.cursor());
    for (s, attrs) in parts.rows_with_attrs() {
        let start = starts.to_utf16(s.start_byte).ok_or_else(|| Error::bad_offset(s.start_byte))?;
        let end = ends.to_utf16(s.end_byte).ok_or_else(|| Error::bad_offset(s.end_byte))?;
        let text = text.get(s.start_byte..s.end_byte).ok_or_else(|| Error::bad_offset(s.start_byte))?;
        each(SpanRow { layer: s.layer, label: s.label, start, end, text, attrs })?;
    }
    Ok(())
}

/// `attrs` as a JSON object, as the Document writes them (`{}` when empty).
pub fn attrs_json(attrs: &Attrs) -> String {
    let mut out = Vec::new();
    write_attrs_map(&mut out, attrs, false);
    // Only JSON made from `&str`s and numbers: valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes one JSON line per span of `parts` (computed over `text`): `doc`
/// (raw JSON, written as it is: a file name, an input's id), then the
/// [`SpanRow`]'s fields, `attrs` always present:
///
/// `{"doc":"a.txt","layer":"entity","label":"PERSON","start":4,"end":9,"text":"Smith","attrs":{"entity":"e1"}}`
///
/// Flat rows with the same keys on every line, which DuckDB's `read_json`
/// and pandas' `read_json(lines=True)` read as a table.
///
/// # Errors
/// When `out` fails, or a span's offset is not on a character boundary.
pub fn write_span_rows(out: &mut impl std::io::Write, doc: &[u8], text: &str, parts: &Parts) -> std::io::Result<()> {
    const FLUSH: usize = 64 * 1024;
    let mut buf = Vec::with_capacity(FLUSH + 1024);
    for_each_span_row(text, parts, |row| {
        buf.extend_from_slice(b"{\"doc\":");
        buf.extend_from_slice(doc);
        buf.extend_from_slice(b",\"layer\":\"");
        buf.extend_from_slice(row.layer.name().as_bytes());
        buf.extend_from_slice(b"\",\"label\":\"");
        buf.extend_from_slice(row.label.name().as_bytes());
        buf.extend_from_slice(b"\",\"start\":");
        write_json_usize(&mut buf, row.start);
        buf.extend_from_slice(b",\"end\":");
        write_json_usize(&mut buf, row.end);
        buf.extend_from_slice(b",\"text\":");
        write_json_str_as(&mut buf, row.text, false);
        buf.extend_from_slice(b",\"attrs\":");
        write_attrs_map(&mut buf, row.attrs, false);
        buf.extend_from_slice(b"}\n");
        if buf.len() >= FLUSH {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok::<(), std::io::Error>(())
    })?;
    out.write_all(&buf)
}

/// `text` as a JSON string, escaped as serde_json escapes it.
pub fn write_json_str(out: &mut Vec<u8>, text: &str) {
    write_json_str_as(out, text, false);
}

fn write_json_usize(out: &mut Vec<u8>, n: usize) {
    use serde_json::ser::Formatter as _;
    drop(serde_json::ser::CompactFormatter.write_u64(out, n as u64));
}

fn write_json_u32(out: &mut Vec<u8>, n: u32) {
    use serde_json::ser::Formatter as _;
    drop(serde_json::ser::CompactFormatter.write_u32(out, n));
}

/// `text` as a JSON string escaped as serde_json escapes; past ASCII as
/// `\uXXXX` when `ascii` ([`AsciiFormatter`]), else as it is (serde_json's
/// own output). Plain runs are copied whole.
fn write_json_str_as(out: &mut Vec<u8>, text: &str, ascii: bool) {
    let bytes = text.as_bytes();
    out.push(b'"');
    let (mut i, mut plain_from) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b >= 0x20 && b != b'"' && b != b'\\' && (b < 0x80 || !ascii) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[plain_from..i]);
        if b.is_ascii() {
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => out.extend_from_slice(&unicode_escape(u16::from(b))),
            }
            i += 1;
        } else {
            // `i` is a character boundary: only whole characters are stepped over.
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
            out.extend_from_slice(utf16_escapes(c, &mut [0; 12]));
            i += c.len_utf8();
        }
        plain_from = i;
    }
    out.extend_from_slice(bytes.get(plain_from..).unwrap_or_default());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, annotate};
    use serde::Serialize;

    #[test]
    fn hand_written_attrs_json_is_serde_json_s() {
        use crate::doc::{Span, Value};
        let span = |id, attrs| Span { id, layer: Layer::Entity, label: Label::Person, start_byte: 0, end_byte: 0, attrs };
        let odd = "q\"b\\s/ \n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é ’ 北京 👍🏽 \u{fffd}";
        let spans = [
            span(3, Attrs::from([("entity", Value::from("e1")), ("country", Value::from("Iraq"))])),
            span(7, Attrs::new()),
            span(9, Attrs::from([("name", Value::from(odd)), ("kind", Value::from("")), ("pronoun", Value::Bool(true)), ("no", Value::Bool(false))])),
            span(u32::MAX, Attrs::from([("cue", Value::Int(-42)), ("group", Value::Int(i64::MAX)), ("confidence", Value::Num(0.85)), ("big", Value::Num(1e300)), ("third", Value::Num(1.0 / 3.0)), ("whole", Value::Num(3.0)), ("nan", Value::Num(f64::NAN)), ("inf", Value::Num(f64::INFINITY))])),
            span(12, Attrs::from([("ids", Value::Ids(Box::new([1, 22, 333]))), ("none", Value::Ids(Box::new([])))])),
        ];
        for spans in [&spans[..], &spans[1..2], &[]] {
            let mut hand = Vec::new();
            write_attrs_json(&mut hand, spans);
            let map: ById = spans.iter().filter(|s| !s.attrs.is_empty()).map(|s| (s.id, &s.attrs)).collect();
            let mut serde = Vec::new();
            map.serialize(&mut serde_json::Serializer::with_formatter(&mut serde, AsciiFormatter)).expect("json");
            assert_eq!(String::from_utf8_lossy(&hand), String::from_utf8_lossy(&serde));
            assert!(hand.is_ascii());
            // And it reads back as what serde_json writes without the ASCII escapes.
            let plain: serde_json::Value = serde_json::from_str(&js_json(&map)).expect("parse");
            assert_eq!(serde_json::from_slice::<serde_json::Value>(&hand).expect("parse"), plain);
            // Without the ASCII escapes, what the command line writes.
            for s in spans {
                let mut hand = Vec::new();
                write_attrs_map(&mut hand, &s.attrs, false);
                assert_eq!(String::from_utf8_lossy(&hand), js_json(&s.attrs));
            }
        }
    }

    fn js_number(x: f64) -> String {
        let mut out = Vec::new();
        write_js_number(&mut out, x).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        // ECMA-262's Number::toString: each layout and each switch point.
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (3.0, "3"),
            (-2.5, "-2.5"),
            (0.85, "0.85"),
            (123.456, "123.456"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e16, "10000000000000000"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (1e-6, "0.000001"),
            (1.25e-6, "0.00000125"),
            (1e-7, "1e-7"),
            (-1.5e-7, "-1.5e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::NAN, "null"),
            (f64::NEG_INFINITY, "null"),
        ];
        for (x, js) in cases {
            assert_eq!(js_number(x), js, "{x:e}");
        }
        // Every finite value reads back as itself.
        let mut x = 1.0e-310_f64;
        while x < 1e308 {
            for v in [x, -x, x * 1.000_000_7, x / 3.0] {
                assert_eq!(js_number(v).parse::<f64>().ok(), Some(v), "{v:e}");
            }
            x *= 7.3;
        }
    }

    /// `value` as serde_json writes it with [`JsFormatter`].
    fn js_json(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, JsFormatter)).expect("json");
        String::from_utf8(out).expect("utf-8")
    }

    /// Span ids and attrs in order, serialized as a JSON object.
    struct ById<'a>(Vec<(u32, &'a Attrs)>);
    impl<'a> FromIterator<(u32, &'a Attrs)> for ById<'a> {
        fn from_iter<I: IntoIterator<Item = (u32, &'a Attrs)>>(iter: I) -> Self {
            ById(iter.into_iter().collect())
        }
    }
    impl Serialize for ById<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(id, attrs)| (id, attrs)))
        }
    }

    #[test]
    fn columns_agree_with_the_object_form() {
        let text = "“Iraq’s” 👍🏽 leader, Gen. Smith, said 北京 was far.\n\nالعراق بلد.";
        let doc = annotate(text, &Options::default()).expect("annotate");
        let wire = to_wire(text, &doc).expect("wire");
        let cols = to_columns(text, &doc).expect("columns");
        assert_eq!(cols.ids.len(), wire.spans.len());
        for (i, s) in wire.spans.iter().enumerate() {
            assert_eq!(cols.ids[i], s.id);
            assert_eq!(Layer::ALL[cols.layers[i] as usize], s.layer);
            assert_eq!(Label::ALL[cols.labels[i] as usize], s.label);
            assert_eq!((cols.starts[i] as usize, cols.ends[i] as usize), (s.start, s.end));
        }
        for layers in [&Layer::ALL[..], &[Layer::Token][..], &[Layer::Sentence, Layer::Entity][..], &[Layer::Paragraph][..]] {
            let options = Options::with_layers(layers);
            let parts = crate::pipeline::run_parts(text, &options);
            let doc = parts.clone().into_document();
            assert_eq!(doc, annotate(text, &options).expect("annotate"));
            let json = js_json(&to_wire(text, &doc).expect("wire"));
            assert_eq!(js_json(&parts_to_wire(text, &parts)), json);
            let mut hand = Vec::new();
            write_parts_json(&mut hand, text, &parts).expect("write");
            assert_eq!(String::from_utf8_lossy(&hand), json);
            let whole = parts_to_columns(text, &parts).expect("columns");
            assert_eq!(whole, to_columns(text, &doc).expect("columns"));
            // In pieces of 1, 3 and 7 rows, as the wasm export copies them out.
            for chunk in [1, 3, 7] {
                let mut pieces = Columns::default();
                let mut next = 0;
                column_chunks(text, chunk, parts.rows(), |at, c| {
                    assert_eq!(at, next);
                    assert!(c.ids.len() <= chunk && !c.ids.is_empty());
                    next += c.ids.len();
                    pieces.extend_from(c);
                })
                .expect("chunks");
                assert_eq!(pieces, whole);
            }
        }
    }
}
