using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Completeness;

/// <summary>
/// 规划司 (and the ministry's evaluators and administrators) watch a period's completeness and chase late units (催报);
/// planners send reminders and reopen a task of a closed period for one unit.
/// </summary>
[Authorize(Policy = Policies.MinistryRead)]
[Route("review")]
public sealed class CompletenessController(CompletenessPages pages, CompletenessWriter writer, RefusalWords words, IStringLocalizer<SharedResource> localizer) : Controller
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

    /// <summary>催报: a portal message to one overdue unit, or to all of them at once.</summary>
    [HttpPost("periods/{periodId:int}/overdue/remind")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Remind(int periodId, RemindInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RemindAsync(periodId, input, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result is WriteResult<int> { Value: var sent })
        {
            TempData["Notice"] = localizer["Review.Notice.Reminded", sent].Value;
            return RedirectToAction(nameof(Overdue), new { periodId });
        }

        var model = await pages.OverdueAsync(periodId, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Overdue), model with { Refusal = words.Sentence(result.Refusal!), ReminderText = input.Body ?? string.Empty });
    }

    /// <summary>重新开放 a task of a closed period that the unit never reported on: the report is started and reopened together.</summary>
    [HttpPost("periods/{periodId:int}/units/{unitId:int}/tasks/{taskId:int}/reopen")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> ReopenTask(int periodId, int unitId, int taskId, ReopenCellInput input, CancellationToken cancellationToken)
    {
        var result = await writer.ReopenCellAsync(periodId, unitId, taskId, input, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer["Progress.Notice.Reopened"].Value;
            return RedirectToAction(nameof(Unit), new { periodId, unitId });
        }

        var model = await pages.UnitAsync(periodId, unitId, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Unit), model with { Refusal = words.Sentence(result.Refusal!) });
    }
}
