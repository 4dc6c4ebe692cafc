using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// A proposal to change a published plan (动态调整): one or more changes with a reason, decided by the ministry.
/// Approval produces the next plan version; the version it was based on stays as it was.
/// </summary>
public sealed class Adjustment
{
    private readonly List<AdjustmentChange> _changes = [];
    private readonly List<AdjustmentEvidence> _evidence = [];

    private Adjustment()
    {
        Title = string.Empty;
        Reason = string.Empty;
    }

    public Adjustment(int planId, int basedOnVersionId, string title, string reason, string? proposedBy, int? proposedByUnitId, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        PlanId = planId;
        BasedOnVersionId = basedOnVersionId;
        Title = title;
        Reason = reason;
        ProposedBy = proposedBy;
        ProposedByUnitId = proposedByUnitId;
        CreatedAt = createdAt;
        Status = AdjustmentStatus.Draft;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    /// <summary>The version the proposal was written against; approval is refused if another version came first.</summary>
    public int BasedOnVersionId { get; private set; }

    /// <summary>The version approval produced.</summary>
    public int? ResultingVersionId { get; private set; }

    public string Title { get; private set; }

    public string Reason { get; private set; }

    public AdjustmentStatus Status { get; private set; }

    public string? ProposedBy { get; private set; }

    public int? ProposedByUnitId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionComment { get; private set; }

    public uint RowVersion { get; private set; }

    public IReadOnlyCollection<AdjustmentChange> Changes => _changes;

    /// <summary>The warnings, reports and indicator values the proposal rests on.</summary>
    public IReadOnlyCollection<AdjustmentEvidence> Evidence => _evidence;

    /// <summary>The ordinal the next change gets (changes keep their order; removing one leaves a gap).</summary>
    public int NextOrdinal => _changes.Count == 0 ? 1 : _changes.Max(c => c.Ordinal) + 1;

    public bool IsDraft => Status == AdjustmentStatus.Draft;

    /// <summary>The proposer rewrites the title and reason while the proposal is a draft.</summary>
    public AdjustmentOutcome Redraft(string? title, string? reason)
    {
        if (!IsDraft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再修改。");
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(reason))
        {
            return AdjustmentOutcome.Refused("调整方案须有标题和调整理由。");
        }

        Title = title.Trim();
        Reason = reason.Trim();
        return AdjustmentOutcome.Done;
    }

    /// <summary>Takes a change out of the draft.</summary>
    public AdjustmentOutcome RemoveChange(int ordinal)
    {
        if (!IsDraft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再修改。");
        }

        var change = _changes.FirstOrDefault(c => c.Ordinal == ordinal);
        if (change is null)
        {
            return AdjustmentOutcome.Refused("该变更不在本调整方案中。");
        }

        _changes.Remove(change);
        return AdjustmentOutcome.Done;
    }

    /// <summary>Links a warning, report or indicator value to the draft; the same one twice is refused.</summary>
    public AdjustmentOutcome AddEvidence(AdjustmentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!IsDraft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再修改依据。");
        }

        if (_evidence.Any(e => e.SameAs(evidence)))
        {
            return AdjustmentOutcome.Refused($"该{AdjustmentEvidence.Chinese(evidence.Kind)}已列为依据。");
        }

        _evidence.Add(evidence);
        return AdjustmentOutcome.Done;
    }

    public AdjustmentOutcome RemoveEvidence(int evidenceId)
    {
        if (!IsDraft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再修改依据。");
        }

        var evidence = _evidence.FirstOrDefault(e => e.Id == evidenceId);
        if (evidence is null)
        {
            return AdjustmentOutcome.Refused("该依据不在本调整方案中。");
        }

        _evidence.Remove(evidence);
        return AdjustmentOutcome.Done;
    }

