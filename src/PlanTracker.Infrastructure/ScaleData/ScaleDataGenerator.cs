using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Infrastructure.ScaleData;

/// <summary>
/// Fills a migrated database with a national volume of published plans, assignments, progress reports (with their
/// events) and indicator values, through binary COPY in one transaction: either everything is stored or nothing.
/// Ids are reserved up front by moving the identity sequences (under a table lock), so the rows can reference each
/// other without reading anything back. Every value comes from a hash of the seed and the row's coordinates, so a
/// seed and a day always give the same rows. The rows are not written to the audit log: they are test volume, not
/// anybody's work.
/// </summary>
public sealed class ScaleDataGenerator(AppDbContext db, UnitSeeder unitSeeder)
{
    /// <summary>Generated plans carry document numbers starting with this; it is how a later run finds them.</summary>
    public const string DocumentNumberPrefix = "规模测试〔";

    private const int TasksPerSection = 10;
    private const int SectionsPerChapter = 3;

    private static readonly string[] TriggeredTables = ["plan_nodes", "task_assignments", "progress_reports", "indicator_values"];

    private static readonly string[] ReportingUnitKinds = ["Province", "Municipality", "AutonomousRegion", "SeparatelyPlannedCity", "Xpcc"];

    public async Task<ScaleDataSummary> GenerateAsync(ScaleDataOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Invalid() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        var total = Stopwatch.StartNew();
        await unitSeeder.SeedAsync(cancellationToken);

        // No command timeout: completing a COPY of millions of rows (index and foreign-key checks) takes minutes.
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, "LOCK TABLE plans IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var existing = Convert.ToInt32(
            await ScalarAsync(connection, $"SELECT count(*) FROM plans WHERE document_number LIKE '{DocumentNumberPrefix}%'", cancellationToken),
            CultureInfo.InvariantCulture);
        if (existing > 0 && !options.Append)
        {
            throw new ScaleDataExistsException(
                $"数据库中已有 {existing} 个生成的规划，未作任何更改（追加请用 --append） / the database already holds {existing} generated plans; nothing changed (use --append to add more)");
        }

        var units = await ReportingUnitsAsync(connection, cancellationToken);
        var layout = new Layout(options, existing, units, options.Today);

        var ids = new Ids
        {
            Plan = await ReserveAsync(connection, "plans", options.Plans, cancellationToken),
            Version = await ReserveAsync(connection, "plan_versions", options.Plans, cancellationToken),
            Node = await ReserveAsync(connection, "plan_nodes", (long)options.Plans * layout.NodesPerPlan, cancellationToken),
            Indicator = await ReserveAsync(connection, "indicators", Math.Max(1L, (long)options.Plans * options.IndicatorsPerPlan), cancellationToken),
            Period = await ReserveAsync(connection, "reporting_periods", (long)options.Plans * options.Periods, cancellationToken),
            Report = await ReserveAsync(connection, "progress_reports", layout.MaxReports, cancellationToken),
        };
        await ExecuteAsync(connection, "LOCK TABLE progress_report_events, task_assignments, indicator_values, indicator_links IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

        // The row triggers (the progress rollup re-reading each approved report's history, the dashboards' data
        // version) would run millions of times: off for the COPY (inside this transaction, so no other writer misses
        // them), then one set-based rebuild of the new plans' rollups and one bump of their data versions.
        foreach (var table in TriggeredTables)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DISABLE TRIGGER USER", cancellationToken);
        }

        var writer = new Writer(connection, layout, ids, options, progress);
        var loads = new List<TableLoad>
        {
            await writer.CopyAsync("plans", "id, title, document_number, issuer, issue_date, start_year, end_year, status, created_at", writer.Plans, cancellationToken),
            await writer.CopyAsync("plan_versions", "id, plan_id, number, status, note, created_at, published_at", writer.Versions, cancellationToken),
            await writer.CopyAsync("plan_nodes", "id, plan_version_id, parent_id, key, kind, number, title, text, position, ordinal, depth, starts_on, ends_on", writer.Nodes, cancellationToken),
            await writer.CopyAsync(
                "indicators",
                "id, plan_version_id, key, ordinal, category, name, unit, nature, direction, aggregation, baseline_year, target_year, baseline_comparison, baseline_lower, baseline_text, baseline_upper, target_comparison, target_lower, target_text, target_upper",
                writer.Indicators,
                cancellationToken),
            await writer.CopyAsync("indicator_links", "indicator_id, plan_node_id", writer.IndicatorLinks, cancellationToken),
            await writer.CopyAsync("reporting_periods", "id, plan_id, kind, year, sequence, label, starts_on, ends_on, opens_on, due_on, closes_on, status", writer.Periods, cancellationToken),
            await writer.CopyAsync("task_assignments", "task_id, unit_id, role, assigned_at", writer.Assignments, cancellationToken),
            await writer.CopyAsync(
                "progress_reports",
                "id, period_id, task_id, task_key, unit_id, status, progress, percent_complete, progress_text, achievements, problems, next_steps, investment_wan, created_at, updated_at, submitted_at, approved_at, investment_sources, milestones",
                writer.Reports,
                cancellationToken),
            await writer.CopyAsync("progress_report_events", "progress_report_id, step, actor, comment, at", writer.Events, cancellationToken),
            await writer.CopyAsync(
                "indicator_values",
                "indicator_id, indicator_key, unit_id, period_id, value, value_text, unit_of_measure, source, note, status, updated_at, approved_at, submitted_at, updated_by",
                writer.IndicatorValues,
                cancellationToken),
        };

