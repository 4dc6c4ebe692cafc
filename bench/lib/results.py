"""Parsers of the load tools' output (key=value lines for bench/dashboards.sh) and the writer of the "Dashboards"
section of docs/performance.md.

    results.py wrk FILE                     wrk --latency output -> wrk_* keys
    results.py hey-summary FILE PREFIX      hey summary output -> PREFIX* keys
    results.py hey-csv EXPECTED FILE...     hey -o csv files of fixed-count runs -> rate_* keys
    results.py report RUN_DIR DOC           writes the section from RUN_DIR/run.env, pages/*.env, rollup.env
"""
import datetime
import glob
import math
import os
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def percentile(sorted_values, p):
    """Nearest rank."""
    if not sorted_values:
        return None
    k = max(0, math.ceil(p / 100 * len(sorted_values)) - 1)
    return sorted_values[k]


def wrk(path):
    text = open(path, encoding="utf-8").read()
    out = {}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    out["wrk_rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    out["wrk_requests"] = int(m.group(1)) if m else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["wrk_socket_errors"] = sum(int(g) for g in socket.groups()) if socket else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["wrk_non2xx"] = int(m.group(1)) if m else 0
    out["wrk_errors"] = out["wrk_socket_errors"] + out["wrk_non2xx"]
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+\w+)", text, re.M)
        out[f"wrk_p{pct}_ms"] = round(ms(m.group(1)), 2) if m else ""
    return out


def hey_summary(path, prefix):
    text = open(path, encoding="utf-8").read()
    out = {}
    for pct in ("50", "95", "99"):
        m = re.search(rf"^\s+{pct}% in ([\d.]+) secs", text, re.M)
        out[f"{prefix}p{pct}_ms"] = round(float(m.group(1)) * 1000, 2) if m else ""
    m = re.search(r"^\s+Average:\s+([\d.]+) secs", text, re.M)
    out[f"{prefix}mean_ms"] = round(float(m.group(1)) * 1000, 2) if m else ""
    ok = errors = 0
    for code, n in re.findall(r"^\s+\[(\d{3})\]\s+(\d+) responses", text, re.M):
        if code.startswith("2"):
            ok += int(n)
        else:
            errors += int(n)
    section = text.split("Error distribution:", 1)
    if len(section) == 2:
        errors += sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]", section[1], re.M))
    out[f"{prefix}count"] = ok + errors
    out[f"{prefix}errors"] = errors
    return out


def hey_csv(expected, paths):
    times, non2xx, rows = [], 0, 0
    for path in paths:
        for line in open(path, encoding="utf-8").read().splitlines()[1:]:
            cells = line.split(",")
            if len(cells) < 7:
                continue
            rows += 1
            times.append(float(cells[0]) * 1000)
            if not cells[6].startswith("2"):
                non2xx += 1
    times.sort()
    sent = expected * len(paths)
    out = {"rate_sent": sent, "rate_count": rows, "rate_errors": non2xx + (sent - rows)}
    for p in (50, 95, 99):
        v = percentile(times, p)
        out[f"rate_p{p}_ms"] = round(v, 2) if v is not None else ""
    out["rate_max_ms"] = round(times[-1], 2) if times else ""
    return out


def read_env(path):
    values = {}
    for line in open(path, encoding="utf-8").read().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            values[k] = v
    return values


def num(values, key):
    v = values.get(key, "")
    try:
        return float(v)
    except ValueError:
        return None


def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}"


def next_step(failed, one, sql_ms, queries):
    steps = []
    if one is not None and sql_ms is not None and sql_ms >= 0.5 * one:
        steps.append("PostgreSQL is half the time or more: read the page's top statements (pages/NAME.sql-top.txt) with "
                     "EXPLAIN (ANALYZE, BUFFERS); aggregate over the rollup or add a rollup where a statement reads raw reports")
    if "1-client≤SQL+5ms" in failed:
        steps.append("for the app's own time (beyond the session's, below): fewer round trips "
                     f"({fmt(queries, 1)} statements a page; batch them or fold them into one CTE), then profile the "
                     "rendering (dotnet-trace) for large tables or charts built row by row")
    if "p95<100ms" in failed and not steps:
        steps.append("queueing at 16 clients: cut the per-request cost first (above); cache the plan-wide figures per "
                     "as-of day and invalidate on approval if that is not enough")
    if "≥0.08×trivial" in failed and not steps:
        app_ms = None if one is None or sql_ms is None else one - sql_ms
        steps.append(f"throughput is bound by the app's own time per request ({fmt(app_ms, 1)} ms at one client beside "
                     f"{fmt(sql_ms, 2)} ms of SQL: rendering the page, its tables and its charts' JSON, since the figures "
                     "come from the data-version cache); cache the rendered figure sections under the same data version "
                     "(the `<cache>` tag helper keyed by it; the layout with its per-user antiforgery token stays per "
                     "request), and hold one pooled connection per request instead of one per query "
                     f"({fmt(queries, 0)} statements a page, half of them `DISCARD ALL`)")
    return "; ".join(steps) + "."


