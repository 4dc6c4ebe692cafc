using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// 报送版本: what a unit submitted each time stays readable, and two submissions compare field by field. The unit
/// reaches its own report by period and task (another unit's is 404); the ministry any report by id.
/// </summary>
[Route("progress")]
public sealed class ReportVersionsController(ReportVersions versions) : Controller
{
    [HttpGet("{periodId:int}/tasks/{taskId:int}/versions/{number:int}")]
    [FollowsCurrentVersion("taskId", VersionedThing.Node)]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> UnitVersion(int periodId, int taskId, int number, CancellationToken cancellationToken)
    {
        var report = await versions.UnitReportAsync(periodId, taskId, cancellationToken);
        var model = report is { } r ? await versions.VersionAsync(r.ReportId, r.Context, number, forUnit: true, cancellationToken) : null;
        return model is null ? NotFound() : View("Version", model);
    }

    [HttpGet("{periodId:int}/tasks/{taskId:int}/versions/compare")]
    [FollowsCurrentVersion("taskId", VersionedThing.Node)]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> UnitCompare(int periodId, int taskId, int? from, int? to, CancellationToken cancellationToken)
    {
        var report = await versions.UnitReportAsync(periodId, taskId, cancellationToken);
        var model = report is { } r ? await versions.CompareAsync(r.ReportId, r.Context, from, to, forUnit: true, cancellationToken) : null;
        return model is null ? NotFound() : View("Compare", model);
    }

    [HttpGet("reports/{reportId:long}/versions/{number:int}")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Version(long reportId, int number, CancellationToken cancellationToken)
    {
        var context = await versions.ReportContextAsync(reportId, cancellationToken);
        var model = context is null ? null : await versions.VersionAsync(reportId, context, number, forUnit: false, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("reports/{reportId:long}/versions/compare")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Compare(long reportId, int? from, int? to, CancellationToken cancellationToken)
    {
        var context = await versions.ReportContextAsync(reportId, cancellationToken);
        var model = context is null ? null : await versions.CompareAsync(reportId, context, from, to, forUnit: false, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
