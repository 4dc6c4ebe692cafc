namespace PlanTracker.Domain.Monitoring;

/// <summary>
/// A plan's thresholds for the computed statuses (docs/monitoring-rules.md explains each default).
/// Gaps are in percentage points of expected progress; days count from the due date or the return.
/// A planner may change them per plan; <see cref="Validate"/> gives the reasons values that make no sense are refused.
/// </summary>
public sealed record MonitoringThresholds
{
    public static readonly MonitoringThresholds Default = new();

    /// <summary>A task behind by more than this many points is amber. Default 10.</summary>
    public decimal AmberGapPoints { get; init; } = 10m;

    /// <summary>A task or indicator behind by more than this many points is red. Default 25.</summary>
    public decimal RedGapPoints { get; init; } = 25m;

    /// <summary>An indicator whose 完成进度 is within this many points of its 时序进度 is 基本符合预期. Default 10.</summary>
    public decimal OnScheduleBandPoints { get; init; } = 10m;

    /// <summary>A report overdue by more than this many days is red (less is amber). Default 14.</summary>
    public int OverdueRedDays { get; init; } = 14;

    /// <summary>A returned report not resubmitted more than this many days after the return is red (less is amber). Default 10.</summary>
    public int ReturnedRedDays { get; init; } = 10;

    /// <summary>Why these thresholds cannot be stored (reason codes); empty when they are fine.</summary>
    public IReadOnlyList<Reason> Validate()
    {
        var problems = new List<Reason>();
        if (AmberGapPoints is < 0 or > 100)
        {
            problems.Add(new(ThresholdProblem.AmberOutOfRange));
        }

        if (RedGapPoints is < 0 or > 100)
        {
            problems.Add(new(ThresholdProblem.RedOutOfRange));
        }
        else if (RedGapPoints <= AmberGapPoints)
        {
            problems.Add(new(ThresholdProblem.RedNotAboveAmber));
        }

        if (OnScheduleBandPoints is < 0 or > 100)
        {
            problems.Add(new(ThresholdProblem.BandOutOfRange));
        }
        else if (OnScheduleBandPoints >= RedGapPoints)
        {
            problems.Add(new(ThresholdProblem.BandNotBelowRed));
        }

        if (OverdueRedDays is < 1 or > 365)
        {
            problems.Add(new(ThresholdProblem.OverdueDaysOutOfRange));
        }

        if (ReturnedRedDays is < 1 or > 365)
        {
            problems.Add(new(ThresholdProblem.ReturnedDaysOutOfRange));
        }

        return problems;
    }

    public bool IsValid => Validate().Count == 0;

    internal void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Thresholds must be validated before use: " + string.Join(" ", problems), "thresholds");
        }
    }
}

/// <summary>Why monitoring thresholds are refused; the portal words each (Resources: ThresholdProblem.*).</summary>
public enum ThresholdProblem
{
    AmberOutOfRange,
    RedOutOfRange,
    RedNotAboveAmber,
    BandOutOfRange,
    BandNotBelowRed,
    OverdueDaysOutOfRange,
    ReturnedDaysOutOfRange,
}