    /// <summary>
    /// Re-bases the draft on another version of the plan (the one now current) when the plan moved on while it was
    /// drafted. The caller checks that every change still applies to that version.
    /// </summary>
    public AdjustmentOutcome Rebase(int versionId)
    {
        if (!IsDraft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再重新起草。");
        }

        if (versionId == BasedOnVersionId)
        {
            return AdjustmentOutcome.Refused("调整方案已依据当前版本起草，无需重新起草。");
        }

        BasedOnVersionId = versionId;
        return AdjustmentOutcome.Done;
    }

    public void AddChange(AdjustmentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Status != AdjustmentStatus.Draft)
        {
            throw new InvalidOperationException("Changes are added to a draft proposal only.");
        }

        _changes.Add(change);
    }

    /// <summary>The proposer sends the draft to the ministry; from here its changes are fixed.</summary>
    public AdjustmentOutcome Submit(string? actor, DateTimeOffset at)
    {
        if (Status != AdjustmentStatus.Draft)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，不能再次提交。");
        }

        if (_changes.Count == 0)
        {
            return AdjustmentOutcome.Refused("调整方案中没有任何变更，不能提交。");
        }

        Status = AdjustmentStatus.Submitted;
        SubmittedAt = at;
        ProposedBy ??= actor;
        return AdjustmentOutcome.Done;
    }

    /// <summary>The ministry turns the proposal down, saying why; the plan stays as it is.</summary>
    public AdjustmentOutcome Reject(string? actor, string? comment, DateTimeOffset at)
    {
        if (Status != AdjustmentStatus.Submitted)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，只有已提交的方案可以审定。");
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return AdjustmentOutcome.Refused("不予批准须填写意见。");
        }

        Status = AdjustmentStatus.Rejected;
        DecidedBy = actor;
        DecidedAt = at;
        DecisionComment = comment.Trim();
        return AdjustmentOutcome.Done;
    }

    /// <summary>
    /// Whether the proposal can be approved now: submitted, and written against the version that is still current
    /// (<paramref name="currentVersionId"/>). Someone else's approval in between makes it stale: it must be redone
    /// against the new version, and the caller shows what changed.
    /// </summary>
    public AdjustmentOutcome CanApprove(int currentVersionId)
    {
        if (Status != AdjustmentStatus.Submitted)
        {
            return AdjustmentOutcome.Refused($"调整方案{Chinese(Status)}，只有已提交的方案可以审定。");
        }

        return BasedOnVersionId != currentVersionId
            ? AdjustmentOutcome.Stale("调整方案依据的规划版本已不是当前版本（其间已有其他调整获批），请对照变化后重新起草。")
            : AdjustmentOutcome.Done;
    }

    /// <summary>Records the approval and the version it produced (the caller applied the changes in the same transaction).</summary>
    public AdjustmentOutcome Approve(string? actor, string? comment, int currentVersionId, PlanVersion resultingVersion, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(resultingVersion);
        var check = CanApprove(currentVersionId);
        if (!check.Succeeded)
        {
            return check;
        }

        Status = AdjustmentStatus.Approved;
        ResultingVersion = resultingVersion;
        DecidedBy = actor;
        DecidedAt = at;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return AdjustmentOutcome.Done;
    }

    /// <summary>The version approval produced (set with <see cref="ResultingVersionId"/> when saved).</summary>
    public PlanVersion? ResultingVersion { get; private set; }

    public static string Chinese(AdjustmentStatus status) => status switch
    {
        AdjustmentStatus.Draft => "草稿",
        AdjustmentStatus.Submitted => "已提交",
        AdjustmentStatus.Approved => "已批准",
        AdjustmentStatus.Rejected => "未批准",
        _ => status.ToString(),
    };
}

public sealed record AdjustmentOutcome(bool Succeeded, bool IsStale, string? Refusal)
{
    public static readonly AdjustmentOutcome Done = new(true, false, null);

    public static AdjustmentOutcome Refused(string message) => new(false, false, message);

    public static AdjustmentOutcome Stale(string message) => new(false, true, message);
}

public enum AdjustmentStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}
