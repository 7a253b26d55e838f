//! The TypeScript declaration of the wire format (`src/wire.d.ts`, which
//! `src/wasm.rs` puts into the npm package's `.d.ts`) against the Rust side:
//! its `Layer` and `Label` unions hold exactly the enums' wire names, each
//! span type's labels are declared, and real output (the CLI's JSON, the
//! same wire format as the wasm API) type-checks against its `Document`,
//! attrs and summaries included, with no undeclared field.
//!
//! The checker reads only the subset of TypeScript the file uses: type
//! aliases on one line, interfaces with one field per line, unions, string
//! literals, `T[]`, `Record`/`Partial`, and the JSON primitives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use newslens::{Label, Layer};
use serde_json::Value;

const TS: &str = include_str!("../src/wire.d.ts");

/// The declaration, parsed: type aliases and interfaces by name.
struct Decl {
    aliases: BTreeMap<String, String>,
    /// Fields by name: (optional, type), the `extends` base's included.
    interfaces: BTreeMap<String, BTreeMap<String, (bool, String)>>,
}

fn parse() -> Decl {
    let mut aliases = BTreeMap::new();
    let mut interfaces: BTreeMap<String, BTreeMap<String, (bool, String)>> = BTreeMap::new();
    let mut current: Option<(String, BTreeMap<String, (bool, String)>)> = None;
    let mut depth = 0;
    for line in TS.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with("/**") || line.starts_with('*') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("export type ") {
            let (name, ty) = rest.split_once(" = ").expect("type alias on one line");
            aliases.insert(name.to_string(), ty.trim_end_matches(';').to_string());
        } else if let Some(rest) = line.strip_prefix("export interface ") {
            let head = rest.trim_end_matches('{').trim();
            let (name, base) = match head.split_once(" extends ") {
                Some((n, b)) => (n, Some(b)),
                None => (head, None),
            };
            let fields = base.map(|b| interfaces.get(b).expect("base declared first").clone()).unwrap_or_default();
            current = Some((name.to_string(), fields));
            depth = 1;
        } else if let Some((name, fields)) = current.as_mut() {
            if line == "}" && depth == 1 {
                interfaces.insert(std::mem::take(name), std::mem::take(fields));
                current = None;
                continue;
            }
            if depth == 1 {
                let (key, ty) = line.split_once(": ").unwrap_or_else(|| panic!("field on one line: {line}"));
                let (key, optional) = match key.strip_suffix('?') {
                    Some(k) => (k, true),
                    None => (key, false),
                };
                fields.insert(key.to_string(), (optional, ty.trim_end_matches(';').to_string()));
            }
            depth += line.matches('{').count();
            depth -= line.matches('}').count();
        }
    }
    assert!(current.is_none(), "an interface is not closed");
    Decl { aliases, interfaces }
}

