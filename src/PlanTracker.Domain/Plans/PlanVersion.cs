namespace PlanTracker.Domain.Plans;

/// <summary>
/// One state of a plan's content. Version 1 is what was imported and published; every approved adjustment
/// makes the next. A published version is never edited in place, so every version stays readable.
/// </summary>
public sealed class PlanVersion
{
    private readonly List<PlanNode> _nodes = [];
    private readonly List<Indicators.Indicator> _indicators = [];

    private PlanVersion()
    {
    }

    public PlanVersion(int number, string? sourceText, string? sourceSha256, DateTimeOffset createdAt, string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
        SourceText = sourceText;
        SourceSha256 = sourceSha256;
        CreatedAt = createdAt;
        Note = note;
        Status = PlanVersionStatus.Draft;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Plan? Plan { get; private set; }

    /// <summary>1, 2, … within the plan.</summary>
    public int Number { get; private set; }

    public PlanVersionStatus Status { get; private set; }

    /// <summary>The imported text, kept so every node's <see cref="PlanNode.SourceStart"/> can be shown in context.</summary>
    public string? SourceText { get; private set; }

    /// <summary>SHA-256 (hex) of <see cref="SourceText"/>: importing the same text twice is recognised and changes nothing.</summary>
    public string? SourceSha256 { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public uint RowVersion { get; private set; }

    public IReadOnlyCollection<PlanNode> Nodes => _nodes;

    public IReadOnlyCollection<Indicators.Indicator> Indicators => _indicators;

    public void AddNode(PlanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node);
    }

    public void AddIndicator(Indicators.Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        _indicators.Add(indicator);
    }

    internal void AttachTo(Plan plan) => Plan = plan;

    public void Publish(DateTimeOffset at)
    {
        if (Status != PlanVersionStatus.Draft)
        {
            throw new InvalidOperationException($"Version {Number} is {Status}; only a draft can be published.");
        }

        Status = PlanVersionStatus.Published;
        PublishedAt = at;
        Plan?.MarkPublished();
    }
}

public enum PlanVersionStatus
{
    Draft,
    Published,

    /// <summary>A later version was published; this one stays readable as history.</summary>
    Superseded,
}
