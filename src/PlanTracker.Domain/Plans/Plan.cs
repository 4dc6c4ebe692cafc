namespace PlanTracker.Domain.Plans;

/// <summary>
/// A policy plan (规划 / 专项规划): its identity and cover data. Its content lives in <see cref="PlanVersion"/>s,
/// so that adjustments never rewrite what was published.
/// </summary>
public sealed class Plan
{
    private readonly List<PlanVersion> _versions = [];

    private Plan()
    {
        Title = string.Empty;
    }

    public Plan(string title, string? documentNumber, string? issuer, DateOnly? issueDate, int? startYear, int? endYear, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (startYear is not null && endYear is not null && endYear < startYear)
        {
            throw new ArgumentException("A plan's period cannot end before it starts.", nameof(endYear));
        }

        Title = title.Trim();
        DocumentNumber = string.IsNullOrWhiteSpace(documentNumber) ? null : documentNumber.Trim();
        Issuer = string.IsNullOrWhiteSpace(issuer) ? null : issuer.Trim();
        IssueDate = issueDate;
        StartYear = startYear;
        EndYear = endYear;
        Status = PlanStatus.Draft;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>文号, e.g. 国科发计〔2012〕70号. Unique when present.</summary>
    public string? DocumentNumber { get; private set; }

    public string? Issuer { get; private set; }

    public DateOnly? IssueDate { get; private set; }

    public int? StartYear { get; private set; }

    public int? EndYear { get; private set; }

    public PlanStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>The thresholds this plan's computed statuses use (docs/monitoring-rules.md); the defaults until a planner changes them.</summary>
    public Monitoring.MonitoringThresholds Thresholds { get; private set; } = Monitoring.MonitoringThresholds.Default;

    public IReadOnlyCollection<PlanVersion> Versions => _versions;

    public PlanVersion AddVersion(PlanVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.AttachTo(this);
        _versions.Add(version);
        return version;
    }

    /// <summary>Sets the plan's monitoring thresholds; refused (nothing changed) with the reasons when they make no sense.</summary>
    public IReadOnlyList<Reason> ChangeThresholds(Monitoring.MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var problems = thresholds.Validate();
        if (problems.Count == 0)
        {
            Thresholds = thresholds;
        }

        return problems;
    }

    /// <summary>Marks the plan as in force once its first version is published.</summary>
    public void MarkPublished()
    {
        Status = PlanStatus.Published;
    }
}

public enum PlanStatus
{
    /// <summary>Imported, being shaped by planners; visible to planners only.</summary>
    Draft,

    /// <summary>In force: a published version exists.</summary>
    Published,

    /// <summary>Its period is over and its evaluation done.</summary>
    Archived,
}
