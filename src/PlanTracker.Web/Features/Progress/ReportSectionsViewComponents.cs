using Microsoft.AspNetCore.Mvc;

namespace PlanTracker.Web.Features.Progress;

/// <summary>The evidence files of a report, as the entry form (with the upload when the unit may edit) or the ministry's page shows them.</summary>
public sealed class ReportEvidenceViewComponent(EvidenceStore evidence) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(EntryViewModel? entry, long? reportId) =>
        View(
            "~/Features/Progress/_Evidence.cshtml",
            entry is not null
                ? await evidence.ForEntryAsync(entry, HttpContext.RequestAborted)
                : await evidence.ForReportAsync(reportId ?? throw new ArgumentNullException(nameof(reportId)), HttpContext.RequestAborted));
}

/// <summary>A report's submissions (第N次报送) and its timeline, for the unit or for the ministry.</summary>
public sealed class ReportHistoryViewComponent(ReportVersions versions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? reportId, ReportContext context, bool forUnit) =>
        View("~/Features/Progress/_History.cshtml", await versions.HistoryAsync(reportId, context, forUnit, HttpContext.RequestAborted));
}
