using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.AdjustmentDecisions;

/// <summary>One proposal as its readers see it: what it changes in words, what it rests on, what happened to it, and what approval would do now.</summary>
public sealed record ProposalViewModel(
    int Id,
    int PlanId,
    string PlanTitle,
    string Title,
    string Reason,
    AdjustmentStatus Status,
    Proposer Proposer,
    int BasedOnVersionNumber,
    FigureTable Changes,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<TimelineEntry> Timeline,
    int? ResultingVersionNumber,
    IReadOnlyList<ProposalAuditEntry> Audit,
    DecisionPreview? Preview,
    bool CanDecide,
    bool CanEdit,
    bool CanReadAuditHistory,
    uint RowVersion)
{
    /// <summary>Why the last decision was refused (stale, apply problems, no comment, already decided); null on a plain GET.</summary>
    public string? Refusal { get; init; }

    public string EnteredComment { get; init; } = string.Empty;

    public string EditHref => $"/adjustments/{Id}/edit";

    public string ListHref => $"/plans/{PlanId}/adjustments";

    public static string VersionHref(int planId, int number) => $"/plans/{planId}/versions/{number}";
}

/// <summary>Who proposed: a person (user name and display name) and the unit, or the ministry (部委) when no unit.</summary>
public sealed record Proposer(string? UserName, string? DisplayName, int? UnitId, string? UnitName)
{
    public bool IsUnit => UnitId is not null;
}

/// <summary>One piece of evidence with its link (null when the reader may not see it or it is gone).</summary>
public sealed record EvidenceItem(AdjustmentEvidenceKind Kind, string Label, string? Detail, string? Href, StatusColour? Colour);

public enum TimelineStep
{
    Created,
    Submitted,
    Approved,
    Rejected,
}

/// <summary>A step of the proposal's life: when, by whom, with the decision's comment and the version it produced.</summary>
public sealed record TimelineEntry(TimelineStep Step, DateTimeOffset At, string? By, string? Comment, int? VersionNumber);

/// <summary>An audit log entry of the proposal row: when, who, what, and the status it left.</summary>
public sealed record ProposalAuditEntry(DateTimeOffset At, string? UserName, string Action, AdjustmentStatus? Status);

public enum PreviewKind
{
    /// <summary>Approval would apply cleanly, producing <see cref="DecisionPreview.NextVersionNumber"/>.</summary>
    WouldApply,

    /// <summary>Written against a version that is no longer current: the changes since are listed.</summary>
    Stale,

    /// <summary>Current, but applying it breaks a rule of the plan (the problems are listed).</summary>
    Problems,
}

/// <summary>What approving a submitted proposal would do now, computed from the current version, not stored.</summary>
public sealed record DecisionPreview(PreviewKind Kind, int CurrentVersionNumber, int? NextVersionNumber, string? Refusal, IReadOnlyList<string> Problems, FigureTable Diff);

/// <summary>The ministry's queue: proposals awaiting decision (oldest first) and the latest decisions.</summary>
public sealed record DecisionQueueViewModel(FigureTable Pending, FigureTable Decided, int PendingTotal);

public sealed class DecisionInput
{
    public string? Comment { get; set; }

    public uint RowVersion { get; set; }
}

public enum DecisionOutcome
{
    Done,
    NotFound,

    /// <summary>Already decided by someone else, or changed since it was read: nothing changed (409).</summary>
    Conflict,

    /// <summary>Written against a superseded version (409).</summary>
    Stale,

    /// <summary>Bad input or the changes break a rule (422).</summary>
    Refused,
}

public sealed record DecisionResult(DecisionOutcome Outcome, string? Message, int? VersionNumber = null)
{
    public static readonly DecisionResult NotFound = new(DecisionOutcome.NotFound, null);

    public static DecisionResult Done(int? versionNumber = null) => new(DecisionOutcome.Done, null, versionNumber);
}
