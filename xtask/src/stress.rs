//! `cargo xtask stress`: time per MB and peak memory of the release CLI on
//! pathological texts, next to normal prose.
//!
//! People paste anything (a PDF's extracted soup, a log, a transcript), and
//! one step that compares every item with every other turns a megabyte into
//! minutes. Each pattern below is a text a real paste can look like, or a
//! shape that has made some step of the pipeline super-linear. The table
//! shows, per pattern, the time per MB at 256 KB, 1 MB and 4 MB (linear
//! time keeps the three equal; the target is no row above 1.5x its own
//! 256 KB figure) and the peak memory at 4 MB and 32 MB as a multiple of the
//! input (targets: 10x on prose, 20x on the rest).
//!
//! Both are measured on the release CLI run as a child process
//! (`target/release/newslens FILE > /dev/null`, JSON written in full), so
//! they are what a user of the CLI sees: time is the child's CPU time (user
//! plus system, from `wait4`; wall time on a machine shared by several
//! jobs varied fourfold from run to run), the least of a few runs at the
//! small sizes; memory is its maximum resident set size, which includes the
//! binary and its tables (an empty input gives that floor). The texts are
//! written by a child of their own (`cargo xtask stress-gen`): Linux
//! counts the parent's peak resident set at the time of the spawn into the
//! child's (the child shares the parent's memory until its `exec`), so the
//! process that measures never holds a large text.
//!
//!   cargo xtask stress [--cli PATH] [--out FILE] [--timeout SECONDS] [--only NAME,...]
//!                      [--quick (256 KB and 1 MB; 4 MB for memory)] [--time-only] [--label TEXT]
//!
//! writes `docs/figures/stress.md` (or `--out`) and prints the same table.
//! `--cli` measures another build (e.g. the `main` branch's, for a before
//! figure), which `--label` names in the header. A run over the timeout
//! is killed and shown as `>` the timeout; larger sizes of that pattern are
//! then skipped.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KB: usize = 1000;
const MB: usize = 1_000_000;
const TIME_SIZES: [usize; 3] = [256 * KB, MB, 4 * MB];
const MEMORY_SIZES: [usize; 2] = [4 * MB, 32 * MB];

/// One stress pattern: a name, and a generator of about `n` bytes.
struct Pattern {
    name: &'static str,
    make: fn(&Corpus, usize) -> String,
    /// Normal text: its memory target is 10x, not 20x.
    prose: bool,
}

/// The normal prose the other patterns stand next to: the bench corpus
/// (`out/bench/20mb.txt`, made by `node benches/corpus.mjs`).
struct Corpus {
    prose: String,
}

/// `unit` repeated to `n` bytes (whole units).
fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n.div_ceil(unit.len()).max(1))
}

/// The corpus cycled to at least `n` bytes, cut at the first line end past it.
fn prose_of(c: &Corpus, n: usize) -> String {
    let mut s = String::with_capacity(n + 4096);
    while s.len() < n {
        let need = n - s.len();
        let cut = c.prose.get(need..).and_then(|rest| rest.find('\n')).map_or(c.prose.len(), |i| need + i + 1);
        s.push_str(&c.prose[..cut]);
    }
    s
}

/// Prose with its punctuation (and line breaks) stripped: one huge sentence.
fn unpunctuated(c: &Corpus, n: usize) -> String {
    let mut s: String = prose_of(c, n + n / 8)
        .chars()
        .filter_map(|ch| if ch.is_alphanumeric() { Some(ch) } else if ch.is_whitespace() { Some(' ') } else { None })
        .collect();
    s.truncate(s.char_indices().nth(n).map_or(s.len(), |(i, _)| i).min(s.len()));
    s
}

/// Prose on one line: every line break a space.
fn one_line(c: &Corpus, n: usize) -> String {
    prose_of(c, n).replace('\n', " ")
}

/// Pronounceable capitalised words from a counter, all distinct.
fn name_of(mut k: usize, out: &mut String) {
    const C: &[u8] = b"bdfgklmnprstvz";
    const V: &[u8] = b"aeiou";
    let start = out.len();
    loop {
        out.push(C[k % C.len()] as char);
        k /= C.len();
        out.push(V[k % V.len()] as char);
        k /= V.len();
        if k == 0 {
            break;
        }
    }
    if let Some(first) = out.get(start..start + 1).map(str::to_ascii_uppercase) {
        out.replace_range(start..start + 1, &first);
    }
}

