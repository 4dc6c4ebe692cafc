using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The figures of the ministry's monitoring dashboards for one plan on one day: each is one statement, a GROUP BY over
/// the task statuses PostgreSQL computes (<see cref="TaskStatusSql.Ctes"/>: <c>task_status</c> per task,
/// <c>task_unit_status</c> per assignment); nothing is loaded row by row. Raw SQL passes no query filter: these figures
/// cover every unit, so callers allow ministry readers only.
/// </summary>
public static class DashboardQueries
{
    private const string MonitoredVersionSql = """
        SELECT mp.version_id, mp.period_id, pe.label, pe.due_on, pe.status
        FROM monitored_plan mp
        LEFT JOIN reporting_periods pe ON pe.id = mp.period_id
        """;

    private const string ColourSql = """
        SELECT 0 AS level, colour_rank, count(*)::integer FROM task_status GROUP BY colour_rank
        UNION ALL
        SELECT 1 AS level, colour_rank, count(*)::integer FROM task_unit_status GROUP BY colour_rank
        """;

    private const string GroupSql = """
        SELECT 0 AS grouping, n.id, n.number, n.title, n.position, count(*)::integer AS tasks,
               round(avg(s.percent), 1), round(avg(s.expected), 1),
               count(*) FILTER (WHERE s.colour_rank = 1)::integer, count(*) FILTER (WHERE s.colour_rank = 2)::integer,
               count(*) FILTER (WHERE s.colour_rank = 3)::integer, count(*) FILTER (WHERE s.colour_rank = 0)::integer
        FROM task_status s JOIN plan_nodes n ON n.id = s.chapter_id
        GROUP BY n.id, n.number, n.title, n.position
        UNION ALL
        SELECT 1 AS grouping, n.id, n.number, n.title, n.position, count(*)::integer AS tasks,
               round(avg(s.percent), 1), round(avg(s.expected), 1),
               count(*) FILTER (WHERE s.colour_rank = 1)::integer, count(*) FILTER (WHERE s.colour_rank = 2)::integer,
               count(*) FILTER (WHERE s.colour_rank = 3)::integer, count(*) FILTER (WHERE s.colour_rank = 0)::integer
        FROM task_status s JOIN plan_nodes n ON n.id = s.special_column_id
        GROUP BY n.id, n.number, n.title, n.position
        ORDER BY 1, 5, 2
        """;

    private static readonly string ReportingSql = $"""
        SELECT count(*) FILTER (WHERE current_status IS NULL)::integer,
               count(*) FILTER (WHERE current_status = '{nameof(ReportStatus.Draft)}')::integer,
               count(*) FILTER (WHERE current_status = '{nameof(ReportStatus.Submitted)}')::integer,
               count(*) FILTER (WHERE current_status = '{nameof(ReportStatus.Reviewed)}')::integer,
               count(*) FILTER (WHERE current_status = '{nameof(ReportStatus.Returned)}')::integer,
               count(*) FILTER (WHERE current_status = '{nameof(ReportStatus.Approved)}')::integer
        FROM task_unit_status
        """;

    private const string ChapterTasksSql = """
        SELECT s.task_id, n.number, n.title, s.starts_on, s.ends_on, s.percent,
               s.units::integer, s.units_red::integer, s.units_amber::integer
        FROM task_status s JOIN plan_nodes n ON n.id = s.task_id
        WHERE s.chapter_id = @chapter
        ORDER BY s.position, s.task_id
        """;

    private const string UnitFiguresSql = """
        SELECT u.id, u.code, u.name, u.kind,
               count(s.task_id)::integer, count(s.percent)::integer,
               round(avg(s.percent), 1), round(avg(s.expected) FILTER (WHERE s.percent IS NOT NULL), 1),
               count(*) FILTER (WHERE s.colour_rank = 1)::integer, count(*) FILTER (WHERE s.colour_rank = 2)::integer,
               count(*) FILTER (WHERE s.colour_rank = 3)::integer, count(*) FILTER (WHERE s.colour_rank = 0)::integer,
               count(*) FILTER (WHERE s.overdue_days IS NOT NULL)::integer
        FROM units u
        LEFT JOIN task_unit_status s ON s.unit_id = u.id
        WHERE u.kind = ANY(@kinds)
        GROUP BY u.id, u.code, u.name, u.kind, u.sort_order
        ORDER BY u.sort_order, u.id
        """;

