using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Infrastructure.Spreadsheets;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>
/// Excel 批量填报: a unit downloads its progress workbook for a period, fills it offline and uploads it; the upload
/// is checked cell by cell and saved whole as drafts, or refused whole with every error (422). Only the user's own
/// unit's tasks and values are in it; a period that does not exist is not found.
/// </summary>
[Route("progress/{periodId:int}/workbook")]
public sealed class ProgressWorkbookController(WorkbookSource source, WorkbookWriter writer, RefusalWords words, IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string NoticeKey = "Workbook.Notice";
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// What the server reads of a post: far above the 5 MB a workbook may have, so that a too-large file still reaches
    /// the action and gets a clear message instead of a bare 413.
    /// </summary>
    private const long MaxRequestBytes = 32L * 1024 * 1024;

    [HttpGet("")]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> Download(int periodId, CancellationToken cancellationToken)
    {
        var state = await source.LoadAsync(periodId, tracked: false, cancellationToken);
        if (state is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        var data = state.Data;
        return File(WorkbookTemplate.Write(data), ContentType, $"进展填报_{data.UnitName}_{data.PeriodLabel}.xlsx");
    }

    [HttpGet("upload")]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> UploadForm(int periodId, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(periodId, [], cancellationToken);
        return model is null ? NotFound() : View("Upload", model);
    }

    [HttpPost("")]
    [Authorize(Policy = ProgressServices.Reporting)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(int periodId, IFormFile? file, CancellationToken cancellationToken)
    {
        var limit = XlsxLimits.Default.MaxFileBytes;
        if (file is null || file.Length == 0)
        {
            return await RefusedAsync(periodId, [localizer["Workbook.Error.NoFile"].Value], cancellationToken);
        }

        if (file.Length > limit)
        {
            return await RefusedAsync(periodId, [localizer["Workbook.Error.TooLarge", limit / 1024 / 1024].Value], cancellationToken);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var result = await writer.UploadAsync(periodId, content, cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result is WriteResult<WorkbookSaved> { Value: var saved })
        {
            TempData[NoticeKey] = localizer["Workbook.Notice.Saved", saved.Reports, saved.Values].Value;
            return RedirectToAction(nameof(UploadForm), new { periodId });
        }

        // Every error of the file, located; or the one reason the upload as a whole was refused (a report changed in
        // the portal during the upload is answered like the rest: nothing was saved, download again).
        IReadOnlyList<string> errors = result.IsConflict
            ? [localizer["Workbook.Refusal.Conflict"].Value]
            : result.Refusal is { Code: WorkbookRefusal.Errors, Arguments: [IEnumerable<WorkbookError> located] }
                ? [.. located.Select(e => e.ToString())]
                : [words.Sentence(result.Refusal!)];
        return await RefusedAsync(periodId, errors, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(int periodId, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(periodId, errors, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Upload", model);
    }

    private async Task<WorkbookUploadViewModel?> ModelAsync(int periodId, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        var state = await source.LoadAsync(periodId, tracked: false, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var data = state.Data;
        return new WorkbookUploadViewModel(
            data.PeriodId,
            data.PeriodLabel,
            data.UnitName,
            data.PeriodOpen,
            User.IsInRole(Domain.Access.Roles.Reporter),
            data.Tasks.Count,
            data.Tasks.Count(t => t.Editable),
            data.Indicators.Count,
            TempData[NoticeKey] as string,
            errors);
    }
}

/// <summary>The upload page: the period, what the workbook holds, the outcome of the last upload.</summary>
public sealed record WorkbookUploadViewModel(
    int PeriodId,
    string PeriodLabel,
    string UnitName,
    bool PeriodOpen,
    bool CanUpload,
    int TaskCount,
    int EditableTaskCount,
    int IndicatorCount,
    string? Notice,
    IReadOnlyList<string> Errors);

/// <summary>The workbook feature's services; its pages use the progress feature's policies.</summary>
public static class WorkbookServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<WorkbookSource>();
        services.AddScoped<WorkbookWriter>();
    }
}
