using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Infrastructure.Reports;

/// <summary>
/// The 动态调整报告 of a plan for a window of Beijing days [<see cref="From"/>, <see cref="To"/>]: what fell behind
/// (warnings) and why (the units' 存在问题), what was proposed and decided, the targets before and after, and the tasks
/// still behind with no proposal. Read by <see cref="AdjustmentReportReader"/>; put into words by
/// <see cref="AdjustmentReportText"/> for both the page and the Word document.
/// </summary>
public sealed record AdjustmentReport(
    int PlanId,
    string PlanTitle,
    string? DocumentNumber,
    int? StartYear,
    int? EndYear,
    DateOnly From,
    DateOnly To,
    DateOnly WrittenOn,
    int? VersionAtStart,
    int? VersionAtEnd,
    AdjustmentReportCounts Counts,
    IReadOnlyList<WarningTally> WarningTallies,
    IReadOnlyList<LaggingSubject> Lagging,
    IReadOnlyList<TaskProblems> Causes,
    IReadOnlyList<ProposalEntry> Proposals,
    IReadOnlyList<DecisionEntry> Decisions,
    IReadOnlyList<TargetChangeRow> TargetChanges,
    IReadOnlyList<UnaddressedTask> StillBehind);

/// <param name="WarningsRaised">Warnings raised in the window (every kind).</param>
/// <param name="Proposed">Proposals submitted in the window.</param>
/// <param name="Approved">Proposals approved in the window.</param>
/// <param name="Rejected">Proposals rejected in the window.</param>
/// <param name="Pending">Proposals submitted by the end of the window and still awaiting a decision.</param>
public sealed record AdjustmentReportCounts(int WarningsRaised, int RedWarnings, int AmberWarnings, int Proposed, int Approved, int Rejected, int Pending);

public sealed record WarningTally(WarningKind Kind, StatusColour Colour, int Count);

/// <summary>A task or indicator warned about in the window: its latest warning there.</summary>
public sealed record LaggingSubject(WarningKind Kind, string Subject, StatusColour Colour, DateOnly AsOf, string Reason);

/// <summary>The 存在问题 of a warned task, quoted unit by unit from their latest report approved in the window.</summary>
public sealed record TaskProblems(Guid TaskKey, string Task, IReadOnlyList<UnitQuote> Quotes);

public sealed record UnitQuote(string Unit, string Text);

public sealed record ProposalEntry(
    int Id,
    string Title,
    string Proposer,
    DateOnly SubmittedOn,
    string Reason,
    AdjustmentStatus Status,
    IReadOnlyList<ChangeText> Changes,
    int EvidenceCount);

public sealed record DecisionEntry(int Id, string Title, bool Approved, string? DecidedBy, DateOnly DecidedOn, string? Comment, int? ResultingVersion);

public sealed record TargetChangeRow(string Indicator, string? Before, string? After, int AdjustmentId, string Proposal, int? Version);

/// <summary>A task amber or red at the end of the window (national status) that no proposal touches.</summary>
public sealed record UnaddressedTask(Guid TaskKey, string Task, StatusColour Colour, decimal Expected, decimal? Percent, string Reason);

/// <summary>The report, or why there is none: the plan is unknown (<see cref="NotFound"/>) or the window is wrong (<see cref="Refusal"/>).</summary>
public sealed record AdjustmentReportResult(AdjustmentReport? Report, string? Refusal, bool NotFound)
{
    public static AdjustmentReportResult Found(AdjustmentReport report) => new(report, null, false);

    public static AdjustmentReportResult Refused(string message) => new(null, message, false);

    public static readonly AdjustmentReportResult Unknown = new(null, "规划不存在或尚未发布。", true);
}
