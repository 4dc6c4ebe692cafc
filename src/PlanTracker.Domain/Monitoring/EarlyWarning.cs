namespace PlanTracker.Domain.Monitoring;

/// <summary>
/// An early warning (预警): a task, a unit's part of a task, an indicator or a unit whose computed status turned amber
/// or red. It keeps the colour and the one-sentence reason of the day it was raised, so the list reads as what the
/// planner was told then, not what the status is now. A planner answers it by acknowledging it with a note, or by
/// linking it to the adjustment proposal (动态调整) that deals with it.
/// </summary>
public sealed class EarlyWarning
{
    private EarlyWarning()
    {
        SubjectKey = string.Empty;
        Reason = string.Empty;
    }

    public EarlyWarning(int planId, WarningSubject subject, StatusColour colour, StatusColour? previousColour, string reason, DateOnly asOf, DateTimeOffset raisedAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (colour is not (StatusColour.Amber or StatusColour.Red))
        {
            throw new ArgumentException("Only an amber or red status raises a warning.", nameof(colour));
        }

        PlanId = planId;
        Kind = subject.Kind;
        SubjectKey = subject.Key;
        TaskKey = subject.TaskKey;
        TaskId = subject.TaskId;
        UnitId = subject.UnitId;
        IndicatorId = subject.IndicatorId;
        EvidenceReportId = subject.EvidenceReportId;
        Colour = colour;
        PreviousColour = previousColour;
        Reason = reason.Length > EarlyWarningLimits.MaxReasonLength ? reason[..EarlyWarningLimits.MaxReasonLength] : reason;
        AsOf = asOf;
        RaisedAt = raisedAt;
        State = WarningState.Open;
    }

    public long Id { get; private set; }

    public int PlanId { get; private set; }

    public WarningKind Kind { get; private set; }

    /// <summary>Names the subject across scans and plan versions (see <see cref="WarningSubject"/>).</summary>
    public string SubjectKey { get; private set; }

    /// <summary>The task's key (the same task in every plan version), for task and task-unit warnings.</summary>
    public Guid? TaskKey { get; private set; }

    /// <summary>The task node in the version current when the warning was raised.</summary>
    public int? TaskId { get; private set; }

    public int? UnitId { get; private set; }

    public int? IndicatorId { get; private set; }

    /// <summary>The approved report the status was judged on, if any: the evidence a planner opens first.</summary>
    public long? EvidenceReportId { get; private set; }

    public StatusColour Colour { get; private set; }

    /// <summary>The colour before (null: the subject's first status).</summary>
    public StatusColour? PreviousColour { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The day the status was computed for.</summary>
    public DateOnly AsOf { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public WarningState State { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The adjustment proposal that answers the warning.</summary>
    public int? AdjustmentId { get; private set; }

    public uint RowVersion { get; private set; }

    public bool IsOpen => State == WarningState.Open;

    /// <summary>A planner has looked at the warning and says what is being done (or why nothing need be).</summary>
    public WarningOutcome Acknowledge(string? actor, string? note, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return WarningOutcome.Refused("该预警已处理，不能重复处理。");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return WarningOutcome.Refused("确认预警须填写处理意见。");
        }

        if (note.Trim().Length > EarlyWarningLimits.MaxNoteLength)
        {
            return WarningOutcome.Refused($"处理意见不能超过{EarlyWarningLimits.MaxNoteLength}字。");
        }

        State = WarningState.Acknowledged;
        Note = note.Trim();
        HandledBy = actor;
        HandledAt = at;
        return WarningOutcome.Done;
    }

    /// <summary>The warning is answered by an adjustment proposal of the same plan (the caller checks the plan).</summary>
    public WarningOutcome LinkToAdjustment(int adjustmentId, string? actor, string? note, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return WarningOutcome.Refused("该预警已处理，不能重复处理。");
        }

        if (note is not null && note.Trim().Length > EarlyWarningLimits.MaxNoteLength)
        {
            return WarningOutcome.Refused($"处理意见不能超过{EarlyWarningLimits.MaxNoteLength}字。");
        }

        State = WarningState.LinkedToAdjustment;
        AdjustmentId = adjustmentId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        HandledBy = actor;
        HandledAt = at;
        return WarningOutcome.Done;
    }
}

public enum WarningKind
{
    /// <summary>A task of the plan, judged on all its units' approved progress.</summary>
    Task,

    /// <summary>One unit's part of a task (its assignment): progress and the report it owes.</summary>
    TaskUnit,

    Indicator,

    /// <summary>A reporting unit as a whole (its average completion against time).</summary>
    Unit,
}

public enum WarningState
{
    Open,
    Acknowledged,
    LinkedToAdjustment,
}

/// <summary>What a status is about, with the key that names it across scans.</summary>
public sealed record WarningSubject(WarningKind Kind, string Key, Guid? TaskKey, int? TaskId, int? UnitId, int? IndicatorId, long? EvidenceReportId)
{
    public static WarningSubject Task(Guid taskKey, int taskId, long? evidenceReportId = null) =>
        new(WarningKind.Task, $"task:{taskKey:N}", taskKey, taskId, null, null, evidenceReportId);

    public static WarningSubject TaskUnit(Guid taskKey, int taskId, int unitId, long? evidenceReportId) =>
        new(WarningKind.TaskUnit, $"task-unit:{taskKey:N}:{unitId}", taskKey, taskId, unitId, null, evidenceReportId);

    public static WarningSubject Indicator(Guid indicatorKey, int indicatorId) =>
        new(WarningKind.Indicator, $"indicator:{indicatorKey:N}", null, null, null, indicatorId, null);

    public static WarningSubject Unit(int unitId) =>
        new(WarningKind.Unit, $"unit:{unitId}", null, null, unitId, null, null);
}

public sealed record WarningOutcome(bool Succeeded, string? Refusal)
{
    public static readonly WarningOutcome Done = new(true, null);

    public static WarningOutcome Refused(string message) => new(false, message);
}

public static class EarlyWarningLimits
{
    public const int MaxReasonLength = 500;

    public const int MaxNoteLength = 1000;

    public const int MaxSubjectKeyLength = 100;
}

/// <summary>
/// The last computed colour of a subject, per plan: what a scan compares against to decide whether a warning is new
/// (<see cref="StatusColours.RaisesWarning"/>). One row per subject, updated in place.
/// </summary>
public sealed class MonitoredStatus
{
    private MonitoredStatus()
    {
        SubjectKey = string.Empty;
    }

    public MonitoredStatus(int planId, string subjectKey, StatusColour colour, DateOnly since)
    {
        PlanId = planId;
        SubjectKey = subjectKey;
        Colour = colour;
        Since = since;
    }

    public int PlanId { get; private set; }

    public string SubjectKey { get; private set; }

    public StatusColour Colour { get; private set; }

    /// <summary>The as-of day of the scan that first saw this colour.</summary>
    public DateOnly Since { get; private set; }

    /// <summary>Records the new colour; returns the colour before (null if unchanged).</summary>
    public StatusColour? MoveTo(StatusColour colour, DateOnly asOf)
    {
        if (colour == Colour)
        {
            return null;
        }

        var before = Colour;
        Colour = colour;
        Since = asOf;
        return before;
    }
}
