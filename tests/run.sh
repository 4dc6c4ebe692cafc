#!/usr/bin/env bash
# The README's test command: build (warnings are errors), check that the model has no migration pending,
# check formatting and the packages' known vulnerabilities, then run every test project against real PostgreSQL.
# Prints one closing line:
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

step "known vulnerabilities in the packages"
# What the package registry knows today, for every direct and transitive package. A vulnerable package fails the run;
# a registry that cannot be reached (an offline machine) is said plainly and does not.
audit=$(dotnet list PlanTracker.sln package --vulnerable --include-transitive 2>&1)
audit_status=$?
if grep -q "has the following vulnerable packages" <<<"$audit"; then
  echo "$audit"
  echo "A package has a known vulnerability: update it (Directory.Packages.props) and note why in docs/dependencies.md."
  exit 1
elif [ "$audit_status" -ne 0 ]; then
  echo "Warning: the vulnerability check could not ask the registry:"
  echo "$audit" | tail -5
else
  echo "No known vulnerable package ($(grep -c 'has no vulnerable packages' <<<"$audit") projects checked)."
fi

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
