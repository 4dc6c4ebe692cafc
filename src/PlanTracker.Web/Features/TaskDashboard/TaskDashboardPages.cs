using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.TaskDashboard;

/// <summary>
/// Reads for the task page. Three SQL reads: the task with its national status (<see cref="TaskPageQueries.TaskHeadAsync"/>),
/// every assignment's status (<see cref="TaskStatusSql.TaskUnitsAsync"/>), and the approved percents grouped by period
/// and unit (<see cref="TaskPageQueries.ApprovedPercentsAsync"/>); plus the unit names in one query.
/// The page is a ministry page: every unit's row is shown.
/// </summary>
public sealed class TaskDashboardPages(AppDbContext db, MonitoringSql sql, IStringLocalizer<SharedResource> localizer, DashboardCache cache)
{
    /// <summary>The task page, cached under its plan's data version (<see cref="DashboardCache"/>) per day and language.</summary>
    public async Task<TaskPageViewModel?> TaskAsync(int taskId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var planId = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Id == taskId && n.Kind == NodeKind.Task)
            .Join(db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published), n => n.PlanVersionId, v => v.Id, (n, v) => (int?)v.PlanId)
            .SingleOrDefaultAsync(cancellationToken);
        return planId is null
            ? null
            : await cache.GetAsync(sql, "task", planId.Value, DashboardCache.Variant(asOf, taskId), () => LoadAsync(taskId, asOf, cancellationToken), cancellationToken);
    }

    private async Task<TaskPageViewModel?> LoadAsync(int taskId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var node = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Id == taskId && n.Kind == NodeKind.Task)
            .Join(db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published), n => n.PlanVersionId, v => v.Id, (n, v) => new { n.Key, v.PlanId })
            .SingleOrDefaultAsync(cancellationToken);
        if (node is null)
        {
            return null;
        }

        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == node.PlanId, cancellationToken);
        var head = await sql.TaskHeadAsync(plan.Id, asOf, taskId, cancellationToken);
        if (head?.StartsOn is not { } startsOn || head.EndsOn is not { } endsOn)
        {
            return null;
        }

        var chapter = head.ChapterTitle is { } chapterTitle ? (head.ChapterNumber is { } chapterNumber ? $"{chapterNumber} {chapterTitle}" : chapterTitle) : null;
        var task = new TaskHead(taskId, plan.Id, plan.Title, head.Number, head.Title, startsOn, endsOn, chapter);
        var span = new TaskSpan(startsOn, endsOn);
        var thresholds = plan.Thresholds;

        // The national status: the mean of the units' latest approved percents against time (report deadlines aside).
        var national = TaskStatusRules.Assess(new TaskFacts(span, head.Percent is { } mean ? new ApprovedProgress(mean, null) : null), asOf, thresholds);

        var rows = await sql.TaskUnitsAsync(plan.Id, asOf, taskId: taskId, cancellationToken: cancellationToken);
        var percents = await sql.ApprovedPercentsAsync(plan.Id, node.Key, asOf, cancellationToken);

        var unitIds = rows.Select(r => r.UnitId).Concat(percents.Where(p => p.UnitId is not null).Select(p => p.UnitId!.Value)).Distinct().ToList();
        var units = await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.SortOrder })
            .ToDictionaryAsync(u => u.Id, cancellationToken);

        var lines = rows
            .OrderBy(r => r.Role == "Lead" ? 0 : 1).ThenBy(r => units[r.UnitId].SortOrder).ThenBy(r => r.UnitId)
            .Select(r => new TaskUnitLine(r.UnitId, units[r.UnitId].Name, r.Role, TaskStatusRules.Assess(r.Facts, asOf, thresholds), r.ApprovedReportId))
            .ToList();

        var periods = percents.Where(p => p.UnitId is null).ToList();
        var matrixUnits = lines.Select(l => l.UnitId)
            .Concat(units.Values.OrderBy(u => u.SortOrder).Select(u => u.Id))
            .Distinct()
            .Select(id => (Id: id, units[id].Name))
            .ToList();

        return new TaskPageViewModel(
            task,
            asOf,
            national,
            (int)head.Units,
            (int)head.UnitsWithData,
            lines,
            Chart(span, periods),
            UnitTable(task, lines),
            TrendTable(span, periods),
            MatrixTable(periods, matrixUnits, percents),
            node.Key,
            await OriginAsync(plan.Id, node.Key, taskId, task, lines, cancellationToken));
    }

    /// <summary>
    /// The task's dates and units in the earliest published version holding its key, beside the current ones: two queries
    /// (that version's node, its assignments with unit names), whatever the plan's size.
    /// </summary>
    private async Task<TaskOrigin?> OriginAsync(int planId, Guid key, int taskId, TaskHead task, IReadOnlyList<TaskUnitLine> lines, CancellationToken cancellationToken)
    {
        var first = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Key == key)
            .Join(db.PlanVersions.IgnoreQueryFilters().Where(v => v.PlanId == planId && v.Status != PlanVersionStatus.Draft), n => n.PlanVersionId, v => v.Id, (n, v) => new { n.Id, n.StartsOn, n.EndsOn, v.Number })
            .OrderBy(x => x.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null || first.Id == taskId)
        {
            return null;
        }

        var assigned = await db.TaskAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.TaskId == first.Id)
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { a.UnitId, a.Role, u.Name, u.SortOrder })
            .ToListAsync(cancellationToken);
        var span = first.StartsOn != task.StartsOn || first.EndsOn != task.EndsOn
            ? $"{first.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"} — {first.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"}"
            : null;
        var before = assigned.Select(a => (a.UnitId, Role: a.Role.ToString())).ToHashSet();
        var now = lines.Select(l => (l.UnitId, l.Role)).ToHashSet();
        string Units(IEnumerable<(string Role, string Name)> units) => localizer[
            "Versions.Units",
            string.Join("、", units.Where(u => u.Role == "Lead").Select(u => u.Name).DefaultIfEmpty("—")),
            string.Join("、", units.Where(u => u.Role != "Lead").Select(u => u.Name).DefaultIfEmpty("—"))].Value;
        var unitsChanged = !before.SetEquals(now);
        return new TaskOrigin(
            first.Number,
            span,
            unitsChanged ? Units(assigned.OrderBy(a => a.SortOrder).ThenBy(a => a.UnitId).Select(a => (a.Role.ToString(), a.Name))) : null,
            unitsChanged ? Units(lines.Select(l => (l.Role, l.UnitName))) : null);
    }

    private string L(string key) => localizer[key].Value;

    private ChartSpec Chart(TaskSpan span, IReadOnlyList<PeriodPercent> periods) => ChartSpec.Of(
        "task-progress",
        L("TaskPage.ChartTitle"),
        new
        {
            type = "line",
            data = new
            {
                labels = periods.Select(p => p.PeriodLabel).ToList(),
                datasets = new object[]
                {
                    new { label = L("TaskPage.Lowest"), data = periods.Select(p => p.Lowest).ToList(), borderColor = "lightBlue", backgroundColor = "lightBlue", pointRadius = 2, fill = false },
                    new { label = L("TaskPage.Highest"), data = periods.Select(p => p.Highest).ToList(), borderColor = "lightBlue", backgroundColor = "lightBlue", pointRadius = 2, fill = "-1" },
                    new { label = L("TaskPage.Mean"), data = periods.Select(p => p.Percent).ToList(), borderColor = "blue", backgroundColor = "blue", pointRadius = 3, fill = false },
                    new { label = L("TaskPage.Expected"), data = periods.Select(p => TaskStatusRules.ExpectedPercent(span, p.EndsOn)).ToList(), borderColor = "grey", backgroundColor = "grey", borderDash = new[] { 6, 4 }, pointRadius = 0, fill = false },
                },
            },
            options = new { scales = new { y = new { min = 0, max = 100, title = new { display = true, text = "%" } } } },
        });

    private FigureTable TrendTable(TaskSpan span, IReadOnlyList<PeriodPercent> periods) => new(
        "trend",
        L("TaskPage.TrendTable"),
        [new(L("TaskPage.Period")), new(L("TaskPage.Mean"), true), new(L("TaskPage.Lowest"), true), new(L("TaskPage.Highest"), true), new(L("TaskPage.Expected"), true), new(L("TaskPage.Reports"), true)],
        [.. periods.Select(p => new FigureRow(
        [
            FigureCell.Of(p.PeriodLabel),
            FigureCell.Of(p.Percent),
            FigureCell.Of(p.Lowest),
            FigureCell.Of(p.Highest),
            FigureCell.Of(TaskStatusRules.ExpectedPercent(span, p.EndsOn)),
            FigureCell.Of(p.Reports),
        ]))])
    { EmptyText = L("TaskPage.NoApproved") };

    private FigureTable UnitTable(TaskHead task, IReadOnlyList<TaskUnitLine> lines) => new(
        "units",
        L("TaskPage.UnitTable"),
        [
            new(L("TaskPage.Unit")), new(L("TaskPage.Role")), new(L("TaskPage.Percent"), true), new(L("TaskPage.Expected"), true),
            new(L("TaskPage.Gap"), true), new(L("TaskPage.Status")), new(L("TaskPage.Reason")), new(L("TaskPage.Disagreement")), new(L("TaskPage.Report")),
        ],
        [.. lines.Select(l => new FigureRow(
        [
            FigureCell.Of(l.UnitName, $"/monitoring/plans/{task.PlanId}/units/{l.UnitId}"),
            FigureCell.Of(L("Assignments.Role." + l.Role)),
            FigureCell.Of(l.Assessment.ActualPercent),
            FigureCell.Of(l.Assessment.ExpectedPercent),
            FigureCell.Of(l.Assessment.GapPoints),
            FigureCell.Of(StatusColours.Chinese(l.Assessment.Colour), colour: ColourWord(l.Assessment.Colour)),
            FigureCell.Of(l.Assessment.Reason),
            FigureCell.Of(l.Assessment.Disagreement ?? string.Empty),
            l.ApprovedReportId is { } report ? FigureCell.Of(L("TaskPage.OpenReport"), $"/progress/reports/{report}") : FigureCell.Of("—"),
        ]))])
    { EmptyText = L("TaskPage.NoUnits") };

    private FigureTable MatrixTable(IReadOnlyList<PeriodPercent> periods, IReadOnlyList<(int Id, string Name)> units, IReadOnlyList<PeriodPercent> percents)
    {
        var cells = percents.Where(p => p.UnitId is not null).ToDictionary(p => (p.UnitId!.Value, p.PeriodId), p => p.Percent);
        return new FigureTable(
            "matrix",
            L("TaskPage.MatrixTable"),
            [new(L("TaskPage.Unit")), .. periods.Select(p => new FigureColumn(p.PeriodLabel, true))],
            [.. units.Select(u => new FigureRow(
            [
                FigureCell.Of(u.Name),
                .. periods.Select(p => cells.TryGetValue((u.Id, p.PeriodId), out var percent) ? FigureCell.Of(percent) : FigureCell.Of((decimal?)null)),
            ]))])
        { EmptyText = L("TaskPage.NoUnits") };
    }

    public static string ColourWord(StatusColour colour) => colour.ToString().ToLower(CultureInfo.InvariantCulture);
}