        progress.WriteLine("task_progress_rollups …");
        var rollup = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"SELECT rebuild_task_progress_rollups(id) FROM plans WHERE id BETWEEN {ids.Plan} AND {ids.Plan + options.Plans - 1}", cancellationToken);
        await ExecuteAsync(connection, $"SELECT bump_monitoring_data_version(id) FROM plans WHERE id BETWEEN {ids.Plan} AND {ids.Plan + options.Plans - 1}", cancellationToken);
        foreach (var table in TriggeredTables)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} ENABLE TRIGGER USER", cancellationToken);
        }
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"task_progress_rollups rebuilt in {rollup.Elapsed.TotalSeconds:0.0} s"));

        await transaction.CommitAsync(cancellationToken);
        progress.WriteLine("ANALYZE …");
        await ExecuteAsync(connection, "ANALYZE plan_nodes, task_assignments, reporting_periods, progress_reports, progress_report_events, indicator_values, task_progress_rollups", cancellationToken);
        return new ScaleDataSummary(loads, total.Elapsed);
    }

    private static async Task<IReadOnlyList<(int Id, string Code)>> ReportingUnitsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, code FROM units WHERE kind = ANY(@kinds) AND is_active ORDER BY sort_order, id", connection);
        command.Parameters.AddWithValue("kinds", ReportingUnitKinds);
        var units = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add((reader.GetInt32(0), reader.IsDBNull(1) ? reader.GetInt32(0).ToString(CultureInfo.InvariantCulture) : reader.GetString(1).Trim()));
        }

        return units.Count == 0 ? throw new InvalidOperationException("没有报送单位 / no reporting units in the database") : units;
    }

    /// <summary>Moves the table's identity sequence past <paramref name="count"/> ids nobody else can take; returns the first.</summary>
    private static async Task<long> ReserveAsync(NpgsqlConnection connection, string table, long count, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var sequence = (string)(await ScalarAsync(connection, $"SELECT pg_get_serial_sequence('{table}', 'id')", cancellationToken))!;
        var last = Convert.ToInt64(
            await ScalarAsync(connection, $"SELECT setval('{sequence}', GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), (SELECT last_value FROM {sequence})) + {count})", cancellationToken),
            CultureInfo.InvariantCulture);
        return last - count + 1;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private sealed class Ids
    {
        public long Plan { get; init; }

        public long Version { get; init; }

        public long Node { get; init; }

        public long Indicator { get; init; }

        public long Period { get; init; }

        public long Report { get; init; }
    }

    private sealed record Period(int Year, int Quarter, DateOnly StartsOn, DateOnly EndsOn, DateOnly OpensOn, DateOnly DueOn, DateOnly ClosesOn, bool IsOpen);

    private sealed record NodeShape(string Kind, int? ParentPosition, int Ordinal, int Depth, string Number, int Chapter, int Section, int Task);

    /// <summary>The shape every generated plan shares: its node tree, periods and reporting units.</summary>
    private sealed class Layout
    {
        public Layout(ScaleDataOptions options, int existingPlans, IReadOnlyList<(int Id, string Code)> units, DateOnly today)
        {
            Options = options;
            FirstPlanNumber = existingPlans + 1;
            Units = units;
            Today = today;

            var sections = (options.TasksPerPlan + TasksPerSection - 1) / TasksPerSection;
            var chapters = (sections + SectionsPerChapter - 1) / SectionsPerChapter;
            var task = 0;
            for (var c = 0; c < chapters && task < options.TasksPerPlan; c++)
            {
                var chapterPosition = Nodes.Count;
                ChapterPositions.Add(chapterPosition);
                Nodes.Add(new NodeShape("Chapter", null, c + 1, 0, Number(c + 1), c, -1, -1));
                for (var s = 0; s < SectionsPerChapter && task < options.TasksPerPlan; s++)
                {
                    var sectionPosition = Nodes.Count;
                    Nodes.Add(new NodeShape("Section", chapterPosition, s + 1, 1, $"（{PhraseBank.Chinese(s + 1)}）", c, s, -1));
                    for (var t = 0; t < TasksPerSection && task < options.TasksPerPlan; t++, task++)
                    {
                        TaskPositions.Add(Nodes.Count);
                        Nodes.Add(new NodeShape("Task", sectionPosition, t + 1, 2, (t + 1).ToString(CultureInfo.InvariantCulture), c, s, task));
                    }
                }
            }

            var current = (today.Year * 4) + ((today.Month - 1) / 3);
            for (var k = 0; k < options.Periods; k++)
            {
                var index = current - (options.Periods - 1 - k);
                var year = index / 4;
                var quarter = (index % 4) + 1;
                var starts = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
                var ends = starts.AddMonths(3).AddDays(-1);
                Periods.Add(new Period(year, quarter, starts, ends, starts, ends.AddDays(10), ends.AddDays(30), k == options.Periods - 1));
            }

            StartYear = Periods[0].Year;
            EndYear = Math.Max(Periods[^1].Year, StartYear + 4);
        }

        public ScaleDataOptions Options { get; }

        public int FirstPlanNumber { get; }

        public IReadOnlyList<(int Id, string Code)> Units { get; }

        public DateOnly Today { get; }

        public List<NodeShape> Nodes { get; } = [];

        public List<int> ChapterPositions { get; } = [];

        public List<int> TaskPositions { get; } = [];

        public List<Period> Periods { get; } = [];

        public int StartYear { get; }

        public int EndYear { get; }

        public int NodesPerPlan => Nodes.Count;

        public long MaxReports => (long)Options.Plans * Options.TasksPerPlan * Units.Count * Options.Periods;

        private static string Number(int n) => n <= 99 ? PhraseBank.Chinese(n) : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes each table's rows into a binary COPY; the row methods are pure functions of the layout and the seed.</summary>
    private sealed class Writer(NpgsqlConnection connection, Layout layout, Ids ids, ScaleDataOptions options, TextWriter progress)
    {
        private readonly ulong _seed = (ulong)options.Seed;

        public async Task<TableLoad> CopyAsync(string table, string columns, Func<NpgsqlBinaryImporter, CountingTicker, long> rows, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var foreignKeys = await DropForeignKeysAsync(table, cancellationToken);
            long count;
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                importer.Timeout = TimeSpan.Zero;
                var ticker = new CountingTicker(table, options.ProgressEvery, watch, progress, cancellationToken);
                count = rows(importer, ticker);
                await importer.CompleteAsync(cancellationToken);
            }

            foreach (var (name, definition) in foreignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}", cancellationToken);
            }

            var load = new TableLoad(table, count, watch.Elapsed);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {count:N0} 行 / rows, {load.Elapsed.TotalSeconds:F1} s, {load.RowsPerSecond:N0} 行/秒 rows/s"));
            return load;
        }

        /// <summary>
        /// Drops the table's foreign keys for the COPY; the caller adds them back, from the same definitions, in the
        /// same transaction. PostgreSQL checks a foreign key row by row during a COPY (a queued trigger per row, which
        /// more than doubled the load of progress_reports); adding the constraint afterwards checks all rows in one join.
        /// Nobody sees the table without them: the transaction holds it locked until it commits.
        /// </summary>
        private async Task<List<(string Name, string Definition)>> DropForeignKeysAsync(string table, CancellationToken cancellationToken)
        {
            var keys = new List<(string, string)>();
            await using (var command = new NpgsqlCommand("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = @table::regclass AND contype = 'f' ORDER BY conname", connection))
            {
                command.Parameters.AddWithValue("table", table);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, _) in keys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", cancellationToken);
            }

            return keys;
        }

        private int PlanNumber(int p) => layout.FirstPlanNumber + p;

        private long NodeId(int p, int position) => ids.Node + ((long)p * layout.NodesPerPlan) + position;

        private long PeriodId(int p, int k) => ids.Period + ((long)p * options.Periods) + k;

        private long IndicatorId(int p, int i) => ids.Indicator + ((long)p * options.IndicatorsPerPlan) + i;

        private static DateTime At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(1 + hour, 0), DateTimeKind.Utc);

        private DateTime PlanCreated(int p) => At(new DateOnly(layout.StartYear, 1, 1).AddDays(-60 + p), 0);

        public long Plans(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            for (var p = 0; p < options.Plans; p++)
            {
                var n = PlanNumber(p);
                var field = PhraseBank.Fields[(n - 1) % PhraseBank.Fields.Length];
                w.StartRow();
                w.Write((int)(ids.Plan + p), NpgsqlDbType.Integer);
                w.Write($"{field}科技发展专项规划（规模测试{n}）", NpgsqlDbType.Varchar);
                w.Write($"{DocumentNumberPrefix}{layout.StartYear}〕{n}号", NpgsqlDbType.Varchar);
                w.Write("科学技术部", NpgsqlDbType.Varchar);
                w.Write(DateOnly.FromDateTime(PlanCreated(p)), NpgsqlDbType.Date);
                w.Write(layout.StartYear, NpgsqlDbType.Integer);
                w.Write(layout.EndYear, NpgsqlDbType.Integer);
                w.Write("Published", NpgsqlDbType.Varchar);
                w.Write(PlanCreated(p), NpgsqlDbType.TimestampTz);
                tick.Row();
            }

            return tick.Count;
        }

        public long Versions(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            for (var p = 0; p < options.Plans; p++)
            {
                w.StartRow();
                w.Write((int)(ids.Version + p), NpgsqlDbType.Integer);
                w.Write((int)(ids.Plan + p), NpgsqlDbType.Integer);
                w.Write(1, NpgsqlDbType.Integer);
                w.Write("Published", NpgsqlDbType.Varchar);
                w.Write("规模测试数据 / generated scale data", NpgsqlDbType.Varchar);
                w.Write(PlanCreated(p), NpgsqlDbType.TimestampTz);
                w.Write(PlanCreated(p).AddDays(7), NpgsqlDbType.TimestampTz);
                tick.Row();
            }

            return tick.Count;
        }

        public long Nodes(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            var starts = layout.Periods[0].StartsOn;
            var ends = new DateOnly(layout.EndYear, 12, 31);
            for (var p = 0; p < options.Plans; p++)
            {
                var plan = PlanNumber(p);
                for (var position = 0; position < layout.Nodes.Count; position++)
                {
                    var node = layout.Nodes[position];
                    var h = NodeHash(p, position);
                    var theme = PhraseBank.ChapterThemes[(node.Chapter + plan) % PhraseBank.ChapterThemes.Length];
                    var field = PhraseBank.Fields[(node.Chapter + node.Section + plan) % PhraseBank.Fields.Length];
                    var (title, text) = node.Kind switch
                    {
                        "Chapter" => (theme, $"围绕{theme}，统筹部署本规划期内的重点任务。"),
                        "Section" => ($"{field}领域", $"面向{field}发展需求，{theme}。"),
                        _ => Task(h, field),
                    };
                    w.StartRow();
                    w.Write((int)NodeId(p, position), NpgsqlDbType.Integer);
                    w.Write((int)(ids.Version + p), NpgsqlDbType.Integer);
                    if (node.ParentPosition is { } parent)
                    {
                        w.Write((int)NodeId(p, parent), NpgsqlDbType.Integer);
                    }
                    else
                    {
                        w.WriteNull();
                    }

                    w.Write(Key(h), NpgsqlDbType.Uuid);
                    w.Write(node.Kind, NpgsqlDbType.Varchar);
                    w.Write(node.Number, NpgsqlDbType.Varchar);
                    w.Write(title, NpgsqlDbType.Varchar);
                    w.Write(text, NpgsqlDbType.Text);
                    w.Write(position, NpgsqlDbType.Integer);
                    w.Write(node.Ordinal, NpgsqlDbType.Integer);
                    w.Write(node.Depth, NpgsqlDbType.Integer);
                    if (node.Kind == "Task")
                    {
                        w.Write(starts, NpgsqlDbType.Date);
                        w.Write(ends, NpgsqlDbType.Date);
                    }
                    else
                    {
                        w.WriteNull();
                        w.WriteNull();
                    }

                    tick.Row();
                }
            }

            return tick.Count;

            static (string, string) Task(ulong h, string field)
            {
                var verb = PhraseBank.TaskVerbs[(int)(h % (ulong)PhraseBank.TaskVerbs.Length)];
                var what = PhraseBank.TaskObjects[(int)((h >> 8) % (ulong)PhraseBank.TaskObjects.Length)];
                return ($"{verb}{field}{what}", $"{verb}{field}{what}，形成一批具有自主知识产权的成果，并在重点区域开展应用示范。");
            }
        }

        public long Indicators(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            for (var p = 0; p < options.Plans; p++)
            {
                for (var i = 0; i < options.IndicatorsPerPlan; i++)
                {
                    var shape = PhraseBank.Indicators[i % PhraseBank.Indicators.Length];
                    var round = i / PhraseBank.Indicators.Length;
                    w.StartRow();
                    w.Write((int)IndicatorId(p, i), NpgsqlDbType.Integer);
                    w.Write((int)(ids.Version + p), NpgsqlDbType.Integer);
                    w.Write(IndicatorKey(p, i), NpgsqlDbType.Uuid);
                    w.Write(i + 1, NpgsqlDbType.Integer);
                    w.Write("主要指标", NpgsqlDbType.Varchar);
                    w.Write(round == 0 ? shape.Name : $"{shape.Name}（{round + 1}）", NpgsqlDbType.Varchar);
                    WriteNullable(w, shape.Unit, NpgsqlDbType.Varchar);
                    w.Write(i % 3 == 0 ? "Binding" : "Expected", NpgsqlDbType.Varchar);
                    w.Write(shape.Direction, NpgsqlDbType.Varchar);
                    w.Write(shape.Aggregation, NpgsqlDbType.Varchar);
                    w.Write(layout.StartYear - 1, NpgsqlDbType.Integer);
                    w.Write(layout.EndYear, NpgsqlDbType.Integer);
                    if (shape.Comparison == "Qualitative")
                    {
                        w.Write("None", NpgsqlDbType.Varchar);
                        w.WriteNull();
                        w.Write("—", NpgsqlDbType.Varchar);
                        w.WriteNull();
                        w.Write("Qualitative", NpgsqlDbType.Varchar);
                        w.WriteNull();
                        w.Write("建立较为完善的标准体系", NpgsqlDbType.Varchar);
                        w.WriteNull();
                    }
                    else
                    {
                        var baseline = shape.Baseline.ToString(CultureInfo.InvariantCulture);
                        var target = shape.Target.ToString(CultureInfo.InvariantCulture);
                        w.Write("Exactly", NpgsqlDbType.Varchar);
                        w.Write(shape.Baseline, NpgsqlDbType.Numeric);
                        w.Write(baseline, NpgsqlDbType.Varchar);
                        w.Write(shape.Baseline, NpgsqlDbType.Numeric);
                        w.Write(shape.Comparison, NpgsqlDbType.Varchar);
                        var atLeast = shape.Comparison == "AtLeast";
                        WriteNullable(w, atLeast ? shape.Target : null);
                        w.Write((atLeast ? "≥" : "≤") + target, NpgsqlDbType.Varchar);
                        WriteNullable(w, atLeast ? null : shape.Target);
                    }

                    tick.Row();
                }
            }

            return tick.Count;
        }

        public long IndicatorLinks(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            for (var p = 0; p < options.Plans; p++)
            {
                for (var i = 0; i < options.IndicatorsPerPlan; i++)
                {
                    w.StartRow();
                    w.Write((int)IndicatorId(p, i), NpgsqlDbType.Integer);
                    w.Write((int)NodeId(p, layout.ChapterPositions[i % layout.ChapterPositions.Count]), NpgsqlDbType.Integer);
                    tick.Row();
                }
            }

            return tick.Count;
        }

        public long Periods(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            for (var p = 0; p < options.Plans; p++)
            {
                for (var k = 0; k < layout.Periods.Count; k++)
                {
                    var period = layout.Periods[k];
                    w.StartRow();
                    w.Write((int)PeriodId(p, k), NpgsqlDbType.Integer);
                    w.Write((int)(ids.Plan + p), NpgsqlDbType.Integer);
                    w.Write("Quarter", NpgsqlDbType.Varchar);
                    w.Write(period.Year, NpgsqlDbType.Integer);
                    w.Write(period.Quarter, NpgsqlDbType.Integer);
                    w.Write($"{period.Year}年第{period.Quarter}季度", NpgsqlDbType.Varchar);
                    w.Write(period.StartsOn, NpgsqlDbType.Date);
                    w.Write(period.EndsOn, NpgsqlDbType.Date);
                    w.Write(period.OpensOn, NpgsqlDbType.Date);
                    w.Write(period.DueOn, NpgsqlDbType.Date);
                    w.Write(period.ClosesOn, NpgsqlDbType.Date);
                    w.Write(period.IsOpen ? "Open" : "Closed", NpgsqlDbType.Varchar);
                    tick.Row();
                }
            }

            return tick.Count;
        }

        public long Assignments(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            var units = layout.Units;
            for (var p = 0; p < options.Plans; p++)
            {
                for (var t = 0; t < layout.TaskPositions.Count; t++)
                {
                    var lead = (PlanNumber(p) + t) % units.Count;
                    for (var u = 0; u < units.Count; u++)
                    {
                        w.StartRow();
                        w.Write((int)NodeId(p, layout.TaskPositions[t]), NpgsqlDbType.Integer);
                        w.Write(units[u].Id, NpgsqlDbType.Integer);
                        w.Write(u == lead ? "Lead" : "Participating", NpgsqlDbType.Varchar);
                        w.Write(PlanCreated(p).AddDays(14), NpgsqlDbType.TimestampTz);
                        tick.Row();
                    }
                }
            }

            return tick.Count;
        }

        /// <summary>Visits every report that exists, in id order; both the report and the event tables are written from this.</summary>
        private long EachReport(CountingTicker tick, Action<long, Report, int, int, int, int> visit)
        {
            var id = ids.Report;
            var units = layout.Units;
            for (var p = 0; p < options.Plans; p++)
            {
                for (var k = 0; k < layout.Periods.Count; k++)
                {
                    for (var t = 0; t < layout.TaskPositions.Count; t++)
                    {
                        for (var u = 0; u < units.Count; u++)
                        {
                            var report = Facts(p, k, t, u);
                            if (report.Status is not null)
                            {
                                visit(id++, report, p, k, t, u);
                            }

                            tick.Tick();
                        }
                    }
                }
            }

            return tick.Count;
        }

        // The keys the COPY writes for nodes and indicators, written again into the reports and values that belong to
        // them (the triggers that copy a key from its node are off during the COPY).
        private ulong NodeHash(int p, int position) => Hash(_seed, (ulong)PlanNumber(p), (ulong)position, 7);

        private Guid IndicatorKey(int p, int i) => Key(Hash(_seed, (ulong)PlanNumber(p), (ulong)i, 11));

        public long Reports(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            var units = layout.Units;
            EachReport(tick, (id, r, p, k, t, u) =>
            {
                w.StartRow();
                w.Write(id, NpgsqlDbType.Bigint);
                w.Write((int)PeriodId(p, k), NpgsqlDbType.Integer);
                w.Write((int)NodeId(p, layout.TaskPositions[t]), NpgsqlDbType.Integer);
                w.Write(Key(NodeHash(p, layout.TaskPositions[t])), NpgsqlDbType.Uuid);
                w.Write(units[u].Id, NpgsqlDbType.Integer);
                w.Write(r.Status!, NpgsqlDbType.Varchar);
                w.Write(r.Progress, NpgsqlDbType.Varchar);
                w.Write(r.Percent, NpgsqlDbType.Numeric);
                w.Write(PhraseBank.Progress[r.Phrase % PhraseBank.Progress.Length], NpgsqlDbType.Varchar);
                w.Write(PhraseBank.Achievements[(r.Phrase >> 4) % PhraseBank.Achievements.Length], NpgsqlDbType.Varchar);
                w.Write(PhraseBank.Problems[(r.Phrase >> 8) % PhraseBank.Problems.Length], NpgsqlDbType.Varchar);
                w.Write(PhraseBank.NextSteps[(r.Phrase >> 12) % PhraseBank.NextSteps.Length], NpgsqlDbType.Varchar);
                w.Write(r.InvestmentWan, NpgsqlDbType.Numeric);
                w.Write(r.Created, NpgsqlDbType.TimestampTz);
                w.Write(r.Updated, NpgsqlDbType.TimestampTz);
                WriteNullable(w, r.Submitted);
                WriteNullable(w, r.Approved);
                w.Write(r.SplitBySource ? Sources(r.InvestmentWan) : "[]", NpgsqlDbType.Jsonb);
                w.Write(
                    r.Milestone ? $$"""[{"Title":"{{PhraseBank.Milestones[(r.Phrase >> 16) % PhraseBank.Milestones.Length]}}","ReachedOn":"{{DateOnly.FromDateTime(r.Created).AddDays(-3):yyyy-MM-dd}}"}]""" : "[]",
                    NpgsqlDbType.Jsonb);
                tick.Row();
            });
            return tick.Count;

            static string Sources(decimal total)
            {
                var central = Math.Round(total * 0.5m, 2);
                var local = Math.Round(total * 0.3m, 2);
                var enterprise = total - central - local;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $$"""[{"Source":"Central","AmountWan":{{central}}},{"Source":"Local","AmountWan":{{local}}},{"Source":"Enterprise","AmountWan":{{enterprise}}}]""");
            }
        }

        public long Events(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            var units = layout.Units;
            EachReport(tick, (id, r, _, _, _, u) =>
            {
                var code = units[u].Code;
                Event(id, "Created", $"reporter-{code}", null, r.Created);
                if (r.Submitted is { } submitted)
                {
                    Event(id, "Submitted", $"reporter-{code}", null, submitted);
                }

                switch (r.Status)
                {
                    case "Reviewed":
                        Event(id, "Reviewed", $"reviewer-{code}", null, r.Updated);
                        break;
                    case "Returned":
                        Event(id, "Returned", "planner", PhraseBank.ReturnReasons[r.Phrase % PhraseBank.ReturnReasons.Length], r.Updated);
                        break;
                    case "Approved":
                        Event(id, "Approved", "planner", null, r.Approved!.Value);
                        break;
                    default:
                        break;
                }
            });
            return tick.Count;

            void Event(long reportId, string step, string actor, string? comment, DateTime at)
            {
                w.StartRow();
                w.Write(reportId, NpgsqlDbType.Bigint);
                w.Write(step, NpgsqlDbType.Varchar);
                w.Write(actor, NpgsqlDbType.Varchar);
                WriteNullable(w, comment, NpgsqlDbType.Varchar);
                w.Write(at, NpgsqlDbType.TimestampTz);
                tick.Row();
            }
        }

        public long IndicatorValues(NpgsqlBinaryImporter w, CountingTicker tick)
        {
            var units = layout.Units;
            for (var p = 0; p < options.Plans; p++)
            {
                for (var i = 0; i < options.IndicatorsPerPlan; i++)
                {
                    var shape = PhraseBank.Indicators[i % PhraseBank.Indicators.Length];
                    var national = shape.Aggregation == "NationalOnly";
                    for (var k = 0; k < layout.Periods.Count; k++)
                    {
                        var period = layout.Periods[k];
                        var share = (decimal)(k + 1) / layout.Periods.Count;
                        for (var u = 0; u < (national ? 1 : units.Count); u++)
                        {
                            var h = Hash(_seed, (ulong)PlanNumber(p), (ulong)i, (ulong)k, (ulong)u, 13);
                            var draw = Unit(h);
                            if (period.IsOpen && draw < 0.25)
                            {
                                continue;
                            }

                            var status = !period.IsOpen ? "Approved" : draw < 0.7 ? "Draft" : "Submitted";
                            var noise = 0.9m + (decimal)(Unit(h >> 3) * 0.2);
                            var line = shape.Baseline + ((shape.Target - shape.Baseline) * share);
                            decimal? value = shape.Comparison == "Qualitative" ? null
                                : Math.Round(line * noise / (national || shape.Aggregation == "Average" ? 1 : units.Count), 4);
                            var day = period.IsOpen ? Min(period.OpensOn.AddDays((int)(draw * 20)), layout.Today) : period.EndsOn.AddDays(3);
                            w.StartRow();
                            w.Write((int)IndicatorId(p, i), NpgsqlDbType.Integer);
                            w.Write(IndicatorKey(p, i), NpgsqlDbType.Uuid);
                            if (national)
                            {
                                w.WriteNull();
                            }
                            else
                            {
                                w.Write(units[u].Id, NpgsqlDbType.Integer);
                            }

                            w.Write((int)PeriodId(p, k), NpgsqlDbType.Integer);
                            WriteNullable(w, value);
                            WriteNullable(w, value is null ? (k * 2 >= layout.Periods.Count ? "阶段目标已完成" : "正在推进") : null, NpgsqlDbType.Varchar);
                            WriteNullable(w, shape.Unit, NpgsqlDbType.Varchar);
                            w.Write("统计年鉴", NpgsqlDbType.Varchar);
                            w.WriteNull();
                            w.Write(status, NpgsqlDbType.Varchar);
                            w.Write(At(day, 2), NpgsqlDbType.TimestampTz);
                            WriteNullable(w, status == "Approved" ? At(day.AddDays(5), 3) : null);
                            WriteNullable(w, status == "Draft" ? null : At(day, 2));
                            w.Write(national ? "planner" : $"reporter-{units[u].Code}", NpgsqlDbType.Varchar);
                            tick.Row();
                        }
                    }
                }
            }

            return tick.Count;
        }

        /// <summary>One report's facts; a null status means the unit never reported (overdue).</summary>
        private Report Facts(int p, int k, int t, int u)
        {
            var plan = (ulong)PlanNumber(p);
            var period = layout.Periods[k];
            var h = Hash(_seed, plan, (ulong)t, (ulong)u, (ulong)k, 3);
            var draw = Unit(h);
            string? status = period.IsOpen
                ? draw switch { < 0.15 => null, < 0.45 => "Draft", < 0.65 => "Submitted", < 0.75 => "Reviewed", < 0.80 => "Returned", _ => "Approved" }
                : draw switch { < 0.03 => null, < 0.05 => "Returned", _ => "Approved" };
            if (status is null)
            {
                return default;
            }

            // Each (task, unit) advances at its own pace, so percent complete rises over the periods.
            var rate = 2.0 + (6.0 * Unit(Hash(_seed, plan, (ulong)t, (ulong)u, 5)));
            var percent = (decimal)Math.Min(100.0, Math.Round(rate * (k + 1), 1));
            var expected = 100m * (k + 1) / layout.Periods.Count;
            var progressWord = percent >= 100m ? "Completed" : percent < 3m ? "NotStarted" : percent < expected - 15m ? "Behind" : "OnTrack";

            var h2 = Mix(h ^ 0x9E3779B97F4A7C15UL);
            var hour = (int)(h2 % 8);
            DateTime created, updated;
            DateTime? submitted = null, approved = null;
            if (period.IsOpen)
            {
                var days = Math.Max(0, layout.Today.DayNumber - period.OpensOn.DayNumber);
                var c = period.OpensOn.AddDays((int)(Unit(h2) * days * 0.5));
                var s = c.AddDays((int)(Unit(h2 >> 7) * (layout.Today.DayNumber - c.DayNumber) * 0.5));
                var a = s.AddDays((int)(Unit(h2 >> 13) * (layout.Today.DayNumber - s.DayNumber)));
                created = At(c, hour);
                submitted = status == "Draft" ? null : At(s, hour);
                approved = status == "Approved" ? At(a, hour) : null;
                updated = approved ?? (status is "Reviewed" or "Returned" ? At(a, hour) : submitted ?? created);
            }
            else
            {
                var c = period.EndsOn.AddDays(-(int)(Unit(h2) * 20));
                var s = c.AddDays(1 + (int)(Unit(h2 >> 7) * 9));
                var a = s.AddDays(1 + (int)(Unit(h2 >> 13) * 14));
                created = At(c, hour);
                submitted = At(s, hour);
                approved = status == "Approved" ? At(a, hour) : null;
                updated = At(a, hour);
            }

            var investment = Math.Round(50m + (950m * (decimal)Unit(h2 >> 19)), 2);
            return new Report(status, progressWord, percent, (int)((h2 >> 24) & 0x7FFFFFFF), investment, Unit(h2 >> 29) < 0.4, Unit(h2 >> 33) < 0.2, created, updated, submitted, approved);
        }

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static void WriteNullable(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                w.WriteNull();
            }
            else
            {
                w.Write(value, type);
            }
        }

        private static void WriteNullable(NpgsqlBinaryImporter w, decimal? value)
        {
            if (value is { } v)
            {
                w.Write(v, NpgsqlDbType.Numeric);
            }
            else
            {
                w.WriteNull();
            }
        }

        private static void WriteNullable(NpgsqlBinaryImporter w, DateTime? value)
        {
            if (value is { } v)
            {
                w.Write(v, NpgsqlDbType.TimestampTz);
            }
            else
            {
                w.WriteNull();
            }
        }

        private static Guid Key(ulong h)
        {
            Span<byte> bytes = stackalloc byte[16];
            BitConverter.TryWriteBytes(bytes, h);
            BitConverter.TryWriteBytes(bytes[8..], Mix(h + 1));
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            return new Guid(bytes);
        }
    }

    private readonly record struct Report(
        string? Status,
        string Progress,
        decimal Percent,
        int Phrase,
        decimal InvestmentWan,
        bool SplitBySource,
        bool Milestone,
        DateTime Created,
        DateTime Updated,
        DateTime? Submitted,
        DateTime? Approved);

    /// <summary>Counts rows and prints a progress line (rows/s) every so many rows of the input walked.</summary>
    internal sealed class CountingTicker(string table, int every, Stopwatch watch, TextWriter progress, CancellationToken cancellationToken)
    {
        private long _ticks;

        public long Count { get; private set; }

        public void Row()
        {
            Count++;
            if (Count % every == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {Count:N0} 行 / rows, {Count / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} 行/秒 rows/s"));
            }
        }

        /// <summary>A combination visited (whether or not it gave a row).</summary>
        public void Tick() => _ticks++;
    }

    private static ulong Hash(ulong seed, ulong a, ulong b, ulong c) => Mix(Mix(Mix(seed ^ Mix(a)) ^ b) ^ (c * 0xD6E8FEB86659FD93UL));

    private static ulong Hash(ulong seed, ulong a, ulong b, ulong c, ulong d) => Mix(Hash(seed, a, b, c) ^ Mix(d + 0x632BE59BD9B4E019UL));

    private static ulong Hash(ulong seed, ulong a, ulong b, ulong c, ulong d, ulong e) => Mix(Hash(seed, a, b, c, d) ^ Mix(e + 0x8CB92BA72F3D8DD7UL));

    /// <summary>SplitMix64's finaliser: a good, cheap 64-bit mix.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, 1) from the high bits.</summary>
    private static double Unit(ulong h) => (Mix(h) >> 11) * (1.0 / (1UL << 53));
}
