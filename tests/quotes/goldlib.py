"""Shared helpers of the build_*.py gold builders in this folder.

Each builder keeps its own texts and annotations and calls these helpers to
turn the readable annotations (substrings, not offsets) into code-point
offsets (Python string indices, end exclusive), the format of
../shared/eval/README.md, and to write the .jsonl file next to the script.
The conventions of the annotations are documented in build_gold.py.
"""
import json
import os
import sys


def find(text, sub, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.find(sub, i + 1)
        if i < 0:
            sys.exit(f"not found: {sub!r} (occurrence {nth})")
    return [i, i + len(sub)]


def near(text, x, anchor):
    """The occurrence of substring `x` nearest to the span `anchor` (the
    cue): a speaker named by a string that occurs more than once ("she")."""
    if not isinstance(x, str) or anchor is None:
        return at(text, x)
    best, i = None, text.find(x)
    while i >= 0:
        d = min(abs(i - anchor[1]), abs(i + len(x) - anchor[0]))
        if best is None or d < best[0]:
            best = (d, [i, i + len(x)])
        i = text.find(x, i + 1)
    if best is None:
        sys.exit(f"not found: {x!r}")
    return best[1]


def at(text, x):
    if x is None:
        return None
    if isinstance(x, str):
        return find(text, x)
    return find(text, x[0], x[1])


# q(kind, span, cue, speaker, speaker_name); spans are substrings or (substring, nth).
def q(kind, span, cue=None, speaker=None, name=None):
    return (kind, span, cue, speaker, name)


def h(cls, span):
    return (cls, span)


class GoldSet:
    """The documents of one gold file, collected by `doc` and written by
    `write`."""

    def __init__(self):
        self.docs = []

    def doc(self, id, text, quotes, hedges):
        self.docs.append((id, text, quotes, hedges))

    def records(self, null_speaker_name=False):
        """One JSON object per document. A quote with a speaker but no
        speaker name gets `"speaker_name": null` if `null_speaker_name`,
        otherwise no `speaker_name` key."""
        out = []
        for id, text, quotes, hedges in self.docs:
            qs = []
            for kind, span, cue, speaker, name in quotes:
                rec = {"kind": kind}
                rec["start"], rec["end"] = at(text, span)
                if cue is not None:
                    rec["cue"] = at(text, cue)
                if speaker is not None:
                    rec["speaker"] = near(text, speaker, rec.get("cue"))
                    if name is not None or null_speaker_name:
                        rec["speaker_name"] = name
                qs.append(rec)
            hs = []
            for cls, span in hedges:
                s, e = at(text, span)
                hs.append({"start": s, "end": e, "class": cls})
            out.append({"id": id, "text": text, "quotes": qs, "hedges": hs})
        return out

    def write(self, script, filename, null_speaker_name=False):
        """Writes the documents to `filename` in the folder of `script` (the
        builder's __file__) and reports it."""
        out = self.records(null_speaker_name)
        path = os.path.join(os.path.dirname(os.path.abspath(script)), filename)
        with open(path, "w", encoding="utf-8") as f:
            for rec in out:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"wrote {len(out)} documents to {path}")
