#!/usr/bin/env bash
# Times the `bytes` fuzz binary (as `make fuzz` builds it: instrumented,
# debug assertions, every law) on one input per pathological pattern of
# issue 19 and on prose, at SIZE bytes (default 512 KiB, the structured
# target's budget), and writes the table with date and machine as Markdown.
# It shows whether libFuzzer's -timeout separates linear from quadratic on
# this machine: wall-clock seconds are what -timeout counts.
#
#   scripts/fuzz-calibrate.sh [SIZE] > docs/figures/fuzz-calibration.md
#
# BIN=path/to/bytes times another build (e.g. of an older commit, to see
# that -timeout catches what was slow then); CAP (default 60) is the
# longest any one input may take, reported as "> CAP".
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-524288}
bin=${BIN:-fuzz/target/x86_64-unknown-linux-gnu/release/bytes}
cap=${CAP:-60}
[ -x "$bin" ] || { echo "build it first: cargo +nightly fuzz build -O -s none" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$size" <<'PY'
import random, sys
d, n = sys.argv[1], int(sys.argv[2])
def rep(unit):
    return (unit * (n // len(unit.encode()) + 1)).encode()[:n].decode("utf-8", "ignore")
words = ("the government said on Tuesday that officials in Baghdad could possibly meet President Smith , "
         "who told reporters “ we will not disarm , ” according to Reuters . He added that talks may resume .").split()
r = random.Random(19)
prose, total = [], 0
while total < n:
    prose.append(r.choice(words))
    total += len(prose[-1]) + 1
prose = " ".join(prose)
patterns = {
    "prose": prose[:n],
    "he said. she said.": rep("he said. she said. "),
    "Mr.": rep("Mr. "),
    "\"He said": rep("\"He said "),
    "U.S.": rep("U.S. "),
    "prose without punctuation": "".join(c for c in prose if c.isalnum() or c == " ")[:n],
}
for i, (name, text) in enumerate(patterns.items()):
    with open(f"{d}/{i}.txt", "w") as f:
        f.write(text)
    with open(f"{d}/{i}.name", "w") as f:
        f.write(name)
PY
echo "# Fuzz target speed on the issue-19 patterns"
echo
echo "Written by \`scripts/fuzz-calibrate.sh $size\` on $(date -u +%FT%TZ): the \`bytes\` fuzz binary"
echo "(${BIN:+$BIN, }commit $(git rev-parse --short HEAD)${BIN:+ of this script}),"
echo "one input of $size bytes each. Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
echo
echo "| input | wall s | CPU s | max RSS MB |"
echo "|---|---:|---:|---:|"
for f in "$dir"/*.txt; do
    name=$(cat "${f%.txt}.name")
    /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$bin" -timeout="$cap" -rss_limit_mb=8192 "$f" >"$dir/log" 2>&1 || true
    read -r wall user sys rss < <(tail -n 1 "$dir/time")
    grep -q 'ERROR: libFuzzer: timeout' "$dir/log" && wall="> $cap (timeout)"
    grep -qE 'panicked|deadly signal' "$dir/log" && wall="$wall (crash)"
    printf '| `%s` | %s | %.2f | %d |\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
done
