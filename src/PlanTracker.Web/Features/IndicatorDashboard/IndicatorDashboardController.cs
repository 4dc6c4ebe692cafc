using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.IndicatorDashboard;

/// <summary>Monitoring of a plan's indicators: the overview with verdicts, and one indicator's figures (ministry only).</summary>
[Authorize(Policy = Policies.MinistryRead)]
public sealed class IndicatorDashboardController(IndicatorDashboardPages pages, TimeProvider clock) : Controller
{
    [HttpGet("monitoring/plans/{planId:int}/indicators")]
    public async Task<IActionResult> Overview(int planId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.OverviewAsync(planId, asOf ?? MinistryCalendar.Today(clock), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return table is null && format is null ? View(model) : Download([model.Table, model.TallyTable], table, format, model.PlanTitle);
    }

    [HttpGet("monitoring/indicators/{indicatorId:int}")]
    [FollowsCurrentVersion("indicatorId", VersionedThing.Indicator)]
    public async Task<IActionResult> Indicator(int indicatorId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.IndicatorAsync(indicatorId, asOf ?? MinistryCalendar.Today(clock), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return table is null && format is null ? View(model) : Download([model.YearTable, model.UnitTable], table, format, model.Indicator.Name);
    }

    private IActionResult Download(IEnumerable<FigureTable> tables, string? table, string? format, string stem) =>
        tables.FirstOrDefault(t => t.Key == table) is { } figures && FigureTableFile.For(figures, format, $"{stem}-{figures.Title}") is { } file
            ? file
            : NotFound();
}
