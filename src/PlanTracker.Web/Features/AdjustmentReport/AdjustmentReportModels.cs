using PlanTracker.Web.Features.Shared.Reports;

namespace PlanTracker.Web.Features.AdjustmentReport;

/// <summary>
/// The 动态调整报告 page: the window form, and either the report (its blocks as the Word document has them, tables as
/// downloadable figure tables) or the reason there is none (<see cref="Refusal"/>, answered with 422).
/// </summary>
public sealed record AdjustmentReportViewModel(
    int PlanId,
    string PlanTitle,
    string From,
    string To,
    int? StartYear,
    int? EndYear,
    string? Refusal,
    string? Title,
    string? Subtitle,
    IReadOnlyList<ReportItem> Items)
{
    public bool HasReport => Refusal is null && Title is not null;

    /// <summary>The proposals the report names, linked to their pages (the Word document names them only).</summary>
    public IReadOnlyList<(int Id, string Title)> Proposals { get; init; } = [];
}
