using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.EvaluationReports;

/// <summary>
/// 年度/中期评估报告: <c>/plans/{planId}/evaluation?kind=annual&amp;year=2013</c> (or <c>kind=midterm&amp;to=2013-06-30</c>,
/// and for the ministry <c>&amp;unit=ID</c>) shows the report as a print-friendly page; <c>&amp;format=docx|xlsx</c> gives
/// the Word draft or its Excel annex. Planners issue (印发) a report, which keeps it as it is; issued files are at
/// <c>/evaluation/issued/{id}/docx|xlsx</c>. A provincial account sees its own unit's report only.
/// </summary>
[Authorize]
public sealed class EvaluationReportsController(EvaluationReportPages pages, IStringLocalizer<SharedResource> localizer) : Controller
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("plans/{planId:int}/evaluation")]
    public async Task<IActionResult> Index(int planId, [FromQuery] EvaluationForm form, string? format, string? table, CancellationToken cancellationToken)
    {
        var wantsFile = format is "docx" or "xlsx" && table is null;
        var outcome = await pages.ReadAsync(planId, form, wantsFile ? EvaluationRead.Figures : EvaluationRead.Page, cancellationToken);
        if (outcome.Forbidden)
        {
            return Forbid();
        }

        if (outcome.Model is not { } model)
        {
            return NotFound();
        }

        if (model.Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(model);
        }

        if (table is not null)
        {
            var figures = model.Items.Select(i => i.Table).FirstOrDefault(t => t is not null && t.Key == table);
            return figures is not null && FigureTableFile.For(figures, format, $"{model.PlanTitle}-{figures.Title}") is { } file ? file : NotFound();
        }

        if (wantsFile && outcome.Figures is { } read)
        {
            return format == "docx"
                ? File(EvaluationDocument.Write(read), GovDocumentWriter.ContentType, EvaluationReportPages.FileName(model, "docx"))
                : File(EvaluationAnnex.Write(read), XlsxContentType, EvaluationReportPages.FileName(model, "xlsx"));
        }

        return format is null ? View(model) : NotFound();
    }

    [HttpPost("plans/{planId:int}/evaluation/issue")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Issue(int planId, [FromForm] EvaluationForm form, CancellationToken cancellationToken)
    {
        // Only the scope here: issuing reads the figures itself, once.
        var outcome = await pages.ReadAsync(planId, form, EvaluationRead.ScopeOnly, cancellationToken);
        if (outcome.Model is not { } model)
        {
            return NotFound();
        }

        if (model.Refusal is not null || model.Scope is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Index), model);
        }

        var issued = await pages.IssueAsync(model.Scope, cancellationToken);
        if (!issued.Succeeded)
        {
            var page = (await pages.ReadAsync(planId, form, EvaluationRead.Page, cancellationToken)).Model ?? model;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Index), page with { Refusal = issued.Refusal });
        }

        TempData["Notice"] = localizer["Evaluation.IssuedNotice", model.Title!].Value;
        return Redirect($"/plans/{planId}/evaluation?{model.Query}");
    }

    [HttpGet("evaluation/issued/{id:int}/{format}")]
    public async Task<IActionResult> Issued(int id, string format, CancellationToken cancellationToken)
    {
        if (format is not ("docx" or "xlsx") || await pages.IssuedFileAsync(id, cancellationToken) is not { } issued)
        {
            return NotFound();
        }

        var name = $"{issued.Title}_{issued.To:yyyyMMdd}_已印发{(format == "xlsx" ? "_附表" : string.Empty)}.{format}";
        return format == "docx" ? File(issued.Docx, GovDocumentWriter.ContentType, name) : File(issued.Xlsx, XlsxContentType, name);
    }
}
