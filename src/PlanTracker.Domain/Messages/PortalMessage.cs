namespace PlanTracker.Domain.Messages;

/// <summary>
/// A message the ministry sends to a unit inside the portal (站内消息), such as a reminder to report (催报). It is
/// addressed to the unit, not a person: whoever of the unit signs in sees it, and the first to open it marks it read,
/// so the planner who chased knows it arrived.
/// </summary>
public sealed class PortalMessage
{
    private PortalMessage()
    {
        Subject = string.Empty;
        Body = string.Empty;
    }

    public PortalMessage(int unitId, MessageKind kind, int? periodId, string subject, string body, string? sentBy, DateTimeOffset sentAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        UnitId = unitId;
        Kind = kind;
        PeriodId = periodId;
        Subject = subject.Trim();
        Body = body.Trim();
        SentBy = sentBy;
        SentAt = sentAt;
    }

    public long Id { get; private set; }

    /// <summary>The unit the message is for.</summary>
    public int UnitId { get; private set; }

    public MessageKind Kind { get; private set; }

    /// <summary>The reporting period the message is about, if any.</summary>
    public int? PeriodId { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public string? SentBy { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public string? ReadBy { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Marks the message read by the first of the unit to open it; later readers change nothing.</summary>
    public void MarkRead(string? reader, DateTimeOffset at)
    {
        if (ReadAt is not null)
        {
            return;
        }

        ReadBy = reader;
        ReadAt = at;
    }
}

public enum MessageKind
{
    /// <summary>催报: the period's deadline is near or past and reports are missing.</summary>
    Reminder,

    /// <summary>A report of the unit was returned or reopened.</summary>
    ReportReturned,

    /// <summary>Anything else a planner writes to a unit.</summary>
    Notice,
}

public static class PortalMessageLimits
{
    public const int MaxSubjectLength = 200;

    public const int MaxBodyLength = 2000;
}
