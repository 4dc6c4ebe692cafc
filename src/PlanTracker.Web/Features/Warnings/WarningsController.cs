using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Warnings;

/// <summary>
/// 预警: a plan's early warnings for the ministry (newest first, filtered, downloadable), one warning with its subject's
/// history, and the planner's answers (acknowledge with a note, link to an adjustment proposal) and 立即检查.
/// </summary>
[Authorize(Policy = Policies.MinistryRead)]
[Route("monitoring")]
public sealed class WarningsController(WarningPages pages, WarningWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("plans/{planId:int}/warnings")]
    public async Task<IActionResult> Index(
        int planId, WarningStateFilter? state, StatusColour? colour, WarningKind? kind, int? unit, int? page, string? table, string? format, CancellationToken cancellationToken)
    {
        var filter = new WarningFilter(state ?? WarningStateFilter.Open, colour, kind, unit, page ?? 1);
        if (table is not null || format is not null)
        {
            if (table != WarningPages.TableKey)
            {
                return NotFound();
            }

            var download = await pages.DownloadAsync(planId, filter, cancellationToken);
            return download is { } found && FigureTableFile.For(found.Table, format, $"{found.PlanTitle}-{found.Table.Title}") is { } file ? file : NotFound();
        }

        var model = await pages.ListAsync(planId, filter, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>立即检查: scans the plan now, as the daily scan would, and shows what it raised.</summary>
    [HttpPost("plans/{planId:int}/warnings/scan")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Scan(int planId, CancellationToken cancellationToken)
    {
        var result = await writer.ScanNowAsync(planId, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        TempData["Notice"] = localizer["Warnings.Notice.Scanned", result.Subjects, result.Raised].Value;
        return RedirectToAction(nameof(Index), new { planId });
    }

    [HttpGet("warnings/{id:long}")]
    public async Task<IActionResult> Warning(long id, CancellationToken cancellationToken)
    {
        var model = await pages.WarningAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("warnings/{id:long}/acknowledge")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Acknowledge(long id, AcknowledgeInput input, CancellationToken cancellationToken)
    {
        var result = await writer.AcknowledgeAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Warnings.Notice.Acknowledged", input.Note, cancellationToken);
    }

    [HttpPost("warnings/{id:long}/link")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Link(long id, LinkInput input, CancellationToken cancellationToken)
    {
        var result = await writer.LinkAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Warnings.Notice.Linked", input.Note, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(long id, WarningWriteResult result, string notice, string? note, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer[notice].Value;
            return RedirectToAction(nameof(Warning), new { id });
        }

        var model = await pages.WarningAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Warning), model with { Refusal = result.Refusal, EnteredNote = note ?? string.Empty });
    }
}
