#!/usr/bin/env bash
# The test command (README): starts PostgreSQL and Redis for real, builds the solution, runs every
# xunit suite, then the end-to-end suite with the official Wire client on both topologies, then the
# load scenarios' ci profiles with their thresholds, and prints one closing line totalling all of them: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs="$root/tests/.logs"
mkdir -p "$logs"

. tests/infra/servers.sh
wireedge_start_postgres || { echo "run-all: could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
wireedge_start_redis || { echo "run-all: could not start redis-server"; echo "0 passed, 1 failed"; exit 1; }
echo "run-all: PostgreSQL at $WIREEDGE_TEST_POSTGRES, Redis at $WIREEDGE_TEST_REDIS"

passed=0; failed=0; status=0
if ! dotnet build WireEdge.sln -nologo -clp:ErrorsOnly; then
  echo "run-all: build failed"; echo "0 passed, 1 failed"; exit 1
fi

# xunit: every test project, in one run; the per-assembly summary lines are summed.
dotnet test WireEdge.sln --no-build -nologo 2>&1 | tee "$logs/dotnet-test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$s" -gt 0 ]; then echo "run-all: $s skipped test(s): a skipped test proves nothing, counted as failed"; failed=$((failed + s)); fi
done < <(grep -E '^(Passed|Failed)!' "$logs/dotnet-test.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/')
if ! grep -qE '^(Passed|Failed)!' "$logs/dotnet-test.log"; then echo "run-all: no xunit summary found"; status=1; fi

# add_summary <name> <log> <pattern>: adds the last "N passed, N failed" line of a suite's log (matching
# <pattern>) to the totals; a suite that printed none counts as one failure.
add_summary() {
  local line
  line=$(grep -E "$3" "$2" | tail -n1)
  if [ -z "$line" ]; then echo "run-all: $1 printed no summary"; failed=$((failed + 1)); status=1; return; fi
  passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed -E 's/.*, ([0-9]+) failed.*/\1/')))
}

# End-to-end with the official client library, on both topologies.
if [ -x tests/e2e/run.sh ]; then
  for topology in all-in-one distributed; do
    tests/e2e/run.sh "$topology" 2>&1 | tee "$logs/e2e-$topology.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    add_summary "e2e $topology" "$logs/e2e-$topology.log" '^[0-9]+ passed, [0-9]+ failed'
  done
fi

# Load scenarios: the ci profile of every shipped scenario against the all-in-one server, with thresholds
# (correctness strict: 0 missing, 0 duplicates, 0 out of order; latency bounds generous for CI machines).
if [ -x loadtests/ci.sh ]; then
  loadtests/ci.sh --no-build 2>&1 | tee "$logs/load-ci.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  add_summary "load ci" "$logs/load-ci.log" '^[0-9]+ passed, [0-9]+ failed$'
fi

# The oracle's self-test: a test build that acknowledges one push it never stores nor delivers must make
# the fanout run fail with exactly one missing delivery. Counted as one test.
if [ -x loadtests/ci.sh ]; then
  loadtests/ci.sh --fault drop-one-push > "$logs/load-fault.log" 2>&1
  fault_status=$?
  if [ "$fault_status" -ne 0 ] && grep -q 'FAIL missing==0 (actual 1;' "$logs/load-fault.log"; then
    echo "run-all: load fault self-test passed (the oracle reported the dropped push: missing=1)"; passed=$((passed + 1))
  else
    echo "run-all: load fault self-test FAILED (exit $fault_status; expected a failed fanout run with missing=1):"
    tail -20 "$logs/load-fault.log"; failed=$((failed + 1)); status=1
  fi
fi

[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
