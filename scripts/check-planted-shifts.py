#!/usr/bin/env python3
"""Checks history outputs against an `nvbench synth` history's planted-shifts.json.

Usage: check-planted-shifts.py PLANTED_JSON HISTORY_OUTPUT...

Per machine, the shifts `history` confirmed ("<benchmark>: shift at <commit>: ...") must be
exactly as many as the benchmarks planted on that machine, each at its planted commit: every
planted shift found at its commit and nothing else. Exit 1 and one line per machine that
differs otherwise.
"""
import json, re, sys
planted = json.load(open(sys.argv[1]))
expected = {}
for shift in planted:
    for machine in shift["machines"]:
        expected.setdefault(machine, []).extend([shift["commit"][:12]] * len(shift["benchmarkIds"]))
ok = True
for path in sys.argv[2:]:
    found, machine, good = {}, None, True
    for line in open(path):
        m = re.match(r"history of machine (\S+):", line)
        if m:
            machine = m.group(1)
            found.setdefault(machine, [])
        m = re.search(r": shift at ([0-9a-f]+):", line)
        if m:
            found[machine].append(m.group(1))
    for machine, commits in found.items():
        want = sorted(expected.get(machine, []))
        if sorted(commits) != want:
            ok = good = False
            print(f"MISMATCH {path}: {machine}: confirmed at {sorted(commits)}, planted {want}")
    total = sum(len(c) for c in found.values())
    print(f"{path.rsplit('/', 1)[-1]}: {total} shift(s) confirmed on {len(found)} machine(s), {'all at planted commits, none else' if good else 'NOT as planted'}")
sys.exit(0 if ok else 1)
