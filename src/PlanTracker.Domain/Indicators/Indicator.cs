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

    /// <summary>
    /// For a qualitative target (建立…体系): how many milestones the plan period holds. The figure recorded for a year is
    /// then the number of milestones reached by its end, and the target is rated by that share against time.
    /// </summary>
    public int? PlannedMilestones { get; private set; }

    /// <summary>Where the plan states the baseline: the sentence quoted from its text (“到2010年底，…18个…”).</summary>
    public string? BaselineNote { get; private set; }

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

    /// <summary>A new indicator from what a planner typed, or the reasons it is refused (and no indicator).</summary>
    public static (Indicator? Indicator, IReadOnlyList<Reason> Problems) Create(IndicatorDraft draft, IEnumerable<string> otherNames, int ordinal, Guid key)
    {
        var problems = IndicatorRules.Check(draft, otherNames);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var indicator = new Indicator(draft.Name!, null, null, null, null, null, draft.Target, null, ordinal, key, draft.Aggregation);
        indicator.Apply(draft);
        return (indicator, problems);
    }

    /// <summary>Changes every field a planner edits; refused (nothing changed) with the reasons when the draft breaks a rule.</summary>
    /// <param name="otherNames">The names of the version's other indicators.</param>
    public IReadOnlyList<Reason> Revise(IndicatorDraft draft, IEnumerable<string> otherNames)
    {
        var problems = IndicatorRules.Check(draft, otherNames);
        if (problems.Count == 0)
        {
            Apply(draft);
        }

        return problems;
    }

    /// <summary>Links exactly these nodes (all of the indicator's own version): links not named are removed, new ones added.</summary>
    public void LinkExactly(IEnumerable<Plans.PlanNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var wanted = nodes.Distinct().ToList();
        if (PlanVersionId != 0 && wanted.Any(n => n.PlanVersionId != PlanVersionId))
        {
            throw new ArgumentException("An indicator links only nodes of its own plan version.", nameof(nodes));
        }

        _links.RemoveAll(l => !wanted.Any(n => IsLinkTo(l, n)));
        foreach (var node in wanted.Where(n => !_links.Any(l => IsLinkTo(l, n))))
        {
            LinkTo(node);
        }
    }

    private static bool IsLinkTo(IndicatorLink link, Plans.PlanNode node) =>
        ReferenceEquals(link.Node, node) || (node.Id != 0 && link.PlanNodeId == node.Id);

    private void Apply(IndicatorDraft draft)
    {
        Name = draft.Name!.Trim();
        Category = IndicatorRules.Clean(draft.Category);
        Unit = IndicatorRules.Clean(draft.Unit);
        Nature = draft.Nature;
        Direction = draft.Direction;
        Aggregation = draft.Aggregation;
        BaselineYear = draft.BaselineYear;
        var baseline = draft.Baseline;
        Baseline = baseline.Comparison == TargetComparison.None ? null : baseline;
        BaselineNote = IndicatorRules.Clean(draft.BaselineNote);
        TargetYear = draft.TargetYear;
        Target = draft.Target;
        PlannedMilestones = draft.PlannedMilestones;
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
