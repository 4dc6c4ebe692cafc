namespace PlanTracker.Domain.Reporting;

/// <summary>A window in which units report on a plan: a year, a half-year or a quarter, with its dates.</summary>
public sealed class ReportingPeriod
{
    private ReportingPeriod()
    {
        Label = string.Empty;
    }

    public ReportingPeriod(int planId, PeriodKind kind, int year, int sequence, string label, DateOnly startsOn, DateOnly endsOn, DateOnly opensOn, DateOnly dueOn, DateOnly closesOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var maxSequence = kind switch { PeriodKind.Annual => 1, PeriodKind.HalfYear => 2, _ => 4 };
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, maxSequence);
        if (endsOn < startsOn || dueOn < opensOn || closesOn < dueOn)
        {
            throw new ArgumentException("A period's dates must run start ≤ end and open ≤ due ≤ close.");
        }

        PlanId = planId;
        Kind = kind;
        Year = year;
        Sequence = sequence;
        Label = label;
        StartsOn = startsOn;
        EndsOn = endsOn;
        OpensOn = opensOn;
        DueOn = dueOn;
        ClosesOn = closesOn;
        Status = PeriodStatus.Scheduled;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PeriodKind Kind { get; private set; }

    public int Year { get; private set; }

    /// <summary>1 for a year; 1–2 for half-years; 1–4 for quarters.</summary>
    public int Sequence { get; private set; }

    /// <summary>How Chinese documents name it: 2013年度, 2013年上半年, 2013年第三季度 (<see cref="PeriodName.Chinese"/>).</summary>
    public string Label { get; private set; }

    /// <summary>Its name as fields, for the portal to word in the reader's language.</summary>
    public PeriodName Name => new(Kind, Year, Sequence);

    /// <summary>The stretch of time reported on.</summary>
    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>When units may start entering, when reports are due, when entry is locked.</summary>
    public DateOnly OpensOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    public PeriodStatus Status { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>Units may enter and submit only while the period is open; a closed period is locked.</summary>
    public bool AcceptsEntries => Status == PeriodStatus.Open;

    /// <summary>The days the period covers.</summary>
    public PeriodWindow Window => new(StartsOn, EndsOn);

    /// <summary>Scheduled → Open. Opening before the planned day moves the open date to <paramref name="today"/>.</summary>
    public PeriodOutcome Open(DateOnly today)
    {
        if (Status != PeriodStatus.Scheduled)
        {
            return PeriodOutcome.Refused(PeriodRefusal.NotScheduled);
        }

        if (today > ClosesOn)
        {
            return PeriodOutcome.Refused(PeriodRefusal.PastCloseDate);
        }

        if (today < OpensOn)
        {
            OpensOn = today;
        }

        Status = PeriodStatus.Open;
        return PeriodOutcome.Done;
    }

    /// <summary>New due and close dates for a period not yet closed: open ≤ due ≤ close must still hold.</summary>
    public PeriodOutcome Extend(DateOnly newDueOn, DateOnly newClosesOn)
    {
        if (Status == PeriodStatus.Closed)
        {
            return PeriodOutcome.Refused(PeriodRefusal.Locked);
        }

        if (newDueOn < OpensOn)
        {
            return PeriodOutcome.Refused(PeriodRefusal.DueBeforeOpen);
        }

        if (newClosesOn < newDueOn)
        {
            return PeriodOutcome.Refused(PeriodRefusal.CloseBeforeDue);
        }

        DueOn = newDueOn;
        ClosesOn = newClosesOn;
        return PeriodOutcome.Done;
    }

    /// <summary>Open → Closed: entry is locked.</summary>
    public PeriodOutcome Close()
    {
        if (Status != PeriodStatus.Open)
        {
            return PeriodOutcome.Refused(PeriodRefusal.NotOpen);
        }

        Status = PeriodStatus.Closed;
        return PeriodOutcome.Done;
    }

    /// <summary>Closed → Open, only with a reason (the caller records it in the audit log).</summary>
    public PeriodOutcome Reopen(string? reason)
    {
        if (Status != PeriodStatus.Closed)
        {
            return PeriodOutcome.Refused(PeriodRefusal.NotClosed);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return PeriodOutcome.Refused(PeriodRefusal.ReasonRequired);
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return PeriodOutcome.Refused(PeriodRefusal.ReasonTooLong);
        }

        Status = PeriodStatus.Open;
        return PeriodOutcome.Done;
    }

    public const int MaxReasonLength = 500;
}

/// <summary>What a period's step did: done, or why not.</summary>
public sealed record PeriodOutcome(PeriodRefusal? Refusal)
{
    public static readonly PeriodOutcome Done = new((PeriodRefusal?)null);

    public bool Succeeded => Refusal is null;

    public static PeriodOutcome Refused(PeriodRefusal refusal) => new(refusal);
}

public enum PeriodRefusal
{
    NotScheduled,
    PastCloseDate,
    NotOpen,
    NotClosed,
    Locked,
    DueBeforeOpen,
    CloseBeforeDue,
    ReasonRequired,
    ReasonTooLong,
}

public enum PeriodKind
{
    Annual,
    HalfYear,
    Quarter,
}

public enum PeriodStatus
{
    Scheduled,
    Open,
    Closed,
}