/// Distinct two-word names in simple sentences, no name repeated.
fn distinct_names(_: &Corpus, n: usize) -> String {
    let mut s = String::with_capacity(n + 64);
    let mut k = 0;
    while s.len() < n {
        name_of(2 * k + 7, &mut s);
        s.push(' ');
        name_of(2 * k + 8, &mut s);
        s.push_str(if k % 2 == 0 { " met " } else { " said. " });
        k += 1;
    }
    s
}

/// `(` nested to half the size, then closed.
fn nested(_: &Corpus, n: usize) -> String {
    let half = n / 2;
    let mut s = "(".repeat(half);
    s.push_str(&")".repeat(half));
    s
}

/// Every pattern, prose first.
const PATTERNS: &[Pattern] = &[
    Pattern { name: "prose (bench corpus)", make: prose_of, prose: true },
    Pattern { name: "`he said. she said. `", make: |_, n| repeat("he said. she said. ", n), prose: false },
    Pattern { name: "`Mr. `", make: |_, n| repeat("Mr. ", n), prose: false },
    Pattern { name: "`\"He said `", make: |_, n| repeat("\"He said ", n), prose: false },
    Pattern { name: "`U.S. `", make: |_, n| repeat("U.S. ", n), prose: false },
    Pattern { name: "prose, punctuation stripped", make: unpunctuated, prose: false },
    Pattern { name: "prose on a single line", make: one_line, prose: false },
    Pattern { name: "one token (`abcdefghij`, no space)", make: |_, n| repeat("abcdefghij", n), prose: false },
    Pattern { name: "quote marks `\"`", make: |_, n| repeat("\"", n), prose: false },
    Pattern { name: "curly quotes `“a” `", make: |_, n| repeat("“a” ", n), prose: false },
    Pattern { name: "nested brackets `((…))`", make: nested, prose: false },
    Pattern { name: "combining marks `a\u{301}\u{301}…`", make: |_, n| format!("a{}", repeat("\u{301}", n)), prose: false },
    Pattern { name: "distinct names", make: distinct_names, prose: false },
    Pattern { name: "commas `,`", make: |_, n| repeat(",", n), prose: false },
    Pattern { name: "`said `", make: |_, n| repeat("said ", n), prose: false },
    Pattern { name: "`according to him, `", make: |_, n| repeat("according to him, ", n), prose: false },
    Pattern { name: "`John Smith `", make: |_, n| repeat("John Smith ", n), prose: false },
    Pattern { name: "`one hundred and `", make: |_, n| repeat("one hundred and ", n), prose: false },
    Pattern { name: "`1,000 `", make: |_, n| repeat("1,000 ", n), prose: false },
    Pattern { name: "`the Mr Smith `", make: |_, n| repeat("the Mr Smith ", n), prose: false },
    Pattern { name: "`the American people `", make: |_, n| repeat("the American people ", n), prose: false },
    Pattern { name: "`Bank (AB) `", make: |_, n| repeat("Bank (AB) ", n), prose: false },
    Pattern { name: "`Bureau in Iraq `", make: |_, n| repeat("Bureau in Iraq ", n), prose: false },
    Pattern { name: "blank lines `\\n`", make: |_, n| repeat("\n", n), prose: false },
    Pattern { name: "HTML `<p class=\"x\">a</p>`", make: |_, n| repeat("<p class=\"x\">a</p>", n), prose: false },
    Pattern { name: "CJK `日本語の文章`", make: |_, n| repeat("日本語の文章", n), prose: false },
];

