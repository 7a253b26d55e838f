#!/usr/bin/env python3
"""Picks the few corpus files to commit: greedy set cover over the coverage
edges that a libFuzzer merge recorded per file (-merge_control_file), the
file that adds the most new edges first, up to LIMIT files. Prints the
chosen paths, and on stderr how much of the edges they cover.

    scripts/fuzz-pick.py CONTROL_FILE LIMIT
"""
import sys

ctl, limit = sys.argv[1], int(sys.argv[2])
lines = open(ctl).read().split("\n")
n = int(lines[0])
files = lines[2 : 2 + n]
cov = {}
for line in lines[2 + n :]:
    parts = line.split()
    if parts and parts[0] == "COV":
        cov[int(parts[1])] = set(parts[2:])
edges = set().union(*cov.values()) if cov else set()
chosen, got = [], set()
while len(chosen) < limit and cov:
    best = max(cov, key=lambda i: (len(cov[i] - got), -i))
    if not cov[best] - got:
        break
    chosen.append(best)
    got |= cov[best]
print(f"{len(chosen)} files cover {len(got)} of {len(edges)} edges ({100 * len(got) / max(1, len(edges)):.1f}%)", file=sys.stderr)
for i in chosen:
    print(files[i])
