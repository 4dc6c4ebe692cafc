using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Periods;

/// <summary>规划司 sets up a plan's reporting periods and opens, extends, closes and reopens them.</summary>
[Authorize(Policy = Policies.Planning)]
[Route("periods")]
public sealed class PeriodsController(PeriodPages pages, PeriodWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? plan, CancellationToken cancellationToken)
    {
        if (plan is not int planId)
        {
            return View("Plans", await pages.PlansAsync(cancellationToken));
        }

        var model = await pages.ListAsync(planId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("generate")]
    public async Task<IActionResult> Generate(GeneratePeriodsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await writer.GenerateAsync(input, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.ErrorKey is { } error)
        {
            TempData["Error"] = localizer[error].Value;
        }
        else
        {
            TempData["Notice"] = localizer["Periods.Generated", result.Created, result.Kept].Value;
        }

        return RedirectToAction(nameof(Index), new { plan = input.PlanId });
    }

    [HttpPost("{id:int}/open")]
    public async Task<IActionResult> Open(int id, PeriodStepInput input, CancellationToken cancellationToken) =>
        After(await writer.OpenAsync(id, input, cancellationToken), "Periods.Opened");

    [HttpPost("{id:int}/extend")]
    public async Task<IActionResult> Extend(int id, ExtendPeriodInput input, CancellationToken cancellationToken) =>
        After(await writer.ExtendAsync(id, input, cancellationToken), "Periods.Extended");

    [HttpPost("{id:int}/close")]
    public async Task<IActionResult> Close(int id, PeriodStepInput input, CancellationToken cancellationToken) =>
        After(await writer.CloseAsync(id, input, cancellationToken), "Periods.Closed");

    [HttpPost("{id:int}/reopen")]
    public async Task<IActionResult> Reopen(int id, ReopenPeriodInput input, CancellationToken cancellationToken) =>
        After(await writer.ReopenAsync(id, input, cancellationToken), "Periods.Reopened");

    private IActionResult After(PeriodResult? result, string doneKey)
    {
        if (result is null)
        {
            return NotFound();
        }

        if (result.ErrorKey is { } error)
        {
            TempData["Error"] = localizer[error].Value;
        }
        else
        {
            TempData["Notice"] = localizer[doneKey, result.Label].Value;
        }

        return RedirectToAction(nameof(Index), new { plan = result.PlanId });
    }
}
