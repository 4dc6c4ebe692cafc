#!/usr/bin/env bash
# Dashboard benchmark: loads the monitoring pages of a Release build from loopback against the national
# volume of generated data and writes the "## Dashboards" section of docs/performance.md.
#
#   bash bench/dashboards.sh
#
# Options (environment):
#   BENCH_SCALE=full|small       full (default): the generator's defaults, 10 plans × 300 tasks × 37 units × 20 periods;
#                                small: 1 plan × 30 tasks × 4 periods, to try the script out
#   BENCH_GENERATOR_ARGS="..."   other generator options instead (--today is added)
#   BENCH_TODAY=2026-11-26       the generator's --today and the pages' ?asOf=, so runs are comparable
#   BENCH_SECONDS=20             duration of the wrk run and of the fixed-rate run, per page
#   BENCH_ONE_CLIENT_SECONDS=10  duration of the one-client run, per page
#   BENCH_RATE_SHARE=0.7         fixed rate = this share of the page's wrk throughput ...
#   BENCH_RATE=                  ... or this many requests/s for every page
#   BENCH_ROLLUP_RUNS=5          EXPLAIN ANALYZE runs of each raw/rollup variant (median reported)
#   BENCH_PG_EXTRA="-c jit=off"  further PostgreSQL server options (e.g. to compare a setting); named in the report
#   BENCH_NO_BUILD=1             reuse the last publish output (while changing the script only)
#   BENCH_DOC=docs/performance.md
#
# What it does: installs wrk and hey (Debian) when missing; publishes the web app and the CLI in Release to .bench/out;
# starts a PostgreSQL cluster of its own in .bench/pg-SCALE (kept between runs: the data is generated once per scale
# and generator options) with pg_stat_statements; migrates it, fills it with `plantracker generate-scale-data`, adds a
# planner `bench-planner` (random password kept in .bench/); starts the app (Production) on a free loopback port; signs
# in through the form; measures each page (bench/lib/measure.sh); compares the task-unit status query over the rollup
# with the raw query (bench/lib/rollup.py); writes the section; stops the app and the cluster, also on failure.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
lib_dir="$repo/bench/lib"
bench_dir="$repo/.bench"
scale_name=${BENCH_SCALE:-full}
today=${BENCH_TODAY:-2026-11-26}
load_seconds=${BENCH_SECONDS:-20}
one_client_seconds=${BENCH_ONE_CLIENT_SECONDS:-10}
rate_share=${BENCH_RATE_SHARE:-0.7}
bench_rate=${BENCH_RATE:-}
rollup_runs=${BENCH_ROLLUP_RUNS:-5}
doc=${BENCH_DOC:-docs/performance.md}
[[ $doc == /* ]] || doc="$repo/$doc"
case "$scale_name" in
    full) default_args="" ;;
    small) default_args="--plans 1 --tasks 30 --periods 4" ;;
    *) echo "BENCH_SCALE must be full or small" >&2; exit 2 ;;
esac
generator_args="${BENCH_GENERATOR_ARGS:-$default_args} --today $today"
generator_args=${generator_args# }
pg_options="-c shared_buffers=1GB -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c pg_stat_statements.max=10000${BENCH_PG_EXTRA:+ $BENCH_PG_EXTRA}"

mkdir -p "$bench_dir"
chmod 755 "$bench_dir"
run_dir="$bench_dir/run-$scale_name"
rm -rf "$run_dir"
mkdir -p "$run_dir/pages"

# shellcheck source=bench/lib/cluster.sh
source "$lib_dir/cluster.sh"
# shellcheck source=bench/lib/app.sh
source "$lib_dir/app.sh"
# shellcheck source=bench/lib/measure.sh
source "$lib_dir/measure.sh"

cleanup() {
    app_stop
    cluster_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
say() { printf '[%4ss] %s\n' $(($(date +%s) - started)) "$*"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Tools and the Release build.
missing=()
for tool in wrk hey; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    say "installing ${missing[*]} (Debian) …"
    apt-get install -y "${missing[@]}" >/dev/null
fi
web_dir="$bench_dir/out/web"
cli_dir="$bench_dir/out/cli"
if [[ -n "${BENCH_NO_BUILD:-}" && -f "$web_dir/PlanTracker.Web.dll" && -f "$cli_dir/plantracker.dll" ]]; then
    say "BENCH_NO_BUILD: using the previous publish output in .bench/out"
else
say "publishing the web app and the CLI (Release) …"
dotnet publish "$repo/src/PlanTracker.Web" -c Release -o "$web_dir" -v q -nologo >"$run_dir/publish-web.log" 2>&1 \
    || { tail -20 "$run_dir/publish-web.log" >&2; exit 1; }
dotnet publish "$repo/src/PlanTracker.Cli" -c Release -o "$cli_dir" -v q -nologo >"$run_dir/publish-cli.log" 2>&1 \
    || { tail -20 "$run_dir/publish-cli.log" >&2; exit 1; }
fi
cli() {
    ConnectionStrings__PlanTracker="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$PGDATABASE" \
        dotnet "$cli_dir/plantracker.dll" "$@"
}

# 2. The database: reused when it holds the data this run asks for.
password_file="$bench_dir/pg-$scale_name.planner-password"
scale_data_start
psql -X -q -c "VACUUM ANALYZE" >/dev/null

if [[ ! -s "$password_file" ]]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' | sed 's/$/aA1!/' >"$password_file")
    PLANTRACKER_NEW_PASSWORD=$(cat "$password_file") cli add-user bench-planner --role Planner --name 基准测试 \
        >"$run_dir/add-user.log" 2>&1 || { cat "$run_dir/add-user.log" >&2; exit 1; }
fi

# 3. The pages' ids, from the generated data.
read -r plan_id task_id indicator_id period_id < <(psql -X -At -F ' ' -v today="$today" -f "$repo/bench/sql/page-ids.sql")
[[ -n "${period_id:-}" ]] || { echo "no generated plan with a task, an indicator and an open period" >&2; exit 1; }
data_summary=$(psql -X -At -f "$repo/bench/sql/data-summary.sql")

# 4. The app, signed in.
say "starting the app (Release, Production) …"
app_start
app_sign_in bench-planner "$(cat "$password_file")"
say "app at $app_url (pid $app_pid), signed in; measuring …"
# Does a signed-in request re-issue the session cookie? (Told in the report's note on what a session costs.)
session_renews=$(curl -s -D - -o /dev/null -H "$proxy_header" -H "Cookie: $cookie" "$app_url/health/live" \
    | grep -ci '^set-cookie: __Host-PlanTracker' || true)

measure_page trivial "/health/live" anonymous
measure_page trivial-session "/health/live"
measure_page plan "/monitoring/plans/$plan_id?asOf=$today"
measure_page units "/monitoring/plans/$plan_id/units?asOf=$today"
measure_page indicator "/monitoring/indicators/$indicator_id?asOf=$today"
measure_page task "/monitoring/tasks/$task_id?asOf=$today"
measure_page matrix "/review/periods/$period_id"

say "raw against rollup (EXPLAIN ANALYZE, $rollup_runs runs each) …"
python3 "$lib_dir/rollup.py" "$repo" "$plan_id" "$today" "$rollup_runs" "$run_dir" >"$run_dir/rollup.env"
cat "$run_dir/rollup.env" | paste -sd' ' | sed 's/^/    /'

read -r peak_mb rss_mb < <(app_memory)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
app_stop

# 5. The section of docs/performance.md.
commit=$(git -C "$repo" rev-parse --short HEAD)
git -C "$repo" diff --quiet HEAD -- src || commit="$commit + uncommitted changes"
if [[ -n "$bench_rate" ]]; then rate_rule="$bench_rate req/s for every page (BENCH_RATE)"; else
    rate_rule="$rate_share × the page's wrk req/s"; fi
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M') UTC"
    echo "scale=$scale_name"
    echo "commit=$commit"
    echo "cpu=$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
    echo "memory=$(free -g | awk '/^Mem:/ { print $2 }') GB RAM"
    echo "pg_version=$(psql -X -At -c 'SHOW server_version')"
    echo "dotnet=$(dotnet --version)"
    echo "load_before=$load_before"
    echo "load_after=$load_after"
    echo "generator_args=$generator_args"
    echo "data_summary=$data_summary"
    echo "plan_id=$plan_id"
    echo "task_id=$task_id"
    echo "indicator_id=$indicator_id"
    echo "period_id=$period_id"
    echo "today=$today"
    echo "pg_options=$pg_options"
    echo "one_client_seconds=$one_client_seconds"
    echo "load_seconds=$load_seconds"
    echo "rate_rule=$rate_rule"
    echo "peak_mb=$peak_mb"
    echo "rss_mb=$rss_mb"
    echo "run_dir_shown=.bench/run-$scale_name"
    echo "session_renews=$session_renews"
} >"$run_dir/run.env"
python3 "$lib_dir/results.py" report "$run_dir" "$doc"
say "done: the \"Dashboards\" section of ${doc#"$repo"/} is written."
