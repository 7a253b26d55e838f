"""``make test-spark``: runs spans_job on a small corpus in Spark's local
mode, checks that its Parquet table holds exactly the rows of the command
line's ``--format spans`` on the same corpus, and times both: Spark on
local[2] against ``newslens --jobs 2``. Writes docs/figures/spark.md.

    python check_spark.py CORPUS.jsonl OUT_DIR NEWSLENS_CLI
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import spans_job  # noqa: E402


def row_key(row):
    return (str(row["doc"]), row["layer"], row["label"], int(row["start"]), int(row["end"]), row["text"], json.dumps(row["attrs"], sort_keys=True))


def cpu_model() -> str:
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    corpus, out_dir, cli = sys.argv[1:4]
    out_dir = pathlib.Path(out_dir)
    docs = sum(1 for line in open(corpus, encoding="utf-8") if line.strip())
    mb = os.path.getsize(corpus) / 1e6

    # The command line: the rows to match, and its time on 2 cores.
    cli_times = []
    for _ in range(3):
        started = time.perf_counter()
        out = subprocess.run([cli, "--jsonl", "--format", "spans", "--jobs", "2", corpus], capture_output=True, check=True).stdout
        cli_times.append(time.perf_counter() - started)
    # Split at "\n" only (splitlines() also splits at an unescaped U+2028).
    cli_rows = [json.loads(line) for line in out.decode("utf-8").split("\n")[:-1]]

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("newslens-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        parquet = str(out_dir / "spans.parquet")
        articles = spans_job.read_articles(spark, corpus)
        # A first run warms the JVM and starts the Python workers; the
        # second is timed.
        spans_job.spans(articles).write.mode("overwrite").parquet(parquet)
        started = time.perf_counter()
        spans_job.spans(articles).write.mode("overwrite").parquet(parquet)
        spark_s = time.perf_counter() - started
    finally:
        spark.stop()

    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert tuple(table.column_names) == spans_job.SPAN_COLUMNS, table.column_names
    spark_rows = table.to_pylist()
    for row in spark_rows:
        row["attrs"] = json.loads(row["attrs"])
    got = sorted(map(row_key, spark_rows))
    want = sorted(map(row_key, cli_rows))
    if got != want:
        missing = [r for r in want if r not in set(got)][:3]
        extra = [r for r in got if r not in set(want)][:3]
        sys.exit(f"spark: the Parquet spans differ from the CLI's: {len(got)} rows against {len(want)}; missing {missing}; extra {extra}")
    print(f"spark: {len(got)} span rows of {docs} documents equal the CLI's --format spans")

    cli_s = sorted(cli_times)[1]
    figures = f"""# Spark throughput

Written by `make test-spark` (`python/spark/check_spark.py`); do not edit by hand.

- date: {datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
- machine: {cpu_model()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end
- corpus: {docs} documents, {mb:.1f} MB of JSON Lines (`benches/docs-jsonl.mjs`), every layer, {len(got)} span rows

| run | docs/s | seconds |
|---|---:|---:|
| Spark local[2], `spans_job.py` (JSON Lines in, Parquet out; second run, JVM warm) | {docs / spark_s:.0f} | {spark_s:.2f} |
| `newslens --jsonl --format spans --jobs 2` (median of 3, to a pipe) | {docs / cli_s:.0f} | {cli_s:.2f} |

The rows of both are checked equal. Spark's figure includes reading the JSON,
moving each batch to Python and back through Arrow, and writing Parquet.
"""
    figures_dir = ROOT / "docs" / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    (figures_dir / "spark.md").write_text(figures, encoding="utf-8")
    print(figures)


if __name__ == "__main__":
    main()
