using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// 佐证材料: the unit's reporter uploads and deletes evidence files on the entry page while the report is editable;
/// the unit and the ministry download them. Another unit's file is not found (404).
/// </summary>
[Route("progress")]
public sealed class EvidenceController(EvidenceStore store, ProgressPages pages, RefusalWords words, IStringLocalizer<SharedResource> localizer) : Controller
{
    /// <summary>Room for a report's 50 MB of files in one post, with the multipart framing.</summary>
    private const long MaxUploadBytes = Domain.Reporting.EvidenceLimits.MaxBytesPerReport + (1024 * 1024);

    [HttpPost("{periodId:int}/tasks/{taskId:int}/evidence")]
    [Authorize(Policy = ProgressServices.Reporting)]
    [RequestSizeLimit(MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    public async Task<IActionResult> Upload(int periodId, int taskId, List<IFormFile> files, CancellationToken cancellationToken)
    {
        var result = await store.UploadAsync(periodId, taskId, files ?? [], cancellationToken);
        return await OutcomeAsync(periodId, taskId, result, "Evidence.Notice.Uploaded", cancellationToken);
    }

    [HttpPost("{periodId:int}/tasks/{taskId:int}/evidence/{fileId:long}/delete")]
    [Authorize(Policy = ProgressServices.Reporting)]
    public async Task<IActionResult> Delete(int periodId, int taskId, long fileId, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(periodId, taskId, fileId, cancellationToken);
        return await OutcomeAsync(periodId, taskId, result, "Evidence.Notice.Deleted", cancellationToken);
    }

    [HttpGet("{periodId:int}/tasks/{taskId:int}/evidence/{fileId:long}")]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> Download(int periodId, int taskId, long fileId, CancellationToken cancellationToken) =>
        Serve(await store.ForUnitAsync(periodId, taskId, fileId, cancellationToken));

    [HttpGet("reports/{reportId:long}/evidence/{fileId:long}")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> ReportDownload(long reportId, long fileId, CancellationToken cancellationToken) =>
        Serve(await store.ForReportAsync(reportId, fileId, cancellationToken));

    /// <summary>Always an attachment with the type decided at upload, never sniffed by the browser.</summary>
    private IActionResult Serve(EvidenceDownload? file)
    {
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<IActionResult> OutcomeAsync(int periodId, int taskId, WriteResult result, string noticeKey, CancellationToken cancellationToken)
    {
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[ProgressController.NoticeKey] = localizer[noticeKey].Value;
            return RedirectToAction(nameof(ProgressController.Entry), "Progress", new { periodId, taskId });
        }

        // A conflict: the report was started by another tab at the same moment; the page shows it as it is now.
        var message = new ProgressMessage(result.IsConflict ? localizer["Progress.Refusal.Stale"].Value : words.Sentence(result.Refusal!), []);
        var model = await pages.EntryAsync(periodId, taskId, null, message, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = result.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View("~/Features/Progress/Entry.cshtml", model);
    }
}
