using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Infrastructure.Reports;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.AdjustmentReport;

/// <summary>
/// 动态调整报告 for the ministry: <c>/plans/{planId}/adjustment-report?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> as a page,
/// <c>&amp;format=docx</c> as a Word document, <c>&amp;table=KEY&amp;format=csv|xlsx</c> for one of its tables.
/// A wrong window is answered 422 with the form and the reason; an unknown plan 404.
/// </summary>
[Authorize(Policy = Policies.MinistryRead)]
public sealed class AdjustmentReportController(AdjustmentReportPages pages) : Controller
{
    [HttpGet("plans/{planId:int}/adjustment-report")]
    public async Task<IActionResult> Index(int planId, string? from, string? to, string? format, string? table, CancellationToken cancellationToken)
    {
        var outcome = await pages.ReadAsync(planId, from, to, cancellationToken);
        if (outcome.Model is not { } model)
        {
            return NotFound();
        }

        if (outcome.Report is not { } report)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(model);
        }

        if (table is not null)
        {
            var figures = model.Items.Select(i => i.Table).FirstOrDefault(t => t is not null && t.Key == table);
            return figures is not null && FigureTableFile.For(figures, format, $"{model.PlanTitle}-{figures.Title}-{model.From}-{model.To}") is { } file
                ? file
                : NotFound();
        }

        if (string.Equals(format, "docx", StringComparison.OrdinalIgnoreCase))
        {
            return File(GovDocumentWriter.Write(AdjustmentReportText.Document(report)), GovDocumentWriter.ContentType, AdjustmentReportPages.FileName(model));
        }

        return format is null ? View(model) : NotFound();
    }
}
