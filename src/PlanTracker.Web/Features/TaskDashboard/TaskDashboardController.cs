using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.TaskDashboard;

/// <summary>The task page of monitoring: every assigned unit's status and progress over the periods (ministry only).</summary>
[Authorize(Policy = Policies.MinistryRead)]
public sealed class TaskDashboardController(TaskDashboardPages pages, TimeProvider clock) : Controller
{
    [HttpGet("monitoring/tasks/{taskId:int}")]
    [FollowsCurrentVersion("taskId", VersionedThing.Node)]
    public async Task<IActionResult> Show(int taskId, DateOnly? asOf, string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.TaskAsync(taskId, asOf ?? MinistryCalendar.Today(clock), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (table is null && format is null)
        {
            return View(model);
        }

        var figures = new[] { model.UnitTable, model.TrendTable, model.MatrixTable }.FirstOrDefault(t => t.Key == table);
        return figures is not null && FigureTableFile.For(figures, format, $"{model.Task.Label}-{figures.Title}") is { } file ? file : NotFound();
    }
}
