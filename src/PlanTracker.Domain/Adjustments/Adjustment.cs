namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// A proposal to change a published plan (动态调整): one or more changes with a reason, decided by the ministry.
/// Approval produces the next plan version; the version it was based on stays as it was.
/// </summary>
public sealed class Adjustment
{
    private readonly List<AdjustmentChange> _changes = [];

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

    public void AddChange(AdjustmentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Status != AdjustmentStatus.Draft)
        {
            throw new InvalidOperationException("Changes are added to a draft proposal only.");
        }

        _changes.Add(change);
    }
}

public enum AdjustmentStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}
