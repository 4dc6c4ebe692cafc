#!/usr/bin/env bash
# Speed check of `plantracker generate-scale-data` against psql's \copy of the same rows.
#
#   bench/scale-data-copy-check.sh [generator options, default: the national volume 10 × 300 × 20]
#
# 1. builds the CLI (Release), creates a fresh database, migrates it (not timed);
# 2. runs the generator and times it (its own per-table figures are kept too);
# 3. exports progress_reports to a file and times `psql \copy ... FROM` of the same rows into an empty copy of the
#    table with the same indexes and checks — foreign keys added after the COPY, as the generator does, and (for
#    reference) present during it;
# 4. writes the comparison under "## Scale data" in docs/performance.md (target: generator ≥ 0.5× psql's speed).
#
# The server: PGHOST/PGPORT/PGUSER of a role that may create databases, or, with none set, a throwaway cluster
# started here as the `postgres` OS user (PostgreSQL refuses to run as root) and deleted afterwards.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/plantracker-scale-bench-XXXXXX)
chmod 755 "$work"
database=scale_bench
started_cluster=""

cleanup() {
    if [[ -n "$started_cluster" ]]; then
        as_postgres "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [[ -z "${PGHOST:-}${PGPORT:-}" ]]; then
    [[ $(id -u) -eq 0 ]] && chown postgres "$work"
    export PGHOST=127.0.0.1 PGPORT=$((20000 + RANDOM % 20000)) PGUSER=postgres
    as_postgres "$pgbin/initdb" -D "$work/data" -A trust -U postgres -E UTF8 >/dev/null
    as_postgres "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
        -o "-p $PGPORT -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
    started_cluster=yes
fi
export PGUSER=${PGUSER:-postgres}

echo "building the CLI (Release) …"
dotnet build "$repo/src/PlanTracker.Cli" -c Release -v q -nologo >/dev/null
cli="$repo/src/PlanTracker.Cli/bin/Release/net10.0/plantracker.dll"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
export ConnectionStrings__PlanTracker="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$database${PGPASSWORD:+;Password=$PGPASSWORD}"
dotnet "$cli" migrate >/dev/null 2>&1

echo "generating (timed) …"
start=$(date +%s.%N)
dotnet "$cli" generate-scale-data "$@" 2>&1 | tee "$work/generator.log"
generator_seconds=$(echo "$(date +%s.%N) - $start" | bc)

echo "exporting progress_reports …"
psql -X -q -d $database -c "\\copy progress_reports TO '$work/progress_reports.copy'"
# Two ways for psql, both into an empty copy with the same indexes and checks: (a) as the generator does it, foreign
# keys added after the COPY (one join checks them all); (b) foreign keys present during the COPY (a check per row).
copy_table() {  # $1 = when the foreign keys come: after | during
    psql -X -q -d $database -c "DROP TABLE IF EXISTS progress_reports_copy" \
        -c "CREATE TABLE progress_reports_copy (LIKE progress_reports INCLUDING ALL)" -c "CHECKPOINT"
    local fks="ALTER TABLE progress_reports_copy ADD FOREIGN KEY (period_id) REFERENCES reporting_periods (id),
        ADD FOREIGN KEY (task_id) REFERENCES plan_nodes (id), ADD FOREIGN KEY (unit_id) REFERENCES units (id)"
    [[ $1 == during ]] && psql -X -q -d $database -c "$fks"
    local start=$(date +%s.%N)
    if [[ $1 == after ]]; then
        psql -X -q -d $database -1 -c "\\copy progress_reports_copy FROM '$work/progress_reports.copy'" -c "$fks"
    else
        psql -X -q -d $database -c "\\copy progress_reports_copy FROM '$work/progress_reports.copy'"
    fi
    echo "$(date +%s.%N) - $start" | bc
}

echo "psql \\copy of the same rows, foreign keys added afterwards (timed) …"
psql_seconds=$(copy_table after)
echo "psql \\copy of the same rows, foreign keys checked per row (timed) …"
psql_trigger_seconds=$(copy_table during)
psql -X -q -d $database -c "DROP TABLE progress_reports_copy"

rows=$(psql -X -At -d $database -c "SELECT count(*) FROM progress_reports")
file_mb=$(du -m "$work/progress_reports.copy" | cut -f1)

GENERATOR_SECONDS=$generator_seconds PSQL_SECONDS=$psql_seconds PSQL_TRIGGER_SECONDS=$psql_trigger_seconds ROWS=$rows FILE_MB=$file_mb ARGS="$*" \
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
PGVERSION="$(psql -X -At -d $database -c 'SHOW server_version')" \
python3 - "$work/generator.log" "$repo/docs/performance.md" <<'PY'
import datetime, os, re, sys
log = open(sys.argv[1], encoding="utf-8").read()
doc_path = sys.argv[2]
rows = int(os.environ["ROWS"])
gen_total = float(os.environ["GENERATOR_SECONDS"])
psql_s = float(os.environ["PSQL_SECONDS"])
psql_t = float(os.environ["PSQL_TRIGGER_SECONDS"])
table = {}
for m in re.finditer(r"^(\w+)\s+([\d,]+)\s+([\d.]+)\s+([\d,]+)$", log, re.M):
    table[m.group(1)] = (int(m.group(2).replace(",", "")), float(m.group(3)))
gen_rows, gen_s = table["progress_reports"]
gen_rate, psql_rate = gen_rows / gen_s, rows / psql_s
ratio = gen_rate / psql_rate
all_rows = sum(r for r, _ in table.values())
args = os.environ["ARGS"] or "(defaults: --plans 10 --tasks 300 --periods 20 --indicators-per-plan 10 --seed 42)"
lines = [
    "## Scale data",
    "",
    f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.environ['CPU']}, PostgreSQL {os.environ['PGVERSION']}, "
    f"by `bench/scale-data-copy-check.sh {os.environ['ARGS']}`".rstrip() + " (Release build; the other helpers' builds and tests shared the 2 cores).",
    "",
    f"Generator options: {args}.",
    "",
    "| load of progress_reports | rows | seconds | rows/s |",
    "|---|---:|---:|---:|",
    f"| `plantracker generate-scale-data` (binary COPY, rows computed on the fly; foreign keys added back after the COPY) | {gen_rows:,} | {gen_s:.1f} | {gen_rate:,.0f} |",
    f"| `psql \\copy … FROM` of the same rows ({os.environ['FILE_MB']} MB text file) into an empty copy with the same indexes and checks, foreign keys added after the COPY, one transaction | {rows:,} | {psql_s:.1f} | {psql_rate:,.0f} |",
    f"| the same `psql \\copy`, foreign keys present during the COPY (checked row by row) | {rows:,} | {psql_t:.1f} | {rows / psql_t:,.0f} |",
    "",
    f"**Ratio: the generator loads progress reports at {ratio:.2f}× psql's `\\copy` speed** (target ≥ 0.5×: {'met' if ratio >= 0.5 else 'MISSED'}), "
    "each side loading the way it loads fastest into this schema.",
    "",
    f"Whole run: {all_rows:,} rows in {gen_total:.1f} s wall clock including the .NET start, unit seeding and ANALYZE "
    f"({all_rows / gen_total:,.0f} rows/s). Per table, as the generator printed it:",
    "",
    "| table | rows | seconds | rows/s |",
    "|---|---:|---:|---:|",
]
for name, (r, s) in table.items():
    lines.append(f"| {name} | {r:,} | {s:.1f} | {r / s if s else 0:,.0f} |")
lines += [
    "",
    "Repeat with `bench/scale-data-copy-check.sh` (add generator options for a smaller run, e.g. `--plans 2`).",
    "",
]
section = "\n".join(lines)
doc = open(doc_path, encoding="utf-8").read() if os.path.exists(doc_path) else "# Performance\n\n"
pattern = re.compile(r"^## Scale data\n.*?(?=^## |\Z)", re.M | re.S)
doc = pattern.sub(lambda _: section + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
open(doc_path, "w", encoding="utf-8").write(doc.rstrip("\n") + "\n")
print(section)
PY
