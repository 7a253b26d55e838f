#!/usr/bin/env bash
# `make test-spark`: the Spark example job (python/spark/spans_job.py) in
# local mode on a small corpus, checked against the command line's
# `--format spans`, with both timed (docs/figures/spark.md).
#
# Installs into out/venv-spark, when missing, from the package registry:
# pyspark 4, pandas < 3, pyarrow (pyspark alone is ~400 MB: minutes on a
# fresh machine, which is why this is not part of `make test`), then the
# newslens wheel built by scripts/python.sh. Needs Java 17 (java on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'spark: %s\n' "$*" >&2; }

PYTHON=${PYTHON:-python3}
VENV=out/venv-spark
DOCS=${SPARK_DOCS:-400}
command -v java >/dev/null || { say "java not found: Spark needs Java 17 (apt-get install openjdk-17-jre-headless)"; exit 1; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyspark, pandas, pyarrow" 2>/dev/null; then
  say "installing pyspark, pandas and pyarrow into $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==4.*" "pandas<3" pyarrow
fi
wheel=$(scripts/python.sh build)
"$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"

corpus=out/bench/docs-$DOCS.jsonl
[ -f "$corpus" ] || node benches/docs-jsonl.mjs "$corpus" "$DOCS"
mkdir -p out/spark
# The Python workers Spark starts must see the venv (and so the wheel).
PYSPARK_PYTHON="$PWD/$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$VENV/bin/python" \
  "$VENV/bin/python" python/spark/check_spark.py "$corpus" out/spark "${NEWSLENS_CLI:-${CARGO_TARGET_DIR:-target}/release/newslens}"
