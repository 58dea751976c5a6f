#!/usr/bin/env bash
# Allocation gate for the hot paths: builds bench/WireEdge.Benchmarks (Release), runs the benchmark classes listed in
# bench/baseline.json in-process with a short fixed job and BenchmarkDotNet's memory diagnoser, and compares the
# allocated bytes per operation with the baseline: a path recorded at 0 B/op must stay at 0, others may grow by at
# most max(tolerance_percent, tolerance_bytes). Last line "N passed, N failed"; exit 0 only when all pass.
#
#   bench/check-alloc.sh                 check against bench/baseline.json
#   bench/check-alloc.sh --record        measure and write bench/baseline.json (after an intended change; commit it)
#   bench/check-alloc.sh --record Cls..  record only these benchmark classes (sets the gated class list)
# Environment: WIREEDGE_BENCH_ARTIFACTS (artifacts path; default the project's own bin/).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mode=--alloc-check
if [ "${1:-}" = "--record" ]; then mode=--alloc-record; shift; fi
artifacts=${WIREEDGE_BENCH_ARTIFACTS:-}
args=("$root/bench/WireEdge.Benchmarks" -c Release -nologo -clp:ErrorsOnly)
[ -n "$artifacts" ] && args+=(--artifacts-path "$artifacts")
log=$(mktemp /tmp/wireedge-alloc-build.XXXXXX)
if ! dotnet build "${args[@]}" >"$log" 2>&1; then
  tail -30 "$log"; rm -f "$log"; echo "alloc-gate: build failed"; echo "0 passed, 1 failed"; exit 1
fi
rm -f "$log"
if [ -n "$artifacts" ]; then dll="$artifacts/bin/WireEdge.Benchmarks/release/WireEdge.Benchmarks.dll"
else dll="$root/bench/WireEdge.Benchmarks/bin/Release/net10.0/WireEdge.Benchmarks.dll"; fi
out=$(mktemp /tmp/wireedge-alloc-run.XXXXXX)
# BenchmarkDotNet's own log goes to a file (long); the verdict lines are printed.
(cd "$(dirname "$dll")" && dotnet "$dll" "$mode" "$here/baseline.json" "$@") >"$out" 2>&1
rc=$?
if grep -qE '^(PASS|FAIL) |alloc-gate:' "$out"; then
  sed -n '/^alloc-gate: bytes allocated/,$p' "$out" | grep -E '^(PASS|FAIL|alloc-gate)' || true
  grep -E '^alloc-gate: recorded' "$out" || true
else
  tail -40 "$out"
fi
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n1)
rm -f "$out"
if [ "$mode" = --alloc-record ]; then exit $rc; fi
if [ -z "$line" ]; then echo "alloc-gate: no verdict (exit $rc)"; echo "0 passed, 1 failed"; exit 1; fi
echo "$line"
[ "$rc" -eq 0 ]
