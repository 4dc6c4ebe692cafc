namespace PlanTracker.Domain.Adjustments;

/// <summary>One change inside an adjustment proposal. Its details are kept as JSON because each kind has its own shape.</summary>
public sealed class AdjustmentChange
{
    private AdjustmentChange()
    {
        PayloadJson = "{}";
    }

    public AdjustmentChange(AdjustmentChangeKind kind, Guid? subjectKey, string payloadJson, int ordinal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payloadJson);
        Kind = kind;
        SubjectKey = subjectKey;
        PayloadJson = payloadJson;
        Ordinal = ordinal;
    }

    public int Id { get; private set; }

    public int AdjustmentId { get; private set; }

    public int Ordinal { get; private set; }

    public AdjustmentChangeKind Kind { get; private set; }

    /// <summary>The <c>Key</c> of the node or indicator the change is about, when it is about one.</summary>
    public Guid? SubjectKey { get; private set; }

    public string PayloadJson { get; private set; }
}

public enum AdjustmentChangeKind
{
    ReviseTarget,
    MoveDates,
    ReassignUnits,
    AddTask,
    CancelTask,
    MergeTasks,
    SplitTask,
    RewordTask,
}
