#!/usr/bin/env bash
# The Python wheel: build it with maturin, install it into a fresh venv, and
# run its pytest tests against the command line.
#
#   scripts/python.sh build   out/wheels/newslens-*.whl (release build)
#   scripts/python.sh test    build, then a fresh venv under out/, pip install
#                             the wheel and pytest, run python/tests
#
# maturin and pytest come from the package registry into venvs under out/
# (git-ignored); nothing is installed system-wide. The Rust build goes to
# target/python, beside the core's.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { printf 'python: %s\n' "$*" >&2; }

PYTHON=${PYTHON:-python3}
TOOLS=out/venv-python
WHEELS=out/wheels
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/python"

tools() {
  if [ ! -x "$TOOLS/bin/maturin" ] || [ ! -x "$TOOLS/bin/pytest" ]; then
    say "creating $TOOLS with maturin and pytest"
    "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install -q --disable-pip-version-check "maturin>=1.7,<2" pytest
  fi
}

build() {
  tools
  rm -rf "$WHEELS"
  "$TOOLS/bin/maturin" build --release --quiet -m python/Cargo.toml -o "$WHEELS" >&2
  ls "$WHEELS"/newslens-*.whl
}

case "${1:-test}" in
  build) build ;;
  test)
    wheel=$(build)
    fresh=out/venv-python-test
    say "installing $(basename "$wheel") into a fresh venv ($fresh)"
    "$PYTHON" -m venv --clear "$fresh"
    "$fresh/bin/pip" install -q --disable-pip-version-check "$wheel" pytest
    # Run from python/tests so that the installed package, not python/py, is imported.
    NEWSLENS_CLI="${NEWSLENS_CLI:-$(dirname "$CARGO_TARGET_DIR")/release/newslens}" \
      "$fresh/bin/python" -m pytest -q -p no:cacheprovider python/tests
    ;;
  *) say "usage: scripts/python.sh build|test"; exit 2 ;;
esac
