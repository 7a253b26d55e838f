//! `newslens`: the core on files and corpora.
//!
//! Prints the same Document as the wasm API (UTF-16 offsets; a test compares
//! the bytes): as JSON, as one flat row per span (`--format spans`), or as
//! highlighted text; over JSON Lines (`--jsonl`) it answers every line,
//! annotating `--jobs` lines at a time. Everything it prints comes from the
//! library's one pipeline ([`newslens::internals::annotate_parts`]) and `wire`.
//!
//! `main` only picks the exit code: 0, 1 when an input could not be
//! annotated, 2 on a usage error.

mod args;
mod jsonl;
mod ordered;
mod read;
mod render;

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use args::{Args, Color, Command, Format};

/// Why a run failed.
enum Failure {
    /// The command line was wrong: exit 2.
    Usage(String),
    /// An input could not be annotated: exit 1.
    Input(String),
    /// Some JSON lines failed (each answered with an error object): exit 1.
    Lines { failed: u64, total: u64 },
    /// Standard output was closed (`| head`): stop quietly.
    ClosedOutput,
}

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1)) {
        Ok(()) | Err(Failure::ClosedOutput) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("newslens: {message}\nTry `newslens --help` for more.");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("newslens: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Lines { failed, total }) => {
            eprintln!("newslens: {failed} of {total} lines could not be annotated (each is answered by an \"error\" object)");
            ExitCode::from(1)
        }
    }
}

fn run(arguments: impl IntoIterator<Item = OsString>) -> Result<(), Failure> {
    let args = match args::parse(arguments).map_err(Failure::Usage)? {
        Command::Help => return print(args::USAGE),
        Command::Version => return print(&format!("newslens {}", newslens::VERSION)),
        Command::Annotate(args) => args,
    };
    let stdout = io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        // https://no-color.org: set and not empty means no colour.
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = BufWriter::with_capacity(256 * 1024, stdout.lock());
    if args.jsonl {
        run_jsonl(&args, &mut out)?;
    } else {
        run_files(&args, color, &mut out)?;
    }
    out.flush().map_err(output_error)
}

fn print(text: &str) -> Result<(), Failure> {
    writeln!(io::stdout(), "{text}").map_err(output_error)
}

impl From<io::Error> for Failure {
    /// A thread that could not be started.
    fn from(e: io::Error) -> Failure {
        Failure::Input(format!("could not start a thread: {e}"))
    }
}

fn output_error(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe { Failure::ClosedOutput } else { Failure::Input(format!("could not write the output: {e}")) }
}

/// A path as the user gave it, for messages; `-` is standard input.
fn shown(path: &OsStr) -> String {
    if path == "-" { "standard input".into() } else { path.to_string_lossy().into_owned() }
}

/// Opens `path` (`-` for standard input), with a regular file's length.
fn open(path: &OsStr) -> Result<(Box<dyn Read + Send>, Option<u64>), Failure> {
    if path == "-" {
        return Ok((Box::new(io::stdin()), None));
    }
    let fail = |e: io::Error| Failure::Input(format!("{}: {e}", shown(path)));
    let file = File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(Failure::Input(format!("{}: is a directory", shown(path))));
    }
    let size = meta.is_file().then_some(meta.len());
    Ok((Box::new(file), size))
}

/// Each file is one text, annotated and written in turn; the first that
/// fails stops the run.
fn run_files(args: &Args, color: bool, out: &mut impl Write) -> Result<(), Failure> {
    let several = args.paths.len() > 1;
    for path in &args.paths {
        let (input, size) = open(path)?;
        let text = read::read_text(input, size).map_err(|e| Failure::Input(format!("{}: {e}", shown(path))))?;
        let parts = newslens::internals::annotate_parts(&text, &args.options).map_err(|e| Failure::Input(format!("{}: {e}", shown(path))))?;
        let name = path.to_string_lossy();
        match args.format {
            Format::Json if several => {
                // One Document per line, each saying which file it is.
                let mut head = b"{\"input\":{\"file\":".to_vec();
                newslens::internals::wire::write_json_str(&mut head, &name);
                head.extend_from_slice(b"},");
                out.write_all(&head).map_err(output_error)?;
                let mut skip_brace = SkipFirst { out: &mut *out, skipped: false };
                newslens::internals::wire::write_parts_json(&mut skip_brace, &text, &parts).map_err(output_error)?;
                writeln!(out).map_err(output_error)?;
            }
            Format::Json => {
                newslens::internals::wire::write_parts_json(out, &text, &parts).map_err(output_error)?;
                writeln!(out).map_err(output_error)?;
            }
            Format::Spans => {
                let mut doc = Vec::new();
                newslens::internals::wire::write_json_str(&mut doc, &name);
                newslens::internals::wire::write_span_rows(out, &doc, &text, &parts).map_err(output_error)?;
            }
            Format::Text => {
                if several {
                    writeln!(out, "==> {name} <==").map_err(output_error)?;
                }
                render::write_text(out, &text, &parts.into_document().spans, color).map_err(output_error)?;
            }
        }
    }
    Ok(())
}

/// A writer that drops the first byte written through it: the Document's
/// opening brace, when it continues an object already begun.
struct SkipFirst<'a, W: Write> {
    out: &'a mut W,
    skipped: bool,
}

impl<W: Write> Write for SkipFirst<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.skipped && !buf.is_empty() {
            self.skipped = true;
            return Ok(self.out.write(&buf[1..])? + 1);
        }
        self.out.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Every line of every input, answered in order, `--jobs` at a time.
fn run_jsonl(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    let settings = std::sync::Arc::new(jsonl::Settings { format: args.format, options: args.options.clone(), drop_text: args.drop_text });
    let (mut failed, mut total) = (0u64, 0u64);
    for path in &args.paths {
        let (input, _) = open(path)?;
        let name = shown(path);
        let lines = read::Lines::new(io::BufReader::with_capacity(256 * 1024, input), read::MAX_LINE_BYTES);
        // A read error ends the input; it is reported after the lines before it.
        let read_error = std::sync::Arc::new(std::sync::Mutex::new(None));
        let seen = std::sync::Arc::clone(&read_error);
        let items = lines.map_while(move |line| match line {
            Ok(line) => Some(line),
            Err(e) => {
                if let Ok(mut slot) = seen.lock() {
                    *slot = Some(e);
                }
                None
            }
        });
        let settings = std::sync::Arc::clone(&settings);
        ordered::map_in_order(items, args.jobs, move |line| (line.number, jsonl::answer(&line, &settings)), |(number, answer)| {
            total += 1;
            if let Some(message) = &answer.error {
                failed += 1;
                if args.format == Format::Spans {
                    eprintln!("newslens: {name}: line {number}: {message}");
                }
            }
            out.write_all(&answer.bytes).map_err(output_error)
        })?;
        if let Some(e) = read_error.lock().ok().and_then(|mut slot| slot.take()) {
            return Err(Failure::Input(format!("{name}: {e}")));
        }
    }
    if failed > 0 {
        out.flush().map_err(output_error)?;
        return Err(Failure::Lines { failed, total });
    }
    Ok(())
}
