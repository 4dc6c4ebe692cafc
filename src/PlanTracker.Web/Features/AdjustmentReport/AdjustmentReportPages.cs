using System.Globalization;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Infrastructure.Reports;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Features.Shared.Reports;

namespace PlanTracker.Web.Features.AdjustmentReport;

/// <summary>
/// Reads the 动态调整报告 for the page and its downloads: checks the window the form sent (yyyy-MM-dd; the current year so
/// far when none), reads the report (<see cref="AdjustmentReportReader"/>) and turns its blocks (<see cref="AdjustmentReportText"/>)
/// into page items, each table a <see cref="FigureTable"/> with the same cells the Word document has.
/// </summary>
public sealed class AdjustmentReportPages(AdjustmentReportReader reader)
{
    public async Task<AdjustmentReportOutcome> ReadAsync(int planId, string? from, string? to, CancellationToken cancellationToken)
    {
        var plan = await reader.PlanAsync(planId, cancellationToken);
        if (plan is not { } p)
        {
            return AdjustmentReportOutcome.NotFound;
        }

        var (defaultFrom, defaultTo) = AdjustmentReportReader.DefaultWindow(reader.Today, p.StartYear, p.EndYear);
        var fromText = string.IsNullOrWhiteSpace(from) ? Iso(defaultFrom) : from.Trim();
        var toText = string.IsNullOrWhiteSpace(to) ? Iso(defaultTo) : to.Trim();
        AdjustmentReportViewModel Refused(string refusal) => new(planId, p.Title, fromText, toText, p.StartYear, p.EndYear, refusal, null, null, []);

        if (!TryDay(fromText, out var fromDay) || !TryDay(toText, out var toDay))
        {
            return new AdjustmentReportOutcome(Refused("报告期的日期应按“年-月-日”填写，如2015-06-30。"), null);
        }

        var result = await reader.ReadAsync(planId, fromDay, toDay, cancellationToken);
        if (result.NotFound)
        {
            return AdjustmentReportOutcome.NotFound;
        }

        if (result.Report is not { } report)
        {
            return new AdjustmentReportOutcome(Refused(result.Refusal!), null);
        }

        var document = AdjustmentReportText.Document(report);
        var model = new AdjustmentReportViewModel(
            planId, p.Title, fromText, toText, p.StartYear, p.EndYear, null, document.Title, document.Subtitle, ReportItems.Of(document.Blocks))
        {
            Proposals = [.. report.Proposals.Select(x => (x.Id, x.Title)).Concat(report.Decisions.Select(x => (x.Id, x.Title))).Distinct().OrderBy(x => x.Id)],
        };
        return new AdjustmentReportOutcome(model, report);
    }

    /// <summary>The Word document's file name: 动态调整报告_{plan's short name}_{from}_{to}.docx.</summary>
    public static string FileName(AdjustmentReportViewModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shortName = ReportFileNames.ShortPlanName(model.PlanTitle);
        return $"动态调整报告_{shortName}_{model.From}_{model.To}.docx";
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The page model (null: unknown plan, 404) and the report behind it (null: the window was refused, 422).</summary>
public sealed record AdjustmentReportOutcome(AdjustmentReportViewModel? Model, Infrastructure.Reports.AdjustmentReport? Report)
{
    public static readonly AdjustmentReportOutcome NotFound = new(null, null);
}
