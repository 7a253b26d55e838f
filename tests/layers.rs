//! The layer check: no module of `src/` imports a module that runs after it
//! or sits above it, so the crate's modules form no import circle.
//!
//! The order is [`LAYERS`], lowest first; it is the order in
//! `docs/ARCHITECTURE.md`. A module may name only modules at or below its own
//! place. Every `crate::...` path in a file's code counts, whether in a `use`
//! or inline, and so do paths through the crate root's re-exports
//! (`crate::Label` is `doc`'s). Comments, string literals and `#[cfg(test)]`
//! code do not count: a layer's tests may run the layers below and above it.
//!
//! When this fails, move the shared type down (into `doc`, `text` or
//! `context`) rather than moving the module up.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The crate's top-level modules, lowest first. `lib` is the crate root's
/// own items (`annotate`, `MAX_INPUT_BYTES`, ...), which run the pipeline.
const LAYERS: &[&str] = &[
    "hash", "sort", "error", "doc", "options", "text", "context", "entities", "quotes", "coref", "hedges", "pipeline", "lib",
    "wire", "internals", "wasm",
];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|&l| l == layer)
}

/// The file's code without comments, string and char literals, and
/// `#[cfg(test)]` items.
fn code(src: &str) -> String {
    without_test_items(&strip(src))
}

/// Drops each `#[cfg(test)]` item: up to its `;` (`mod tests;`) or its
/// braces (`mod tests { ... }`). Runs after [`strip`], so braces in strings
/// and comments are gone.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let item = &rest[i..];
        let semi = item.find(';').unwrap_or(item.len());
        let open = item.find('{').unwrap_or(item.len());
        let end = if semi < open {
            semi + 1
        } else {
            let mut depth = 0usize;
            let mut end = item.len();
            for (j, c) in item.char_indices().skip(open) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = j + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            end
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The code without comments, string literals and char literals.
fn strip(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i = src[i + 2..].find("*/").map_or(b.len(), |j| i + 2 + j + 2);
        } else if b[i] == b'r' && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#')) && (i == 0 || !is_ident(b[i - 1])) {
            // A raw string: r"...", r#"..."#.
            let mut j = i + 1;
            while b.get(j) == Some(&b'#') {
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(j - i - 1));
            i = src[j + 1..].find(&close).map_or(b.len(), |k| j + 1 + k + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && is_char_literal(&b[i..]) {
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            let ch = src[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `'x'` or `'\n'`, not a lifetime (`'a`).
fn is_char_literal(b: &[u8]) -> bool {
    match b.get(1) {
        Some(b'\\') => true,
        Some(_) => {
            let s = std::str::from_utf8(&b[1..b.len().min(6)]).unwrap_or("");
            s.chars().nth(1) == Some('\'') || s.char_indices().nth(1).is_some_and(|(i, _)| s[i..].starts_with('\''))
        }
        None => false,
    }
}

/// The top-level module a file belongs to: `src/quotes/cues.rs` -> quotes,
/// `src/doc.rs` -> doc, `src/lib.rs` -> lib.
fn layer_of(src_dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src_dir).unwrap_or(file);
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.strip_suffix(".rs").map(str::to_owned).unwrap_or(first)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "bin") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") && p.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(p);
        }
    }
}

/// The names the crate root re-exports, and the module each comes from
/// (`pub use doc::{Document, Label}` -> Document: doc, Label: doc).
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(rest) = stmt.strip_prefix("pub use ") else { continue };
        let rest = rest.strip_prefix("crate::").unwrap_or(rest);
        let Some((module, items)) = rest.split_once("::") else { continue };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = item.split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

/// The layers a file's code names through `crate::`: `use crate::doc::X`,
/// `use crate::{doc::X, text}`, `crate::text::segment(...)`.
fn named_layers(code: &str, modules: &[String], reexports: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = code[at..].find("crate::") {
        let start = at + i;
        at = start + "crate::".len();
        if start > 0 && is_ident(code.as_bytes()[start - 1]) {
            continue;
        }
        let rest = &code[at..];
        let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b, c::{Y, Z}}`: the first segment of each item at depth 0.
            let mut depth = 0;
            let mut items = Vec::new();
            let mut item_start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        items.push(&group[item_start..j]);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&group[item_start..j]);
                        item_start = j + 1;
                    }
                    _ => {}
                }
            }
            items.into_iter().map(|s| s.trim().split("::").next().unwrap_or("").trim()).collect()
        } else {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            vec![&rest[..end]]
        };
        for name in names {
            if name.is_empty() || name == "self" {
                continue;
            }
            let layer = if modules.iter().any(|m| m == name) {
                name.to_owned()
            } else if let Some(m) = reexports.get(name) {
                m.clone()
            } else {
                "lib".to_owned()
            };
            found.push(layer);
        }
    }
    found
}

/// Every (file, layer it names) pair of `src/`.
fn imports(src_dir: &Path) -> Vec<(String, String, String)> {
    let lib = fs::read_to_string(src_dir.join("lib.rs")).expect("src/lib.rs");
    let reexports = root_reexports(&code(&lib));
    let mut files = Vec::new();
    rust_files(src_dir, &mut files);
    let modules: Vec<String> = files.iter().map(|f| layer_of(src_dir, f)).filter(|m| m != "lib").collect();
    let mut out = Vec::new();
    for f in &files {
        let src = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let from = layer_of(src_dir, f);
        let rel = f.strip_prefix(src_dir).unwrap_or(f).display().to_string();
        for to in named_layers(&code(&src), &modules, &reexports) {
            out.push((rel.clone(), from.clone(), to));
        }
    }
    out
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_has_a_place_in_the_order() {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let missing: Vec<String> = files.iter().map(|f| layer_of(&src_dir(), f)).filter(|l| rank(l).is_none()).collect();
    assert!(missing.is_empty(), "modules missing from LAYERS in tests/layers.rs (and from docs/ARCHITECTURE.md): {missing:?}");
}

#[test]
fn no_layer_imports_a_higher_one() {
    let mut wrong = Vec::new();
    for (file, from, to) in imports(&src_dir()) {
        if let (Some(a), Some(b)) = (rank(&from), rank(&to))
            && b > a
        {
            wrong.push(format!("src/{file} ({from}) imports {to}, which is above it"));
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "layer order {LAYERS:?} broken:\n{}", wrong.join("\n"));
}

/// The check sees through the root's re-exports and `use crate::{...}`
/// groups, and not into comments and strings: a check that missed them
/// would pass on the circles it is there to catch.
#[test]
fn the_check_reads_imports_as_rustc_does() {
    let modules: Vec<String> = ["doc", "text", "coref", "wire"].iter().map(|s| s.to_string()).collect();
    let reexports = root_reexports(&code("pub use doc::{Document, Label};\npub use error::Error;"));
    let src = "use crate::{doc::Span, text};\n// crate::coref::X\nlet s = \"crate::wire\";\nfn f() -> crate::Label { crate::annotate() }\n#[cfg(test)]\nmod tests { use crate::coref; }\nuse crate::wire;";
    let got = named_layers(&code(src), &modules, &reexports);
    assert_eq!(got, ["doc", "text", "doc", "lib", "wire"]);
}
