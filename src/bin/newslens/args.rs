//! The command line's arguments, read with lexopt: every option known,
//! every value checked, and a usage error (exit 2) that says what was wrong.

use std::ffi::OsString;
use std::num::NonZeroUsize;

use newslens::{Layer, Options};

pub const USAGE: &str = "\
newslens: annotate news articles (entities, quotes and speakers, sources, hedges, coreference)

usage: newslens [OPTIONS] FILE...
       newslens --jsonl [OPTIONS] FILE...

  FILE                 a UTF-8 text file, or - for standard input (at most 32 MiB each)

options:
  --format FORMAT      json (default): one Document as JSON, offsets in UTF-16 code units;
                         with several files, one Document per line with \"input\":{\"file\":...}
                       spans: one flat JSON line per span: doc, layer, label, start, end,
                         text, attrs (a table for DuckDB's read_json or pandas)
                       text: the text with highlights (colours on a terminal; `ansi` is
                         the same)
  --jsonl              read JSON Lines: one object per line with a \"text\" string; answer
                         each line with one line: {\"input\":{the line's other fields,
                         unchanged},...the Document} or {\"input\":...,\"error\":{...}};
                         a bad line does not stop the run (exit 1 at the end)
  --drop-text          with --jsonl: leave the \"text\" field out of \"input\"
  --jobs N             with --jsonl: annotate N lines at a time (default: every core);
                         the output keeps the input's order
  --layers A,B,...     the layers to return (default: all): paragraph, sentence, token,
                         entity, mention, quote, cue, source, hedge
  --color WHEN         auto (default: on a terminal, unless NO_COLOR is set), always, never
  -h, --help           print this help
  -V, --version        print the version

exit status: 0 on success, 1 when an input could not be annotated (a missing file, a
text over the limit, a bad JSON line), 2 on a usage error.";

/// The formats `--format` accepts, for its error message.
const FORMATS: &str = "json, spans, text (or ansi)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Spans,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// What to do.
pub enum Command {
    Help,
    Version,
    Annotate(Args),
}

pub struct Args {
    pub format: Format,
    pub jsonl: bool,
    pub drop_text: bool,
    pub jobs: NonZeroUsize,
    pub options: Options,
    pub color: Color,
    /// At least one; `-` is standard input.
    pub paths: Vec<OsString>,
}

/// A usage error's message.
pub type UsageError = String;

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut format = Format::Json;
    let (mut jsonl, mut drop_text) = (false, false);
    let mut jobs = None;
    let mut options = Options::default();
    let mut color = Color::Auto;
    let mut paths = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("format") => {
                let value = string_value(&mut parser, "--format")?;
                format = match value.as_str() {
                    "json" => Format::Json,
                    "spans" => Format::Spans,
                    "text" | "ansi" => Format::Text,
                    _ => return Err(format!("unknown format `{value}`; the formats are {FORMATS}")),
                };
            }
            Long("jsonl") => jsonl = true,
            Long("drop-text") => drop_text = true,
            Long("jobs") | Short('j') => {
                let value = string_value(&mut parser, "--jobs")?;
                jobs = Some(value.parse::<NonZeroUsize>().map_err(|_| format!("--jobs takes a whole number of at least 1, not `{value}`"))?);
            }
            Long("layers") => {
                let value = string_value(&mut parser, "--layers")?;
                options = Options::with_layers(&parse_layers(&value)?);
            }
            Long("color") | Long("colour") => {
                let value = string_value(&mut parser, "--color")?;
                color = match value.as_str() {
                    "auto" => Color::Auto,
                    "always" => Color::Always,
                    "never" => Color::Never,
                    _ => return Err(format!("--color takes auto, always or never, not `{value}`")),
                };
            }
            Value(path) => paths.push(path),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if paths.is_empty() {
        return Err("no input: give one or more FILEs, or - for standard input".into());
    }
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        return Err("standard input (-) can be read only once".into());
    }
    if drop_text && !jsonl {
        return Err("--drop-text goes with --jsonl".into());
    }
    if format == Format::Text && jsonl {
        return Err("--format text shows one text; use json or spans with --jsonl".into());
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    Ok(Command::Annotate(Args { format, jsonl, drop_text, jobs, options, color, paths }))
}

fn string_value(parser: &mut lexopt::Parser, option: &str) -> Result<String, UsageError> {
    let value = parser.value().map_err(|_| format!("{option} needs a value"))?;
    value.into_string().map_err(|v| format!("{option}: `{}` is not UTF-8", v.to_string_lossy()))
}

fn parse_layers(list: &str) -> Result<Vec<Layer>, UsageError> {
    let names = || Layer::ALL.map(Layer::name).join(", ");
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Layer::from_name(name).ok_or_else(|| format!("unknown layer `{name}`; the layers are {}", names())))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|layers| if layers.is_empty() { Err(format!("--layers needs at least one of {}", names())) } else { Ok(layers) })
}
