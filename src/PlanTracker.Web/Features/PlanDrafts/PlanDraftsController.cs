using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.PlanDrafts;

/// <summary>Planners import plan texts as drafts, shape the outline, and publish.</summary>
[Authorize(Policy = Policies.Planning)]
[Route("drafts")]
public sealed class PlanDraftsController(DraftReader reader, DraftImport import, DraftEditing editing) : Controller
{
    public const string NoticeKey = "Drafts.Notice";
    public const string ErrorKey = "Drafts.Error";

    // Room for a 4 MB UTF-8 text in a form field however it is encoded (a percent-encoded Chinese character is 9
    // bytes), so that a text just over the limit gets the reader's "too large" rather than a bare 400.
    private const int FormValueLimit = 9 * PlanTextReader.MaxBytes;
    private const int BodyLimit = 10 * PlanTextReader.MaxBytes;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await reader.ListAsync(cancellationToken));

    [HttpGet("import")]
    public IActionResult Import() => View(new DraftImportViewModel(null, null));

    [HttpPost("preview")]
    [RequestFormLimits(ValueLengthLimit = FormValueLimit)]
    [RequestSizeLimit(BodyLimit)]
    public async Task<IActionResult> Preview(DraftUploadInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = await DraftImport.ReadAsync(input.File, input.Text, cancellationToken);
        if (read.Text is null)
        {
            return View(nameof(Import), new DraftImportViewModel(input.File is null ? input.Text : null, read.Error));
        }

        var preview = await import.PreviewAsync(read.Text, cancellationToken);
        return preview.Preview is null
            ? View(nameof(Import), new DraftImportViewModel(input.File is null ? input.Text : null, preview.Error))
            : View(preview.Preview);
    }

    [HttpPost("import")]
    [ActionName("Import")]
    [RequestFormLimits(ValueLengthLimit = FormValueLimit)]
    [RequestSizeLimit(BodyLimit)]
    public async Task<IActionResult> ImportPost(DraftImportInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = await DraftImport.ReadAsync(null, input.Text, cancellationToken);
        var result = read.Text is null ? new DraftImportResult(null, null, read.Error) : await import.ImportAsync(read.Text, cancellationToken);
        if (result.PlanId is not int planId)
        {
            return View(nameof(Import), new DraftImportViewModel(input.Text, result.Error));
        }

        TempData[NoticeKey] = "Drafts.Done.Imported";
        return RedirectToAction(nameof(Editor), new { planId });
    }

    [HttpGet("{planId:int}")]
    public async Task<IActionResult> Editor(int planId, CancellationToken cancellationToken)
    {
        var model = await reader.EditorAsync(planId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("{planId:int}/nodes/{nodeId:int}")]
    public async Task<IActionResult> Node(int planId, int nodeId, CancellationToken cancellationToken)
    {
        var model = await reader.NodeAsync(planId, nodeId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{planId:int}/nodes/{nodeId:int}/rename")]
    public async Task<IActionResult> Rename(int planId, int nodeId, DraftRenameInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await editing.EditAsync(planId, input.RowVersion, [nodeId], (v, node) => v.RenameNode(node(nodeId), input.Title ?? string.Empty, input.Text), null, cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Renamed");
    }

    [HttpPost("{planId:int}/nodes/{nodeId:int}/move")]
    public async Task<IActionResult> Move(int planId, int nodeId, DraftMoveInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Enum.TryParse<MoveDirection>(input.Direction, ignoreCase: true, out var direction))
        {
            return BadRequest();
        }

        var outcome = await editing.EditAsync(planId, input.RowVersion, [nodeId], (v, node) => v.MoveNode(node(nodeId), direction), null, cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Moved");
    }

    [HttpPost("{planId:int}/nodes/{nodeId:int}/reparent")]
    public async Task<IActionResult> Reparent(int planId, int nodeId, DraftReparentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await editing.EditAsync(planId, input.RowVersion, [nodeId, input.ParentId], (v, node) => v.MoveNodeTo(node(nodeId), node(input.ParentId)), null, cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Moved");
    }

    [HttpPost("{planId:int}/nodes/{nodeId:int}/split")]
    public async Task<IActionResult> Split(int planId, int nodeId, DraftSplitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var titles = (input.Titles ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var outcome = await editing.EditAsync(planId, input.RowVersion, [nodeId], (v, node) => v.SplitTask(node(nodeId), titles), "split-task", cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Split");
    }

    [HttpPost("{planId:int}/nodes/{nodeId:int}/tasks")]
    public async Task<IActionResult> AddTask(int planId, int nodeId, DraftAddTaskInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await editing.EditAsync(planId, input.RowVersion, [nodeId], (v, node) => v.AddTask(node(nodeId), input.Title ?? string.Empty, input.Text), null, cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Added");
    }

    [HttpPost("{planId:int}/merge")]
    public async Task<IActionResult> Merge(int planId, DraftMergeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await editing.EditAsync(planId, input.RowVersion, input.TaskIds, (v, node) => v.MergeTasks(input.TaskIds.Select(node).ToList(), input.Title ?? string.Empty), "merge-tasks", cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Merged");
    }

    [HttpPost("{planId:int}/publish")]
    public async Task<IActionResult> Publish(int planId, DraftEditInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await editing.PublishAsync(planId, input.RowVersion, cancellationToken);
        return Answer(planId, outcome, "Drafts.Done.Published");
    }

    /// <summary>After every edit: back to the editor, with what was done or why nothing was.</summary>
    private IActionResult Answer(int planId, DraftOutcome outcome, string doneKey)
    {
        switch (outcome.Kind)
        {
            case DraftOutcomeKind.NotFound:
                return NotFound();
            case DraftOutcomeKind.Stale:
                TempData[ErrorKey] = "Drafts.Stale";
                break;
            case DraftOutcomeKind.Refused:
                TempData[ErrorKey] = "Drafts.Refusal." + outcome.Refusal;
                break;
            default:
                TempData[NoticeKey] = doneKey;
                break;
        }

        return RedirectToAction(nameof(Editor), new { planId });
    }
}
