# PostgreSQL for the dashboard benchmark: a cluster of its own under .bench/, kept between runs (the scale data takes
# about 90 s to generate), started on a free port with pg_stat_statements. Sourced by bench/dashboards.sh.
# Needs: $bench_dir (the .bench directory), $scale_name, $pg_options. Sets PGHOST/PGPORT/PGUSER/PGDATABASE.

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {  # a TCP port nobody listens on
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return; fi
    done
}

cluster_data=""
cluster_started=""

cluster_start() {
    cluster_data="$bench_dir/pg-$scale_name"
    if [[ ! -f "$cluster_data/PG_VERSION" ]]; then
        rm -rf "$cluster_data"
        mkdir -p "$cluster_data"
        [[ $(id -u) -eq 0 ]] && chown postgres "$cluster_data"
        chmod 700 "$cluster_data"
        as_postgres "$pgbin/initdb" -D "$cluster_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=plantracker_bench
    PGPORT=$(free_port)
    # A stale postmaster.pid from a killed run would stop the start.
    as_postgres "$pgbin/pg_ctl" -D "$cluster_data" status >/dev/null 2>&1 || rm -f "$cluster_data/postmaster.pid"
    as_postgres "$pgbin/pg_ctl" -D "$cluster_data" -l "$cluster_data/server.log" -w -t 120 \
        -o "-p $PGPORT -k $cluster_data -c listen_addresses=127.0.0.1 $pg_options" start >/dev/null
    cluster_started=yes
    psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1 \
        || psql -X -q -d postgres -c "CREATE DATABASE $PGDATABASE"
    psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
}

cluster_stop() {
    if [[ -n "$cluster_started" ]]; then
        as_postgres "$pgbin/pg_ctl" -D "$cluster_data" -m fast -w stop >/dev/null 2>&1 || true
        cluster_started=""
    fi
}

# Starts the cluster with the scale data of $generator_args: reused (and migrated) when .bench/pg-SCALE holds that data,
# generated (about 90 s at full scale) when it does not. The files named in "$@" belong to that data (accounts,
# passwords) and are dropped with it. Needs: the functions cli and say, $run_dir, $generator_args.
scale_data_start() {
    local marker="$bench_dir/pg-$scale_name.generated" fresh=""
    if [[ "$(cat "$marker" 2>/dev/null)" != "$generator_args" ]]; then
        rm -rf "$marker" "$bench_dir/pg-$scale_name" "$bench_dir/pg-$scale_name.planner-password" "$@"
        fresh=yes
    fi
    say "starting PostgreSQL ($scale_name) …"
    cluster_start
    if [[ -n "$fresh" ]]; then
        say "generating: plantracker generate-scale-data $generator_args (about 90 s at full scale) …"
        # shellcheck disable=SC2086
        cli generate-scale-data $generator_args >"$run_dir/generator.log" 2>&1 || { tail -20 "$run_dir/generator.log" >&2; return 1; }
        echo "$generator_args" >"$marker"
    else
        say "reusing the generated data ($generator_args); migrating …"
        cli migrate >"$run_dir/migrate.log" 2>&1 || { tail -20 "$run_dir/migrate.log" >&2; return 1; }
    fi
}
