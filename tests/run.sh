#!/usr/bin/env bash
# The README's test command: build (warnings are errors), check that the model has no migration pending,
# check formatting, then run every test project against real PostgreSQL. Prints one closing line:
#   Tests: N passed, N failed
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s ==\n' "$*"; }

step "restore and build"
dotnet tool restore >/dev/null || exit 1
dotnet build PlanTracker.sln -c Debug -nologo -clp:ErrorsOnly || exit 1

step "migrations match the model"
dotnet ef migrations has-pending-model-changes --no-build \
  -p src/PlanTracker.Infrastructure -s src/PlanTracker.Infrastructure || { echo "The model changed without a migration: add one (see docs/data-model.md)."; exit 1; }

step "formatting"
dotnet format PlanTracker.sln --verify-no-changes --no-restore --severity warn || { echo "Run 'dotnet format PlanTracker.sln' and commit."; exit 1; }

step "tests"
log=$(mktemp)
dotnet test PlanTracker.sln --no-build -nologo -v q 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
