# The portal for the dashboard benchmark: the Release publish output started in the Production environment on a free
# loopback port, and a planner's session for the load tools. Sourced by bench/dashboards.sh.
# Needs: $run_dir, $web_dir, the PG* variables of cluster.sh. Sets app_pid, app_url, cookie.

app_pid=""
# Production sits behind the ministry's TLS proxy: the benchmark sends what that proxy forwards, so the Secure
# session cookie (__Host-PlanTracker) is issued and accepted as in production.
proxy_header="X-Forwarded-Proto: https"

app_start() {
    local port
    port=$(free_port)
    app_url="http://127.0.0.1:$port"
    (
        cd "$web_dir"
        # The warning scan would judge all ten plans at start-up (seconds of CPU on the same two cores): it is
        # measured on its own (docs/monitoring-rules.md), so the page runs here go without it.
        ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Monitoring__DailyScan=false \
        Urls="$app_url" \
        ConnectionStrings__PlanTracker="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$PGDATABASE" \
        exec dotnet PlanTracker.Web.dll
    ) >"$run_dir/app.log" 2>&1 &
    app_pid=$!
    local i
    for i in $(seq 1 120); do
        if curl -fs -o /dev/null "$app_url/health/ready"; then return 0; fi
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "the app stopped while starting; its log:" >&2; tail -30 "$run_dir/app.log" >&2; return 1
        fi
        sleep 0.5
    done
    echo "the app did not answer /health/ready within 60 s" >&2
    return 1
}

app_stop() {
    if [[ -n "$app_pid" ]]; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
        app_pid=""
    fi
}

app_memory() {  # "peak_mb rss_mb" of the app process now
    awk '/^VmHWM:/ { hwm = $2 } /^VmRSS:/ { rss = $2 } END { printf "%.0f %.0f\n", hwm / 1024, rss / 1024 }' "/proc/$app_pid/status"
}

# Signs in as $1 with password $2 through the sign-in form (antiforgery token + cookie), and sets $cookie to the
# session cookie(s) as one Cookie header value.
app_sign_in() {
    local user=$1 password=$2 form token antiforgery status
    form=$(curl -fsS -H "$proxy_header" -D "$run_dir/signin-get.headers" "$app_url/account/signin")
    token=$(grep -oP 'name="__RequestVerificationToken"[^>]*value="\K[^"]+' <<<"$form" | head -1)
    antiforgery=$(grep -i '^set-cookie:' "$run_dir/signin-get.headers" | sed -E 's/^[^:]+: *([^;]+).*/\1/' | tr -d '\r' | paste -sd';' | sed 's/;/; /g')
    [[ -n "$token" && -n "$antiforgery" ]] || { echo "no antiforgery token on the sign-in page" >&2; return 1; }
    status=$(curl -sS -o /dev/null -w '%{http_code}' -H "$proxy_header" -H "Cookie: $antiforgery" \
        -D "$run_dir/signin-post.headers" \
        --data-urlencode "UserName=$user" --data-urlencode "Password=$password" \
        --data-urlencode "__RequestVerificationToken=$token" "$app_url/account/signin")
    [[ $status == 302 ]] || { echo "sign-in as $user answered $status, not 302" >&2; return 1; }
    cookie=$(grep -i '^set-cookie:' "$run_dir/signin-post.headers" | sed -E 's/^[^:]+: *([^;]+).*/\1/' | tr -d '\r' \
        | grep -v '^\.AspNetCore\.Antiforgery' | paste -sd';' | sed 's/;/; /g')
    [[ -n "$cookie" ]] || { echo "sign-in set no session cookie" >&2; return 1; }
}

page_status() {  # HTTP status of a GET of $1 with the session
    curl -s -o /dev/null -w '%{http_code}' -H "$proxy_header" -H "Cookie: $cookie" "$app_url$1"
}