    /// <summary>The plan's latest published version (null: nothing to monitor) and its current period (the latest opened by the day).</summary>
    public static async Task<MonitoredVersion> MonitoredVersionAsync(this MonitoringSql sql, int planId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + MonitoredVersionSql,
            TaskStatusSql.Parameters(planId, asOf),
            r => new MonitoredVersion(
                r.NullableInt(0),
                r.NullableInt(1) is { } id ? new CurrentPeriod(id, r.GetString(2), r.Date(3), Enum.Parse<PeriodStatus>(r.GetString(4))) : null),
            cancellationToken);
        return rows.Single();
    }

    /// <summary>How many tasks (judged nationally) and assignments (judged per unit) have each colour.</summary>
    public static async Task<ColourCounts> ColourCountsAsync(this MonitoringSql sql, int planId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + ColourSql,
            TaskStatusSql.Parameters(planId, asOf),
            r => (Level: r.GetInt32(0), Rank: r.GetInt32(1), Count: r.GetInt32(2)),
            cancellationToken);
        ColourTally Tally(int level)
        {
            int Count(int rank) => rows.Where(c => c.Level == level && c.Rank == rank).Sum(c => c.Count);
            return new ColourTally(Count(1), Count(2), Count(3), Count(0));
        }

        return new ColourCounts(Tally(0), Tally(1));
    }

    /// <summary>The figures of each chapter and of each special column, in plan order.</summary>
    public static async Task<ChapterAndColumnFigures> GroupFiguresAsync(this MonitoringSql sql, int planId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + GroupSql,
            TaskStatusSql.Parameters(planId, asOf),
            r => (Grouping: r.GetInt32(0), Figures: new NodeGroupFigures(
                r.GetInt32(1),
                r.NullableString(2),
                r.GetString(3),
                r.GetInt32(5),
                r.NullableDecimal(6),
                r.GetDecimal(7),
                new ColourTally(r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11)))),
            cancellationToken);
        return new ChapterAndColumnFigures(
            [.. rows.Where(g => g.Grouping == 0).Select(g => g.Figures)],
            [.. rows.Where(g => g.Grouping == 1).Select(g => g.Figures)]);
    }

    /// <summary>The current period's reports by state across the plan's assignments.</summary>
    public static async Task<ReportingCounts> ReportingCountsAsync(this MonitoringSql sql, int planId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + ReportingSql,
            TaskStatusSql.Parameters(planId, asOf),
            r => new ReportingCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
            cancellationToken);
        return rows.Single();
    }

    /// <summary>The tasks of one chapter with their units' mean approved percent and how many units are red or amber.</summary>
    public static Task<IReadOnlyList<ChapterTaskFigures>> ChapterTasksAsync(this MonitoringSql sql, int planId, DateOnly asOf, int chapterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parameters = TaskStatusSql.Parameters(planId, asOf).Append(new NpgsqlParameter("chapter", NpgsqlDbType.Integer) { Value = chapterId });
        return sql.ReadAsync(
            TaskStatusSql.Ctes + ChapterTasksSql,
            parameters,
            r => new ChapterTaskFigures(
                r.GetInt32(0), r.NullableString(1), r.GetString(2), r.Date(3), r.Date(4), r.NullableDecimal(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)),
            cancellationToken);
    }

    /// <summary>Every unit of the given kinds with its assignments' figures in the plan (a unit without assignments too).</summary>
    public static Task<IReadOnlyList<UnitFigures>> UnitFiguresAsync(this MonitoringSql sql, int planId, DateOnly asOf, IEnumerable<UnitKind> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parameters = TaskStatusSql.Parameters(planId, asOf)
            .Append(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kinds.Select(k => k.ToString()).ToArray() });
        return sql.ReadAsync(
            TaskStatusSql.Ctes + UnitFiguresSql,
            parameters,
            r => new UnitFigures(
                r.GetInt32(0),
                r.NullableString(1),
                r.GetString(2),
                Enum.Parse<UnitKind>(r.GetString(3)),
                r.GetInt32(4),
                r.GetInt32(5),
                r.NullableDecimal(6),
                r.NullableDecimal(7),
                new ColourTally(r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11)),
                r.GetInt32(12)),
            cancellationToken);
    }
}

/// <summary>The plan's latest published version (null: nothing to monitor) and the current period (null: none opened yet).</summary>
public sealed record MonitoredVersion(int? VersionId, CurrentPeriod? Period);

public sealed record CurrentPeriod(int Id, string Label, DateOnly DueOn, PeriodStatus Status);

/// <summary>Green/amber/red/grey counts of the tasks (judged nationally) and of the assignments (judged per unit).</summary>
public sealed record ColourCounts(ColourTally Tasks, ColourTally Assignments);

/// <summary>Reports of the current period by state across its assignments (none yet, draft, …).</summary>
public sealed record ReportingCounts(int None, int Draft, int Submitted, int Reviewed, int Returned, int Approved)
{
    public int Total => None + Draft + Submitted + Reviewed + Returned + Approved;
}

/// <summary>A chapter's or special column's tasks: how many, average approved and expected percent, colour counts.</summary>
public sealed record NodeGroupFigures(int NodeId, string? Number, string Title, int Tasks, decimal? ApprovedPercent, decimal ExpectedPercent, ColourTally Colours);

public sealed record ChapterAndColumnFigures(IReadOnlyList<NodeGroupFigures> Chapters, IReadOnlyList<NodeGroupFigures> SpecialColumns);

/// <summary>One task of a chapter: its span, its units' mean approved percent, how many units it has and how many are red or amber.</summary>
public sealed record ChapterTaskFigures(
    int TaskId, string? Number, string Title, DateOnly StartsOn, DateOnly EndsOn, decimal? Percent, int Units, int UnitsRed, int UnitsAmber);

/// <summary>A unit's assignments in a plan: how many, how many with data, mean approved and expected percent, colours, overdue reports.</summary>
public sealed record UnitFigures(
    int UnitId,
    string? Code,
    string Name,
    UnitKind Kind,
    int Assignments,
    int WithData,
    decimal? ApprovedPercent,
    decimal? ExpectedPercent,
    ColourTally Colours,
    int OverdueReports);
