//! The command line, driven as a user would: files, stdin, JSON Lines,
//! spans, colours, exit codes and limits. What it prints must be the
//! library's own wire form, byte for byte.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
}

/// Runs the binary with `args` and `stdin`, returning its output.
fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newslens");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    // Written from a thread: a large input would otherwise fill the pipe
    // while the binary waits for us to read its output. The binary may exit
    // before reading it all (a bad argument): a broken pipe is fine.
    let writer = std::thread::spawn(move || drop(input.write_all(&stdin)));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}

/// Panics with the command's stdout and stderr.
fn show(args: &[&str], out: &Output) -> String {
    format!(
        "newslens {args:?}: {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout).chars().take(2000).collect::<String>(),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs and expects success; panics with stdout and stderr otherwise.
fn ok(args: &[&str], stdin: &str) -> String {
    let out = run(args, stdin);
    assert!(out.status.success(), "{}", show(args, &out));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs and expects exit status `code`; returns (stdout, stderr).
fn fails(code: i32, args: &[&str], stdin: &str) -> (String, String) {
    let out = run(args, stdin);
    assert_eq!(out.status.code(), Some(code), "{}", show(args, &out));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A directory of its own for each test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newslens-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn temp_file(test: &str, name: &str, text: &str) -> PathBuf {
    let path = temp_dir(test).join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The library's JSON for `text`: what the command line must print.
fn library_json(text: &str, options: &newslens::Options) -> String {
    let parts = newslens::internals::annotate_parts(text, options).expect("annotate");
    let mut out = Vec::new();
    newslens::internals::wire::write_parts_json(&mut out, text, &parts).expect("write");
    String::from_utf8(out).expect("utf-8")
}

const TEXT: &str = "“Go home,” Gen. Smith said in Baghdad 👍🏽. Iraq’s premier agreed.\n\nالعراق بلد. 北京很大。";

/// Articles of several kinds, for the tests that compare runs.
fn articles() -> Vec<String> {
    let seed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt")).unwrap_or_default();
    let mut texts = vec![
        TEXT.to_string(),
        "".to_string(),
        "Officials said the deal was likely to close, Reuters reported.".to_string(),
        "\"We will not leave,\" said Maria Lopez, a spokeswoman for the union. She declined to comment further.".to_string(),
        "Mr. Obama met Angela Merkel in Berlin on Tuesday. He said the U.S. would help.".to_string(),
    ];
    texts.extend(seed.split("\n\n").filter(|p| !p.trim().is_empty()).map(str::to_string));
    texts.push(seed);
    texts
}

#[test]
fn json_output_is_the_library_wire_form_byte_for_byte() {
    let path = temp_file("json", "a.txt", TEXT);
    let printed = ok(&[path_str(&path)], "");
    assert_eq!(printed, library_json(TEXT, &newslens::Options::default()) + "\n");
    let printed: Value = serde_json::from_str(&printed).expect("json");
    assert_eq!(printed["stats"]["paragraphs"], 2);
    // Offsets are UTF-16: every sentence's text as JS would slice it.
    let units: Vec<u16> = TEXT.encode_utf16().collect();
    let sentences: Vec<String> = printed["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .filter(|s| s["layer"] == "sentence")
        .map(|s| {
            let (a, b) = (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
            String::from_utf16(&units[a..b]).expect("no split surrogate")
        })
        .collect();
    assert_eq!(sentences, ["“Go home,” Gen. Smith said in Baghdad 👍🏽.", "Iraq’s premier agreed.", "العراق بلد.", "北京很大。"]);
}

#[test]
fn stdin_and_layer_selection() {
    let out: Value = serde_json::from_str(&ok(&["--layers", "sentence", "-"], TEXT)).expect("json");
    let spans = out["spans"].as_array().expect("spans");
    assert_eq!(spans.len(), 4);
    assert!(spans.iter().all(|s| s["layer"] == "sentence"));
}

#[test]
fn help_and_version_go_to_stdout_with_exit_zero() {
    for flag in ["--help", "-h"] {
        let out = ok(&[flag], "");
        assert!(out.starts_with("newslens: annotate"), "{out}");
        for option in ["--format", "--jsonl", "--jobs", "--layers", "--drop-text", "--color", "--version"] {
            assert!(out.contains(option), "help does not mention {option}");
        }
    }
    // --help wins over whatever else is on the line.
    assert!(ok(&["--format", "json", "--help"], "").contains("usage:"));
    let version = ok(&["--version"], "");
    assert_eq!(version.trim(), format!("newslens {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(ok(&["-V"], ""), version);
}

#[test]
fn usage_errors_exit_two_and_say_what_was_wrong() {
    let (_, err) = fails(2, &["--format", "xml", "-"], "x");
    assert!(err.contains("`xml`") && err.contains("json") && err.contains("spans") && err.contains("text"), "{err}");
    let (_, err) = fails(2, &["--layers", "nope", "-"], "x");
    assert!(err.contains("unknown layer `nope`") && err.contains("sentence"), "{err}");
    let (_, err) = fails(2, &["--frobnicate", "-"], "x");
    assert!(err.contains("--frobnicate"), "{err}");
    let (_, err) = fails(2, &["--format"], "");
    assert!(err.contains("--format"), "{err}");
    let (_, err) = fails(2, &["--jsonl", "--jobs", "0", "-"], "");
    assert!(err.contains("--jobs"), "{err}");
    let (_, err) = fails(2, &[], "");
    assert!(err.contains("no input"), "{err}");
    fails(2, &["-", "-"], "");
    fails(2, &["--drop-text", "-"], "");
    // Nothing is printed on stdout for a usage error.
    assert_eq!(fails(2, &["--color", "pink", "-"], "x").0, "");
}

#[test]
fn input_errors_exit_one_with_a_plain_message() {
    let (_, err) = fails(1, &["/no/such/file.txt"], "");
    assert!(err.contains("/no/such/file.txt") && !err.contains("usage"), "{err}");
    let dir = temp_dir("input-errors");
    let (_, err) = fails(1, &[path_str(&dir)], "");
    assert!(err.contains("directory"), "{err}");
    let out = run_bytes(&["-"], b"caf\xe9");
    assert_eq!(out.status.code(), Some(1), "{}", show(&["-"], &out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("offset 3"));
    // A file past the limit fails on its length, before it is read.
    let big = dir.join("big.txt");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(newslens::MAX_INPUT_BYTES as u64 + 1).expect("sparse file");
    let (_, err) = fails(1, &[path_str(&big)], "");
    assert!(err.contains("limit of 33554432 bytes"), "{err}");
}

#[test]
fn an_endless_input_fails_fast_in_little_memory() {
    // Under a 512 MiB address-space limit the old CLI, which read the whole
    // input first, died of a failed allocation; reading stops one byte past
    // the 32 MiB limit instead.
    let script = format!("ulimit -v 524288 && exec {} /dev/zero", env!("CARGO_BIN_EXE_newslens"));
    let started = std::time::Instant::now();
    let out = Command::new("sh").args(["-c", &script]).output().expect("sh");
    assert_eq!(out.status.code(), Some(1), "{:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/dev/zero: longer than the limit"));
    // Generous: the debug build on a loaded machine; the old CLI never finished.
    assert!(started.elapsed().as_secs() < 60);
    // Standard input too.
    let zeros = vec![0u8; newslens::MAX_INPUT_BYTES + 10];
    let out = run_bytes(&["-"], &zeros);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input: longer than the limit"));
}

#[test]
fn several_files_give_one_document_per_line_in_order() {
    let texts = articles();
    let paths: Vec<PathBuf> = texts.iter().take(4).enumerate().map(|(i, t)| temp_file("several", &format!("{i}.txt"), t)).collect();
    let args: Vec<&str> = paths.iter().map(|p| path_str(p)).collect();
    let out = ok(&args, "");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for ((line, path), text) in lines.iter().zip(&paths).zip(&texts) {
        let head = format!("{{\"input\":{{\"file\":{}}},", serde_json::to_string(path_str(path)).expect("json"));
        let rest = line.strip_prefix(&head).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(format!("{{{rest}"), library_json(text, &newslens::Options::default()));
    }
    // The first failing file stops the run with exit 1.
    let (out, err) = fails(1, &[args[0], "/no/such/file", args[1]], "");
    assert_eq!(out.lines().count(), 1);
    assert!(err.contains("/no/such/file"));
}

/// Splits a JSONL answer into its `"input"` part (raw text) and the rest.
fn split_answer(line: &str) -> (String, String) {
    let rest = line.strip_prefix("{\"input\":").expect("input first");
    // The input object is raw text; find where it ends by parsing a prefix.
    let mut de = serde_json::Deserializer::from_str(rest).into_iter::<&serde_json::value::RawValue>();
    let raw = de.next().expect("input value").expect("json");
    let after = &rest[raw.get().len()..];
    (raw.get().to_string(), format!("{{{}", after.strip_prefix(',').expect("more keys")))
}

#[test]
fn jsonl_keeps_the_input_fields_apart_and_unchanged() {
    let line = r#"{"id":1e5,"big":123456789012345678901234567890,"z":{"b": [1, 2.50]},"a":-0.0,"text":"Gen. Smith said caf\u00e9.","stats":"mine","version":7,"spans":null}"#;
    let out = ok(&["--jsonl", "-"], &format!("{line}\n"));
    let (input, doc) = split_answer(out.trim_end_matches('\n'));
    // Every field, in its order, each value as the bytes it had.
    assert_eq!(input, line);
    assert_eq!(doc, library_json("Gen. Smith said café.", &newslens::Options::default()));
    // --drop-text leaves the text out and nothing else.
    let out = ok(&["--jsonl", "--drop-text", "-"], &format!("{line}\n"));
    let (input, _) = split_answer(out.trim_end_matches('\n'));
    assert_eq!(input, line.replace(r#""text":"Gen. Smith said caf\u00e9.","#, ""));
}

#[test]
fn jsonl_answers_every_line_even_bad_ones() {
    let input = [
        r#"{"id":"a","text":"One. Two."}"#,
        "",
        "not json",
        r#"{"id":"c"}"#,
        r#"{"text":42}"#,
        r#"[1,2]"#,
        "   ",
        r#"{"id":"d","text":"Three."}"#,
    ]
    .join("\n");
    let (out, err) = fails(1, &["--jsonl", "--layers", "sentence", "-"], &input);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 8, "{out}");
    for (n, line) in lines.iter().enumerate() {
        let good = [0, 7].contains(&n);
        assert_eq!(line.get("error").is_none(), good, "line {}: {line}", n + 1);
        if !good {
            assert_eq!(line["error"]["line"], n + 1);
            assert!(line["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
    }
    assert_eq!(lines[0]["input"]["id"], "a");
    assert_eq!(lines[0]["stats"]["sentences"], 2);
    assert_eq!(lines[3]["input"]["id"], "c");
    assert_eq!(lines[3]["error"]["message"], "no \"text\" field");
    assert_eq!(lines[2]["input"], Value::Null);
    assert_eq!(lines[7]["input"]["id"], "d");
    assert!(err.contains("6 of 8 lines"), "{err}");
    // A text over the limit is one more bad line, not the end of the run.
    let long = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n", "a".repeat(newslens::MAX_INPUT_BYTES + 1));
    let (out, err) = fails(1, &["--jsonl", "--layers", "sentence", "-"], &long);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"]["message"].as_str().expect("message").contains("limit"));
    assert_eq!(lines[1]["stats"]["chars"], 2);
    assert!(err.contains("1 of 2 lines"), "{err}");
}

#[test]
fn jsonl_skips_a_line_too_long_to_hold_and_goes_on() {
    let mut input = Vec::with_capacity(70 << 20);
    input.extend_from_slice(b"{\"text\":\"");
    input.resize(input.len() + (65 << 20), b'a');
    input.extend_from_slice(b"\"}\n{\"text\":\"Next.\"}\n");
    let out = run_bytes(&["--jsonl", "--layers", "sentence", "-"], &input);
    assert_eq!(out.status.code(), Some(1), "{}", show(&["--jsonl"], &out));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"]["message"].as_str().expect("message").contains("longer than"));
    assert_eq!(lines[1]["stats"]["sentences"], 1);
}

#[test]
fn jsonl_reads_lone_surrogates_as_the_wasm_api_does() {
    // JS strings can hold a lone surrogate; the wasm API reads each as
    // U+FFFD (one UTF-16 unit), and so does the command line.
    let line = r#"{"text":"Smith \ud800said \udc00 in Paris \ud83d\udc4d."}"#;
    let out = ok(&["--jsonl", "-"], &format!("{line}\n"));
    let (input, doc) = split_answer(out.trim_end_matches('\n'));
    assert_eq!(input, line);
    assert_eq!(doc, library_json("Smith \u{fffd}said \u{fffd} in Paris 👍.", &newslens::Options::default()));
}

#[test]
fn jobs_change_nothing_but_the_speed() {
    let texts = articles();
    let input: String = (0..200).map(|i| format!("{{\"n\":{i},\"text\":{}}}\n", serde_json::to_string(&texts[i % texts.len()]).expect("json"))).collect();
    let one = ok(&["--jsonl", "--jobs", "1", "-"], &input);
    assert_eq!(one.lines().count(), 200);
    for (i, line) in one.lines().enumerate() {
        let (input, doc) = split_answer(line);
        assert_eq!(input, format!("{{\"n\":{i},\"text\":{}}}", serde_json::to_string(&texts[i % texts.len()]).expect("json")));
        assert_eq!(doc, library_json(&texts[i % texts.len()], &newslens::Options::default()));
    }
    for jobs in ["2", "3", "8"] {
        assert!(ok(&["--jsonl", "--jobs", jobs, "-"], &input) == one, "--jobs {jobs} differs");
    }
    // The default (every core) too.
    assert!(ok(&["--jsonl", "-"], &input) == one);
}

/// The parsed span rows, checked to be flat with the same keys on every line.
fn span_rows(out: &str) -> Vec<serde_json::Map<String, Value>> {
    out.lines()
        .map(|l| {
            let Value::Object(row) = serde_json::from_str(l).expect("json line") else { panic!("not an object: {l}") };
            let keys: Vec<&str> = row.keys().map(String::as_str).collect();
            let mut expected = ["doc", "layer", "label", "start", "end", "text", "attrs"];
            expected.sort_unstable();
            assert_eq!(keys, expected, "{l}");
            assert!(row["attrs"].is_object());
            row
        })
        .collect()
}

#[test]
fn spans_are_flat_rows_that_match_the_document() {
    for text in articles().iter().take(6) {
        let path = temp_file("spans", "t.txt", text);
        let rows = span_rows(&ok(&["--format", "spans", path_str(&path)], ""));
        let doc: Value = serde_json::from_str(&library_json(text, &newslens::Options::default())).expect("json");
        let spans = doc["spans"].as_array().expect("spans");
        assert_eq!(rows.len(), spans.len());
        let units: Vec<u16> = text.encode_utf16().collect();
        for (row, span) in rows.iter().zip(spans) {
            assert_eq!(row["doc"], path_str(&path));
            for key in ["layer", "label", "start", "end"] {
                assert_eq!(row[key], span[key]);
            }
            assert_eq!(row["attrs"], span.get("attrs").cloned().unwrap_or_else(|| serde_json::json!({})));
            let (a, b) = (span["start"].as_u64().expect("start") as usize, span["end"].as_u64().expect("end") as usize);
            assert_eq!(row["text"], String::from_utf16(&units[a..b]).expect("text"));
        }
    }
    // From JSON Lines: the doc is the input's id as written, else the line number.
    let input = "{\"id\":\"x-1\",\"text\":\"One. Two.\"}\n{\"text\":\"Three.\"}\n{\"id\":12,\"text\":\"Four.\"}\n";
    let rows = span_rows(&ok(&["--jsonl", "--format", "spans", "--layers", "sentence", "-"], input));
    let docs: Vec<&Value> = rows.iter().map(|r| &r["doc"]).collect();
    assert_eq!(docs, [&Value::from("x-1"), &Value::from("x-1"), &Value::from(2), &Value::from(12)]);
    // A bad line is reported on stderr, and the rows go on.
    let (out, err) = fails(1, &["--jsonl", "--format", "spans", "--layers", "sentence", "-"], "nope\n{\"text\":\"Five.\"}\n");
    assert_eq!(span_rows(&out).len(), 1);
    assert!(err.contains("line 1: not a JSON object"), "{err}");
}

/// `text` with escape sequences and the label chips taken out.
fn plain(out: &str) -> String {
    let mut plain = String::new();
    let mut chars = out.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|&d| d == 'm');
        } else {
            plain.push(c);
        }
    }
    for label in newslens::Label::ALL {
        plain = plain.replace(&format!("[{}]", label.name()), "");
    }
    plain
}

#[test]
fn text_format_colours_only_when_asked_or_on_a_terminal() {
    let coloured = ok(&["--format", "ansi", "--color", "always", "-"], TEXT);
    assert!(coloured.contains("\x1b["));
    assert_eq!(plain(&coloured).trim_end_matches('\n'), TEXT);
    // A pipe gets no escapes, but the labels still.
    let piped = ok(&["--format", "text", "-"], TEXT);
    assert!(!piped.contains('\x1b'));
    assert!(piped.contains("Smith[PERSON]"), "{piped}");
    assert_eq!(plain(&piped).trim_end_matches('\n'), TEXT);
    assert!(!ok(&["--format", "text", "--color", "never", "-"], TEXT).contains('\x1b'));
}

/// Runs `newslens ARGS FILE` on a pseudo-terminal (util-linux `script`).
fn on_terminal(args: &str, file: &Path, no_color: Option<&str>) -> String {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &format!("{} {args} {}", env!("CARGO_BIN_EXE_newslens"), path_str(file)), "/dev/null"]);
    cmd.env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.stdin(Stdio::null()).output().expect("script (util-linux) runs a command on a terminal");
    assert!(out.status.success(), "{:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_is_set() {
    let file = temp_file("terminal", "t.txt", TEXT);
    let shown = on_terminal("--format text", &file, None);
    assert!(shown.contains("\x1b[1;32mBaghdad"), "{shown:?}");
    assert!(!on_terminal("--format text", &file, Some("1")).contains('\x1b'));
    // An empty NO_COLOR does not count (no-color.org).
    assert!(on_terminal("--format text", &file, Some("")).contains("\x1b[1;32mBaghdad"));
    assert!(!on_terminal("--format text --color never", &file, None).contains('\x1b'));
}

#[test]
fn a_closed_output_stops_the_run_quietly() {
    let texts = articles();
    let input: String = (0..3000).map(|i| format!("{{\"text\":{}}}\n", serde_json::to_string(&texts[i % texts.len()]).expect("json"))).collect();
    let mut child = bin().args(["--jsonl", "--jobs", "2", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || drop(stdin.write_all(input.as_bytes())));
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
