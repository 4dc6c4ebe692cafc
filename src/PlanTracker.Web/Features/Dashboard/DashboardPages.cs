using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Dashboard;

/// <summary>
/// The read side of the ministry's monitoring dashboards. Every figure is a GROUP BY over the task statuses PostgreSQL
/// computes (<see cref="TaskStatusSql.Ctes"/>: <c>task_status</c> per task, <c>task_unit_status</c> per assignment);
/// no page loads reports or assignments row by row. The reason sentences are written by <see cref="TaskStatusRules"/>
/// from the same figures, so sentence and colour agree. These pages read every unit (policy MinistryRead).
/// </summary>
public sealed class DashboardPages(AppDbContext db, MonitoringSql sql, TimeProvider clock, DashboardCache cache)
{
    private const string ContextSql = """
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

    private const string ReportingSql = """
        SELECT count(*) FILTER (WHERE current_status IS NULL)::integer,
               count(*) FILTER (WHERE current_status = 'Draft')::integer,
               count(*) FILTER (WHERE current_status = 'Submitted')::integer,
               count(*) FILTER (WHERE current_status = 'Reviewed')::integer,
               count(*) FILTER (WHERE current_status = 'Returned')::integer,
               count(*) FILTER (WHERE current_status = 'Approved')::integer
        FROM task_unit_status
        """;

    private const string ChapterSql = """
        SELECT s.task_id, n.number, n.title, s.starts_on, s.ends_on, s.percent,
               s.units::integer, s.units_red::integer, s.units_amber::integer
        FROM task_status s JOIN plan_nodes n ON n.id = s.task_id
        WHERE s.chapter_id = @chapter
        ORDER BY s.position, s.task_id
        """;

    private const string UnitSql = """
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

    // The pages' figures are cached under the plan's data version (DashboardCache): computed again only after a
    // change to that plan. Whether the signed-in person may see the plan at all is asked first, outside the cache.
    public async Task<OverviewViewModel?> OverviewAsync(int planId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? MinistryCalendar.Today(clock);
        return await VisibleAsync(planId, cancellationToken)
            ? await cache.GetAsync(sql, "overview", planId, DashboardCache.Variant(day), () => LoadOverviewAsync(planId, day, cancellationToken), cancellationToken)
            : null;
    }

    public async Task<(PlanContext Plan, string Chapter, IReadOnlyList<ChapterTaskRow> Tasks)?> ChapterAsync(int planId, int nodeId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? MinistryCalendar.Today(clock);
        return await VisibleAsync(planId, cancellationToken)
            ? await cache.GetAsync(sql, "chapter", planId, DashboardCache.Variant(day, nodeId), () => LoadChapterAsync(planId, nodeId, day, cancellationToken), cancellationToken)
            : null;
    }

    public async Task<(PlanContext Plan, IReadOnlyList<UnitTile> Tiles)?> UnitMapAsync(int planId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? MinistryCalendar.Today(clock);
        return await VisibleAsync(planId, cancellationToken)
            ? await cache.GetAsync(sql, "units", planId, DashboardCache.Variant(day), () => LoadUnitMapAsync(planId, day, cancellationToken), cancellationToken)
            : null;
    }

    public async Task<(PlanContext Plan, string UnitName, IReadOnlyList<UnitTaskStatusRow> Rows)?> UnitAsync(int planId, int unitId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? MinistryCalendar.Today(clock);
        return await VisibleAsync(planId, cancellationToken)
            ? await cache.GetAsync(sql, "unit", planId, DashboardCache.Variant(day, unitId), () => LoadUnitAsync(planId, unitId, day, cancellationToken), cancellationToken)
            : null;
    }

    private Task<bool> VisibleAsync(int planId, CancellationToken cancellationToken) => db.Plans.AnyAsync(p => p.Id == planId, cancellationToken);

