#!/usr/bin/env python3
"""Scores newslens's entity layer on our own wire-style news (tests/ner/wire.txt).

    python3 tests/ner/wire.py [--cli target/release/newslens] [--keep DIR]

wire.txt holds short stories in the shape of wire copy (all-caps headlines,
datelines, a results table, bylines) with every entity marked inline as
{{text|LABEL}} (OntoNotes labels). This script strips the marks into the
shared gold format (code-point offsets), runs the CLI over the texts with
--jsonl, and scores the predictions with ../shared/eval/score_entities.py,
twice: on the OntoNotes labels, and folded to CoNLL's PER/ORG/LOC/MISC.
Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCORER = os.path.join(ROOT, "..", "shared", "eval", "score_entities.py")
MARK = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
          "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def parse(path):
    """Yields gold documents: {"id", "text", "spans"} with code-point offsets."""
    doc_id, lines = None, []

    def finish():
        marked = "\n".join(lines).strip("\n")
        text, spans, pos = "", [], 0
        for m in MARK.finditer(marked):
            text += marked[pos:m.start()]
            label = m.group(2)
            if label not in LABELS:
                sys.exit(f"{doc_id}: unknown label {label}")
            spans.append({"start": len(text), "end": len(text) + len(m.group(1)), "label": label})
            text += m.group(1)
            pos = m.end()
        text += marked[pos:]
        if "{{" in text or "}}" in text:
            sys.exit(f"{doc_id}: unbalanced mark")
        return {"id": doc_id, "text": text, "spans": spans}

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") and doc_id is None:
                continue
            if line.startswith("=== "):
                if doc_id is not None:
                    yield finish()
                doc_id, lines = line[4:].strip(), []
            elif doc_id is not None:
                lines.append(line)
    if doc_id is not None:
        yield finish()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "newslens"))
    ap.add_argument("--keep", help="write gold.jsonl and pred.jsonl into this folder")
    args = ap.parse_args()

    gold = list(parse(os.path.join(HERE, "wire.txt")))
    folder = args.keep or tempfile.mkdtemp(prefix="newslens-wire-")
    os.makedirs(folder, exist_ok=True)
    gold_path, pred_path = os.path.join(folder, "gold.jsonl"), os.path.join(folder, "pred.jsonl")
    with open(gold_path, "w", encoding="utf-8") as f:
        for d in gold:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")

    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in gold)
    out = subprocess.run([args.cli, "--jsonl", "--layers", "entity", "-"], input=lines,
                         capture_output=True, text=True, check=True).stdout
    with open(pred_path, "w", encoding="utf-8") as f:
        for line in out.splitlines():
            doc = json.loads(line)
            spans = [{"start": s["start"], "end": s["end"], "label": s["label"]}
                     for s in doc["spans"] if s["layer"] == "entity"]
            f.write(json.dumps({"id": doc["input"]["id"], "spans": spans}) + "\n")

    n = sum(len(d["spans"]) for d in gold)
    print(f"# {len(gold)} wire-style documents, {n} gold entities ({os.path.relpath(os.path.join(HERE, 'wire.txt'), ROOT)})\n")
    print("## OntoNotes labels\n", flush=True)
    subprocess.run([sys.executable, SCORER, gold_path, pred_path, "--utf16"], check=True)
    print("\n## Folded to CoNLL (PER, ORG, LOC, MISC)\n", flush=True)
    subprocess.run([sys.executable, SCORER, gold_path, pred_path, "--utf16",
                    "--map", "onto2conll", "--gold-map", "onto2conll"], check=True)


if __name__ == "__main__":
    main()
