namespace PlanTracker.Domain.Reporting;

/// <summary>One step of a report's workflow. Never changed after it is written: a return's reason stays for good.</summary>
public sealed class ProgressReportEvent
{
    private ProgressReportEvent()
    {
    }

    public ProgressReportEvent(ReportStep step, string? actor, string? comment, DateTimeOffset at)
    {
        Step = step;
        Actor = actor;
        Comment = comment;
        At = at;
    }

    public long Id { get; private set; }

    public long ProgressReportId { get; private set; }

    public ReportStep Step { get; private set; }

    public string? Actor { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset At { get; private set; }
}

public enum ReportStep
{
    Created,
    Submitted,
    Reviewed,
    Returned,
    Approved,
    Reopened,

    /// <summary>
    /// An approved adjustment took the report's task out of the plan (cancelled, merged into another, split): a report
    /// not yet approved is closed with a note saying so; it stays readable and no longer counts in any figure.
    /// </summary>
    TaskWithdrawn,
}
