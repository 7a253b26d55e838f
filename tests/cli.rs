//! The command line, driven as a user would: files, stdin, JSON Lines, ANSI,
//! and errors. The JSON it prints must equal the library's wire form.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
}

/// Runs the binary with `args` and `stdin`, returning its output.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newslens");
    // The binary may exit before reading stdin (a bad argument): a broken pipe is fine.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait")
}

/// Runs and expects success; panics with stdout and stderr otherwise.
fn ok(args: &[&str], stdin: &str) -> String {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "newslens {args:?} failed\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newslens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

const TEXT: &str = "“Go home,” Gen. Smith said in Baghdad 👍🏽. Iraq’s premier agreed.\n\nالعراق بلد. 北京很大。";

#[test]
fn json_output_equals_the_library_wire_form() {
    let path = temp_file("a.txt", TEXT);
    let printed: Value = serde_json::from_str(&ok(&[path.to_str().expect("path")], "")).expect("json");
    let doc = newslens::annotate(TEXT, &newslens::Options::default()).expect("annotate");
    let expected = serde_json::to_value(newslens::wire::to_wire(TEXT, &doc).expect("wire")).expect("value");
    assert_eq!(printed, expected);
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
    assert_eq!(
        sentences,
        ["“Go home,” Gen. Smith said in Baghdad 👍🏽.", "Iraq’s premier agreed.", "العراق بلد.", "北京很大。"]
    );
}

#[test]
fn stdin_and_layer_selection() {
    let out: Value = serde_json::from_str(&ok(&["--layers", "sentence", "-"], TEXT)).expect("json");
    let spans = out["spans"].as_array().expect("spans");
    assert_eq!(spans.len(), 4);
    assert!(spans.iter().all(|s| s["layer"] == "sentence"));
}

#[test]
fn jsonl_streams_one_document_per_line_and_passes_fields_through() {
    let input = "{\"id\":\"a\",\"text\":\"One. Two.\",\"src\":7}\n\n{\"id\":\"b\",\"text\":\"Three.\"}\n";
    let out = ok(&["--jsonl", "--layers", "sentence", "-"], input);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["src"], 7);
    assert_eq!(lines[0]["stats"]["sentences"], 2);
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["spans"].as_array().expect("spans").len(), 1);
}

#[test]
fn jsonl_reports_the_bad_line() {
    let out = run(&["--jsonl", "-"], "{\"text\":\"ok\"}\n{\"no_text\":1}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn ansi_prints_the_whole_text_with_escapes() {
    let out = ok(&["--format", "ansi", "-"], TEXT);
    assert!(out.contains("\x1b["));
    // Removing the escape sequences and the dim label chips gives the text back.
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
    assert_eq!(plain.trim_end_matches('\n'), TEXT);
}

#[test]
fn errors_are_clear_and_exit_two() {
    let out = run(&["/no/such/file.txt"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));

    let out = run(&["--layers", "nope", "-"], "x");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown layer"));

    let out = run(&["--format", "xml", "-"], "x");
    assert_eq!(out.status.code(), Some(2));
}
