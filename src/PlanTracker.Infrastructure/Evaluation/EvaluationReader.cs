using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// Reads the figures of an evaluation report (<see cref="EvaluationFigures"/>) from approved data only, as they stood at
/// the end of the window: the plan version in force that day, each assignment's latest approved report of a period
/// ended by then, the units' words from their latest approved report inside the window. Aggregation happens in
/// PostgreSQL (a handful of statements whatever the plan's size); the domain rules judge the figures
/// (<see cref="TaskStatusRules"/>, <see cref="IndicatorStatusRules"/>), so the report agrees with the dashboards.
/// </summary>
public sealed class EvaluationReader(AppDbContext db, MonitoringSql sql)
{
    public async Task<EvaluationResult> ReadAsync(EvaluationScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == scope.PlanId, cancellationToken);
        if (plan is null)
        {
            return EvaluationResult.Refused("规划不存在。");
        }

        // The version in force at the window's end; for a plan loaded into the portal after the fact (published here
        // later than the window), its first published version stands for the time before.
        var version = await db.VersionOnAsync(plan.Id, scope.To, cancellationToken)
            ?? await db.PlanVersions.AsNoTracking()
                .Where(v => v.PlanId == plan.Id && v.Status != PlanVersionStatus.Draft)
                .OrderBy(v => v.Number)
                .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return EvaluationResult.Refused("规划尚未发布，没有可评估的内容。");
        }

        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind }).ToListAsync(cancellationToken);
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        string? unitName = null;
        if (scope.UnitId is { } unitId)
        {
            if (!unitNames.TryGetValue(unitId, out unitName))
            {
                return EvaluationResult.Refused("单位不存在。");
            }

            var carries = await db.TaskAssignments.IgnoreQueryFilters()
                .AnyAsync(a => a.UnitId == unitId && db.PlanNodes.Any(n => n.Id == a.TaskId && n.PlanVersionId == version.Id), cancellationToken);
            if (!carries)
            {
                return EvaluationResult.Refused($"{unitName}在本规划（第{version.Number}版）中没有承担任务，无法生成单位评估报告。");
            }
        }

        var parameters = new Parameters(plan, version.Id, scope);
        var nodes = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == version.Id && (n.Kind == NodeKind.Chapter || n.Kind == NodeKind.SpecialColumn))
            .Select(n => new { n.Id, n.Kind, n.Number, n.Title, n.Position })
            .ToListAsync(cancellationToken);
        var nodeLabels = nodes.ToDictionary(n => n.Id, n => string.IsNullOrWhiteSpace(n.Number) ? n.Title : $"{n.Number}{n.Title}");

        var assignments = await sql.ReadAsync(AssignmentsSql, parameters.Create(), AssignmentRow.Read, cancellationToken);
        var words = (await sql.ReadAsync(WordsSql, parameters.Create(), WordsRow.Read, cancellationToken))
            .ToDictionary(w => (w.TaskKey, w.UnitId));
        var reporting = (await sql.ReadAsync(ReportingSql, parameters.Create(), ReportingRow.Read, cancellationToken)).ToDictionary(r => r.UnitId);
        var warnings = (await sql.ReadAsync(WarningCountsSql, parameters.Create(), WarningCountRow.Read, cancellationToken)).ToDictionary(w => w.UnitId);

        var tasks = Tasks(assignments, words, unitNames, scope.To, plan.Thresholds);
        var chapters = tasks
            .GroupBy(t => t.Row.ChapterId)
            .OrderBy(g => g.Min(t => t.Row.Position))
            .Select(g => new ChapterFigure(g.Key, g.Key is { } id && nodeLabels.TryGetValue(id, out var label) ? label : "其他任务", [.. g.Select(t => t.Figure)]))
            .ToList();
        var projects = tasks
            .Where(t => t.Row.SpecialColumnId is not null)
            .Select(t => new ProjectFigure(
                t.Figure.TaskId,
                nodeLabels.GetValueOrDefault(t.Row.SpecialColumnId!.Value, "专栏"),
                t.Figure.Label,
                t.Units.Any(u => u.Percent > 0 || (u.Progress is { } p && p != TaskProgress.NotStarted)),
                t.Figure.Percent,
                t.Figure.ExpectedPercent,
                t.Units.Sum(u => u.UnitId is { } unit && words.TryGetValue((u.TaskKey, unit), out var w) ? w.InvestmentWan : 0m),
                t.Figure.Colour,
                [.. t.Units.Where(u => u.ReportId is not null).Select(u => u.ReportId!.Value).Order()]))
            .ToList();

        var unitFigures = assignments
            .Where(a => a.UnitId is not null)
            .GroupBy(a => a.UnitId!.Value)
            .Select(g =>
            {
                var colours = g.Select(a => a.Colour(scope.To, plan.Thresholds)).ToList();
                var due = reporting.GetValueOrDefault(g.Key);
                var counted = warnings.GetValueOrDefault(g.Key);
                var percents = g.Where(a => a.Percent is not null).Select(a => a.Percent!.Value).ToList();
                var unit = units.First(u => u.Id == g.Key);
                return new UnitFigure(
                    g.Key, unit.Code, unit.Name, unit.Kind, g.Count(),
                    percents.Count == 0 ? null : Math.Round(percents.Average(), 1),
                    colours.Count(c => c == StatusColour.Green), colours.Count(c => c == StatusColour.Amber), colours.Count(c => c == StatusColour.Red),
                    due?.Due ?? 0, due?.Submitted ?? 0, due?.OnTime ?? 0, counted?.Raised ?? 0, counted?.Open ?? 0,
                    colours.Aggregate(StatusColour.Grey, StatusColours.Worse));
            })
            .OrderBy(u => units.FindIndex(x => x.Id == u.UnitId))
            .ToList();

        var overview = new EvaluationOverview(
            tasks.Count,
            tasks.Count(t => t.Figure.Condition == TaskCondition.Completed),
            tasks.Count(t => t.Figure.Condition is TaskCondition.Ahead or TaskCondition.OnTrack),
            tasks.Count(t => t.Figure.Condition == TaskCondition.Behind && t.Figure.Colour != StatusColour.Red),
            tasks.Count(t => t.Figure.Condition == TaskCondition.Behind && t.Figure.Colour == StatusColour.Red),
            tasks.Count(t => t.Figure.Condition is TaskCondition.NotYetStarted or TaskCondition.NoData),
            reporting.Values.Sum(r => r.Due),
            reporting.Values.Sum(r => r.Submitted),
            reporting.Values.Sum(r => r.OnTime),
            reporting.Values.Sum(r => r.Approved),
            words.Values.Sum(w => w.InvestmentWan),
            words.Values.Sum(w => w.InvestmentReports));

        var problems = tasks
            .SelectMany(t => t.Figure.Digest.Where(d => !string.IsNullOrWhiteSpace(d.Problems))
                .Select(d => (Chapter: t.Row.ChapterId, Item: new ProblemFigure(d.UnitName, t.Figure.Label, d.Problems!.Trim(), d.ReportId))))
            .GroupBy(p => p.Chapter)
            .Select(g => new ProblemGroup(g.Key is { } id && nodeLabels.TryGetValue(id, out var label) ? label : "其他任务", [.. g.Select(p => p.Item)]))
            .ToList();

        var indicators = await IndicatorsAsync(plan, version.Id, scope, cancellationToken);
        var openWarnings = await sql.ReadAsync(OpenWarningsSql, parameters.Create(), r => new WarningFigure(
            r.GetInt64(0), Enum.Parse<StatusColour>(r.GetString(1)), KindText(Enum.Parse<WarningKind>(r.GetString(2))),
            r.NullableInt(3) is { } id ? unitNames.GetValueOrDefault(id) : null, r.GetString(4), r.Date(5)), cancellationToken);
        var proposals = await ProposalsAsync(scope, unitNames, cancellationToken);

        return EvaluationResult.Ok(new EvaluationFigures(
            scope,
            new EvaluationPlan(plan.Id, plan.Title, plan.DocumentNumber, plan.Issuer, plan.StartYear, plan.EndYear, version.Number, unitName),
            overview,
            indicators,
            chapters,
            projects,
            unitFigures,
            problems,
            openWarnings,
            proposals));
    }

    private static List<JudgedTask> Tasks(
        IReadOnlyList<AssignmentRow> assignments,
        Dictionary<(Guid, int), WordsRow> words,
        Dictionary<int, string> unitNames,
        DateOnly asOf,
        MonitoringThresholds thresholds)
    {
        var tasks = new List<JudgedTask>();
        foreach (var group in assignments.GroupBy(a => a.TaskId))
        {
            var first = group.First();
            var percents = group.Where(a => a.Percent is not null).Select(a => a.Percent!.Value).ToList();
            decimal? mean = percents.Count == 0 ? null : Math.Round(percents.Average(), 1);

            // A task is judged on the mean of its units' latest approved percents, as the dashboards judge it.
            var assessment = TaskStatusRules.Assess(
                new TaskFacts(new TaskSpan(first.StartsOn, first.EndsOn), mean is null ? null : new ApprovedProgress(mean, null)),
                asOf,
                thresholds);
            var digest = group
                .Select(a => a.UnitId is { } unit && words.TryGetValue((a.TaskKey, unit), out var w)
                    ? new UnitWords(unit, unitNames.GetValueOrDefault(unit, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)), w.ReportId, w.Progress, w.Achievements, w.Problems)
                    : null)
                .OfType<UnitWords>()
                .ToList();
            var label = string.IsNullOrWhiteSpace(first.Number) ? first.Title : $"{first.Number} {first.Title}";
            tasks.Add(new JudgedTask(
                first,
                [.. group],
                new TaskFigure(first.TaskId, first.TaskKey, label, group.Count(a => a.UnitId is not null), assessment.ExpectedPercent, mean, assessment.Colour, assessment.Condition, assessment.Reason, digest)));
        }

        return [.. tasks.OrderBy(t => t.Row.Position)];
    }

    private async Task<IReadOnlyList<IndicatorFigure>> IndicatorsAsync(Plan plan, int versionId, EvaluationScope scope, CancellationToken cancellationToken)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanVersionId == versionId).OrderBy(i => i.Ordinal).ToListAsync(cancellationToken);
        if (indicators.Count == 0)
        {
            return [];
        }

        var keys = indicators.Select(i => i.Key).ToList();
        var originals = (await db.Indicators.AsNoTracking()
                .Where(i => keys.Contains(i.Key))
                .Join(db.PlanVersions.Where(v => v.PlanId == plan.Id && v.Status != PlanVersionStatus.Draft), i => i.PlanVersionId, v => v.Id, (i, v) => new { i.Key, i.Target, v.Number })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Number).First().Target);
        var years = await sql.ReadAsync(
            scope.UnitId is null ? NationalYearsSql : UnitYearsSql,
            new Parameters(plan, versionId, scope).Create(),
            r => (Key: r.GetGuid(0), Figure: new IndicatorYearFigure(r.GetInt32(1), r.GetDecimal(2), r.GetBoolean(3), r.GetInt64(4), r.GetFieldValue<long[]>(5))),
            cancellationToken);
        var byKey = years.GroupBy(y => y.Key).ToDictionary(g => g.Key, g => g.Select(y => y.Figure).OrderBy(y => y.Year).ToList());

        return [.. indicators.Select(indicator =>
        {
            var figures = byKey.GetValueOrDefault(indicator.Key) ?? [];
            var original = originals.GetValueOrDefault(indicator.Key);
            var facts = IndicatorFacts.From(indicator, figures.Select(f => new YearValue(f.Year, f.Value)));
            IndicatorAssessment? assessment = null;
            if (facts is not null && facts.TargetYear >= facts.BaselineYear)
            {
                if (original is not null && original.Text != indicator.Target.Text)
                {
                    facts = facts with { OriginalTarget = original };
                }

                assessment = IndicatorStatusRules.Assess(facts, scope.To, plan.Thresholds);
            }

            return new IndicatorFigure(
                indicator.Id, indicator.Key, indicator.Ordinal, indicator.Category, indicator.Name, indicator.Unit, indicator.Nature,
                indicator.BaselineYear, indicator.Baseline?.Text, indicator.TargetYear, indicator.Target.Text,
                original is not null && original.Text != indicator.Target.Text ? original.Text : null,
                figures,
                assessment?.ProgressPercent,
                assessment?.TimePercent,
                assessment?.Verdict ?? IndicatorVerdict.NotQuantifiable,
                assessment?.Projection is { } projection ? (projection.MeetsTarget ? "预计能完成" : "预计难以完成") : "—",
                assessment?.Reason ?? "缺少基期或目标年份，无法测算进度。");
        })];
    }

    private async Task<IReadOnlyList<ProposalFigure>> ProposalsAsync(EvaluationScope scope, Dictionary<int, string> unitNames, CancellationToken cancellationToken)
    {
        var from = Start(scope.From);
        var to = Start(scope.To.AddDays(1));
        var rows = await db.Adjustments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.PlanId == scope.PlanId && a.Status != AdjustmentStatus.Draft)
            .Where(a => (a.SubmittedAt >= from && a.SubmittedAt < to) || (a.DecidedAt >= from && a.DecidedAt < to) || (a.Status == AdjustmentStatus.Submitted && a.SubmittedAt < to))
            .Where(a => scope.UnitId == null || a.ProposedByUnitId == scope.UnitId)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Status, a.ProposedBy, a.ProposedByUnitId, a.SubmittedAt, a.DecidedAt, a.DecidedBy, Changes = a.Changes.Count })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new ProposalFigure(
            a.Id, a.Title, Adjustment.Chinese(a.Status), a.ProposedBy,
            a.ProposedByUnitId is { } id ? unitNames.GetValueOrDefault(id) : null,
            a.SubmittedAt is { } s ? Day(s) : null, a.DecidedAt is { } d ? Day(d) : null, a.DecidedBy, a.Changes))];
    }

    private static DateTimeOffset Start(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string KindText(WarningKind kind) => kind switch
    {
        WarningKind.Task => "任务",
        WarningKind.TaskUnit => "单位任务",
        WarningKind.Indicator => "指标",
        _ => "单位",
    };

    // The version's tasks with their chapter and special column (task_places), each assignment (a task nobody carries
    // yet gives one row without a unit), and its latest approved report of a period ended by the end of the window
    // (latest_approved_reports: by task key, so reports written against earlier versions count). A unit's report keeps
    // to the unit's tasks.
    private static readonly string AssignmentsSql = $"""
        WITH task AS (
            SELECT n.id, n.key, n.number, n.title, n.position,
                   COALESCE(n.starts_on, make_date(@start_year, 1, 1)) AS starts_on,
                   COALESCE(n.ends_on, make_date(@end_year, 12, 31)) AS ends_on,
                   tp.chapter_id, tp.special_column_id
            FROM plan_nodes n
            JOIN task_places tp ON tp.task_id = n.id
            WHERE n.plan_version_id = @version AND n.kind = '{nameof(NodeKind.Task)}'
        )
        SELECT t.id, t.key, t.number, t.title, t.position, t.starts_on, t.ends_on, t.chapter_id, t.special_column_id,
               a.unit_id, l.report_id, round(l.percent_complete, 1), l.progress
        FROM task t
        LEFT JOIN task_assignments a ON a.task_id = t.id AND (@unit IS NULL OR a.unit_id = @unit)
        LEFT JOIN latest_approved_reports(@plan, @to) l ON l.task_key = t.key AND l.unit_id = a.unit_id
        WHERE @unit IS NULL OR a.unit_id IS NOT NULL
        ORDER BY t.position, a.unit_id
        """;

    // Each assignment's latest approved report (the same one as above) when its period ends inside the window (its
    // words), and the money its approved reports of the window invested.
    private static readonly string WordsSql = $"""
        WITH money AS (
            SELECT r.task_key, r.unit_id, COALESCE(sum(r.investment_wan), 0) AS invested, count(r.investment_wan) AS reported
            FROM progress_reports r
            JOIN reporting_periods pe ON pe.id = r.period_id AND pe.plan_id = @plan AND pe.ends_on BETWEEN @from AND @to
            WHERE r.status = '{nameof(ReportStatus.Approved)}' AND (@unit IS NULL OR r.unit_id = @unit)
            GROUP BY r.task_key, r.unit_id
        )
        SELECT l.task_key, l.unit_id, r.id, r.progress_text, r.achievements, r.problems, m.invested, m.reported
        FROM latest_approved_reports(@plan, @to) l
        JOIN progress_reports r ON r.id = l.report_id
        JOIN money m ON m.task_key = l.task_key AND m.unit_id = l.unit_id
        WHERE l.period_ends_on >= @from AND (@unit IS NULL OR l.unit_id = @unit)
        """;

    // Reports owed for the window (every assignment of the version, every opened period ending in the window that the
    // task had begun by: the periods of the year, whose reports fall due shortly after), against those submitted,
    // submitted by the due day (Beijing) and approved.
    private static readonly string ReportingSql = $"""
        WITH task AS (
            SELECT n.id, n.key, COALESCE(n.starts_on, make_date(@start_year, 1, 1)) AS starts_on
            FROM plan_nodes n WHERE n.plan_version_id = @version AND n.kind = '{nameof(NodeKind.Task)}'
        ),
        due AS (
            SELECT pe.id AS period_id, pe.due_on, t.key, a.unit_id
            FROM reporting_periods pe
            JOIN task t ON t.starts_on <= pe.ends_on
            JOIN task_assignments a ON a.task_id = t.id AND (@unit IS NULL OR a.unit_id = @unit)
            WHERE pe.plan_id = @plan AND pe.status <> '{nameof(PeriodStatus.Scheduled)}' AND pe.ends_on BETWEEN @from AND @to
        ),
        sent AS (
            SELECT r.period_id, r.task_key AS key, r.unit_id, r.status, r.submitted_at
            FROM progress_reports r
            JOIN reporting_periods pe ON pe.id = r.period_id AND pe.plan_id = @plan AND pe.ends_on BETWEEN @from AND @to
            WHERE (@unit IS NULL OR r.unit_id = @unit)
        )
        SELECT d.unit_id, count(*)::integer,
               count(s.key) FILTER (WHERE s.status <> '{nameof(ReportStatus.Draft)}')::integer,
               count(s.key) FILTER (WHERE s.status <> '{nameof(ReportStatus.Draft)}' AND s.submitted_at IS NOT NULL
                                      AND (s.submitted_at AT TIME ZONE 'UTC' + interval '8 hours')::date <= d.due_on)::integer,
               count(s.key) FILTER (WHERE s.status = '{nameof(ReportStatus.Approved)}')::integer
        FROM due d
        LEFT JOIN sent s ON s.period_id = d.period_id AND s.key = d.key AND s.unit_id = d.unit_id
        GROUP BY d.unit_id
        """;

    private static readonly string WarningCountsSql = $"""
        SELECT w.unit_id,
               count(*) FILTER (WHERE w.as_of BETWEEN @from AND @to)::integer,
               count(*) FILTER (WHERE w.state = '{nameof(WarningState.Open)}' AND w.as_of <= @to)::integer
        FROM early_warnings w
        WHERE w.plan_id = @plan AND w.unit_id IS NOT NULL AND (@unit IS NULL OR w.unit_id = @unit)
        GROUP BY w.unit_id
        """;

    // Every warning still open at the end of the window, red before amber, newest first (the document counts them all and
    // quotes the first, the annex lists them all, as the warnings page counts them); a province's report has only its own.
    private static readonly string OpenWarningsSql = $"""
        SELECT w.id, w.colour, w.kind, w.unit_id, w.reason, w.as_of
        FROM early_warnings w
        WHERE w.plan_id = @plan AND w.state = '{nameof(WarningState.Open)}' AND w.as_of <= @to
          AND (@unit IS NULL OR w.unit_id = @unit)
        ORDER BY CASE w.colour WHEN '{nameof(StatusColour.Red)}' THEN 0 ELSE 1 END, w.as_of DESC, w.id DESC
        """;

    // An indicator's figure per year up to the end of the window, as the dashboards compute it (the database function
    // indicator_year_figures: national figure, else the units' combined), with the approved value ids it rests on.
    private const string NationalYearsSql = """
        SELECT f.indicator_key, f.year, f.value, f.is_national, f.units, f.value_ids
        FROM indicator_year_figures(@version, @to) f
        """;

    // A province's own report judges the indicators on its own approved values (matched by the indicator's key).
    private static readonly string UnitYearsSql = $"""
        SELECT DISTINCT ON (i.key, extract(year FROM pe.ends_on))
               i.key, extract(year FROM pe.ends_on)::integer, v.value, false, 1::bigint, ARRAY[v.id]
        FROM indicators i
        JOIN indicator_values v ON v.indicator_key = i.key AND v.unit_id = @unit AND v.status = '{nameof(ReportStatus.Approved)}' AND v.value IS NOT NULL
        JOIN reporting_periods pe ON pe.id = v.period_id AND pe.plan_id = @plan AND pe.ends_on <= @to
        WHERE i.plan_version_id = @version
        ORDER BY i.key, extract(year FROM pe.ends_on), pe.ends_on DESC, pe.id DESC
        """;

    private sealed record Parameters(Plan Plan, int VersionId, EvaluationScope Scope)
    {
        public NpgsqlParameter[] Create() =>
        [
            new("plan", NpgsqlDbType.Integer) { Value = Plan.Id },
            new("version", NpgsqlDbType.Integer) { Value = VersionId },
            new("from", NpgsqlDbType.Date) { Value = Scope.From },
            new("to", NpgsqlDbType.Date) { Value = Scope.To },
            new("unit", NpgsqlDbType.Integer) { Value = (object?)Scope.UnitId ?? DBNull.Value },
            new("start_year", NpgsqlDbType.Integer) { Value = Plan.StartYear ?? Scope.From.Year },
            new("end_year", NpgsqlDbType.Integer) { Value = Plan.EndYear ?? Scope.To.Year },
        ];
    }

    private sealed record AssignmentRow(
        int TaskId, Guid TaskKey, string? Number, string Title, int Position, DateOnly StartsOn, DateOnly EndsOn, int? ChapterId, int? SpecialColumnId,
        int? UnitId, long? ReportId, decimal? Percent, TaskProgress? Progress)
    {
        public StatusColour Colour(DateOnly asOf, MonitoringThresholds thresholds) =>
            TaskStatusRules.Assess(new TaskFacts(new TaskSpan(StartsOn, EndsOn), Percent is null && Progress is null ? null : new ApprovedProgress(Percent, Progress)), asOf, thresholds).Colour;

        public static AssignmentRow Read(System.Data.Common.DbDataReader r) => new(
            r.GetInt32(0), r.GetGuid(1), r.NullableString(2), r.GetString(3), r.GetInt32(4), r.Date(5), r.Date(6), r.NullableInt(7), r.NullableInt(8),
            r.NullableInt(9), r.NullableLong(10), r.NullableDecimal(11), r.NullableString(12) is { } p ? Enum.Parse<TaskProgress>(p) : null);
    }

    private sealed record WordsRow(Guid TaskKey, int UnitId, long ReportId, string? Progress, string? Achievements, string? Problems, decimal InvestmentWan, int InvestmentReports)
    {
        public static WordsRow Read(System.Data.Common.DbDataReader r) => new(
            r.GetGuid(0), r.GetInt32(1), r.GetInt64(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.GetDecimal(6), (int)r.GetInt64(7));
    }

    private sealed record ReportingRow(int UnitId, int Due, int Submitted, int OnTime, int Approved)
    {
        public static ReportingRow Read(System.Data.Common.DbDataReader r) => new(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4));
    }

    private sealed record WarningCountRow(int UnitId, int Raised, int Open)
    {
        public static WarningCountRow Read(System.Data.Common.DbDataReader r) => new(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
    }

    private sealed record JudgedTask(AssignmentRow Row, IReadOnlyList<AssignmentRow> Units, TaskFigure Figure);
}

public sealed record EvaluationResult(EvaluationFigures? Figures, string? Refusal)
{
    public bool Succeeded => Figures is not null;

    public static EvaluationResult Ok(EvaluationFigures figures) => new(figures, null);

    public static EvaluationResult Refused(string message) => new(null, message);
}
