using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Adjustments;

namespace PlanTracker.Web.Features.Adjustments;

/// <summary>
/// 调整方案起草: a plan's proposals, a new draft against the plan's current version, and the draft editor (title and
/// reason, changes of every kind checked at once, evidence, submit, re-base onto a newer version). Planners draft for
/// the ministry, a provincial reviewer for its own unit; another unit's proposal is 404.
/// </summary>
[Authorize(Policy = AdjustmentDraftServices.ReadProposals)]
public sealed class AdjustmentDraftsController(AdjustmentDrafts pages, AdjustmentDraftWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("plans/{planId:int}/adjustments")]
    public async Task<IActionResult> Index(int planId, AdjustmentStatus? status, int? page, CancellationToken cancellationToken)
    {
        var model = await pages.ListAsync(planId, status, page ?? 1, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("plans/{planId:int}/adjustments/new")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> New(int planId, CancellationToken cancellationToken)
    {
        var model = await pages.NewAsync(planId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("plans/{planId:int}/adjustments/new")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> Create(int planId, ProposalInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await writer.CreateAsync(planId, input, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer["Proposals.Notice.Created"].Value;
            return RedirectToAction(nameof(Edit), new { id = result.Id });
        }

        var model = await pages.NewAsync(planId, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(New), model with { Refusal = string.Join(" ", result.Problems), Title = input.Title ?? string.Empty, Reason = input.Reason ?? string.Empty });
    }

    [HttpGet("adjustments/{id:int}/edit")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var lookup = await pages.EditorAsync(id, cancellationToken);
        return lookup.NotFound ? NotFound()
            : lookup.Forbidden ? Forbid()
            : lookup.NotDraft ? Redirect($"/adjustments/{id}")
            : View(lookup.Model);
    }

    /// <summary>Rewrites the draft's title and reason.</summary>
    [HttpPost("adjustments/{id:int}/edit")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> Redraft(int id, RedraftInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await writer.RedraftAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.Redrafted", model => model with { EnteredTitle = input.Title, EnteredReason = input.Reason }, cancellationToken);
    }

    [HttpPost("adjustments/{id:int}/changes")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> AddChange(int id, ChangeInput input, CancellationToken cancellationToken)
    {
        var result = await writer.AddChangeAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.ChangeAdded", model => model with { Entered = input }, cancellationToken);
    }

    [HttpPost("adjustments/{id:int}/changes/{ordinal:int}/remove")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> RemoveChange(int id, int ordinal, RowVersionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RemoveChangeAsync(id, ordinal, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.ChangeRemoved", model => model, cancellationToken);
    }

    [HttpPost("adjustments/{id:int}/evidence")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> AddEvidence(int id, EvidenceInput input, CancellationToken cancellationToken)
    {
        var result = await writer.AddEvidenceAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.EvidenceAdded", model => model, cancellationToken);
    }

    [HttpPost("adjustments/{id:int}/evidence/{evidenceId:int}/remove")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> RemoveEvidence(int id, int evidenceId, RowVersionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RemoveEvidenceAsync(id, evidenceId, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.EvidenceRemoved", model => model, cancellationToken);
    }

    /// <summary>Sends the draft to the ministry; its page (/adjustments/{id}) shows it from then on.</summary>
    [HttpPost("adjustments/{id:int}/submit")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> Submit(int id, RowVersionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.SubmitAsync(id, input, cancellationToken);
        if (result.Succeeded)
        {
            TempData["Notice"] = localizer["Proposals.Notice.Submitted"].Value;
            return Redirect($"/adjustments/{id}");
        }

        return await AfterAsync(id, result, "Proposals.Notice.Submitted", model => model, cancellationToken);
    }

    /// <summary>按当前版本重新起草: the draft moves onto the plan's current version when its changes still apply.</summary>
    [HttpPost("adjustments/{id:int}/rebase")]
    [Authorize(Policy = AdjustmentDraftServices.Propose)]
    public async Task<IActionResult> Rebase(int id, RowVersionInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RebaseAsync(id, input, cancellationToken);
        return await AfterAsync(id, result, "Proposals.Notice.Rebased", model => model, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, DraftWriteResult result, string notice, Func<DraftEditorViewModel, DraftEditorViewModel> keepEntered, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Forbidden)
        {
            return Forbid();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer[notice].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }

        var lookup = await pages.EditorAsync(id, cancellationToken);
        if (lookup.Model is null)
        {
            return lookup.NotDraft ? Redirect($"/adjustments/{id}") : NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var model = keepEntered(lookup.Model) with { Problems = result.Problems };
        return View(nameof(Edit), result.ChangedMeanwhile.Count > 0 ? model with { ChangedMeanwhile = result.ChangedMeanwhile } : model);
    }
}
