#!/usr/bin/env bash
# The backup routine at volume: `plantracker backup` of a generated database and `plantracker restore` of it into a
# second, new and empty PostgreSQL cluster, with the tool's consistency check — and the dump's size and both times.
#
#   bash bench/backup-restore.sh [generator options, default: --plans 1 --tasks 300 --periods 20]
#   bash bench/backup-restore.sh --plans 10 --tasks 300 --periods 20      # the national scale-data volume
#
# Two throwaway clusters are started here (as the `postgres` OS user: PostgreSQL refuses to run as root) on free
# loopback ports and deleted afterwards. Prints one line of figures; docs/reliability.md ("Backup and restore") keeps them.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/plantracker-backup-bench-XXXXXX)
chmod 755 "$work"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
started=()

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    for data in "${started[@]}"; do
        as_postgres "$pgbin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

cluster() {  # cluster NAME PORT: a new empty cluster in $work/NAME listening on 127.0.0.1:PORT
    local data="$work/$1" port=$2
    mkdir -p "$data"
    [[ $(id -u) -eq 0 ]] && chown postgres "$data"
    chmod 700 "$data"
    as_postgres "$pgbin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
    started+=("$data")
}

[[ $# -gt 0 ]] || set -- --plans 1 --tasks 300 --periods 20
source_port=$((20000 + RANDOM % 10000))
target_port=$((30000 + RANDOM % 10000))
cluster source "$source_port"
cluster target "$target_port"

echo "building the CLI (Release) …"
dotnet build "$repo/src/PlanTracker.Cli" -c Release -v q -nologo >/dev/null
cli="$repo/src/PlanTracker.Cli/bin/Release/net10.0/plantracker.dll"

source_db="Host=127.0.0.1;Port=$source_port;Username=postgres;Database=plantracker"
target_db="Host=127.0.0.1;Port=$target_port;Username=postgres;Database=plantracker_restored"
psql -X -q -h 127.0.0.1 -p "$source_port" -U postgres -d postgres -c "CREATE DATABASE plantracker"
ConnectionStrings__PlanTracker="$source_db" dotnet "$cli" migrate >/dev/null
echo "generating $* …"
ConnectionStrings__PlanTracker="$source_db" dotnet "$cli" generate-scale-data "$@" --today 2026-11-26 | tail -1

echo "backup …"
start=$(date +%s.%N)
ConnectionStrings__PlanTracker="$source_db" dotnet "$cli" backup --out "$work/portal.dump" | tee "$work/backup.log"
backup_seconds=$(echo "$(date +%s.%N) - $start" | bc)

echo "restore into the new empty cluster …"
start=$(date +%s.%N)
dotnet "$cli" restore --from "$work/portal.dump" --into "$target_db" | tee "$work/restore.log"
restore_seconds=$(echo "$(date +%s.%N) - $start" | bc)

database_bytes=$(psql -X -qtA -h 127.0.0.1 -p "$source_port" -U postgres -d plantracker -c "SELECT pg_database_size('plantracker')")
reports=$(psql -X -qtA -h 127.0.0.1 -p "$source_port" -U postgres -d plantracker -c "SELECT count(*) FROM progress_reports")
dump_bytes=$(stat -c %s "$work/portal.dump")
printf 'volume: %s | progress_reports: %s | database: %s MB | dump: %s MB | backup: %.1f s | restore + check: %.1f s | consistent: %s\n' \
    "$*" "$reports" "$((database_bytes / 1048576))" "$((dump_bytes / 1048576))" "$backup_seconds" "$restore_seconds" \
    "$(grep -q '一致性检查通过' "$work/restore.log" && echo yes || echo NO)"
