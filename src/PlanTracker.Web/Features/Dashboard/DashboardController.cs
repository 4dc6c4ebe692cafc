using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Dashboard;

/// <summary>
/// 监测: the ministry's dashboards of a published plan — overview, a chapter's tasks, the unit tile map and one unit's
/// tasks — judged on an as-of day (?asOf=yyyy-MM-dd, Beijing today by default). Every table downloads as CSV or .xlsx
/// from the same URL (?table=KEY&amp;format=csv|xlsx).
/// </summary>
[Authorize(Policy = Policies.MinistryRead)]
[Route("monitoring")]
public sealed class DashboardController(DashboardPages pages, DashboardFigures figures) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await pages.IndexAsync(cancellationToken));

    [HttpGet("plans/{planId:int}")]
    public async Task<IActionResult> Plan(int planId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        var overview = await pages.OverviewAsync(planId, asOf, cancellationToken);
        if (overview is null)
        {
            return NotFound();
        }

        var periodHref = overview.Plan.Period is { } period ? $"/review/periods/{period.Id}" : null;
        var model = figures.Overview(
            overview,
            chapter => Url.Action(nameof(Chapter), new { planId, nodeId = chapter, asOf = AsOfRoute(asOf) })!,
            periodHref);
        return PageOrDownload(model, model.Tables, table, format, model.Plan.Title);
    }

    [HttpGet("plans/{planId:int}/chapters/{nodeId:int}")]
    [FollowsCurrentVersion("nodeId", VersionedThing.Node)]
    public async Task<IActionResult> Chapter(int planId, int nodeId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        if (await pages.ChapterAsync(planId, nodeId, asOf, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var (plan, chapter, tasks) = found;

        var (chart, figureTable) = figures.Chapter(chapter, tasks, TaskHref);
        var model = new ChapterViewModel(plan, nodeId, chapter, tasks, chart, figureTable);
        return PageOrDownload(model, [figureTable], table, format, plan.Title + " " + chapter);
    }

    [HttpGet("plans/{planId:int}/units")]
    public async Task<IActionResult> Units(int planId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        if (await pages.UnitMapAsync(planId, asOf, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var (plan, tiles) = found;

        var figureTable = figures.UnitMap(tiles, unitId => Url.Action(nameof(Unit), new { planId, unitId, asOf = AsOfRoute(asOf) })!);
        var model = new UnitMapViewModel(plan, tiles, figureTable);
        return PageOrDownload(model, [figureTable], table, format, plan.Title + " " + figureTable.Title);
    }

    [HttpGet("plans/{planId:int}/units/{unitId:int}")]
    public async Task<IActionResult> Unit(int planId, int unitId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        if (await pages.UnitAsync(planId, unitId, asOf, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var (plan, unitName, rows) = found;

        var figureTable = figures.Unit(unitName, rows, TaskHref);
        var model = new UnitStatusViewModel(plan, unitId, unitName, rows, figureTable);
        return PageOrDownload(model, [figureTable], table, format, plan.Title + " " + unitName);
    }

    /// <summary>The task page is the detail feature's (/monitoring/tasks/{id}).</summary>
    private static string TaskHref(int taskId) => $"/monitoring/tasks/{taskId}";

    private static string? AsOfRoute(DateOnly? asOf) => asOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page, or one of its tables as a file when both <paramref name="table"/> and <paramref name="format"/> are given (404 for an unknown one).</summary>
    private IActionResult PageOrDownload(object model, IEnumerable<FigureTable> tables, string? table, string? format, string stem)
    {
        if (table is null && format is null)
        {
            return View(model);
        }

        var figureTable = tables.FirstOrDefault(t => t.Key == table);
        var file = figureTable is null ? null : FigureTableFile.For(figureTable, format, stem + " " + figureTable.Title);
        return file is null ? NotFound() : file;
    }
}
