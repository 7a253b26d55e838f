#!/usr/bin/env python3
"""Turns gold.txt (inline [surface]{chain:LABEL} markup) into gold.jsonl.

Run from anywhere: python3 tests/coref/build.py
Each output line: {"id", "text", "chains": [{"id", "label", "mentions": [{"start", "end", "label", "text"}]}]}
with code-point offsets (Python string indices), end exclusive.
"""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"\[([^\]]+)\]\{([a-z0-9_-]+)(?::([A-Za-z_]+))?\}")


def convert(doc_id, lines):
    raw = "\n".join(lines).strip("\n")
    text, chains, order, pos = [], {}, [], 0
    out_len = 0
    for m in MARK.finditer(raw):
        before = raw[pos:m.start()]
        text.append(before)
        out_len += len(before)
        surface, chain, label = m.group(1), m.group(2), m.group(3)
        if chain not in chains:
            if not label:
                raise SystemExit(f"{doc_id}: chain {chain} needs a label on first use")
            chains[chain] = {"id": chain, "label": label, "mentions": []}
            order.append(chain)
        label = label or chains[chain]["label"]
        chains[chain]["mentions"].append({"start": out_len, "end": out_len + len(surface), "label": label, "text": surface})
        text.append(surface)
        out_len += len(surface)
        pos = m.end()
    text.append(raw[pos:])
    full = "".join(text)
    for c in chains.values():
        for mm in c["mentions"]:
            assert full[mm["start"]:mm["end"]] == mm["text"], (doc_id, mm)
    if "[" in full or "]{" in full:
        raise SystemExit(f"{doc_id}: unconverted markup")
    return {"id": doc_id, "text": full, "chains": [chains[c] for c in order]}


def main():
    docs, cur, lines = [], None, []
    with open(os.path.join(HERE, "gold.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("=== "):
                if cur:
                    docs.append(convert(cur, lines))
                cur, lines = line[4:].strip(), []
            elif cur is None or not line.startswith("# ") or lines:
                if cur is not None:
                    lines.append(line)
    if cur:
        docs.append(convert(cur, lines))
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {sum(len(c['mentions']) for d in docs for c in d['chains'])} mentions, "
          f"{sum(len(d['chains']) for d in docs)} chains")


if __name__ == "__main__":
    main()
