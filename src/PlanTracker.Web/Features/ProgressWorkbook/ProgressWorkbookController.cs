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
public sealed class ProgressWorkbookController(WorkbookSource source, WorkbookWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
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
        UploadResult result;
        if (file is null || file.Length == 0)
        {
            result = UploadResult.Refused(new WorkbookError(null, null, null, localizer["Workbook.Error.NoFile"].Value));
        }
        else if (file.Length > limit)
        {
            result = UploadResult.Refused(new WorkbookError(null, null, null, localizer["Workbook.Error.TooLarge", limit / 1024 / 1024].Value));
        }
        else
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            result = await writer.UploadAsync(periodId, content, cancellationToken);
        }

        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer["Workbook.Notice.Saved", result.ReportsSaved, result.ValuesSaved].Value;
            return RedirectToAction(nameof(UploadForm), new { periodId });
        }

        var model = await ModelAsync(periodId, [.. result.Errors.Select(e => e.ToString())], cancellationToken);
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
