#!/usr/bin/env bash
# The fault scenarios (docs/reliability.md, "Faults") on their own, with their measured figures printed:
# PostgreSQL stopped and started under a stream of submissions, the app killed (SIGKILL) mid-write, the evidence disk
# full, a slow database. Each starts its own PostgreSQL cluster and runs the portal as a real process; they are also part
# of `bash tests/run.sh` (tests/PlanTracker.Integration.Tests/Reliability). Needs root (the disk-full run mounts a tmpfs).
#
#   bash bench/faults.sh            all scenarios
#   bash bench/faults.sh Outage     only the classes whose name contains "Outage" (Kill, Slow, DiskFull, Durability)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
filter="FullyQualifiedName~PlanTracker.Integration.Tests.Reliability"
if [[ $# -gt 0 ]]; then
    filter="$filter&FullyQualifiedName~$1"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cd "$repo/tests"
status=0
dotnet test PlanTracker.Integration.Tests --filter "$filter" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?

# The figures each scenario writes to its test output, then the verdict.
grep -E '^\s+(Passed|Failed) |^\s*(while down|first 200|writes:|round [0-9]|restart|[0-9]+ acknowledged|upload into|the write cut|[0-9]+ ms per packet|submit at|10 s per packet|latency removed)' "$log" | sed -E 's/^\s+//'
grep -E '^(Passed!|Failed!)|Total tests' "$log" || true
if [[ $status -ne 0 ]]; then
    echo "--- failures ---"
    grep -A25 -E '^\s+Failed ' "$log" | head -120
fi
exit $status