/// One run of the CLI: its CPU time (user plus system) and peak RSS in
/// bytes, or `None` after a timeout in wall time (the child is killed).
fn run_cli(cli: &Path, file: &Path, timeout: Duration) -> Result<Option<(Duration, usize)>, String> {
    let t0 = Instant::now();
    let child = Command::new(cli)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", cli.display()))?;
    let pid = child.id() as libc::pid_t;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is plain data; wait4 writes it and `status`.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waiting on our own child with valid out-pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
            let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
            if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
                return Err(format!("{} {} failed: status {status}", cli.display(), file.display()));
            }
            // ru_maxrss is in KiB on Linux.
            return Ok(Some((cpu, usage.ru_maxrss as usize * 1024)));
        }
        if r < 0 {
            return Err(format!("wait4: {}", std::io::Error::last_os_error()));
        }
        if t0.elapsed() > timeout {
            // SAFETY: signalling and reaping our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return Ok(None);
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

struct Options {
    cli: PathBuf,
    out: PathBuf,
    timeout: Duration,
    only: Vec<String>,
    quick: bool,
    time_only: bool,
    /// What `--cli` is, for the header (default: the repository's HEAD).
    label: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let root = crate::repo_root();
    let mut o = Options {
        cli: root.join("target/release/newslens"),
        out: root.join("docs/figures/stress.md"),
        timeout: Duration::from_secs(60),
        only: Vec::new(),
        quick: false,
        time_only: false,
        label: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--cli" => o.cli = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--timeout" => o.timeout = Duration::from_secs_f64(value()?.parse().map_err(|e| format!("--timeout: {e}"))?),
            "--only" => o.only = value()?.split(',').map(str::to_string).collect(),
            "--quick" => o.quick = true,
            "--time-only" => o.time_only = true,
            "--label" => o.label = Some(value()?),
            _ => return Err(format!("unknown argument {a:?}")),
        }
    }
    Ok(o)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|s| s.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").map(|s| s.trim().to_string()).unwrap_or_default();
    format!("{cpu}, {cores} cores, host {host}, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}

fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn cli_version(cli: &Path) -> String {
    let head = Command::new("git").args(["rev-parse", "--short", "HEAD"]).output().ok();
    let head = head.and_then(|o| String::from_utf8(o.stdout).ok()).map(|s| s.trim().to_string()).unwrap_or_default();
    format!("`{}` (repository HEAD {head})", cli.file_name().and_then(|s| s.to_str()).unwrap_or("cli"))
}

/// The prose corpus the patterns are made from.
fn corpus() -> Result<Corpus, String> {
    let corpus_file = crate::repo_root().join("out/bench/20mb.txt");
    if !corpus_file.exists() {
        return Err(format!("{} missing: make it with `node benches/corpus.mjs`", corpus_file.display()));
    }
    Ok(Corpus { prose: std::fs::read_to_string(&corpus_file).map_err(|e| e.to_string())? })
}

/// `cargo xtask stress-gen INDEX BYTES FILE`: writes pattern INDEX at BYTES
/// to FILE and prints its length.
pub fn generate(args: &[String]) -> Result<(), String> {
    let [index, bytes, file] = args else { return Err("usage: stress-gen INDEX BYTES FILE".into()) };
    let p = index.parse::<usize>().ok().and_then(|i| PATTERNS.get(i)).ok_or("no such pattern")?;
    let n: usize = bytes.parse().map_err(|e| format!("{e}"))?;
    let text = (p.make)(&corpus()?, n);
    std::fs::write(file, &text).map_err(|e| format!("{file}: {e}"))?;
    println!("{}", text.len());
    Ok(())
}

/// Makes pattern `index` at `n` bytes in `file` through a child process;
/// returns its length in bytes.
fn make_file(index: usize, n: usize, file: &Path) -> Result<usize, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(["stress-gen", &index.to_string(), &n.to_string()])
        .arg(file)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("stress-gen {index} {n} failed"));
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().map_err(|e| format!("stress-gen output: {e}"))
}

