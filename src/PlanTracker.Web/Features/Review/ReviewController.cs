using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Review;

/// <summary>规划司 (and the ministry's evaluators and administrators) watch a period's completeness and chase late units (催报).</summary>
[Authorize(Policy = Policies.MinistryRead)]
[Route("review")]
public sealed class ReviewController(ReviewPages pages) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await pages.IndexAsync(cancellationToken));

    [HttpGet("periods/{periodId:int}")]
    public async Task<IActionResult> Period(int periodId, UnitGroup? kind, ReviewState? state, CancellationToken cancellationToken)
    {
        var model = await pages.MatrixAsync(periodId, kind, state, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("periods/{periodId:int}/units/{unitId:int}")]
    public async Task<IActionResult> Unit(int periodId, int unitId, CancellationToken cancellationToken)
    {
        var model = await pages.UnitAsync(periodId, unitId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("periods/{periodId:int}/overdue")]
    public async Task<IActionResult> Overdue(int periodId, CancellationToken cancellationToken)
    {
        var model = await pages.OverdueAsync(periodId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
