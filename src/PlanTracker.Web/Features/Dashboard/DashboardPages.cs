using Microsoft.EntityFrameworkCore;
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
/// computes, read through <see cref="DashboardQueries"/>; no page loads reports or assignments row by row. The reason sentences are written by <see cref="TaskStatusRules"/>
/// from the same figures, so sentence and colour agree. These pages read every unit (policy MinistryRead).
/// </summary>
public sealed class DashboardPages(AppDbContext db, MonitoringSql sql, TimeProvider clock, DashboardCache cache)
{
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
        var monitored = await sql.MonitoredVersionAsync(planId, day, cancellationToken);
        return new PlanContext(plan.Id, plan.Title, plan.DocumentNumber, plan.Thresholds, day, monitored.VersionId, monitored.Period);
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

        var colours = await sql.ColourCountsAsync(planId, plan.AsOf, cancellationToken);
        if (colours.Tasks.Total == 0 || colours.Assignments.Total == 0)
        {
            return new OverviewViewModel(plan, colours, [], [], null);
        }

        var groups = await sql.GroupFiguresAsync(planId, plan.AsOf, cancellationToken);
        var reporting = plan.Period is null ? null : await sql.ReportingCountsAsync(planId, plan.AsOf, cancellationToken);
        return new OverviewViewModel(
            plan,
            colours,
            [.. groups.Chapters.Select(Figures)],
            [.. groups.SpecialColumns.Select(Figures)],
            reporting);
    }

    private static GroupFigures Figures(NodeGroupFigures g) =>
        new(g.NodeId, Label(g.Number, g.Title), g.Tasks, g.ApprovedPercent, g.ExpectedPercent, g.Colours);

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

        var figures = await sql.ChapterTasksAsync(planId, plan.AsOf, nodeId, cancellationToken);
        var tasks = figures
            .Select(t =>
            {
                var span = new TaskSpan(t.StartsOn, t.EndsOn);
                var facts = new TaskFacts(span, t.Percent is null ? null : new ApprovedProgress(t.Percent, null), null);
                return new ChapterTaskRow(
                    t.TaskId,
                    Label(t.Number, t.Title),
                    span.StartsOn,
                    span.EndsOn,
                    t.Units,
                    t.UnitsRed,
                    t.UnitsAmber,
                    TaskStatusRules.Assess(facts, plan.AsOf, plan.Thresholds));
            })
            .ToList();
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

        var figures = await sql.UnitFiguresAsync(planId, plan.AsOf, UnitTiles.Kinds, cancellationToken);
        var rows = figures
            .Select(u => new UnitTile(
                u.UnitId,
                u.Code,
                u.Name,
                UnitTiles.ShortName(u.Name, u.Kind),
                u.Kind,
                u.Assignments,
                u.WithData,
                u.ApprovedPercent,
                u.ExpectedPercent,
                u.Colours,
                u.OverdueReports,
                UnitTiles.Colour(u.ApprovedPercent, u.ExpectedPercent, plan.Thresholds),
                UnitTiles.PlaceOf(u.Code, u.Kind)))
            .ToList();

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