/// Splits `ty` at the `|`s outside brackets.
fn union_members(ty: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in ty.char_indices() {
        match c {
            '<' | '{' | '(' => depth += 1,
            '>' | '}' | ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(ty[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(ty[start..].trim());
    out
}

impl Decl {
    /// The string literals a union of literals and aliases stands for.
    fn literals(&self, ty: &str) -> BTreeSet<String> {
        union_members(ty)
            .into_iter()
            .flat_map(|m| match m.strip_prefix('"').and_then(|m| m.strip_suffix('"')) {
                Some(lit) => BTreeSet::from([lit.to_string()]),
                None => self.literals(self.aliases.get(m).unwrap_or_else(|| panic!("`{m}` is not a union of strings"))),
            })
            .collect()
    }

    /// Why `value` is not of type `ty`, if it is not.
    fn check(&self, value: &Value, ty: &str, at: &str) -> Result<(), String> {
        let members = union_members(ty);
        if members.len() > 1 {
            let errors: Vec<String> = members.iter().filter_map(|m| self.check(value, m, at).err()).collect();
            return if errors.len() < members.len() { Ok(()) } else { Err(format!("{at}: {value} is none of {ty}: {}", errors.join("; "))) };
        }
        let ty = ty.trim();
        let fail = || Err(format!("{at}: {value} is not {ty}"));
        if let Some(lit) = ty.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            return if value.as_str() == Some(lit) { Ok(()) } else { fail() };
        }
        if let Some(item) = ty.strip_suffix("[]") {
            let Value::Array(items) = value else { return fail() };
            return items.iter().enumerate().try_for_each(|(i, v)| self.check(v, item, &format!("{at}[{i}]")));
        }
        let record = ty.strip_prefix("Partial<").and_then(|t| t.strip_suffix('>')).unwrap_or(ty);
        if let Some(args) = record.strip_prefix("Record<").and_then(|t| t.strip_suffix('>')) {
            let (key, val) = args.split_once(", ").expect("Record<K, V>");
            let Value::Object(map) = value else { return fail() };
            for (k, v) in map {
                if key != "string" && !self.literals(key).contains(k) {
                    return Err(format!("{at}: key {k:?} is not a {key}"));
                }
                self.check(v, val, &format!("{at}.{k}"))?;
            }
            return Ok(());
        }
        let ok = match ty {
            "number" => value.is_number(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => {
                if let Some(alias) = self.aliases.get(ty) {
                    return self.check(value, alias, at);
                }
                let fields = self.interfaces.get(ty).unwrap_or_else(|| panic!("`{ty}` is not declared"));
                let Value::Object(map) = value else { return fail() };
                for (key, (optional, fty)) in fields {
                    match map.get(key) {
                        Some(v) => self.check(v, fty, &format!("{at}.{key}"))?,
                        None if *optional => {}
                        None => return Err(format!("{at}: {ty}'s `{key}` is missing")),
                    }
                }
                if let Some(extra) = map.keys().find(|k| !fields.contains_key(*k)) {
                    return Err(format!("{at}: `{extra}` is not a field of {ty}"));
                }
                true
            }
        };
        if ok { Ok(()) } else { fail() }
    }

    /// The span interfaces of the `Span` union by their `layer` literal.
    fn span_types(&self) -> BTreeMap<String, &BTreeMap<String, (bool, String)>> {
        let mut out = BTreeMap::new();
        for name in union_members(&self.aliases["Span"]) {
            let fields = &self.interfaces[name];
            let layer = self.literals(&fields["layer"].1);
            assert_eq!(layer.len(), 1, "{name} has one layer");
            let layer = layer.into_iter().next().unwrap_or_default();
            assert!(out.insert(layer.clone(), fields).is_none(), "two span types for layer {layer}");
        }
        out
    }
}

#[test]
fn layers_are_the_enums_wire_names_in_order() {
    let decl = parse();
    let declared: Vec<&str> = union_members(&decl.aliases["Layer"]).into_iter().map(|m| m.trim_matches('"')).collect();
    let rust: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(declared, rust);
    let spans: Vec<String> = decl.span_types().into_keys().collect();
    let mut rust: Vec<String> = rust.iter().map(|s| s.to_string()).collect();
    rust.sort();
    assert_eq!(spans, rust, "one span type per layer");
}

#[test]
fn labels_are_the_enums_wire_names() {
    let decl = parse();
    let declared = decl.literals("Label");
    let rust: BTreeSet<String> = Label::ALL.iter().map(|l| l.name().to_string()).collect();
    assert_eq!(declared, rust);
    // Every label belongs to some layer's span type, and those are all labels.
    let by_layer: BTreeSet<String> = decl.span_types().values().flat_map(|f| decl.literals(&f["label"].1)).collect();
    assert_eq!(by_layer, rust);
}

/// Texts that reach every layer and most attrs: the reference article, the
/// wire-style test set, the tokenizer's torture text and the quote gold's texts.
fn corpus() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut texts = vec![read("tests/ner/wire.txt"), read("tests/fixtures/torture.txt"), read("tests/coref/gold.txt")];
    for gold in ["tests/quotes/gold.jsonl", "tests/quotes/heldout.jsonl"] {
        let lines: Vec<String> = read(gold)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok()?.get("text")?.as_str().map(str::to_string))
            .collect();
        assert!(!lines.is_empty(), "{gold} has texts");
        texts.push(lines.join("\n\n"));
    }
    // Dates, times, money, ranges and scores, for the numeric attrs.
    texts.push(
        "On Monday, March 3, 2024, at 9:30 a.m. EST, the company said revenue rose 4.5 percent to $1.2 billion \
         in the first quarter, about 10 to 12 times the 1990s level. The 17th-century house, 50 miles away, \
         sold last week for 3 million euros. Smith, 45, scored in the 89th minute as City won 2-1 on Christmas \
         Day; by the summer of 2025 he said he might retire."
            .to_string(),
    );
    texts
}

/// The CLI's JSON for `text` (the wire format the wasm API returns too).
fn annotate_json(text: &str, n: usize) -> Value {
    let path = std::env::temp_dir().join(format!("newslens-typescript-{}-{n}.txt", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    let out = Command::new(env!("CARGO_BIN_EXE_newslens")).arg(&path).output().expect("run the CLI");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn real_documents_type_check_against_the_declaration() {
    let decl = parse();
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (n, text) in corpus().iter().enumerate() {
        let doc = annotate_json(text, n);
        if let Err(e) = decl.check(&doc, "Document", &format!("text {n}")) {
            panic!("{}", &e[..e.len().min(2000)]);
        }
        for s in doc["spans"].as_array().into_iter().flatten() {
            for key in s.get("attrs").and_then(Value::as_object).into_iter().flat_map(|a| a.keys()) {
                seen.entry(s["layer"].as_str().unwrap_or_default().to_string()).or_default().insert(key.clone());
            }
        }
    }
    // The corpus reaches the layers with attrs, so the check above had
    // something to check (not a test that passes on empty output).
    for layer in ["entity", "quote", "source", "hedge", "mention"] {
        assert!(seen.get(layer).is_some_and(|k| !k.is_empty()), "no {layer} attrs in the corpus");
    }
}

#[test]
fn the_checker_rejects_what_the_declaration_does_not_allow() {
    let decl = parse();
    let span = |v: Value| decl.check(&v, "Span", "span");
    assert!(span(serde_json::json!({"id": 1, "layer": "entity", "label": "PERSON", "start": 0, "end": 3})).is_ok());
    assert!(span(serde_json::json!({"id": 1, "layer": "entity", "label": "PERSON", "start": 0, "end": 3, "attrs": {"year": 2024}})).is_ok());
    // A label of another layer, an undeclared attr, a wrongly typed attr, a missing field.
    assert!(span(serde_json::json!({"id": 1, "layer": "entity", "label": "word", "start": 0, "end": 3})).is_err());
    assert!(span(serde_json::json!({"id": 1, "layer": "entity", "label": "PERSON", "start": 0, "end": 3, "attrs": {"colour": "red"}})).is_err());
    assert!(span(serde_json::json!({"id": 1, "layer": "entity", "label": "PERSON", "start": 0, "end": 3, "attrs": {"year": "2024"}})).is_err());
    assert!(span(serde_json::json!({"id": 1, "layer": "cue", "label": "speech_verb", "start": 0})).is_err());
    assert!(span(serde_json::json!({"id": 1, "layer": "cue", "label": "speech_verb", "start": 0, "end": 1, "attrs": {}})).is_err());
}

#[test]
fn the_crate_docs_layer_table_agrees_with_the_declaration() {
    // src/lib.rs shows each layer's labels and attrs in a table; the labels
    // must be exactly the declared ones and every attr named a declared one.
    let decl = parse();
    let spans = decl.span_types();
    let lib = include_str!("../src/lib.rs");
    let ticked = |cell: &str| -> Vec<String> { cell.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    let mut layers = BTreeSet::new();
    for row in lib.lines().filter_map(|l| l.strip_prefix("//! | `")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let layer = cells[0].trim_end_matches('`');
        let fields = spans.get(layer).unwrap_or_else(|| panic!("the docs' layer `{layer}` is not declared"));
        let mut labels: BTreeSet<String> = ticked(cells[1]).into_iter().collect();
        if cells[1].contains("entity's label") {
            labels.extend(decl.literals("EntityLabel"));
        }
        assert_eq!(labels, decl.literals(&fields["label"].1), "the labels of `{layer}` in the crate docs");
        let attrs = fields.get("attrs").map(|(_, ty)| &decl.interfaces[ty.as_str()]);
        for attr in ticked(cells.get(2).copied().unwrap_or_default()) {
            assert!(attrs.is_some_and(|a| a.contains_key(&attr)), "`{attr}` is not an attr of `{layer}`");
        }
        layers.insert(layer.to_string());
    }
    assert_eq!(layers, spans.into_keys().collect(), "the crate docs show every layer");
}