/// Runs the benchmark.
pub fn run(args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    if !o.cli.exists() {
        return Err(format!("{} missing: build it with `cargo build --release --bin newslens`", o.cli.display()));
    }
    let root = crate::repo_root();
    if !root.join("out/bench/20mb.txt").exists() {
        return Err("out/bench/20mb.txt missing: make it with `node benches/corpus.mjs`".into());
    }
    let dir = root.join("out/stress");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(format!("input-{}.txt", std::process::id()));
    let write = |text: &str| std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()));

    // The floor: the binary and its tables on an empty input.
    write("")?;
    let floor = run_cli(&o.cli, &file, o.timeout)?.map_or(0, |(_, rss)| rss);

    let time_sizes: &[usize] = if o.quick { &TIME_SIZES[..2] } else { &TIME_SIZES };
    let memory_sizes: &[usize] = if o.time_only {
        &[]
    } else if o.quick {
        &MEMORY_SIZES[..1]
    } else {
        &MEMORY_SIZES
    };
    let secs = o.timeout.as_secs_f64();
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| pattern | s/MB at 256 KB | s/MB at 1 MB | s/MB at 4 MB | worst / 256 KB | peak RSS at 4 MB | peak RSS at 32 MB |"
    );
    let _ = writeln!(table, "|---|---:|---:|---:|---:|---:|---:|");
    let mut failures = Vec::new();
    for (index, p) in PATTERNS.iter().enumerate() {
        if !o.only.is_empty() && !o.only.iter().any(|n| p.name.contains(n.as_str())) {
            continue;
        }
        let mut cells = Vec::new();
        let mut per_mb = Vec::new();
        let mut timed_out = false;
        for &n in time_sizes {
            if timed_out {
                cells.push("skipped".to_string());
                continue;
            }
            let mb = make_file(index, n, &file)? as f64 / MB as f64;
            let tries = if n <= 256 * KB { 5 } else if n <= MB { 3 } else { 1 };
            let mut best: Option<Duration> = None;
            for _ in 0..tries {
                match run_cli(&o.cli, &file, o.timeout)? {
                    Some((t, _)) => best = Some(best.map_or(t, |b| b.min(t))),
                    None => {
                        best = None;
                        break;
                    }
                }
            }
            match best {
                Some(t) => {
                    let v = t.as_secs_f64() / mb;
                    per_mb.push(v);
                    cells.push(format!("{v:.3}"));
                }
                None => {
                    timed_out = true;
                    cells.push(format!("> {:.0}", secs / mb));
                }
            }
        }
        while cells.len() < TIME_SIZES.len() {
            cells.push("–".into());
        }
        let ratio = match (per_mb.first(), timed_out) {
            (_, true) => {
                failures.push(format!("{}: over the {secs:.0} s timeout", p.name));
                "timeout".to_string()
            }
            (Some(&first), false) => {
                let worst = per_mb.iter().cloned().fold(0.0, f64::max) / first;
                if worst > 1.5 {
                    failures.push(format!("{}: time per MB grows {worst:.2}x", p.name));
                }
                format!("{worst:.2}x")
            }
            _ => "–".into(),
        };
        cells.push(ratio);
        for &n in memory_sizes {
            if timed_out {
                cells.push("skipped".into());
                continue;
            }
            let len = make_file(index, n, &file)?;
            match run_cli(&o.cli, &file, o.timeout.max(Duration::from_secs(60)))? {
                Some((_, rss)) => {
                    let x = rss as f64 / len as f64;
                    let limit = if p.prose { 10.0 } else { 20.0 };
                    if x > limit {
                        failures.push(format!("{}: {x:.1}x the input at {} MB", p.name, len / MB));
                    }
                    cells.push(format!("{x:.1}x ({} MB)", rss / MB));
                }
                None => {
                    timed_out = true;
                    failures.push(format!("{}: over the timeout at {} MB", p.name, len / MB));
                    cells.push("timeout".into());
                }
            }
        }
        while cells.len() < TIME_SIZES.len() + 1 + MEMORY_SIZES.len() {
            cells.push("–".into());
        }
        let line = format!("| {} | {} |", p.name, cells.join(" | "));
        println!("{line}");
        let _ = writeln!(table, "{line}");
    }
    let _ = std::fs::remove_file(&file);

    let mut doc = String::new();
    let _ = writeln!(doc, "# Stress: time per MB and peak memory on pathological texts\n");
    let _ = writeln!(doc, "Written by `cargo xtask stress` (`xtask/src/stress.rs`, which says how each figure is taken); do not edit.\n");
    let _ = writeln!(doc, "- date: {}", now_utc());
    let _ = writeln!(doc, "- machine: {}", machine());
    let what = o.label.clone().unwrap_or_else(|| cli_version(&o.cli));
    let _ = writeln!(doc, "- measured: {what}, run as a child on each file, JSON to /dev/null");
    let _ = writeln!(
        doc,
        "- time: CPU time (user + system) of the child (least of 5 runs at 256 KB, 3 at 1 MB, 1 at 4 MB), per MB of input; timeout {secs:.0} s of wall time"
    );
    let _ = writeln!(
        doc,
        "- memory: the child's peak resident set (`wait4` ru_maxrss) as a multiple of the input; an empty input peaks at {:.1} MB\n",
        floor as f64 / MB as f64
    );
    doc.push_str(&table);
    let _ = writeln!(doc);
    if failures.is_empty() {
        let _ = writeln!(doc, "Every row within its targets (time per MB at most 1.5x its 256 KB figure; peak memory at most 10x on prose, 20x elsewhere).");
    } else {
        let _ = writeln!(doc, "Over target:\n");
        for f in &failures {
            let _ = writeln!(doc, "- {f}");
        }
    }
    if let Some(parent) = o.out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&o.out, &doc).map_err(|e| format!("{}: {e}", o.out.display()))?;
    println!("\n{doc}");
    println!("written to {}", o.out.display());
    Ok(())
}
