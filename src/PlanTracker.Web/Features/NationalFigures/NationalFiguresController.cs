using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.NationalFigures;

/// <summary>全国数: a planner enters the national figure of an indicator per reporting period; it is approved as it is saved.</summary>
[Authorize(Policy = Policies.Planning)]
public sealed class NationalFiguresController(NationalFigurePages pages, NationalFigureWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    public const string NoticeKey = "Notice";

    [HttpGet("plans/{planId:int}/indicators/{indicatorId:int}/national")]
    [FollowsCurrentVersion("indicatorId", VersionedThing.Indicator)]
    public async Task<IActionResult> Index(int planId, int indicatorId, CancellationToken cancellationToken)
    {
        var model = await pages.PageAsync(planId, indicatorId, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("plans/{planId:int}/indicators/{indicatorId:int}/national")]
    public async Task<IActionResult> Save(int planId, int indicatorId, NationalFigureInput input, CancellationToken cancellationToken)
    {
        var result = await writer.SaveAsync(planId, indicatorId, input, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer["NationalFigures.Saved"].Value;
            return RedirectToAction(nameof(Index), new { planId, indicatorId });
        }

        var model = await pages.PageAsync(planId, indicatorId, input, result.Refusal, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), model);
    }
}