    public async Task<DashboardIndexViewModel> IndexAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Published)
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new MonitoredPlan(p.Id, p.Title, p.DocumentNumber, p.StartYear, p.EndYear))
            .ToListAsync(cancellationToken);
        return new DashboardIndexViewModel(plans);
    }

    /// <returns>Null when there is no such plan.</returns>
    public async Task<PlanContext?> PlanAsync(int planId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.DocumentNumber, p.Thresholds })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var day = asOf ?? MinistryCalendar.Today(clock);
        var context = await sql.ReadAsync(
            TaskStatusSql.Ctes + ContextSql,
            TaskStatusSql.Parameters(planId, day),
            r => new
            {
                VersionId = r.NullableInt(0),
                Period = r.NullableInt(1) is { } id ? new CurrentPeriod(id, r.GetString(2), r.Date(3), Enum.Parse<PeriodStatus>(r.GetString(4))) : null,
            },
            cancellationToken);
        var row = context.Single();
        return new PlanContext(plan.Id, plan.Title, plan.DocumentNumber, plan.Thresholds, day, row.VersionId, row.Period);
    }

    /// <returns>Null when there is no such plan.</returns>
    private async Task<OverviewViewModel?> LoadOverviewAsync(int planId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(planId, asOf, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var empty = new ColourCounts(ColourTally.Of([]), ColourTally.Of([]));
        if (plan.VersionId is null)
        {
            return new OverviewViewModel(plan, empty, [], [], null);
        }

        var colourRows = await sql.ReadAsync(
            TaskStatusSql.Ctes + ColourSql,
            TaskStatusSql.Parameters(planId, plan.AsOf),
            r => (Level: r.GetInt32(0), Rank: r.GetInt32(1), Count: r.GetInt32(2)),
            cancellationToken);
        ColourTally Tally(int level)
        {
            int Count(int rank) => colourRows.Where(c => c.Level == level && c.Rank == rank).Sum(c => c.Count);
            return new ColourTally(Count(1), Count(2), Count(3), Count(0));
        }

        var colours = new ColourCounts(Tally(0), Tally(1));
        if (colours.Tasks.Total == 0 || colours.Assignments.Total == 0)
        {
            return new OverviewViewModel(plan, colours, [], [], null);
        }

        var groups = await sql.ReadAsync(
            TaskStatusSql.Ctes + GroupSql,
            TaskStatusSql.Parameters(planId, plan.AsOf),
            r => (Grouping: r.GetInt32(0), Figures: new GroupFigures(
                r.GetInt32(1),
                Label(r.NullableString(2), r.GetString(3)),
                r.GetInt32(5),
                r.NullableDecimal(6),
                r.GetDecimal(7),
                new ColourTally(r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11)))),
            cancellationToken);

        ReportingCounts? reporting = null;
        if (plan.Period is not null)
        {
            reporting = (await sql.ReadAsync(
                TaskStatusSql.Ctes + ReportingSql,
                TaskStatusSql.Parameters(planId, plan.AsOf),
                r => new ReportingCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
                cancellationToken)).Single();
        }

        return new OverviewViewModel(
            plan,
            colours,
            [.. groups.Where(g => g.Grouping == 0).Select(g => g.Figures)],
            [.. groups.Where(g => g.Grouping == 1).Select(g => g.Figures)],
            reporting);
    }

    /// <returns>Null when there is no such plan, or the node is not a chapter of its latest published version.</returns>
    private async Task<(PlanContext Plan, string Chapter, IReadOnlyList<ChapterTaskRow> Tasks)?> LoadChapterAsync(int planId, int nodeId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(planId, asOf, cancellationToken);
        if (plan?.VersionId is not { } versionId)
        {
            return null;
        }

        var chapter = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Id == nodeId && n.PlanVersionId == versionId && n.Kind == NodeKind.Chapter)
            .Select(n => new { n.Number, n.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        var parameters = TaskStatusSql.Parameters(planId, plan.AsOf).Append(new NpgsqlParameter("chapter", NpgsqlDbType.Integer) { Value = nodeId });
        var tasks = await sql.ReadAsync(
            TaskStatusSql.Ctes + ChapterSql,
            parameters,
            r =>
            {
                var span = new TaskSpan(r.Date(3), r.Date(4));
                var percent = r.NullableDecimal(5);
                var facts = new TaskFacts(span, percent is null ? null : new ApprovedProgress(percent, null), null);
                return new ChapterTaskRow(
                    r.GetInt32(0),
                    Label(r.NullableString(1), r.GetString(2)),
                    span.StartsOn,
                    span.EndsOn,
                    r.GetInt32(6),
                    r.GetInt32(7),
                    r.GetInt32(8),
                    TaskStatusRules.Assess(facts, plan.AsOf, plan.Thresholds));
            },
            cancellationToken);
        return (plan, Label(chapter.Number, chapter.Title), tasks);
    }

    /// <returns>Null when there is no such plan.</returns>
    private async Task<(PlanContext Plan, IReadOnlyList<UnitTile> Tiles)?> LoadUnitMapAsync(int planId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(planId, asOf, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var parameters = TaskStatusSql.Parameters(planId, plan.AsOf)
            .Append(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = UnitTiles.Kinds.Select(k => k.ToString()).ToArray() });
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + UnitSql,
            parameters,
            r =>
            {
                var kind = Enum.Parse<UnitKind>(r.GetString(3));
                var code = r.NullableString(1);
                var name = r.GetString(2);
                var approved = r.NullableDecimal(6);
                var expected = r.NullableDecimal(7);
                return new UnitTile(
                    r.GetInt32(0),
                    code,
                    name,
                    UnitTiles.ShortName(name, kind),
                    kind,
                    r.GetInt32(4),
                    r.GetInt32(5),
                    approved,
                    expected,
                    new ColourTally(r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11)),
                    r.GetInt32(12),
                    UnitTiles.Colour(approved, expected, plan.Thresholds),
                    UnitTiles.PlaceOf(code, kind));
            },
            cancellationToken);

        // A unit of these kinds without a cell (added after the map was drawn) is left off rather than misplaced.
        return (plan, [.. rows.Where(r => r.Place is not null)]);
    }

    /// <returns>Null when there is no such plan, or the unit does not report (the ministry, a department, an unknown id).</returns>
    private async Task<(PlanContext Plan, string UnitName, IReadOnlyList<UnitTaskStatusRow> Rows)?> LoadUnitAsync(int planId, int unitId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Id == unitId && u.Kind != UnitKind.Ministry && u.Kind != UnitKind.Department)
            .Select(u => new { u.Id, u.Name })
            .SingleOrDefaultAsync(cancellationToken);
        var plan = unit is null ? null : await PlanAsync(planId, asOf, cancellationToken);
        if (plan is null || unit is null)
        {
            return null;
        }

        if (plan.VersionId is null)
        {
            return (plan, unit.Name, []);
        }

        var statuses = await sql.TaskUnitsAsync(planId, plan.AsOf, unitId, cancellationToken: cancellationToken);
        var taskIds = statuses.Select(s => s.TaskId).Distinct().ToList();
        var labels = await db.PlanNodes.AsNoTracking()
            .Where(n => taskIds.Contains(n.Id))
            .Select(n => new { n.Id, n.Number, n.Title, n.Position })
            .ToDictionaryAsync(n => n.Id, cancellationToken);
        var rows = statuses
            .OrderBy(s => labels.TryGetValue(s.TaskId, out var n) ? n.Position : int.MaxValue)
            .Select(s => new UnitTaskStatusRow(
                s.TaskId,
                labels.TryGetValue(s.TaskId, out var n) ? Label(n.Number, n.Title) : s.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Enum.Parse<AssignmentRole>(s.Role),
                s.ApprovedReportId,
                s.CurrentStatus,
                TaskStatusRules.Assess(s.Facts, plan.AsOf, plan.Thresholds)))
            .ToList();
        return (plan, unit.Name, rows);
    }

    private static string Label(string? number, string title) => string.IsNullOrEmpty(number) ? title : number + " " + title;
}
