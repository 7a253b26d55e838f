#!/usr/bin/env bash
# Installs what the build and the tests need and is missing; does nothing
# (quickly) when everything is present, so `make serve` and `make test` can
# call it every time.
#
#   scripts/setup.sh            wasm32 target, wasm-bindgen-cli, npm dev tools
#   scripts/setup.sh --browser  the same, plus Debian's chromium for the e2e tests
#   scripts/setup.sh --python   the same, plus Python 3 with venv (for the wheel;
#                               maturin and pytest go into venvs under out/)
#   scripts/setup.sh --spark    the same as --python, plus Java 17 for Spark
#
# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in
# Cargo.lock (the generated JS glue and the .wasm's custom section must
# match), so the version is read from there rather than written down twice.
set -euo pipefail
cd "$(dirname "$0")/.."
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }

browser=0
python=0
spark=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    --python) python=1 ;;
    --spark) python=1; spark=1 ;;
    *) say "unknown argument $arg"; exit 2 ;;
  esac
done

command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first"; exit 1; }

# 1. The wasm32 target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at the Cargo.lock version.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || { say "no wasm-bindgen entry in Cargo.lock"; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. npm dev tools (binaryen's wasm-opt, playwright-core), when package.json
#    or the lock file differ from what node_modules was installed from. By
#    content, not by date: a git checkout or a worktree gives the files new
#    dates without changing them, and a needless `npm ci` empties node_modules
#    under any other build using it at that moment.
stamp=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat node_modules/.newslens-lock 2>/dev/null)" != "$stamp" ]; then
  say "installing npm dev packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
  printf '%s\n' "$stamp" > node_modules/.newslens-lock
fi

# 4. Chromium for the end-to-end tests (playwright-core drives the system's;
#    it cannot download a browser build of its own here).
if [ "$browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi
# 5. Python 3 with venv and pip (Debian splits them off), for the wheel.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}
if [ "$python" = 1 ] && ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  say "installing Debian's python3 with venv"
  apt_install python3 python3-venv python3-pip
fi

# 6. Java 17 for Spark (pyspark itself goes into a venv under out/).
if [ "$spark" = 1 ] && ! command -v java >/dev/null; then
  say "installing Debian's Java 17 runtime"
  apt_install openjdk-17-jre-headless
fi
exit 0