FLOORS = ("trivial", "trivial-session")

PAGES = [
    ("trivial", "trivial endpoint, anonymous (floor a)"),
    ("trivial-session", "trivial endpoint with the session cookie"),
    ("plan", "plan overview"),
    ("units", "unit map"),
    ("indicator", "indicator page"),
    ("task", "task page"),
    ("matrix", "completeness matrix"),
]


def report(run_dir, doc_path):
    run = read_env(os.path.join(run_dir, "run.env"))
    pages = {}
    for path in glob.glob(os.path.join(run_dir, "pages", "*.env")):
        values = read_env(path)
        pages[values["name"]] = values
    trivial = pages.get("trivial", {})
    trivial_rps = num(trivial, "wrk_rps")
    session = pages.get("trivial-session", {})
    session_rps = num(session, "wrk_rps")
    peak = num(run, "peak_mb")
    rows, misses, notes = [], [], []
    for key, label in PAGES:
        p = pages.get(key)
        if p is None:
            continue
        if p.get("status") != "200":
            rows.append(f"| {label} | `{p['path']}` | not available (HTTP {p.get('status')}) | | | | | | | | | | |")
            misses.append(f"{label}: not available in this build (`{p['path']}` answered {p.get('status')}).")
            continue
        count = num(p, "one_count") or 0
        sql_total = (num(p, "sql_plan_ms") or 0) + (num(p, "sql_exec_ms") or 0)
        sql_ms = sql_total / count if count else None
        queries = (num(p, "sql_calls") or 0) / count if count else None
        jit = (num(p, "sql_jit_ms") or 0) / count if count else 0
        jit_note = f", JIT {fmt(jit, 1)} ms" if jit >= 0.05 else ""
        one = num(p, "one_p50_ms")
        rps = num(p, "wrk_rps")
        ratio = rps / trivial_rps if rps is not None and trivial_rps else None
        session_ratio = rps / session_rps if rps is not None and session_rps else None
        seconds = num(p, "rate_seconds")
        achieved = (num(p, "rate_count") or 0) / seconds if seconds else None
        p95 = num(p, "rate_p95_ms")
        errors = int((num(p, "wrk_errors") or 0) + (num(p, "rate_errors") or 0) + (num(p, "one_errors") or 0))
        if p.get("status_after") != "200":
            errors_note = f" (after the run the page answered {p.get('status_after')}: figures suspect)"
        else:
            errors_note = ""
        marks = []
        if key not in FLOORS:
            checks = [
                ("p95<100ms", p95 is not None and p95 < 100 and errors == 0),
                ("1-client≤SQL+5ms", one is not None and sql_ms is not None and one <= sql_ms + 5),
                ("≥0.08×trivial", ratio is not None and ratio >= 0.08),
            ]
            marks = [f"{'✓' if ok else '✗'} {name}" for name, ok in checks]
            failed = [name for name, ok in checks if not ok]
            if failed:
                misses.append(f"{label}: missed {', '.join(failed)} (p95 {fmt(p95)} ms, {errors} errors, 1-client p50 "
                              f"{fmt(one)} ms vs SQL {fmt(sql_ms)} ms in {fmt(queries, 1)} statements, {fmt(ratio, 3)}× "
                              f"trivial). Next: {next_step(failed, one, sql_ms, queries)}")
        rows.append(
            f"| {label} | `{p['path']}` | {fmt(rps, 0)} | {fmt(ratio, 3)} | {fmt(session_ratio, 2)} | {fmt(one, 2)} | "
            f"{fmt(sql_ms, 2)} ({fmt(queries, 1)} q{jit_note}) | {fmt(None if one is None or sql_ms is None else one - sql_ms, 2)} | "
            f"{fmt(num(p, 'rate'), 1)} ({fmt(achieved, 1)}) | {fmt(num(p, 'rate_p50_ms'), 1)} / {fmt(p95, 1)} / {fmt(num(p, 'rate_p99_ms'), 1)} | "
            f"{errors}{errors_note} | {fmt(num(p, 'peak_mb_after'), 0)} | {'<br>'.join(marks) or '(floor)'} |")
    session_one, trivial_one = num(session, "one_p50_ms"), num(trivial, "one_p50_ms")
    session_count = num(session, "one_count") or 0
    if session_one is not None and trivial_one is not None and session_count:
        session_q = (num(session, "sql_calls") or 0) / session_count
        session_sql = ((num(session, "sql_plan_ms") or 0) + (num(session, "sql_exec_ms") or 0)) / session_count
        renewal = ", and the session cookie re-issued with each response" if run.get("session_renews", "0") not in ("", "0") else ""
        session_ratio_all = session_rps / trivial_rps if session_rps and trivial_rps else None
        text = (f"Every signed-in request pays for its session before the page's own work: the trivial endpoint with the "
                f"cookie takes {fmt(session_one, 1)} ms at one client against {fmt(trivial_one, 1)} ms without it, with "
                f"{fmt(session_q, 0)} SQL statements ({fmt(session_sql, 2)} ms of PostgreSQL time: the one-query "
                f"`SessionCheck` of decision 0008 and its connection's `DISCARD ALL`{renewal}), and serves "
                f"{fmt(session_rps, 0)} req/s against {fmt(trivial_rps, 0)} "
                f"({fmt(session_ratio_all, 3)}×): that ceiling is shared by every signed-in page.")
        if session_ratio_all is not None and session_ratio_all < 0.08:
            misses.append(text + " Next: hold one connection per request, and keep the account check's answer for the "
                          "request's lifetime only (never across requests, so a stamp change still ends the session at once).")
        else:
            notes.append(text)
    memory_ok = peak is not None and peak < 500
    if not memory_ok:
        misses.append(f"app memory: peak {fmt(peak, 0)} MB (target < 500 MB).")

    rollup = read_env(os.path.join(run_dir, "rollup.env")) if os.path.exists(os.path.join(run_dir, "rollup.env")) else {}
    lines = [
        "## Dashboards",
        "",
        f"Measured {run['date']} by `bash bench/dashboards.sh` (BENCH_SCALE={run['scale']}) at commit `{run['commit']}` "
        f"on {run['cpu']}, {run['memory']}, PostgreSQL {run['pg_version']}, .NET {run['dotnet']}; load average "
        f"{run['load_before']} before the run and {run.get('load_after', '?')} at its end (1, 5, 15 min; the machine is shared: other builds and tests may have run at the same time).",
        "",
        f"Data: `plantracker generate-scale-data {run['generator_args']}` — {run['data_summary']}. "
        f"Pages of plan {run['plan_id']} (the first generated plan) as of {run['today']}: task {run['task_id']}, "
        f"indicator {run['indicator_id']}, period {run['period_id']} (its latest open period). Signed in as a planner.",
        "",
        "How: the Release build (`dotnet publish -c Release`) in the Production environment on a loopback port, its own "
        "PostgreSQL cluster (`" + run["pg_options"].strip() + "`), the load tools on the same 2 cores. Per page: a 3 s "
        f"warm-up; **1 client**: `hey -c 1 -z {run['one_client_seconds']}s` → p50, while pg_stat_statements "
        "(track_planning on) records the same requests → **SQL ms** = (planning + execution time of every statement) ÷ "
        f"requests, with the statements per request (q); **req/s**: `wrk -t2 -c16 -d{run['load_seconds']}s`; "
        f"**fixed rate**: {run['rate_rule']}, 16 clients for {run['load_seconds']} s (16 single-worker `hey -q` processes "
        "with staggered starts, so requests arrive spread out rather than in bursts of 16) → p50/p95/p99. **Errors**: "
        "non-2xx responses and socket errors of all three runs (redirects are not followed, so a lost session shows). "
        "**Peak MB**: the app's VmHWM after that page.",
        "",
        "| page | URL | req/s (wrk, 16 conn.) | ÷ trivial | ÷ trivial with session | 1-client p50 ms | SQL ms (q/page) | 1-client − SQL ms | fixed rate req/s (achieved) | p50 / p95 / p99 ms at that rate | errors | peak MB | targets |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        f"**App memory**: peak (VmHWM) {fmt(peak, 0)} MB, resident at the end {fmt(num(run, 'rss_mb'), 0)} MB "
        f"(target < 500 MB: {'✓' if memory_ok else '✗'}).",
        "",
    ]
    if rollup:
        lines += [
            "**Raw against rollup** — the task-unit status query of the plan (`TaskStatusSql.Ctes` + the select of "
            "`TaskUnitsAsync`, every assignment of the plan), `EXPLAIN (ANALYZE, BUFFERS)`, median of "
            f"{rollup.get('runs')} runs after one warm-up each, with PostgreSQL's JIT as the server has it (on, the "
            "default) and switched off for the session:",
            "",
            "| variant | JIT | rows | execution ms (median) | of which JIT compiling ms | planning ms | shared buffers hit + read |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for name, label in (("rollup", "with `task_progress_rollups` (kept current by the trigger)"),
                            ("raw", "raw: `DISTINCT ON` over `progress_reports` (bench/sql/raw-latest-approved.sql)")):
            for jit in ("on", "off"):
                k = f"{name}_jit_{jit}"
                lines.append(f"| {label} | {jit} | {rollup.get(k + '_rows')} | {rollup.get(k + '_exec_ms')} | "
                             f"{rollup.get(k + '_jit_ms')} | {rollup.get(k + '_plan_ms')} | {rollup.get(k + '_buffers')} |")
        lines += [
            "",
            f"The rollup makes the query {rollup.get('speedup_jit_off')}× faster with JIT off "
            f"({rollup.get('speedup_jit_on')}× with it on).",
            "",
        ]
        off_ms = float(rollup.get("rollup_jit_off_exec_ms", "0") or 0)
        scanned = int(rollup.get("rollup_jit_off_rollup_scanned", "0") or 0)
        plan_rows = int((rollup.get("rollup_jit_off_rows", "0") or "0").replace(",", ""))
        if off_ms > 100:
            misses.append(
                f"Uncached, the task-unit status query of a whole plan takes {off_ms:,.0f} ms (JIT off, as the app runs "
                f"it): more than the 100 ms budget. The pages above read their figures from the cache kept under the "
                f"plan's data version (decision 0008), so only the first request after a change to the plan pays it "
                f"(plan overview and unit map run it three to four times: about a second once). Next: compute the "
                f"statuses incrementally — keep each assignment's judged row, as the warning scan's `monitored_statuses` "
                f"does, refreshed by the same triggers that move the data version — so a cold page reads 11,100 rows "
                f"instead of judging them.")
        jit_ms = float(rollup.get("rollup_jit_on_jit_ms", "0") or 0)
        if jit_ms > 50:
            notes.append(
                f"PostgreSQL's JIT would compile the status query for {jit_ms:,.0f} ms of its "
                f"{rollup.get('rollup_jit_on_exec_ms')} ms (JIT off: {rollup.get('rollup_jit_off_exec_ms')} ms): the "
                f"app's connections run with `jit=off` (`AppDbContextOptions.WithoutJit`, decision 0008).")
    if notes:
        lines += ["**Notes.**", ""] + [f"- {n}" for n in notes] + [""]
    lines += ["**Misses and next steps.**", ""]
    if misses:
        lines += [f"- {m}" for m in misses]
    else:
        lines.append("- Every measured page met every target in this run.")
    lines += ["", "Per-page details (tool outputs, the statements of each page by time) are kept in the run directory "
              f"`{run['run_dir_shown']}` until the next run.", ""]
    section = "\n".join(lines).rstrip("\n") + "\n"
    doc = open(doc_path, encoding="utf-8").read() if os.path.exists(doc_path) else "# Performance\n\n"
    pattern = re.compile(r"^## Dashboards\n.*?(?=^## |\Z)", re.M | re.S)
    doc = pattern.sub(lambda _: section + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
    open(doc_path, "w", encoding="utf-8").write(doc.rstrip("\n") + "\n")
    print(section)


def main(argv):
    command = argv[1]
    if command == "wrk":
        values = wrk(argv[2])
    elif command == "hey-summary":
        values = hey_summary(argv[2], argv[3])
    elif command == "hey-csv":
        values = hey_csv(int(argv[2]), argv[3:])
    elif command == "report":
        report(argv[2], argv[3])
        return
    else:
        raise SystemExit(f"unknown command {command}")
    for k, v in values.items():
        print(f"{k}={v}")


if __name__ == "__main__":
    main(sys.argv)
