#!/usr/bin/env bash
# Writes what a `make fuzz` run did, from its logs, as Markdown: when it ran,
# on what machine, and per target the last status line of libFuzzer's fork
# mode (executions, coverage, corpus, exec/s, OOMs/timeouts/crashes,
# seconds) and the findings it saved under fuzz/artifacts/.
#
#   scripts/fuzz-summary.sh START END fuzz/logs/bytes.log fuzz/logs/structured.log
set -euo pipefail
start=$1 end=$2
shift 2
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo "# Fuzzing run"
echo
echo "Written by \`make fuzz\` (scripts/fuzz-summary.sh); see docs/FUZZING.md."
echo
echo "- start: $start, end: $end (UTC)"
echo "- machine: $(nproc) cores${cpu:+, $cpu}, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(cargo +nightly fuzz --version 2>/dev/null || echo cargo-fuzz), $(rustc +nightly --version)"
echo
for log in "$@"; do
    target=$(basename "$log" .log)
    status=$(grep -aE '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    echo "## $target"
    echo
    echo "- flags: \`$(grep -aoE -- '-fork=[^ ]*( -[a-z_]+=[^ ]*)*' "$log" | head -n 1 || true)\`"
    echo "- last status: \`${status:-none (see $log)}\`"
    # Fork mode does not always name in its log what a job saved (nor count
    # it in oom/timeout/crash): list what the artifact directory got too.
    findings=$( { grep -aoE '(crash|timeout|oom|leak|slow-unit)-[0-9a-f]{40}' "$log" || true
        find "fuzz/artifacts/$target" -type f -newermt "$start" -printf '%f\n' 2>/dev/null || true; } | sort -u)
    if [ -n "$findings" ]; then
        echo "$findings" | sed "s|^|- finding: fuzz/artifacts/$target/|"
    else
        echo "- findings: none"
    fi
    echo
done
