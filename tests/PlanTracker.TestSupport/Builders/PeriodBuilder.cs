using PlanTracker.Domain.Reporting;

namespace PlanTracker.TestSupport.Builders;

/// <summary>
/// A reporting period for a test, made by the domain's constructor and moved by its own Open and Close steps. Unless told
/// otherwise: the 2012 annual period of plan 1, still scheduled, with the label and dates <see cref="PeriodSchedule"/>
/// gives it (2012年度, entry opens 2013-01-01, due 2013-01-31, closed 2013-02-28).
/// </summary>
/// <remarks>
/// <see cref="Build"/> needs nothing but the domain; <c>SaveAsync</c> (PeriodBuilder.Save.cs) writes the period through
/// <c>AppDbContext</c>.
/// </remarks>
public sealed partial class PeriodBuilder
{
    private int _planId = 1;
    private PeriodKind _kind = PeriodKind.Annual;
    private int _year = 2012;
    private int _sequence = 1;
    private string? _label;
    private (DateOnly OpensOn, DateOnly DueOn, DateOnly ClosesOn)? _entry;
    private PeriodStatus _status = PeriodStatus.Scheduled;

    public PeriodBuilder OfPlan(int planId)
    {
        _planId = planId;
        return this;
    }

    public PeriodBuilder Annual(int year) => Of(PeriodKind.Annual, year, 1);

    /// <param name="half">1 for 上半年, 2 for 下半年.</param>
    public PeriodBuilder HalfYear(int year, int half) => Of(PeriodKind.HalfYear, year, half);

    public PeriodBuilder Quarter(int year, int quarter) => Of(PeriodKind.Quarter, year, quarter);

    /// <summary>Another label than the schedule's (2012年度 …), e.g. to tell two periods of one year apart on a page.</summary>
    public PeriodBuilder Labelled(string label)
    {
        _label = label;
        return this;
    }

    /// <summary>Other entry dates than the schedule's: when units may start, when reports are due, when entry is locked.</summary>
    public PeriodBuilder EntryDates(DateOnly opensOn, DateOnly dueOn, DateOnly closesOn)
    {
        _entry = (opensOn, dueOn, closesOn);
        return this;
    }

    /// <summary>Opened on its own open day (so its dates stay as planned): units may enter and submit.</summary>
    public PeriodBuilder Open()
    {
        _status = PeriodStatus.Open;
        return this;
    }

    /// <summary>Opened on its open day, then closed: entry is locked.</summary>
    public PeriodBuilder Closed()
    {
        _status = PeriodStatus.Closed;
        return this;
    }

    public ReportingPeriod Build()
    {
        var planned = PeriodSchedule.For(_year, _year, _kind).Single(p => p.Sequence == _sequence);
        var (opensOn, dueOn, closesOn) = _entry ?? (planned.OpensOn, planned.DueOn, planned.ClosesOn);
        var period = new ReportingPeriod(_planId, _kind, _year, _sequence, _label ?? planned.Label, planned.StartsOn, planned.EndsOn, opensOn, dueOn, closesOn);
        if (_status is PeriodStatus.Open or PeriodStatus.Closed)
        {
            Done(period.Open(period.OpensOn), "open");
        }

        if (_status == PeriodStatus.Closed)
        {
            Done(period.Close(), "close");
        }

        return period;
    }

    private PeriodBuilder Of(PeriodKind kind, int year, int sequence)
    {
        (_kind, _year, _sequence) = (kind, year, sequence);
        return this;
    }

    private static void Done(PeriodOutcome outcome, string step)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The test's period could not {step}: {outcome.Refusal}.");
        }
    }
}
