//! `newslens`: the core on files, for batch use and for tests.
//!
//! Prints the same Document as the wasm API (UTF-16 offsets), as JSON, as
//! JSON Lines over a stream, or as coloured text for a terminal.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use newslens::{Layer, Options, Span, annotate_parts, wire};

const USAGE: &str = "usage: newslens [--format json|ansi] [--jsonl] [--layers a,b,...] FILE|-

  FILE            a UTF-8 text file, or - for standard input
  --format json   print the Document as JSON (default), offsets in UTF-16 code units
  --format ansi   print the text with coloured highlights
  --jsonl         read one JSON object per line with a \"text\" field; print one
                  Document per line, with the object's other fields passed through
  --layers        comma-separated layers to return (default: all)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newslens: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    format: Format,
    jsonl: bool,
    options: Options,
    path: String,
}

#[derive(PartialEq)]
enum Format {
    Json,
    Ansi,
}

fn parse_args() -> Result<Args, String> {
    let mut format = Format::Json;
    let mut jsonl = false;
    let mut options = Options::default();
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("ansi") => Format::Ansi,
                    other => return Err(format!("unknown format {other:?}\n{USAGE}")),
                }
            }
            "--jsonl" => jsonl = true,
            "--layers" => {
                let list = args.next().ok_or_else(|| format!("--layers needs a value\n{USAGE}"))?;
                let layers = list
                    .split(',')
                    .map(|name| Layer::from_name(name.trim()).ok_or_else(|| format!("unknown layer {name:?}")))
                    .collect::<Result<Vec<_>, _>>()?;
                options = Options::with_layers(&layers);
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if path.is_none() && (arg == "-" || !arg.starts_with('-')) => path = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    let path = path.ok_or_else(|| USAGE.to_string())?;
    Ok(Args { format, jsonl, options, path })
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let input: Box<dyn Read> = if args.path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.path).map_err(|e| format!("{}: {e}", args.path))?)
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.jsonl {
        return run_jsonl(input, &args.options, &mut out);
    }
    let mut text = String::new();
    io::BufReader::new(input).read_to_string(&mut text).map_err(|e| format!("{}: {e}", args.path))?;
    let parts = annotate_parts(&text, &args.options).map_err(|e| e.to_string())?;
    match args.format {
        Format::Json => {
            wire::write_parts_json(&mut out, &text, &parts).map_err(|e| e.to_string())?;
            writeln!(out).map_err(|e| e.to_string())?;
        }
        Format::Ansi => write_ansi(&mut out, &text, &parts.into_document().spans).map_err(|e| e.to_string())?,
    }
    out.flush().map_err(|e| e.to_string())
}

/// One Document per input line, in constant memory: only one line is held.
fn run_jsonl(input: Box<dyn Read>, options: &Options, out: &mut impl Write) -> Result<(), String> {
    let reader = io::BufReader::new(input);
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut record: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&line).map_err(|e| format!("line {}: not a JSON object: {e}", n + 1))?;
        let text = match record.remove("text") {
            Some(serde_json::Value::String(t)) => t,
            _ => return Err(format!("line {}: no \"text\" string field", n + 1)),
        };
        let parts = annotate_parts(&text, options).map_err(|e| format!("line {}: {e}", n + 1))?;
        let serde_json::Value::Object(fields) = serde_json::to_value(wire::parts_to_wire(&text, &parts)).map_err(|e| e.to_string())? else {
            return Err("document did not serialise to an object".into());
        };
        record.extend(fields);
        serde_json::to_writer(&mut *out, &record).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// ANSI colour for a span worth showing in a terminal, or `None`.
fn ansi_style(span: &Span) -> Option<&'static str> {
    use newslens::Label::*;
    Some(match (span.layer, span.label) {
        (Layer::Entity, Person) => "1;34",
        (Layer::Entity, Org) => "1;35",
        (Layer::Entity, Gpe | Loc | Fac) => "1;32",
        (Layer::Entity, Norp) => "1;36",
        (Layer::Entity, _) => "33",
        (Layer::Quote, _) => "3",
        (Layer::Source, _) => "4",
        (Layer::Hedge, _) => "7",
        _ => return None,
    })
}

/// Writes `text` with the styled spans highlighted; entity labels follow in dim.
fn write_ansi(out: &mut impl Write, text: &str, spans: &[Span]) -> io::Result<()> {
    let styled: Vec<(&Span, &str)> = spans.iter().filter_map(|s| ansi_style(s).map(|st| (s, st))).collect();
    let mut bounds: Vec<usize> = styled.iter().flat_map(|(s, _)| [s.start_byte, s.end_byte]).collect();
    bounds.push(0);
    bounds.push(text.len());
    bounds.sort_unstable();
    bounds.dedup();
    let mut open: Vec<(&Span, &str)> = Vec::new();
    let mut next = 0;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Close spans that end at `a`, labelling entities.
        open.retain(|(s, _)| {
            if s.end_byte == a && s.layer == Layer::Entity {
                let _ = write!(out, "\x1b[0;2m[{}]\x1b[0m", s.label.name());
            }
            s.end_byte > a
        });
        while next < styled.len() && styled[next].0.start_byte == a {
            open.push(styled[next]);
            next += 1;
        }
        let codes: Vec<&str> = open.iter().map(|(_, st)| *st).collect();
        write!(out, "\x1b[0m\x1b[{}m{}", if codes.is_empty() { "0".to_string() } else { codes.join(";") }, &text[a..b])?;
    }
    for (s, _) in &open {
        if s.layer == Layer::Entity {
            write!(out, "\x1b[0;2m[{}]", s.label.name())?;
        }
    }
    writeln!(out, "\x1b[0m")
}
