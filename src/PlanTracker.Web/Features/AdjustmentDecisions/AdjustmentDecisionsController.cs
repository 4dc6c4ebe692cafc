using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.AdjustmentDecisions;

/// <summary>
/// 调整审定: one proposal in any status (the ministry, and the proposing unit's own accounts — the query filter on
/// adjustments makes another unit's proposal a 404), the ministry's queue, and the planners' approve and reject.
/// </summary>
[Route("adjustments")]
public sealed class AdjustmentDecisionsController(AdjustmentDecisionPages pages, AdjustmentDecisionWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.MinistryRead)]
    public async Task<IActionResult> Queue(string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.QueueAsync(cancellationToken);
        if (table is not null || format is not null)
        {
            var chosen = table switch
            {
                AdjustmentDecisionPages.PendingTable => model.Pending,
                AdjustmentDecisionPages.DecidedTable => model.Decided,
                _ => null,
            };
            return chosen is not null && FigureTableFile.For(chosen, format, chosen.Title) is { } file ? file : NotFound();
        }

        return View(model);
    }

    /// <summary>Open to every signed-in account: which proposals a person reaches is the data scope's business.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Proposal(int id, string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.ProposalAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (table is not null || format is not null)
        {
            var chosen = table switch
            {
                AdjustmentDecisionPages.ChangesTable => model.Changes,
                AdjustmentDecisionPages.PreviewTable => model.Preview?.Diff,
                _ => null,
            };
            return chosen is not null && FigureTableFile.For(chosen, format, $"{model.Title}-{chosen.Title}") is { } file ? file : NotFound();
        }

        return View(model);
    }

    [HttpPost("{id:int}/approve")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Approve(int id, DecisionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.ApproveAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, input, localizer["Decisions.Notice.Approved", result.VersionNumber ?? 0].Value, cancellationToken);
    }

    [HttpPost("{id:int}/reject")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Reject(int id, DecisionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RejectAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, input, localizer["Decisions.Notice.Rejected"].Value, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, DecisionResult result, DecisionInput input, string notice, CancellationToken cancellationToken)
    {
        if (result.Outcome == DecisionOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == DecisionOutcome.Done)
        {
            TempData["Notice"] = notice;
            return RedirectToAction(nameof(Proposal), new { id });
        }

        var model = await pages.ProposalAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = result.Outcome is DecisionOutcome.Conflict or DecisionOutcome.Stale
            ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Proposal), model with { Refusal = result.Message, EnteredComment = input?.Comment ?? string.Empty });
    }
}
