using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Evaluation;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Reports;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.EvaluationReports;

/// <summary>
/// Reads the evaluation page: checks what the form asks for, keeps a provincial account to its own unit's report
/// (the server decides, whatever the query says), reads the figures once and writes them as page items and, on request,
/// as Word or Excel. An issued report is shown with its hash and what has changed since.
/// </summary>
public sealed class EvaluationReportPages(AppDbContext db, Infrastructure.Evaluation.EvaluationReports reports, CurrentUser user, TimeProvider clock)
{
    public async Task<EvaluationPageOutcome> ReadAsync(int planId, EvaluationForm form, EvaluationRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return EvaluationPageOutcome.NotFound;
        }

        var scope = user.Current;
        var isMinistry = scope.AllUnits;
        if (!isMinistry)
        {
            if (scope.UnitId is not { } own)
            {
                return EvaluationPageOutcome.Denied;
            }

            form.Unit = own;
        }

        var today = MinistryCalendar.Today(clock);
        var years = plan.StartYear is { } first && plan.EndYear is { } last
            ? Enumerable.Range(first, Math.Max(0, Math.Min(last, today.Year) - first + 1)).ToList()
            : [];
        var units = isMinistry
            ? await db.Units.AsNoTracking()
                .Where(u => u.Kind != UnitKind.Ministry && db.TaskAssignments.Any(a => a.UnitId == u.Id))
                .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
                .Select(u => new UnitChoice(u.Id, u.Name))
                .ToListAsync(cancellationToken)
            : [];
        var issuedReports = await IssuedListAsync(planId, isMinistry ? null : form.Unit, cancellationToken);
        EvaluationPageViewModel Page(string? refusal = null) => new(
            planId, plan.Title, plan.StartYear, plan.EndYear, years, form, isMinistry, user.Roles.Contains(Roles.Planner), units,
            refusal, null, null, null, [], null, [], issuedReports);

        if (string.IsNullOrEmpty(form.Kind))
        {
            form.Kind = "annual";
            form.Year ??= years.Count > 0 ? years[^1] : null;
            return new EvaluationPageOutcome(Page(), null);
        }

        ScopeResult chosen;
        if (form.Kind == "annual" && form.Year is { } year)
        {
            form.To = null;
            chosen = EvaluationScope.Annual(plan, year, today, form.Unit);
        }
        else if (form.Kind == "midterm" && DateOnly.TryParseExact(form.To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            form.Year = null;
            chosen = EvaluationScope.MidTerm(plan, to, today, form.Unit);
        }
        else
        {
            return new EvaluationPageOutcome(Page("请选择年度评估的年份，或填写中期评估的截止日（年-月-日，如2013-06-30）。"), null);
        }

        if (chosen.Scope is not { } evaluation)
        {
            return new EvaluationPageOutcome(Page(chosen.Refusal), null);
        }

        if (read == EvaluationRead.ScopeOnly)
        {
            return new EvaluationPageOutcome(Page() with { Scope = evaluation, Title = evaluation.Title }, null);
        }

        var result = await reports.FiguresAsync(evaluation, cancellationToken);
        if (result.Figures is not { } figures)
        {
            return new EvaluationPageOutcome(Page(result.Refusal), null);
        }

        if (read == EvaluationRead.Figures)
        {
            // A download: the document is written from the figures; the page's items and pictures are not needed.
            return new EvaluationPageOutcome(Page() with { Scope = evaluation, Title = evaluation.Title }, figures);
        }

        var document = EvaluationDocument.Compose(figures, withCharts: true);
        var issued = await reports.IssuedAsync(evaluation, cancellationToken);
        var changes = issued is null ? [] : FiguresComparison.Compare(FiguresComparison.FromJson(issued.FiguresJson), figures);
        var model = Page() with
        {
            Scope = evaluation,
            Title = document.Title,
            Subtitle = document.Subtitle,
            Items = ReportItems.Of(document.Blocks),
            Issued = issued is null ? null : Summary(issued, figures.Plan.UnitName),
            ChangesSinceIssue = changes,
        };
        return new EvaluationPageOutcome(model, figures);
    }

    /// <summary>An issued report's stored file, if the reader may have it (a provincial account: its own unit's only).</summary>
    public async Task<IssuedReport?> IssuedFileAsync(int id, CancellationToken cancellationToken)
    {
        var issued = await db.IssuedReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (issued is null || !await db.Plans.AnyAsync(p => p.Id == issued.PlanId, cancellationToken))
        {
            return null;
        }

        return user.Current.AllUnits || (issued.UnitId is not null && issued.UnitId == user.Current.UnitId) ? issued : null;
    }

    public Task<IssueResult> IssueAsync(EvaluationScope scope, CancellationToken cancellationToken) =>
        reports.IssueAsync(scope, user.UserName ?? "unknown", cancellationToken);

    /// <summary>The download's file name: 2025年度实施情况评估报告_{plan's short name}[_{unit}].docx.</summary>
    public static string FileName(EvaluationPageViewModel model, string extension)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shortName = ReportFileNames.ShortPlanName(model.PlanTitle);
        var what = model.Scope!.Kind == EvaluationKind.Annual ? $"{model.Scope.Year}年度评估报告" : $"中期评估报告_截至{model.Scope.To:yyyy-MM-dd}";
        var suffix = extension == "xlsx" ? "_附表" : string.Empty;
        return $"{what}{suffix}_{shortName}{(model.Form.Unit is { } unit ? $"_{model.Units.FirstOrDefault(u => u.Id == unit)?.Name ?? unit.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}.{extension}";
    }

    private async Task<IReadOnlyList<IssuedSummary>> IssuedListAsync(int planId, int? unitId, CancellationToken cancellationToken)
    {
        var rows = await db.IssuedReports.AsNoTracking()
            .Where(r => r.PlanId == planId && (unitId == null || r.UnitId == unitId))
            .OrderByDescending(r => r.IssuedAt)
            .Select(r => new { r.Id, r.Title, r.UnitId, r.From, r.To, r.IssuedBy, r.IssuedAt, r.DocxSha256, UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IssuedSummary(r.Id, r.Title, r.UnitName, r.From, r.To, r.IssuedBy, r.IssuedAt, r.DocxSha256))];
    }

    private static IssuedSummary Summary(IssuedReport issued, string? unitName) =>
        new(issued.Id, issued.Title, unitName, issued.From, issued.To, issued.IssuedBy, issued.IssuedAt, issued.DocxSha256);
}
