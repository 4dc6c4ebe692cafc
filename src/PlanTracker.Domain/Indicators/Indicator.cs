namespace PlanTracker.Domain.Indicators;

/// <summary>A measured quantity of a plan version (主要指标): unit, baseline and target, each with its year.</summary>
public sealed class Indicator
{
    private readonly List<IndicatorLink> _links = [];

    private Indicator()
    {
        Name = string.Empty;
        Target = new StatedValue(string.Empty, TargetComparison.None, null, null);
    }

    public Indicator(
        string name,
        string? category,
        string? unit,
        int? baselineYear,
        StatedValue? baseline,
        int? targetYear,
        StatedValue target,
        IndicatorNature? nature,
        int ordinal,
        Guid key,
        IndicatorAggregation aggregation = IndicatorAggregation.Sum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(target);
        if (baselineYear is not null && targetYear is not null && targetYear < baselineYear)
        {
            throw new ArgumentException("An indicator's target year cannot be before its baseline year.", nameof(targetYear));
        }

        Name = name.Trim();
        Category = category;
        Unit = unit;
        BaselineYear = baselineYear;
        Baseline = baseline;
        TargetYear = targetYear;
        Target = target;
        Nature = nature;
        Ordinal = ordinal;
        Key = key;
        Direction = IndicatorDirection.HigherIsBetter;
        Aggregation = aggregation;
    }

    public int Id { get; private set; }

    public int PlanVersionId { get; private set; }

    /// <summary>Identifies "the same indicator" across plan versions.</summary>
    public Guid Key { get; private set; }

    public int Ordinal { get; private set; }

    /// <summary>类别 / 领域 in a 主要指标 table.</summary>
    public string? Category { get; private set; }

    public string Name { get; private set; }

    /// <summary>Unit of measure as written: %, 万人次, 家, 个.</summary>
    public string? Unit { get; private set; }

    public IndicatorNature? Nature { get; private set; }

    public IndicatorDirection Direction { get; private set; }

    public IndicatorAggregation Aggregation { get; private set; }

    public int? BaselineYear { get; private set; }

    public StatedValue? Baseline { get; private set; }

    public int? TargetYear { get; private set; }

    public StatedValue Target { get; private set; }

    public int? SourceStart { get; private set; }

    public int? SourceLength { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>The outline nodes this indicator measures.</summary>
    public IReadOnlyCollection<IndicatorLink> Links => _links;

    public void SetSource(Plans.SourceSpan span)
    {
        SourceStart = span.Start;
        SourceLength = span.Length;
    }

    public void LinkTo(Plans.PlanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _links.Add(new IndicatorLink(this, node));
    }
}

public enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>How units' values combine into the national figure.</summary>
public enum IndicatorAggregation
{
    Sum,
    Average,

    /// <summary>Only the ministry reports the national figure; unit values are not combined.</summary>
    NationalOnly,
}
