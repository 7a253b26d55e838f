//! The report of `eval-attribution`: the table printed and written into
//! `docs/figures/attribution.md` (with date, commit and machine), and the
//! JSON form.

use super::*;

pub(super) fn render(f: &Figures, split: &str) -> String {
    let mut s = String::new();
    let prf = |c: &Prf| format!("P {:.3}  R {:.3}  F1 {:.3}  (tp {}, pred {}, gold {})", c.p(), c.r(), c.f(), c.tp_gold, c.pred, c.gold);
    let _ = writeln!(s, "PolNeAR {split}: {} articles", f.docs);
    let _ = writeln!(s, "  direct quotes, overlap        {}", prf(&f.direct));
    let _ = writeln!(s, "  mixed quotes, overlap         {}", prf(&f.mixed));
    let _ = writeln!(s, "  direct speaker accuracy       {:.3}  ({} of {} matched with a gold source)", ratio(f.spk_ok, f.spk_n), f.spk_ok, f.spk_n);
    let _ = writeln!(s, "  direct quote+speaker recall   {:.3}  ({} of {})", ratio(f.e2e_ok, f.e2e_n), f.e2e_ok, f.e2e_n);
    let _ = writeln!(s, "  mixed quote+speaker recall    {:.3}  ({} of {})", ratio(f.mixed_spk_ok, f.mixed_spk_n), f.mixed_spk_ok, f.mixed_spk_n);
    let r = &f.reported;
    let _ = writeln!(
        s,
        "  reported speech (speech cue)  P {:.3}  R {:.3}  (pred {} of which {} match; gold {} of which {} found)",
        r.p(),
        r.r(),
        r.pred,
        r.tp,
        r.gold,
        r.tp_gold
    );
    let _ = writeln!(
        s,
        "  reported speech, found spans  char F1 {:.3}, whole span {:.3}",
        if r.tp_gold == 0 { 0.0 } else { f.reported_cf1 / r.tp_gold as f64 },
        ratio(f.reported_exact, r.tp_gold)
    );
    let _ = writeln!(s, "  source kind accuracy          {:.3}  ({} of {})", ratio(f.kind_ok, f.kind_n), f.kind_ok, f.kind_n);
    let conf: Vec<String> = f.kind_confusion.iter().map(|((g, p), n)| format!("{g}->{}: {n}", p.trim_start_matches("Some(").trim_end_matches(')'))).collect();
    let _ = writeln!(s, "    gold->pred: {}", conf.join(", "));
    let _ = writeln!(s, "  exact match, all attributions (CRF 50.6/53.4/28.6 F1, BERT-CofeNet 83.2/75.3/72.9):");
    let _ = writeln!(s, "    source   {}", prf(&f.exact_source));
    let _ = writeln!(s, "    cue      {}", prf(&f.exact_cue));
    let _ = writeln!(s, "    content  {}", prf(&f.exact_content));
    s
}

pub(super) fn to_json(f: &Figures, split: &str) -> String {
    let prf = |c: &Prf| serde_json::json!({"p": c.p(), "r": c.r(), "f1": c.f(), "tp": c.tp_gold, "pred": c.pred, "gold": c.gold});
    serde_json::json!({
        "split": split,
        "articles": f.docs,
        "direct": prf(&f.direct),
        "mixed": prf(&f.mixed),
        "direct_speaker_accuracy": ratio(f.spk_ok, f.spk_n),
        "direct_quote_speaker_recall": ratio(f.e2e_ok, f.e2e_n),
        "mixed_quote_speaker_recall": ratio(f.mixed_spk_ok, f.mixed_spk_n),
        "reported_speech": {
            "p": f.reported.p(),
            "r": f.reported.r(),
            "char_f1": if f.reported.tp_gold == 0 { 0.0 } else { f.reported_cf1 / f.reported.tp_gold as f64 },
            "whole_span": ratio(f.reported_exact, f.reported.tp_gold),
        },
        "source_kind_accuracy": ratio(f.kind_ok, f.kind_n),
        "exact": {
            "source": prf(&f.exact_source),
            "cue": prf(&f.exact_cue),
            "content": prf(&f.exact_content),
        },
    })
    .to_string()
}

/// Replaces this label and split's block in `docs/figures/attribution.md`.
pub(super) fn write_figures(label: &str, split: &str, table: &str) -> Result<(), String> {
    let dir = crate::repo_root().join("docs").join("figures");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("attribution.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let head = "# Attribution on PolNeAR\n\nWritten by `cargo xtask eval-attribution --polnear PATH --split SPLIT \
                [--label LABEL]`\n(see `docs/EVALUATION.md`); one block per label and split. Never edit by hand.\n";
    let begin = format!("<!-- begin {label} {split} -->");
    let end = format!("<!-- end {label} {split} -->");
    let block = format!(
        "{begin}\n## {label}, {split}\n\n{} UTC, commit {}, {}\n\n```text\n{table}```\n{end}\n",
        now_utc(),
        commit(),
        machine()
    );
    // Keep the other blocks, in order.
    let mut blocks: Vec<String> = Vec::new();
    let mut rest = old.as_str();
    while let Some(i) = rest.find("<!-- begin ") {
        let tail = &rest[i..];
        let Some(close) = tail.find(" -->") else { break };
        let key = &tail["<!-- begin ".len()..close];
        let stop = format!("<!-- end {key} -->");
        let Some(j) = tail.find(&stop) else { break };
        let b = &tail[..j + stop.len()];
        if b.starts_with(&begin) {
            blocks.push(String::new());
        } else {
            blocks.push(format!("{b}\n"));
        }
        rest = &tail[j + stop.len()..];
    }
    let mut placed = false;
    for b in &mut blocks {
        if b.is_empty() && !placed {
            *b = block.clone();
            placed = true;
        }
    }
    if !placed {
        blocks.push(block);
    }
    let body: Vec<&String> = blocks.iter().filter(|b| !b.is_empty()).collect();
    let mut out = head.to_string();
    for b in body {
        out.push('\n');
        out.push_str(b);
    }
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", rem / 3600, rem % 3600 / 60)
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(crate::repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split_once(':')).map(|(_, v)| v.trim().to_string()))
        .unwrap_or_else(|| "unknown cpu".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}
