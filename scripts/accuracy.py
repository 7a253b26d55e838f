#!/usr/bin/env python3
"""Measures every layer's accuracy and writes the figures where the documents cite them.

    make accuracy [POLNEAR=path/to/PolNeAR]

Runs each evaluation command (docs/EVALUATION.md says what each measures),
writes its output with the date and the machine to docs/figures/<name>.md,
and rewrites the README's accuracy table (between its `accuracy:begin` and
`accuracy:end` markers) from those files, so no figure in the README is typed
by hand. With POLNEAR set, `cargo xtask eval-attribution` runs on PolNeAR's
dev split first (it writes docs/figures/attribution.md itself); without it,
the table takes that file's last `current dev` block as it stands.
"""

import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"
README = ROOT / "README.md"


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def run(cmd):
    print("accuracy: " + " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return out


def write(name, command, body):
    FIGURES.mkdir(parents=True, exist_ok=True)
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    text = (f"<!-- written by `{command}`; do not edit by hand -->\n\n"
            f"Made by `{command}` on {date} UTC, on {machine()}.\n\n```text\n{body.rstrip()}\n```\n")
    (FIGURES / f"{name}.md").write_text(text)
    return body


def num(pattern, text, what):
    m = re.search(pattern, text, re.M)
    if not m:
        sys.exit(f"accuracy: could not read {what} (pattern {pattern!r}): has the command's output changed?")
    return m.group(1)


def pct(x):
    return f"{100 * float(x):.1f}"


def main():
    polnear = os.environ.get("POLNEAR")
    if polnear:
        run(["cargo", "xtask", "eval-attribution", "--polnear", polnear, "--split", "dev"])

    ner = run(["cargo", "xtask", "eval-ner", "--quiet"]).split("\n== ")[0]
    write("entities-dev", "cargo xtask eval-ner --quiet", ner)
    wire = write("entities-wire", "python3 tests/ner/wire.py", run([sys.executable, "tests/ner/wire.py"]))
    quotes = {}
    for gold in ("heldout", "heldout2"):
        out = run(["cargo", "xtask", "eval-quotes", "--no-bench", "--gold", f"tests/quotes/{gold}.jsonl"])
        quotes[gold] = out.split("\n== reference article")[0]
    write("quotes-heldout", "cargo xtask eval-quotes --no-bench --gold tests/quotes/heldout{,2}.jsonl",
          "\n\n".join(quotes.values()))
    coref = write("coref", "cargo xtask eval-coref", run(["cargo", "xtask", "eval-coref"]).split("\nreference article")[0])

    rows = []
    pooled = num(r"^pooled\s+\S+\s+(\S+)", ner, "the pooled dev F1")
    rows.append(("Entities", "shared dev sets of 6 open corpora, pooled, labels folded to PER/ORG/LOC/MISC",
                 f"F1 {pooled}", "entities-dev"))
    folded = wire.split("## Folded to CoNLL")[1]
    w = {lab: num(rf"^{lab}\s+\d+\s+\d+\s+\d+\s+\S+\s+\S+\s+(\S+)", folded, f"wire {lab}") for lab in ("PER", "ORG", "LOC", "MISC", "micro")}
    rows.append(("Entities", "our wire-style test set (8 stories, never tuned on), folded",
                 f"F1 {w['micro']} (people {w['PER']}, organisations {w['ORG']}, places {w['LOC']}, other {w['MISC']})",
                 "entities-wire"))

    attribution = FIGURES / "attribution.md"
    block = None
    if attribution.exists():
        m = re.search(r"<!-- begin current dev -->(.*?)<!-- end current dev -->", attribution.read_text(), re.S)
        block = m.group(1) if m else None
    if block:
        direct = num(r"direct quotes, overlap\s+P \S+\s+R \S+\s+F1 (\S+)", block, "direct F1")
        speaker = num(r"direct speaker accuracy\s+(\S+)", block, "speaker accuracy")
        e2e = num(r"direct quote\+speaker recall\s+(\S+)", block, "quote+speaker recall")
        mixed = num(r"mixed quote\+speaker recall\s+(\S+)", block, "mixed recall")
        rp = num(r"reported speech \(speech cue\)\s+P (\S+)", block, "reported P")
        rr = num(r"reported speech \(speech cue\)\s+P \S+\s+R (\S+)", block, "reported R")
        kind = num(r"source kind accuracy\s+(\S+)", block, "source kinds")
        src = num(r"^\s+source\s+P \S+\s+R \S+\s+F1 (\S+)", block, "exact source")
        cue = num(r"^\s+cue\s+P \S+\s+R \S+\s+F1 (\S+)", block, "exact cue")
        content = num(r"^\s+content\s+P \S+\s+R \S+\s+F1 (\S+)", block, "exact content")
        where = "PolNeAR dev (84 US political articles)"
        rows.append(("Direct quotes", where,
                     f"F1 {pct(direct)}; speaker right for {pct(speaker)}%; found with the right speaker {pct(e2e)}%", "attribution"))
        rows.append(("Reported speech", where, f"recall {pct(rr)}% at precision {pct(rp)}%", "attribution"))
        rows.append(("Quoted fragments in reported speech", where, f"found with a speaker {pct(mixed)}%", "attribution"))
        rows.append(("Source kinds", where, f"named / anonymous / document right for {pct(kind)}%", "attribution"))
        rows.append(("Attribution, exact spans", where + "; CRF 50.6/53.4/28.6, BERT-CofeNet 83.2/75.3/72.9",
                     f"source {pct(src)}, cue {pct(cue)}, content {pct(content)} F1", "attribution"))

    q = quotes["heldout2"]
    qf = num(r"all kinds, overlap\s+P \S+\s+R \S+\s+F1 (\S+)", q, "quote F1")
    qn = num(r"all kinds, overlap.*gold (\d+)\)", q, "quote count")
    qs = num(r"speaker accuracy on matched quotes: strict \S+, lenient (\S+)", q, "speaker")
    rows.append(("Quotes", "our held-out US political texts (6, written after tuning)",
                 f"F1 {pct(qf)} over {qn} quotes; speaker {pct(qs)}%", "quotes-heldout"))
    hf = num(r"^== hedges\n\s+all classes, overlap\s+P \S+\s+R \S+\s+F1 (\S+)", quotes["heldout"], "hedge F1")
    hn = num(r"^== hedges\n\s+all classes, overlap.*gold (\d+)\)", quotes["heldout"], "hedge count")
    rows.append(("Hedges", "our held-out news texts (8)", f"F1 {pct(hf)} over {hn} hedges", "quotes-heldout"))
    line = next((l for l in coref.splitlines() if l.startswith("| h01-h05") and "end to end" in l), None)
    if line is None:
        sys.exit("accuracy: no held-out end-to-end row in eval-coref's table")
    cells = [c.strip() for c in line.strip("|").split("|")]
    rows.append(("Coreference", "our held-out texts (5), end to end", f"MUC F1 {pct(cells[3])}, B³ F1 {pct(cells[6])}", "coref"))

    table = ["| layer | measured on | figure |", "|---|---|---|"]
    for layer, where, fig, file in rows:
        table.append(f"| {layer} | {where} | [{fig}](docs/figures/{file}.md) |")
    readme = README.read_text()
    begin = readme.index("<!-- accuracy:begin")
    begin = readme.index("\n", begin) + 1
    end = readme.index("<!-- accuracy:end -->")
    README.write_text(readme[:begin] + "\n".join(table) + "\n" + readme[end:])
    print("\n".join(table))


if __name__ == "__main__":
    main()
