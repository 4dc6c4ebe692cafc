#!/usr/bin/env bash
# The evaluation report at national volume: how long `plantracker export-report` takes to read the figures of a whole
# plan and write the Word report and the Excel annex (the target: under 5 s), on the benchmark's own PostgreSQL
# with the scale data of bench/dashboards.sh (reused from .bench/ when present, generated otherwise).
# Writes the "Evaluation report" section of docs/performance.md.
#
#   BENCH_SCALE=full|small   the data volume (full: 10 plans, 111,000 assignments, 2.14 M reports)
#   BENCH_RUNS=3             runs of each export (median reported)
#   BENCH_NO_BUILD=1         reuse the CLI published in .bench/out/cli
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
lib_dir="$repo/bench/lib"
bench_dir="$repo/.bench"
scale_name=${BENCH_SCALE:-full}
today=${BENCH_TODAY:-2026-11-26}
runs=${BENCH_RUNS:-3}
doc="$repo/docs/performance.md"
case "$scale_name" in
    full) default_args="" ;;
    small) default_args="--plans 1 --tasks 30 --periods 4" ;;
    *) echo "BENCH_SCALE must be full or small" >&2; exit 2 ;;
esac
generator_args="${BENCH_GENERATOR_ARGS:-$default_args} --today $today"
generator_args=${generator_args# }
pg_options="-c shared_buffers=1GB -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements"
mkdir -p "$bench_dir"
run_dir="$bench_dir/run-evaluation-$scale_name"
rm -rf "$run_dir"
mkdir -p "$run_dir"

# shellcheck source=bench/lib/cluster.sh
source "$lib_dir/cluster.sh"
trap cluster_stop EXIT
started=$(date +%s)
say() { printf '[%4ss] %s\n' $(($(date +%s) - started)) "$*"; }

cli_dir="$bench_dir/out/cli"
if [[ -z "${BENCH_NO_BUILD:-}" || ! -f "$cli_dir/plantracker.dll" ]]; then
    say "publishing the CLI (Release) …"
    dotnet publish "$repo/src/PlanTracker.Cli" -c Release -o "$cli_dir" -v q -nologo >"$run_dir/publish-cli.log" 2>&1 \
        || { tail -20 "$run_dir/publish-cli.log" >&2; exit 1; }
fi
cli() {
    ConnectionStrings__PlanTracker="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$PGDATABASE" \
        dotnet "$cli_dir/plantracker.dll" "$@"
}

scale_data_start
psql -X -q -c "VACUUM ANALYZE" >/dev/null

plan=$(psql -X -tAc "SELECT min(id) FROM plans WHERE document_number LIKE '%〔%'")
year=$(psql -X -tAc "SELECT max(extract(year FROM ends_on))::int FROM reporting_periods WHERE plan_id = $plan AND ends_on <= DATE '$today'")
facts=$(psql -X -tAc "SELECT (SELECT count(*) FROM task_assignments a JOIN plan_nodes n ON n.id = a.task_id JOIN plan_versions v ON v.id = n.plan_version_id WHERE v.plan_id = $plan) || ' assignments, ' || (SELECT count(*) FROM progress_reports r JOIN reporting_periods pe ON pe.id = r.period_id WHERE pe.plan_id = $plan) || ' progress reports'")
say "plan $plan ($facts), year $year"

results="$run_dir/results.tsv"
: >"$results"
for format in docx xlsx; do
    for run in $(seq 1 "$runs"); do
        out="$run_dir/report-$run.$format"
        begin=$(date +%s.%N)
        line=$(cli export-report --plan "$plan" --year "$year" --format "$format" --out "$out")
        end=$(date +%s.%N)
        inside=$(sed -n 's/.*approved data, \([0-9.]*\) s.*/\1/p' <<<"$line")
        bytes=$(stat -c %s "$out")
        printf '%s\t%s\t%s\t%s\n' "$format" "$(echo "$end - $begin" | bc)" "$inside" "$bytes" >>"$results"
        say "$format run $run: $line"
    done
done
cmp -s "$run_dir/report-1.docx" "$run_dir/report-2.docx" && same=yes || same=no

python3 - "$results" "$doc" "$scale_name" "$plan" "$year" "$facts" "$same" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys, re
results, doc, scale, plan, year, facts, same, cores, load = sys.argv[1:]
rows = [line.rstrip('\n').split('\t') for line in open(results, encoding='utf-8') if line.strip()]
def median(fmt, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == fmt)
size = {fmt: int(next(r[3] for r in rows if r[0] == fmt)) for fmt in ('docx', 'xlsx')}
inside = max(median('docx', 2), median('xlsx', 2))
section = f"""## Evaluation report

`bash bench/evaluation-report.sh` ({scale} scale; {cores} cores, load {load} at the end). Plan {plan} ({facts}),
the annual report of {year}: `plantracker export-report` reading the figures from approved data and writing the
document, median of the runs.

| output | read + write inside the command | whole command (process start, connection, output) | size |
|---|---:|---:|---:|
| Word report (.docx, three charts) | {median('docx', 2):.2f} s | {median('docx', 1):.2f} s | {size['docx']:,} bytes |
| Excel annex (.xlsx) | {median('xlsx', 2):.2f} s | {median('xlsx', 1):.2f} s | {size['xlsx']:,} bytes |

Target: a whole plan's report in under 5 s — {'met' if inside < 5 else 'NOT met'} ({inside:.2f} s inside the command).
Two runs gave {'identical' if same == 'yes' else 'DIFFERENT'} Word files.
"""
text = open(doc, encoding='utf-8').read()
pattern = re.compile(r"## Evaluation report\n.*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip('\n'), text) if pattern.search(text) else text.rstrip('\n') + '\n\n' + section
open(doc, 'w', encoding='utf-8').write(text)
print(section)
PY
