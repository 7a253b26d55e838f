"""newslens on Apache Spark: articles in (JSON Lines or Parquet), a Parquet
table of spans out, one row per span with the columns of
``newslens --format spans``: doc, layer, label, start, end, text, attrs.

Each Spark task annotates its partition with the newslens wheel through
``mapInPandas``; Spark spreads the partitions over the cores (``local[N]``)
or over a cluster's executors, with nothing else to change.

    spark-submit spans_job.py articles.jsonl spans.parquet
    python spans_job.py --master 'local[2]' articles.parquet spans.parquet --layers entity,quote

On a cluster, install the wheel on every executor (or ship a venv holding it
with ``--archives``), and leave ``--master`` to spark-submit.
"""

from __future__ import annotations

import argparse
import json
from typing import Iterator, Optional, Sequence

#: The columns written, as ``newslens --format spans`` writes them. attrs is
#: the span's attrs as a JSON object in a string (its keys vary by layer).
SPAN_COLUMNS = ("doc", "layer", "label", "start", "end", "text", "attrs")


def span_schema(doc_type):
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType(
        [
            StructField("doc", doc_type, True),
            StructField("layer", StringType(), False),
            StructField("label", StringType(), False),
            StructField("start", LongType(), False),
            StructField("end", LongType(), False),
            StructField("text", StringType(), False),
            StructField("attrs", StringType(), False),
        ]
    )


def read_articles(spark, path: str, input_format: Optional[str] = None):
    """A DataFrame of articles from JSON Lines or Parquet (by the file's
    extension unless ``input_format`` says)."""
    fmt = input_format or ("parquet" if path.rstrip("/").endswith(".parquet") else "json")
    return spark.read.parquet(path) if fmt == "parquet" else spark.read.json(path)


def spans(articles, id_column: str = "id", text_column: str = "text", layers: Optional[Sequence[str]] = None):
    """The span table of ``articles`` (a DataFrame with an id and a text
    column), lazily: nothing runs until it is written or collected."""
    layers = list(layers) if layers else None
    docs = articles.select(articles[id_column].alias("doc"), articles[text_column].alias("text")).where("text IS NOT NULL")
    # One partition per core at least, so that a small input uses them all.
    parallelism = docs.sparkSession.sparkContext.defaultParallelism
    if docs.rdd.getNumPartitions() < parallelism:
        docs = docs.repartition(parallelism)

    def annotate(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
        import pandas as pd

        import newslens

        for batch in batches:
            # jobs=1: Spark already runs one task per core.
            columns = newslens.spans(batch["text"].tolist(), ids=batch["doc"].tolist(), layers=layers, jobs=1)
            yield pd.DataFrame(columns, columns=list(SPAN_COLUMNS))

    return docs.mapInPandas(annotate, span_schema(docs.schema["doc"].dataType))


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="articles: JSON Lines or Parquet (a file or a folder)")
    parser.add_argument("output", help="the Parquet folder to write the spans to (replaced)")
    parser.add_argument("--input-format", choices=["json", "parquet"], help="default: by the input's extension")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--layers", help="comma-separated layers (default: all)")
    parser.add_argument("--master", help="e.g. local[2]; default: what spark-submit gives")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newslens-spans")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        articles = read_articles(spark, args.input, args.input_format)
        layers = args.layers.split(",") if args.layers else None
        spans(articles, args.id_column, args.text_column, layers).write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
