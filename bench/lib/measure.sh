# Measurements of one page for bench/dashboards.sh. Sourced; needs app.sh's app_url/cookie/proxy_header, $run_dir,
# $one_client_seconds, $load_seconds, $rate_share, $bench_rate, $lib_dir. Writes $run_dir/pages/NAME.env (key=value).

# pg_stat_statements over the window since the last reset, the monitoring query itself and the reset excluded:
# statements, calls, planning, execution and JIT-compiling milliseconds (JIT time is part of execution).
sql_window() {
    psql -X -At -F ' ' -c "
        SELECT count(*), coalesce(sum(calls), 0), round(coalesce(sum(total_plan_time), 0)::numeric, 3),
               round(coalesce(sum(total_exec_time), 0)::numeric, 3),
               round(coalesce(sum(jit_generation_time + jit_inlining_time + jit_optimization_time + jit_emission_time), 0)::numeric, 3)
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'"
}

sql_top() {  # the statements of the window by total time, for the run directory
    psql -X -c "
        SELECT calls, round((total_plan_time + total_exec_time)::numeric / calls, 3) AS ms_per_call,
               round(total_exec_time::numeric, 1) AS exec_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
        ORDER BY total_plan_time + total_exec_time DESC LIMIT 12"
}

# Open-loop-ish load at a fixed total rate: 16 single-worker hey processes, each rate/16 per second, started 1/rate
# apart so their ticks interleave (one hey with -c 16 -q fires its 16 workers on the same tick: bursts of 16).
# Each sends a fixed count, so a request that failed at the socket shows as a missing CSV row.
fixed_rate_load() {  # $1 = url, $2 = total rate, $3 = seconds, $4 = output prefix
    local url=$1 rate=$2 seconds=$3 prefix=$4 q count i
    q=$(python3 -c "print(round($rate / 16, 4))")
    count=$(python3 -c "print(max(1, round($seconds * $rate / 16)))")
    for i in $(seq 0 15); do
        (
            sleep "$(python3 -c "print($i / $rate)")"
            hey -n "$count" -c 1 -q "$q" -t 20 -disable-redirects -o csv \
                "${auth[@]}" "$url" >"$prefix.$i.csv" 2>"$prefix.$i.err"
        ) &
    done
    wait
    echo "$count"
}

measure_page() {  # $1 = name, $2 = path, $3 = "anonymous" to send no session cookie
    local name=$1 path=$2 out="$run_dir/pages/$1" status url
    local auth=(-H "$proxy_header" -H "Cookie: $cookie")
    [[ ${3:-} == anonymous ]] && auth=(-H "$proxy_header")
    url="$app_url$path"
    mkdir -p "$run_dir/pages"
    status=$(page_status "$path")
    {
        echo "name=$name"
        echo "path=$path"
        echo "status=$status"
    } >"$out.env"
    if [[ $status != 200 ]]; then
        echo "  $name: $path answered $status — not available, skipped"
        return 0
    fi
    echo "  $name: $path${3:+ ($3)}"

    # Warm-up (JIT tiers, plan caches, the buffer cache), not counted.
    hey -z 3s -c 2 -disable-redirects "${auth[@]}" "$url" >/dev/null 2>&1

    # (a) one client, sequential, and (b) the SQL of the same requests from pg_stat_statements.
    psql -X -q -At -c "SELECT pg_stat_statements_reset()" >/dev/null
    hey -z "${one_client_seconds}s" -c 1 -disable-redirects "${auth[@]}" "$url" >"$out.one-client.txt" 2>&1
    read -r statements calls plan_ms exec_ms jit_ms < <(sql_window)
    sql_top >"$out.sql-top.txt"
    python3 "$lib_dir/results.py" hey-summary "$out.one-client.txt" one_ >>"$out.env"
    echo "sql_statements=$statements" >>"$out.env"
    echo "sql_calls=$calls" >>"$out.env"
    echo "sql_plan_ms=$plan_ms" >>"$out.env"
    echo "sql_exec_ms=$exec_ms" >>"$out.env"
    echo "sql_jit_ms=$jit_ms" >>"$out.env"

    # (c) throughput: wrk, closed loop, 2 threads, 16 connections.
    wrk -t2 -c16 -d"${load_seconds}s" --timeout 20s --latency "${auth[@]}" "$url" >"$out.wrk.txt" 2>&1
    python3 "$lib_dir/results.py" wrk "$out.wrk.txt" >>"$out.env"

    # (d) latency at a fixed rate (a share of this page's wrk throughput, or BENCH_RATE), 16 clients.
    local rps rate count
    rps=$(sed -n 's/^wrk_rps=//p' "$out.env")
    rate=${bench_rate:-$(python3 -c "print(max(0.5, round($rps * $rate_share, 2)))")}
    local begun ended
    begun=$(date +%s.%N)
    count=$(fixed_rate_load "$url" "$rate" "$load_seconds" "$out.rate")
    ended=$(date +%s.%N)
    echo "rate=$rate" >>"$out.env"
    python3 "$lib_dir/results.py" hey-csv "$count" "$out".rate.*.csv >>"$out.env"
    echo "rate_seconds=$(echo "$ended - $begun" | bc)" >>"$out.env"
    rm -f "$out".rate.*.csv

    # Still signed in? (wrk counts a redirect to the sign-in page as a success.)
    echo "status_after=$(page_status "$path")" >>"$out.env"
    read -r peak rss < <(app_memory)
    echo "peak_mb_after=$peak" >>"$out.env"
    echo "rss_mb_after=$rss" >>"$out.env"
    grep -E '^(one_p50_ms|sql_calls|one_count|wrk_rps|rate_p95_ms|rate_errors|wrk_errors)=' "$out.env" | paste -sd' ' | sed 's/^/    /'
}
