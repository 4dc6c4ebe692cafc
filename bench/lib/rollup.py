"""Raw against rollup for bench/dashboards.sh: the task-unit status query of one plan as the app runs it
(TaskStatusSql.Ctes + the select of TaskUnitsAsync, read from the C# source so the benchmark follows the code) and the
same query with task_progress_rollups replaced by bench/sql/raw-latest-approved.sql. Each is run under
EXPLAIN (ANALYZE, BUFFERS) once to warm up and then RUNS times, with the server's JIT setting and with jit = off;
prints key=value lines (medians).

    rollup.py REPO PLAN_ID AS_OF RUNS OUT_DIR
"""
import json
import os
import re
import statistics
import subprocess
import sys

ROLLUP_JOIN = "LEFT JOIN task_progress_rollups r ON r.plan_id = @plan AND r.task_key = t.key AND r.unit_id = a.unit_id"
RAW_JOIN = "LEFT JOIN latest_approved r ON r.plan_id = @plan AND r.task_key = t.key AND r.unit_id = a.unit_id"
SELECT = """
SELECT task_id, task_key, unit_id, role, starts_on, ends_on, expected, percent, unit_says, report_id,
       due_on, current_status, returned_on, colour_rank, chapter_id, current_report_id
FROM task_unit_status
ORDER BY task_id, unit_id
"""


def raw_string(source, name):
    m = re.search(name + r'\s*=\s*"""\n(.*?)\n\s*""";', source, re.S)
    if not m:
        raise SystemExit(f"{name} not found in TaskStatusSql.cs: update bench/lib/rollup.py")
    return m.group(1)


def rollup_rows_read(node):
    """Rows a sequential scan of task_progress_rollups returned (0 when the plan reads it by index or not at all)."""
    own = node.get("Actual Rows", 0) * node.get("Actual Loops", 1) \
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") == "task_progress_rollups" else 0
    return own + sum(rollup_rows_read(child) for child in node.get("Plans", []))


def main(repo, plan, as_of, runs, out_dir):
    source = open(os.path.join(repo, "src/PlanTracker.Infrastructure/Monitoring/TaskStatusSql.cs"), encoding="utf-8").read()
    ctes = raw_string(source, "Ctes")
    if ROLLUP_JOIN not in ctes:
        raise SystemExit("the rollup join in TaskStatusSql.Ctes changed: update bench/lib/rollup.py")
    raw_cte = open(os.path.join(repo, "bench/sql/raw-latest-approved.sql"), encoding="utf-8").read()
    raw_cte = "\n".join(line for line in raw_cte.splitlines() if not line.startswith("--"))
    rollup_sql = ctes + SELECT
    raw_sql = re.sub(r"^\s*WITH ", "WITH " + raw_cte.strip() + ",\n", ctes, count=1).replace(ROLLUP_JOIN, RAW_JOIN) + SELECT

    def bind(sql):
        return sql.replace("@plan", f"{int(plan)}").replace("@as_of", f"DATE '{as_of}'")

    # Each variant with the server's JIT setting (PostgreSQL's default: on above jit_above_cost) and with it off for
    # the session: on these queries compiling them can cost more than running them.
    results = {}
    for name, sql, jits in (("rollup", rollup_sql, ("on", "off")), ("raw", raw_sql, ("on", "off"))):
        sql = bind(sql)
        open(os.path.join(out_dir, f"task-unit-status.{name}.sql"), "w", encoding="utf-8").write(sql + ";\n")
        for jit in jits:
            key = f"{name}_jit_{jit}"
            samples = []
            for i in range(runs + 1):
                text = subprocess.run(
                    ["psql", "-X", "-At", "-c", f"SET jit = {jit}", "-c", "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql],
                    check=True, capture_output=True, text=True).stdout
                plan_json = json.loads(text[text.index("["):])[0]
                if i == 0:
                    open(os.path.join(out_dir, f"task-unit-status.{key}.plan.json"), "w").write(json.dumps(plan_json, indent=1))
                    continue
                top = plan_json["Plan"]
                if i == 1:
                    print(f"{key}_rollup_scanned={rollup_rows_read(top)}")
                samples.append((plan_json["Execution Time"], plan_json["Planning Time"],
                                top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0), top.get("Actual Rows"),
                                plan_json.get("JIT", {}).get("Timing", {}).get("Total", 0.0)))
            results[key] = samples
            print(f"{key}_exec_ms={statistics.median(s[0] for s in samples):.1f}")
            print(f"{key}_plan_ms={statistics.median(s[1] for s in samples):.1f}")
            print(f"{key}_jit_ms={statistics.median(s[4] for s in samples):.1f}")
            print(f"{key}_buffers={int(statistics.median(s[2] for s in samples)):,}")
            print(f"{key}_rows={samples[0][3]:,}")
    for jit in ("on", "off"):
        rollup_ms = statistics.median(s[0] for s in results[f"rollup_jit_{jit}"])
        raw_ms = statistics.median(s[0] for s in results[f"raw_jit_{jit}"])
        print(f"speedup_jit_{jit}={raw_ms / rollup_ms:.1f}")
    print(f"runs={runs}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
