"""The wheel against the command line: the same core must give the same
Documents and the same span rows, and the Python-only parts (lists of texts,
threads, lone surrogates in a str) must behave as documented.

Run by ``make test-python``, which builds the wheel, installs it in a fresh
venv and sets NEWSLENS_CLI to the command line it compares with."""

import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import newslens

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "data" / "seed-article.txt"
TORTURE = ROOT / "tests" / "fixtures" / "torture.txt"


def cli(*args, input=None):
    exe = os.environ.get("NEWSLENS_CLI") or str(ROOT / "target" / "release" / "newslens")
    return subprocess.run([exe, *args], input=input, capture_output=True, check=True).stdout.decode("utf-8")


def texts():
    seed = SEED.read_text(encoding="utf-8")
    torture = TORTURE.read_text(encoding="utf-8")
    return [
        seed,
        torture,
        "",
        "“Go home,” Gen. Smith said in Baghdad 👍🏽. Iraq’s premier agreed.\n\nالعراق بلد. 北京很大。",
        "Officials said the deal was likely to close, Reuters reported.",
        *[p for p in seed.split("\n\n") if p.strip()],
    ]


def test_annotate_is_the_command_lines_document():
    for text in texts():
        assert newslens.annotate(text) == json.loads(cli("-", input=text.encode("utf-8")))


def test_layers_pick_what_is_returned():
    text = texts()[3]
    doc = newslens.annotate(text, layers=["sentence", "entity"])
    assert {s["layer"] for s in doc["spans"]} == {"sentence", "entity"}
    assert doc == json.loads(cli("--layers", "sentence,entity", "-", input=text.encode("utf-8")))
    assert newslens.annotate(text, layers=("paragraph",))["spans"][0]["layer"] == "paragraph"


def test_bad_input_raises():
    with pytest.raises(ValueError, match="unknown layer"):
        newslens.annotate("x", layers=["nope"])
    with pytest.raises(TypeError):
        newslens.annotate(b"bytes")
    with pytest.raises(TypeError):
        newslens.annotate("x", layers="sentence")
    with pytest.raises(ValueError, match="limit"):
        newslens.annotate("a" * (32 * 1024 * 1024 + 1))
    with pytest.raises(TypeError):
        newslens.annotate_many("one str")
    with pytest.raises(ValueError, match="jobs"):
        newslens.annotate_many(["x"], jobs=0)


def test_lone_surrogates_read_as_the_wasm_api_reads_them():
    # A str, like a JS string, can hold a lone surrogate: each is U+FFFD,
    # one UTF-16 unit, so offsets agree with the page and the CLI.
    assert newslens.annotate("Smith \ud800said in \udc00 Paris.") == newslens.annotate("Smith \ufffdsaid in \ufffd Paris.")
    # Two code points that form a pair in UTF-16 are the character, as in JS.
    assert newslens.annotate("Smith said \ud83d\udc4d in Paris.") == newslens.annotate("Smith said 👍 in Paris.")
    line = '{"text":"Smith \\ud800said in \\udc00 Paris."}\n'
    from_cli = json.loads(cli("--jsonl", "--drop-text", "-", input=line.encode("utf-8")))
    del from_cli["input"]
    assert newslens.annotate("Smith \ud800said in \udc00 Paris.") == from_cli


def test_annotate_many_keeps_order_for_any_jobs():
    many = texts() * 5
    one_by_one = [newslens.annotate(t) for t in many]
    for jobs in (None, 1, 2, 7):
        assert newslens.annotate_many(many, jobs=jobs) == one_by_one
    assert newslens.annotate_many(iter(many[:3])) == one_by_one[:3]
    assert newslens.annotate_many([]) == []
    assert newslens.annotate_many(many[:4], layers=["sentence"]) == [newslens.annotate(t, ["sentence"]) for t in many[:4]]


def test_annotate_many_releases_the_gil():
    # While the core works on the texts, a Python thread keeps running.
    many = [SEED.read_text(encoding="utf-8")] * 200
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)
    before = ticks
    started = time.perf_counter()
    newslens._newslens.annotate_many_json(many, None, 2)
    elapsed = time.perf_counter() - started
    during = ticks - before
    stop.set()
    counter.join()
    # With the GIL held for the whole call the counter would stand still.
    assert elapsed < 0.05 or during >= 5, (elapsed, during)


def test_spans_are_the_command_lines_span_rows():
    many = texts()
    ids = [f"doc-{i}" for i in range(len(many))]
    columns = newslens.spans(many, ids=ids)
    assert tuple(columns) == newslens.SPAN_COLUMNS
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    jsonl = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, many))
    # Lines end at "\n" only: str.splitlines() would also split at the
    # U+2028 or U+0085 that JSON leaves unescaped inside a string.
    out = cli("--jsonl", "--format", "spans", "-", input=jsonl.encode("utf-8"))
    expected = [json.loads(line) for line in out.split("\n")[:-1]]
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected):
        row["attrs"] = json.loads(row["attrs"])
        assert row == want
    # Without ids, the doc is the text's index.
    assert set(newslens.spans(many[:2], layers=["sentence"])["doc"]) == {0, 1}


def test_the_package_is_typed():
    package = pathlib.Path(newslens.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "__init__.pyi").exists()
    assert newslens.__version__ == json.loads(cli("-", input=b"x"))["version"]


def test_the_docstring_example_holds():
    import doctest

    failures, tried = doctest.testmod(newslens)
    assert tried > 0 and failures == 0
