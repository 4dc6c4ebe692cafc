using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// 填报: a unit enters, saves and submits its progress on its assigned tasks for an open period; its reviewer reviews
/// or returns; the ministry approves or returns. Another unit's task or report is not found (404).
/// </summary>
[Route("progress")]
public sealed class ProgressController(ProgressPages pages, ProgressInbox inbox, ProgressWriter writer, RefusalWords words, IStringLocalizer<SharedResource> localizer) : Controller
{
    public const string NoticeKey = "Progress.Notice";

    [HttpGet("")]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> Index([FromQuery] int? period, [FromQuery] int page, [FromQuery] string? status, CancellationToken cancellationToken) =>
        View(await inbox.IndexAsync(period, page, status, cancellationToken));

    [HttpGet("{periodId:int}/tasks/{taskId:int}")]
    [FollowsCurrentVersion("taskId", VersionedThing.Node)]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> Entry(int periodId, int taskId, CancellationToken cancellationToken)
    {
        var model = await pages.EntryAsync(periodId, taskId, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{periodId:int}/tasks/{taskId:int}/save")]
    [Authorize(Policy = ProgressServices.Reporting)]
    public Task<IActionResult> Save(int periodId, int taskId, ReportInput input, CancellationToken cancellationToken) =>
        SaveOrSubmitAsync(periodId, taskId, input, submit: false, cancellationToken);

    [HttpPost("{periodId:int}/tasks/{taskId:int}/submit")]
    [Authorize(Policy = ProgressServices.Reporting)]
    public Task<IActionResult> Submit(int periodId, int taskId, ReportInput input, CancellationToken cancellationToken) =>
        SaveOrSubmitAsync(periodId, taskId, input, submit: true, cancellationToken);

    [HttpPost("{periodId:int}/tasks/{taskId:int}/review")]
    [Authorize(Policy = ProgressServices.UnitReview)]
    public Task<IActionResult> Review(int periodId, int taskId, StepInput input, CancellationToken cancellationToken) =>
        UnitStepAsync(periodId, taskId, input, isReturn: false, cancellationToken);

    [HttpPost("{periodId:int}/tasks/{taskId:int}/return")]
    [Authorize(Policy = ProgressServices.UnitReview)]
    public Task<IActionResult> ReturnToReporter(int periodId, int taskId, StepInput input, CancellationToken cancellationToken) =>
        UnitStepAsync(periodId, taskId, input, isReturn: true, cancellationToken);

    [HttpGet("reports/{reportId:long}")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Report(long reportId, CancellationToken cancellationToken)
    {
        var model = await pages.ReportAsync(reportId, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("reports/{reportId:long}/approve")]
    [Authorize(Policy = Policies.Planning)]
    public Task<IActionResult> Approve(long reportId, StepInput input, CancellationToken cancellationToken) =>
        MinistryStepAsync(reportId, input, isReturn: false, cancellationToken);

    [HttpPost("reports/{reportId:long}/return")]
    [Authorize(Policy = Policies.Planning)]
    public Task<IActionResult> Return(long reportId, StepInput input, CancellationToken cancellationToken) =>
        MinistryStepAsync(reportId, input, isReturn: true, cancellationToken);

    /// <summary>重新开放: the unit may change the report again (an approved one, or any of a closed period); the reason is required.</summary>
    [HttpPost("reports/{reportId:long}/reopen")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Reopen(long reportId, StepInput input, CancellationToken cancellationToken)
    {
        var result = await writer.ReopenAsync(reportId, input, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer["Progress.Notice.Reopened"].Value;
            return RedirectToAction(nameof(Report), new { reportId });
        }

        var model = await pages.ReportAsync(reportId, Message(result, input.Comment), cancellationToken);
        return model is null ? NotFound() : Refused(nameof(Report), model, result.IsConflict);
    }

    private async Task<IActionResult> SaveOrSubmitAsync(int periodId, int taskId, ReportInput input, bool submit, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A number or day that does not parse: say which fields, store nothing; the rest of the form stays as typed.
            var invalid = await pages.EntryAsync(periodId, taskId, input.ToFields(), new ProgressMessage(localizer["Progress.Refusal.Invalid"].Value, InvalidFields()), cancellationToken);
            return invalid is null ? NotFound() : Refused(nameof(Entry), invalid, conflict: false);
        }

        var result = await writer.SaveAsync(periodId, taskId, input, submit, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer[submit ? "Progress.Notice.Submitted" : "Progress.Notice.Saved"].Value;
            return RedirectToAction(nameof(Entry), new { periodId, taskId });
        }

        // A stale save shows the stored report in the form and, beside it, what this person typed: nothing is lost.
        var unsaved = result.IsConflict ? input.ToDraft() : null;
        var model = await pages.EntryAsync(periodId, taskId, ShowsLatest(result) ? null : input.ToFields(), Message(result, null), cancellationToken, unsaved);
        return model is null ? NotFound() : Refused(nameof(Entry), model, result.IsConflict);
    }

    private async Task<IActionResult> UnitStepAsync(int periodId, int taskId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        var result = await writer.UnitStepAsync(periodId, taskId, input, isReturn, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer[isReturn ? "Progress.Notice.Returned" : "Progress.Notice.Reviewed"].Value;
            return RedirectToAction(nameof(Entry), new { periodId, taskId });
        }

        var model = await pages.EntryAsync(periodId, taskId, null, Message(result, input.Comment), cancellationToken);
        return model is null ? NotFound() : Refused(nameof(Entry), model, result.IsConflict);
    }

    private async Task<IActionResult> MinistryStepAsync(long reportId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        var result = await writer.MinistryStepAsync(reportId, input, isReturn, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer[isReturn ? "Progress.Notice.Returned" : "Progress.Notice.Approved"].Value;
            return RedirectToAction(nameof(Report), new { reportId });
        }

        var model = await pages.ReportAsync(reportId, Message(result, input.Comment), cancellationToken);
        return model is null ? NotFound() : Refused(nameof(Report), model, result.IsConflict);
    }

    /// <summary>
    /// A refusal re-renders the page with the stored report: 422 for a refusal of what was sent, 409 when the report
    /// changed since the page was drawn (a lost race).
    /// </summary>
    private ViewResult Refused(string view, object model, bool conflict)
    {
        Response.StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(view, model);
    }

    /// <summary>
    /// The form shows the stored report, not what was typed, when the report is not the one the form was drawn from
    /// any more, or its status refused the step: a conflict, a report no longer editable, an incomplete submit (the
    /// draft was stored).
    /// </summary>
    private static bool ShowsLatest(WriteResult result) =>
        result.IsConflict
        || result.Refusal?.Code is ReportRefusalCode code && ReportRefusal.ReasonOf(code) is ReportRefusalReason.NotEditable or ReportRefusalReason.WrongStatus or ReportRefusalReason.Incomplete;

    /// <summary>
    /// What the page says about a write that did not go through. A conflict says who changed the report last, when,
    /// and what it is now, and keeps the comment or reason this person typed, which did not take effect. A refusal of
    /// the domain gets its kind as the heading, the missing fields of an incomplete submit, and the exact rule where
    /// the content was wrong (which source, which milestone, which field).
    /// </summary>
    private ProgressMessage Message(WriteResult result, string? typedComment)
    {
        if (result.IsConflict)
        {
            var detail = new List<string>();
            if (result.Conflict is { ChangedAt: { } changedAt, StateNow: { } state } last)
            {
                var at = BeijingTime.Of(changedAt).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                detail.Add(localizer["Progress.Conflict.LastChange", last.ChangedBy ?? "—", at, localizer["Progress.Status." + state].Value].Value);
            }

            if (!string.IsNullOrWhiteSpace(typedComment))
            {
                detail.Add(localizer["Progress.Conflict.YourComment", typedComment.Trim()].Value);
            }

            return new ProgressMessage(localizer["Progress.Refusal.Stale"].Value, [], detail.Count == 0 ? null : string.Join(" ", detail));
        }

        var refusal = result.Refusal!;
        switch (refusal.Code)
        {
            case ReportRefusalCode code:
                var reason = ReportRefusal.ReasonOf(code);
                var heading = code switch
                {
                    ReportRefusalCode.ReopenReasonRequired => "Progress.Refusal.ReopenReasonRequired",
                    ReportRefusalCode.AlreadyReopened or ReportRefusalCode.ReopenNotNeeded => "Progress.Refusal.ReopenNotNeeded",
                    _ => "Progress.Refusal." + reason,
                };
                var missing = refusal.Arguments.OfType<IEnumerable<ReportField>>().SelectMany(f => f).Select(f => localizer["Progress.Field." + f].Value).ToList();
                var exact = reason is ReportRefusalReason.InvestmentInvalid or ReportRefusalReason.MilestoneInvalid or ReportRefusalReason.NarrativeInvalid ? words.Sentence(refusal) : null;
                return new ProgressMessage(localizer[heading].Value, missing, exact);
            case ProgressRefusal.MilestoneWithoutDay:
                return new ProgressMessage(localizer["Progress.Refusal.MilestoneInvalid"].Value, [], words.Sentence(refusal));
            default:
                return new ProgressMessage(words.Sentence(refusal), []);
        }
    }

    /// <summary>The form's fields that did not bind (a word in a number field, a malformed day), by their labels.</summary>
    private List<string> InvalidFields() =>
        ModelState.Where(e => e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            .Select(e => FieldLabel(e.Key))
            .Distinct()
            .ToList();

    private string FieldLabel(string key)
    {
        var match = System.Text.RegularExpressions.Regex.Match(key, @"^(Sources|Milestones)\[(\d+)\]\.(\w+)$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return localizer["Progress.Field." + key] is { ResourceNotFound: false } label ? label.Value : key;
        }

        var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[1].Value == "Sources"
            ? localizer["Progress.Field.SourceAmount", localizer["Progress.Source." + (Enum.IsDefined((Domain.Reporting.FundingSource)index) ? ((Domain.Reporting.FundingSource)index).ToString() : "Other")].Value].Value
            : localizer["Progress.Field.MilestoneDay", index + 1].Value;
    }
}
